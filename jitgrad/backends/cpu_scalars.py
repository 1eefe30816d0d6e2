"""The scalar vocabulary of the ops' ``scalar`` expressions, for Numba on the CPU.

Generated kernels import these. Each matches the NumPy forward's semantics, NaN included
(``maximum(1, nan)`` is nan, as ``np.maximum``; Python's ``max`` would not be). Transcendentals
come per dtype: float32 uses the vectorisable implementations of ``fastmath_f32`` (this
machine's Numba has no SVML, so ``math.exp`` in a loop is a scalar libm call), float64 uses
``math``. The code generator picks ``exp_float32`` or ``exp_float64`` by the op's dtype.
"""
from __future__ import annotations

import math

from numba import njit

from . import fastmath_f32

_inline = njit(inline="always", cache=True)


@_inline
def maximum(a, b):
    return a if (a > b or a != a) else b


@_inline
def minimum(a, b):
    return a if (a < b or a != a) else b


@_inline
def clamp(x, lo, hi):
    # lo/hi may be None (a compile-time constant): Numba prunes the dead branch
    if lo is not None:
        x = maximum(x, lo)
    if hi is not None:
        x = minimum(x, hi)
    return x


@_inline
def where(condition, a, b):
    return a if condition else b


@_inline
def sign(x):
    if x != x:
        return x
    return (x > 0) - (x < 0)


@_inline
def logical_and(a, b):
    return bool(a) and bool(b)


@_inline
def logical_or(a, b):
    return bool(a) or bool(b)


@_inline
def logical_not(a):
    return not bool(a)


@_inline
def sigmoid_float64(x):
    return 1.0 / (1.0 + math.exp(-x))


# Numba's math functions follow C semantics (log(-1) is nan, no exception), as NumPy does.
@_inline
def _exp64(x):
    return math.exp(x)


@_inline
def _log64(x):
    return math.log(x)


@_inline
def _sqrt(x):
    return math.sqrt(x)      # an LLVM intrinsic: vectorises in float32 and float64


@_inline
def _sin64(x):
    return math.sin(x)


@_inline
def _cos64(x):
    return math.cos(x)


@_inline
def _tanh64(x):
    return math.tanh(x)


# name -> (float32 implementation, float64 implementation)
TRANSCENDENTALS = {
    "exp": (fastmath_f32.exp_f32, _exp64),
    "log": (fastmath_f32.log_f32, _log64),
    "sqrt": (_sqrt, _sqrt),
    "sin": (fastmath_f32.sin_f32, _sin64),
    "cos": (fastmath_f32.cos_f32, _cos64),
    "tanh": (fastmath_f32.tanh_f32, _tanh64),
    "sigmoid": (fastmath_f32.sigmoid_f32, sigmoid_float64),
}

for _name, (_f32, _f64) in TRANSCENDENTALS.items():
    globals()[f"{_name}_float32"] = _f32
    globals()[f"{_name}_float64"] = _f64

GENERIC = ("maximum", "minimum", "clamp", "where", "sign", "logical_and", "logical_or", "logical_not")
