"""The kernels' scalar vocabulary (jitgrad/backends/cpu_scalars.py) computes what the eager ops do.

Each function runs inside a loop compiled as generated kernels are (``cpu.FASTMATH``, NumPy's
error model) over grids of special values — nan, +-inf, +-0, halves, near-integers, INT_MIN,
-1 — and must equal the op's NumPy forward bit for bit: signed zeros included, NaN payloads
and signs aside. Integer division by zero must raise as the eager forward does.
"""
from __future__ import annotations

import itertools

import numba
import numpy as np
import pytest

from jitgrad.backends import cpu_scalars as cs
from jitgrad.backends.cpu import FASTMATH
from jitgrad.ops import REGISTRY

INT64_MIN, INT64_MAX = np.iinfo(np.int64).min, np.iinfo(np.int64).max
FLOAT_GRID = [np.nan, np.inf, -np.inf, 0.0, -0.0, 0.5, -0.5, 1.5, -2.5, 2.0, -3.0, 7.0, 0.1, 0.7, -0.7,
              1e-30, 3e38, 2.0 ** 24 + 2, -(2.0 ** 24) + 2, 123.456, -9.75]
INT_GRID = [0, 1, -1, 2, -2, 3, -7, 7, 10, -10, 12345, INT64_MIN, INT64_MAX, INT64_MIN + 1]


def _pairs(grid, dtype):
    a, b = zip(*itertools.product(grid, repeat=2))
    return np.array(a, dtype), np.array(b, dtype)


def _assert_identical(got, expected):
    got, expected = np.asarray(got), np.asarray(expected)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    if expected.dtype.kind != "f":
        np.testing.assert_array_equal(got, expected)
        return
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    numbers = ~np.isnan(expected)
    np.testing.assert_array_equal(got[numbers], expected[numbers])
    np.testing.assert_array_equal(np.signbit(got[numbers]), np.signbit(expected[numbers]), err_msg="signed zeros")


def _kernel2(function):
    """A loop like a generated kernel's, calling function(a, b, like) per element."""
    @numba.njit(fastmath=FASTMATH, error_model="numpy")
    def run(a, b, like, out):
        for i in range(a.shape[0]):
            out[i] = function(a[i], b[i], like)
    return run


def _kernel1(function):
    @numba.njit(fastmath=FASTMATH, error_model="numpy")
    def run(x, out):
        for i in range(x.shape[0]):
            out[i] = function(x[i])
    return run


DIVISIONS = {"floor_divide": cs.floor_divide, "remainder": cs.remainder, "fmod": cs.fmod,
             "div_trunc": cs.div_trunc, "div_floor": cs.floor_divide}
KERNELS2 = {name: _kernel2(f) for name, f in DIVISIONS.items() if name != "div_floor"}
KERNELS2["div_floor"] = KERNELS2["floor_divide"]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("op", sorted(DIVISIONS))
def test_float_division_matches_the_eager_forward(op, dtype):
    a, b = _pairs(FLOAT_GRID, dtype)
    out = np.empty_like(a)
    KERNELS2[op](a, b, dtype(0), out)
    _assert_identical(out, REGISTRY[op].forward(a, b))


@pytest.mark.parametrize("op", sorted(DIVISIONS))
def test_integer_division_matches_the_eager_forward(op):
    a, b = _pairs(INT_GRID, np.int64)
    nonzero = b != 0
    a, b = a[nonzero], b[nonzero]
    out = np.empty_like(a)
    KERNELS2[op](a, b, 0, out)
    _assert_identical(out, REGISTRY[op].forward(a, b))


@pytest.mark.parametrize("op", sorted(DIVISIONS))
def test_integer_division_by_zero_raises_like_the_eager_forward(op):
    a, b = np.array([5, 3], np.int64), np.array([1, 0], np.int64)
    with pytest.raises(RuntimeError, match="ZeroDivisionError") as eager:
        REGISTRY[op].forward(a, b)
    with pytest.raises(RuntimeError, match="ZeroDivisionError") as compiled:
        KERNELS2[op](a, b, 0, np.empty_like(a))
    assert str(compiled.value) == str(eager.value)


def test_an_integer_operand_is_converted_to_the_float_result_type():
    # int64 // float32: torch (and the eager forward) convert the integer to float32 first;
    # 2**24 + 1 becomes 2**24 there, which a float64 computation would keep
    a = np.array([2 ** 24 + 1, -(2 ** 24) - 1, 7], np.int64)
    b = np.array([1.0, 3.0, 0.1], np.float32)
    for op in ("floor_divide", "remainder", "fmod", "div_trunc"):
        out = np.empty(3, np.float32)
        KERNELS2[op](a, b, np.float32(0), out)
        _assert_identical(out, REGISTRY[op].forward(a.astype(np.float32), b))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_quotients_stay_exact_under_fast_math(dtype):
    # a divisor known to the loop lets arcp multiply by its reciprocal, which is off by an ulp
    # for ~12% of these quotients and so moves their trunc by one; div_trunc must not
    x = (np.arange(1, 400_000, dtype=dtype) * dtype(25)).astype(dtype)
    divisor, like = dtype(25), dtype(0)       # constants of the loop, as a Python number is

    @numba.njit(fastmath=FASTMATH, error_model="numpy")
    def by_25(x, out):
        for i in range(x.shape[0]):
            out[i] = cs.div_trunc(x[i], divisor, like)

    out = np.empty_like(x)
    by_25(x, out)
    _assert_identical(out, np.trunc(x / dtype(25)))


