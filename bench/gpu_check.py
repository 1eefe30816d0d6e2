"""The CUDA target on a real GPU, checked and measured in one run (under 5 minutes).

1. The CUDA test suite on the GPU itself: ``pytest -q -p no:xdist tests/cuda`` in a subprocess
   with ``JITGRAD_TEST_REAL_GPU=1`` and without ``NUMBA_ENABLE_CUDASIM`` (the simulator checks
   semantics; only a GPU checks Numba's CUDA type inference and real launches).
2. The fused elementwise chain y = sigmoid(tanh(1.5*x + 0.5) * x) on 1e8 float32, forward under
   no_grad: jitgrad.compile(target="cuda") in GB/s against the device's theoretical peak memory
   bandwidth (target: >= 70%), beside a hand-written numba.cuda kernel of the same chain, and
   CuPy (cupy.fuse) and PyTorch eager when installed with CUDA. Every GB/s figure counts
   8 bytes per element, x read once (4) and y written once (4): the traffic of one fused kernel,
   whatever a library really moves (PyTorch eager runs 5 kernels).
3. One training step of an MLP 784-256-256-10 (ReLU, cross-entropy, SGD lr 0.01, batch 1024,
   float32): jitgrad.compile(target="cuda") with model and data on the GPU against
   jitgrad.compile on the CPU from the same initial weights (target: the GPU faster); their
   losses after the same number of steps must agree.

It ends with one Markdown table of the figures and targets, for the README. Exit status 0;
1 when a test fails, a result disagrees with its reference or a part cannot run (a missed speed
target is reported in the table, not an error); 2, before anything is tried, where there is no
GPU or Numba's CUDA simulator is on.

    python bench/gpu_check.py [--repeat 20] [--elements 1e8] [--skip-tests]
"""
from __future__ import annotations

import argparse
import math
import os
import pathlib
import re
import subprocess
import sys
import time
import traceback
from typing import NamedTuple

import numba
import numpy as np

import jitgrad as jg
from jitgrad import nn
import jitgrad.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parent.parent
BYTES_PER_ELEMENT = 8          # float32: x read once, y written once
BANDWIDTH_TARGET = 0.70        # of the theoretical peak
TESTS_TIMEOUT_S = 150          # leaves the benchmarks their share of the 5 minutes
ROUNDS = 3                     # timed loops per figure; the best counts
CHAIN_TOLERANCE = 1e-5         # max |jitgrad - hand kernel|; y lies in (0, 1)
LOSS_TOLERANCE = 1e-3          # relative, CUDA vs CPU loss after the same steps
LR = 0.01
# float32 constants: Numba freezes NumPy scalar globals with their type, so the hand kernel
# computes in float32 as jitgrad's does (a Python 1.5 would promote the chain to float64)
SCALE, SHIFT, ONE = np.float32(1.5), np.float32(0.5), np.float32(1.0)


class Row(NamedTuple):
    """One line of the summary table. met is None where a figure has no target; a row that
    gates fails the run when not met (tests, agreement, errors; not speed)."""
    check: str
    result: str
    target: str
    met: bool | None
    gates: bool = False


class TestRun(NamedTuple):
    counts: dict          # {"passed": 40, "failed": 1, ...} from pytest's last line
    returncode: int | None  # None: killed at the timeout
    seconds: float
    output: str


# ------------------------------------------------------------------ no GPU, no figures
def why_no_gpu() -> str | None:
    """Why this process cannot measure a GPU (None when it can). The simulator comes first:
    under it is_available() is true, but every kernel runs on the CPU, one thread at a time."""
    if numba.config.ENABLE_CUDASIM:
        return ("NUMBA_ENABLE_CUDASIM is set: Numba's CUDA simulator runs kernels on the CPU, so no figure "
                "would be the GPU's. Unset it and run on a machine with an NVIDIA GPU.")
    cuda = getattr(jg, "cuda", None)
    if cuda is None:
        return "this jitgrad has no CUDA target (jitgrad.cuda is missing)."
    if not cuda.is_available():
        return ("no CUDA GPU: jitgrad.cuda.is_available() is False (no NVIDIA GPU, driver or Numba CUDA "
                "support here). Run this script on a machine with one.")
    return None


