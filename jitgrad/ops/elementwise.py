"""Elementwise ops: one declaration each — NumPy forward, vjp in jitgrad ops, fused-loop scalar.

The ``scalar`` expressions use Python operators and a small vocabulary of scalar functions
(exp, log, sqrt, sin, cos, tanh, sigmoid, sign, abs, maximum, minimum, clamp, where, logical
and/or/not/xor; and, with the semantics of each dtype, floor_divide, remainder, fmod,
div_trunc, power, subtract, floor, ceil, trunc, round_half_even, round_decimals, bitwise_not)
that each code-generation backend implements for each dtype with the same semantics as the
NumPy forward (NaN propagation, integer division by zero, signs of remainders included).
Numbers in them are typed by the backend as the op's dtype, so float32 arithmetic stays
float32; division-like ops pass a literal ``0`` for that reason: it reaches the backend as a
zero of the result dtype, the dtype the operands are converted to before dividing.

Dtypes torch has no kernel for (``floor`` of a bool, ``&`` of floats, ``-`` of a bool) are
refused by the ops' dtype rules, which the compiler's tracer also runs, with torch's
exception types and messages.

Broadcasting is the default shape rule for this kind; gradients come back at the broadcast
shape and the engine sums them to each input's shape, so no rule here has to.
"""
from __future__ import annotations

import builtins
from collections import namedtuple

import numpy as np

from .. import dtypes
from .registry import ELEMENTWISE, PUBLIC, _promote, defop
from ..tensor import Tensor

E = ELEMENTWISE
_BOOL = dtypes.bool_


def _zero(g):
    """The gradient of a piecewise-constant op (floor, sign, a rounded quotient), as torch's."""
    return g * 0


def _input_dtype(name, x):
    """The dtype of a unary op's input, or torch's TypeError for a Python number."""
    try:
        return x.dtype
    except AttributeError:
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, "
                        f"not {type(x).__name__}") from None


def _not_implemented(kernel, dt, valid):
    return NotImplementedError(f"\"{kernel}\" not implemented for '{dt.scalar_type}' ({valid})")


# ------------------------------------------------------------------ arithmetic
add = defop("add", E, np.add, "x y", {"x": lambda g: g, "y": lambda g: g},
            scalar="({x} + {y})", methods=("__add__",), rmethods=("__radd__",))
sub = defop("sub", E, np.subtract, "x y", {"x": lambda g: g, "y": lambda g: -g},
            grad_fn=lambda args, attrs: "SubBackward0" if isinstance(args[0], Tensor) else "RsubBackward1",
            scalar="subtract({x}, {y})", methods=("__sub__",), rmethods=("__rsub__",))
mul = defop("mul", E, np.multiply, "x y", {"x": lambda g, y: g * y, "y": lambda g, x: g * x},
            scalar="({x} * {y})", methods=("__mul__",), rmethods=("__rmul__",))
# true division; div() below adds torch's rounding modes
true_divide = defop("div", E, np.true_divide, "x y",
                    {"x": lambda g, y: g / y, "y": lambda g, x, y: -g * x / (y * y)},
                    dtype="float", scalar="({x} / {y})", methods=("__truediv__",),
                    rmethods=("__rtruediv__",), export=False)


def _neg_dtype(x):
    dt = _input_dtype("neg", x)
    if dt is _BOOL:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are "
                           "trying to invert a mask, use the `~` or `logical_not()` operator instead.")
    return dt


neg = defop("neg", E, np.negative, "x", {"x": lambda g: -g}, dtype=_neg_dtype,
            scalar="(-{x})", methods=("__neg__", "neg", "negative"))


def _pow_forward(x, y):
    try:
        return np.power(x, y)
    except ValueError:
        # NumPy refuses integers to negative integer powers; torch computes them (only a Python
        # number as the negative exponent is refused, by _parse_pow)
        return _integer_power(x, y)


