"""Elementwise ops: forward against NumPy, gradients by finite differences, torch semantics.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``, ``*_ERRORS``, ``*_SIGNED_ZEROS``) were produced
by evaluating each expression with ``lib=torch`` 2.x; torch is not needed to run these tests.
Integer and bool semantics (division by zero, Python's signs of // and %, integer powers,
refused dtypes), special values (nan, +-inf, -0.0), 0-d, empty and transposed inputs are in
those tables; the compiled forms of the same ops are checked here where they differ in kind
(errors raised inside kernels, quotients exact under fast-math).
"""
import operator
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

import jitgrad as jg
from jitgrad.compile import TraceError
from jitgrad.ops import elementwise as ew

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(1234)


def U(*shape):
    """Uniform in [-2, 2): for ops smooth everywhere."""
    return rng.uniform(-2, 2, shape)


def P(*shape):
    """Positive, away from 0: log, sqrt, pow bases, divisors."""
    return rng.uniform(0.5, 2, shape)


def A(*shape):
    """Away from 0 with both signs: abs, relu, sign (kinks at 0)."""
    return rng.uniform(0.5, 2, shape) * rng.choice([-1.0, 1.0], shape)


def apart(x, gap=0.3):
    """Values differing from x by at least `gap` (no ties for maximum/minimum)."""
    return x + rng.uniform(gap, 1, x.shape) * rng.choice([-1.0, 1.0], x.shape)


def mask(*shape):
    return rng.random(shape) > 0.5


X23, Y3 = U(2, 3), U(3)
CLAMP_X = np.array([[-1.5, -0.2, 0.1], [0.25, 0.9, 1.7]])   # away from the bounds -0.5, 0.5
T32 = U(3, 2)            # used transposed: a non-contiguous (2, 3) input
ROUND_X = np.array([[-1.7, -0.2, 0.3], [1.4, 2.6, 3.2]])       # away from integers and halves
DIVIDEND = np.array([[-3.7, 2.2, 5.3], [0.7, -4.6, 1.3]])
DIVISOR = np.array([1.5, -0.9, 2.5])     # DIVIDEND / DIVISOR stays 0.1 or more from an integer

# ------------------------------------------------------------------ gradient table
# (op, fn, arrays, second_order): float64 arrays require grad, bool arrays are constants.
GRAD_CASES = [
    pytest.param("add", lambda a, b: a + b, [U(2, 3), U(3)], True, id="add-bcast"),
    pytest.param("add", lambda a, b: a + b, [U(2, 1), U(1, 3)], True, id="add-outer-bcast"),
    pytest.param("add", lambda a: a + 2.5, [U(2, 3)], True, id="add-scalar-right"),
    pytest.param("add", lambda a: 2.5 + a, [U(2, 3)], True, id="add-scalar-left"),
    pytest.param("add", lambda a, s: a + s, [U(2, 3), U()], True, id="add-0d"),
    pytest.param("add", lambda a, b: a.t() + b, [T32, U(2, 3)], True, id="add-transposed"),
    pytest.param("sub", lambda a, b: a - b, [U(2, 3), U(2, 1)], True, id="sub-bcast"),
    pytest.param("sub", lambda a: a - 2, [U(3)], True, id="sub-scalar-right"),
    pytest.param("sub", lambda a: 2 - a, [U(3)], True, id="sub-scalar-left"),
    pytest.param("sub", lambda s, b: s - b, [U(), U(2, 2)], True, id="sub-0d"),
    pytest.param("mul", lambda a, b: a * b, [U(2, 3), U(3)], True, id="mul-bcast"),
    pytest.param("mul", lambda a: 3 * a * 0.5, [U(2, 3)], True, id="mul-scalars"),
    pytest.param("mul", lambda a, s: s * a, [U(2, 3), U()], True, id="mul-0d"),
    pytest.param("mul", lambda a: a * a, [U(4)], True, id="mul-same-input"),
    pytest.param("div", lambda a, b: a / b, [U(2, 3), A(3)], True, id="div-bcast"),
    pytest.param("div", lambda a: a / 4, [U(3)], True, id="div-scalar-right"),
    pytest.param("div", lambda b: 2 / b, [A(3)], True, id="div-scalar-left"),
    pytest.param("div", lambda s, b: s / b, [U(), A(2, 2)], True, id="div-0d"),
    pytest.param("neg", lambda a: -a, [U(2, 3)], True, id="neg"),
    pytest.param("neg", lambda a: a.t().neg(), [T32], True, id="neg-transposed"),
    pytest.param("pow", lambda a: a ** 2, [U(2, 3)], True, id="pow-square"),
    pytest.param("pow", lambda a: a ** 3, [U(4)], True, id="pow-cube"),
    pytest.param("pow", lambda a: a ** 0.5, [P(4)], True, id="pow-sqrt"),
    pytest.param("pow", lambda a: a ** -1.5, [P(4)], True, id="pow-negative"),
    pytest.param("pow", lambda a: a ** 0, [U(3)], True, id="pow-zero"),
    pytest.param("pow", lambda a, b: a ** b, [P(2, 3), U(3)], True, id="pow-tensors-bcast"),
    pytest.param("pow", lambda b: 2 ** b, [U(3)], True, id="pow-scalar-base"),
    pytest.param("pow", lambda s, b: s ** b, [P(), U(2, 2)], True, id="pow-0d-base"),
    pytest.param("pow", lambda a, s: jg.pow(a, s), [P(3), U()], True, id="pow-0d-exponent"),
    pytest.param("exp", lambda a: jg.exp(a), [U(2, 3)], True, id="exp"),
    pytest.param("exp", lambda a: a.t().exp(), [T32], True, id="exp-transposed"),
    pytest.param("exp", lambda a: jg.exp(a), [U()], True, id="exp-0d"),
    pytest.param("log", lambda a: jg.log(a), [P(2, 3)], True, id="log"),
    pytest.param("sqrt", lambda a: jg.sqrt(a), [P(2, 3)], True, id="sqrt"),
    pytest.param("sin", lambda a: jg.sin(a), [U(2, 3)], True, id="sin"),
    pytest.param("cos", lambda a: a.cos(), [U(2, 3)], True, id="cos"),
    pytest.param("tanh", lambda a: jg.tanh(a), [U(2, 3)], True, id="tanh"),
    pytest.param("sigmoid", lambda a: jg.sigmoid(a), [U(2, 3) * 3], True, id="sigmoid"),
    pytest.param("sigmoid", lambda a: a.sigmoid(), [np.array([-30.0, -8.0, 8.0, 30.0])], True,
                 id="sigmoid-tails"),
    pytest.param("sign", lambda a: jg.sign(a) * a, [A(2, 3)], True, id="sign"),
    pytest.param("abs", lambda a: jg.abs(a), [A(2, 3)], True, id="abs"),
    pytest.param("abs", lambda a: abs(a.t()), [A(3, 2)], True, id="abs-transposed"),
    pytest.param("relu", lambda a: jg.relu(a), [A(2, 3)], True, id="relu"),
    pytest.param("clamp", lambda a: jg.clamp(a, -0.5, 0.5), [CLAMP_X], True, id="clamp"),
    pytest.param("clamp", lambda a: a.clamp(min=-0.5), [CLAMP_X], True, id="clamp-min"),
    pytest.param("clamp", lambda a: a.clip(max=0.5), [CLAMP_X], True, id="clamp-max"),
    pytest.param("clamp", lambda a, lo, hi: jg.clamp(a, lo, hi),
                 [CLAMP_X, np.array([-0.5, 0.0, -1.0]), np.array([[0.5], [1.0]])], True,
                 id="clamp-tensor-bounds-bcast"),
    pytest.param("clamp", lambda a, lo: jg.clamp(a, min=lo), [CLAMP_X, np.array(-0.5)], True,
                 id="clamp-0d-min"),
    pytest.param("clamp", lambda a, hi: jg.clamp(a, max=hi), [CLAMP_X, np.array([0.5, 0.0, 1.0])], True,
                 id="clamp-tensor-max"),
    pytest.param("maximum", lambda a, b: jg.maximum(a, b), [X23, apart(X23)], True, id="maximum"),
    pytest.param("maximum", lambda a, b: jg.max(a, b), [X23, apart(X23[0])], True, id="maximum-bcast"),
    pytest.param("minimum", lambda a, b: jg.minimum(a, b), [X23, apart(X23)], True, id="minimum"),
    pytest.param("minimum", lambda a, b: a.min(b), [X23, apart(X23[:, :1])], True, id="minimum-bcast"),
    pytest.param("minimum", lambda a, b: jg.minimum(a, b), [np.array([1.0, 2.0]), np.array([1.0, 0.0])],
                 False, id="minimum-tie"),  # central differences see a tie as 1/2, as torch splits it
    pytest.param("where", lambda c, a, b: jg.where(c, a, b), [mask(2, 3), U(2, 3), U(3)], True,
                 id="where-bcast"),
    pytest.param("where", lambda c, a: jg.where(c, a, 0.0), [mask(2, 3), U(2, 3)], True,
                 id="where-scalar-other"),
    pytest.param("where", lambda c, b: jg.where(c, 1.5, b), [mask(3), U(2, 3)], True,
                 id="where-scalar-input"),
    pytest.param("where", lambda c, a, b: a.where(c, b), [mask(2, 1), U(3), U()], True,
                 id="where-method-0d"),
    pytest.param("tanh_backward", lambda dy, y: ew.tanh_backward(dy, y), [U(2, 3), U(3) / 2], True,
                 id="tanh_backward"),
    pytest.param("sigmoid_backward", lambda dy, y: ew.sigmoid_backward(dy, y), [U(2, 3), P(3) / 2], True,
                 id="sigmoid_backward"),
    pytest.param("relu_backward", lambda dy, y: ew.relu_backward(dy, y), [U(2, 3), A(3)], True,
                 id="relu_backward"),
    # piecewise-constant ops: zero gradients (checked against central differences away from
    # their jumps), times a factor so that the other input's gradient is not zero too
    pytest.param("floor", lambda a, b: jg.floor(a) * b, [ROUND_X, U(3)], True, id="floor"),
    pytest.param("ceil", lambda a, b: a.ceil() * b, [ROUND_X, U(2, 1)], True, id="ceil"),
    pytest.param("trunc", lambda a, b: a.t().trunc() * b, [ROUND_X.T.copy(), U(3)], True, id="trunc-transposed"),
    pytest.param("trunc", lambda a, b: jg.fix(a) * b, [ROUND_X, U()], True, id="trunc-fix"),
    pytest.param("round", lambda a, b: jg.round(a) * b, [ROUND_X, U(3)], True, id="round"),
    pytest.param("round_decimals", lambda a, b: jg.round(a, decimals=1) * b, [ROUND_X / 7, U(3)], True,
                 id="round_decimals"),
    pytest.param("round_decimals", lambda a: a.round(decimals=-1) * a, [ROUND_X * 3], True,
                 id="round_decimals-negative"),
    pytest.param("fmod", lambda a, b: jg.fmod(a, b), [DIVIDEND, DIVISOR], True, id="fmod-bcast"),
    pytest.param("fmod", lambda a: jg.fmod(a, 1.5), [DIVIDEND], True, id="fmod-scalar"),
    pytest.param("fmod", lambda a, s: a.fmod(s), [DIVIDEND, np.array(1.5)], True, id="fmod-0d"),
    pytest.param("remainder", lambda a, b: a % b, [DIVIDEND, DIVISOR], True, id="remainder-bcast"),
    pytest.param("remainder", lambda a, b: jg.remainder(a.t(), b), [DIVIDEND.T.copy(), DIVISOR], True,
                 id="remainder-transposed"),
    pytest.param("remainder", lambda a: a % -1.5, [DIVIDEND], True, id="remainder-scalar"),
    pytest.param("remainder", lambda b: 4.0 % b, [DIVISOR], True, id="remainder-scalar-left"),
    pytest.param("div_trunc", lambda a, b: jg.div(a, b, rounding_mode="trunc") * a, [DIVIDEND, DIVISOR], True,
                 id="div_trunc"),
    pytest.param("div_trunc", lambda a: jg.div(a, 2.5, rounding_mode="trunc") * a, [DIVIDEND], True,
                 id="div_trunc-scalar"),
    pytest.param("div_floor", lambda a, b: a.div(b, rounding_mode="floor") * b, [DIVIDEND, DIVISOR], True,
                 id="div_floor"),
    pytest.param("div_floor", lambda a, s: jg.divide(s, a, rounding_mode="floor") * a, [A(2, 3) * 3, U()], True,
                 id="div_floor-0d-dividend"),
]

# ------------------------------------------------------------------ forward table
# (op, fn, numpy reference, arrays); run with float32 and with float64 arrays.
CMP_A = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
CMP_B = np.array([2.0, 2.0, 2.0])
BOOLS_A, BOOLS_B = np.array([[True, False], [True, True]]), np.array([False, True])
INTS_A = np.array([[-7, 7, -8, 9], [0, 5, -1, 12]])
INTS_B = np.array([2, -3, 4, -5])
HALVES = np.array([[-2.5, -1.5, -0.5, 0.5], [1.5, 2.5, 2.6, -3.4]])
EMPTY = np.zeros((0, 3))


def _np_sigmoid(a):
    return 1 / (1 + np.exp(-a))


def _np_int_power(a, b):
    """Integer powers with negative exponents as torch's: 1 / a**-b truncated toward zero."""
    def power(x, y):
        return x ** y if y >= 0 else (int(Fraction(1, x ** -y)) if x else 0)
    a, b = np.broadcast_arrays(a, b)
    return np.array([power(int(x), int(y)) for x, y in zip(a.ravel(), b.ravel())]).reshape(a.shape)


