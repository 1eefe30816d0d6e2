"""Accuracy, special values and vectorisation of jitgrad.backends.fastmath_f32.

The sweep evaluates every function on every 97th float32 bit pattern (44M inputs spread over
all exponents, both signs, denormals and NaN payloads) inside one parallel Numba kernel compiled
with the same fast-math flags a generated kernel uses, and compares with float64 libm (the same
values as NumPy's float64 ufuncs to 1e-14, checked below).
``JITGRAD_SWEEP_STRIDE=1`` makes it exhaustive (all 2**32 patterns, ~9 minutes on 2 cores);
``-s`` prints the figures that the module docstring quotes.
"""
from __future__ import annotations

import math
import os
import re

import numba
import numpy as np
import pytest

from jitgrad.backends.fastmath_f32 import (FASTMATH_FLAGS, SCALAR_FUNCTIONS, cos_f32, exp_f32,
                                           log_f32, sigmoid_f32, sin_f32, tanh_f32)

STRIDE = int(os.environ.get("JITGRAD_SWEEP_STRIDE", "97"))
CHUNK = 1 << 22                                      # bit patterns per sweep step
NAMES = list(SCALAR_FUNCTIONS)                        # row order of _evaluate_all's output

# Max ulp error asserted per function: the exhaustive maximum quoted in fastmath_f32's
# docstring plus ~0.5 ulp, since steps outside the explicit fmas (a product, a final add) may
# round differently under another LLVM's contraction/reassociation choices. Target: <= 4.
ULP_BOUND = {"exp": 1.5, "log": 2.0, "tanh": 2.0, "sigmoid": 3.0, "sin": 2.0, "cos": 2.0}


@numba.njit(parallel=True, fastmath=set(FASTMATH_FLAGS))
def _evaluate_all(x, out):
    for i in numba.prange(x.shape[0]):
        out[0, i] = exp_f32(x[i])
        out[1, i] = log_f32(x[i])
        out[2, i] = tanh_f32(x[i])
        out[3, i] = sigmoid_f32(x[i])
        out[4, i] = sin_f32(x[i])
        out[5, i] = cos_f32(x[i])


@numba.njit
def _reference(row, x):
    """The float64 libm value (what NumPy's float64 ufuncs give, to ~1e-16) for NAMES[row]."""
    if row == 0:
        return math.exp(x)
    if row == 1:
        return math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan)
    if row == 2:
        return math.tanh(x)
    if row == 3:
        t = math.exp(-abs(x))
        return t / (1 + t) if x < 0 else 1 / (1 + t)
    return math.sin(x) if row == 4 else math.cos(x)


@numba.njit
def _ulp_error(value, exact):
    """(|value - exact| in float32 ulps at exact, relative error or 0 if exact is not a normal
    float32). Below the normals an ulp is 2**-149; past FLT_MAX + ulp/2 the correctly rounded
    result is inf, so exact and inf both count as 2**128 (inf is then exact, FLT_MAX 1 ulp)."""
    if math.isnan(exact) or math.isnan(value):
        return (0.0 if math.isnan(exact) and math.isnan(value) else math.inf), 0.0
    if math.isinf(exact):
        return (0.0 if value == exact else math.inf), 0.0
    if math.isinf(value):
        value = math.copysign(2.0**128, value)
    if abs(exact) > 2.0**128:
        exact = math.copysign(2.0**128, exact)
    ulp = math.ldexp(1.0, max(math.frexp(exact)[1] - 1, -126) - 23)
    rel = abs(value - exact) / abs(exact) if 2.0**-126 <= abs(exact) < 2.0**128 else 0.0
    return abs(value - exact) / ulp, rel


@numba.njit(parallel=True)
def _max_errors(x, results, n_blocks):
    """Per function row and block of x: max ulp error, its index in x, max relative error."""
    n_rows = results.shape[0]
    max_ulp = np.zeros((n_rows, n_blocks))
    worst = np.zeros((n_rows, n_blocks), dtype=np.int64)
    max_rel = np.zeros((n_rows, n_blocks))
    block = (x.shape[0] + n_blocks - 1) // n_blocks
    for b in numba.prange(n_blocks):
        for row in range(n_rows):
            for i in range(b * block, min((b + 1) * block, x.shape[0])):
                exact = _reference(row, np.float64(x[i]))
                ulp, rel = _ulp_error(np.float64(results[row, i]), exact)
                if ulp > max_ulp[row, b]:
                    max_ulp[row, b], worst[row, b] = ulp, i
                max_rel[row, b] = max(max_rel[row, b], rel)
    return max_ulp, worst, max_rel