def _integer_power(x, y):
    negative = y < 0
    powers = np.power(x, np.where(negative, 0, y))
    # torch's powi: 1 / x**-y truncated toward zero — 1 for x == 1, +-1 for x == -1, else 0
    inverse = np.where(x == 1, 1, np.where(x == -1, np.where(y % 2 == 0, 1, -1), 0))
    return np.where(negative, inverse, powers)


def _pow_dx(g, x, y):
    # d/dx x**y = y * x**(y-1); torch defines it as 0 where y == 0 (even at x == 0)
    if not isinstance(y, Tensor):
        return g * 0.0 if y == 0 else g * y * x ** (y - 1)
    return where(y == 0, 0.0, g * y * x ** (y - 1))


def _pow_dy(g, x, y, out):
    # d/dy x**y = x**y * log(x); torch defines it as 0 where x == 0 and y >= 0
    return g * where(logical_and(x == 0, y >= 0), 0.0, out * log(x))


def _pow_name(args, attrs):
    x, y = args
    if not isinstance(y, Tensor):
        return "PowBackward0"
    return "PowBackward2" if getattr(x, "_wrapped_number", False) else "PowBackward1"


def _parse_pow(x, exponent):
    if not isinstance(x, Tensor):  # scalar ** tensor: the base becomes a 0-d tensor
        from ..creation import scalar_tensor
        from ..dtypes import result_type
        # of the result's dtype, so that it neither loses precision (0.1 ** float64) nor
        # promotes the result (2 ** int32 stays int32), as torch's wrapped numbers do
        x = scalar_tensor(x, dtype=result_type(x, exponent))
        x._wrapped_number = True  # for the grad_fn name: torch's PowBackward2 (scalar base)
    elif x.dtype.category < dtypes.FLOATING:
        if type(exponent) is int and exponent < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        if x.dtype is _BOOL and isinstance(exponent, Tensor) and exponent.dtype is _BOOL:
            raise _not_implemented("pow", _BOOL, "pow of two bool tensors: convert one with .long()")
    return (x, exponent), {}


pow = defop("pow", E, _pow_forward, "x y", {"x": _pow_dx, "y": _pow_dy},
            scalar="power({x}, {y})", parse=_parse_pow, grad_fn=_pow_name,
            methods=("__pow__", "pow"), rmethods=("__rpow__",))


# ------------------------------------------------------------------ rounded division and remainders
# what each kind of integer division by zero raises (torch: RuntimeError "ZeroDivisionError");
# compiled kernels raise the same messages (backends/cpu_scalars.py)
FLOOR_DIVISION = "floor division (// or rounding_mode='floor')"
TRUNCATED_DIVISION = "division with rounding_mode='trunc'"
REMAINDER, FMOD = "remainder (%)", "fmod"


def zero_division_message(division: str) -> str:
    return f"ZeroDivisionError: {division} of an integer tensor by zero (floating-point division gives inf or nan)"


_Operand = namedtuple("_Operand", "dtype ndim")   # what dtypes.result_type reads of a tensor


def _operand(value):
    if isinstance(value, np.ndarray):
        return _Operand(dtypes.from_numpy_dtype(value.dtype), value.ndim)
    return value


def _cast(value, np_dtype):
    # np.asarray(...).astype wraps an out-of-range Python int (2**40 as int32 is 0), as torch does
    if isinstance(value, np.ndarray):
        return value.astype(np_dtype, copy=False)
    return np.asarray(value).astype(np_dtype)


def _in_result_dtype(x, y):
    """Both operands in the result dtype, as torch computes: NumPy would compute an int tensor
    // 2.5, or a float32 tensor // a float64 0-d tensor, in float64, and a floor or remainder
    taken at another precision is not the same number rounded."""
    if type(x) is np.ndarray:
        if type(y) is np.ndarray and x.dtype == y.dtype:
            return x, y
        if x.dtype.kind == "f" and type(y) in (int, float):   # NumPy keeps x's dtype
            return x, y
    dt = dtypes.result_type(_operand(x), _operand(y)).np
    return _cast(x, dt), _cast(y, dt)


