"""Creation functions, dtypes and torch 2.x type promotion (SPEC B1).

Every expected value, dtype and error below was recorded from torch 2.x (``CR_VALUES``,
``CR_ERRORS``, the promotion matrices) by evaluating each expression with ``lib=torch``;
torch is not needed to run these tests. Random draws are jitgrad's own (not torch's stream),
so they are tested for reproducibility, range and distribution instead of values.
"""
import re

import numpy as np
import pytest

import jitgrad as jg

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(31)


def U(*shape):
    return rng.uniform(-2, 2, shape)


# ------------------------------------------------------------------ the one op: Tensor(t) aliases t
# (op, fn, arrays, second_order): float64 arrays require grad.
GRAD_CASES = [
    pytest.param("alias", lambda a: jg.Tensor(a) * jg.arange(6.0, dtype=jg.float64).reshape(2, 3), [U(2, 3)],
                 True, id="alias-Tensor-of-tensor"),
    pytest.param("alias", lambda a: jg.Tensor(a.t()) ** 2, [U(2, 3)], True, id="alias-of-transposed"),
    pytest.param("alias", lambda a: jg.Tensor(a) ** 3, [U()], True, id="alias-0d"),
]

# (op, fn, numpy reference, arrays)
FORWARD_CASES = [
    pytest.param("alias", lambda a: jg.Tensor(a), lambda a: a, [U(2, 3)], id="alias-Tensor"),
    pytest.param("alias", lambda a: jg.Tensor(a.t()), lambda a: a.T, [U(2, 3)], id="alias-transposed"),
    pytest.param("alias", lambda a: jg.Tensor(a), lambda a: a, [U()], id="alias-0d-forward"),
]



def test_Tensor_of_a_tensor_shares_memory_and_version():
    base = jg.tensor([1.0, 2.0])
    alias = jg.Tensor(base)
    assert alias is not base and alias.dtype is base.dtype and np.shares_memory(alias.numpy(), base.numpy())
    with jg.no_grad():
        alias.add_(1)
    assert base.tolist() == [2.0, 3.0] and base._version_count == alias._version_count == 1
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = jg.Tensor(x)
    assert y.grad_fn.name() == "AliasBackward0" and not y.is_leaf
    (y * y).sum().backward()
    assert x.grad.tolist() == [2.0, 4.0]


# ------------------------------------------------------------------ promotion, operand by operand
# Operand kinds: a tensor with dims of each dtype, a 0-d tensor of each dtype ("0..."), and the
# Python numbers True, 2 and 2.5. Row = left operand, column = right operand; "-" = not a tensor op.
KINDS = ["b", "i32", "i64", "f32", "f64", "0b", "0i32", "0i64", "0f32", "0f64", "True", "2", "2.5"]
DTYPES = {"b": jg.bool, "i32": jg.int32, "i64": jg.int64, "f32": jg.float32, "f64": jg.float64,
          "c64": jg.complex64, "c128": jg.complex128}

ADD_RESULT = {   # torch: (left + right).dtype
    "b": "b i32 i64 f32 f64 b i32 i64 f32 f64 b i64 f32",
    "i32": "i32 i32 i64 f32 f64 i32 i32 i32 f32 f64 i32 i32 f32",
    "i64": "i64 i64 i64 f32 f64 i64 i64 i64 f32 f64 i64 i64 f32",
    "f32": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f32 f32 f32 f32",
    "f64": "f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64",
    "0b": "b i32 i64 f32 f64 b i32 i64 f32 f64 b i64 f32",
    "0i32": "i32 i32 i64 f32 f64 i32 i32 i64 f32 f64 i32 i32 f32",
    "0i64": "i64 i32 i64 f32 f64 i64 i64 i64 f32 f64 i64 i64 f32",
    "0f32": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "0f64": "f64 f64 f64 f32 f64 f64 f64 f64 f64 f64 f64 f64 f64",
    "True": "b i32 i64 f32 f64 b i32 i64 f32 f64 - - -",
    "2": "i64 i32 i64 f32 f64 i64 i32 i64 f32 f64 - - -",
    "2.5": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 - - -",
}

DIV_RESULT = {   # torch: (left / right).dtype — true division makes integers float32
    "b": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "i32": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "i64": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "f32": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f32 f32 f32 f32",
    "f64": "f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64",
    "0b": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "0i32": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "0i64": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "0f32": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 f32 f32 f32",
    "0f64": "f64 f64 f64 f32 f64 f64 f64 f64 f64 f64 f64 f64 f64",
    "True": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 - - -",
    "2": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 - - -",
    "2.5": "f32 f32 f32 f32 f64 f32 f32 f32 f32 f64 - - -",
}


def operand(kind):
    numbers = {"True": True, "2": 2, "2.5": 2.5, "1j": 1j}
    if kind in numbers:
        return numbers[kind]
    if kind.startswith("0"):
        return jg.tensor(1, dtype=DTYPES[kind[1:]])
    return jg.tensor([1, 1], dtype=DTYPES[kind])


def value(kind):
    """The number each operand kind holds (tensors hold ones)."""
    return {"True": 1, "2": 2, "2.5": 2.5, "1j": 1j}.get(kind, 1)


def _pairs(table, kinds=KINDS):
    for left in kinds:
        for right, code in zip(kinds, table[left].split()):
            if code != "-":
                yield pytest.param(left, right, DTYPES[code], id=f"{left}-{right}")


@pytest.mark.parametrize("left, right, expected", list(_pairs(ADD_RESULT)))
def test_add_promotes_like_torch(left, right, expected):
    result = operand(left) + operand(right)
    assert result.dtype is expected
    total = 1 if expected is jg.bool else value(left) + value(right)   # bool + bool is logical or
    np.testing.assert_array_equal(np.atleast_1d(result.numpy()).astype(float), total)


@pytest.mark.parametrize("left, right, expected", list(_pairs(DIV_RESULT)))
def test_true_division_promotes_like_torch(left, right, expected):
    result = operand(left) / operand(right)
    assert result.dtype is expected
    np.testing.assert_allclose(np.atleast_1d(result.numpy()), value(left) / value(right), rtol=1e-6)


# result_type over every dtype, complex included, in each tier, and Python's four kinds of number
RESULT_KINDS = ["b", "i32", "i64", "f32", "f64", "c64", "c128", "0b", "0i32", "0i64", "0f32", "0f64", "0c64",
                "0c128", "True", "2", "2.5", "1j"]

RESULT_TYPE = {   # torch: torch.result_type(left, right)
    'b': 'b i32 i64 f32 f64 c64 c128 b i32 i64 f32 f64 c64 c128 b i64 f32 c64',
    'i32': 'i32 i32 i64 f32 f64 c64 c128 i32 i32 i32 f32 f64 c64 c128 i32 i32 f32 c64',
    'i64': 'i64 i64 i64 f32 f64 c64 c128 i64 i64 i64 f32 f64 c64 c128 i64 i64 f32 c64',
    'f32': 'f32 f32 f32 f32 f64 c64 c128 f32 f32 f32 f32 f32 c64 c64 f32 f32 f32 c64',
    'f64': 'f64 f64 f64 f64 f64 c128 c128 f64 f64 f64 f64 f64 c128 c128 f64 f64 f64 c128',
    'c64': 'c64 c64 c64 c64 c128 c64 c128 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64 c64',
    'c128': 'c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128',
    '0b': 'b i32 i64 f32 f64 c64 c128 b i32 i64 f32 f64 c64 c128 b i64 f32 c64',
    '0i32': 'i32 i32 i64 f32 f64 c64 c128 i32 i32 i64 f32 f64 c64 c128 i32 i32 f32 c64',
    '0i64': 'i64 i32 i64 f32 f64 c64 c128 i64 i64 i64 f32 f64 c64 c128 i64 i64 f32 c64',
    '0f32': 'f32 f32 f32 f32 f64 c64 c128 f32 f32 f32 f32 f64 c64 c128 f32 f32 f32 c64',
    '0f64': 'f64 f64 f64 f32 f64 c64 c128 f64 f64 f64 f64 f64 c128 c128 f64 f64 f64 c128',
    '0c64': 'c64 c64 c64 c64 c128 c64 c128 c64 c64 c64 c64 c128 c64 c128 c64 c64 c64 c64',
    '0c128': 'c128 c128 c128 c64 c128 c64 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128',
    'True': 'b i32 i64 f32 f64 c64 c128 b i32 i64 f32 f64 c64 c128 - - - -',
    '2': 'i64 i32 i64 f32 f64 c64 c128 i64 i32 i64 f32 f64 c64 c128 - - - -',
    '2.5': 'f32 f32 f32 f32 f64 c64 c128 f32 f32 f32 f32 f64 c64 c128 - - - -',
    '1j': 'c64 c64 c64 c64 c128 c64 c128 c64 c64 c64 c64 c128 c64 c128 - - - -',
}


@pytest.mark.parametrize("left, right, expected", list(_pairs(RESULT_TYPE, RESULT_KINDS)))
def test_result_type_matches_torch(left, right, expected):
    assert jg.result_type(operand(left), operand(right)) is expected


def test_promote_types_is_symmetric_and_matches_result_type_of_dimensioned_tensors():
    names = ["b", "i32", "i64", "f32", "f64", "c64", "c128"]
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            expected = DTYPES[RESULT_TYPE[a].split()[j]]
            assert jg.promote_types(DTYPES[a], DTYPES[b]) is expected is jg.promote_types(DTYPES[b], DTYPES[a])


@pytest.mark.parametrize("number, kind", [(np.int32(2), "2"), (np.int64(2), "2"), (np.float32(2.5), "2.5"),
                                          (np.float64(2.5), "2.5"), (np.complex64(1j), "1j")])
@pytest.mark.parametrize("tensor_kind", ["b", "i32", "f32", "f64", "0i32", "0f64"])
def test_numpy_scalars_promote_as_the_python_number_of_their_kind(number, kind, tensor_kind):
    # torch reads np.int32(2) as it reads 2: int32_tensor + np.int64(2) stays int32
    expected = DTYPES[RESULT_TYPE[tensor_kind].split()[RESULT_KINDS.index(kind)]]
    assert jg.result_type(operand(tensor_kind), number) is expected


# ------------------------------------------------------------------ the rules users meet first
@pytest.mark.parametrize("make, expected", [
    pytest.param(lambda: jg.tensor([1, 2]) + 1.5, jg.float32, id="int-tensor+python-float"),
    pytest.param(lambda: jg.tensor([1, 2], dtype=jg.int32) + jg.tensor(5), jg.int32, id="int32+int64-0d"),
    pytest.param(lambda: jg.tensor([1.0]) + jg.tensor(1.0, dtype=jg.float64), jg.float32, id="f32+f64-0d"),
    pytest.param(lambda: jg.tensor([True]) + jg.tensor([False]), jg.bool, id="bool+bool"),
    pytest.param(lambda: jg.tensor([1, 2]) / jg.tensor([2, 2]), jg.float32, id="int/int"),
    pytest.param(lambda: jg.tensor([1, 2]) < jg.tensor([2.0, 2.0]), jg.bool, id="comparison"),
    pytest.param(lambda: jg.tensor([1, 2]).sum(), jg.int64, id="sum-int"),
    pytest.param(lambda: jg.tensor([True, False]).sum(), jg.int64, id="sum-bool"),
    pytest.param(lambda: jg.tensor([1, 2], dtype=jg.int32).sum(), jg.int64, id="sum-int32"),
    pytest.param(lambda: jg.exp(jg.tensor([1, 2])), jg.float32, id="exp-int"),
    pytest.param(lambda: jg.arange(5), jg.int64, id="arange-int"),
    pytest.param(lambda: jg.arange(0.0, 1, 0.25), jg.float32, id="arange-float"),
    pytest.param(lambda: jg.tensor([1, 2]), jg.int64, id="tensor-ints"),
    pytest.param(lambda: jg.tensor([1.0, 2.0]), jg.float32, id="tensor-floats"),
    pytest.param(lambda: jg.tensor(np.array([1.0])), jg.float64, id="tensor-numpy-float64"),
])
def test_headline_dtypes(make, expected):
    assert make().dtype is expected


def test_headline_values():
    assert jg.arange(0.0, 1, 0.25).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert (jg.tensor([1, 2]) / jg.tensor([2, 2])).tolist() == [0.5, 1.0]
    assert (jg.tensor([True]) + jg.tensor([True])).tolist() == [True]
    assert (jg.tensor([1, 2], dtype=jg.int32) + 1.5).tolist() == [2.5, 3.5]