FORWARD_CASES = [
    pytest.param("add", lambda a, b: a + b, np.add, [U(2, 3), U(3)], id="add-bcast"),
    pytest.param("add", lambda a: 2.5 + a, lambda a: 2.5 + a, [U(2, 3)], id="add-scalar-left"),
    pytest.param("add", lambda a: a + 2, lambda a: a + 2, [U(2, 3)], id="add-int-scalar"),
    pytest.param("add", lambda a, b: a.t() + b, lambda a, b: a.T + b, [U(3, 2), U(2, 1)],
                 id="add-transposed"),
    pytest.param("add", lambda a, b: a + b, np.add, [U(), U()], id="add-0d-0d"),
    pytest.param("sub", lambda a, b: a - b, np.subtract, [U(4, 1), U(3)], id="sub-bcast"),
    pytest.param("sub", lambda a: 1.5 - a, lambda a: 1.5 - a, [U(3)], id="sub-scalar-left"),
    pytest.param("mul", lambda a, b: a * b, np.multiply, [U(2, 1, 3), U(4, 1)], id="mul-bcast"),
    pytest.param("mul", lambda a: a[:, ::2] * 3, lambda a: a[:, ::2] * 3, [U(2, 5)], id="mul-strided"),
    pytest.param("div", lambda a, b: a / b, np.true_divide, [U(2, 3), A(3)], id="div-bcast"),
    pytest.param("div", lambda b: 3 / b, lambda b: 3 / b, [A(2, 2)], id="div-scalar-left"),
    pytest.param("neg", lambda a: -a, np.negative, [U(2, 3)], id="neg"),
    pytest.param("pow", lambda a, b: a ** b, np.power, [P(2, 3), U(3)], id="pow-bcast"),
    pytest.param("pow", lambda a: a ** 2, lambda a: a ** 2, [U(2, 3)], id="pow-scalar"),
    pytest.param("pow", lambda b: 2.0 ** b, lambda b: 2.0 ** b, [U(2, 3)], id="pow-scalar-base"),
    pytest.param("exp", jg.exp, np.exp, [U(2, 3)], id="exp"),
    pytest.param("exp", jg.exp, np.exp, [U()], id="exp-0d"),
    pytest.param("log", jg.log, np.log, [P(2, 3)], id="log"),
    pytest.param("sqrt", jg.sqrt, np.sqrt, [P(2, 3)], id="sqrt"),
    pytest.param("sin", lambda a: a.t().sin(), lambda a: np.sin(a.T), [U(3, 2)], id="sin-transposed"),
    pytest.param("cos", jg.cos, np.cos, [U(2, 3)], id="cos"),
    pytest.param("tanh", jg.tanh, np.tanh, [U(2, 3)], id="tanh"),
    pytest.param("sigmoid", jg.sigmoid, _np_sigmoid, [U(2, 3) * 4], id="sigmoid"),
    pytest.param("sign", jg.sign, np.sign, [np.array([-1.5, 0.0, 2.0])], id="sign"),
    pytest.param("abs", jg.abs, np.abs, [U(2, 3)], id="abs"),
    pytest.param("relu", jg.relu, lambda a: np.maximum(a, 0), [U(2, 3)], id="relu"),
    pytest.param("clamp", lambda a: jg.clamp(a, -0.5, 0.5), lambda a: np.clip(a, -0.5, 0.5), [U(2, 3)],
                 id="clamp"),
    pytest.param("clamp", lambda a: a.clamp(min=0.0), lambda a: np.maximum(a, 0.0), [U(2, 3)],
                 id="clamp-min"),
    pytest.param("clamp", lambda a, lo, hi: jg.clamp(a, lo, hi), lambda a, lo, hi: np.minimum(np.maximum(a, lo), hi),
                 [U(2, 3), U(3) - 1, U(2, 1) + 1], id="clamp-tensor-bounds"),
    pytest.param("maximum", jg.maximum, np.maximum, [U(2, 3), U(3)], id="maximum"),
    pytest.param("minimum", jg.minimum, np.minimum, [U(2, 3), U(2, 1)], id="minimum"),
    pytest.param("eq", lambda a, b: a == b, np.equal, [CMP_A, CMP_B], id="eq"),
    pytest.param("ne", lambda a, b: a != b, np.not_equal, [CMP_A, CMP_B], id="ne"),
    pytest.param("lt", lambda a, b: a < b, np.less, [CMP_A, CMP_B], id="lt"),
    pytest.param("le", lambda a, b: a <= b, np.less_equal, [CMP_A, CMP_B], id="le"),
    pytest.param("gt", lambda a, b: a > b, np.greater, [CMP_A, CMP_B], id="gt"),
    pytest.param("ge", lambda a, b: a >= b, np.greater_equal, [CMP_A, CMP_B], id="ge"),
    pytest.param("lt", lambda a: 2 < a, lambda a: 2 < a, [CMP_A], id="lt-scalar-left"),
    pytest.param("ge", lambda a: a.t() >= 2, lambda a: a.T >= 2, [CMP_A], id="ge-transposed-scalar"),
    pytest.param("eq", lambda a: a.eq(2.0), lambda a: a == 2.0, [CMP_A], id="eq-method"),
    pytest.param("logical_and", jg.logical_and, np.logical_and, [BOOLS_A, BOOLS_B], id="logical_and"),
    pytest.param("logical_or", jg.logical_or, np.logical_or, [BOOLS_A, BOOLS_B], id="logical_or"),
    pytest.param("logical_not", jg.logical_not, np.logical_not, [BOOLS_A], id="logical_not"),
    pytest.param("logical_and", jg.logical_and, np.logical_and, [CMP_A - 2, CMP_B], id="logical_and-floats"),
    pytest.param("where", jg.where, np.where, [mask(2, 3), U(2, 3), U(3)], id="where"),
    pytest.param("where", lambda c, a: jg.where(c, a, 0.0), lambda c, a: np.where(c, a, np.float32(0)).astype(a.dtype),
                 [mask(2, 3), U(2, 3)], id="where-scalar"),
    pytest.param("tanh_backward", ew.tanh_backward, lambda dy, y: dy * (1 - y * y), [U(2, 3), U(3)],
                 id="tanh_backward"),
    pytest.param("sigmoid_backward", ew.sigmoid_backward, lambda dy, y: dy * y * (1 - y), [U(2, 3), P(3) / 2],
                 id="sigmoid_backward"),
    pytest.param("relu_backward", ew.relu_backward, lambda dy, y: np.where(y > 0, dy, 0).astype(dy.dtype),
                 [U(2, 3), U(3)], id="relu_backward"),
    # integer and bool tensors keep torch's semantics (compiled: bit for bit, see the module doc)
    pytest.param("add", lambda a, b: a + b, np.add, [INTS_A, INTS_B], id="add-ints"),
    pytest.param("sub", lambda a: a - 1, lambda a: a.astype(np.int64) - 1, [BOOLS_A], id="sub-bool-int"),
    pytest.param("mul", lambda a, b: a * b, np.multiply, [BOOLS_A, BOOLS_B], id="mul-bools"),
    pytest.param("neg", lambda a: -a, np.negative, [INTS_A], id="neg-ints"),
    pytest.param("abs", jg.abs, np.abs, [INTS_A], id="abs-ints"),
    pytest.param("sign", jg.sign, np.sign, [INTS_A], id="sign-ints"),
    pytest.param("relu", jg.relu, lambda a: np.maximum(a, 0), [INTS_A], id="relu-ints"),
    pytest.param("clamp", lambda a: jg.clamp(a, -2, 5), lambda a: np.clip(a, -2, 5), [INTS_A], id="clamp-ints"),
    pytest.param("maximum", lambda a, b: jg.max(a, b), np.maximum, [INTS_A, INTS_B], id="max-pairwise-ints"),
    pytest.param("minimum", lambda a, b: jg.min(a, b), np.minimum, [INTS_A, INTS_B[:, None][:2]],
                 id="min-pairwise-ints-bcast"),
    pytest.param("pow", lambda a, b: a ** b, np.power, [INTS_A, np.array([3, 2, 0, 1])], id="pow-ints"),
    pytest.param("pow", lambda a, b: a ** b, _np_int_power, [np.array([[2, -2, 1, -1], [0, 3, -1, 5]]),
                                                               np.array([-1, -2, -3, 2])], id="pow-ints-negative"),
    pytest.param("pow", lambda b: 2 ** b, lambda b: _np_int_power(np.array(2), b), [INTS_B], id="pow-int-base"),
    # rounded division and remainders
    pytest.param("floor_divide", lambda a, b: a // b, np.floor_divide, [DIVIDEND, DIVISOR], id="floor_divide-bcast"),
    pytest.param("floor_divide", lambda a, b: a // b, np.floor_divide, [INTS_A, INTS_B], id="floor_divide-ints"),
    pytest.param("floor_divide", lambda a: a // -2.5, lambda a: np.floor_divide(a, -2.5), [DIVIDEND],
                 id="floor_divide-scalar"),
    pytest.param("floor_divide", lambda b: 7 // b, lambda b: np.floor_divide(7, b), [INTS_B], id="floor_divide-rint"),
    pytest.param("floor_divide", lambda a: a // 2.5, lambda a: np.floor_divide(a.astype(np.float32), np.float32(2.5)),
                 [INTS_A], id="floor_divide-int-by-float"),
    pytest.param("floor_divide", lambda a, b: jg.floor_divide(a.t(), b), lambda a, b: np.floor_divide(a.T, b),
                 [INTS_A, INTS_B[:2]], id="floor_divide-transposed"),
    pytest.param("floor_divide", lambda a, b: a.floor_divide(b), np.floor_divide, [U(), np.array(-1.3)], id="floor_divide-0d"),
    pytest.param("floor_divide", lambda a, b: a // b, np.floor_divide, [EMPTY, DIVISOR], id="floor_divide-empty"),
    pytest.param("remainder", lambda a, b: a % b, np.remainder, [DIVIDEND, DIVISOR], id="remainder-bcast"),
    pytest.param("remainder", lambda a, b: a % b, np.remainder, [INTS_A, INTS_B], id="remainder-ints"),
    pytest.param("remainder", lambda a: jg.remainder(a, -3), lambda a: np.remainder(a, -3), [INTS_A],
                 id="remainder-ints-scalar"),
    pytest.param("remainder", lambda b: 7 % b, lambda b: np.remainder(7, b), [INTS_B], id="remainder-rmod"),
    pytest.param("remainder", lambda a: a.t() % 1.5, lambda a: np.remainder(a.T, 1.5), [DIVIDEND],
                 id="remainder-transposed"),
    pytest.param("remainder", lambda a, b: a % b, np.remainder, [EMPTY, DIVISOR], id="remainder-empty"),
    pytest.param("fmod", jg.fmod, np.fmod, [DIVIDEND, DIVISOR], id="fmod-bcast"),
    pytest.param("fmod", jg.fmod, np.fmod, [INTS_A, INTS_B], id="fmod-ints"),
    pytest.param("fmod", lambda a: a.fmod(-3), lambda a: np.fmod(a, -3), [INTS_A], id="fmod-ints-scalar"),
    pytest.param("fmod", lambda a, b: jg.fmod(a, b), np.fmod, [U(), U(3)], id="fmod-0d"),
    pytest.param("div_trunc", lambda a, b: jg.div(a, b, rounding_mode="trunc"), lambda a, b: np.trunc(a / b),
                 [DIVIDEND, DIVISOR], id="div_trunc-bcast"),
    pytest.param("div_trunc", lambda a, b: a.div(b, rounding_mode="trunc"),
                 lambda a, b: np.trunc(a / b).astype(np.int64), [INTS_A, INTS_B], id="div_trunc-ints"),
    pytest.param("div_trunc", lambda a: jg.divide(a, -4, rounding_mode="trunc"),
                 lambda a: np.trunc(a / -4).astype(np.int64), [INTS_A], id="div_trunc-ints-scalar"),
    pytest.param("div_floor", lambda a, b: jg.div(a, b, rounding_mode="floor"), np.floor_divide,
                 [DIVIDEND, DIVISOR], id="div_floor-bcast"),
    pytest.param("div_floor", lambda a, b: jg.div(a, b, rounding_mode="floor"), np.floor_divide,
                 [INTS_A, INTS_B], id="div_floor-ints"),
    # rounding
    pytest.param("floor", jg.floor, np.floor, [HALVES], id="floor"),
    pytest.param("floor", jg.floor, lambda a: a.copy(), [INTS_A], id="floor-ints"),
    pytest.param("ceil", lambda a: a.t().ceil(), lambda a: np.ceil(a.T), [HALVES], id="ceil-transposed"),
    pytest.param("ceil", jg.ceil, np.ceil, [U()], id="ceil-0d"),
    pytest.param("trunc", jg.trunc, np.trunc, [HALVES], id="trunc"),
    pytest.param("trunc", jg.fix, lambda a: a.copy(), [INTS_A], id="trunc-fix-ints"),
    pytest.param("round", jg.round, np.round, [HALVES], id="round-half-even"),
    pytest.param("round", lambda a: a.round(), lambda a: a.copy(), [INTS_A], id="round-ints"),
    pytest.param("round", jg.round, np.round, [EMPTY], id="round-empty"),
    pytest.param("round_decimals", lambda a: jg.round(a, decimals=2), lambda a: np.round(a, 2), [U(2, 3) * 10],
                 id="round_decimals"),
    pytest.param("round_decimals", lambda a: a.round(decimals=-1), lambda a: np.round(a, -1), [U(2, 3) * 100],
                 id="round_decimals-negative"),
    # bitwise and logic
    pytest.param("bitwise_and", lambda a, b: a & b, np.bitwise_and, [INTS_A, INTS_B], id="bitwise_and-ints"),
    pytest.param("bitwise_and", lambda a, b: a & b, np.bitwise_and, [BOOLS_A, BOOLS_B], id="bitwise_and-bools"),
    pytest.param("bitwise_and", lambda a: 6 & a, lambda a: np.bitwise_and(6, a), [INTS_A], id="bitwise_and-rand"),
    pytest.param("bitwise_or", lambda a, b: a | b, np.bitwise_or, [INTS_A, INTS_B], id="bitwise_or-ints"),
    pytest.param("bitwise_or", jg.bitwise_or, np.bitwise_or, [BOOLS_A, INTS_B[:2]], id="bitwise_or-bool-int"),
    pytest.param("bitwise_xor", lambda a, b: a ^ b, np.bitwise_xor, [INTS_A, INTS_B], id="bitwise_xor-ints"),
    pytest.param("bitwise_xor", lambda a, b: a.t() ^ b, lambda a, b: np.bitwise_xor(a.T, b), [BOOLS_A, BOOLS_B],
                 id="bitwise_xor-bools-transposed"),
    pytest.param("bitwise_not", lambda a: ~a, np.invert, [INTS_A], id="bitwise_not-ints"),
    pytest.param("bitwise_not", jg.bitwise_not, np.logical_not, [BOOLS_A], id="bitwise_not-bools"),
    pytest.param("logical_xor", jg.logical_xor, np.logical_xor, [BOOLS_A, BOOLS_B], id="logical_xor"),
    pytest.param("logical_xor", lambda a, b: a.logical_xor(b), np.logical_xor, [CMP_A - 2, INTS_B[:3]],
                 id="logical_xor-numbers"),
]



# ------------------------------------------------------------------ broadcasting, by hypothesis
ARITHMETIC = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv,
              "pow": operator.pow, "maximum": jg.maximum, "minimum": jg.minimum}
NUMPY = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.true_divide, "pow": np.power,
         "maximum": np.maximum, "minimum": np.minimum, "eq": np.equal, "lt": np.less, "ge": np.greater_equal,
         "logical_or": np.logical_or, "logical_xor": np.logical_xor, "floor_divide": np.floor_divide,
         "remainder": np.remainder, "fmod": np.fmod}
# (floor_divide, remainder and fmod jump where the quotient is an integer: values only, no gradcheck)
JITGRAD = dict(ARITHMETIC, eq=operator.eq, lt=operator.lt, ge=operator.ge, logical_or=jg.logical_or,
               logical_xor=jg.logical_xor, floor_divide=operator.floordiv, remainder=operator.mod, fmod=jg.fmod)


@settings(max_examples=25, deadline=None)
@given(shapes=mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3),
       op=st.sampled_from(sorted(JITGRAD)), dtype=st.sampled_from([np.float32, np.float64]),
       seed=st.integers(0, 2 ** 16))
def test_binary_broadcasting_matches_numpy(shapes, op, dtype, seed):
    # few distinct values, so comparisons and maximum/minimum meet ties too
    r = np.random.default_rng(seed)
    a, b = (r.choice([0.5, 1.0, 1.5, 2.0], s).astype(dtype) for s in shapes.input_shapes)
    got = JITGRAD[op](jg.tensor(a), jg.tensor(b))
    expected = np.asarray(NUMPY[op](a, b))
    assert tuple(got.shape) == shapes.result_shape == expected.shape
    assert got.dtype.np == expected.dtype
    np.testing.assert_allclose(got.numpy(), expected, rtol=2e-6)


@settings(max_examples=25, deadline=None)
@given(shapes=mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3),
       op=st.sampled_from(sorted(ARITHMETIC)), seed=st.integers(0, 2 ** 16))