def _integer_division(numpy_fn, division):
    """The forward of a division-like op: computed in the result dtype, and raising where an
    integer divisor is 0 (NumPy returns 0 there) — only where a result element exists, as torch."""
    message = zero_division_message(division)

    def forward(x, y):
        x, y = _in_result_dtype(x, y)
        out = numpy_fn(x, y)
        if out.dtype.kind in "iu" and out.size and not np.all(y):
            raise RuntimeError(message)
        return out
    return forward


def _remainder(x, y):
    if x.dtype.kind != "f":
        return np.remainder(x, y)     # integers: Python's %, as torch's
    # torch's: fmod moved into the divisor's sign; a zero keeps the dividend's sign, where
    # np.remainder gives it the divisor's (remainder(-2.0, 2.0) is -0.0)
    mod = np.fmod(x, y)
    return np.where((mod != 0) & ((y < 0) != (mod < 0)), mod + y, mod)


def _truncated_quotient(x, y):
    if x.dtype.kind == "f":
        return np.trunc(x / y)        # as torch: trunc of the rounded quotient
    quotient = np.floor_divide(x, y)
    return quotient + ((np.remainder(x, y) != 0) & ((x < 0) != (y < 0)))


def _division_dtype(kernel, op_name, first_is_tensor=False):
    """torch's promotion; bool results have no kernel in torch (bool // bool)."""
    def rule(x, y):
        if first_is_tensor and not isinstance(x, Tensor):
            raise TypeError(f"{op_name}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")
        dt = _promote((x, y))
        if dt is _BOOL:
            raise _not_implemented(kernel, dt, f"{op_name} of bool tensors: convert one with .long() or .float()")
        return dt
    return rule


def _named_by_other(prefix):
    # torch: <Op>Backward0 for a Python-number divisor, <Op>Backward1 for a tensor
    return lambda args, attrs: f"{prefix}Backward{int(isinstance(args[1], Tensor))}"


floor_divide = defop("floor_divide", E, _integer_division(np.floor_divide, FLOOR_DIVISION), "x y",
                     dtype=_division_dtype("div_floor_cpu", "floor_divide"),
                     scalar="floor_divide({x}, {y}, 0)", methods=("__floordiv__", "floor_divide"),
                     rmethods=("__rfloordiv__",),
                     doc="x // y, rounded down (Python's floor division); not differentiable, as in torch.",
                     real_only=True)
remainder = defop("remainder", E, _integer_division(_remainder, REMAINDER), "x y",
                  {"x": lambda g: g, "y": lambda g, x, y: -g * div_floor(x, y)},
                  dtype=_division_dtype("remainder_cpu", "remainder"), grad_fn=_named_by_other("Remainder"),
                  scalar="remainder({x}, {y}, 0)", methods=("__mod__", "remainder"), rmethods=("__rmod__",),
                  doc="x % y with the sign of y, as Python's % (torch.remainder).", real_only=True)
fmod = defop("fmod", E, _integer_division(np.fmod, FMOD), "x y",
             {"x": lambda g: g, "y": lambda g, x, y: -g * div_trunc(x, y)},
             dtype=_division_dtype("fmod_cpu", "fmod", first_is_tensor=True), grad_fn=_named_by_other("Fmod"),
             scalar="fmod({x}, {y}, 0)", methods=("fmod",),
             doc="C's fmod: the remainder of x / y with the sign of x (torch.fmod).", real_only=True)
div_trunc = defop("div_trunc", E, _integer_division(_truncated_quotient, TRUNCATED_DIVISION), "x y",
                  {"x": _zero, "y": _zero}, dtype=_division_dtype("div_trunc_cpu", "div"), grad_fn="DivBackward2",
                  scalar="div_trunc({x}, {y}, 0)", export=False, real_only=True)
div_floor = defop("div_floor", E, _integer_division(np.floor_divide, FLOOR_DIVISION), "x y",
                  {"x": _zero, "y": _zero}, dtype=_division_dtype("div_floor_cpu", "div"), grad_fn="DivBackward2",
                  scalar="floor_divide({x}, {y}, 0)", export=False, real_only=True)