# ------------------------------------------------------------------ recorded from torch
CR_VALUES = [
    pytest.param(lambda lib: lib.tensor([1, 2]),
                 {'dtype': 'int64', 'values': [1, 2]}, id='tensor_ints'),
    pytest.param(lambda lib: lib.tensor([1., 2.]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='tensor_floats'),
    pytest.param(lambda lib: lib.tensor([1, 2.5]),
                 {'dtype': 'float32', 'values': [1.0, 2.5]}, id='tensor_mixed'),
    pytest.param(lambda lib: lib.tensor([True, False]),
                 {'dtype': 'bool', 'values': [True, False]}, id='tensor_bools'),
    pytest.param(lambda lib: lib.tensor([True, 1]),
                 {'dtype': 'int64', 'values': [1, 1]}, id='tensor_bool_int'),
    pytest.param(lambda lib: lib.tensor([1, 2.5, True]),
                 {'dtype': 'float32', 'values': [1.0, 2.5, 1.0]}, id='tensor_bool_int_float'),
    pytest.param(lambda lib: lib.tensor([1, 2+1j]),
                 {'dtype': 'complex64', 'values': [(1+0j), (2+1j)]}, id='tensor_int_complex'),
    pytest.param(lambda lib: lib.tensor(2+1j),
                 {'dtype': 'complex64', 'values': (2+1j)}, id='tensor_complex_scalar'),
    pytest.param(lambda lib: lib.tensor(np.array([1.0])),
                 {'dtype': 'float64', 'values': [1.0]}, id='tensor_np_f64'),
    pytest.param(lambda lib: lib.tensor(np.array([1, 2], dtype=np.int32)),
                 {'dtype': 'int32', 'values': [1, 2]}, id='tensor_np_i32'),
    pytest.param(lambda lib: lib.tensor(np.float64(2.5)),
                 {'dtype': 'float64', 'values': 2.5}, id='tensor_np_scalar'),
    pytest.param(lambda lib: lib.tensor(np.float32(2.5)),
                 {'dtype': 'float32', 'values': 2.5}, id='tensor_np_f32_scalar'),
    pytest.param(lambda lib: lib.tensor(np.int32(2)),
                 {'dtype': 'int32', 'values': 2}, id='tensor_np_i32_scalar'),
    pytest.param(lambda lib: lib.tensor(np.bool_(True)),
                 {'dtype': 'bool', 'values': True}, id='tensor_np_bool_scalar'),
    pytest.param(lambda lib: lib.tensor(np.array(5)),
                 {'dtype': 'int64', 'values': 5}, id='tensor_np_0d_array'),
    pytest.param(lambda lib: lib.tensor([np.float64(1.0), 2.0]),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='tensor_list_np_f64_scalar'),
    pytest.param(lambda lib: lib.tensor([np.int32(1), 2]),
                 {'dtype': 'int64', 'values': [1, 2]}, id='tensor_list_np_i32_scalar'),
    pytest.param(lambda lib: lib.tensor([np.int32(1), np.int32(2)]),
                 {'dtype': 'int32', 'values': [1, 2]}, id='tensor_list_np_i32_scalars'),
    pytest.param(lambda lib: lib.tensor([np.float32(1.0), np.float64(2.0)]),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='tensor_list_np_f32_f64'),
    pytest.param(lambda lib: lib.tensor([np.float32(1.0), 2.0]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='tensor_list_np_f32_float'),
    pytest.param(lambda lib: lib.tensor([np.complex128(1j)]),
                 {'dtype': 'complex128', 'values': [1j]}, id='tensor_list_np_complex'),
    pytest.param(lambda lib: lib.tensor([np.array([1, 2]), np.array([3, 4])]),
                 {'dtype': 'int64', 'values': [[1, 2], [3, 4]]}, id='tensor_list_of_arrays'),
    pytest.param(lambda lib: lib.tensor([np.array([1, 2]), [3, 4]]),
                 {'dtype': 'int64', 'values': [[1, 2], [3, 4]]}, id='tensor_list_array_and_list'),
    pytest.param(lambda lib: lib.tensor(3),
                 {'dtype': 'int64', 'values': 3}, id='tensor_int_scalar'),
    pytest.param(lambda lib: lib.tensor(3.5),
                 {'dtype': 'float32', 'values': 3.5}, id='tensor_float_scalar'),
    pytest.param(lambda lib: lib.tensor(True),
                 {'dtype': 'bool', 'values': True}, id='tensor_bool_scalar'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.float64),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='tensor_dtype_arg'),
    pytest.param(lambda lib: lib.tensor([1.7, -1.7], dtype=lib.int64),
                 {'dtype': 'int64', 'values': [1, -1]}, id='tensor_float_to_int'),
    pytest.param(lambda lib: lib.tensor([1.5, -1.5], dtype=lib.int32),
                 {'dtype': 'int32', 'values': [1, -1]}, id='tensor_float_to_int32'),
    pytest.param(lambda lib: lib.tensor([1.5, 0.0, -2], dtype=lib.bool),
                 {'dtype': 'bool', 'values': [True, False, True]}, id='tensor_float_to_bool'),
    pytest.param(lambda lib: lib.tensor([NAN], dtype=lib.bool),
                 {'dtype': 'bool', 'values': [True]}, id='tensor_nan_to_bool'),
    pytest.param(lambda lib: lib.tensor([16777217.0], dtype=lib.int64),
                 {'dtype': 'int64', 'values': [16777217]}, id='tensor_big_float_exact_int'),
    pytest.param(lambda lib: lib.tensor([2**63], dtype=lib.float32),
                 {'dtype': 'float32', 'values': [9.223372036854776e+18]}, id='tensor_big_int_to_float'),
    pytest.param(lambda lib: lib.tensor([-2**63]),
                 {'dtype': 'int64', 'values': [-9223372036854775808]}, id='tensor_int64_min'),
    pytest.param(lambda lib: lib.tensor([2**62, 1.0]),
                 {'dtype': 'float32', 'values': [4.611686018427388e+18, 1.0]}, id='tensor_big_int_and_float'),
    pytest.param(lambda lib: lib.tensor([1e40]),
                 {'dtype': 'float32', 'values': [INF]}, id='tensor_overflow_to_inf'),
    pytest.param(lambda lib: lib.tensor(np.array([1, 0, 2]), dtype=lib.bool),
                 {'dtype': 'bool', 'values': [True, False, True]}, id='tensor_ndarray_to_bool'),
    pytest.param(lambda lib: lib.tensor([[1., 2.], [3., 4.]]),
                 {'dtype': 'float32', 'values': [[1.0, 2.0], [3.0, 4.0]]}, id='tensor_nested'),
    pytest.param(lambda lib: lib.tensor([(1, 2), (3, 4)]),
                 {'dtype': 'int64', 'values': [[1, 2], [3, 4]]}, id='tensor_tuples'),
    pytest.param(lambda lib: lib.tensor(range(3)),
                 {'dtype': 'int64', 'values': [0, 1, 2]}, id='tensor_range'),
    pytest.param(lambda lib: lib.tensor([]),
                 {'dtype': 'float32', 'values': []}, id='tensor_empty'),
    pytest.param(lambda lib: lib.tensor([[]]).shape,
                 [1, 0], id='tensor_empty_nested_shape'),
    pytest.param(lambda lib: lib.tensor([[], []]).shape,
                 [2, 0], id='tensor_empty_rows_shape'),
    pytest.param(lambda lib: lib.tensor([[[]]]).shape,
                 [1, 1, 0], id='tensor_empty_3d_shape'),
    pytest.param(lambda lib: lib.tensor([lib.tensor(1.), lib.tensor(2.)]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='tensor_of_0d_tensors'),
    pytest.param(lambda lib: lib.tensor([lib.tensor(1), lib.tensor(2.5)]),
                 {'dtype': 'float32', 'values': [1.0, 2.5]}, id='tensor_of_mixed_0d_tensors'),
    pytest.param(lambda lib: lib.tensor([lib.tensor(1.0, dtype=lib.float64), 2.0]),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='tensor_of_f64_0d_and_float'),
    pytest.param(lambda lib: lib.tensor(np.zeros((2, 3)).T).stride(),
                 [1, 3], id='tensor_copies_layout'),
    pytest.param(lambda lib: (lambda t: (t, t.requires_grad, t.is_leaf))(lib.tensor([1, 2], dtype=lib.float64, requires_grad=True)),
                 [{'dtype': 'float64', 'values': [1.0, 2.0]}, True, True], id='tensor_requires_grad'),
    pytest.param(lambda lib: (lambda t: (t, t.requires_grad))(lib.tensor(lib.tensor([1.0, 2.0], requires_grad=True))),
                 [{'dtype': 'float32', 'values': [1.0, 2.0]}, False], id='tensor_from_tensor_detached'),
    pytest.param(lambda lib: lib.tensor([1, 2], device='cpu'),
                 {'dtype': 'int64', 'values': [1, 2]}, id='tensor_device_cpu'),
    pytest.param(lambda lib: lib.Tensor([1, 2]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='Tensor_data'),
    pytest.param(lambda lib: lib.Tensor([[1, 2]]),
                 {'dtype': 'float32', 'values': [[1.0, 2.0]]}, id='Tensor_nested'),
    pytest.param(lambda lib: lib.Tensor([True, False]),
                 {'dtype': 'float32', 'values': [1.0, 0.0]}, id='Tensor_bools'),
    pytest.param(lambda lib: lib.Tensor((2, 3)),
                 {'dtype': 'float32', 'values': [2.0, 3.0]}, id='Tensor_tuple_is_data'),
    pytest.param(lambda lib: lib.Tensor(np.array([1.0, 2.0])),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='Tensor_ndarray_f64'),
    pytest.param(lambda lib: lib.Tensor(np.array([1, 2])),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='Tensor_ndarray_int'),
    pytest.param(lambda lib: lib.Tensor([lib.tensor(1.), lib.tensor(2.)]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='Tensor_0d_tensors'),
    pytest.param(lambda lib: lib.Tensor(2, 3).shape,
                 [2, 3], id='Tensor_shape'),
    pytest.param(lambda lib: lib.Tensor(2, 3).dtype,
                 'float32', id='Tensor_shape_dtype'),
    pytest.param(lambda lib: lib.Tensor(size=(2, 3)).shape,
                 [2, 3], id='Tensor_size_kw'),
    pytest.param(lambda lib: lib.Tensor(lib.Size([2, 3])).shape,
                 [2, 3], id='Tensor_Size'),
    pytest.param(lambda lib: lib.Tensor(lib.Size([])).shape,
                 [], id='Tensor_empty_Size'),
    pytest.param(lambda lib: lib.Tensor(np.int64(3)).shape,
                 [3], id='Tensor_numpy_int_size'),
    pytest.param(lambda lib: lib.Tensor(),
                 {'dtype': 'float32', 'values': []}, id='Tensor_no_args'),
    pytest.param(lambda lib: lib.Tensor(0),
                 {'dtype': 'float32', 'values': []}, id='Tensor_zero'),
    pytest.param(lambda lib: lib.Tensor([]),
                 {'dtype': 'float32', 'values': []}, id='Tensor_empty_list'),
    pytest.param(lambda lib: lib.Tensor([[]]).shape,
                 [1, 0], id='Tensor_empty_nested_shape'),
    pytest.param(lambda lib: lib.Tensor(2, 3, device='cpu').shape,
                 [2, 3], id='Tensor_device'),
    pytest.param(lambda lib: lib.Tensor(lib.tensor([1, 2])),
                 {'dtype': 'int64', 'values': [1, 2]}, id='Tensor_of_int_tensor_keeps_dtype'),
    pytest.param(lambda lib: lib.Tensor(lib.tensor([1., 2.], dtype=lib.float64)),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='Tensor_of_f64_tensor_keeps_dtype'),
    pytest.param(lambda lib: lib.Tensor(lib.tensor(3)).shape,
                 [], id='Tensor_of_0d_tensor'),
    pytest.param(lambda lib: (lambda t: lib.Tensor(t) is t)(lib.tensor([1., 2.])),
                 False, id='Tensor_alias_is_new_object'),
    pytest.param(lambda lib: lib.Tensor(lib.tensor([1., 2.], requires_grad=True)).grad_fn.name(),
                 'AliasBackward0', id='Tensor_alias_grad_fn'),
    pytest.param(lambda lib: lib.Tensor(lib.tensor([1., 2.], requires_grad=True)).requires_grad,
                 True, id='Tensor_alias_requires_grad'),
    pytest.param(lambda lib: lib.arange(5),
                 {'dtype': 'int64', 'values': [0, 1, 2, 3, 4]}, id='arange_int'),
    pytest.param(lambda lib: lib.arange(5.),
                 {'dtype': 'float32', 'values': [0.0, 1.0, 2.0, 3.0, 4.0]}, id='arange_float_end'),
    pytest.param(lambda lib: lib.arange(0., 1, .25),
                 {'dtype': 'float32', 'values': [0.0, 0.25, 0.5, 0.75]}, id='arange_float'),
    pytest.param(lambda lib: lib.arange(2, 6),
                 {'dtype': 'int64', 'values': [2, 3, 4, 5]}, id='arange_start_end'),
    pytest.param(lambda lib: lib.arange(1, 10, step=2),
                 {'dtype': 'int64', 'values': [1, 3, 5, 7, 9]}, id='arange_step_kw'),
    pytest.param(lambda lib: lib.arange(end=4),
                 {'dtype': 'int64', 'values': [0, 1, 2, 3]}, id='arange_end_kw'),
    pytest.param(lambda lib: lib.arange(start=1, end=4),
                 {'dtype': 'int64', 'values': [1, 2, 3]}, id='arange_start_end_kw'),
    pytest.param(lambda lib: lib.arange(10, 0, -3),
                 {'dtype': 'int64', 'values': [10, 7, 4, 1]}, id='arange_neg_step'),
    pytest.param(lambda lib: lib.arange(10, 0, -2.5),
                 {'dtype': 'float32', 'values': [10.0, 7.5, 5.0, 2.5]}, id='arange_neg_float_step'),
    pytest.param(lambda lib: lib.arange(1, 0.5, -0.1),
                 {'dtype': 'float32', 'values': [1.0, 0.8999999761581421, 0.800000011920929, 0.699999988079071, 0.6000000238418579]}, id='arange_neg_fraction_step'),
    pytest.param(lambda lib: lib.arange(1, 2.5, 0.5),
                 {'dtype': 'float32', 'values': [1.0, 1.5, 2.0]}, id='arange_float_step'),
    pytest.param(lambda lib: lib.arange(-1.5, 1),
                 {'dtype': 'float32', 'values': [-1.5, -0.5, 0.5]}, id='arange_float_start'),
    pytest.param(lambda lib: lib.arange(0, 1, 0.1),
                 {'dtype': 'float32', 'values': [0.0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.5, 0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.8999999761581421]}, id='arange_tenths'),
    pytest.param(lambda lib: lib.arange(1, 1.3, 0.1),
                 {'dtype': 'float32', 'values': [1.0, 1.100000023841858, 1.2000000476837158, 1.2999999523162842]}, id='arange_count_rounding'),
    pytest.param(lambda lib: lib.arange(1, 1.3, 0.1, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [1.0, 1.1, 1.2, 1.3]}, id='arange_count_rounding_f64'),
    pytest.param(lambda lib: lib.arange(0, 0.9, 0.3),
                 {'dtype': 'float32', 'values': [0.0, 0.30000001192092896, 0.6000000238418579]}, id='arange_thirds'),
    pytest.param(lambda lib: lib.arange(3, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [0.0, 1.0, 2.0]}, id='arange_dtype'),
    pytest.param(lambda lib: lib.arange(3, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [0, 1, 2]}, id='arange_int32'),
    pytest.param(lambda lib: lib.arange(0.5, 5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 1, 2, 3, 4]}, id='arange_float_args_int64'),
    pytest.param(lambda lib: lib.arange(0, 5, 1.5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 1, 2, 3, 4]}, id='arange_float_step_int64'),
    pytest.param(lambda lib: lib.arange(-2.5, 2.5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [-2, -1, 0, 1]}, id='arange_negative_float_int64'),
    pytest.param(lambda lib: lib.arange(-2.5, 2.5, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [-2, -1, 0, 1, 2]}, id='arange_negative_float_int32'),
    pytest.param(lambda lib: lib.arange(2.5, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [0, 1, 2]}, id='arange_float_end_int32'),
    pytest.param(lambda lib: lib.arange(0.5, 2, 0.5, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [0, 0, 0]}, id='arange_truncated_step_int32'),
    pytest.param(lambda lib: lib.arange(0, 10, 3, dtype=lib.float32),
                 {'dtype': 'float32', 'values': [0.0, 3.0, 6.0, 9.0]}, id='arange_ints_as_float'),
    pytest.param(lambda lib: lib.arange(2**24, 2**24+5, dtype=lib.float32),
                 {'dtype': 'float32', 'values': [16777216.0, 16777216.0, 16777218.0, 16777220.0, 16777220.0]}, id='arange_float32_rounding'),
    pytest.param(lambda lib: lib.arange(0, 10**10, 10**9),
                 {'dtype': 'int64', 'values': [0, 1000000000, 2000000000, 3000000000, 4000000000, 5000000000, 6000000000, 7000000000, 8000000000, 9000000000]}, id='arange_big_ints'),
    pytest.param(lambda lib: lib.arange(lib.tensor(3)),
                 {'dtype': 'int64', 'values': [0, 1, 2]}, id='arange_tensor_end'),
    pytest.param(lambda lib: lib.arange(lib.tensor(3.)),
                 {'dtype': 'float32', 'values': [0.0, 1.0, 2.0]}, id='arange_float_tensor_end'),
    pytest.param(lambda lib: lib.arange(lib.tensor(2), 5),
                 {'dtype': 'int64', 'values': [2, 3, 4]}, id='arange_tensor_start'),
    pytest.param(lambda lib: lib.arange(np.int32(3)),
                 {'dtype': 'int64', 'values': [0, 1, 2]}, id='arange_numpy_int'),
    pytest.param(lambda lib: lib.arange(np.float64(3)),
                 {'dtype': 'float32', 'values': [0.0, 1.0, 2.0]}, id='arange_numpy_float'),
    pytest.param(lambda lib: lib.arange(True),
                 {'dtype': 'int64', 'values': [0]}, id='arange_bool'),
    pytest.param(lambda lib: lib.arange(0, 1, 0.1).shape,
                 [10], id='arange_count'),
    pytest.param(lambda lib: lib.arange(0),
                 {'dtype': 'int64', 'values': []}, id='arange_empty'),
    pytest.param(lambda lib: lib.arange(3., requires_grad=True).requires_grad,
                 True, id='arange_requires_grad'),
    pytest.param(lambda lib: lib.linspace(0, 1, 5),
                 {'dtype': 'float32', 'values': [0.0, 0.25, 0.5, 0.75, 1.0]}, id='linspace'),
    pytest.param(lambda lib: lib.linspace(0.0, 2*3.14, 10),
                 {'dtype': 'float32', 'values': [0.0, 0.6977778077125549, 1.3955556154251099, 2.0933334827423096, 2.7911112308502197, 3.48888897895813, 4.186666965484619, 4.884444713592529, 5.5822224617004395, 6.28000020980835]}, id='linspace_seed'),
    pytest.param(lambda lib: lib.linspace(0, 1, 7),
                 {'dtype': 'float32', 'values': [0.0, 0.1666666716337204, 0.3333333432674408, 0.5, 0.6666666269302368, 0.8333333134651184, 1.0]}, id='linspace_sevenths'),
    pytest.param(lambda lib: lib.linspace(-1, 1, 7, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [-1.0, -0.6666666666666667, -0.33333333333333337, 5.551115123125783e-17, 0.33333333333333337, 0.6666666666666667, 1.0]}, id='linspace_f64'),
    pytest.param(lambda lib: lib.linspace(0.1, 1.3, 13),
                 {'dtype': 'float32', 'values': [0.10000000149011612, 0.19999998807907104, 0.29999998211860657, 0.3999999761581421, 0.4999999701976776, 0.5999999642372131, 0.699999988079071, 0.7999999523162842, 0.8999999761581421, 1.0, 1.0999999046325684, 1.1999999284744263, 1.2999999523162842]}, id='linspace_tenths'),
    pytest.param(lambda lib: lib.linspace(0, 10, 3, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 5, 10]}, id='linspace_int_dtype'),
    pytest.param(lambda lib: lib.linspace(0, 10, 4, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 3, 6, 10]}, id='linspace_int_truncates'),
    pytest.param(lambda lib: lib.linspace(0, 10, 4, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [0, 3, 6, 10]}, id='linspace_int32'),
    pytest.param(lambda lib: lib.linspace(0, -10, 4, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, -3, -6, -10]}, id='linspace_int_negative'),
    pytest.param(lambda lib: lib.linspace(0, 7, 4, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 2, 4, 7]}, id='linspace_int_sevens'),
    pytest.param(lambda lib: lib.linspace(0, 1, 4, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 0, 0, 1]}, id='linspace_int_small'),
    pytest.param(lambda lib: lib.linspace(0.5, 9.9, 5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 2, 4, 6, 9]}, id='linspace_int_float_ends'),
    pytest.param(lambda lib: lib.linspace(-0.5, -9.9, 5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, -2, -4, -6, -9]}, id='linspace_int_negative_float_ends'),
    pytest.param(lambda lib: lib.linspace(34.39897559127186, -60.09691120635734, 151, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [34, 33, 32, 32, 31, 30, 30, 29, 28, 28, 27, 27, 26, 25, 25, 24, 23, 23, 22, 22, 21, 20, 20, 19, 18, 18, 17, 17, 16, 15, 15, 14, 13, 13, 12, 12, 11, 10, 10, 9, 8, 8, 7, 7, 6, 5, 5, 4, 3, 3, 2, 2, 1, 0, 0, 0, -1, -1, -2, -2, -3, -4, -4, -5, -6, -6, -7, -7, -8, -9, -9, -10, -11, -11, -12, -12, -13, -14, -14, -15, -16, -16, -17, -18, -18, -19, -19, -20, -21, -21, -22, -23, -23, -24, -24, -25, -26, -26, -27, -28, -28, -29, -29, -30, -31, -31, -32, -33, -33, -34, -34, -35, -36, -36, -37, -38, -38, -39, -39, -40, -41, -41, -42, -43, -43, -44, -44, -45, -46, -46, -47, -48, -48, -49, -49, -50, -51, -51, -52, -53, -53, -54, -54, -55, -56, -56, -57, -58, -58, -59, -60]}, id='linspace_int_fused_rounding'),
    pytest.param(lambda lib: lib.linspace(2, 3, 1),
                 {'dtype': 'float32', 'values': [2.0]}, id='linspace_one'),
    pytest.param(lambda lib: lib.linspace(3, 1, 1),
                 {'dtype': 'float32', 'values': [3.0]}, id='linspace_one_descending'),
    pytest.param(lambda lib: lib.linspace(0, 1, 0),
                 {'dtype': 'float32', 'values': []}, id='linspace_zero_steps'),
    pytest.param(lambda lib: lib.linspace(5, 5, 3),
                 {'dtype': 'float32', 'values': [5.0, 5.0, 5.0]}, id='linspace_constant'),
    pytest.param(lambda lib: lib.linspace(0, 2**30+1, 3),
                 {'dtype': 'float32', 'values': [0.0, 536870912.0, 1073741824.0]}, id='linspace_big'),
    pytest.param(lambda lib: lib.linspace(0, 1+1j, 3),
                 {'dtype': 'complex64', 'values': [0j, (0.5+0.5j), (1+1j)]}, id='linspace_complex_end'),
    pytest.param(lambda lib: lib.linspace(0, 1, 3, dtype=lib.complex64),
                 {'dtype': 'complex64', 'values': [0j, (0.5+0j), (1+0j)]}, id='linspace_complex_dtype'),
    pytest.param(lambda lib: lib.linspace(2-1j, -1+3j, 6),
                 {'dtype': 'complex64', 'values': [(2-1j), (1.399999976158142-0.19999998807907104j), (0.7999999523162842+0.6000000238418579j), (0.20000004768371582+1.399999976158142j), (-0.3999999761581421+2.200000047683716j), (-1+3j)]}, id='linspace_complex_parts'),
    pytest.param(lambda lib: lib.linspace(lib.tensor(0.), lib.tensor(1.), 3),
                 {'dtype': 'float32', 'values': [0.0, 0.5, 1.0]}, id='linspace_tensor_ends'),
    pytest.param(lambda lib: lib.linspace(lib.tensor(0., dtype=lib.float64), 1, 3),
                 {'dtype': 'float32', 'values': [0.0, 0.5, 1.0]}, id='linspace_f64_tensor_start'),
    pytest.param(lambda lib: lib.linspace(NAN, 1, 3),
                 {'dtype': 'float32', 'values': [NAN, NAN, NAN]}, id='linspace_nan'),
    pytest.param(lambda lib: lib.linspace(0, INF, 3),
                 {'dtype': 'float32', 'values': [NAN, NAN, NAN]}, id='linspace_inf'),
    pytest.param(lambda lib: lib.linspace(0, 1, np.int64(3)),
                 {'dtype': 'float32', 'values': [0.0, 0.5, 1.0]}, id='linspace_numpy_steps'),
    pytest.param(lambda lib: lib.linspace(0, 1, lib.tensor(3)),
                 {'dtype': 'float32', 'values': [0.0, 0.5, 1.0]}, id='linspace_tensor_steps'),
    pytest.param(lambda lib: lib.linspace(True, 5, 3),
                 {'dtype': 'float32', 'values': [1.0, 3.0, 5.0]}, id='linspace_bool_start'),
    pytest.param(lambda lib: lib.linspace(0, 1, steps=3, requires_grad=True).requires_grad,
                 True, id='linspace_requires_grad'),
    pytest.param(lambda lib: lib.zeros(2, 3),
                 {'dtype': 'float32', 'values': [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}, id='zeros'),
    pytest.param(lambda lib: lib.zeros((2, 1)),
                 {'dtype': 'float32', 'values': [[0.0], [0.0]]}, id='zeros_tuple'),
    pytest.param(lambda lib: lib.zeros([2, 3]).shape,
                 [2, 3], id='zeros_list'),
    pytest.param(lambda lib: lib.zeros(lib.Size([2, 3])).shape,
                 [2, 3], id='zeros_Size'),
    pytest.param(lambda lib: lib.zeros(size=(2, 3)).shape,
                 [2, 3], id='zeros_size_kw'),
    pytest.param(lambda lib: lib.zeros(np.int64(2)).shape,
                 [2], id='zeros_numpy_int'),
    pytest.param(lambda lib: lib.zeros(lib.tensor(2)).shape,
                 [2], id='zeros_tensor_size'),
    pytest.param(lambda lib: lib.zeros((lib.tensor(2), 3)).shape,
                 [2, 3], id='zeros_tensor_in_tuple'),
    pytest.param(lambda lib: lib.zeros([]),
                 {'dtype': 'float32', 'values': 0.0}, id='zeros_0d'),
    pytest.param(lambda lib: lib.zeros(()),
                 {'dtype': 'float32', 'values': 0.0}, id='zeros_0d_tuple'),
    pytest.param(lambda lib: lib.zeros(0),
                 {'dtype': 'float32', 'values': []}, id='zeros_empty'),
    pytest.param(lambda lib: lib.zeros(2, dtype=lib.complex64),
                 {'dtype': 'complex64', 'values': [0j, 0j]}, id='zeros_complex'),
    pytest.param(lambda lib: lib.zeros(2, dtype=float),
                 {'dtype': 'float64', 'values': [0.0, 0.0]}, id='zeros_python_float'),
    pytest.param(lambda lib: lib.zeros(2, dtype=int),
                 {'dtype': 'int64', 'values': [0, 0]}, id='zeros_python_int'),
    pytest.param(lambda lib: lib.zeros(2, dtype=bool),
                 {'dtype': 'bool', 'values': [False, False]}, id='zeros_python_bool'),
    pytest.param(lambda lib: lib.zeros(2, dtype=complex),
                 {'dtype': 'complex128', 'values': [0j, 0j]}, id='zeros_python_complex'),
    pytest.param(lambda lib: lib.zeros(2, requires_grad=True).requires_grad,
                 True, id='zeros_requires_grad'),
    pytest.param(lambda lib: lib.zeros(2, 3, device=lib.device('cpu')).shape,
                 [2, 3], id='zeros_device'),
    pytest.param(lambda lib: lib.zeros(2, 3, device='cpu:1').shape,
                 [2, 3], id='zeros_device_index'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.bool),
                 {'dtype': 'bool', 'values': [True, True]}, id='ones_bool'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [1, 1]}, id='ones_int'),
    pytest.param(lambda lib: lib.ones((3, 3), dtype=lib.int),
                 {'dtype': 'int32', 'values': [[1, 1, 1], [1, 1, 1], [1, 1, 1]]}, id='ones_seed'),
    pytest.param(lambda lib: lib.empty(2, 3).dtype is lib.float32,
                 True, id='empty_dtype'),
    pytest.param(lambda lib: lib.empty(2, 3).shape,
                 [2, 3], id='empty_shape'),
    pytest.param(lambda lib: lib.empty(2, dtype=lib.bool).dtype,
                 'bool', id='empty_bool'),
    pytest.param(lambda lib: lib.full((2,), 1),
                 {'dtype': 'int64', 'values': [1, 1]}, id='full_int'),
    pytest.param(lambda lib: lib.full((2,), 1.5),
                 {'dtype': 'float32', 'values': [1.5, 1.5]}, id='full_float'),
    pytest.param(lambda lib: lib.full((2,), True),
                 {'dtype': 'bool', 'values': [True, True]}, id='full_bool'),
    pytest.param(lambda lib: lib.full((2,), 1+2j),
                 {'dtype': 'complex64', 'values': [(1+2j), (1+2j)]}, id='full_complex'),
    pytest.param(lambda lib: lib.full((1, 2), 7, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [[7.0, 7.0]]}, id='full_dtype'),
    pytest.param(lambda lib: lib.full([2, 2], 3),
                 {'dtype': 'int64', 'values': [[3, 3], [3, 3]]}, id='full_list_size'),
    pytest.param(lambda lib: lib.full((), 3),
                 {'dtype': 'int64', 'values': 3}, id='full_0d'),
    pytest.param(lambda lib: lib.full(lib.Size([2]), 3),
                 {'dtype': 'int64', 'values': [3, 3]}, id='full_Size'),
    pytest.param(lambda lib: lib.full((2,), 1.5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [1, 1]}, id='full_truncates'),
    pytest.param(lambda lib: lib.full((2,), 2.9, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [2, 2]}, id='full_truncates_int32'),
    pytest.param(lambda lib: lib.full((2,), -1.5, dtype=lib.bool),
                 {'dtype': 'bool', 'values': [True, True]}, id='full_bool_dtype'),
    pytest.param(lambda lib: lib.full((2,), INF, dtype=lib.float32),
                 {'dtype': 'float32', 'values': [INF, INF]}, id='full_inf_float32'),
    pytest.param(lambda lib: lib.full((2,), 1+0j, dtype=lib.float32),
                 {'dtype': 'float32', 'values': [1.0, 1.0]}, id='full_real_complex'),
    pytest.param(lambda lib: lib.full((2,), lib.tensor(3.)),
                 {'dtype': 'float32', 'values': [3.0, 3.0]}, id='full_tensor_value'),
    pytest.param(lambda lib: lib.full((2,), lib.tensor(3)),
                 {'dtype': 'int64', 'values': [3, 3]}, id='full_int_tensor_value'),
    pytest.param(lambda lib: lib.full((2,), lib.tensor(3., dtype=lib.float64)),
                 {'dtype': 'float32', 'values': [3.0, 3.0]}, id='full_f64_tensor_value'),
    pytest.param(lambda lib: lib.full((2,), lib.tensor(True)),
                 {'dtype': 'bool', 'values': [True, True]}, id='full_bool_tensor_value'),
    pytest.param(lambda lib: lib.full((2,), np.float64(1.0)),
                 {'dtype': 'float32', 'values': [1.0, 1.0]}, id='full_numpy_float'),
    pytest.param(lambda lib: lib.full((2,), np.int32(1)),
                 {'dtype': 'int64', 'values': [1, 1]}, id='full_numpy_int'),
    pytest.param(lambda lib: lib.full(size=(2,), fill_value=3),
                 {'dtype': 'int64', 'values': [3, 3]}, id='full_keywords'),
    pytest.param(lambda lib: lib.full((2,), 1., requires_grad=True).requires_grad,
                 True, id='full_requires_grad'),
    pytest.param(lambda lib: lib.eye(2, 3),
                 {'dtype': 'float32', 'values': [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]}, id='eye'),
    pytest.param(lambda lib: lib.eye(2),
                 {'dtype': 'float32', 'values': [[1.0, 0.0], [0.0, 1.0]]}, id='eye_square'),
    pytest.param(lambda lib: lib.eye(3, 3),
                 {'dtype': 'float32', 'values': [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]}, id='eye_seed'),
    pytest.param(lambda lib: lib.eye(3, 2, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]}, id='eye_tall'),
    pytest.param(lambda lib: lib.eye(2, 3, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [[1, 0, 0], [0, 1, 0]]}, id='eye_int'),
    pytest.param(lambda lib: lib.eye(2, dtype=lib.bool),
                 {'dtype': 'bool', 'values': [[True, False], [False, True]]}, id='eye_bool'),
    pytest.param(lambda lib: lib.eye(2, dtype=lib.complex64),
                 {'dtype': 'complex64', 'values': [[(1+0j), 0j], [0j, (1+0j)]]}, id='eye_complex'),
    pytest.param(lambda lib: lib.eye(0).shape,
                 [0, 0], id='eye_empty_shape'),
    pytest.param(lambda lib: lib.eye(2, m=4).shape,
                 [2, 4], id='eye_m_kw'),
    pytest.param(lambda lib: lib.eye(n=2).shape,
                 [2, 2], id='eye_n_kw'),
    pytest.param(lambda lib: lib.eye(lib.tensor(2)).shape,
                 [2, 2], id='eye_tensor_n'),
    pytest.param(lambda lib: lib.eye(2, requires_grad=True).requires_grad,
                 True, id='eye_requires_grad'),
    pytest.param(lambda lib: lib.zeros_like(lib.tensor([1, 2])),
                 {'dtype': 'int64', 'values': [0, 0]}, id='zeros_like'),
    pytest.param(lambda lib: (lambda t: (t, t.requires_grad))(lib.zeros_like(lib.tensor([1., 2.], requires_grad=True))),
                 [{'dtype': 'float32', 'values': [0.0, 0.0]}, False], id='zeros_like_drops_grad'),
    pytest.param(lambda lib: (lambda t: (t, t.requires_grad))(lib.zeros_like(lib.tensor([1, 2]), dtype=lib.float64, requires_grad=True)),
                 [{'dtype': 'float64', 'values': [0.0, 0.0]}, True], id='zeros_like_dtype_grad'),
    pytest.param(lambda lib: lib.zeros_like(lib.ones((3, 3), dtype=lib.int), dtype=lib.float),
                 {'dtype': 'float32', 'values': [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}, id='zeros_like_seed'),
    pytest.param(lambda lib: lib.ones_like(lib.tensor([1, 2]), dtype=lib.float64),
                 {'dtype': 'float64', 'values': [1.0, 1.0]}, id='ones_like_dtype'),
    pytest.param(lambda lib: lib.ones_like(lib.tensor([True])),
                 {'dtype': 'bool', 'values': [True]}, id='ones_like_bool'),
    pytest.param(lambda lib: lib.ones_like(lib.tensor([[1, 2], [3, 4]]).t()).stride(),
                 [1, 2], id='ones_like_keeps_layout'),
    pytest.param(lambda lib: lib.zeros_like(lib.ones(3, 4).t()).stride(),
                 [1, 4], id='zeros_like_keeps_layout'),
    pytest.param(lambda lib: lib.empty_like(lib.tensor([1, 2])).dtype,
                 'int64', id='empty_like_dtype'),
    pytest.param(lambda lib: lib.empty_like(lib.ones(3, 1).expand(3, 4)).stride(),
                 [4, 1], id='empty_like_of_expanded'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1., 2.]), 3),
                 {'dtype': 'float32', 'values': [3.0, 3.0]}, id='full_like'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1, 2]), 2.7),
                 {'dtype': 'int64', 'values': [2, 2]}, id='full_like_truncates'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1, 2]), -2.7),
                 {'dtype': 'int64', 'values': [-2, -2]}, id='full_like_truncates_negative'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([True]), 3),
                 {'dtype': 'bool', 'values': [True]}, id='full_like_bool'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1, 2]), 2.5, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [2.5, 2.5]}, id='full_like_dtype'),
    pytest.param(lambda lib: lib.full_like(lib.ones(3, 4).t(), 2).stride(),
                 [1, 4], id='full_like_keeps_layout'),
    pytest.param(lambda lib: lib.rand_like(lib.tensor([1., 2.], dtype=lib.float64)).dtype,
                 'float64', id='rand_like_dtype'),
    pytest.param(lambda lib: lib.rand_like(lib.ones(3, 4).t()).stride(),
                 [1, 4], id='rand_like_keeps_layout'),
    pytest.param(lambda lib: lib.randn_like(lib.ones(2, 3)).shape,
                 [2, 3], id='randn_like_shape'),
    pytest.param(lambda lib: lib.randint_like(lib.tensor([1., 2.]), 5).dtype,
                 'float32', id='randint_like_dtype'),
    pytest.param(lambda lib: lib.randint_like(lib.tensor([1., 2.]), 3, 5).dtype,
                 'float32', id='randint_like_low_high'),
    pytest.param(lambda lib: lib.randint_like(lib.tensor([[1, 2]]), 3, 5).shape,
                 [1, 2], id='randint_like_int_shape'),
    pytest.param(lambda lib: lib.fill_(lib.zeros_like(lib.ones((3, 3), dtype=lib.int), dtype=lib.float), 5),
                 {'dtype': 'float32', 'values': [[5.0, 5.0, 5.0], [5.0, 5.0, 5.0], [5.0, 5.0, 5.0]]}, id='fill_function'),
    pytest.param(lambda lib: lib.zero_(lib.ones(2)),
                 {'dtype': 'float32', 'values': [0.0, 0.0]}, id='zero_function'),
    pytest.param(lambda lib: lib.rand(2).dtype is lib.float32,
                 True, id='rand_dtype'),
    pytest.param(lambda lib: lib.rand([5]).shape,
                 [5], id='rand_list_size'),
    pytest.param(lambda lib: lib.rand(()).shape,
                 [], id='rand_0d'),
    pytest.param(lambda lib: lib.rand(2, dtype=lib.complex64).dtype,
                 'complex64', id='rand_complex'),
    pytest.param(lambda lib: lib.rand(2, 3, requires_grad=True).requires_grad,
                 True, id='rand_requires_grad'),
    pytest.param(lambda lib: lib.randn(2, 3, dtype=lib.float64).shape,
                 [2, 3], id='randn_f64'),
    pytest.param(lambda lib: lib.randn(2, dtype=lib.complex128).dtype,
                 'complex128', id='randn_complex'),
    pytest.param(lambda lib: lib.randint(10, (3,)).dtype,
                 'int64', id='randint_dtype'),
    pytest.param(lambda lib: lib.randint(3, 10, (2, 2)).dtype,
                 'int64', id='randint_low_high_dtype'),
    pytest.param(lambda lib: lib.randint(10, (3,), dtype=lib.float32).dtype,
                 'float32', id='randint_float'),
    pytest.param(lambda lib: lib.randint(2, (3,), dtype=lib.bool).dtype,
                 'bool', id='randint_bool'),
    pytest.param(lambda lib: lib.randint(10, (3,), dtype=lib.int32).dtype,
                 'int32', id='randint_int32'),
    pytest.param(lambda lib: lib.randint(-3, 0, (3,)).dtype,
                 'int64', id='randint_negative'),
    pytest.param(lambda lib: lib.randint(high=10, size=(2,)).shape,
                 [2], id='randint_high_size_kw'),
    pytest.param(lambda lib: lib.randint(low=2, high=10, size=(2,)).shape,
                 [2], id='randint_all_kw'),
    pytest.param(lambda lib: lib.randint(2, high=10, size=(2,)).shape,
                 [2], id='randint_low_positional'),
    pytest.param(lambda lib: lib.randint(10, size=(2,)).shape,
                 [2], id='randint_size_kw'),
    pytest.param(lambda lib: lib.randint(10, lib.Size([2])).shape,
                 [2], id='randint_Size'),
    pytest.param(lambda lib: lib.randint(10, [2, 2]).shape,
                 [2, 2], id='randint_list'),
    pytest.param(lambda lib: lib.randint(10, ()).shape,
                 [], id='randint_0d'),
    pytest.param(lambda lib: lib.randint(lib.tensor(10), (2,)).shape,
                 [2], id='randint_tensor_high'),
    pytest.param(lambda lib: lib.randint(-2**63, 2**63-1, (3,)).dtype,
                 'int64', id='randint_int64_range'),
    pytest.param(lambda lib: lib.randint(-2**31, 2**31, (3,), dtype=lib.int32).dtype,
                 'int32', id='randint_int32_range'),
    pytest.param(lambda lib: lib.randint(10, (3,), dtype=lib.float32, requires_grad=True).requires_grad,
                 True, id='randint_float_requires_grad'),
    pytest.param(lambda lib: lib.randperm(5).dtype,
                 'int64', id='randperm_dtype'),
    pytest.param(lambda lib: lib.randperm(0),
                 {'dtype': 'int64', 'values': []}, id='randperm_empty'),
    pytest.param(lambda lib: lib.randperm(5, dtype=lib.float32).dtype,
                 'float32', id='randperm_float'),
    pytest.param(lambda lib: lib.randperm(5, dtype=lib.int32).dtype,
                 'int32', id='randperm_int32'),
    pytest.param(lambda lib: lib.randperm(lib.tensor(3)).shape,
                 [3], id='randperm_tensor_n'),
    pytest.param(lambda lib: lib.randperm(n=3).shape,
                 [3], id='randperm_n_kw'),
    pytest.param(lambda lib: sorted(lib.randperm(20).tolist()),
                 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19], id='randperm_is_permutation'),
    pytest.param(lambda lib: lib.randperm(5, dtype=lib.float64, requires_grad=True).requires_grad,
                 True, id='randperm_float_requires_grad'),
    pytest.param(lambda lib: lib.normal(mean=lib.zeros(3, 3), std=lib.ones(3, 3)).shape,
                 [3, 3], id='normal_seed'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), lib.ones(2, 1)).shape,
                 [2, 3], id='normal_broadcast'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2, 1), lib.ones(1, 3)).shape,
                 [2, 3], id='normal_broadcast_outer'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2, 1), lib.ones(2, 3)).shape,
                 [2, 3], id='normal_broadcast_column'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), lib.ones(3, dtype=lib.float64)).dtype,
                 'float32', id='normal_mean_dtype_wins'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3, dtype=lib.float64), lib.ones(3)).dtype,
                 'float64', id='normal_mean_dtype_wins_f64'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), lib.ones(3, dtype=lib.int64)).dtype,
                 'float32', id='normal_int_std'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3, dtype=lib.float64), 1.0).dtype,
                 'float64', id='normal_mean_f64'),
    pytest.param(lambda lib: lib.normal(0.0, lib.ones(3, dtype=lib.float64)).dtype,
                 'float64', id='normal_std_f64'),
    pytest.param(lambda lib: lib.normal(2, lib.ones(3)).dtype,
                 'float32', id='normal_int_mean_number'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), 2).dtype,
                 'float32', id='normal_int_std_number'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), lib.tensor(2.)).dtype,
                 'float32', id='normal_0d_std_tensor'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3)).shape,
                 [3], id='normal_mean_only'),
    pytest.param(lambda lib: lib.normal(mean=lib.zeros(3)).shape,
                 [3], id='normal_mean_kw'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), std=2.0).shape,
                 [3], id='normal_std_kw'),
    pytest.param(lambda lib: lib.normal(0.0, lib.ones(2, 2)).shape,
                 [2, 2], id='normal_number_mean'),
    pytest.param(lambda lib: lib.normal(mean=0.0, std=lib.ones(2, 2)).shape,
                 [2, 2], id='normal_number_mean_kw'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, (2, 3)).shape,
                 [2, 3], id='normal_size'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, size=(2, 3)).shape,
                 [2, 3], id='normal_size_kw'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, [4]).shape,
                 [4], id='normal_size_list'),
    pytest.param(lambda lib: lib.normal(2, 3, size=(2, 3)).dtype,
                 'float32', id='normal_int_numbers'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, size=(2, 3), dtype=lib.float64).dtype,
                 'float64', id='normal_size_dtype'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, size=(2, 3), requires_grad=True).requires_grad,
                 True, id='normal_size_requires_grad'),
    pytest.param(lambda lib: lib.normal(std=1.0, mean=0.0, size=(2,)).shape,
                 [2], id='normal_keywords_any_order'),
    pytest.param(lambda lib: lib.normal(lib.tensor(0.), lib.tensor(2.), (3,)).shape,
                 [3], id='normal_0d_tensors_with_size'),
    pytest.param(lambda lib: lib.normal(lib.zeros(()), lib.ones(())).shape,
                 [], id='normal_0d'),
    pytest.param(lambda lib: lib.normal(lib.zeros(()), lib.ones(3)).shape,
                 [3], id='normal_0d_mean'),
    pytest.param(lambda lib: lib.normal(lib.zeros(0), lib.ones(0)).shape,
                 [0], id='normal_empty'),
    pytest.param(lambda lib: lib.normal(lib.tensor([1.5, -2.0]), lib.tensor([0.0, 0.0])),
                 {'dtype': 'float32', 'values': [1.5, -2.0]}, id='normal_zero_std'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2, dtype=lib.complex64), 1.0).dtype,
                 'complex64', id='normal_complex_mean'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2, requires_grad=True), 1.0).grad_fn.name(),
                 'NormalBackward1', id='normal_grad_fn_mean'),
    pytest.param(lambda lib: lib.normal(0.0, lib.ones(2, requires_grad=True)).grad_fn.name(),
                 'NormalBackward2', id='normal_grad_fn_std'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2, requires_grad=True), lib.ones(2, requires_grad=True)).grad_fn.name(),
                 'NormalBackward3', id='normal_grad_fn_both'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2), lib.ones(2, requires_grad=True)).grad_fn.name(),
                 'NormalBackward3', id='normal_grad_fn_std_tensor'),
    pytest.param(lambda lib: (lambda m: (lib.normal(m, 1.0).sum().backward(), m.grad)[1])(lib.zeros(3, requires_grad=True)),
                 {'dtype': 'float32', 'values': [0.0, 0.0, 0.0]}, id='normal_zero_grad_mean'),
    pytest.param(lambda lib: (lambda m: (lib.normal(m, lib.ones(2, 1)).sum().backward(), m.grad)[1])(lib.zeros(3, requires_grad=True)),
                 {'dtype': 'float32', 'values': [0.0, 0.0, 0.0]}, id='normal_zero_grad_broadcast'),
    pytest.param(lambda lib: (lambda s: (lib.normal(0., s).sum().backward(), s.grad)[1])(lib.ones(3, requires_grad=True)),
                 {'dtype': 'float32', 'values': [0.0, 0.0, 0.0]}, id='normal_zero_grad_std'),
    pytest.param(lambda lib: lib.from_numpy(np.array(3.0)),
                 {'dtype': 'float64', 'values': 3.0}, id='from_numpy_f64'),
    pytest.param(lambda lib: lib.from_numpy(np.ones(2).astype(np.float32)).dtype,
                 'float32', id='from_numpy_f32'),
    pytest.param(lambda lib: lib.from_numpy(np.array([[1, 2], [3, 4]]).T).stride(),
                 [1, 2], id='from_numpy_keeps_strides'),
    pytest.param(lambda lib: lib.as_tensor([1, 2]),
                 {'dtype': 'int64', 'values': [1, 2]}, id='as_tensor_list'),
    pytest.param(lambda lib: lib.as_tensor([1, 2], dtype=lib.float32),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='as_tensor_dtype'),
    pytest.param(lambda lib: (lambda t: lib.as_tensor(t) is t)(lib.ones(2)),
                 True, id='as_tensor_same_tensor'),
    pytest.param(lambda lib: (lambda t: lib.as_tensor(t, dtype=lib.float64) is t)(lib.ones(2)),
                 False, id='as_tensor_cast'),
    pytest.param(lambda lib: lib.as_tensor(lib.ones(2, requires_grad=True), dtype=lib.float64).grad_fn.name(),
                 'ToCopyBackward0', id='as_tensor_cast_grad_fn'),
    pytest.param(lambda lib: lib.scalar_tensor(3),
                 {'dtype': 'float32', 'values': 3.0}, id='scalar_tensor_int'),
    pytest.param(lambda lib: lib.scalar_tensor(3.5, dtype=lib.int64),
                 {'dtype': 'int64', 'values': 3}, id='scalar_tensor_dtype'),
    pytest.param(lambda lib: lib.scalar_tensor(True),
                 {'dtype': 'float32', 'values': 1.0}, id='scalar_tensor_bool'),
    pytest.param(lambda lib: lib.ones(2).new_zeros(3),
                 {'dtype': 'float32', 'values': [0.0, 0.0, 0.0]}, id='new_zeros'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.int32).new_ones((2, 2)),
                 {'dtype': 'int32', 'values': [[1, 1], [1, 1]]}, id='new_ones_int32'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.int32).new_full((2,), 2.7),
                 {'dtype': 'int32', 'values': [2, 2]}, id='new_full_truncates'),
    pytest.param(lambda lib: lib.ones(2).new_tensor([1, 2]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='new_tensor_dtype_of_self'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.float64).new_tensor([1, 2]),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='new_tensor_f64'),
    pytest.param(lambda lib: lib.ones(2).new_tensor(lib.tensor([1, 2])),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='new_tensor_of_tensor'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.float64).new_empty(2).dtype,
                 'float64', id='new_empty_dtype'),
    pytest.param(lambda lib: lib.ones(2).new_zeros(2, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 0]}, id='new_zeros_dtype'),
    pytest.param(lambda lib: lib.ones(2, requires_grad=True).new_zeros(2).requires_grad,
                 False, id='new_zeros_no_grad'),
    pytest.param(lambda lib: lib.ones(2).new_zeros(2, requires_grad=True).requires_grad,
                 True, id='new_zeros_requires_grad'),
    pytest.param(lambda lib: lib.ones(2).new_zeros([]),
                 {'dtype': 'float32', 'values': 0.0}, id='new_zeros_0d'),
    pytest.param(lambda lib: lib.ones(2).new_ones(2, 3).shape,
                 [2, 3], id='new_ones_shape'),
    pytest.param(lambda lib: lib.tensor([[1, 2], [3, 4]]).float(),
                 {'dtype': 'float32', 'values': [[1.0, 2.0], [3.0, 4.0]]}, id='float_cast'),
    pytest.param(lambda lib: lib.tensor([1.7, -1.7]).long(),
                 {'dtype': 'int64', 'values': [1, -1]}, id='long_cast'),
    pytest.param(lambda lib: lib.tensor([1.7, -1.7]).int(),
                 {'dtype': 'int32', 'values': [1, -1]}, id='int_cast'),
    pytest.param(lambda lib: lib.tensor([0., 2.]).bool(),
                 {'dtype': 'bool', 'values': [False, True]}, id='bool_cast'),
    pytest.param(lambda lib: lib.tensor([1, 2]).double(),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='double_cast'),
    pytest.param(lambda lib: lib.tensor([1.5]).to(lib.int32),
                 {'dtype': 'int32', 'values': [1]}, id='to_dtype'),
    pytest.param(lambda lib: lib.tensor([1]).to(lib.tensor([1.], dtype=lib.float64)),
                 {'dtype': 'float64', 'values': [1.0]}, id='to_tensor_dtype'),
    pytest.param(lambda lib: lib.tensor([1, 2]).to(float).dtype,
                 'float64', id='to_python_float'),
    pytest.param(lambda lib: lib.tensor([1, 2]).to(complex).dtype,
                 'complex128', id='to_python_complex'),
    pytest.param(lambda lib: lib.tensor([2.5]).item(),
                 2.5, id='item_float'),
    pytest.param(lambda lib: lib.tensor([[7]]).item(),
                 7, id='item_int'),
    pytest.param(lambda lib: type(lib.tensor(2, dtype=lib.int32).item()).__name__,
                 'int', id='item_int32_is_int'),
    pytest.param(lambda lib: lib.tensor([True]).item(),
                 True, id='item_bool'),
    pytest.param(lambda lib: lib.tensor(1+2j).item(),
                 (1+2j), id='item_complex'),
    pytest.param(lambda lib: lib.tensor([[1, 2]]).tolist(),
                 [[1, 2]], id='tolist'),
    pytest.param(lambda lib: lib.tensor(3).tolist(),
                 3, id='tolist_0d'),
    pytest.param(lambda lib: lib.tensor([True]).tolist(),
                 [True], id='tolist_bool'),
    pytest.param(lambda lib: lib.tensor([1+2j]).tolist(),
                 [(1+2j)], id='tolist_complex'),
    pytest.param(lambda lib: lib.tensor([0.1]).tolist(),
                 [0.10000000149011612], id='tolist_float32'),
    pytest.param(lambda lib: lib.tensor([1.5, 2]).numpy(force=True).tolist(),
                 [1.5, 2.0], id='numpy_force'),
    pytest.param(lambda lib: (lambda t: np.shares_memory(t.numpy(force=True), t.detach().numpy()))(lib.ones(2, requires_grad=True)),
                 True, id='numpy_force_shares'),
    pytest.param(lambda lib: [int(lib.tensor(2.7)), int(lib.tensor(-2.7))],
                 [2, -2], id='int_truncates'),
    pytest.param(lambda lib: complex(lib.tensor(1+2j)),
                 (1+2j), id='complex_of_tensor'),
    pytest.param(lambda lib: format(lib.tensor(2.5), ".2f"),
                 '2.50', id='format_0d'),
    pytest.param(lambda lib: f"{lib.tensor(3):5d}",
                 '    3', id='format_0d_int'),
    pytest.param(lambda lib: format(lib.tensor([2.5]), ""),
                 'tensor([2.5000])', id='format_no_spec'),
    pytest.param(lambda lib: (lambda x: (x.numel(), x.dim(), x.ndim, x.size(-1), len(x)))(lib.zeros(2, 3)),
                 [6, 2, 2, 3, 2], id='numel_dim'),
    pytest.param(lambda lib: (lib.ones(1).is_floating_point(), lib.ones(1, dtype=lib.int64).is_floating_point()),
                 [True, False], id='is_floating_point'),
    pytest.param(lambda lib: (lib.ones(1).is_complex(), lib.ones(1, dtype=lib.complex64).is_complex()),
                 [False, True], id='is_complex'),
    pytest.param(lambda lib: (lib.ones(1).element_size(), lib.ones(1, dtype=lib.float64).element_size(), lib.ones(1, dtype=lib.bool).element_size()),
                 [4, 8, 1], id='element_size'),
    pytest.param(lambda lib: (lib.ones(2).itemsize, lib.ones(2, dtype=lib.float64).nbytes, lib.ones(3, dtype=lib.complex64).nbytes),
                 [4, 16, 24], id='itemsize_nbytes'),
    pytest.param(lambda lib: (lib.ones(2).is_cpu, lib.ones(2).is_cuda, lib.ones(2).get_device(), str(lib.ones(2).device)),
                 [True, False, -1, 'cpu'], id='device_flags'),
    pytest.param(lambda lib: (lib.float32.is_signed, lib.bool.is_signed, lib.int32.is_signed, lib.float32.itemsize, lib.complex128.itemsize, lib.float64.is_floating_point, lib.complex64.is_complex),
                 [True, False, True, 4, 16, True, True], id='dtype_flags'),
    pytest.param(lambda lib: (lib.float32.to_complex(), lib.float64.to_complex(), lib.complex64.to_complex()),
                 ['complex64', 'complex128', 'complex64'], id='dtype_to_complex'),
    pytest.param(lambda lib: (lib.complex64.to_real(), lib.complex128.to_real(), lib.int32.to_real()),
                 ['float32', 'float64', 'int32'], id='dtype_to_real'),
    pytest.param(lambda lib: (lib.float is lib.float32, lib.double is lib.float64, lib.long is lib.int64, lib.int is lib.int32, lib.cfloat is lib.complex64),
                 [True, True, True, True, True], id='dtype_aliases'),
    pytest.param(lambda lib: lib.get_default_dtype(),
                 'float32', id='default_dtype'),
    pytest.param(lambda lib: (lib.is_tensor(lib.ones(1)), lib.is_tensor([1]), lib.is_tensor(np.ones(1))),
                 [True, False, False], id='is_tensor'),
    pytest.param(lambda lib: (lib.is_floating_point(lib.ones(1)), lib.is_floating_point(lib.ones(1, dtype=lib.int32))),
                 [True, False], id='is_floating_point_function'),
    pytest.param(lambda lib: (lib.is_complex(lib.ones(1)), lib.is_complex(lib.ones(1, dtype=lib.complex128))),
                 [False, True], id='is_complex_function'),
    pytest.param(lambda lib: (lambda f: (f.bits, f.eps, f.max, f.min, f.tiny, f.smallest_normal, f.resolution, f.dtype))(lib.finfo(lib.float32)),
                 [32, 1.1920928955078125e-07, 3.4028234663852886e+38, -3.4028234663852886e+38, 1.1754943508222875e-38, 1.1754943508222875e-38, 1e-06, 'float32'], id='finfo_float32'),
    pytest.param(lambda lib: (lambda f: (f.bits, f.eps, f.max, f.min, f.tiny, f.resolution, f.dtype))(lib.finfo(lib.float64)),
                 [64, 2.220446049250313e-16, 1.7976931348623157e+308, -1.7976931348623157e+308, 2.2250738585072014e-308, 1e-15, 'float64'], id='finfo_float64'),
    pytest.param(lambda lib: lib.finfo().eps,
                 1.1920928955078125e-07, id='finfo_default'),
    pytest.param(lambda lib: (lib.finfo(lib.complex64).eps, lib.finfo(lib.complex128).dtype),
                 [1.1920928955078125e-07, 'float64'], id='finfo_complex'),
    pytest.param(lambda lib: (lambda i: (i.bits, i.min, i.max, i.dtype))(lib.iinfo(lib.int32)),
                 [32, -2147483648, 2147483647, 'int32'], id='iinfo_int32'),
    pytest.param(lambda lib: (lambda i: (i.bits, i.min, i.max, i.dtype))(lib.iinfo(lib.int64)),
                 [64, -9223372036854775808, 9223372036854775807, 'int64'], id='iinfo_int64'),
    pytest.param(lambda lib: (lib.promote_types(lib.int32, lib.float32), lib.promote_types(lib.bool, lib.int64), lib.promote_types(lib.int32, lib.int64)),
                 ['float32', 'int64', 'int64'], id='promote_types'),
    pytest.param(lambda lib: (lib.promote_types(lib.float64, lib.complex64), lib.promote_types(lib.int64, lib.complex64), lib.promote_types(lib.bool, lib.complex128)),
                 ['complex128', 'complex64', 'complex128'], id='promote_types_complex'),
    pytest.param(lambda lib: lib.result_type(lib.tensor([1], dtype=lib.int32), 2.5),
                 'float32', id='result_type_scalar'),
    pytest.param(lambda lib: lib.result_type(lib.tensor([1], dtype=lib.int32), lib.tensor(2)),
                 'int32', id='result_type_0d'),
    pytest.param(lambda lib: lib.result_type(lib.ones(2, dtype=lib.float32), lib.ones((), dtype=lib.complex128)),
                 'complex64', id='result_type_float_complex_0d'),
    pytest.param(lambda lib: lib.result_type(lib.ones(2, dtype=lib.int32), lib.ones((), dtype=lib.complex128)),
                 'complex128', id='result_type_int_complex_0d'),
    pytest.param(lambda lib: lib.result_type(lib.ones(2, dtype=lib.float64), 1j),
                 'complex128', id='result_type_f64_python_complex'),
    pytest.param(lambda lib: lib.result_type(lib.ones(2, dtype=lib.int64), 1j),
                 'complex64', id='result_type_int_python_complex'),
    pytest.param(lambda lib: lib.result_type(lib.ones((), dtype=lib.float64), lib.ones((), dtype=lib.complex64)),
                 'complex128', id='result_type_0d_f64_0d_c64'),
    pytest.param(lambda lib: ((lib.ones(2, dtype=lib.int32) + np.int32(2)).dtype, (lib.ones(2, dtype=lib.int32) + np.int64(2)).dtype),
                 ['int32', 'int32'], id='numpy_int_scalar_is_a_python_int'),
    pytest.param(lambda lib: ((lib.ones(2, dtype=lib.int32) + np.float64(2)).dtype, (lib.ones(2, dtype=lib.float32) + np.float64(2)).dtype),
                 ['float32', 'float32'], id='numpy_float_scalar_is_a_python_float'),
    pytest.param(lambda lib: (lib.ones(2, dtype=lib.bool) + np.int64(1)).dtype,
                 'int64', id='numpy_int_scalar_with_bool'),
    pytest.param(lambda lib: (lib.can_cast(lib.float32, lib.int32), lib.can_cast(lib.int64, lib.float32), lib.can_cast(lib.bool, lib.int32)),
                 [False, True, True], id='can_cast'),
    pytest.param(lambda lib: (lib.can_cast(lib.complex64, lib.float64), lib.can_cast(lib.float64, lib.complex64), lib.can_cast(lib.int32, lib.bool)),
                 [False, True, False], id='can_cast_complex'),
    pytest.param(lambda lib: lib.Generator().initial_seed(),
                 67280421310721, id='seed_initial'),
    pytest.param(lambda lib: lib.Generator().manual_seed(3).initial_seed(),
                 3, id='seed_generator'),
    pytest.param(lambda lib: (lib.manual_seed(-1), lib.initial_seed())[1],
                 18446744073709551615, id='seed_negative'),
    pytest.param(lambda lib: (lib.manual_seed(-2**63), lib.initial_seed())[1],
                 9223372036854775808, id='seed_most_negative'),
    pytest.param(lambda lib: (lib.manual_seed(2**64 - 1), lib.initial_seed())[1],
                 18446744073709551615, id='seed_largest'),
    pytest.param(lambda lib: (lib.manual_seed(1.5), lib.initial_seed())[1],
                 1, id='seed_float'),
    pytest.param(lambda lib: (lib.manual_seed("3"), lib.initial_seed())[1],
                 3, id='seed_string'),
]


