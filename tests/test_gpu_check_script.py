"""bench/gpu_check.py without a GPU: its arithmetic, its report, and its refusal to run here."""
import pathlib
import subprocess
import sys
import types

import numba
import pytest

BENCH = pathlib.Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import gpu_check  # noqa: E402


def test_peak_bandwidth_is_clock_times_bus_width_times_two():
    a100 = types.SimpleNamespace(MEMORY_CLOCK_RATE=1_215_000, GLOBAL_MEMORY_BUS_WIDTH=5120)  # kHz, bits
    assert gpu_check.peak_bandwidth(a100) == pytest.approx(1.5552e12)                    # A100's 1555 GB/s
    hbm = types.SimpleNamespace(MEMORY_CLOCK_RATE=3_201_000, GLOBAL_MEMORY_BUS_WIDTH=6144)
    assert gpu_check.peak_bandwidth(hbm) == pytest.approx(3.201e9 * 6144 / 8 * 2)


def test_gbps_counts_one_read_and_one_write_of_float32():
    assert gpu_check.gbps(100_000_000, 0.001) == pytest.approx(800.0)


def test_chain_rows_judge_jitgrad_against_the_target_and_the_hand_kernel():
    peak, n = 1e12, 100_000_000                     # 8e8 bytes per call: 0.8 ms at peak
    rows = gpu_check.chain_rows(n, [('jitgrad.compile(target="cuda")', 1e-3),
                                    ("hand-written numba.cuda kernel", 0.9e-3)], peak, 2e-7)
    assert [r.met for r in rows] == [True, None, True]      # 80% of peak; no target; agrees
    assert "800 GB/s, 80.0% of 1,000 GB/s peak" in rows[0].result
    assert rows[1].check.endswith("hand-written numba.cuda kernel") and "88.9%" in rows[1].result
    slow = gpu_check.chain_rows(n, [("jitgrad", 2e-3)], peak, 1.0)
    assert [r.met for r in slow] == [False, False] and not slow[0].gates and slow[1].gates
    unknown = gpu_check.chain_rows(n, [("jitgrad", 1e-3)], None, 0.0)
    assert unknown[0].met is None and "peak unknown" in unknown[0].result


def test_mlp_rows_compare_ms_and_losses():
    result = {"cuda_ms": 2.0, "cpu_ms": 30.0, "cuda_loss": 2.30001, "cpu_loss": 2.30002, "steps": 61}
    speed, agreement = gpu_check.mlp_rows(1024, result)
    assert speed.met and "2.00 ms vs 30.00 ms: CPU/CUDA 15x" in speed.result
    assert agreement.met and agreement.gates and "61 steps" in agreement.check
    speed, agreement = gpu_check.mlp_rows(1024, dict(result, cuda_ms=40.0, cuda_loss=2.4))
    assert speed.met is False and agreement.met is False


def test_pytest_counts_and_the_tests_row():
    out = "....F.s\nFAILED tests/cuda/test_x.py::test_y\n1 failed, 40 passed, 2 skipped, 1 error in 9.12s\n"
    counts = gpu_check.parse_pytest_counts(out)
    assert counts == {"failed": 1, "passed": 40, "skipped": 2, "errors": 1}
    row = gpu_check.tests_row(gpu_check.TestRun(counts, 1, 9.12, out))
    assert row.result == "40 passed, 1 failed, 1 errors, 2 skipped in 9 s" and row.met is False and row.gates
    assert gpu_check.tests_row(gpu_check.TestRun({"passed": 3}, 0, 1.0, "3 passed in 1.0s")).met
    missing = gpu_check.tests_row(gpu_check.TestRun({}, 4, 0.4, "ERROR: file or directory not found"))
    assert "no tests ran (pytest exit status 4)" in missing.result and missing.met is False
    assert gpu_check.tests_row(None).met is None


def test_format_table_is_markdown_with_aligned_columns():
    rows = [gpu_check.Row("Fused chain", "4,000 GB/s", ">= 70% of peak", True),
            gpu_check.Row("  baseline", "4,200 GB/s", "", None),
            gpu_check.Row("MLP step", "3 ms vs 2 ms", "CUDA faster", False)]
    lines = gpu_check.format_table(rows).splitlines()
    assert lines[0].split("|")[1:-1] == [" Check       ", " Result       ", " Target         ", " Met    "]
    assert set(lines[1].replace("|", "").replace(" ", "")) == {"-"}
    assert [line.split("|")[4].strip() for line in lines[2:]] == ["yes", "-", "**no**"]
    assert len({len(line) for line in lines}) == 1


def test_arguments_accept_exponent_counts():
    args = gpu_check.parse_args(["--elements", "1e6", "--repeat", "5", "--skip-tests"])
    assert (args.elements, args.repeat, args.skip_tests) == (1_000_000, 5, True)
    defaults = gpu_check.parse_args([])
    assert (defaults.elements, defaults.repeat, defaults.skip_tests) == (100_000_000, 20, False)
    with pytest.raises(SystemExit):
        gpu_check.parse_args(["--elements", "0.5"])


def test_main_exits_2_here_without_a_gpu_or_under_the_simulator(capsys):
    # this machine has no GPU; tests/conftest.py may have switched Numba's simulator on: both refuse
    with pytest.raises(SystemExit) as exit_:
        gpu_check.main(["--skip-tests"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gpu_check: ") and ("simulator" in err or "no CUDA" in err)


def test_main_refuses_the_simulator_before_asking_for_a_gpu(monkeypatch, capsys):
    monkeypatch.setattr(numba.config, "ENABLE_CUDASIM", 1)
    monkeypatch.setattr(gpu_check.jg, "cuda", None, raising=False)     # must not be looked at
    with pytest.raises(SystemExit) as exit_:
        gpu_check.main([])
    assert exit_.value.code == 2 and "NUMBA_ENABLE_CUDASIM" in capsys.readouterr().err


def test_main_refuses_when_jitgrad_finds_no_gpu(monkeypatch, capsys):
    monkeypatch.setattr(numba.config, "ENABLE_CUDASIM", 0)
    monkeypatch.setattr(gpu_check.jg, "cuda", types.SimpleNamespace(is_available=lambda: False), raising=False)
    with pytest.raises(SystemExit) as exit_:
        gpu_check.main([])
    assert exit_.value.code == 2 and "is_available() is False" in capsys.readouterr().err


def test_importing_the_script_imports_no_gpu_library():
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); import gpu_check; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'cupy') "
             "or m == 'numba.cuda' or m.startswith('numba.cuda.')))")
    done = subprocess.run([sys.executable, "-c", probe, str(BENCH)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