_ROUNDING_MODES = {None: true_divide, "trunc": div_trunc, "floor": div_floor}


def div(input, other, *, rounding_mode=None):
    """torch.div: true division (ints give float32), or the quotient rounded toward zero
    (``rounding_mode="trunc"``) or down (``"floor"``), which keeps integer dtypes."""
    try:
        op = _ROUNDING_MODES[rounding_mode]
    except (KeyError, TypeError):
        raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
                           f"{rounding_mode!r}") from None
    return op(input, other)


div.op = true_divide.op
divide = div


def _with_alpha(op, name, symbol):
    """torch.add/sub as functions: ``alpha`` scales `other` (the operators and methods have it
    too: ``+``/``-`` through the op itself, ``Tensor.add``/``sub`` in inplace.py)."""
    def function(input, other, *, alpha=1):
        if isinstance(alpha, float) and not dtypes.result_type(input, other).is_floating_point:
            raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")
        return op(input, other if alpha == 1 else other * alpha)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"torch.{name}(input, other, *, alpha=1): input {symbol} alpha * other."
    function.op = op.op
    return function


# ------------------------------------------------------------------ rounding
def _integers_kept(float_fn):
    """floor & co. of an integer tensor is the tensor (a copy), as torch's; NumPy's is float64."""
    def forward(x):
        return float_fn(x) if x.dtype.kind == "f" else x.copy()
    return forward


def _rounding_dtype(name):
    def rule(x):
        dt = _input_dtype(name, x)
        if dt is _BOOL:
            raise _not_implemented(f"{name}_vml_cpu", dt, f"{name} takes integer and floating-point tensors")
        return dt
    return rule


floor = defop("floor", E, _integers_kept(np.floor), "x", {"x": _zero}, dtype=_rounding_dtype("floor"),
              scalar="floor({x})", methods=("floor",), real_only=True)
ceil = defop("ceil", E, _integers_kept(np.ceil), "x", {"x": _zero}, dtype=_rounding_dtype("ceil"),
             scalar="ceil({x})", methods=("ceil",), real_only=True)
trunc = defop("trunc", E, _integers_kept(np.trunc), "x", {"x": _zero}, dtype=_rounding_dtype("trunc"),
              scalar="trunc({x})", methods=("trunc", "fix"), real_only=True)
round_half_even = defop("round", E, _integers_kept(np.rint), "x", {"x": _zero}, dtype=_rounding_dtype("round"),
                        scalar="round_half_even({x})", export=False, real_only=True)


def _round_to_decimals(x, decimals):
    # as torch: 10**|decimals| in double, then in the tensor's dtype (inf from 10**39 in float32)
    scale = x.dtype.type(np.float64(10.0) ** builtins.abs(decimals))
    if decimals >= 0:
        return np.rint(x * scale) / scale
    return np.rint(x / scale) * scale


def _round_decimals_dtype(x, decimals):
    dt = _input_dtype("round", x)
    if not dt.is_floating_point:
        # torch's message names the kernel it dispatches to: decimals=0 goes to plain rounding
        kernel = "round_vml_cpu" if decimals == 0 else "round_cpu"
        raise _not_implemented(kernel, dt, "round with decimals takes floating-point tensors: use .float()")
    return dt


round_decimals = defop("round_decimals", E, _round_to_decimals, "x decimals", {"x": _zero},
                       dtype=_round_decimals_dtype, grad_fn="RoundBackward1",
                       scalar="round_decimals({x}, {decimals})", export=False, real_only=True)


def round(input, *, decimals=None):
    """torch.round: to the nearest integer, ties to even; with ``decimals``, to that many
    decimal places (negative: to tens, hundreds, ...), floating-point tensors only."""
    if decimals is None:
        return round_half_even(input)
    if type(decimals) is not int:
        raise TypeError(f"round(): argument 'decimals' must be int, not {type(decimals).__name__}")
    return round_decimals(input, decimals)