# ------------------------------------------------------------------ 1. the test suite
def run_cuda_tests(timeout=TESTS_TIMEOUT_S) -> TestRun:
    """tests/cuda on the real GPU, in a process of its own: the conftest reads
    JITGRAD_TEST_REAL_GPU before Numba is imported, and a simulator setting inherited from
    this environment would override it. One GPU: no xdist workers."""
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["JITGRAD_TEST_REAL_GPU"] = "1"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "tests/cuda"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        output, returncode = done.stdout + done.stderr, done.returncode
    except subprocess.TimeoutExpired as err:   # its output comes back as bytes even with text=True
        output = "".join(part.decode(errors="replace") if isinstance(part, bytes) else part or ""
                         for part in (err.stdout, err.stderr))
        output += f"\n(killed after {timeout} s)"
        returncode = None
    return TestRun(parse_pytest_counts(output), returncode, time.perf_counter() - start, output)


def parse_pytest_counts(output: str) -> dict:
    """{outcome: count} from pytest's closing line ('1 failed, 40 passed, 2 skipped in 9.1s')."""
    for line in reversed(output.splitlines()):
        found = re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)\b", line)
        if found:
            return {("errors" if word == "error" else word): int(count) for count, word in found}
    return {}


def tests_row(run: TestRun | None) -> Row:
    check = "CUDA test suite on the GPU (`pytest tests/cuda`)"
    if run is None:
        return Row(check, "skipped (--skip-tests)", "all pass", None)
    counts = ", ".join(f"{run.counts.get(k, 0)} {k}" for k in ("passed", "failed", "errors"))
    counts += "".join(f", {run.counts[k]} {k}" for k in ("skipped", "xfailed", "xpassed") if run.counts.get(k))
    if run.returncode is None:
        counts += ", timed out"
    elif not run.counts:
        counts = f"no tests ran (pytest exit status {run.returncode})"
    return Row(check, f"{counts} in {run.seconds:.0f} s", "all pass", run.returncode == 0, gates=True)


# ------------------------------------------------------------------ 2. the fused chain
def peak_bandwidth(device) -> float:
    """Theoretical peak memory bandwidth (bytes/s) of a numba.cuda device."""
    # memory clock (kHz -> Hz) x bus width (bits -> bytes) x 2 transfers per clock (double
    # data rate); HBM reports its clock so that the same formula holds
    return device.MEMORY_CLOCK_RATE * 1e3 * (device.GLOBAL_MEMORY_BUS_WIDTH / 8) * 2


def device_seconds(fn, repeat, sync, rounds=ROUNDS) -> float:
    """Best seconds per call over `rounds` loops of `repeat` calls. sync() on both sides of a
    loop: launches return at once, so without it the loop would time the queueing only."""
    fn()                       # warm-up: compilation, first allocations
    best = math.inf
    for _ in range(rounds):
        sync()
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        sync()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def chain(x):
    return ((x * 1.5 + 0.5).tanh() * x).sigmoid()


cuda = None   # numba.cuda, imported by hand_kernel(): a global, as Numba's simulator expects


def hand_kernel():
    """The chain as one grid-stride numba.cuda kernel: defined on first use, so that importing
    this script does not import numba.cuda."""
    global cuda
    from numba import cuda

    @cuda.jit
    def chain_kernel(x, y):
        i = cuda.grid(1)
        stride = cuda.gridsize(1)
        while i < x.shape[0]:
            v = x[i]
            t = math.tanh(v * SCALE + SHIFT) * v
            y[i] = ONE / (ONE + math.exp(-t))
            i += stride
    return chain_kernel