@pytest.mark.filterwarnings("ignore:To copy construct from a tensor")   # torch warns there too
@pytest.mark.parametrize("fn, expected", CR_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


# (fn, exception type, what its message says: torch's words, or where jitgrad words it
# differently — naming what would be valid — the part both share)
CR_ERRORS = [
    pytest.param(lambda lib: lib.tensor([[1, 2], [3]]),
                 ValueError, 'expected sequence of length 2 at dim 1 (got 1)', id='tensor_ragged'),
    pytest.param(lambda lib: lib.tensor([[1, 2], 3]),
                 TypeError, 'not a sequence', id='tensor_ragged_number'),
    pytest.param(lambda lib: lib.tensor("abc"),
                 TypeError, "new(): invalid data type 'str'", id='tensor_string'),
    pytest.param(lambda lib: lib.tensor(["a"]),
                 ValueError, "too many dimensions 'str'", id='tensor_list_of_strings'),
    pytest.param(lambda lib: lib.tensor(None),
                 RuntimeError, 'Could not infer dtype of NoneType', id='tensor_none'),
    pytest.param(lambda lib: lib.tensor([None]),
                 RuntimeError, 'Could not infer dtype of NoneType', id='tensor_list_of_none'),
    pytest.param(lambda lib: lib.tensor(np.array(['a'])),
                 TypeError, "can't convert np.ndarray of type numpy.str_. The only supported types are: ", id='tensor_string_array'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.int32, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='tensor_int_requires_grad'),
    pytest.param(lambda lib: lib.tensor(3, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='tensor_int_scalar_requires_grad'),
    pytest.param(lambda lib: lib.tensor([2**63]),
                 ValueError, 'Overflow when unpacking long long', id='tensor_int_overflow'),
    pytest.param(lambda lib: lib.tensor([NAN], dtype=lib.int64),
                 RuntimeError, 'value cannot be converted to type int64 without overflow', id='tensor_nan_to_int'),
    pytest.param(lambda lib: lib.tensor([2**40], dtype=lib.int32),
                 RuntimeError, 'value cannot be converted to type int32 without overflow', id='tensor_int32_overflow'),
    pytest.param(lambda lib: lib.tensor([1e30], dtype=lib.int64),
                 RuntimeError, 'value cannot be converted to type int64 without overflow', id='tensor_float_overflows_int64'),
    pytest.param(lambda lib: lib.tensor([INF], dtype=lib.int32),
                 RuntimeError, 'value cannot be converted to type int32 without overflow', id='tensor_inf_to_int32'),
    pytest.param(lambda lib: lib.tensor([1+1j], dtype=lib.float32),
                 TypeError, 'must be real number, not complex', id='tensor_complex_to_float'),
    pytest.param(lambda lib: lib.Tensor(3.5),
                 TypeError, 'new(): data must be a sequence (got float)', id='Tensor_number'),
    pytest.param(lambda lib: lib.Tensor(np.float64(2.0)),
                 TypeError, 'new(): data must be a sequence (got numpy.float64)', id='Tensor_numpy_float'),
    pytest.param(lambda lib: lib.Tensor("ab"),
                 TypeError, "new(): invalid data type 'str'", id='Tensor_string'),
    pytest.param(lambda lib: lib.Tensor([1+2j]),
                 TypeError, 'must be real number, not complex', id='Tensor_complex_data'),
    pytest.param(lambda lib: lib.Tensor(-1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='Tensor_negative_size'),
    pytest.param(lambda lib: lib.Tensor(2, -1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [2, -1]', id='Tensor_negative_sizes'),
    pytest.param(lambda lib: lib.Tensor(2.5, 3),
                 TypeError, 'new() received an invalid combination of arguments - got (float, int), but expected one of', id='Tensor_float_size'),
    pytest.param(lambda lib: lib.arange(5, dtype=lib.bool),
                 NotImplementedError, '"arange_cpu" not implemented for \'Bool\'', id='arange_bool'),
    pytest.param(lambda lib: lib.arange(0, 3, dtype=lib.complex64),
                 NotImplementedError, '"arange_cpu" not implemented for \'ComplexFloat\'', id='arange_complex'),
    pytest.param(lambda lib: lib.arange(0, 5, 0),
                 RuntimeError, 'step must be nonzero', id='arange_zero_step'),
    pytest.param(lambda lib: lib.arange(0, 5, 0.0),
                 RuntimeError, 'step must be nonzero', id='arange_zero_float_step'),
    pytest.param(lambda lib: lib.arange(0, 1, 0.3, dtype=lib.int64),
                 ValueError, 'step must be nonzero', id='arange_truncated_step_int64'),
    pytest.param(lambda lib: lib.arange(5, 0),
                 RuntimeError, 'upper bound and lower bound inconsistent with step sign', id='arange_backwards'),
    pytest.param(lambda lib: lib.arange(0, 5, -1),
                 RuntimeError, 'upper bound and lower bound inconsistent with step sign', id='arange_wrong_sign'),
    pytest.param(lambda lib: lib.arange(0, INF),
                 RuntimeError, 'unsupported range: 0 -> inf', id='arange_inf'),
    pytest.param(lambda lib: lib.arange(0, NAN),
                 RuntimeError, 'unsupported range: 0 -> nan', id='arange_nan'),
    pytest.param(lambda lib: lib.arange(1+1j),
                 RuntimeError, 'value cannot be converted to type double without overflow', id='arange_complex_end'),
    pytest.param(lambda lib: lib.arange(3, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='arange_int_requires_grad'),
    pytest.param(lambda lib: lib.arange("a"),
                 TypeError, "arange(): argument 'end' (position 1) must be Number, not str", id='arange_string'),
    pytest.param(lambda lib: lib.linspace(0, 1, -1),
                 RuntimeError, 'number of steps must be non-negative', id='linspace_negative_steps'),
    pytest.param(lambda lib: lib.linspace(0, 1, 2.5),
                 TypeError, "linspace(): argument 'steps'", id='linspace_float_steps'),
    pytest.param(lambda lib: lib.linspace(0, 1, 5, dtype=lib.bool),
                 NotImplementedError, '"linspace_cpu" not implemented for \'Bool\'', id='linspace_bool'),
    pytest.param(lambda lib: lib.linspace(lib.tensor([0.]), 1, 3),
                 RuntimeError, 'linspace only supports 0-dimensional start and end tensors, but got start with 1 dimension', id='linspace_1d_start'),
    pytest.param(lambda lib: lib.linspace(0, 1+1j, 3, dtype=lib.float32),
                 RuntimeError, "torch.linspace(): inferred dtype c10::complex<float> can't be safely cast to passed dtype ", id='linspace_complex_into_float'),
    pytest.param(lambda lib: lib.linspace(0, 1, 3, dtype=lib.int64, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='linspace_int_requires_grad'),
    pytest.param(lambda lib: lib.zeros(),
                 TypeError, 'zeros() missing 1 required positional arguments: "size"', id='zeros_no_size'),
    pytest.param(lambda lib: lib.zeros(-1),
                 RuntimeError, 'zeros: Dimension size must be non-negative', id='zeros_negative'),
    pytest.param(lambda lib: lib.zeros(2, -3),
                 RuntimeError, 'zeros: Dimension size must be non-negative', id='zeros_negative_second'),
    pytest.param(lambda lib: lib.zeros(2.5),
                 TypeError, "zeros(): argument 'size' (position 1) must be tuple of ints, not float", id='zeros_float_size'),
    pytest.param(lambda lib: lib.zeros((2, 2.5)),
                 TypeError, 'zeros(): argument \'size\' failed to unpack the object at pos 2 with error "type must be tup', id='zeros_float_in_tuple'),
    pytest.param(lambda lib: lib.zeros("a"),
                 TypeError, "zeros(): argument 'size' (position 1) must be tuple of ints, not str", id='zeros_string_size'),
    pytest.param(lambda lib: lib.zeros(2, 3, size=(2, 3)),
                 TypeError, "zeros() got multiple values for argument 'size'", id='zeros_size_twice'),
    pytest.param(lambda lib: lib.zeros(2, dtype=lib.int32, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='zeros_int_requires_grad'),
    pytest.param(lambda lib: lib.ones(-1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='ones_negative'),
    pytest.param(lambda lib: lib.empty(-1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='empty_negative'),
    pytest.param(lambda lib: lib.rand(-1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='rand_negative'),
    pytest.param(lambda lib: lib.randn(2, -1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [2, -1]', id='randn_negative'),
    pytest.param(lambda lib: lib.full((-1,), 1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='full_negative'),
    pytest.param(lambda lib: lib.full(2, 1.),
                 TypeError, "full(): argument 'size' (position 1) must be tuple of ints, not int", id='full_int_size'),
    pytest.param(lambda lib: lib.full((2,), 1+2j, dtype=lib.float32),
                 RuntimeError, 'value cannot be converted to type float without overflow', id='full_complex_into_float'),
    pytest.param(lambda lib: lib.full((2,), 2**40, dtype=lib.int32),
                 RuntimeError, 'value cannot be converted to type int without overflow', id='full_int32_overflow'),
    pytest.param(lambda lib: lib.full((2,), NAN, dtype=lib.int32),
                 RuntimeError, 'value cannot be converted to type int without overflow', id='full_nan_into_int'),
    pytest.param(lambda lib: lib.full((2,), 1e40, dtype=lib.float32),
                 RuntimeError, 'value cannot be converted to type float without overflow', id='full_float32_overflow'),
    pytest.param(lambda lib: lib.full((2,), 2**63),
                 RuntimeError, 'value cannot be converted to type int64_t without overflow', id='full_int64_overflow'),
    pytest.param(lambda lib: lib.full((2,), lib.tensor([3.])),
                 TypeError, "full(): argument 'fill_value' (position 2) must be Number, not Tensor", id='full_1d_tensor_value'),
    pytest.param(lambda lib: lib.full((2,), "a"),
                 TypeError, "full(): argument 'fill_value' (position 2) must be Number, not str", id='full_string_value'),
    pytest.param(lambda lib: lib.full((2,), None),
                 TypeError, "full(): argument 'fill_value' (position 2) must be Number, not NoneType", id='full_none_value'),
    pytest.param(lambda lib: lib.full((2,), 1, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='full_int_requires_grad'),
    pytest.param(lambda lib: lib.zeros_like([1, 2]),
                 TypeError, "zeros_like(): argument 'input' (position 1) must be Tensor, not list", id='zeros_like_list'),
    pytest.param(lambda lib: lib.zeros_like(np.array([1, 2])),
                 TypeError, "zeros_like(): argument 'input' (position 1) must be Tensor, not numpy.ndarray", id='zeros_like_ndarray'),
    pytest.param(lambda lib: lib.zeros_like(lib.tensor([1, 2]), requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='zeros_like_int_requires_grad'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1, 2]), 1+1j),
                 RuntimeError, 'value cannot be converted to type int64_t without overflow', id='full_like_complex_into_int'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1, 2]), NAN),
                 RuntimeError, 'value cannot be converted to type int64_t without overflow', id='full_like_nan_into_int'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1, 2], dtype=lib.int32), 2**40),
                 RuntimeError, 'value cannot be converted to type int without overflow', id='full_like_int32_overflow'),
    pytest.param(lambda lib: lib.rand_like(lib.tensor([1, 2])),
                 NotImplementedError, '"check_uniform_bounds" not implemented for \'Long\'', id='rand_like_int'),
    pytest.param(lambda lib: lib.randn_like(lib.tensor([1, 2])),
                 NotImplementedError, '"normal_kernel_cpu" not implemented for \'Long\'', id='randn_like_int'),
    pytest.param(lambda lib: lib.rand(2, dtype=lib.int64),
                 NotImplementedError, '"check_uniform_bounds" not implemented for \'Long\'', id='rand_int'),
    pytest.param(lambda lib: lib.randn(2, dtype=lib.int64),
                 NotImplementedError, '"normal_kernel_cpu" not implemented for \'Long\'', id='randn_int'),
    pytest.param(lambda lib: lib.rand(2, dtype=lib.bool),
                 NotImplementedError, '"check_uniform_bounds" not implemented for \'Bool\'', id='rand_bool'),
    pytest.param(lambda lib: lib.eye(-1),
                 RuntimeError, 'n must be greater or equal to 0, got -1', id='eye_negative'),
    pytest.param(lambda lib: lib.eye(2, -1),
                 RuntimeError, 'm must be greater or equal to 0, got -1', id='eye_negative_m'),
    pytest.param(lambda lib: lib.eye(2.5),
                 TypeError, "eye(): argument 'n' (position 1) must be int, not float", id='eye_float'),
    pytest.param(lambda lib: lib.randint(5, (-1,)),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='randint_negative_size'),
    pytest.param(lambda lib: lib.randint(5, 5, (3,)),
                 RuntimeError, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5", id='randint_empty_range'),
    pytest.param(lambda lib: lib.randint(6, 5, (3,)),
                 RuntimeError, "random_ expects 'from' to be less than 'to', but got from=6 >= to=5", id='randint_reversed_range'),
    pytest.param(lambda lib: lib.randint(0, (3,)),
                 RuntimeError, "random_ expects 'from' to be less than 'to', but got from=0 >= to=0", id='randint_zero_high'),
    pytest.param(lambda lib: lib.randint(10, 3),
                 TypeError, "randint(): argument 'size' (position 2) must be tuple of ints, not int", id='randint_int_size'),
    pytest.param(lambda lib: lib.randint(10),
                 TypeError, 'randint() received an invalid combination of arguments - ', id='randint_no_size'),
    pytest.param(lambda lib: lib.randint(2.5, (2,)),
                 TypeError, "randint(): argument 'high' (position 1) must be int, not float", id='randint_float_high'),
    pytest.param(lambda lib: lib.randint(10, (3,), requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='randint_int_requires_grad'),
    pytest.param(lambda lib: lib.randint(10, (3,), dtype=lib.bool),
                 RuntimeError, 'to - 1 is out of bounds for bool', id='randint_bool_range'),
    pytest.param(lambda lib: lib.randint(-1, 2, (3,), dtype=lib.bool),
                 RuntimeError, 'from is out of bounds for bool', id='randint_bool_negative'),
    pytest.param(lambda lib: lib.randint(2**40, (3,), dtype=lib.int32),
                 RuntimeError, 'to - 1 is out of bounds for int', id='randint_int32_high'),
    pytest.param(lambda lib: lib.randint(0, 2**31+1, (3,), dtype=lib.int32),
                 RuntimeError, 'to - 1 is out of bounds for int', id='randint_int32_just_over'),
    pytest.param(lambda lib: lib.randint(-2**31-1, 0, (3,), dtype=lib.int32),
                 RuntimeError, 'from is out of bounds for int', id='randint_int32_low'),
    pytest.param(lambda lib: lib.randint(2**63, (3,)),
                 ValueError, 'Overflow when unpacking long long', id='randint_int64_overflow'),
    pytest.param(lambda lib: lib.randint(5, (3,), dtype=lib.complex64),
                 RuntimeError, 'check_random_bounds handles only integral, floating-point and boolean types', id='randint_complex'),
    pytest.param(lambda lib: lib.randperm(-1),
                 RuntimeError, 'Trying to create tensor with negative dimension -1: [-1]', id='randperm_negative'),
    pytest.param(lambda lib: lib.randperm(5, dtype=lib.bool),
                 NotImplementedError, '"randperm" not implemented for \'Bool\'', id='randperm_bool'),
    pytest.param(lambda lib: lib.randperm(3, dtype=lib.complex64),
                 NotImplementedError, '"randperm" not implemented for \'ComplexFloat\'', id='randperm_complex'),
    pytest.param(lambda lib: lib.randperm(5, requires_grad=True),
                 RuntimeError, 'Only Tensors of floating point and complex dtype can require gradients', id='randperm_int_requires_grad'),
    pytest.param(lambda lib: lib.randperm(2.5),
                 TypeError, "randperm(): argument 'n' (position 1) must be int, not float", id='randperm_float_n'),
    pytest.param(lambda lib: lib.randperm(2**25, dtype=lib.float32),
                 RuntimeError, 'n cannot be greater than 2^24+1 for Float type', id='randperm_too_many_for_float'),
    pytest.param(lambda lib: lib.rand(2, generator=5),
                 TypeError, "rand(): argument 'generator' must be jitgrad.Generator, not int", id='rand_bad_generator'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), lib.ones(4)),
                 RuntimeError, 'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0', id='normal_no_broadcast'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2, 1), lib.ones(3, 2)),
                 RuntimeError, 'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0', id='normal_no_broadcast_2d'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3, dtype=lib.int64), 1.0),
                 NotImplementedError, '"normal_kernel_cpu" not implemented for \'Long\'', id='normal_int_mean'),
    pytest.param(lambda lib: lib.normal(0.0, lib.ones(3, dtype=lib.int64)),
                 NotImplementedError, '"normal_kernel_cpu" not implemented for \'Long\'', id='normal_int_std_number_mean'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3, dtype=lib.int64), lib.ones(3)),
                 NotImplementedError, '"normal_kernel_cpu" not implemented for \'Long\'', id='normal_int_mean_tensor_std'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, size=(2, 3), dtype=lib.int64),
                 NotImplementedError, '"normal_kernel_cpu" not implemented for \'Long\'', id='normal_int_dtype'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0, 4),
                 TypeError, "normal(): argument 'size'", id='normal_int_size'),
    pytest.param(lambda lib: lib.normal(2.0, 3.0),
                 TypeError, 'normal() received an invalid combination of arguments - got (float, float), but expected o', id='normal_numbers_without_size'),
    pytest.param(lambda lib: lib.normal(2.0, -3.0, (2,)),
                 RuntimeError, 'normal expects std >= 0.0, but found std -3', id='normal_negative_std'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2), -1.0),
                 RuntimeError, 'normal expects std >= 0.0, but found std -1', id='normal_negative_std_with_tensor'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2), lib.tensor([1.0, -1.0])),
                 RuntimeError, 'normal expects all elements of std >= 0.0', id='normal_negative_std_tensor'),
    pytest.param(lambda lib: lib.normal(0.0, lib.tensor([1.0, -1.0])),
                 RuntimeError, 'normal expects all elements of std >= 0.0', id='normal_negative_std_tensor_number_mean'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2), NAN),
                 RuntimeError, 'normal expects std >= 0.0, but found std nan', id='normal_nan_std'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2), lib.tensor([NAN, 1.])),
                 RuntimeError, 'normal expects all elements of std >= 0.0', id='normal_nan_std_tensor'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), lib.ones(3, dtype=lib.complex64)),
                 RuntimeError, 'normal expects standard deviation to be non-complex', id='normal_complex_std'),
    pytest.param(lambda lib: lib.normal(1+1j, lib.ones(3)),
                 TypeError, 'normal() received an invalid combination of arguments - got (complex, Tensor), but expecte', id='normal_complex_mean_number'),
    pytest.param(lambda lib: lib.normal(lib.zeros(3), 1+1j),
                 TypeError, 'normal() received an invalid combination of arguments - got (Tensor, complex), but expecte', id='normal_complex_std_number'),
    pytest.param(lambda lib: lib.normal(mean=lib.zeros(2), std=lib.ones(2), size=(2,)),
                 TypeError, 'normal() received an invalid combination of arguments - got (', id='normal_tensors_with_size'),
    pytest.param(lambda lib: lib.normal(lib.zeros(2), lib.ones(2), dtype=lib.float64),
                 TypeError, 'normal() received an invalid combination of arguments - got (Tensor, Tensor, ', id='normal_tensors_with_dtype'),
    pytest.param(lambda lib: lib.normal(lib.tensor([0.]), 1.0, (3,)),
                 TypeError, 'normal() received an invalid combination of arguments - got (Tensor, float, tuple), but ex', id='normal_1d_tensor_with_size'),
    pytest.param(lambda lib: lib.from_numpy([1.0]),
                 TypeError, 'expected np.ndarray (got list)', id='from_numpy_list'),
    pytest.param(lambda lib: lib.from_numpy(np.array([1.0])[0]),
                 TypeError, 'expected np.ndarray (got numpy.float64)', id='from_numpy_numpy_scalar'),
    pytest.param(lambda lib: lib.from_numpy(np.array(['a'])),
                 TypeError, "can't convert np.ndarray of type numpy.str_. The only supported types are: ", id='from_numpy_strings'),
    pytest.param(lambda lib: lib.from_numpy(np.zeros(3, dtype=object)),
                 TypeError, "can't convert np.ndarray of type numpy.object_. The only supported types are: ", id='from_numpy_objects'),
    pytest.param(lambda lib: lib.from_numpy(np.array([1, 2], dtype='>i8')),
                 ValueError, 'given numpy array has byte order different from the native byte order. Conversion between ', id='from_numpy_big_endian'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.int32).requires_grad_(),
                 RuntimeError, 'only Tensors of floating point dtype can require gradients', id='requires_grad_int'),
    pytest.param(lambda lib: setattr(lib.ones(2, dtype=lib.int64), 'requires_grad', True),
                 RuntimeError, 'only Tensors of floating point and complex dtype can require gradients', id='requires_grad_setter_int'),
    pytest.param(lambda lib: lib.tensor([]).item(),
                 RuntimeError, 'a Tensor with 0 elements cannot be converted to Scalar', id='item_empty'),
    pytest.param(lambda lib: lib.ones(2).item(),
                 RuntimeError, 'a Tensor with 2 elements cannot be converted to Scalar', id='item_many'),
    pytest.param(lambda lib: lib.ones(2, requires_grad=True).numpy(),
                 RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead", id='numpy_requires_grad'),
    pytest.param(lambda lib: float(lib.ones(2)),
                 ValueError, 'only one element tensors can be converted to Python scalars', id='float_many'),
    pytest.param(lambda lib: int(lib.ones(2)),
                 ValueError, 'only one element tensors can be converted to Python scalars', id='int_many'),
    pytest.param(lambda lib: float(lib.tensor([])),
                 ValueError, 'only one element tensors can be converted to Python scalars', id='float_empty'),
    pytest.param(lambda lib: float(lib.tensor(1+2j)),
                 RuntimeError, 'value cannot be converted to type double without overflow', id='float_complex'),
    pytest.param(lambda lib: bool(lib.tensor([])),
                 RuntimeError, 'Boolean value of Tensor with no values is ambiguous', id='bool_empty'),
    pytest.param(lambda lib: bool(lib.ones(2)),
                 RuntimeError, 'Boolean value of Tensor with more than one value is ambiguous', id='bool_many'),
    pytest.param(lambda lib: format(lib.tensor([2.5]), ".2f"),
                 TypeError, 'unsupported format string passed to Tensor.__format__', id='format_spec_on_1d'),
    pytest.param(lambda lib: lib.int32.to_complex(),
                 RuntimeError, 'Unknown Complex ScalarType for ', id='dtype_int_to_complex'),
    pytest.param(lambda lib: lib.iinfo(lib.float32),
                 TypeError, 'jitgrad.iinfo() requires an integer input type', id='iinfo_float'),
    pytest.param(lambda lib: lib.iinfo(lib.bool),
                 TypeError, 'jitgrad.iinfo() requires an integer input type', id='iinfo_bool'),
    pytest.param(lambda lib: lib.finfo(lib.int32),
                 TypeError, 'jitgrad.finfo() requires a floating point input type', id='finfo_int'),
    pytest.param(lambda lib: lib.set_default_dtype(lib.int64),
                 TypeError, 'only floating-point types are supported as the default type', id='set_default_dtype_int'),
    pytest.param(lambda lib: lib.set_default_dtype(lib.complex64),
                 TypeError, 'only floating-point types are supported as the default type', id='set_default_dtype_complex'),
    pytest.param(lambda lib: lib.manual_seed(2**64),
                 ValueError, 'Overflow when unpacking long long', id='manual_seed_overflow'),
    pytest.param(lambda lib: lib.manual_seed(-2**63 - 1),
                 ValueError, 'Overflow when unpacking long long', id='manual_seed_negative_overflow'),
    pytest.param(lambda lib: lib.tensor([1, 2]).new_full((2,), 2**63),
                 RuntimeError, 'value cannot be converted to type int64_t without overflow', id='new_full_overflow'),
    pytest.param(lambda lib: lib.ones(2).new_full(2, 3.),
                 TypeError, "new_full(): argument 'size' (position 1) must be tuple of ints, not int", id='new_full_int_size'),
    pytest.param(lambda lib: lib.ones(2).new_tensor([1j]),
                 TypeError, 'must be real number, not complex', id='new_tensor_complex_into_float'),
    pytest.param(lambda lib: lib.ones(2).new_zeros(),
                 TypeError, 'new_zeros() missing 1 required positional arguments: "size"', id='new_zeros_no_size'),
]