ROUNDINGS = {"floor": cs.floor, "ceil": cs.ceil, "trunc": cs.trunc, "round": cs.round_half_even}
KERNELS1 = {name: _kernel1(f) for name, f in ROUNDINGS.items()}


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int32])
@pytest.mark.parametrize("op", sorted(ROUNDINGS))
def test_rounding_matches_the_eager_forward(op, dtype):
    grid = FLOAT_GRID + [2.5, 3.5, -4.5, 1e20] if np.dtype(dtype).kind == "f" else INT_GRID
    info = np.iinfo(dtype) if np.dtype(dtype).kind == "i" else None
    x = np.array([v for v in grid if info is None or info.min <= v <= info.max], dtype)
    out = np.empty_like(x)
    KERNELS1[op](x, out)
    _assert_identical(out, REGISTRY[op].forward(x))   # integers: themselves, INT64_MAX exactly


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("decimals", [0, 1, 2, 3, -1, -2, 8, 40, 400, -400])
def test_round_decimals_matches_the_eager_forward(decimals, dtype):
    x = np.array(FLOAT_GRID + [1.2345, 12.5, -0.125, 1250.0, 1350.0, 0.285, 2.675], dtype)

    @numba.njit(fastmath=FASTMATH, error_model="numpy")
    def run(x, decimals, out):
        for i in range(x.shape[0]):
            out[i] = cs.round_decimals(x[i], decimals)

    out = np.empty_like(x)
    run(x, x.dtype.type(decimals), out)     # the code generator types the number as the op's dtype
    _assert_identical(out, REGISTRY["round_decimals"].forward(x, decimals))


def test_integer_powers_match_the_eager_forward():
    base, exponent = _pairs([0, 1, -1, 2, -2, 3, -3, 10], np.int64)
    exponent = np.concatenate([exponent, [62, 63, 64, 100]])
    base = np.concatenate([base, [2, 2, 3, 7]])          # wrapping on overflow, as NumPy and torch
    out = np.empty_like(base)
    _kernel_power(base, exponent, out)
    _assert_identical(out, REGISTRY["pow"].forward(base, exponent))
    assert out[(base == 0) & (exponent == -1)].tolist() == [0]    # torch's powi, not Numba's INT_MIN


@numba.njit(fastmath=FASTMATH, error_model="numpy")
def _kernel_power(a, b, out):
    for i in range(a.shape[0]):
        out[i] = cs.power(a[i], b[i])


def test_float_powers_are_c_pow():
    a, b = _pairs([0.0, -0.0, 2.0, -2.0, 0.5, np.inf, -np.inf, np.nan, 1.0], np.float64)
    out = np.empty_like(a)
    _kernel_power(a, b, out)
    _assert_identical(out, np.power(a, b))


def test_sign_is_zero_at_nan_and_minus_zero_as_torch():
    x = np.array([np.nan, -0.0, 0.0, -np.inf, 3.5, -1e-30], np.float32)
    out = np.empty_like(x)
    _kernel1(cs.sign)(x, out)
    _assert_identical(out, REGISTRY["sign"].forward(x))
    assert out.tolist() == [0.0, 0.0, 0.0, -1.0, 1.0, -1.0] and not np.signbit(out[1])


def test_bitwise_not_of_bools_is_logical_not():
    bools = np.array([True, False])
    out = np.empty_like(bools)
    _kernel1(cs.bitwise_not)(bools, out)
    assert out.tolist() == [False, True]
    ints = np.array(INT_GRID, np.int64)
    out = np.empty_like(ints)
    _kernel1(cs.bitwise_not)(ints, out)
    _assert_identical(out, np.invert(ints))


def test_logical_xor_reads_truthiness():
    a, b = _pairs([0.0, -0.0, 2.0, np.nan], np.float64)
    out = np.empty(a.shape, np.bool_)
    _kernel2(numba.njit(lambda a, b, like: cs.logical_xor(a, b)))(a, b, 0, out)
    _assert_identical(out, np.logical_xor(a, b))


def test_subtracting_bools_raises_in_kernels_too():
    @numba.njit(fastmath=FASTMATH, error_model="numpy")
    def kernel(a, b, out):
        for i in range(a.shape[0]):
            out[i] = out.dtype.type(cs.subtract(a[i], b[i]))    # as generated: cast to the node's dtype

    with pytest.raises(RuntimeError, match=r"Subtraction, the `-` operator, with two bool tensors"):
        kernel(np.array([True]), np.array([False]), np.empty(1, np.bool_))
    out = np.empty(2, np.int64)
    kernel(np.array([True, False]), np.array([3, 3]), out)    # bool - int is an int
    assert out.tolist() == [-2, -3]


def test_python_calls_run_the_selected_implementation():
    assert cs.floor_divide(-7, 2, 0) == -4 and cs.fmod(-7, 2, 0) == -1 and cs.remainder(-7, 2, 0) == 1
    assert cs.floor_divide(1.0, 0.1, 0.0) == 9.0 and cs.div_trunc(-7.5, 2.0, 0.0) == -3.0
    assert cs.floor(3) == 3 and cs.floor(-0.5) == -1.0 and cs.power(0, -1) == 0
    assert cs.round_decimals(1.2345, 2) == 1.23 and cs.bitwise_not(True) is False
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        cs.remainder(3, 0, 0)


def test_every_scalar_name_of_an_op_is_exported_to_kernels():
    # the code generator imports GENERIC (and the transcendentals) into every kernel module
    import ast
    import builtins
    names = set()
    for op in REGISTRY.values():
        if op.scalar:
            template = op.scalar.format(**{name: name for name in op.inputs})
            names |= {n.func.id for n in ast.walk(ast.parse(template)) if isinstance(n, ast.Call)}
    missing = names - set(cs.TRANSCENDENTALS) - set(dir(builtins)) - set(cs.GENERIC)
    assert not missing, f"scalar functions no kernel can call: {sorted(missing)}"
