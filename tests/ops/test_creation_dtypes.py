"""Creation functions and dtypes: inference, casts, and torch 2.x type promotion.

Every expected dtype below was recorded from torch 2.x (``CR_VALUES`` and the promotion
matrices); torch is not needed to run these tests.
"""
import numpy as np
import pytest

import jitgrad as jg

NAN, INF = float("nan"), float("inf")

# ------------------------------------------------------------------ promotion, operand by operand
# Operand kinds: a tensor with dims of each dtype, a 0-d tensor of each dtype ("0..."), and the
# Python numbers True, 2 and 2.5. Row = left operand, column = right operand; "-" = not a tensor op.
KINDS = ["b", "i32", "i64", "f32", "f64", "0b", "0i32", "0i64", "0f32", "0f64", "True", "2", "2.5"]
DTYPES = {"b": jg.bool, "i32": jg.int32, "i64": jg.int64, "f32": jg.float32, "f64": jg.float64}

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
    if kind in ("True", "2", "2.5"):
        return {"True": True, "2": 2, "2.5": 2.5}[kind]
    if kind.startswith("0"):
        return jg.tensor(1, dtype=DTYPES[kind[1:]])
    return jg.tensor([1, 1], dtype=DTYPES[kind])


def value(kind):
    """The number each operand kind holds (tensors hold ones)."""
    return {"True": 1, "2": 2, "2.5": 2.5}.get(kind, 1)


def _pairs(table):
    for left in KINDS:
        for right, code in zip(KINDS, table[left].split()):
            if code != "-":
                yield pytest.param(left, right, DTYPES[code], id=f"{left}-{right}")


@pytest.mark.parametrize("left, right, expected", list(_pairs(ADD_RESULT)))
def test_add_promotes_like_torch(left, right, expected):
    result = operand(left) + operand(right)
    assert result.dtype is expected
    assert jg.result_type(operand(left), operand(right)) is expected
    total = 1 if expected is jg.bool else value(left) + value(right)   # bool + bool is logical or
    np.testing.assert_array_equal(np.atleast_1d(result.numpy()).astype(float), total)


@pytest.mark.parametrize("left, right, expected", list(_pairs(DIV_RESULT)))
def test_true_division_promotes_like_torch(left, right, expected):
    result = operand(left) / operand(right)
    assert result.dtype is expected
    np.testing.assert_allclose(np.atleast_1d(result.numpy()), value(left) / value(right), rtol=1e-6)


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


def test_mean_of_an_int_tensor_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="mean\\(\\): could not infer output dtype"):
        jg.tensor([1, 2]).mean()


@pytest.mark.parametrize("dtype", [jg.int64, jg.int32, jg.bool])
def test_only_float_tensors_can_require_grad(dtype):
    with pytest.raises(RuntimeError, match="floating point"):
        jg.tensor([1, 0], dtype=dtype, requires_grad=True)
    with pytest.raises(RuntimeError, match="floating point"):
        jg.ones(2, dtype=dtype).requires_grad_()
    with pytest.raises(RuntimeError, match="floating point"):
        jg.zeros(2, dtype=dtype).requires_grad = True
    assert jg.ones(2, dtype=dtype).requires_grad_(False).requires_grad is False