@pytest.mark.parametrize("fn, error, message", CR_ERRORS)
def test_errors_match_torch(fn, error, message):
    with pytest.raises(error, match=re.escape(message)):
        fn(jg)


# ------------------------------------------------------------------ requires_grad on every creation path
INTEGER_MAKERS = [
    pytest.param(lambda: jg.tensor([1, 2], requires_grad=True), id="tensor"),
    pytest.param(lambda: jg.zeros(2, dtype=jg.int64, requires_grad=True), id="zeros"),
    pytest.param(lambda: jg.ones(2, dtype=jg.bool, requires_grad=True), id="ones"),
    pytest.param(lambda: jg.empty(2, dtype=jg.int32, requires_grad=True), id="empty"),
    pytest.param(lambda: jg.full((2,), 3, requires_grad=True), id="full"),
    pytest.param(lambda: jg.arange(3, requires_grad=True), id="arange"),
    pytest.param(lambda: jg.linspace(0, 4, 3, dtype=jg.int64, requires_grad=True), id="linspace"),
    pytest.param(lambda: jg.eye(2, dtype=jg.int64, requires_grad=True), id="eye"),
    pytest.param(lambda: jg.randint(5, (2,), requires_grad=True), id="randint"),
    pytest.param(lambda: jg.randperm(3, requires_grad=True), id="randperm"),
    pytest.param(lambda: jg.zeros_like(jg.tensor([1]), requires_grad=True), id="zeros_like"),
    pytest.param(lambda: jg.full_like(jg.tensor([1]), 2, requires_grad=True), id="full_like"),
    pytest.param(lambda: jg.scalar_tensor(1, dtype=jg.int64, requires_grad=True), id="scalar_tensor"),
    pytest.param(lambda: jg.ones(1, dtype=jg.int32).new_zeros(2, requires_grad=True), id="new_zeros"),
    pytest.param(lambda: jg.ones(1, dtype=jg.int32).new_tensor([1], requires_grad=True), id="new_tensor"),
]