def _measure(x):
    """{name: (max ulp, worst input, max relative error)} for every function on the inputs x."""
    results = np.empty((len(NAMES), x.size), dtype=np.float32)
    _evaluate_all(x, results)
    max_ulp, worst, max_rel = _max_errors(x, results, 64)
    out = {}
    for row, name in enumerate(NAMES):
        b = int(np.argmax(max_ulp[row]))
        out[name] = (max_ulp[row, b], x[worst[row, b]], max_rel[row].max())
    return out


@pytest.fixture(scope="module")
def sweep():
    """_measure over every STRIDE-th float32 bit pattern, in chunks to bound memory."""
    worst = {name: (0.0, np.float32(0), 0.0) for name in NAMES}
    total = (2**32 - 1) // STRIDE + 1
    for start in range(0, total, CHUNK):
        index = np.arange(start, min(start + CHUNK, total), dtype=np.uint64).astype(np.uint32)
        x = (index * np.uint32(STRIDE)).view(np.float32)
        for name, (ulp, where, rel) in _measure(x).items():
            old_ulp, old_where, old_rel = worst[name]
            worst[name] = (max(ulp, old_ulp), where if ulp > old_ulp else old_where,
                           max(rel, old_rel))
    print(f"\nsweep of every {STRIDE}th float32 bit pattern ({total} inputs)")
    for name, (ulp, where, rel) in worst.items():
        print(f"  {name:8s} max {ulp:.3f} ulp at x = {where!r} ({where.view(np.uint32):#010x}),"
              f" max relative error {rel:.3g}")
    return worst


@pytest.mark.parametrize("name", NAMES)
def test_accuracy_sweep(sweep, name):
    ulp, where, _ = sweep[name]
    assert ulp <= ULP_BOUND[name], f"{name}: {ulp:.3f} ulp at x = {where!r}"


def test_reference_is_numpy_float64():
    x = np.float32(np.random.default_rng(1).standard_normal(1000) * 30)
    x64 = x.astype(np.float64)
    with np.errstate(all="ignore"):
        t = np.exp(-np.abs(x64))
        numpy_values = [np.exp(x64), np.log(x64), np.tanh(x64),
                        np.where(x64 < 0, t / (1 + t), 1 / (1 + t)), np.sin(x64), np.cos(x64)]
    for row, expected in enumerate(numpy_values):
        got = np.array([_reference(row, v) for v in x64])
        np.testing.assert_allclose(got, expected, rtol=1e-14, atol=1e-300, equal_nan=True)


def _near_multiples_of_half_pi(count):
    """The float32s on either side of k*pi/2, k < count: where sin/cos reduction cancels most."""
    centres = (np.arange(1, count) * (np.pi / 2)).astype(np.float32)
    return np.concatenate([np.nextafter(centres, -np.inf), centres, np.nextafter(centres, np.inf)])


@pytest.mark.parametrize("name", ["sin", "cos"])
def test_sin_cos_near_multiples_of_half_pi(name):
    x = np.concatenate([_near_multiples_of_half_pi(20_000),     # |x| up to 3.1e4
                        np.float32([1.0e22, 8.0e30, 2.0**24, 2.0**14, 2.0**14 - 1, 16383.99])])
    ulp, where, _ = _measure(x)[name]
    assert ulp <= ULP_BOUND[name], where