def test_binary_broadcasting_gradients(shapes, op, seed):
    # gradients come back summed to each input's shape; checked against finite differences
    r = np.random.default_rng(seed)
    a, b = (jg.tensor(r.uniform(0.5, 2, s), requires_grad=True) for s in shapes.input_shapes)
    assert jg.autograd.gradcheck(ARITHMETIC[op], (a, b))
    ga, gb = jg.autograd.grad(ARITHMETIC[op](a, b).sum(), (a, b))
    assert ga.shape == a.shape and gb.shape == b.shape


@pytest.mark.parametrize("scalar", [2, 2.5, True])
@pytest.mark.parametrize("op", ["add", "sub", "mul", "div", "pow", "eq", "lt", "ge", "floor_divide", "remainder"])
def test_python_scalars_on_either_side(op, scalar):
    if op == "sub" and scalar is True:
        scalar = 3  # torch refuses `-` with a bool operand (NumPy, and so jitgrad, allow it)
    a = np.array([[0.5, 1.0, 2.0], [1.5, 2.5, 3.0]], np.float32)
    for jg_fn, np_fn in [(lambda t: JITGRAD[op](t, scalar), lambda x: NUMPY[op](x, scalar)),
                         (lambda t: JITGRAD[op](scalar, t), lambda x: NUMPY[op](scalar, x))]:
        got, expected = jg_fn(jg.tensor(a)), np.asarray(np_fn(a))
        assert got.dtype.np == expected.dtype   # float32 with any Python number, bool for comparisons
        np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6)