# ------------------------------------------------------------------ unary math
def _bools_as_float(fn):
    """NumPy computes these of a bool array in float16 (exp(True) = 2.719); torch in the default
    float dtype."""
    def forward(x):
        return fn(x.astype(dtypes.default_float.np) if x.dtype == np.bool_ else x)
    return forward


exp = defop("exp", E, _bools_as_float(np.exp), "x", {"x": lambda g, out: g * out}, dtype="float",
            scalar="exp({x})", methods=("exp",))
log = defop("log", E, _bools_as_float(np.log), "x", {"x": lambda g, x: g / x}, dtype="float",
            scalar="log({x})", methods=("log",))
sqrt = defop("sqrt", E, _bools_as_float(np.sqrt), "x", {"x": lambda g, out: g / (2 * out)}, dtype="float",
             scalar="sqrt({x})", methods=("sqrt",))
sin = defop("sin", E, _bools_as_float(np.sin), "x", {"x": lambda g, x: g * cos(x)}, dtype="float",
            scalar="sin({x})", methods=("sin",))
cos = defop("cos", E, _bools_as_float(np.cos), "x", {"x": lambda g, x: -g * sin(x)}, dtype="float",
            scalar="cos({x})", methods=("cos",))
tanh = defop("tanh", E, _bools_as_float(np.tanh), "x", {"x": lambda g, out: tanh_backward(g, out)}, dtype="float",
             scalar="tanh({x})", methods=("tanh",))


def _sigmoid_forward(x):
    # 1 / (1 + exp(-x)) keeps full relative precision for x << 0 (sigmoid(-20) = 2.06e-9), unlike
    # 0.5 * (1 + tanh(x / 2)); where exp(-x) overflows to inf the result is the correct 0 (the
    # overflow warning is silenced for jitgrad's op modules, see ops/__init__.py)
    return 1 / (1 + np.exp(-x))


sigmoid = defop("sigmoid", E, _bools_as_float(_sigmoid_forward), "x",
                {"x": lambda g, out: sigmoid_backward(g, out)}, dtype="float",
                scalar="sigmoid({x})",
                methods=("sigmoid",))


def _sign_forward(x):
    if x.dtype == np.bool_:
        return x.copy()
    # as torch: sign(nan) is 0 and sign(-0.0) is 0.0 (np.sign gives nan and -0.0)
    return np.subtract(x > 0, x < 0, dtype=x.dtype)


sign = defop("sign", E, _sign_forward, "x", {"x": _zero}, dtype="same",
             scalar="sign({x})", methods=("sign",), real_only=True)


def _abs_dtype(x):
    dt = _input_dtype("abs", x)
    if dt is _BOOL:
        raise _not_implemented("abs_cpu", dt, "abs takes integer and floating-point tensors")
    return dt.to_real()          # a complex number's magnitude is real


abs = defop("abs", E, np.abs, "x", {"x": lambda g, x: g * sign(x)}, dtype=_abs_dtype,
            scalar="abs({x})", methods=("abs", "__abs__", "absolute"))


def _relu_dtype(x):
    dt = _input_dtype("relu", x)
    if dt is _BOOL:
        raise RuntimeError("Boolean inputs not supported for relu")
    return dt


relu = defop("relu", E, lambda x: np.maximum(x, 0), "x", {"x": lambda g, out: relu_backward(g, out)},
             dtype=_relu_dtype, scalar="maximum({x}, 0)", methods=("relu",), real_only=True)

# Backward helpers, as torch's tanh_backward & co: one op (one dispatch, one fused loop) for a
# derivative that would otherwise be three; they are ops themselves, so still differentiable.
tanh_backward = defop("tanh_backward", E, lambda dy, y: dy * (1 - y * y), "dy y",
                      {"dy": lambda g, y: tanh_backward(g, y), "y": lambda g, dy, y: -2 * g * dy * y},
                      scalar="({dy} * (1 - {y} * {y}))", export=False)