@pytest.mark.parametrize("make", INTEGER_MAKERS)
def test_integer_tensors_cannot_be_created_requiring_grad(make):
    with pytest.raises(RuntimeError, match="Only Tensors of floating point and complex dtype can require "
                                           "gradients"):
        make()


@pytest.mark.parametrize("dtype", [jg.int64, jg.int32, jg.bool])
def test_only_float_tensors_can_require_grad(dtype):
    with pytest.raises(RuntimeError, match="only Tensors of floating point dtype can require gradients"):
        jg.ones(2, dtype=dtype).requires_grad_()
    with pytest.raises(RuntimeError, match="only Tensors of floating point and complex dtype"):
        jg.zeros(2, dtype=dtype).requires_grad = True
    assert jg.ones(2, dtype=dtype).requires_grad_(False).requires_grad is False


def test_float_creation_with_requires_grad_gives_leaves():
    for t in (jg.zeros(2, requires_grad=True), jg.arange(3.0, requires_grad=True), jg.rand(2, requires_grad=True),
              jg.normal(0.0, 1.0, (2,), requires_grad=True), jg.eye(2, requires_grad=True)):
        assert t.requires_grad and t.is_leaf and t.grad_fn is None


def test_complex_tensors_never_require_grad():
    # torch differentiates complex functions (Wirtinger calculus); jitgrad's rules are real
    # ones, so it refuses rather than give a wrong gradient
    for make in (lambda: jg.tensor([1j], requires_grad=True), lambda: jg.ones(2, dtype=jg.complex64).requires_grad_(),
                 lambda: jg.zeros(2, dtype=jg.complex128, requires_grad=True)):
        with pytest.raises(RuntimeError, match="does not differentiate complex tensors"):
            make()
    x = jg.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="no gradient flows into a complex result"):
        x.to(jg.complex64)
    with pytest.raises(RuntimeError, match="does not differentiate complex tensors"):
        x * jg.tensor([1j, 2.0])
    with jg.no_grad():
        assert (x * jg.tensor([1j, 2.0])).tolist() == [1j, 2 + 0j]