# ------------------------------------------------------------------ recorded from torch
EW_VALUES = [
    pytest.param(lambda lib: lib.sign(lib.tensor([-1.5, 0., 2.])),
                 {'dtype': 'float32', 'values': [-1.0, 0.0, 1.0]}, id='sign'),
    pytest.param(lambda lib: lib.abs(lib.tensor([-3, 0, 2])),
                 {'dtype': 'int64', 'values': [3, 0, 2]}, id='abs_int'),
    pytest.param(lambda lib: lib.relu(lib.tensor([-3, 0, 2])),
                 {'dtype': 'int64', 'values': [0, 0, 2]}, id='relu_int'),
    pytest.param(lambda lib: -lib.tensor([1, -2], dtype=lib.int32),
                 {'dtype': 'int32', 'values': [-1, 2]}, id='neg_int32'),
    pytest.param(lambda lib: lib.tensor([5, -5, 7]) / lib.tensor([2, 2, -2]),
                 {'dtype': 'float32', 'values': [2.5, -2.5, -3.5]}, id='int_div_int'),
    pytest.param(lambda lib: lib.tensor([1, -1, 0]) / 0,
                 {'dtype': 'float32', 'values': [INF, -INF, NAN]}, id='int_div_zero'),
    pytest.param(lambda lib: lib.tensor([1., -1., 0.]) / 0.,
                 {'dtype': 'float32', 'values': [INF, -INF, NAN]}, id='float_div_zero'),
    pytest.param(lambda lib: lib.tensor([2, 3]) ** 3,
                 {'dtype': 'int64', 'values': [8, 27]}, id='int_pow_int'),
    pytest.param(lambda lib: lib.tensor([4, 9]) ** 0.5,
                 {'dtype': 'float32', 'values': [2.0, 3.0]}, id='int_pow_float'),
    pytest.param(lambda lib: lib.tensor([2, 3], dtype=lib.int32) ** lib.tensor(2),
                 {'dtype': 'int32', 'values': [4, 9]}, id='int32_pow_0d_int64'),
    pytest.param(lambda lib: lib.tensor([-2., -0.5]) ** 3,
                 {'dtype': 'float32', 'values': [-8.0, -0.125]}, id='neg_base_int_exp'),
    pytest.param(lambda lib: lib.tensor([-8.]) ** (1 / 3),
                 {'dtype': 'float32', 'values': [NAN]}, id='neg_base_frac_exp'),
    pytest.param(lambda lib: 2 ** lib.tensor([0., 1., 3.]),
                 {'dtype': 'float32', 'values': [1.0, 2.0, 8.0]}, id='scalar_pow_tensor'),
    pytest.param(lambda lib: 2 ** lib.tensor([0, 1, 3]),
                 {'dtype': 'int64', 'values': [1, 2, 8]}, id='scalar_pow_int_tensor'),
    pytest.param(lambda lib: 2 ** lib.tensor(3, dtype=lib.int32),
                 {'dtype': 'int32', 'values': 8}, id='scalar_pow_int32_0d'),
    pytest.param(lambda lib: 0.1 ** lib.tensor([1., 2.], dtype=lib.float64),
                 {'dtype': 'float64', 'values': [0.1, 0.010000000000000002]}, id='float_scalar_pow_f64'),
    pytest.param(lambda lib: 2.5 ** lib.tensor([1, 2]),
                 {'dtype': 'float32', 'values': [2.5, 6.25]}, id='float_scalar_pow_int'),
    pytest.param(lambda lib: lib.tensor([0., 2.]) ** 0,
                 {'dtype': 'float32', 'values': [1.0, 1.0]}, id='zero_pow_zero'),
    pytest.param(lambda lib: lib.pow(lib.tensor([2., 3.]), lib.tensor([[1.], [2.]])),
                 {'dtype': 'float32', 'values': [[2.0, 3.0], [4.0, 9.0]]}, id='pow_fn_tensor_exp'),
    pytest.param(lambda lib: lib.exp(lib.tensor([0, 1])),
                 {'dtype': 'float32', 'values': [1.0, 2.7182817459106445]}, id='exp_int'),
    pytest.param(lambda lib: lib.exp(lib.tensor([True, False])),
                 {'dtype': 'float32', 'values': [2.7182817459106445, 1.0]}, id='exp_bool'),
    pytest.param(lambda lib: lib.log(lib.tensor([0., -1., 1.])),
                 {'dtype': 'float32', 'values': [-INF, NAN, 0.0]}, id='log_edges'),
    pytest.param(lambda lib: lib.sqrt(lib.tensor([-1., 4.])),
                 {'dtype': 'float32', 'values': [NAN, 2.0]}, id='sqrt_neg'),
    pytest.param(lambda lib: lib.sin(lib.tensor([0, 1])) + lib.cos(lib.tensor([0, 1])),
                 {'dtype': 'float32', 'values': [1.0, 1.3817732334136963]}, id='sin_cos_int'),
    pytest.param(lambda lib: lib.sigmoid(lib.tensor([-20., -5., 0., 5., 20.])),
                 {'dtype': 'float32', 'values': [2.06115369216775e-09, 0.006692850962281227, 0.5, 0.9933071732521057, 1.0]}, id='sigmoid_tails_f32'),
    pytest.param(lambda lib: lib.sigmoid(lib.tensor([-30., -1., 30.], dtype=lib.float64)),
                 {'dtype': 'float64', 'values': [9.357622968839299e-14, 0.2689414213699951, 0.9999999999999065]}, id='sigmoid_tails_f64'),
    pytest.param(lambda lib: lib.tanh(lib.tensor([0, 1])),
                 {'dtype': 'float32', 'values': [0.0, 0.7615941762924194]}, id='tanh_int'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([1, 2, 3]), min=1.5),
                 {'dtype': 'float32', 'values': [1.5, 2.0, 3.0]}, id='clamp_int_float_min'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([1, 2, 3]), 2, 2),
                 {'dtype': 'int64', 'values': [2, 2, 2]}, id='clamp_int_int'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([0., 5., 10.]), 6., 4.),
                 {'dtype': 'float32', 'values': [4.0, 4.0, 4.0]}, id='clamp_min_gt_max'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([[0., 5., 10.]]), lib.tensor([[1.], [6.]]), lib.tensor(8.)),
                 {'dtype': 'float32', 'values': [[1.0, 5.0, 8.0], [6.0, 6.0, 8.0]]}, id='clamp_tensor_bounds'),
    pytest.param(lambda lib: lib.tensor([0., 5., 10.]).clamp(max=4.),
                 {'dtype': 'float32', 'values': [0.0, 4.0, 4.0]}, id='clamp_max_only'),
    pytest.param(lambda lib: lib.tensor([0., 5., 10.]).clip(1., 6.),
                 {'dtype': 'float32', 'values': [1.0, 5.0, 6.0]}, id='clip_alias'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([float('nan'), 2.]), 0., 1.),
                 {'dtype': 'float32', 'values': [NAN, 1.0]}, id='clamp_nan'),
    pytest.param(lambda lib: lib.maximum(lib.tensor([1., float('nan')]), lib.tensor([float('nan'), 0.])),
                 {'dtype': 'float32', 'values': [NAN, NAN]}, id='maximum_nan'),
    pytest.param(lambda lib: lib.maximum(lib.tensor([1, 5]), lib.tensor([2.5, 0.5])),
                 {'dtype': 'float32', 'values': [2.5, 5.0]}, id='maximum_int_float'),
    pytest.param(lambda lib: lib.minimum(lib.tensor([1, 5]), lib.tensor([3], dtype=lib.int32)),
                 {'dtype': 'int64', 'values': [1, 3]}, id='minimum_int_int32'),
    pytest.param(lambda lib: lib.where(lib.tensor([True, False]), 1, 0),
                 {'dtype': 'int64', 'values': [1, 0]}, id='where_scalars'),
    pytest.param(lambda lib: lib.where(lib.tensor([True, False]), 1., 0),
                 {'dtype': 'float32', 'values': [1.0, 0.0]}, id='where_float_scalar'),
    pytest.param(lambda lib: lib.where(lib.tensor([True, False]), lib.tensor([1, 2], dtype=lib.int32), 0.5),
                 {'dtype': 'float32', 'values': [1.0, 0.5]}, id='where_int32_float'),
    pytest.param(lambda lib: lib.where(lib.tensor([[True], [False]]), lib.tensor([1., 2.]), lib.tensor(0., dtype=lib.float64)),
                 {'dtype': 'float32', 'values': [[1.0, 2.0], [0.0, 0.0]]}, id='where_bcast_0d_f64'),
    pytest.param(lambda lib: lib.tensor([1., 2.]).where(lib.tensor([True, False]), 0.),
                 {'dtype': 'float32', 'values': [1.0, 0.0]}, id='where_method'),
    pytest.param(lambda lib: lib.tensor([1, 2]) == lib.tensor([1., 3.]),
                 {'dtype': 'bool', 'values': [True, False]}, id='eq_int_float'),
    pytest.param(lambda lib: 1 < lib.tensor([0., 1., 2.]),
                 {'dtype': 'bool', 'values': [False, False, True]}, id='lt_scalar_left'),
    pytest.param(lambda lib: lib.tensor([0., 1., 2.]) <= 1,
                 {'dtype': 'bool', 'values': [True, True, False]}, id='le_scalar_right'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.int32) > 1.5,
                 {'dtype': 'bool', 'values': [False, True]}, id='gt_int_float_scalar'),
    pytest.param(lambda lib: lib.tensor([[1.], [2.]]) >= lib.tensor([1., 2., 3.]),
                 {'dtype': 'bool', 'values': [[True, False, False], [True, True, False]]}, id='ge_bcast'),
    pytest.param(lambda lib: lib.tensor([float('nan'), 1.]) != lib.tensor([float('nan'), 1.]),
                 {'dtype': 'bool', 'values': [True, False]}, id='ne_nan'),
    pytest.param(lambda lib: lib.tensor([1, 2]).eq(2),
                 {'dtype': 'bool', 'values': [False, True]}, id='eq_method'),
    pytest.param(lambda lib: lib.logical_and(lib.tensor([1, 0, 2]), lib.tensor([1., 1., 0.])),
                 {'dtype': 'bool', 'values': [True, False, False]}, id='logical_and_num'),
    pytest.param(lambda lib: lib.logical_or(lib.tensor([[True], [False]]), lib.tensor([False, False])),
                 {'dtype': 'bool', 'values': [[True, True], [False, False]]}, id='logical_or_bcast'),
    pytest.param(lambda lib: lib.logical_not(lib.tensor([0., 2.])),
                 {'dtype': 'bool', 'values': [True, False]}, id='logical_not_float'),
    pytest.param(lambda lib: lib.tensor([True, False]) + lib.tensor([True, False]),
                 {'dtype': 'bool', 'values': [True, False]}, id='bool_add'),
    pytest.param(lambda lib: lib.tensor([True, False]) * lib.tensor([True, True]),
                 {'dtype': 'bool', 'values': [True, False]}, id='bool_mul'),
    pytest.param(lambda lib: lib.tensor([True, False]) + 1,
                 {'dtype': 'int64', 'values': [2, 1]}, id='bool_plus_int'),
    pytest.param(lambda lib: lib.tensor([1, 2]) + 1.5,
                 {'dtype': 'float32', 'values': [2.5, 3.5]}, id='int_plus_float'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.int32) + lib.tensor(3),
                 {'dtype': 'int32', 'values': [4, 5]}, id='int32_plus_int64_0d'),
    pytest.param(lambda lib: lib.tensor([1., 2.]) + lib.tensor(0.5, dtype=lib.float64),
                 {'dtype': 'float32', 'values': [1.5, 2.5]}, id='f32_plus_f64_0d'),
    pytest.param(lambda lib: 10 - lib.tensor([1, 2]),
                 {'dtype': 'int64', 'values': [9, 8]}, id='rsub_int'),
    pytest.param(lambda lib: 1 / lib.tensor([2, 4]),
                 {'dtype': 'float32', 'values': [0.5, 0.25]}, id='rdiv_int'),
    pytest.param(lambda lib: lib.tensor([1., 2.]).add(lib.tensor([1., 1.]), alpha=3),
                 {'dtype': 'float32', 'values': [4.0, 5.0]}, id='add_method_alpha'),
    pytest.param(lambda lib: lib.tensor([1., 2.]).sub(1., alpha=2),
                 {'dtype': 'float32', 'values': [-1.0, 0.0]}, id='sub_method_alpha'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) + lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'AddBackward0', id='name_add'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) + 2).grad_fn.name(),
                 'AddBackward0', id='name_add_scalar'),
    pytest.param(lambda lib: (2 + lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'AddBackward0', id='name_radd'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) - lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'SubBackward0', id='name_sub'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) - 2).grad_fn.name(),
                 'SubBackward0', id='name_sub_scalar'),
    pytest.param(lambda lib: (2 - lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'RsubBackward1', id='name_rsub'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) * lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'MulBackward0', id='name_mul'),
    pytest.param(lambda lib: (2 * lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'MulBackward0', id='name_rmul'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) / lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'DivBackward0', id='name_div'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) / 2).grad_fn.name(),
                 'DivBackward0', id='name_div_scalar'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) ** 2).grad_fn.name(),
                 'PowBackward0', id='name_pow_scalar'),
    pytest.param(lambda lib: (lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True) ** lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'PowBackward1', id='name_pow_tensor'),
    pytest.param(lambda lib: (2 ** lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'PowBackward2', id='name_rpow'),
    pytest.param(lambda lib: (lib.tensor(2.) ** lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'PowBackward1', id='name_pow_0d_base'),
    pytest.param(lambda lib: (-lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'NegBackward0', id='name_neg'),
    pytest.param(lambda lib: lib.exp(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'ExpBackward0', id='name_exp'),
    pytest.param(lambda lib: lib.log(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'LogBackward0', id='name_log'),
    pytest.param(lambda lib: lib.sqrt(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'SqrtBackward0', id='name_sqrt'),
    pytest.param(lambda lib: lib.sin(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'SinBackward0', id='name_sin'),
    pytest.param(lambda lib: lib.cos(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'CosBackward0', id='name_cos'),
    pytest.param(lambda lib: lib.tanh(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'TanhBackward0', id='name_tanh'),
    pytest.param(lambda lib: lib.sigmoid(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'SigmoidBackward0', id='name_sigmoid'),
    pytest.param(lambda lib: lib.sign(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'SignBackward0', id='name_sign'),
    pytest.param(lambda lib: lib.abs(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'AbsBackward0', id='name_abs'),
    pytest.param(lambda lib: lib.relu(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)).grad_fn.name(),
                 'ReluBackward0', id='name_relu'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), 1., 2.).grad_fn.name(),
                 'ClampBackward1', id='name_clamp'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), min=1.).grad_fn.name(),
                 'ClampBackward1', id='name_clamp_min'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True).clamp(max=1.).grad_fn.name(),
                 'ClampBackward1', id='name_clamp_max'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), lib.tensor(1.), lib.tensor(2.)).grad_fn.name(),
                 'ClampBackward0', id='name_clamp_tensor'),
    pytest.param(lambda lib: lib.maximum(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'MaximumBackward0', id='name_maximum'),
    pytest.param(lambda lib: lib.minimum(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'MinimumBackward0', id='name_minimum'),
    pytest.param(lambda lib: lib.max(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), lib.tensor([0.5, 1.5, 2.5], requires_grad=True)).grad_fn.name(),
                 'MaximumBackward0', id='name_max_pairwise'),
    pytest.param(lambda lib: lib.where(lib.tensor([0.5, 1.5, 2.5], requires_grad=True) > 1, lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True), 0.).grad_fn.name(),
                 'WhereBackward0', id='name_where'),
    pytest.param(lambda lib: (lambda x: lib.autograd.grad(lib.tanh(x).sum(), x, create_graph=True)[0].grad_fn.name())(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)),
                 'TanhBackwardBackward0', id='name_tanh_backward'),
    pytest.param(lambda lib: (lambda x: lib.autograd.grad(lib.sigmoid(x).sum(), x, create_graph=True)[0].grad_fn.name())(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)),
                 'SigmoidBackwardBackward0', id='name_sigmoid_backward'),
    pytest.param(lambda lib: (lambda x: lib.autograd.grad(lib.relu(x).sum(), x, create_graph=True)[0].grad_fn.name())(lib.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)),
                 'ThresholdBackwardBackward0', id='name_relu_backward'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([1., 2.], requires_grad=True), 1.5).grad_fn.name(),
                 'FmodBackward0', id='name_fmod_scalar'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([1., 2.], requires_grad=True), lib.tensor([1.5, 2.5])).grad_fn.name(),
                 'FmodBackward1', id='name_fmod_tensor'),
    pytest.param(lambda lib: (lib.tensor([1., 2.], requires_grad=True) % 1.5).grad_fn.name(),
                 'RemainderBackward0', id='name_remainder_scalar'),
    pytest.param(lambda lib: (lib.tensor([1., 2.], requires_grad=True) % lib.tensor(1.5)).grad_fn.name(),
                 'RemainderBackward1', id='name_remainder_tensor'),
    pytest.param(lambda lib: lib.div(lib.tensor([1., 2.], requires_grad=True), 1.5, rounding_mode='trunc').grad_fn.name(),
                 'DivBackward2', id='name_div_trunc'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).div(lib.tensor([1.5, 2.5]), rounding_mode='floor').grad_fn.name(),
                 'DivBackward2', id='name_div_floor'),
    pytest.param(lambda lib: lib.divide(lib.tensor([1., 2.], requires_grad=True), 2).grad_fn.name(),
                 'DivBackward0', id='name_divide'),
    pytest.param(lambda lib: lib.floor(lib.tensor([1., 2.], requires_grad=True)).grad_fn.name(),
                 'FloorBackward0', id='name_floor'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).ceil().grad_fn.name(),
                 'CeilBackward0', id='name_ceil'),
    pytest.param(lambda lib: lib.trunc(lib.tensor([1., 2.], requires_grad=True)).grad_fn.name(),
                 'TruncBackward0', id='name_trunc'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).fix().grad_fn.name(),
                 'TruncBackward0', id='name_fix'),
    pytest.param(lambda lib: lib.round(lib.tensor([1., 2.], requires_grad=True)).grad_fn.name(),
                 'RoundBackward0', id='name_round'),
    pytest.param(lambda lib: lib.round(lib.tensor([1., 2.], requires_grad=True), decimals=0).grad_fn.name(),
                 'RoundBackward1', id='name_round_decimals'),
    pytest.param(lambda lib: lib.tensor([[7, -7, 0], [9, -9, 5]]) // lib.tensor([2, 2, -3]),
                 {'dtype': 'int64', 'values': [[3, -4, 0], [4, -5, -2]]}, id='int_floordiv'),
    pytest.param(lambda lib: 7 // lib.tensor([2, -2, 3]),
                 {'dtype': 'int64', 'values': [3, -4, 2]}, id='int_rfloordiv'),
    pytest.param(lambda lib: lib.tensor([7, -7]) // 2.5,
                 {'dtype': 'float32', 'values': [2.0, -3.0]}, id='int_floordiv_float'),
    pytest.param(lambda lib: lib.tensor([-3., 3., -3., 3., 5., -5.]) // lib.tensor([2., -2., -2., 2., float('inf'), float('inf')]),
                 {'dtype': 'float32', 'values': [-2.0, -2.0, 1.0, 1.0, 0.0, -1.0]}, id='float_floordiv'),
    pytest.param(lambda lib: lib.tensor([1., -1., 0.]) // 0,
                 {'dtype': 'float32', 'values': [INF, -INF, NAN]}, id='float_floordiv_zero'),
    pytest.param(lambda lib: lib.tensor([float('nan'), 1., float('inf'), -float('inf')]) // lib.tensor([1., float('nan'), 2., 2.]),
                 {'dtype': 'float32', 'values': [NAN, NAN, NAN, NAN]}, id='floordiv_nan_inf'),
    pytest.param(lambda lib: lib.floor_divide(lib.tensor([-7, 7]), 2),
                 {'dtype': 'int64', 'values': [-4, 3]}, id='floor_divide_fn'),
    pytest.param(lambda lib: lib.tensor([-7., 7.]).floor_divide(lib.tensor(2.)),
                 {'dtype': 'float32', 'values': [-4.0, 3.0]}, id='floor_divide_method'),
    pytest.param(lambda lib: lib.floor_divide(5, lib.tensor([2., -2.])),
                 {'dtype': 'float32', 'values': [2.0, -3.0]}, id='floor_divide_scalar_base'),
    pytest.param(lambda lib: lib.tensor([-2**63]) // -1,
                 {'dtype': 'int64', 'values': [-9223372036854775808]}, id='int_min_floordiv_minus_one'),
    pytest.param(lambda lib: lib.tensor([-3, 3, -3, 3]) % lib.tensor([2, -2, -2, 2]),
                 {'dtype': 'int64', 'values': [1, -1, -1, 1]}, id='int_remainder'),
    pytest.param(lambda lib: 7 % lib.tensor([2, -2, 3]),
                 {'dtype': 'int64', 'values': [1, -1, 1]}, id='int_rmod'),
    pytest.param(lambda lib: lib.tensor([7, -7]) % 2.5,
                 {'dtype': 'float32', 'values': [2.0, 0.5]}, id='int_remainder_float'),
    pytest.param(lambda lib: lib.remainder(lib.tensor([-3., 3., -3., 3., 2.6, -2.7]), lib.tensor([2., -2., -2., 2., 2., 2.])),
                 {'dtype': 'float32', 'values': [1.0, -1.0, -1.0, 1.0, 0.5999999046325684, 1.2999999523162842]}, id='float_remainder'),
    pytest.param(lambda lib: lib.remainder(lib.tensor([float('inf'), 1., 1., -1., 1.]), lib.tensor([2., float('inf'), -float('inf'), float('inf'), 0.])),
                 {'dtype': 'float32', 'values': [NAN, 1.0, -INF, INF, NAN]}, id='remainder_special'),
    pytest.param(lambda lib: 3 % lib.tensor([2., -2.]),
                 {'dtype': 'float32', 'values': [1.0, -1.0]}, id='float_rmod'),
    pytest.param(lambda lib: lib.tensor(2.5) % lib.tensor([1., 2.]),
                 {'dtype': 'float32', 'values': [0.5, 0.5]}, id='remainder_0d_0d'),
    pytest.param(lambda lib: lib.remainder(lib.tensor([True, False]), 2),
                 {'dtype': 'int64', 'values': [1, 0]}, id='bool_remainder_int'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([-3, 3, -3, 3]), lib.tensor([2, -2, -2, 2])),
                 {'dtype': 'int64', 'values': [-1, 1, -1, 1]}, id='int_fmod'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([-3., 3., -3., 3., 2.6, -2.7]), lib.tensor([2., -2., -2., 2., 2., 2.])),
                 {'dtype': 'float32', 'values': [-1.0, 1.0, -1.0, 1.0, 0.5999999046325684, -0.7000000476837158]}, id='float_fmod'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([float('inf'), 1., 1., -1., 1.]), lib.tensor([2., float('inf'), -float('inf'), float('inf'), 0.])),
                 {'dtype': 'float32', 'values': [NAN, 1.0, 1.0, -1.0, NAN]}, id='fmod_special'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([7, -7]), 2.5),
                 {'dtype': 'float32', 'values': [2.0, -2.0]}, id='fmod_int_float'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([7]), 0.),
                 {'dtype': 'float32', 'values': [NAN]}, id='fmod_int_zero_float'),
    pytest.param(lambda lib: lib.fmod(lib.tensor(5.), 3),
                 {'dtype': 'float32', 'values': 2.0}, id='fmod_0d'),
    pytest.param(lambda lib: lib.div(lib.tensor([-3., 3., -3., 3., -0.5]), lib.tensor([2., -2., -2., 2., 1.]), rounding_mode='trunc'),
                 {'dtype': 'float32', 'values': [-1.0, -1.0, 1.0, 1.0, -0.0]}, id='div_trunc_float'),
    pytest.param(lambda lib: lib.div(lib.tensor([-3., 3., -3., 3.]), lib.tensor([2., -2., -2., 2.]), rounding_mode='floor'),
                 {'dtype': 'float32', 'values': [-2.0, -2.0, 1.0, 1.0]}, id='div_floor_float'),
    pytest.param(lambda lib: lib.div(lib.tensor([-7, 7, -8]), lib.tensor([2, 2, 3]), rounding_mode='trunc'),
                 {'dtype': 'int64', 'values': [-3, 3, -2]}, id='div_trunc_int'),
    pytest.param(lambda lib: lib.div(lib.tensor([-7, 7, -8]), lib.tensor([2, 2, 3]), rounding_mode='floor'),
                 {'dtype': 'int64', 'values': [-4, 3, -3]}, id='div_floor_int'),
    pytest.param(lambda lib: lib.div(lib.tensor([7, -7]), 2.5, rounding_mode='trunc'),
                 {'dtype': 'float32', 'values': [2.0, -2.0]}, id='div_trunc_int_float'),
    pytest.param(lambda lib: lib.div(lib.tensor([7, -7]), 2, rounding_mode=None),
                 {'dtype': 'float32', 'values': [3.5, -3.5]}, id='div_none'),
    pytest.param(lambda lib: lib.tensor([7, -7]).div(2, rounding_mode='floor'),
                 {'dtype': 'int64', 'values': [3, -4]}, id='div_method_floor'),
    pytest.param(lambda lib: lib.divide(lib.tensor([1, 3]), 2, rounding_mode='trunc'),
                 {'dtype': 'int64', 'values': [0, 1]}, id='divide_alias'),
    pytest.param(lambda lib: lib.true_divide(lib.tensor([1, 3]), 2),
                 {'dtype': 'float32', 'values': [0.5, 1.5]}, id='true_divide_alias'),
    pytest.param(lambda lib: lib.div(lib.tensor([True]), 2, rounding_mode='trunc'),
                 {'dtype': 'int64', 'values': [0]}, id='div_trunc_bool_int'),
    pytest.param(lambda lib: lib.floor(lib.tensor([1, -2])),
                 {'dtype': 'int64', 'values': [1, -2]}, id='int_floor'),
    pytest.param(lambda lib: lib.ceil(lib.tensor([1, -2], dtype=lib.int32)),
                 {'dtype': 'int32', 'values': [1, -2]}, id='int32_ceil'),
    pytest.param(lambda lib: lib.round(lib.tensor([3, -4])),
                 {'dtype': 'int64', 'values': [3, -4]}, id='int_round'),
    pytest.param(lambda lib: lib.trunc(lib.tensor([2**62 + 1, -2**62 - 1])),
                 {'dtype': 'int64', 'values': [4611686018427387905, -4611686018427387905]}, id='int_trunc_large'),
    pytest.param(lambda lib: lib.round(lib.tensor([0.5, 1.5, 2.5, -0.5, -1.5, 2.6, -2.7])),
                 {'dtype': 'float32', 'values': [0.0, 2.0, 2.0, -0.0, -2.0, 3.0, -3.0]}, id='round_half_even'),
    pytest.param(lambda lib: lib.round(lib.tensor([1.2345, 12.5, -0.125, 0.285]), decimals=2),
                 {'dtype': 'float32', 'values': [1.2300000190734863, 12.5, -0.11999999731779099, 0.2800000011920929]}, id='round_decimals'),
    pytest.param(lambda lib: lib.round(lib.tensor([1234.5, 1250., 1350., -1250.]), decimals=-2),
                 {'dtype': 'float32', 'values': [1200.0, 1200.0, 1400.0, -1200.0]}, id='round_negative_decimals'),
    pytest.param(lambda lib: lib.round(lib.tensor([2.675, 1.0005, -0.125], dtype=lib.float64), decimals=3),
                 {'dtype': 'float64', 'values': [2.675, 1.0, -0.125]}, id='round_decimals_f64'),
    pytest.param(lambda lib: lib.round(lib.tensor([1.5, 0.]), decimals=40),
                 {'dtype': 'float32', 'values': [NAN, NAN]}, id='round_decimals_huge'),
    pytest.param(lambda lib: lib.tensor([1.25, -2.5]).round(decimals=1),
                 {'dtype': 'float32', 'values': [1.2000000476837158, -2.5]}, id='round_method_decimals'),
    pytest.param(lambda lib: lib.fix(lib.tensor([-1.5, 1.5])),
                 {'dtype': 'float32', 'values': [-1.0, 1.0]}, id='fix_alias'),
    pytest.param(lambda lib: lib.tensor([-1.5, 1.5]).fix(),
                 {'dtype': 'float32', 'values': [-1.0, 1.0]}, id='fix_method'),
    pytest.param(lambda lib: lib.tensor([6, 3, -1]) & lib.tensor([3, 5, 12]),
                 {'dtype': 'int64', 'values': [2, 1, 12]}, id='int_and'),
    pytest.param(lambda lib: lib.tensor([6, 3, -1]) | lib.tensor([3, 5, 12]),
                 {'dtype': 'int64', 'values': [7, 7, -1]}, id='int_or'),
    pytest.param(lambda lib: lib.tensor([6, 3, -1]) ^ lib.tensor([3, 5, 12]),
                 {'dtype': 'int64', 'values': [5, 6, -13]}, id='int_xor'),
    pytest.param(lambda lib: ~lib.tensor([1, -2, 0]),
                 {'dtype': 'int64', 'values': [-2, 1, -1]}, id='int_invert'),
    pytest.param(lambda lib: ~lib.tensor([0, 7], dtype=lib.int32),
                 {'dtype': 'int32', 'values': [-1, -8]}, id='int32_invert'),
    pytest.param(lambda lib: lib.tensor([True, False]) & lib.tensor([True, True]),
                 {'dtype': 'bool', 'values': [True, False]}, id='bool_and'),
    pytest.param(lambda lib: lib.tensor([True, False]) | lib.tensor([False, False]),
                 {'dtype': 'bool', 'values': [True, False]}, id='bool_or'),
    pytest.param(lambda lib: lib.tensor([True, False]) ^ lib.tensor([True, True]),
                 {'dtype': 'bool', 'values': [False, True]}, id='bool_xor'),
    pytest.param(lambda lib: ~lib.tensor([True, False]),
                 {'dtype': 'bool', 'values': [False, True]}, id='bool_invert'),
    pytest.param(lambda lib: ~lib.tensor(True),
                 {'dtype': 'bool', 'values': False}, id='bool_invert_0d'),
    pytest.param(lambda lib: lib.tensor([6, 3]) & 3,
                 {'dtype': 'int64', 'values': [2, 3]}, id='and_scalar'),
    pytest.param(lambda lib: 3 & lib.tensor([6, 3]),
                 {'dtype': 'int64', 'values': [2, 3]}, id='rand_scalar'),
    pytest.param(lambda lib: 5 | lib.tensor([2]),
                 {'dtype': 'int64', 'values': [7]}, id='ror_scalar'),
    pytest.param(lambda lib: 5 ^ lib.tensor([2]),
                 {'dtype': 'int64', 'values': [7]}, id='rxor_scalar'),
    pytest.param(lambda lib: lib.tensor([6, 3]) & True,
                 {'dtype': 'int64', 'values': [0, 1]}, id='int_and_true'),
    pytest.param(lambda lib: lib.tensor([True, False]) & 1,
                 {'dtype': 'int64', 'values': [1, 0]}, id='bool_and_int'),
    pytest.param(lambda lib: lib.tensor([True]) & lib.tensor([3], dtype=lib.int32),
                 {'dtype': 'int32', 'values': [1]}, id='bool_and_int32'),
    pytest.param(lambda lib: lib.bitwise_or(lib.tensor([6], dtype=lib.int32), lib.tensor(3)),
                 {'dtype': 'int32', 'values': [7]}, id='int32_or_0d_int64'),
    pytest.param(lambda lib: lib.bitwise_and(6, lib.tensor([3])),
                 {'dtype': 'int64', 'values': [2]}, id='bitwise_and_fn'),
    pytest.param(lambda lib: lib.bitwise_not(lib.tensor([True, False])),
                 {'dtype': 'bool', 'values': [False, True]}, id='bitwise_not_bool'),
    pytest.param(lambda lib: lib.tensor([5]).bitwise_xor(lib.tensor([3])),
                 {'dtype': 'int64', 'values': [6]}, id='bitwise_xor_method'),
    pytest.param(lambda lib: lib.logical_xor(lib.tensor([1., 0., 2.]), lib.tensor([1, 1, 0])),
                 {'dtype': 'bool', 'values': [False, True, True]}, id='logical_xor'),
    pytest.param(lambda lib: lib.tensor([True, False]).logical_xor(lib.tensor([True, True])),
                 {'dtype': 'bool', 'values': [False, True]}, id='logical_xor_method'),
    pytest.param(lambda lib: lib.tensor([2, -2, 1, -1, -1, 0, 3]) ** lib.tensor([-1, -1, -3, -3, -2, -1, 2]),
                 {'dtype': 'int64', 'values': [0, 0, 1, -1, 1, 0, 9]}, id='int_pow_negative_tensor'),
    pytest.param(lambda lib: lib.tensor([2, -1], dtype=lib.int32) ** lib.tensor([-2, -3], dtype=lib.int32),
                 {'dtype': 'int32', 'values': [0, -1]}, id='int32_pow_negative'),
    pytest.param(lambda lib: 2 ** lib.tensor([-1, 2]),
                 {'dtype': 'int64', 'values': [0, 4]}, id='scalar_base_negative_exponents'),
    pytest.param(lambda lib: (-1) ** lib.tensor([-1, -2, 3]),
                 {'dtype': 'int64', 'values': [-1, 1, -1]}, id='minus_one_base'),
    pytest.param(lambda lib: lib.tensor([2, 1]) ** lib.tensor(-1),
                 {'dtype': 'int64', 'values': [0, 1]}, id='int_pow_0d_negative'),
    pytest.param(lambda lib: lib.tensor([2]) ** -1.0,
                 {'dtype': 'float32', 'values': [0.5]}, id='int_pow_negative_float'),
    pytest.param(lambda lib: lib.tensor([2], dtype=lib.int32) ** 40,
                 {'dtype': 'int32', 'values': [0]}, id='int32_pow_wraps'),
    pytest.param(lambda lib: lib.tensor([True, False]) ** 2,
                 {'dtype': 'int64', 'values': [1, 0]}, id='bool_pow_int'),
    pytest.param(lambda lib: lib.tensor([True, False]) ** True,
                 {'dtype': 'bool', 'values': [True, False]}, id='bool_pow_true'),
    pytest.param(lambda lib: lib.tensor([2]) ** lib.tensor([True]),
                 {'dtype': 'int64', 'values': [2]}, id='int_pow_bool'),
    pytest.param(lambda lib: lib.sign(lib.tensor([-0.0, float('nan'), -2., 3., float('-inf')])),
                 {'dtype': 'float32', 'values': [0.0, 0.0, -1.0, 1.0, -1.0]}, id='sign_nan_zero'),
    pytest.param(lambda lib: lib.sign(lib.tensor([-3, 0, 4], dtype=lib.int32)),
                 {'dtype': 'int32', 'values': [-1, 0, 1]}, id='sign_int32'),
    pytest.param(lambda lib: lib.sign(lib.tensor([True, False])),
                 {'dtype': 'bool', 'values': [True, False]}, id='sign_bool'),
    pytest.param(lambda lib: lib.abs(lib.tensor([-2**63, -3])),
                 {'dtype': 'int64', 'values': [-9223372036854775808, 3]}, id='abs_int_min'),
    pytest.param(lambda lib: lib.relu(lib.tensor([-1, 2], dtype=lib.int32)),
                 {'dtype': 'int32', 'values': [0, 2]}, id='relu_int32'),
    pytest.param(lambda lib: lib.clamp(lib.tensor([True, False]), 0, 1),
                 {'dtype': 'int64', 'values': [1, 0]}, id='clamp_bool'),
    pytest.param(lambda lib: lib.clip(lib.tensor([1., 5.]), 2, 3),
                 {'dtype': 'float32', 'values': [2.0, 3.0]}, id='clip_fn'),
    pytest.param(lambda lib: lib.absolute(lib.tensor([-1., 2.])),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='absolute_fn'),
    pytest.param(lambda lib: lib.negative(lib.tensor([-1., 2.])),
                 {'dtype': 'float32', 'values': [1.0, -2.0]}, id='negative_fn'),
    pytest.param(lambda lib: lib.subtract(lib.tensor([1.]), lib.tensor([2.]), alpha=2),
                 {'dtype': 'float32', 'values': [-3.0]}, id='subtract_alpha'),
    pytest.param(lambda lib: lib.sub(lib.tensor([1, 5]), 2, alpha=2),
                 {'dtype': 'int64', 'values': [-3, 1]}, id='sub_alpha'),
    pytest.param(lambda lib: lib.add(lib.tensor([1.]), lib.tensor([2.]), alpha=2),
                 {'dtype': 'float32', 'values': [5.0]}, id='add_alpha'),
    pytest.param(lambda lib: lib.add(lib.tensor([1]), 2, alpha=3),
                 {'dtype': 'int64', 'values': [7]}, id='add_int_alpha'),
    pytest.param(lambda lib: lib.add(lib.tensor([1.]), 2, alpha=0.5),
                 {'dtype': 'float32', 'values': [2.0]}, id='add_float_alpha'),
    pytest.param(lambda lib: lib.multiply(lib.tensor([1.]), 3),
                 {'dtype': 'float32', 'values': [3.0]}, id='multiply_fn'),
    pytest.param(lambda lib: lib.max(lib.tensor([1, 7], dtype=lib.int32), lib.tensor([2, 3])),
                 {'dtype': 'int64', 'values': [2, 7]}, id='max_pairwise_int'),
    pytest.param(lambda lib: lib.min(lib.tensor([1, 5]), lib.tensor([[3], [0]])),
                 {'dtype': 'int64', 'values': [[1, 3], [0, 0]]}, id='min_pairwise_bcast'),
    pytest.param(lambda lib: lib.maximum(lib.tensor([True, False]), lib.tensor([False, False])),
                 {'dtype': 'bool', 'values': [True, False]}, id='maximum_bool'),
    pytest.param(lambda lib: lib.equal(lib.tensor([1, 2]), lib.tensor([1., 2.])),
                 True, id='equal_dtypes'),
    pytest.param(lambda lib: lib.equal(lib.tensor([1, 2]), lib.tensor([[1, 2]])),
                 False, id='equal_shapes'),
    pytest.param(lambda lib: lib.equal(lib.tensor([float('nan')]), lib.tensor([float('nan')])),
                 False, id='equal_nan'),
    pytest.param(lambda lib: lib.tensor([[1, 2]]).t().equal(lib.tensor([[1], [2]])),
                 True, id='equal_method'),
    pytest.param(lambda lib: lib.tensor([], dtype=lib.int64) // 0,
                 {'dtype': 'int64', 'values': []}, id='int_div_zero_empty'),
    pytest.param(lambda lib: lib.tensor([], dtype=lib.int64).reshape(0, 2) % lib.tensor([0, 1]),
                 {'dtype': 'int64', 'values': []}, id='int_rem_empty'),
    pytest.param(lambda lib: lib.tensor([[7, -7]]).t() // lib.tensor([2, -3]),
                 {'dtype': 'int64', 'values': [[3, -3], [-4, 2]]}, id='floordiv_transposed'),
    pytest.param(lambda lib: lib.tensor([7., 1.]) // lib.tensor(0.1, dtype=lib.float64),
                 {'dtype': 'float32', 'values': [69.0, 9.0]}, id='f32_floordiv_f64_0d'),
    pytest.param(lambda lib: lib.tensor([7, 1]) // lib.tensor(0.1, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [69.0, 9.0]}, id='int_floordiv_f64_0d'),
    pytest.param(lambda lib: lib.floor(lib.tensor([2.6, -2.7, -0.5, float('inf'), float('nan')])),
                 {'dtype': 'float32', 'values': [2.0, -3.0, -1.0, INF, NAN]}, id='floor_float'),
    pytest.param(lambda lib: lib.tensor([2.6, -2.7, -0.5, float('-inf')]).ceil(),
                 {'dtype': 'float32', 'values': [3.0, -2.0, -0.0, -INF]}, id='ceil_float'),
    pytest.param(lambda lib: lib.trunc(lib.tensor([2.6, -2.7, -0.5], dtype=lib.float64)),
                 {'dtype': 'float64', 'values': [2.0, -2.0, -0.0]}, id='trunc_float'),
    pytest.param(lambda lib: lib.tensor([0.3, 0.7, 1.0]) // lib.tensor(0.1, dtype=lib.float64),
                 {'dtype': 'float32', 'values': [3.0, 6.0, 9.0]}, id='f32_floordiv_f64_0d_precision'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([0.3, 1.0]), lib.tensor(0.1, dtype=lib.float64)),
                 {'dtype': 'float32', 'values': [7.450580596923828e-09, 0.09999998658895493]}, id='f32_fmod_f64_0d_precision'),
    pytest.param(lambda lib: lib.tensor([2**24 + 1, 3]) // 1.0,
                 {'dtype': 'float32', 'values': [16777216.0, 3.0]}, id='int_floordiv_float_precision'),
    pytest.param(lambda lib: lib.tensor([2**24 + 1, 10]) % 3.0,
                 {'dtype': 'float32', 'values': [1.0, 1.0]}, id='int_remainder_float_precision'),
]
EW_GRADS = [
    pytest.param(lambda lib, a, b: lib.maximum(a, b), [[1.0, 2.0, 3.0], [1.0, 5.0, 0.0]],
                 [[0.5, 0.0, 1.0], [0.5, 1.0, 0.0]], id='maximum_ties_split'),
    pytest.param(lambda lib, a, b: lib.minimum(a, b), [[1.0, 2.0, 3.0], [1.0, 5.0, 0.0]],
                 [[0.5, 1.0, 0.0], [0.5, 0.0, 1.0]], id='minimum_ties_split'),
    pytest.param(lambda lib, a, b: lib.maximum(a, b), [[[1.0, 2.0], [3.0, 2.0]], [2.0, 2.0]],
                 [[[0.0, 0.5], [1.0, 0.5]], [1.0, 1.0]], id='maximum_bcast_tie'),
    pytest.param(lambda lib, a: lib.relu(a), [[-1.0, 0.0, 2.0]],
                 [[0.0, 0.0, 1.0]], id='relu_at_zero'),
    pytest.param(lambda lib, a: lib.abs(a), [[-1.0, 0.0, 2.0]],
                 [[-1.0, 0.0, 1.0]], id='abs_at_zero'),
    pytest.param(lambda lib, a: lib.sign(a), [[-1.0, 0.0, 2.0]],
                 [[0.0, 0.0, 0.0]], id='sign_zero_grad'),
    pytest.param(lambda lib, a: lib.clamp(a, 0., 1.), [[-1.0, 0.0, 0.5, 1.0, 2.0]],
                 [[0.0, 1.0, 1.0, 1.0, 0.0]], id='clamp_bounds_inclusive'),
    pytest.param(lambda lib, a: lib.clamp(a, 1., 0.), [[-1.0, 0.5, 2.0]],
                 [[0.0, 0.0, 0.0]], id='clamp_min_gt_max_scalar'),
    pytest.param(lambda lib, a, lo, hi: lib.clamp(a, lo, hi), [[-1.0, 0.5, 2.0, 1.0], [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0]],
                 [[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]], id='clamp_tensor_bounds'),
    pytest.param(lambda lib, a, lo, hi: lib.clamp(a, lo, hi), [[-1.0, 0.5, 2.0, 3.0], [2.0, 2.0, 2.0, 2.0], [1.0, 1.0, 1.0, 1.0]],
                 [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]], id='clamp_tensor_min_gt_max'),
    pytest.param(lambda lib, a, lo: lib.clamp(a, min=lo), [[-1.0, 0.5, 2.0], [0.5, 0.5, 0.5]],
                 [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]], id='clamp_tensor_min_only'),
    pytest.param(lambda lib, a, hi: lib.clamp(a, max=hi), [[-1.0, 0.5, 2.0], [0.5, 0.5, 0.5]],
                 [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]], id='clamp_tensor_max_only'),
    pytest.param(lambda lib, a: a ** 0, [[0.0, 1.0]],
                 [[0.0, 0.0]], id='pow_zero_exponent'),
    pytest.param(lambda lib, a: a ** 2, [[0.0, 1.0]],
                 [[0.0, 2.0]], id='pow_square_at_zero'),
    pytest.param(lambda lib, a: a ** 0.5, [[0.0, 1.0]],
                 [[INF, 0.5]], id='pow_sqrt_at_zero'),
    pytest.param(lambda lib, a, b: a ** b, [[0.0, 0.0, 2.0, 0.0], [0.0, 2.0, 0.0, -1.0]],
                 [[0.0, 0.0, 0.0, -INF], [0.0, 0.0, 0.6931471805599453, -INF]], id='pow_tensor_at_zero'),
    pytest.param(lambda lib, a, b: a ** b, [[-1.0, -2.0], [2.0, 3.0]],
                 [[-2.0, 12.0], [NAN, NAN]], id='pow_negative_base'),
    pytest.param(lambda lib, b: 2 ** b, [[0.0, 1.0, -1.0]],
                 [[0.6931471805599453, 1.3862943611198906, 0.34657359027997264]], id='rpow'),
    pytest.param(lambda lib, a: lib.sqrt(a), [[0.0, 4.0]],
                 [[INF, 0.25]], id='sqrt_at_zero'),
    pytest.param(lambda lib, a: lib.log(a), [[0.0, 4.0]],
                 [[INF, 0.25]], id='log_at_zero'),
    pytest.param(lambda lib, a: lib.sigmoid(a), [[0.0, 30.0, -30.0]],
                 [[0.25, 9.348077867342945e-14, 9.357622968838423e-14]], id='sigmoid_tails'),
    pytest.param(lambda lib, a: lib.tanh(a), [[0.0, 0.5, 30.0]],
                 [[1.0, 0.7864477329659274, 0.0]], id='tanh_tails'),
    pytest.param(lambda lib, a, b: lib.where(a > 0, a, b), [[1.0, -1.0], [2.0, 3.0]],
                 [[1.0, 0.0], [0.0, 1.0]], id='where_routes'),
    pytest.param(lambda lib, a, b: lib.where(b > 0, a, b), [[1.0, 2.0], [[1.0], [-1.0]]],
                 [[1.0, 1.0], [[0.0], [2.0]]], id='where_bcast'),
    pytest.param(lambda lib, a, b: a / b, [[[1.0, 2.0], [3.0, 4.0]], [2.0, -4.0]],
                 [[[0.5, -0.25], [0.5, -0.25]], [-1.0, -0.375]], id='div_bcast'),
    pytest.param(lambda lib, a: 1 / a, [[2.0, -4.0]],
                 [[-0.25, -0.0625]], id='rdiv'),
    pytest.param(lambda lib, a, s: a * s, [[1.0, 2.0], 3.0],
                 [[3.0, 3.0], 3.0], id='mul_0d'),
    pytest.param(lambda lib, a, b: lib.fmod(a, b), [[-3.5, 2.25, 7.0], [2.0, -1.5, 2.0]],
                 [[1.0, 1.0, 1.0], [1.0, 1.0, -3.0]], id='fmod_grads'),
    pytest.param(lambda lib, a, b: lib.fmod(a, b), [[[-3.5, 2.25, 7.0]], [[2.0], [-1.5]]],
                 [[[2.0, 2.0, 2.0]], [[-3.0], [3.0]]], id='fmod_grads_bcast'),
    pytest.param(lambda lib, a, b: lib.remainder(a, b), [[-3.5, 2.25, 7.0], [2.0, -1.5, 2.0]],
                 [[1.0, 1.0, 1.0], [2.0, 2.0, -3.0]], id='remainder_grads'),
    pytest.param(lambda lib, a, b: a % b, [[[-3.5, 2.25, 7.0]], [[2.0], [-1.5]]],
                 [[[2.0, 2.0, 2.0]], [[-2.0], [5.0]]], id='mod_grads_bcast'),
    pytest.param(lambda lib, a: lib.remainder(a, 2.0), [[-3.5, 2.25, 7.0]],
                 [[1.0, 1.0, 1.0]], id='remainder_scalar_grads'),
    pytest.param(lambda lib, a: lib.floor(a), [[-3.5, 2.25, 7.0]],
                 [[0.0, 0.0, 0.0]], id='floor_zero_grad'),
    pytest.param(lambda lib, a: lib.ceil(a), [[-3.5, 2.25, 7.0]],
                 [[0.0, 0.0, 0.0]], id='ceil_zero_grad'),
    pytest.param(lambda lib, a: lib.trunc(a), [[-3.5, 2.25, 7.0]],
                 [[0.0, 0.0, 0.0]], id='trunc_zero_grad'),
    pytest.param(lambda lib, a: lib.round(a), [[-3.5, 2.25, 7.0]],
                 [[0.0, 0.0, 0.0]], id='round_zero_grad'),
    pytest.param(lambda lib, a: lib.round(a, decimals=1), [[-3.55, 2.25, 7.0]],
                 [[0.0, 0.0, 0.0]], id='round_decimals_zero_grad'),
    pytest.param(lambda lib, a, b: lib.div(a, b, rounding_mode='trunc'), [[-3.5, 2.25, 7.0], [2.0, -1.5, 2.0]],
                 [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], id='div_trunc_zero_grads'),
    pytest.param(lambda lib, a, b: lib.div(a, b, rounding_mode='floor'), [[-3.5, 2.25, 7.0], [2.0, -1.5, 2.0]],
                 [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], id='div_floor_zero_grads'),
    pytest.param(lambda lib, a, b: lib.div(a, b, rounding_mode='floor') * a + b, [[-3.5, 2.25, 7.0], [2.0, -1.5, 2.0]],
                 [[-2.0, -2.0, 3.0], [1.0, 1.0, 1.0]], id='div_floor_in_sum'),
    pytest.param(lambda lib, a: lib.sign(a), [[NAN, 0.0]],
                 [[0.0, 0.0]], id='sign_at_nan_zero_grad'),
    pytest.param(lambda lib, a, b: lib.add(a, b, alpha=3), [[1.0, 2.0], [3.0, 4.0]],
                 [[1.0, 1.0], [3.0, 3.0]], id='add_alpha_grads'),
    pytest.param(lambda lib, a, b: lib.sub(a, b, alpha=0.5), [[1.0, 2.0], [3.0, 4.0]],
                 [[1.0, 1.0], [-0.5, -0.5]], id='sub_alpha_grads'),
    pytest.param(lambda lib, a: lib.clip(a, -1, 1), [[-2.0, 0.5, 1.0, 3.0]],
                 [[0.0, 1.0, 1.0, 0.0]], id='clip_grads'),
]
EW_ERRORS = [   # (fn, exception type, the start of torch's message: jitgrad's may say more)
    pytest.param(lambda lib: lib.tensor([1, 2]) // 0,
                 RuntimeError, 'ZeroDivisionError', id='int_floordiv_zero'),
    pytest.param(lambda lib: lib.tensor([1, 2]) // lib.tensor([0, 1]),
                 RuntimeError, 'ZeroDivisionError', id='int_floordiv_zero_tensor'),
    pytest.param(lambda lib: lib.tensor([1, 2]) // lib.tensor(0),
                 RuntimeError, 'ZeroDivisionError', id='int_floordiv_zero_0d'),
    pytest.param(lambda lib: lib.tensor([1, 2]) % 0,
                 RuntimeError, 'ZeroDivisionError', id='int_remainder_zero'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([1, 2]), lib.tensor([0, 1])),
                 RuntimeError, 'ZeroDivisionError', id='int_fmod_zero'),
    pytest.param(lambda lib: lib.div(lib.tensor([1, 2]), 0, rounding_mode='trunc'),
                 RuntimeError, 'ZeroDivisionError', id='int_div_trunc_zero'),
    pytest.param(lambda lib: lib.div(lib.tensor([1, 2]), lib.tensor([0, 1]), rounding_mode='floor'),
                 RuntimeError, 'ZeroDivisionError', id='int_div_floor_zero'),
    pytest.param(lambda lib: lib.tensor([5], dtype=lib.int32) % 2**40,
                 RuntimeError, 'ZeroDivisionError', id='int32_remainder_wrapped_zero'),
    pytest.param(lambda lib: lib.round(lib.tensor([True])),
                 NotImplementedError, '"round_vml_cpu" not implemented for \'Bool\'', id='round_bool'),
    pytest.param(lambda lib: lib.floor(lib.tensor([True])),
                 NotImplementedError, '"floor_vml_cpu" not implemented for \'Bool\'', id='floor_bool'),
    pytest.param(lambda lib: lib.ceil(lib.tensor([True])),
                 NotImplementedError, '"ceil_vml_cpu" not implemented for \'Bool\'', id='ceil_bool'),
    pytest.param(lambda lib: lib.trunc(lib.tensor([True])),
                 NotImplementedError, '"trunc_vml_cpu" not implemented for \'Bool\'', id='trunc_bool'),
    pytest.param(lambda lib: lib.round(lib.tensor([1234, 1250]), decimals=-2),
                 NotImplementedError, '"round_cpu" not implemented for \'Long\'', id='round_decimals_int'),
    pytest.param(lambda lib: lib.round(lib.tensor([1234], dtype=lib.int32), decimals=1),
                 NotImplementedError, '"round_cpu" not implemented for \'Int\'', id='round_decimals_int32'),
    pytest.param(lambda lib: lib.round(lib.tensor([1]), decimals=0),
                 NotImplementedError, '"round_vml_cpu" not implemented for \'Long\'', id='round_decimals_zero_int'),
    pytest.param(lambda lib: lib.tensor([True]) // lib.tensor([True]),
                 NotImplementedError, '"div_floor_cpu" not implemented for \'Bool\'', id='bool_floordiv'),
    pytest.param(lambda lib: lib.tensor([True]) % lib.tensor([True]),
                 NotImplementedError, '"remainder_cpu" not implemented for \'Bool\'', id='bool_remainder'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([True]), lib.tensor([True])),
                 NotImplementedError, '"fmod_cpu" not implemented for \'Bool\'', id='bool_fmod'),
    pytest.param(lambda lib: lib.div(lib.tensor([True]), lib.tensor([True]), rounding_mode='trunc'),
                 NotImplementedError, '"div_trunc_cpu" not implemented for \'Bool\'', id='bool_div_trunc'),
    pytest.param(lambda lib: lib.div(lib.tensor([True]), lib.tensor([True]), rounding_mode='floor'),
                 NotImplementedError, '"div_floor_cpu" not implemented for \'Bool\'', id='bool_div_floor'),
    pytest.param(lambda lib: lib.tensor([True]) ** lib.tensor([True]),
                 NotImplementedError, '"pow" not implemented for \'Bool\'', id='bool_pow_bool'),
    pytest.param(lambda lib: lib.tensor([True]) ** -1,
                 RuntimeError, 'Integers to negative integer powers are not allowed.', id='bool_pow_negative'),
    pytest.param(lambda lib: lib.tensor([1, 2]) ** -1,
                 RuntimeError, 'Integers to negative integer powers are not allowed.', id='int_pow_negative'),
    pytest.param(lambda lib: -lib.tensor([True]),
                 RuntimeError, 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.', id='neg_bool'),
    pytest.param(lambda lib: lib.abs(lib.tensor([True])),
                 NotImplementedError, '"abs_cpu" not implemented for \'Bool\'', id='abs_bool'),
    pytest.param(lambda lib: lib.relu(lib.tensor([True])),
                 RuntimeError, 'Boolean inputs not supported for relu', id='relu_bool'),
    pytest.param(lambda lib: ~lib.tensor([1.]),
                 TypeError, '~ (operator.invert) is only implemented on integer and Boolean-type tensors', id='invert_float'),
    pytest.param(lambda lib: lib.tensor([1.]) & lib.tensor([1.]),
                 NotImplementedError, '"bitwise_and_cpu" not implemented for \'Float\'', id='and_float'),
    pytest.param(lambda lib: lib.tensor([1]) & lib.tensor([1.]),
                 NotImplementedError, '"bitwise_and_cpu" not implemented for \'Float\'', id='and_int_float'),
    pytest.param(lambda lib: lib.tensor([1.]) & 1,
                 NotImplementedError, '"bitwise_and_cpu" not implemented for \'Float\'', id='and_float_scalar'),
    pytest.param(lambda lib: lib.tensor([1]) & 1.5,
                 NotImplementedError, '"bitwise_and_cpu" not implemented for \'Float\'', id='and_int_float_scalar'),
    pytest.param(lambda lib: lib.tensor([1.], dtype=lib.float64) | 1,
                 NotImplementedError, '"bitwise_or_cpu" not implemented for \'Double\'', id='or_double'),
    pytest.param(lambda lib: lib.tensor([1.]) ^ lib.tensor([1]),
                 NotImplementedError, '"bitwise_xor_cpu" not implemented for \'Float\'', id='xor_float'),
    pytest.param(lambda lib: lib.bitwise_not(lib.tensor([1.])),
                 NotImplementedError, '"bitwise_not_cpu" not implemented for \'Float\'', id='bitwise_not_float'),
    pytest.param(lambda lib: lib.div(lib.tensor([1.]), 2, rounding_mode='round'),
                 RuntimeError, "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'", id='div_bad_mode'),
    pytest.param(lambda lib: lib.equal(lib.tensor([1.]), 1.),
                 TypeError, "equal(): argument 'other' (position 2) must be Tensor, not float", id='equal_number'),
    pytest.param(lambda lib: lib.floor(2.5),
                 TypeError, "floor(): argument 'input' (position 1) must be Tensor, not float", id='floor_number'),
    pytest.param(lambda lib: lib.abs(-2),
                 TypeError, "abs(): argument 'input' (position 1) must be Tensor, not int", id='abs_number'),
    pytest.param(lambda lib: lib.add(lib.tensor([1]), lib.tensor([2]), alpha=0.5),
                 RuntimeError, 'For integral input tensors, argument alpha must not be a floating point number.', id='add_int_float_alpha'),
    pytest.param(lambda lib: lib.tensor([[1, 2, 3]]) // lib.tensor([[1, 2], [3, 4]]),
                 RuntimeError, 'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1', id='floordiv_bcast'),
    pytest.param(lambda lib: lib.tensor([[1, 2, 3]]) & lib.tensor([[1, 2], [3, 4]]),
                 RuntimeError, 'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1', id='and_bcast'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([[1., 2., 3.]]), lib.tensor([[1., 2.], [3., 4.]])),
                 RuntimeError, 'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1', id='fmod_bcast'),
    pytest.param(lambda lib: lib.tensor([1., 2., 3.]) % lib.tensor([1., 2.]),
                 RuntimeError, 'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0', id='remainder_bcast'),
    pytest.param(lambda lib: lib.logical_xor(lib.ones(2, 3), lib.ones(3, 2)),
                 RuntimeError, 'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1', id='logical_xor_bcast'),
]
EW_SIGNED_ZEROS = [   # signbit of each element, as torch gives it (tolerances cannot see -0.0)
    pytest.param(lambda lib: lib.remainder(lib.tensor([-0.0, 0.0, -2.0, 2.0, 4.0]), lib.tensor([2., -2., 2., -2., -2.])),
                 [True, False, True, False, False], id='remainder_signed_zeros'),
    pytest.param(lambda lib: lib.fmod(lib.tensor([-0.0, 0.0, -2.0, 2.0]), lib.tensor([2., -2., 2., -2.])),
                 [True, False, True, False], id='fmod_signed_zeros'),
    pytest.param(lambda lib: lib.tensor([-0.0, 0.0, 0.5, -0.5, 0.0]) // lib.tensor([1., -1., 2., -2., 3.]),
                 [True, True, False, False, False], id='floordiv_signed_zeros'),
    pytest.param(lambda lib: lib.div(lib.tensor([-0.5, 0.5, -0.0]), lib.tensor([1., -1., 1.]), rounding_mode='trunc'),
                 [True, True, True], id='div_trunc_signed_zeros'),
    pytest.param(lambda lib: lib.ceil(lib.tensor([-0.5, -0.0, 0.0])),
                 [True, True, False], id='floor_ceil_signed_zeros'),
    pytest.param(lambda lib: lib.round(lib.tensor([-0.4, -0.5, 0.4, -0.0])),
                 [True, True, False, True], id='round_signed_zeros'),
    pytest.param(lambda lib: lib.round(lib.tensor([-0.001, 0.001]), decimals=2),
                 [True, False], id='round_decimals_signed_zeros'),
    pytest.param(lambda lib: lib.trunc(lib.tensor([-0.7, 0.7])),
                 [True, False], id='trunc_signed_zeros'),
    pytest.param(lambda lib: lib.sign(lib.tensor([-0.0, float('nan')])),
                 [False, False], id='sign_signed_zeros'),
    pytest.param(lambda lib: lib.tensor([[1.0, 2], [-3, 4.0]]) % 3,
                 [[False, False], [True, False]], id='seed_remainder'),
]