def test_results_of_integer_ops_never_require_grad():
    x = jg.tensor([1.5, 2.5], requires_grad=True)
    assert not x.long().requires_grad and x.long().grad_fn is None
    assert not x.max(0).indices.requires_grad


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
    pytest.param(lambda lib: lib.tensor(np.array([1.0])),
                 {'dtype': 'float64', 'values': [1.0]}, id='tensor_np_f64'),
    pytest.param(lambda lib: lib.tensor(np.array([1, 2], dtype=np.int32)),
                 {'dtype': 'int32', 'values': [1, 2]}, id='tensor_np_i32'),
    pytest.param(lambda lib: lib.tensor(np.float64(2.5)),
                 {'dtype': 'float64', 'values': 2.5}, id='tensor_np_scalar'),
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
    pytest.param(lambda lib: lib.tensor([[1., 2.], [3., 4.]]),
                 {'dtype': 'float32', 'values': [[1.0, 2.0], [3.0, 4.0]]}, id='tensor_nested'),
    pytest.param(lambda lib: lib.tensor([]),
                 {'dtype': 'float32', 'values': []}, id='tensor_empty'),
    pytest.param(lambda lib: lib.tensor([[]]).shape,
                 [1, 0], id='tensor_empty_nested_shape'),
    pytest.param(lambda lib: lib.tensor([lib.tensor(1.), lib.tensor(2.)]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='tensor_of_0d_tensors'),
    pytest.param(lambda lib: lib.Tensor([1, 2]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='Tensor_data'),
    pytest.param(lambda lib: lib.Tensor(2, 3).shape,
                 [2, 3], id='Tensor_shape'),
    pytest.param(lambda lib: lib.arange(5),
                 {'dtype': 'int64', 'values': [0, 1, 2, 3, 4]}, id='arange_int'),
    pytest.param(lambda lib: lib.arange(0., 1, .25),
                 {'dtype': 'float32', 'values': [0.0, 0.25, 0.5, 0.75]}, id='arange_float'),
    pytest.param(lambda lib: lib.arange(2, 6),
                 {'dtype': 'int64', 'values': [2, 3, 4, 5]}, id='arange_start_end'),
    pytest.param(lambda lib: lib.arange(10, 0, -3),
                 {'dtype': 'int64', 'values': [10, 7, 4, 1]}, id='arange_neg_step'),
    pytest.param(lambda lib: lib.arange(1, 2.5, 0.5),
                 {'dtype': 'float32', 'values': [1.0, 1.5, 2.0]}, id='arange_float_step'),
    pytest.param(lambda lib: lib.arange(-1.5, 1),
                 {'dtype': 'float32', 'values': [-1.5, -0.5, 0.5]}, id='arange_float_start'),
    pytest.param(lambda lib: lib.arange(3, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [0.0, 1.0, 2.0]}, id='arange_dtype'),
    pytest.param(lambda lib: lib.arange(0, 1, 0.1).shape,
                 [10], id='arange_count'),
    pytest.param(lambda lib: lib.arange(0),
                 {'dtype': 'int64', 'values': []}, id='arange_empty'),
    pytest.param(lambda lib: lib.linspace(0, 1, 5),
                 {'dtype': 'float32', 'values': [0.0, 0.25, 0.5, 0.75, 1.0]}, id='linspace'),
    pytest.param(lambda lib: lib.linspace(0, 10, 3, dtype=lib.int64),
                 {'dtype': 'int64', 'values': [0, 5, 10]}, id='linspace_int_dtype'),
    pytest.param(lambda lib: lib.linspace(2, 3, 1),
                 {'dtype': 'float32', 'values': [2.0]}, id='linspace_one'),
    pytest.param(lambda lib: lib.zeros(2, 3),
                 {'dtype': 'float32', 'values': [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}, id='zeros'),
    pytest.param(lambda lib: lib.zeros((2, 1)),
                 {'dtype': 'float32', 'values': [[0.0], [0.0]]}, id='zeros_tuple'),
    pytest.param(lambda lib: lib.zeros([]),
                 {'dtype': 'float32', 'values': 0.0}, id='zeros_0d'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.bool),
                 {'dtype': 'bool', 'values': [True, True]}, id='ones_bool'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.int32),
                 {'dtype': 'int32', 'values': [1, 1]}, id='ones_int'),
    pytest.param(lambda lib: lib.full((2,), 1),
                 {'dtype': 'int64', 'values': [1, 1]}, id='full_int'),
    pytest.param(lambda lib: lib.full((2,), 1.5),
                 {'dtype': 'float32', 'values': [1.5, 1.5]}, id='full_float'),
    pytest.param(lambda lib: lib.full((2,), True),
                 {'dtype': 'bool', 'values': [True, True]}, id='full_bool'),
    pytest.param(lambda lib: lib.full((1, 2), 7, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [[7.0, 7.0]]}, id='full_dtype'),
    pytest.param(lambda lib: lib.eye(2, 3),
                 {'dtype': 'float32', 'values': [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]}, id='eye'),
    pytest.param(lambda lib: lib.eye(2),
                 {'dtype': 'float32', 'values': [[1.0, 0.0], [0.0, 1.0]]}, id='eye_square'),
    pytest.param(lambda lib: lib.zeros_like(lib.tensor([1, 2])),
                 {'dtype': 'int64', 'values': [0, 0]}, id='zeros_like'),
    pytest.param(lambda lib: lib.ones_like(lib.tensor([1, 2]), dtype=lib.float64),
                 {'dtype': 'float64', 'values': [1.0, 1.0]}, id='ones_like_dtype'),
    pytest.param(lambda lib: lib.full_like(lib.tensor([1., 2.]), 3),
                 {'dtype': 'float32', 'values': [3.0, 3.0]}, id='full_like'),
    pytest.param(lambda lib: lib.empty(2, 3).dtype is lib.float32,
                 True, id='empty_dtype'),
    pytest.param(lambda lib: lib.rand(2).dtype is lib.float32,
                 True, id='rand_dtype'),
    pytest.param(lambda lib: lib.randn(2, 3, dtype=lib.float64).shape,
                 [2, 3], id='randn_f64'),
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
    pytest.param(lambda lib: lib.tensor([2.5]).item(),
                 2.5, id='item_float'),
    pytest.param(lambda lib: lib.tensor([[7]]).item(),
                 7, id='item_int'),
    pytest.param(lambda lib: lib.tensor([[1, 2]]).tolist(),
                 [[1, 2]], id='tolist'),
    pytest.param(lambda lib: (lambda x: (x.numel(), x.dim(), x.ndim, x.size(-1), len(x)))(lib.zeros(2, 3)),
                 [6, 2, 2, 3, 2], id='numel_dim'),
    pytest.param(lambda lib: (lib.ones(1).is_floating_point(), lib.ones(1, dtype=lib.int64).is_floating_point()),
                 [True, False], id='is_floating_point'),
    pytest.param(lambda lib: (lib.ones(1).element_size(), lib.ones(1, dtype=lib.float64).element_size(), lib.ones(1, dtype=lib.bool).element_size()),
                 [4, 8, 1], id='element_size'),
    pytest.param(lambda lib: (lib.promote_types(lib.int32, lib.float32), lib.promote_types(lib.bool, lib.int64), lib.promote_types(lib.int32, lib.int64)),
                 ['float32', 'int64', 'int64'], id='promote_types'),
    pytest.param(lambda lib: lib.result_type(lib.tensor([1], dtype=lib.int32), 2.5),
                 'float32', id='result_type_scalar'),
    pytest.param(lambda lib: lib.result_type(lib.tensor([1], dtype=lib.int32), lib.tensor(2)),
                 'int32', id='result_type_0d'),
    pytest.param(lambda lib: (lib.can_cast(lib.float32, lib.int32), lib.can_cast(lib.int64, lib.float32), lib.can_cast(lib.bool, lib.int32)),
                 [False, True, True], id='can_cast'),
]