def test_results_of_integer_ops_never_require_grad():
    x = jg.tensor([1.5, 2.5], requires_grad=True)
    assert not x.long().requires_grad and x.long().grad_fn is None
    assert not x.max(0).indices.requires_grad


@pytest.mark.parametrize("device", ["meta", 0, "cuda:x"])
def test_unknown_devices_are_refused(device):
    for make in (lambda: jg.zeros(2, device=device), lambda: jg.tensor([1], device=device),
                 lambda: jg.arange(3, device=device), lambda: jg.Tensor(2, device=device)):
        with pytest.raises(RuntimeError, match="cpu, cuda|Invalid device"):
            make()


def test_mean_of_an_int_tensor_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="mean\\(\\): could not infer output dtype"):
        jg.tensor([1, 2]).mean()


# ------------------------------------------------------------------ memory: what shares, what copies
def test_from_numpy_shares_memory_both_ways_and_tensor_copies():
    a = np.array([1.0, 2.0])
    shared, copied = jg.from_numpy(a), jg.tensor(a)
    a[0] = 9.0
    assert shared.tolist() == [9.0, 2.0] and copied.tolist() == [1.0, 2.0]
    with jg.no_grad():
        shared.mul_(2)
    assert a.tolist() == [18.0, 4.0] and shared.dtype is jg.float64
    assert jg.as_tensor(a).numpy() is a and not np.shares_memory(jg.as_tensor(a, dtype=jg.float32).numpy(), a)


