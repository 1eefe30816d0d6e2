"""Every kernel the CUDA code generator emits for the test programs (tests/cuda/programs.py,
and the eager single-op tests) compiles to PTX for Hopper with Numba's type checking — the
check the simulator cannot make. Runs in a child process without the simulator, with
CUDA_HOME at the toolkit of the nvcc on PATH; skips, saying why, where there is none."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from ptx import find_toolkit

HERE = pathlib.Path(__file__).resolve().parent


def test_every_generated_kernel_compiles_to_ptx():
    toolkit, why = find_toolkit()
    if toolkit is None:
        pytest.skip(why)
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["CUDA_HOME"] = str(toolkit.root)
    done = subprocess.run([sys.executable, str(HERE / "ptx_programs.py")], cwd=HERE, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert not report["failed"], "\n\n".join(f"{name}:\n{error}" for name, error in report["failed"].items())
    # every program gives kernels: elementwise groups, closing and lone reductions, backward ones
    assert len(report["compiled"]) >= 50
    assert any("/kernel_sum" in name for name in report["compiled"])
