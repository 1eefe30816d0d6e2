"""A fused elementwise chain three ways: NumPy, Numba with math.*, Numba with fastmath_f32.

    y = tanh(a*x + b) * sigmoid(x) - 0.5*x*x + exp(-|x|)        over float32 x

* NumPy evaluates it op by op, each a pass over memory with a temporary;
* the naive kernel fuses it into one ``prange`` loop but calls libm's scalar ``tanhf``/``expf``
  per element (no SVML here), which stops the loop vectoriser;
* the fastmath_f32 kernel is the same loop with jitgrad's branch-free float32 functions, which
  LLVM vectorises.

Prints the best of several runs in ms, each kernel's speed-up over NumPy, the largest
difference from a float64 evaluation, and what the vectoriser made of the fastmath_f32 loop.

    python bench/fastmath_bench.py [--n 10000000] [--repeat 15] [--zmm]

``--zmm`` reruns with LLVM's ``prefer-256-bit`` tuning switched off (through
``NUMBA_CPU_FEATURES``), so that on AVX-512 machines the loop uses 16-float zmm vectors.
"""
from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time

import numba
import numpy as np

from jitgrad.backends.fastmath_f32 import FASTMATH_FLAGS, exp_f32, sigmoid_f32, tanh_f32

FLAGS = set(FASTMATH_FLAGS)
HALF = np.float32(0.5)


def numpy_chain(x, a, b):
    return np.tanh(a * x + b) * (1 / (1 + np.exp(-x))) - HALF * x * x + np.exp(-np.abs(x))


@numba.njit(parallel=True, fastmath=FLAGS)
def naive_chain(x, a, b, y):
    for i in numba.prange(x.shape[0]):
        v = x[i]
        sigmoid = np.float32(1) / (np.float32(1) + math.exp(-v))
        y[i] = math.tanh(a * v + b) * sigmoid - HALF * v * v + math.exp(-abs(v))


@numba.njit(parallel=True, fastmath=FLAGS)
def fastmath_chain(x, a, b, y):
    for i in numba.prange(x.shape[0]):
        v = x[i]
        y[i] = tanh_f32(a * v + b) * sigmoid_f32(v) - HALF * v * v + exp_f32(-abs(v))


def best_ms(fn, repeat):
    fn()                                               # compile / warm caches
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


PACKED_OPS = {"vfmadd*ps": r"vfm(add|sub)\w*ps", "vmulps": "vmulps", "vaddps": "vaddps",
              "vdivps": "vdivps", "vroundps": "v(round|rndscale)ps", "vpaddd": "vpaddd"}


def vector_summary(kernel):
    """Vector widths in the LLVM IR, packed ymm/zmm arithmetic and libm call sites in the asm."""
    llvm_ir = kernel.inspect_llvm(kernel.signatures[0])
    asm = kernel.inspect_asm(kernel.signatures[0])
    widths = sorted(set(re.findall(r"<(\d+) x float>", llvm_ir)), key=int)
    packed = {name: len(re.findall(rf"\b{op}\b[^\n]*%[yz]mm", asm))
              for name, op in PACKED_OPS.items()}
    # Numba calls libm through an absolute address: movabsq $expf, %rax; callq *%rax.
    libm_calls = re.findall(r"\$(expf|tanhf|logf|sinf|cosf)\b", asm)
    return widths, packed, len(libm_calls)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--zmm", action="store_true", help="allow 512-bit vectors (AVX-512)")
    args = parser.parse_args()
    if args.zmm and "NUMBA_CPU_FEATURES" not in os.environ:
        # Numba reads the target features once, at import: start again with them set.
        import llvmlite.binding as llvm
        features = llvm.get_host_cpu_features().flatten() + ",-prefer-256-bit"
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, "NUMBA_CPU_FEATURES": features})

    x = (np.random.default_rng(0).standard_normal(args.n) * 3).astype(np.float32)
    a, b = np.float32(0.7), np.float32(-0.2)
    y_naive, y_fast = np.empty_like(x), np.empty_like(x)

    timings = {
        "numpy": best_ms(lambda: numpy_chain(x, a, b), args.repeat),
        "numba + math.*": best_ms(lambda: naive_chain(x, a, b, y_naive), args.repeat),
        "numba + fastmath_f32": best_ms(lambda: fastmath_chain(x, a, b, y_fast), args.repeat),
    }
    x64 = x.astype(np.float64)
    reference = numpy_chain(x64, 0.7, -0.2)
    errors = {"numpy": numpy_chain(x, a, b), "numba + math.*": y_naive,
              "numba + fastmath_f32": y_fast}

    print(f"y = tanh(a*x + b) * sigmoid(x) - 0.5*x*x + exp(-|x|), n = {args.n:,} float32, "
          f"{numba.get_num_threads()} threads, best of {args.repeat}")
    for name, ms in timings.items():
        err = np.max(np.abs(errors[name] - reference) / np.maximum(np.abs(reference), 1.0))
        print(f"  {name:22s} {ms:8.2f} ms   {timings['numpy'] / ms:6.2f}x numpy   "
              f"max err vs float64 {err:.2e}")
    for label, kernel in (("fastmath_f32 kernel", fastmath_chain), ("math.* kernel", naive_chain)):
        widths, packed, libm_calls = vector_summary(kernel)
        ops = ", ".join(f"{name} {count}" for name, count in packed.items())
        print(f"{label:20s} LLVM IR <{'|'.join(widths) or '-'} x float>; "
              f"packed ymm/zmm ops: {ops}; libm call sites: {libm_calls}")


if __name__ == "__main__":
    main()