def kernel_traffic(compiled):
    """(kernels, bytes they read and write per call) of a compiled function's forward
    schedule; None for what this jitgrad's schedule does not tell."""
    try:
        steps = next(iter(compiled.entries.values())).forward.steps
    except (AttributeError, StopIteration):
        return None, None
    kernels = [s for s in steps if hasattr(s, "source")]
    moved = sum(getattr(s, "bytes_read", 0) + getattr(s, "bytes_written", 0) for s in kernels)
    return len(kernels), moved or None


def fused_chain(n, repeat):
    """([(name, seconds per call)], notes) for the chain on n float32, jitgrad's row first."""
    from numba import cuda
    x_np = np.random.default_rng(0).standard_normal(n, dtype=np.float32)
    rows, notes = [], {}

    x = jg.from_numpy(x_np).cuda()
    compiled = jg.compile(chain, target="cuda")
    with jg.no_grad():
        rows.append(('jitgrad.compile(target="cuda")', device_seconds(lambda: compiled(x), repeat,
                                                                       jg.cuda.synchronize)))
        y = compiled(x).cpu().numpy()
    notes["kernels"], notes["kernel_bytes"] = kernel_traffic(compiled)
    del x

    kernel = hand_kernel()
    device = cuda.get_current_device()
    threads = 256
    blocks = min(math.ceil(n / threads), device.MULTIPROCESSOR_COUNT * 32)   # grid-stride: ~full occupancy
    x_dev = cuda.to_device(x_np)
    y_dev = cuda.device_array_like(x_dev)
    rows.append(("hand-written numba.cuda kernel",
                 device_seconds(lambda: kernel[blocks, threads](x_dev, cuda.device_array_like(x_dev)),
                                repeat, cuda.synchronize)))
    # the same kernel writing into one preallocated array: the kernel alone, no allocation
    # (jitgrad's figure includes handing out a fresh output per call, as the first row's does)
    rows.append(("hand-written kernel, preallocated output",
                 device_seconds(lambda: kernel[blocks, threads](x_dev, y_dev), repeat, cuda.synchronize)))
    notes["max_diff"] = float(np.max(np.abs(y - y_dev.copy_to_host())))
    del x_dev, y_dev, y

    try:
        import cupy as cp

        @cp.fuse()
        def cupy_chain(t):
            return ONE / (ONE + cp.exp(-(cp.tanh(t * SCALE + SHIFT) * t)))
        cx = cp.asarray(x_np)
        rows.append(("CuPy (cupy.fuse)", device_seconds(lambda: cupy_chain(cx), repeat,
                                                         cp.cuda.Device().synchronize)))
        del cx
    except ImportError:
        pass
    try:
        import torch
        if torch.cuda.is_available():
            tx = torch.from_numpy(x_np).cuda()
            rows.append(("PyTorch eager (5 kernels)",
                         device_seconds(lambda: torch.sigmoid(torch.tanh(tx * 1.5 + 0.5) * tx), repeat,
                                        torch.cuda.synchronize)))
            del tx
        else:
            print("(PyTorch is installed without CUDA: no PyTorch row)")
    except ImportError:
        pass
    return rows, notes


def gbps(n, seconds) -> float:
    return n * BYTES_PER_ELEMENT / seconds / 1e9