def test_from_numpy_keeps_dtype_shape_and_strides():
    a = np.arange(6, dtype=np.int32).reshape(2, 3).T
    t = jg.from_numpy(a)
    assert t.dtype is jg.int32 and t.shape == (3, 2) and t.stride() == (1, 3) and not t.is_contiguous()
    assert jg.from_numpy(np.array(True)).dtype is jg.bool and jg.from_numpy(np.array(True)).ndim == 0


def test_numpy_shares_memory_and_copies_are_independent():
    t = jg.tensor([1.0, 2.0])
    t.numpy()[0] = 5.0
    assert t.tolist() == [5.0, 2.0]
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    assert np.shares_memory(x.numpy(force=True), x.detach().numpy())
    for data in ([1.0, 2.0], np.array([1.0, 2.0]), jg.tensor([1.0, 2.0])):
        copy = jg.tensor(data) if not isinstance(data, jg.Tensor) else data.clone()
        source = data._data if isinstance(data, jg.Tensor) else data
        assert not np.shares_memory(copy.numpy(), np.asarray(source))


def test_tensor_of_a_tensor_warns_as_torch_and_copies():
    t = jg.tensor([1.0, 2.0], requires_grad=True)
    with pytest.warns(UserWarning, match="sourceTensor.detach\\(\\).clone\\(\\)"):
        c = jg.tensor(t)
    assert not c.requires_grad and not np.shares_memory(c.numpy(), t.detach().numpy())