@pytest.mark.parametrize("fn, expected", EW_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", EW_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


@pytest.mark.parametrize("fn, error, message", EW_ERRORS)
def test_errors_match_torch(fn, error, message):
    with pytest.raises(error, match=re.escape(message)):
        fn(jg)


@pytest.mark.parametrize("fn, signbits", EW_SIGNED_ZEROS)
def test_signed_zeros_match_torch(fn, signbits):
    assert np.signbit(fn(jg).numpy()).tolist() == signbits


# ------------------------------------------------------------------ semantics and errors
@pytest.mark.parametrize("op", [operator.add, operator.mul, jg.maximum, lambda a, b: jg.where(a > 0, a, b),
                                operator.floordiv, operator.mod, jg.fmod, jg.logical_xor,
                                lambda a, b: a.long() & b.long()])
def test_broadcast_mismatch_names_sizes(op):
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of tensor b "
                                           r"\(2\) at non-singleton dimension 1"):
        op(jg.ones(2, 3), jg.ones(3, 2))
    with pytest.raises(RuntimeError, match=r"size of tensor a \(2\) must match the size of tensor b \(4\) "
                                           r"at non-singleton dimension 0"):
        op(jg.ones(2, 3), jg.ones(4, 3))


@pytest.mark.parametrize("condition", [jg.tensor([1, 0]), jg.tensor([1.0, 0.0])])
def test_where_needs_a_bool_condition(condition):
    with pytest.raises(RuntimeError, match="where expected condition to be a boolean tensor"):
        jg.where(condition, jg.ones(2), jg.zeros(2))