def chain_rows(n, timings, peak, max_diff) -> list[Row]:
    """Summary rows: jitgrad's bandwidth against the target, each baseline's, the agreement."""
    peak_text = f"{peak / 1e9:,.0f} GB/s peak" if peak else "peak unknown"

    def achieved(seconds):
        rate = gbps(n, seconds)
        share = f"{rate * 1e9 / peak:.1%} of {peak_text}" if peak else peak_text
        return f"{rate:,.0f} GB/s, {share} ({seconds * 1e3:.3f} ms)", (rate * 1e9 / peak if peak else None)

    (name, seconds), *baselines = timings
    text, share = achieved(seconds)
    rows = [Row(f"Fused chain, {n:,} float32, fwd: {name}", text,
                f">= {BANDWIDTH_TARGET:.0%} of peak", None if share is None else share >= BANDWIDTH_TARGET)]
    rows += [Row(f"  baseline: {other}", achieved(s)[0], "", None) for other, s in baselines]
    rows.append(Row("  jitgrad agrees with the hand kernel", f"max abs difference {max_diff:.1e}",
                    f"<= {CHAIN_TOLERANCE:.0e}", max_diff <= CHAIN_TOLERANCE, gates=True))
    return rows


# ------------------------------------------------------------------ 3. the MLP step
def make_net():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def mlp_step(batch, repeat):
    """{"cuda_ms", "cpu_ms", "cuda_loss", "cpu_loss", "steps"}: ms per SGD step compiled for
    each target, from the same weights and data, and each one's loss after the same steps."""
    rng = np.random.default_rng(0)
    x_np = rng.standard_normal((batch, 784)).astype(np.float32)
    labels_np = rng.integers(0, 10, batch)
    jg.manual_seed(0)
    init = [p.detach().numpy().copy() for p in make_net().parameters()]

    def make_step(device):
        net = make_net()
        with jg.no_grad():
            for p, value in zip(net.parameters(), init):
                p.copy_(jg.from_numpy(value))
        net.to(device)
        opt = jg.optim.SGD(net.parameters(), lr=LR)
        x, labels = jg.from_numpy(x_np).to(device), jg.from_numpy(labels_np).to(device)

        def loss_of(x, labels):
            return F.cross_entropy(net(x), labels)
        loss_fn = jg.compile(loss_of, target=device)

        def step():
            loss = loss_fn(x, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            return loss
        return step

    result = {}
    for device, sync in (("cuda", jg.cuda.synchronize), ("cpu", lambda: None)):
        step = make_step(device)
        result[f"{device}_ms"] = device_seconds(step, repeat, sync) * 1e3
        result[f"{device}_loss"] = step().item()     # the loss before this last step's update
    result["steps"] = 1 + ROUNDS * repeat            # before that loss: warm-up and timed steps
    return result


def mlp_rows(batch, result) -> list[Row]:
    cuda_ms, cpu_ms = result["cuda_ms"], result["cpu_ms"]
    difference = abs(result["cuda_loss"] - result["cpu_loss"])
    return [Row(f"MLP 784-256-256-10 SGD step, batch {batch}: CUDA vs CPU (both compiled)",
                f"{cuda_ms:.2f} ms vs {cpu_ms:.2f} ms: CPU/CUDA {cpu_ms / cuda_ms:.3g}x", "CUDA faster",
                cuda_ms < cpu_ms),
            Row(f"  loss after {result['steps']} steps agrees",
                f"{result['cuda_loss']:.5f} vs {result['cpu_loss']:.5f}", f"relative <= {LOSS_TOLERANCE:.0e}",
                difference <= LOSS_TOLERANCE * max(1.0, abs(result["cpu_loss"])), gates=True)]


# ------------------------------------------------------------------ the report
def format_table(rows) -> str:
    """A Markdown table, its columns padded so that it reads in a terminal too."""
    marks = {True: "yes", False: "**no**", None: "-"}
    cells = [("Check", "Result", "Target", "Met")] + [(r.check, r.result, r.target or "-", marks[r.met])
                                                      for r in rows]
    widths = [max(len(line[k]) for line in cells) for k in range(4)]

    def line(values):
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"
    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(c) for c in cells[1:]])


def error_row(check, err) -> Row:
    traceback.print_exception(err)
    first_line = str(err).splitlines()[0] if str(err) else ""
    return Row(check, f"error: {type(err).__name__}: {first_line}", "runs", False, gates=True)