sigmoid_backward = defop("sigmoid_backward", E, lambda dy, y: dy * y * (1 - y), "dy y",
                         {"dy": lambda g, y: sigmoid_backward(g, y), "y": lambda g, dy, y: g * dy * (1 - 2 * y)},
                         scalar="({dy} * {y} * (1 - {y}))", export=False)
relu_backward = defop("relu_backward", E, lambda dy, y: np.where(y > 0, dy, 0), "dy y",
                      {"dy": lambda g, y: relu_backward(g, y)},
                      scalar="where({y} > 0, {dy}, 0)", grad_fn="ThresholdBackwardBackward0",
                      export=False)


def _parse_clamp(x, min=None, max=None):
    if min is None and max is None:
        raise RuntimeError("clamp: At least one of 'min' or 'max' must not be None")
    return (x, min, max), {}


def _clamp_forward(x, lo, hi):
    if lo is not None and hi is not None:
        return np.minimum(np.maximum(x, lo), hi)  # torch: min wins when lo > hi
    return np.maximum(x, lo) if lo is not None else np.minimum(x, hi)


def _clamp_dx(g, x, min, max):
    inside = None
    if min is not None:
        inside = x >= min
    if max is not None:
        below = x <= max
        inside = below if inside is None else logical_and(inside, below)
    return where(inside, g, 0)


def _clamp_dmin(g, x, min, max):
    chosen = x < min
    if max is not None:  # where min > max the result is max everywhere
        chosen = logical_and(chosen, min < max)
    return where(chosen, g, 0)


def _clamp_dmax(g, x, min, max):
    chosen = x > max
    if min is not None:
        chosen = logical_or(chosen, max < min)
    return where(chosen, g, 0)


def _clamp_name(args, attrs):
    # torch.clamp with number bounds is ClampBackward1 even with one bound (clamp_min is another op)
    _, lo, hi = args
    return "ClampBackward0" if isinstance(lo, Tensor) or isinstance(hi, Tensor) else "ClampBackward1"


clamp = defop("clamp", E, _clamp_forward, "x min max",
              {"x": _clamp_dx, "min": _clamp_dmin, "max": _clamp_dmax},
              scalar="clamp({x}, {min}, {max})", parse=_parse_clamp, grad_fn=_clamp_name,
              methods=("clamp", "clip"), real_only=True)


def _split_ties(g, x, y, wins):
    # torch gives each side half the gradient where x == y
    return where(wins, g, where(x == y, g * 0.5, 0))


maximum = defop("maximum", E, np.maximum, "x y",
                {"x": lambda g, x, y: _split_ties(g, x, y, x > y),
                 "y": lambda g, x, y: _split_ties(g, x, y, y > x)},
                scalar="maximum({x}, {y})", methods=("maximum",), real_only=RuntimeError)
minimum = defop("minimum", E, np.minimum, "x y",
                {"x": lambda g, x, y: _split_ties(g, x, y, x < y),
                 "y": lambda g, x, y: _split_ties(g, x, y, y < x)},
                scalar="minimum({x}, {y})", methods=("minimum",), real_only=RuntimeError)

# ------------------------------------------------------------------ comparisons and logic
eq = defop("eq", E, np.equal, "x y", dtype="bool", scalar="({x} == {y})", methods=("__eq__", "eq"))
ne = defop("ne", E, np.not_equal, "x y", dtype="bool", scalar="({x} != {y})", methods=("__ne__", "ne"))
lt = defop("lt", E, np.less, "x y", dtype="bool", scalar="({x} < {y})", methods=("__lt__", "lt"), real_only=True)
le = defop("le", E, np.less_equal, "x y", dtype="bool", scalar="({x} <= {y})", methods=("__le__", "le"), real_only=True)
gt = defop("gt", E, np.greater, "x y", dtype="bool", scalar="({x} > {y})", methods=("__gt__", "gt"), real_only=True)
ge = defop("ge", E, np.greater_equal, "x y", dtype="bool", scalar="({x} >= {y})",
           methods=("__ge__", "ge"), real_only=True)