def test_clamp_needs_a_bound():
    with pytest.raises(RuntimeError, match="At least one of 'min' or 'max' must not be None"):
        jg.clamp(jg.ones(2))


def test_integer_to_negative_integer_power_is_an_error():
    with pytest.raises(RuntimeError, match="Integers to negative integer powers are not allowed"):
        jg.tensor([1, 2]) ** -1


def test_bool_negation_and_subtraction_are_errors():
    with pytest.raises(RuntimeError, match="the `-` operator"):
        -jg.tensor([True, False])
    with pytest.raises(RuntimeError, match="the `-` operator"):
        jg.tensor([True]) - jg.tensor([False])


def test_comparisons_and_logic_do_not_record_gradients():
    x = jg.tensor([1.0, -2.0, 3.0], requires_grad=True)
    for result in (x > 0, x == 1, x != 1, x <= 0, 0 < x, jg.logical_not(x), jg.logical_and(x, x)):
        assert result.dtype is jg.bool and result.grad_fn is None and not result.requires_grad
    assert jg.sign(x).requires_grad  # sign records (with a zero gradient), as torch's does


def test_float32_results_stay_float32():
    x = jg.tensor([0.1, 0.2, 0.3])
    for result in (x + 0.1, 0.1 * x, x / 3, 2 ** x, x ** 2.5, jg.exp(x), jg.sigmoid(x), jg.clamp(x, 0.15, 0.25),
                   jg.where(x > 0.15, x, 0.0), x + jg.tensor(1.0, dtype=jg.float64)):
        assert result.dtype is jg.float32
    np.testing.assert_array_equal((x + 0.1).numpy(), np.float32([0.1, 0.2, 0.3]) + np.float32(0.1))