def count(text) -> int:
    """An int from '100000000' or '1e8'."""
    value = float(text)
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return int(value)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=count, default=20, help="calls per timed loop (default 20)")
    parser.add_argument("--elements", type=count, default=100_000_000,
                        help="float32 elements of the fused chain (default 1e8)")
    parser.add_argument("--skip-tests", action="store_true", help="do not run tests/cuda first")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    reason = why_no_gpu()
    if reason is not None:
        print(f"gpu_check: {reason}", file=sys.stderr)
        sys.exit(2)
    from numba import cuda
    device = cuda.get_current_device()
    name = device.name.decode() if isinstance(device.name, bytes) else device.name
    print(f"{name} (compute capability {'.'.join(map(str, device.compute_capability))}), "
          f"Numba {numba.__version__}, jitgrad {jg.__version__}, {numba.get_num_threads()} CPU threads")
    rows = []

    if args.skip_tests:
        rows.append(tests_row(None))
    else:
        print(f"\nRunning tests/cuda on the GPU (at most {TESTS_TIMEOUT_S} s) ...", flush=True)
        run = run_cuda_tests()
        print(run.output if run.returncode != 0 else (run.output.strip().splitlines() or [""])[-1])
        rows.append(tests_row(run))

    try:
        peak = peak_bandwidth(device) or None
    except Exception as err:  # noqa: BLE001 - a driver without these attributes: no percentage
        print(f"(peak bandwidth unknown: {type(err).__name__}: {err})")
        peak = None
    try:
        timings, notes = fused_chain(args.elements, args.repeat)
        kernels = notes["kernels"]
        print(f"\nFused chain y = sigmoid(tanh(1.5*x + 0.5) * x), {args.elements:,} float32, forward "
              f"({'?' if kernels is None else kernels} kernel(s)); every GB/s counts "
              f"{BYTES_PER_ELEMENT} bytes per element (4 read + 4 written)")
        if notes["kernel_bytes"] not in (None, BYTES_PER_ELEMENT * args.elements):
            print(f"  note: jitgrad's kernels move {notes['kernel_bytes'] / args.elements:.1f} bytes per element")
        for label, seconds in timings:
            share = f"  {gbps(args.elements, seconds) * 1e9 / peak:6.1%} of peak" if peak else ""
            print(f"  {label:<42}{seconds * 1e3:8.3f} ms  {gbps(args.elements, seconds):8,.0f} GB/s{share}")
        if peak:
            print(f"  peak: {device.MEMORY_CLOCK_RATE / 1e3:,.0f} MHz memory clock x "
                  f"{device.GLOBAL_MEMORY_BUS_WIDTH}-bit bus x 2 / 8 = {peak / 1e9:,.0f} GB/s")
        print(f"  max |jitgrad - hand kernel| = {notes['max_diff']:.2e}")
        rows += chain_rows(args.elements, timings, peak, notes["max_diff"])
    except Exception as err:  # noqa: BLE001 - report it, and go on to the next figure
        rows.append(error_row("Fused chain (jitgrad.compile, target cuda)", err))

    batch = 1024
    try:
        result = mlp_step(batch, args.repeat)
        print(f"\nMLP 784-256-256-10 training step, batch {batch} (SGD lr {LR}), jitgrad.compile")
        print(f"  cuda  {result['cuda_ms']:8.2f} ms   loss {result['cuda_loss']:.6f}")
        print(f"  cpu   {result['cpu_ms']:8.2f} ms   loss {result['cpu_loss']:.6f}")
        rows += mlp_rows(batch, result)
    except Exception as err:  # noqa: BLE001
        rows.append(error_row(f"MLP step, batch {batch}", err))

    print(f"\nSummary ({name}):\n")
    print(format_table(rows))
    sys.exit(1 if any(r.gates and r.met is False for r in rows) else 0)


if __name__ == "__main__":
    main()
