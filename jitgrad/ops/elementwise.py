"""Elementwise ops: one declaration each — NumPy forward, vjp in jitgrad ops, fused-loop scalar.

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


def _pow_dy(g, x, out):
    # d/dy x**y = x**y * log(x); torch defines it as 0 where x == 0 and y >= 0
    return g * where(x == 0, 0.0, out * log(x))


def _pow_name(args, attrs):
    x, y = args
    if not isinstance(y, Tensor):
        return "PowBackward0"
    return "PowBackward1" if x._data.ndim or x._requires_grad else "PowBackward2"


def _parse_pow(x, exponent):
    if not isinstance(x, Tensor):  # scalar ** tensor: the base becomes a 0-d tensor
        from ..creation import scalar_tensor
        x = scalar_tensor(x)
    return (x, exponent), {}


pow = defop("pow", E, np.power, "x y", {"x": _pow_dx, "y": _pow_dy},
            scalar="({x} ** {y})", parse=_parse_pow, grad_fn=_pow_name,
            methods=("__pow__", "pow"), rmethods=("__rpow__",))

# ------------------------------------------------------------------ unary math
exp = defop("exp", E, np.exp, "x", {"x": lambda g, out: g * out}, dtype="float",
            scalar="math.exp({x})", methods=("exp",))
log = defop("log", E, np.log, "x", {"x": lambda g, x: g / x}, dtype="float",
            scalar="math.log({x})", methods=("log",))
sqrt = defop("sqrt", E, np.sqrt, "x", {"x": lambda g, out: g / (2 * out)}, dtype="float",
             scalar="math.sqrt({x})", methods=("sqrt",))
sin = defop("sin", E, np.sin, "x", {"x": lambda g, x: g * cos(x)}, dtype="float",
            scalar="math.sin({x})", methods=("sin",))
cos = defop("cos", E, np.cos, "x", {"x": lambda g, x: -g * sin(x)}, dtype="float",
            scalar="math.cos({x})", methods=("cos",))
tanh = defop("tanh", E, np.tanh, "x", {"x": lambda g, out: g * (1 - out * out)}, dtype="float",
             scalar="math.tanh({x})", methods=("tanh",))
# 0.5 * (1 + tanh(x / 2)) is sigmoid without exp overflow for large |x|
sigmoid = defop("sigmoid", E, lambda x: 0.5 * (1 + np.tanh(0.5 * x)), "x",
                {"x": lambda g, out: g * out * (1 - out)}, dtype="float",
                scalar="(0.5 * (1.0 + math.tanh(0.5 * {x})))", methods=("sigmoid",))
sign = defop("sign", E, np.sign, "x", {"x": lambda g: g * 0}, dtype="same",
             scalar="((({x}) > 0) - (({x}) < 0))", methods=("sign",))
abs = defop("abs", E, np.abs, "x", {"x": lambda g, x: g * sign(x)}, dtype="same",
            scalar="abs({x})", methods=("abs", "__abs__", "absolute"))
relu = defop("relu", E, lambda x: np.maximum(x, 0), "x", {"x": lambda g, out: where(out > 0, g, 0)},
             dtype="same", scalar="max({x}, 0)", methods=("relu",))


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


def _clamp_name(args, attrs):
    _, lo, hi = args
    if isinstance(lo, Tensor) or isinstance(hi, Tensor):
        return "ClampBackward0"
    return "ClampMinBackward0" if hi is None else "ClampMaxBackward0" if lo is None else "ClampBackward1"


clamp = defop("clamp", E, _clamp_forward, "x min max",
              {"x": _clamp_dx,
               "min": lambda g, x, min: where(x < min, g, 0),
               "max": lambda g, x, max: where(x > max, g, 0)},
              scalar="min(max({x}, {min}), {max})", parse=_parse_clamp, grad_fn=_clamp_name,
              methods=("clamp", "clip"))


def _split_ties(g, x, y, wins):
    # torch gives each side half the gradient where x == y
    return where(wins, g, where(x == y, g * 0.5, 0))


maximum = defop("maximum", E, np.maximum, "x y",
                {"x": lambda g, x, y: _split_ties(g, x, y, x > y),
                 "y": lambda g, x, y: _split_ties(g, x, y, y > x)},
                scalar="max({x}, {y})", methods=("maximum",))
minimum = defop("minimum", E, np.minimum, "x y",
                {"x": lambda g, x, y: _split_ties(g, x, y, x < y),
                 "y": lambda g, x, y: _split_ties(g, x, y, y < x)},
                scalar="min({x}, {y})", methods=("minimum",))

# ------------------------------------------------------------------ comparisons and logic
eq = defop("eq", E, np.equal, "x y", dtype="bool", scalar="({x} == {y})", methods=("__eq__", "eq"))
ne = defop("ne", E, np.not_equal, "x y", dtype="bool", scalar="({x} != {y})", methods=("__ne__", "ne"))
lt = defop("lt", E, np.less, "x y", dtype="bool", scalar="({x} < {y})", methods=("__lt__", "lt"))
le = defop("le", E, np.less_equal, "x y", dtype="bool", scalar="({x} <= {y})", methods=("__le__", "le"))
gt = defop("gt", E, np.greater, "x y", dtype="bool", scalar="({x} > {y})", methods=("__gt__", "gt"))
ge = defop("ge", E, np.greater_equal, "x y", dtype="bool", scalar="({x} >= {y})", methods=("__ge__", "ge"))
logical_and = defop("logical_and", E, np.logical_and, "x y", dtype="bool", scalar="({x} and {y})",
                    methods=("logical_and",))
logical_or = defop("logical_or", E, np.logical_or, "x y", dtype="bool", scalar="({x} or {y})",
                   methods=("logical_or",))
logical_not = defop("logical_not", E, np.logical_not, "x", dtype="bool", scalar="(not {x})",
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
              dtype=_where_dtype, scalar="({x} if {condition} else {y})")
Tensor.where = lambda self, condition, other: where(condition, self, other)