def test_zero_dim_operands_keep_zero_dims():
    s = jg.tensor(2.0, requires_grad=True)
    for result in (s + 1, 1 - s, s * s, jg.exp(s), s ** 2, jg.where(s > 1, s, 0.0), jg.maximum(s, s)):
        assert result.shape == () and result.dim() == 0
    assert (s * jg.ones(2, 1)).shape == (2, 1)
    (s ** 3).backward()
    assert s.grad.item() == pytest.approx(12.0)


def test_maximum_minimum_split_ties_like_torch():
    a = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = jg.tensor([1.0, 5.0, 3.0], requires_grad=True)
    (jg.maximum(a, b) * jg.tensor([2.0, 2.0, 4.0])).sum().backward()
    assert a.grad.tolist() == [1.0, 0.0, 2.0] and b.grad.tolist() == [1.0, 2.0, 2.0]


def test_sigmoid_keeps_precision_in_the_tails():
    # 1 / (1 + exp(20)) = 2.0611536e-09: a formula going through 1 + tiny loses it entirely
    got = jg.sigmoid(jg.tensor([-20.0, -100.0, 20.0, 100.0])).tolist()
    assert got[0] == pytest.approx(2.0611536e-09, rel=1e-6)
    assert 0 <= got[1] < 1e-40 and got[2] == 1.0 and got[3] == 1.0
    x = jg.tensor([-800.0, -40.0, 0.0, 800.0], dtype=jg.float64)
    np.testing.assert_allclose(jg.sigmoid(x).numpy(), [0.0, 4.248354255291589e-18, 0.5, 1.0], rtol=1e-14)


