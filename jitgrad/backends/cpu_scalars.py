"""The scalar vocabulary of the ops' ``scalar`` expressions, for Numba on the CPU.

Generated kernels import these. Each matches the NumPy forward's semantics, NaN included
(``maximum(1, nan)`` is nan, as ``np.maximum``; Python's ``max`` would not be). Transcendentals
come per dtype: float32 uses the vectorisable implementations of ``fastmath_f32`` (this
machine's Numba has no SVML, so ``math.exp`` in a loop is a scalar libm call), float64 uses
``math``. The code generator picks ``exp_float32`` or ``exp_float64`` by the op's dtype.

Functions whose meaning depends on the operand types — integer division raises on a zero
divisor where float division gives inf/nan, the floor of an integer is itself — are
*overloads* (``_by_type``): Numba picks the implementation for the operand types when it
compiles the kernel, and a call from Python runs the same implementation. Division-like ones
take a third argument, ``like``: a zero of the op's result dtype (the code generator types
the literal ``0`` of the expression as the op's dtype when that is floating), so that an
integer operand, or a float64 0-d operand beside a float32 tensor, is converted to the
result dtype first, as torch and the eager forward compute.

Kernels run with fast-math flags (``cpu.FASTMATH``): ``arcp`` lets LLVM divide by multiplying
with the reciprocal, which can move a quotient that should be exactly an integer by one ulp,
and its floor or trunc by one; ``reassoc`` lets it regroup ``(x * y) * 10`` as ``x * (y * 10)``
across the op boundary. Where a result depends on correctly rounded steps (rounded division,
remainders, round with decimals) they are ``_strict`` operations, which fast-math leaves alone.
"""
from __future__ import annotations

import math

import numba
import numpy as np
from numba import njit, types
from numba.extending import intrinsic, overload

from . import fastmath_f32
from ..ops.elementwise import FLOOR_DIVISION, FMOD, REMAINDER, TRUNCATED_DIVISION, zero_division_message

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
    # as torch: nan -> 0 and -0.0 -> 0 (np.sign would give nan and -0.0)
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
def logical_xor(a, b):
    return bool(a) != bool(b)


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


# ------------------------------------------------------------------ overloads by operand type
def _by_type(select):
    """A vocabulary function whose implementation depends on its operands' Numba types:
    ``select(*types)`` returns it. Kernels' calls resolve through Numba's ``@overload`` (inlined,
    so the loop still vectorises where the implementation can); a call from Python runs the
    implementation selected for the arguments' types, compiled (once per types)."""
    compiled = {}

    def function(*args):
        arg_types = tuple(map(numba.typeof, args))
        implementation = compiled.get(arg_types)
        if implementation is None:
            implementation = compiled[arg_types] = njit(select(*arg_types))
        return implementation(*args)
    function.__name__ = function.__qualname__ = select.__name__
    function.__doc__ = select.__doc__
    overload(function, inline="always")(select)
    return function


def _integers(*numba_types) -> bool:
    return all(isinstance(t, (types.Integer, types.Boolean)) for t in numba_types)


@_inline
def _same(x):
    return x


def _as_integer(numba_type):
    """How an integer-path operand is read: a bool as int64 (Numba has no bool // int)."""
    return np.int64 if isinstance(numba_type, types.Boolean) else _same


def _float_of(like):
    """The float type that a division-like op computes in: the result dtype, given as `like`."""
    return np.float32 if like == types.float32 else np.float64


def _strict(instruction, flag):
    """One IEEE operation, correctly rounded even in a fast-math kernel: Numba adds its fast-math
    flags only to float instructions that carry none, and this one carries a flag that cannot
    change it — ``contract`` on a division (there is no fused division), ``arcp`` on the others
    (it is about divisions only). So ``arcp`` never turns a division into a multiplication by
    the reciprocal, and ``reassoc``/``contract`` never regroup or fuse the operation with the
    arithmetic that produced its operands."""
    def operation(typingctx, a, b):
        def codegen(context, builder, signature, args):
            result = getattr(builder, instruction)(*args)
            result.flags.append(flag)
            return result
        return a(a, a), codegen
    operation.__name__ = f"_{instruction}_strict"
    return intrinsic(operation)


