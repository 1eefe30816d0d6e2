"""The on-disk kernel cache: a second process loads machine code instead of running LLVM;
corrupt or torn entries are rebuilt, never trusted; processes can share the directory."""
import os
import pathlib
import subprocess
import sys
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent

# Compiles one function, checks its value, and prints how Numba got each kernel's code.
SCRIPT = textwrap.dedent("""
    import numpy as np
    import jitgrad as jg
    f = jg.compile(lambda x: (jg.tanh(x * 0.5 + 1.0) * jg.exp(-x)).sum())
    x = jg.tensor(np.linspace(-2, 2, 300_000, dtype=np.float32))
    got = f(x).item()
    want = float(np.sum(np.tanh(x.numpy() * 0.5 + 1.0) * np.exp(-x.numpy()), dtype=np.float64))
    assert abs(got - want) <= 1e-4 * abs(want), (got, want)
    kernels = [s.function for s in next(iter(f.entries.values())).forward.steps if hasattr(s, "function")]
    print("hits", sum(sum(k.stats.cache_hits.values()) for k in kernels),
          "misses", sum(sum(k.stats.cache_misses.values()) for k in kernels))
""")


def run(cache_dir):
    env = dict(os.environ, JITGRAD_CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    hits, misses = (int(v) for v in done.stdout.split()[1::2])
    return hits, misses


@pytest.mark.slow
def test_second_process_loads_compiled_code_from_disk(tmp_path):
    first = run(tmp_path)
    assert first == (0, 1)                   # compiled once, with LLVM
    modules = list((tmp_path / "kernels").glob("k_*.py"))
    assert len(modules) == 1
    assert list((tmp_path / "kernels").rglob("*.nbi")), "Numba wrote no cache index"
    assert run(tmp_path) == (1, 0)           # the second process skipped LLVM


@pytest.mark.slow
def test_corrupt_entries_are_rebuilt_not_trusted(tmp_path):
    run(tmp_path)
    module = next((tmp_path / "kernels").glob("k_*.py"))
    module.write_text("this is not the kernel module\n")          # a torn or corrupt write
    for compiled in (tmp_path / "kernels").rglob("*.nbc"):
        compiled.write_bytes(b"\0garbage")
    hits, misses = run(tmp_path)             # still computes the right value (asserted inside)
    assert "import numpy" in module.read_text()


@pytest.mark.slow
def test_processes_can_share_the_directory_at_once(tmp_path):
    env = dict(os.environ, JITGRAD_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", SCRIPT], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    assert len(list((tmp_path / "kernels").glob("k_*.py"))) == 1