@pytest.mark.parametrize("op, np_fn", [(jg.exp, np.exp), (jg.log, np.log), (jg.sqrt, np.sqrt), (jg.sin, np.sin),
                                        (jg.cos, np.cos), (jg.tanh, np.tanh), (jg.sigmoid, lambda a: 1 / (1 + np.exp(-a)))])
def test_float_ops_of_bools_compute_in_float32(op, np_fn):
    # NumPy alone would compute these in float16 (exp(True) = 2.719)
    got = op(jg.tensor([True, False]))
    assert got.dtype is jg.float32
    np.testing.assert_allclose(got.numpy(), np_fn(np.float32([1.0, 0.0])), rtol=1e-6)


def test_pow_with_a_scalar_base_keeps_the_tensor_precision():
    x = jg.tensor([1.0, 3.0], dtype=jg.float64)
    assert (0.1 ** x).tolist() == [0.1, 0.1 ** 3]
    assert (2 ** jg.tensor(3, dtype=jg.int32)).dtype is jg.int32


def test_inplace_ops_write_through_and_keep_dtype():
    x = jg.tensor([1.0, 2.0, 3.0])
    y = x
    x += 1
    x.mul_(2).sub_(jg.tensor([1.0, 1.0, 1.0]), alpha=2).clamp_(min=3)
    assert y is x and x.tolist() == [3.0, 4.0, 6.0] and x.dtype is jg.float32
    i = jg.tensor([1, 2])
    i += 1
    assert i.tolist() == [2, 3] and i.dtype is jg.int64
    with pytest.raises(RuntimeError, match="can't be cast to the desired output type"):
        i += 1.5
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        jg.ones(2, requires_grad=True).add_(1)


def test_floor_divide_is_not_differentiable_as_in_torch():
    # torch has no derivative for floor_divide; div(rounding_mode="floor") has zero gradients
    x = jg.tensor([1.5, -2.5], requires_grad=True)
    assert not (x // 2).requires_grad and (x // 2).grad_fn is None
    floor = jg.div(x, 2, rounding_mode="floor")
    assert floor.requires_grad and floor.grad_fn.name() == "DivBackward2"
    floor.sum().backward()
    assert x.grad.tolist() == [0.0, 0.0]


def test_division_operators_and_methods_have_torch_names():
    x, y = jg.tensor([7, -7]), jg.tensor([2, 2])
    for got, expected in [(x // y, [3, -4]), (x.floor_divide(y), [3, -4]), (x % y, [1, 1]), (x.remainder(y), [1, 1]),
                          (x.fmod(y), [1, -1]), (x.div(y, rounding_mode="trunc"), [3, -3]),
                          (x.divide(y, rounding_mode="floor"), [3, -4]), (14 // x, [2, -2]), (15 % x, [1, -6])]:
        assert got.dtype is jg.int64 and got.tolist() == expected
    assert (x.true_divide(y)).tolist() == [3.5, -3.5]
    assert jg.clip is jg.clamp and jg.absolute is jg.abs and jg.negative is jg.neg and jg.fix is jg.trunc
    assert jg.divide is jg.div and jg.multiply is jg.mul


def test_equal_needs_values_so_it_cannot_be_traced():
    f = jg.compile(lambda a, b: jg.equal(a, b))
    with pytest.raises(TraceError, match="needs the tensor's value"):
        f(jg.ones(2), jg.ones(2))
    assert jg.equal(jg.ones(2), jg.ones(2)) is True and jg.equal(jg.ones(2), jg.ones(3)) is False


SEED_SCALAR_OPS = [   # the seed tutorial's section 5.1 "scalar ops", as torch prints them
    ('a + b',
     'tensor([[ 6.,  8.],\n        [ 4., 12.]])'),
    ('a - b',
     'tensor([[ -4.,  -4.],\n        [-10.,  -4.]])'),
    ('a * b',
     'tensor([[  5.,  12.],\n        [-21.,  32.]])'),
    ('a / b',
     'tensor([[ 0.2000,  0.3333],\n        [-0.4286,  0.5000]])'),
    ('a ** 2',
     'tensor([[ 1.,  4.],\n        [ 9., 16.]])'),
    ('a ** (0.5)',
     'tensor([[1.0000, 1.4142],\n        [   nan, 2.0000]])'),
    ('a % 3',
     'tensor([[1., 2.],\n        [-0., 1.]])'),
    ("torch.div(a, b, rounding_mode='floor')",
     'tensor([[ 0.,  0.],\n        [-1.,  0.]])'),
    ('a >= 2',
     'tensor([[False,  True],\n        [False,  True]])'),
    ('(a >= 2) & (a <= 3)',
     'tensor([[False,  True],\n        [False, False]])'),
    ('(a >= 2) | (a <= 3)',
     'tensor([[True, True],\n        [True, True]])'),
    ('a == 5',
     'tensor([[False, False],\n        [False, False]])'),
    ('torch.sqrt(a)',
     'tensor([[1.0000, 1.4142],\n        [   nan, 2.0000]])'),
    ('torch.max(torch.tensor([1.0, 8.0]), torch.tensor([5.0, 6.0]))',
     'tensor([5., 8.])'),
    ('torch.min(torch.tensor([1.0, 8.0]), torch.tensor([5.0, 6.0]))',
     'tensor([1., 6.])'),
    ('torch.round(torch.tensor([2.6, -2.7]))',
     'tensor([ 3., -3.])'),
    ('torch.floor(torch.tensor([2.6, -2.7]))',
     'tensor([ 2., -3.])'),
    ('torch.ceil(torch.tensor([2.6, -2.7]))',
     'tensor([ 3., -2.])'),
    ('torch.trunc(torch.tensor([2.6, -2.7]))',
     'tensor([ 2., -2.])'),
    ('torch.fmod(torch.tensor([2.6, -2.7]), 2)',
     'tensor([ 0.6000, -0.7000])'),
    ('torch.remainder(torch.tensor([2.6, -2.7]), 2)',
     'tensor([0.6000, 1.3000])'),
    ('torch.clamp(torch.tensor([0.9, -0.8, 100.0, -20.0, 0.7]), min=-1, max=1)',
     'tensor([ 0.9000, -0.8000,  1.0000, -1.0000,  0.7000])'),
    ('torch.clamp(torch.tensor([0.9, -0.8, 100.0, -20.0, 0.7]), max=1)',
     'tensor([  0.9000,  -0.8000,   1.0000, -20.0000,   0.7000])'),
    ('torch.tensor(5.0).clamp(min=0.0)',
     'tensor(5.)'),
    ('torch.tensor(1.0) + torch.tensor(2.0)',
     'tensor(3.)'),
]


def test_the_seed_tutorials_scalar_ops_print_as_torch():
    a = jg.tensor([[1.0, 2], [-3, 4.0]])
    b = jg.tensor([[5.0, 6], [7.0, 8.0]])
    for expression, printed in SEED_SCALAR_OPS:
        assert str(eval(expression, {"torch": jg, "a": a, "b": b})) == printed, expression


# ------------------------------------------------------------------ compiled: what differs in kind
def test_compiled_integer_division_by_zero_raises_as_eager():
    def f(a, b):
        return a // b + a % b

    a, b = jg.tensor([5, 3]), jg.tensor([1, 0])
    with pytest.raises(RuntimeError, match="ZeroDivisionError") as eager:
        f(a, b)
    with pytest.raises(RuntimeError, match="ZeroDivisionError") as compiled:
        jg.compile(f)(a, b)
    assert str(compiled.value) == str(eager.value)


@pytest.mark.parametrize("fn, args", [
    (lambda a: -a, [np.array([True])]),
    (lambda a: jg.floor(a), [np.array([True])]),
    (lambda a, b: a & b, [np.array([1.0]), np.array([2.0])]),
    (lambda a, b: a ** b, [np.array([True]), np.array([False])]),
    (lambda a: a ** -1, [np.array([2])]),
    (lambda a: jg.round(a, decimals=1), [np.array([2])]),
    (lambda a, b: a - b, [np.array([True]), np.array([False])]),     # inside the kernel
], ids=["neg-bool", "floor-bool", "and-floats", "pow-bools", "int-negative-power", "round-decimals-int",
        "sub-bools"])
def test_compiled_functions_refuse_what_eager_refuses(fn, args):
    inputs = [jg.tensor(a) for a in args]
    with pytest.raises(RuntimeError) as eager:
        fn(*inputs)
    with pytest.raises(type(eager.value)):
        jg.compile(fn)(*inputs)


SPECIALS = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 0.5, -0.5, 2.5, -3.5, 7.0, -7.0, 1e-30, 3e38],
                    np.float32)


@pytest.mark.parametrize("fn", [
    lambda a, b: a // b, lambda a, b: a % b, lambda a, b: jg.fmod(a, b),
    lambda a, b: jg.div(a, b, rounding_mode="trunc"), lambda a, b: (a * 0.3) // (b * 7),
    lambda a, b: jg.round(a * b, decimals=1), lambda a, b: jg.round(a / b, decimals=-1),
    lambda a, b: jg.floor(a), lambda a, b: jg.ceil(a), lambda a, b: jg.trunc(a), lambda a, b: jg.round(a),
    lambda a, b: jg.sign(a),
], ids=["floor_divide", "remainder", "fmod", "div_trunc", "floor_divide-of-products", "round_decimals",
        "round_decimals-negative", "floor", "ceil", "trunc", "round", "sign"])
def test_compiled_special_values_match_eager_exactly(fn):
    # one op of the fused loop each, fed by products where it matters: their rounding must
    # not be regrouped with the op's own (fast-math reassociation) or fused into it
    a, b = (jg.tensor(v) for v in np.meshgrid(SPECIALS, SPECIALS))
    expected, got = fn(a, b).numpy(), jg.compile(fn)(a, b).numpy()
    np.testing.assert_array_equal(got, expected)        # nan where nan, inf where inf
    finite = ~np.isnan(expected)
    np.testing.assert_array_equal(np.signbit(got[finite]), np.signbit(expected[finite]), err_msg="signed zeros")


def test_compiled_quotients_by_a_number_stay_exact():
    # a Python-number divisor is a constant of the kernel, which fast-math would divide by
    # multiplying with its reciprocal (an ulp off for 12% of these quotients, so trunc off by 1)
    x = jg.tensor(np.arange(1, 200_000, dtype=np.float32) * np.float32(25))

    def f(v):
        return jg.div(v, 25.0, rounding_mode="trunc") + v // 25.0 + jg.round(v / 1000.0, decimals=3)

    np.testing.assert_array_equal(jg.compile(f)(x).numpy(), f(x).numpy())