_divide_exactly = _strict("fdiv", "contract")
_multiply_exactly = _strict("fmul", "arcp")
_add_exactly = _strict("fadd", "arcp")
_subtract_exactly = _strict("fsub", "arcp")


# Integer division by zero raises, as torch does (NumPy returns 0). Numba's integer division
# gives 0 for INT_MIN // -1, where NumPy (and so the eager forward) wraps to INT_MIN: -a does.
_FLOOR_DIVIDE_BY_ZERO = zero_division_message(FLOOR_DIVISION)
_REMAINDER_BY_ZERO = zero_division_message(REMAINDER)
_FMOD_BY_ZERO = zero_division_message(FMOD)
_DIV_TRUNC_BY_ZERO = zero_division_message(TRUNCATED_DIVISION)


@_inline
def _floor_divide_int(a, b):
    if b == 0:
        raise RuntimeError(_FLOOR_DIVIDE_BY_ZERO)
    return -a if b == -1 else a // b        # Numba's integer // floors, as Python's


@_inline
def _remainder_int(a, b):
    if b == 0:
        raise RuntimeError(_REMAINDER_BY_ZERO)
    return a % b                            # Python's: the sign of the divisor


@_inline
def _fmod_int(a, b):
    if b == 0:
        raise RuntimeError(_FMOD_BY_ZERO)
    r = a % b
    return r - b if r != 0 and (r < 0) != (a < 0) else r    # C's: the sign of the dividend


@_inline
def _div_trunc_int(a, b):
    if b == 0:
        raise RuntimeError(_DIV_TRUNC_BY_ZERO)
    if b == -1:
        return -a
    q = a // b
    return q + 1 if a % b != 0 and (a < 0) != (b < 0) else q


@_inline
def _floor_divide_float(a, b, one, half):
    # NumPy's npy_divmod and torch's div_floor_floating: the exact remainder first, then the
    # quotient of what is left, corrected to the floor, so that a // b and a % b agree
    # (1.0 // 0.1 is 9.0, as 1.0 % 0.1 is 0.1 - eps, where floor(1.0 / 0.1) would say 10)
    if b == 0:
        return _divide_exactly(a, b)
    mod = np.fmod(a, b)
    div = _divide_exactly(_subtract_exactly(a, mod), b)
    if mod != 0 and (b < 0) != (mod < 0):
        div = _subtract_exactly(div, one)
    if div == 0:
        return np.copysign(div, _divide_exactly(a, b))
    floor_div = np.floor(div)
    if _subtract_exactly(div, floor_div) > half:
        floor_div = _add_exactly(floor_div, one)
    return floor_div


@_inline
def _remainder_float(a, b):
    # torch's: fmod, moved into the divisor's sign; a zero keeps the dividend's sign
    mod = np.fmod(a, b)
    return _add_exactly(mod, b) if mod != 0 and (b < 0) != (mod < 0) else mod


@_by_type
def floor_divide(a, b, like):
    """a // b: Python's floor division (torch.floor_divide, div(rounding_mode='floor'))."""
    if _integers(a, b):
        ia, ib = _as_integer(a), _as_integer(b)
        return lambda a, b, like: _floor_divide_int(ia(a), ib(b))
    to = _float_of(like)
    one, half = to(1), to(0.5)
    return lambda a, b, like: _floor_divide_float(to(a), to(b), one, half)


@_by_type
def remainder(a, b, like):
    """a % b with the sign of b, as Python's % (torch.remainder)."""
    if _integers(a, b):
        ia, ib = _as_integer(a), _as_integer(b)
        return lambda a, b, like: _remainder_int(ia(a), ib(b))
    to = _float_of(like)
    return lambda a, b, like: _remainder_float(to(a), to(b))


@_by_type
def fmod(a, b, like):
    """C's fmod: the remainder with the sign of a (torch.fmod)."""
    if _integers(a, b):
        ia, ib = _as_integer(a), _as_integer(b)
        return lambda a, b, like: _fmod_int(ia(a), ib(b))
    to = _float_of(like)
    return lambda a, b, like: np.fmod(to(a), to(b))


