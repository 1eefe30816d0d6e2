"""Elementwise ops: one declaration each — NumPy forward, vjp in jitgrad ops, fused-loop scalar.

The ``scalar`` expressions use Python operators and a small vocabulary of scalar functions
(exp, log, sqrt, sin, cos, tanh, sigmoid, sign, abs, maximum, minimum, clamp, where,
logical_and/or/not) that each code-generation backend implements for each dtype with the
same semantics as the NumPy forward (NaN propagation included). Numbers in them are typed
by the backend as the op's dtype, so float32 arithmetic stays float32.

Broadcasting is the default shape rule for this kind; gradients come back at the broadcast
shape and the engine sums them to each input's shape, so no rule here has to.
"""
from __future__ import annotations

import numpy as np

from .registry import ELEMENTWISE, defop
from ..tensor import Tensor

E = ELEMENTWISE


# ------------------------------------------------------------------ arithmetic
add = defop("add", E, np.add, "x y", {"x": lambda g: g, "y": lambda g: g},
            scalar="({x} + {y})", methods=("__add__",), rmethods=("__radd__",))
sub = defop("sub", E, np.subtract, "x y", {"x": lambda g: g, "y": lambda g: -g},
            grad_fn=lambda args, attrs: "SubBackward0" if isinstance(args[0], Tensor) else "RsubBackward1",
            scalar="({x} - {y})", methods=("__sub__",), rmethods=("__rsub__",))
mul = defop("mul", E, np.multiply, "x y", {"x": lambda g, y: g * y, "y": lambda g, x: g * x},
            scalar="({x} * {y})", methods=("__mul__",), rmethods=("__rmul__",))
div = defop("div", E, np.true_divide, "x y",
            {"x": lambda g, y: g / y, "y": lambda g, x, y: -g * x / (y * y)},
            dtype="float", scalar="({x} / {y})", methods=("__truediv__",), rmethods=("__rtruediv__",))
neg = defop("neg", E, np.negative, "x", {"x": lambda g: -g}, dtype="same",
            scalar="(-{x})", methods=("__neg__", "neg", "negative"))


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
    return (x, exponent), {}


pow = defop("pow", E, np.power, "x y", {"x": _pow_dx, "y": _pow_dy},
            scalar="({x} ** {y})", parse=_parse_pow, grad_fn=_pow_name,
            methods=("__pow__", "pow"), rmethods=("__rpow__",))

# ------------------------------------------------------------------ unary math
def _bools_as_float(fn):
    """NumPy computes these of a bool array in float16 (exp(True) = 2.719); torch in float32."""
    def forward(x):
        return fn(x.astype(np.float32) if x.dtype == np.bool_ else x)
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
sign = defop("sign", E, np.sign, "x", {"x": lambda g: g * 0}, dtype="same",
             scalar="sign({x})", methods=("sign",))
abs = defop("abs", E, np.abs, "x", {"x": lambda g, x: g * sign(x)}, dtype="same",
            scalar="abs({x})", methods=("abs", "__abs__", "absolute"))
relu = defop("relu", E, lambda x: np.maximum(x, 0), "x", {"x": lambda g, out: relu_backward(g, out)},
             dtype="same", scalar="maximum({x}, 0)", methods=("relu",))

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
              methods=("clamp", "clip"))


def _split_ties(g, x, y, wins):
    # torch gives each side half the gradient where x == y
    return where(wins, g, where(x == y, g * 0.5, 0))


maximum = defop("maximum", E, np.maximum, "x y",
                {"x": lambda g, x, y: _split_ties(g, x, y, x > y),
                 "y": lambda g, x, y: _split_ties(g, x, y, y > x)},
                scalar="maximum({x}, {y})", methods=("maximum",))
minimum = defop("minimum", E, np.minimum, "x y",
                {"x": lambda g, x, y: _split_ties(g, x, y, x < y),
                 "y": lambda g, x, y: _split_ties(g, x, y, y < x)},
                scalar="minimum({x}, {y})", methods=("minimum",))

# ------------------------------------------------------------------ comparisons and logic
eq = defop("eq", E, np.equal, "x y", dtype="bool", scalar="({x} == {y})", methods=("__eq__", "eq"))
ne = defop("ne", E, np.not_equal, "x y", dtype="bool", scalar="({x} != {y})", methods=("__ne__", "ne"))
lt = defop("lt", E, np.less, "x y", dtype="bool", scalar="({x} < {y})", methods=("__lt__", "lt"))
le = defop("le", E, np.less_equal, "x y", dtype="bool", scalar="({x} <= {y})", methods=("__le__", "le"))
gt = defop("gt", E, np.greater, "x y", dtype="bool", scalar="({x} > {y})", methods=("__gt__", "gt"))
ge = defop("ge", E, np.greater_equal, "x y", dtype="bool", scalar="({x} >= {y})", methods=("__ge__", "ge"))
logical_and = defop("logical_and", E, np.logical_and, "x y", dtype="bool", scalar="logical_and({x}, {y})",
                    methods=("logical_and",))
logical_or = defop("logical_or", E, np.logical_or, "x y", dtype="bool", scalar="logical_or({x}, {y})",
                   methods=("logical_or",))
logical_not = defop("logical_not", E, np.logical_not, "x", dtype="bool", scalar="logical_not({x})",
                    methods=("logical_not",))


def _where_dtype(condition, x, y):
    if not (isinstance(condition, Tensor) and condition.dtype.name == "bool"):
        got = condition.dtype if isinstance(condition, Tensor) else type(condition).__name__
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got {got}")
    from .registry import _promote
    return _promote((x, y))


where = defop("where", E, np.where, "condition x y",
              {"x": lambda g, condition: where(condition, g, 0),
               "y": lambda g, condition: where(condition, 0, g)},
              dtype=_where_dtype, scalar="where({condition}, {x}, {y})")
Tensor.where = lambda self, condition, other: where(condition, self, other)