INF, NAN = np.inf, np.nan
DENORMAL_MIN = float(np.float32(2.0**-149))
TINY = float(np.float32(1e-30))
SPECIAL_VALUES = [  # (function, input, exact float32 output); -0.0 checks the sign too
    (exp_f32, -INF, 0.0), (exp_f32, INF, INF), (exp_f32, NAN, NAN), (exp_f32, 0.0, 1.0),
    (exp_f32, -0.0, 1.0), (exp_f32, 88.7229, INF), (exp_f32, 1000.0, INF),
    (exp_f32, -104.0, 0.0), (exp_f32, -103.5, DENORMAL_MIN), (exp_f32, -1000.0, 0.0),
    (log_f32, 0.0, -INF), (log_f32, -0.0, -INF), (log_f32, -1.0, NAN), (log_f32, -INF, NAN),
    (log_f32, INF, INF), (log_f32, NAN, NAN), (log_f32, 1.0, 0.0),
    (log_f32, DENORMAL_MIN, float(np.float32(-149 * math.log(2)))),
    (tanh_f32, INF, 1.0), (tanh_f32, -INF, -1.0), (tanh_f32, NAN, NAN), (tanh_f32, 0.0, 0.0),
    (tanh_f32, -0.0, -0.0), (tanh_f32, 1e-30, TINY), (tanh_f32, -DENORMAL_MIN, -DENORMAL_MIN),
    (tanh_f32, 20.0, 1.0), (tanh_f32, -20.0, -1.0),
    (sigmoid_f32, INF, 1.0), (sigmoid_f32, -INF, 0.0), (sigmoid_f32, NAN, NAN),
    (sigmoid_f32, 0.0, 0.5), (sigmoid_f32, -0.0, 0.5), (sigmoid_f32, 100.0, 1.0),
    (sigmoid_f32, -20.0, float(np.float32(1 / (1 + math.exp(20))))),
    (sigmoid_f32, -90.0, float(np.float32(math.exp(-90)))),          # a denormal result
    (sin_f32, 0.0, 0.0), (sin_f32, -0.0, -0.0), (sin_f32, INF, NAN), (sin_f32, -INF, NAN),
    (sin_f32, NAN, NAN), (sin_f32, 1e-30, TINY), (sin_f32, -DENORMAL_MIN, -DENORMAL_MIN),
    (cos_f32, 0.0, 1.0), (cos_f32, -0.0, 1.0), (cos_f32, INF, NAN), (cos_f32, -INF, NAN),
    (cos_f32, NAN, NAN), (cos_f32, 1e-30, 1.0),
]


@pytest.mark.parametrize("function, x, expected", SPECIAL_VALUES,
                         ids=[f"{f.__name__}({x})" for f, x, _ in SPECIAL_VALUES])
def test_special_values(function, x, expected):
    got = function(np.float32(x))
    assert isinstance(got, float)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected and math.copysign(1, got) == math.copysign(1, expected)


def test_special_values_inside_vector_kernel():
    """The same values through the vectorised kernel (the caller's fast-math flags apply)."""
    x = np.float32([x for _, x, _ in SPECIAL_VALUES])
    results = np.empty((len(NAMES), x.size), dtype=np.float32)
    _evaluate_all(x, results)
    for column, (function, _, expected) in enumerate(SPECIAL_VALUES):
        got = results[NAMES.index(function.__name__.removesuffix("_f32")), column]
        if math.isnan(expected):
            assert math.isnan(got), function.__name__
        else:
            assert got == expected and math.copysign(1, got) == math.copysign(1, expected), \
                (function.__name__, x[column], got)


@numba.njit(parallel=True, fastmath=set(FASTMATH_FLAGS))
def _fused_chain(x, a, b, y):
    for i in numba.prange(x.shape[0]):
        v = x[i]
        y[i] = (tanh_f32(a * v + b) * sigmoid_f32(v) - np.float32(0.5) * v * v
                + exp_f32(-abs(v)))


def test_fused_prange_kernel_matches_numpy_and_vectorises():
    x = np.random.default_rng(0).standard_normal(100_003).astype(np.float32) * 4
    a, b = np.float32(0.7), np.float32(-0.2)
    y = np.empty_like(x)
    _fused_chain(x, a, b, y)
    x64 = x.astype(np.float64)
    expected = (np.tanh(0.7 * x64 - 0.2) / (1 + np.exp(-x64)) - 0.5 * x64 * x64
                + np.exp(-np.abs(x64)))
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)
    # The loop body works on float vectors, and no libm function is left in it: not even a
    # vector intrinsic such as llvm.exp.v8f32, which codegen splits back into 8 expf calls.
    llvm_ir = _fused_chain.inspect_llvm(_fused_chain.signatures[0])
    assert re.search(r"<(4|8|16) x float>", llvm_ir)
    assert not re.search(r"@(llvm\.)?(exp|log|tanh|sin|cos)", llvm_ir)