def test_numpy_and_item_leave_the_library():
    x = jg.tensor([[1, 2]], dtype=jg.int32)
    assert isinstance(x.numpy(), np.ndarray) and x.numpy().dtype == np.int32
    assert type(jg.tensor([2.5]).item()) is float and type(jg.tensor(3).item()) is int
    assert type(jg.tensor(True).item()) is bool and type(jg.tensor(1j).item()) is complex
    assert type(jg.tensor([1.5]).tolist()[0]) is float and type(jg.tensor(1, dtype=jg.int32).tolist()) is int


def test_like_functions_accept_traced_tensors():
    # inside jitgrad.compile, zeros_like(x) of a traced x is a constant of x's shape
    @jg.compile
    def f(x):
        return x + jg.ones_like(x) + jg.full_like(x, 2.0)
    assert f(jg.zeros(2, 3)).tolist() == [[3.0] * 3] * 2


# ------------------------------------------------------------------ random numbers
DRAWS = {
    "rand": lambda g=None: jg.rand(3, 2, generator=g),
    "randn": lambda g=None: jg.randn(4, generator=g, dtype=jg.float64),
    "randint": lambda g=None: jg.randint(-5, 5, (6,), generator=g),
    "randperm": lambda g=None: jg.randperm(10, generator=g),
    "normal-numbers": lambda g=None: jg.normal(1.0, 2.0, (3,), generator=g),
    "normal-tensors": lambda g=None: jg.normal(jg.zeros(2, 1), jg.ones(3), generator=g),
    "normal-mean": lambda g=None: jg.normal(jg.zeros(3), 0.5, generator=g),
    "normal-std": lambda g=None: jg.normal(3.0, jg.ones(2), generator=g),
    "rand-complex": lambda g=None: jg.rand(2, dtype=jg.complex64, generator=g),
}


@pytest.mark.parametrize("draw", list(DRAWS.values()), ids=list(DRAWS))
def test_manual_seed_makes_every_draw_reproducible(draw):
    jg.manual_seed(3)
    first = draw().tolist()
    jg.manual_seed(3)
    assert draw().tolist() == first
    assert draw().tolist() != first   # and the stream moves on


@pytest.mark.parametrize("draw", list(DRAWS.values()), ids=list(DRAWS))
def test_a_generator_is_a_stream_of_its_own(draw):
    g = jg.Generator().manual_seed(11)
    jg.manual_seed(5)
    before = jg.get_rng_state()
    first = draw(g).tolist()
    assert jg.get_rng_state() == before   # the default generator did not move
    assert draw(jg.Generator().manual_seed(11)).tolist() == first


def test_like_draws_follow_manual_seed():
    x = jg.ones(2, 3, dtype=jg.float64)
    jg.manual_seed(1)
    first = (jg.rand_like(x).tolist(), jg.randn_like(x).tolist(), jg.randint_like(x, 10).tolist())
    jg.manual_seed(1)
    assert (jg.rand_like(x).tolist(), jg.randn_like(x).tolist(), jg.randint_like(x, 10).tolist()) == first


def test_rng_state_can_be_saved_and_restored():
    jg.manual_seed(0)
    state = jg.get_rng_state()
    first = jg.randn(5).tolist()
    jg.set_rng_state(state)
    assert jg.randn(5).tolist() == first
    assert jg.initial_seed() == 0 and jg.manual_seed(7) is jg.manual_seed(8)  # the default generator


def test_seed_reseeds_from_entropy():
    a = jg.seed()
    b = jg.seed()
    assert a != b and jg.initial_seed() == b and 0 <= a < 2**64


def test_rand_is_uniform_in_the_unit_interval():
    jg.manual_seed(0)
    for dtype in (jg.float32, jg.float64):
        x = jg.rand(20000, dtype=dtype).numpy()
        assert x.dtype == dtype.np and x.min() >= 0 and x.max() < 1
        assert abs(x.mean() - 0.5) < 0.01 and abs(x.var() - 1 / 12) < 0.005
    z = jg.rand(20000, dtype=jg.complex128).numpy()
    assert 0 <= z.real.min() and z.real.max() < 1 and 0 <= z.imag.min() and z.imag.max() < 1


def test_randn_is_standard_normal():
    jg.manual_seed(0)
    x = jg.randn(200, 100).numpy()
    assert x.dtype == np.float32 and abs(x.mean()) < 0.035 and abs(x.std() - 1) < 0.025
    z = jg.randn(20000, dtype=jg.complex64).numpy()   # torch: each part has variance 1/2
    assert abs(np.mean(np.abs(z) ** 2) - 1) < 0.035 and abs(z.real.var() - 0.5) < 0.025


def test_randint_covers_low_to_high_minus_one():
    jg.manual_seed(0)
    x = jg.randint(-2, 3, (5000,))
    assert x.dtype is jg.int64 and set(x.tolist()) == {-2, -1, 0, 1, 2}
    assert set(jg.randint(2, (100,), dtype=jg.bool).tolist()) == {False, True}
    big = jg.randint(-2**63, 2**63 - 1, (100,))
    assert big.dtype is jg.int64 and len(set(big.tolist())) == 100


def test_randperm_is_a_permutation():
    jg.manual_seed(0)
    for n in (0, 1, 7, 100):
        p = jg.randperm(n)
        assert p.dtype is jg.int64 and sorted(p.tolist()) == list(range(n))
    assert jg.randperm(5, dtype=jg.float32).dtype is jg.float32


def test_randint_warns_where_a_float_cannot_count_every_integer():
    with pytest.warns(UserWarning, match=re.escape("to - 1 is out of bounds [-(2^24), 2^24]")):
        jg.randint(2**25, (3,), dtype=jg.float32)


def test_normal_broadcasts_mean_and_std():
    jg.manual_seed(0)
    mean = jg.tensor([[0.0], [100.0]])              # (2, 1)
    std = jg.tensor([1.0, 0.0, 10.0])               # (3,)
    draws = np.stack([jg.normal(mean, std).numpy() for _ in range(3000)])
    assert draws.shape == (3000, 2, 3) and draws.dtype == np.float32
    np.testing.assert_allclose(draws.mean(0), [[0, 0, 0], [100, 100, 100]], atol=1.0)
    np.testing.assert_allclose(draws.std(0), [[1, 0, 10], [1, 0, 10]], rtol=0.06)
    assert (draws[:, :, 1] == [0.0, 100.0]).all()   # std 0: exactly the mean


def test_normal_of_numbers_with_a_size():
    jg.manual_seed(0)
    x = jg.normal(2.0, 3.0, size=(20000,), dtype=jg.float64).numpy()
    assert x.dtype == np.float64 and abs(x.mean() - 2) < 0.11 and abs(x.std() - 3) < 0.08
    assert jg.normal(5.0, 0.0, (2, 2)).tolist() == [[5.0, 5.0], [5.0, 5.0]]


def test_normal_gradients_are_zero_as_in_torch():
    # torch defines d normal(mean, std) / d mean = d / d std = 0 (the draw is not reparameterised)
    mean = jg.zeros(3, dtype=jg.float64, requires_grad=True)
    std = jg.ones(2, 1, dtype=jg.float64, requires_grad=True)
    y = jg.normal(mean, std)
    assert y.grad_fn.name() == "NormalBackward3" and y.shape == (2, 3)
    (y * y).sum().backward()
    assert mean.grad.tolist() == [0.0, 0.0, 0.0] and std.grad.tolist() == [[0.0], [0.0]]
    with jg.no_grad():
        assert not jg.normal(mean, 1.0).requires_grad
    assert not jg.normal(mean.detach(), std.detach()).requires_grad


# ------------------------------------------------------------------ dtype arguments and the default dtype
@pytest.mark.parametrize("spec, expected", [("float32", jg.float32), ("torch.float64", jg.float64),
                                            (float, jg.float64), (int, jg.int64), (bool, jg.bool),
                                            (complex, jg.complex128), (np.int32, jg.int32),
                                            (np.dtype("float64"), jg.float64), (jg.double, jg.float64)])
def test_dtype_specs_are_understood(spec, expected):
    # Python's float is double precision, as torch reads dtype=float
    assert jg.zeros(1, dtype=spec).dtype is expected


def test_unknown_dtypes_are_named():
    with pytest.raises(TypeError, match="unknown dtype 'float16'; valid: bool, int32"):
        jg.zeros(1, dtype="float16")
    with pytest.raises(TypeError, match="can't convert np.ndarray of type numpy.uint8"):
        jg.tensor(np.array([1, 2], dtype=np.uint8))
    assert jg.tensor(np.array([1, 2], dtype=np.uint8), dtype=jg.int64).tolist() == [1, 2]


def test_dtype_aliases_match_torch_names():
    assert jg.float is jg.float32 and jg.double is jg.float64
    assert jg.long is jg.int64 and jg.int is jg.int32 and jg.cfloat is jg.complex64
    assert jg.float32.is_floating_point and not jg.int64.is_floating_point
    assert repr(jg.float64) == "jitgrad.float64"


def test_set_default_dtype_changes_what_floats_become():
    assert jg.get_default_dtype() is jg.float32
    try:
        jg.set_default_dtype(jg.float64)
        assert jg.tensor([1.5]).dtype is jg.float64 and jg.zeros(2).dtype is jg.float64
        assert jg.arange(0.5, 2).dtype is jg.float64 and jg.tensor([1j]).dtype is jg.complex128
        assert (jg.tensor([1, 2]) / 2).dtype is jg.float64 and jg.rand(2).dtype is jg.float64
        assert repr(jg.tensor([1.5])) == "tensor([1.5000])"
        assert repr(jg.tensor([1.5], dtype=jg.float32)) == "tensor([1.5000], dtype=jitgrad.float32)"
        assert repr(jg.tensor([1j])) == "tensor([0.+1.j])"
    finally:
        jg.set_default_dtype(jg.float32)
    assert jg.tensor([1.5]).dtype is jg.float32


# ------------------------------------------------------------------ the seed tutorial, section 5.1
def test_seed_tutorial_creation_snippet():
    torch = jg
    a = torch.tensor([1, 2, 3], dtype=torch.float)
    b = torch.arange(1, 10, step=2)
    c = torch.linspace(0.0, 2 * 3.14, 10)
    assert str(a) == "tensor([1., 2., 3.])" and str(b) == "tensor([1, 3, 5, 7, 9])"
    assert str(c) == ("tensor([0.0000, 0.6978, 1.3956, 2.0933, 2.7911, 3.4889, 4.1867, 4.8844, 5.5822,\n"
                      "        6.2800])")
    a = torch.ones((3, 3), dtype=torch.int)
    assert str(a) == "tensor([[1, 1, 1],\n        [1, 1, 1],\n        [1, 1, 1]], dtype=jitgrad.int32)"
    b = torch.zeros_like(a, dtype=torch.float)
    torch.fill_(b, 5)
    assert str(b) == "tensor([[5., 5., 5.],\n        [5., 5., 5.],\n        [5., 5., 5.]])"
    torch.manual_seed(0)
    minval, maxval = 0, 10
    a = minval + (maxval - minval) * torch.rand([5])
    assert a.shape == (5,) and a.dtype is torch.float32 and all(0 <= v < 10 for v in a.tolist())
    b = torch.normal(mean=torch.zeros(3, 3), std=torch.ones(3, 3))
    mean, std = 2, 5
    c = std * torch.randn((3, 3)) + mean
    assert b.shape == c.shape == (3, 3) and b.dtype is c.dtype is torch.float32
    d = torch.randperm(20)
    assert sorted(d.tolist()) == list(range(20)) and d.dtype is torch.int64
    assert str(torch.eye(3, 3)) == "tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])"