@pytest.mark.parametrize("fn, expected", CR_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


# ------------------------------------------------------------------ memory, randomness, conversions
def test_from_numpy_shares_memory_and_tensor_copies():
    a = np.array([1.0, 2.0])
    shared, copied = jg.from_numpy(a), jg.tensor(a)
    a[0] = 9.0
    assert shared.tolist() == [9.0, 2.0] and copied.tolist() == [1.0, 2.0]
    assert shared.dtype is jg.float64 and jg.as_tensor(a).numpy() is a


def test_numpy_and_item_leave_the_library():
    x = jg.tensor([[1, 2]], dtype=jg.int32)
    assert isinstance(x.numpy(), np.ndarray) and x.numpy().dtype == np.int32
    assert type(jg.tensor([2.5]).item()) is float and type(jg.tensor(3).item()) is int
    with pytest.raises(RuntimeError, match="Use tensor.detach\\(\\).numpy\\(\\) instead"):
        jg.ones(2, requires_grad=True).numpy()
    with pytest.raises(RuntimeError, match="a Tensor with 2 elements cannot be converted to Scalar"):
        jg.ones(2).item()


def test_manual_seed_makes_draws_reproducible():
    jg.manual_seed(3)
    first = (jg.rand(3).tolist(), jg.randn(2, 2).tolist())
    jg.manual_seed(3)
    assert (jg.rand(3).tolist(), jg.randn(2, 2).tolist()) == first
    assert all(0 <= v < 1 for v in jg.rand(100).tolist())
    assert jg.randn(2, dtype=jg.float64).dtype is jg.float64


def test_random_draws_need_a_float_dtype():
    with pytest.raises(RuntimeError):
        jg.rand(2, dtype=jg.int64)


@pytest.mark.parametrize("spec, expected", [("float32", jg.float32), ("torch.float64", jg.float64),
                                            (float, jg.float32), (int, jg.int64), (bool, jg.bool),
                                            (np.int32, jg.int32), (np.dtype("float64"), jg.float64)])
def test_dtype_specs_are_understood(spec, expected):
    assert jg.zeros(1, dtype=spec).dtype is expected


def test_dtype_aliases_match_torch_names():
    assert jg.float is jg.float32 and jg.double is jg.float64
    assert jg.long is jg.int64 and jg.int is jg.int32
    assert jg.float32.is_floating_point and not jg.int64.is_floating_point