@_by_type
def div_trunc(a, b, like):
    """a / b rounded toward zero (torch.div(rounding_mode='trunc')): trunc of the rounded
    float quotient, as torch computes it; integer division truncated, as C's."""
    if _integers(a, b):
        ia, ib = _as_integer(a), _as_integer(b)
        return lambda a, b, like: _div_trunc_int(ia(a), ib(b))
    to = _float_of(like)
    return lambda a, b, like: np.trunc(_divide_exactly(to(a), to(b)))


@_inline
def _bool_subtraction(a, b):
    if a == a:      # always: a raise under a test leaves the function a bool result type
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    return a != b


@_by_type
def subtract(a, b):
    """a - b; two bools are refused, as by torch and the eager forward (Numba gives their xor)."""
    if isinstance(a, types.Boolean) and isinstance(b, types.Boolean):
        return lambda a, b: _bool_subtraction(a, b)
    return lambda a, b: a - b


@_inline
def _power_int(a, b):
    # torch's powi: integer powers stay integers, wrapping on overflow; a negative exponent
    # truncates 1 / a**-b toward zero (0, except for bases 1 and -1; Numba's ** gives
    # INT_MIN for 0 ** -1)
    if b < 0:
        if a == 1:
            return a
        if a == -1:
            return a if b % 2 != 0 else -a
        return a - a
    return a ** b


@_by_type
def power(a, b):
    """a ** b: integer powers as torch's (wrapping, negative exponents truncated), float as C's pow."""
    if _integers(a, b):
        ia, ib = _as_integer(a), _as_integer(b)
        return lambda a, b: _power_int(ia(a), ib(b))
    return lambda a, b: a ** b


def _rounding(name, float_function):
    """floor/ceil/trunc/rint of a float; an integer is its own floor (NumPy's would be a float)."""
    def select(x):
        return (lambda x: x) if _integers(x) else (lambda x: float_function(x))
    select.__name__ = name
    select.__doc__ = f"{name}(x): {float_function.__doc__}"
    return _by_type(select)


@_inline
def _floor(x):
    """the largest integer <= x, as a float."""
    return np.floor(x)


@_inline
def _ceil(x):
    """the smallest integer >= x, as a float."""
    return np.ceil(x)


@_inline
def _trunc(x):
    """x rounded toward zero, as a float."""
    return np.trunc(x)


@_inline
def _rint(x):
    """x rounded to the nearest integer, ties to even (torch.round), as a float."""
    return np.rint(x)


floor = _rounding("floor", _floor)
ceil = _rounding("ceil", _ceil)
trunc = _rounding("trunc", _trunc)
round_half_even = _rounding("round_half_even", _rint)

# 10.0 ** k as C's pow computes it (correctly rounded; inf from k = 309 on): torch scales by
# static_cast<T>(std::pow(10, decimals)); a table, because fast-math may approximate pow()
with np.errstate(over="ignore"):
    _POWERS_OF_TEN = {dt: np.power(10.0, np.arange(400.0)).astype(dt) for dt in (np.float32, np.float64)}


@_inline
def _round_decimals(x, decimals, powers):
    scale = powers[min(abs(int(decimals)), 399)]
    if decimals >= 0:
        return _divide_exactly(np.rint(_multiply_exactly(x, scale)), scale)
    return _multiply_exactly(np.rint(_divide_exactly(x, scale)), scale)


@_by_type
def round_decimals(x, decimals):
    """torch.round(x, decimals=d): rint(x * 10**d) / 10**d (for d < 0, rint(x / 10**-d) * 10**-d)."""
    powers = _POWERS_OF_TEN[_float_of(x)]
    return lambda x, decimals: _round_decimals(x, decimals, powers)


@_by_type
def bitwise_not(a):
    """~a: bitwise not of an integer, logical not of a bool."""
    if isinstance(a, types.Boolean):
        return lambda a: not a           # Numba's ~True is -2, which a bool output reads as True
    return lambda a: ~a


GENERIC = ("maximum", "minimum", "clamp", "where", "sign", "logical_and", "logical_or", "logical_not",
           "logical_xor", "subtract", "floor_divide", "remainder", "fmod", "div_trunc", "power", "floor", "ceil",
           "trunc", "round_half_even", "round_decimals", "bitwise_not")