logical_and = defop("logical_and", E, np.logical_and, "x y", dtype="bool", scalar="logical_and({x}, {y})",
                    methods=("logical_and",))
logical_or = defop("logical_or", E, np.logical_or, "x y", dtype="bool", scalar="logical_or({x}, {y})",
                   methods=("logical_or",))
logical_xor = defop("logical_xor", E, np.logical_xor, "x y", dtype="bool", scalar="logical_xor({x}, {y})",
                    methods=("logical_xor",))
logical_not = defop("logical_not", E, np.logical_not, "x", dtype="bool", scalar="logical_not({x})",
                    methods=("logical_not",))


def equal(input, other) -> bool:
    """torch.equal: True when both tensors have the same shape and the same values (of any
    dtypes; nan equals nothing)."""
    for position, name, t in ((1, "input", input), (2, "other", other)):
        if not isinstance(t, Tensor):
            raise TypeError(f"equal(): argument '{name}' (position {position}) must be Tensor, "
                            f"not {type(t).__name__}")
    # np.asarray first: np.array_equal would answer False for a traced tensor's stand-in data
    # instead of letting it refuse to be read (a TraceError naming the user's line)
    a, b = np.asarray(input._data), np.asarray(other._data)
    return a.shape == b.shape and builtins.bool(np.array_equal(a, b))


# ------------------------------------------------------------------ bitwise
def _bitwise_dtype(kernel, op_name):
    def rule(*args):
        dt = _promote(args) if len(args) == 2 else _input_dtype(op_name, args[0])
        if dt.category >= dtypes.FLOATING:
            raise _not_implemented(kernel, dt, f"{op_name} takes integer and bool tensors")
        return dt
    return rule


bitwise_and = defop("bitwise_and", E, np.bitwise_and, "x y",
                    dtype=_bitwise_dtype("bitwise_and_cpu", "bitwise_and"),
                    scalar="({x} & {y})", methods=("__and__", "bitwise_and"), rmethods=("__rand__",))
bitwise_or = defop("bitwise_or", E, np.bitwise_or, "x y", dtype=_bitwise_dtype("bitwise_or_cpu", "bitwise_or"),
                   scalar="({x} | {y})", methods=("__or__", "bitwise_or"), rmethods=("__ror__",))
bitwise_xor = defop("bitwise_xor", E, np.bitwise_xor, "x y",
                    dtype=_bitwise_dtype("bitwise_xor_cpu", "bitwise_xor"),
                    scalar="({x} ^ {y})", methods=("__xor__", "bitwise_xor"), rmethods=("__rxor__",))
# np.invert of a bool array is logical not, as torch's ~
bitwise_not = defop("bitwise_not", E, np.invert, "x", dtype=_bitwise_dtype("bitwise_not_cpu", "bitwise_not"),
                    scalar="bitwise_not({x})", methods=("bitwise_not",))


def _invert(self):
    if self.dtype.category >= dtypes.FLOATING:
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
    return bitwise_not(self)


Tensor.__invert__ = _invert


def _where_dtype(condition, x, y):
    if not (isinstance(condition, Tensor) and condition.dtype.name == "bool"):
        got = condition.dtype if isinstance(condition, Tensor) else type(condition).__name__
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got {got}")
    return _promote((x, y))


where = defop("where", E, np.where, "condition x y",
              {"x": lambda g, condition: where(condition, g, 0),
               "y": lambda g, condition: where(condition, 0, g)},
              dtype=_where_dtype, scalar="where({condition}, {x}, {y})")
Tensor.where = lambda self, condition, other: where(condition, self, other)

# ------------------------------------------------------------------ torch's other names
PUBLIC.update(add=_with_alpha(add, "add", "+"), sub=_with_alpha(sub, "sub", "-"),
              subtract=_with_alpha(sub, "subtract", "-"),
              multiply=mul, div=div, divide=divide, true_divide=true_divide, negative=neg,
              round=round, fix=trunc, absolute=abs, clip=clamp, equal=equal)
Tensor.round = round
Tensor.equal = equal
