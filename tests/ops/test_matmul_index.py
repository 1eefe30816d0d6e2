"""Matrix products (matmul / @ / mm) and indexing (x[idx], x[idx] = v): values against NumPy,
gradients by finite differences, torch's names and errors.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``) were produced by evaluating each expression with
``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import jitgrad as jg
from jitgrad.ops.index import index_backward

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(99)


def U(*shape):
    return rng.uniform(-2, 2, shape)


def put(x, index, values):
    """x with x[index] = values, through __setitem__ on a non-leaf copy (recorded)."""
    y = x * 1
    y[index] = values
    return y


MASK = np.array([[True, False, True], [False, True, True]])

# ------------------------------------------------------------------ gradient table
GRAD_CASES = [
    pytest.param("matmul", lambda a, b: a @ b, [U(2, 3), U(3, 4)], True, id="mm"),
    pytest.param("matmul", lambda a, b: jg.mm(a, b), [U(3, 2), U(2, 2)], True, id="mm-fn"),
    pytest.param("matmul", lambda a, b: a @ b, [U(2, 3), U(3)], True, id="mv"),
    pytest.param("matmul", lambda a, b: a @ b, [U(3), U(3, 2)], True, id="vm"),
    pytest.param("matmul", lambda a, b: jg.matmul(a, b), [U(3), U(3)], True, id="dot"),
    pytest.param("matmul", lambda a, b: a @ b, [U(2, 2, 3), U(2, 3, 2)], True, id="bmm"),
    pytest.param("matmul", lambda a, b: a @ b, [U(2, 1, 2, 3), U(3, 3, 1)], True, id="bmm-broadcast-batch"),
    pytest.param("matmul", lambda a, b: a @ b, [U(2, 2, 3), U(3, 2)], True, id="batched-by-matrix"),
    pytest.param("matmul", lambda a, b: a @ b, [U(2, 2, 3), U(3)], True, id="batched-by-vector"),
    pytest.param("matmul", lambda a, b: a @ b, [U(3), U(2, 3, 2)], True, id="vector-by-batched"),
    pytest.param("matmul", lambda a, b: a.t() @ b.mT, [U(3, 2), U(2, 3)], True, id="mm-transposed"),
    pytest.param("matmul", lambda a: a @ a, [U(3, 3)], True, id="mm-same-input"),
    pytest.param("getitem", lambda a: a[1], [U(3, 2)], True, id="int"),
    pytest.param("getitem", lambda a: a[-1, 1:], [U(3, 3)], True, id="neg-int-slice"),
    pytest.param("getitem", lambda a: a[::2, 1:], [U(5, 3)], True, id="step"),
    pytest.param("getitem", lambda a: a[..., None, 0], [U(2, 2, 3)], True, id="ellipsis-none"),
    pytest.param("getitem", lambda a: a[jg.tensor(MASK)], [U(2, 3)], True, id="bool-mask"),
    pytest.param("getitem", lambda a: a[a > 0] ** 2, [U(2, 3)], True, id="bool-mask-from-values"),
    pytest.param("getitem", lambda a: a[[0, 2, 0, 0]], [U(3, 2)], True, id="int-list-repeats"),
    pytest.param("getitem", lambda a: a[jg.tensor([1, 0, 1]), jg.tensor([2, 2, 0])], [U(2, 3)], True,
                 id="int-tensors-pairs"),
    pytest.param("getitem", lambda a: a[1:, [0, 2]], [U(3, 3)], True, id="slice-and-list"),
    pytest.param("getitem", lambda a: a.t()[0], [U(3, 2)], True, id="transposed"),
    pytest.param("getitem", lambda a: a[...], [U()], True, id="0d-ellipsis"),
    pytest.param("index_backward", lambda g: index_backward(g, index=np.array([0, 2, 0]), in_shape=(3, 2)),
                 [U(3, 2)], True, id="scatter-add-repeats"),
    pytest.param("index_backward", lambda g: index_backward(g, index=(slice(None), 1), in_shape=(2, 3)),
                 [U(2)], True, id="scatter-basic"),
    pytest.param("index_put", lambda a, b: put(a, 1, b), [U(3, 2), U(2)], True, id="setitem-row"),
    pytest.param("index_put", lambda a, b: put(a, (slice(None), 0), b), [U(3, 2), U()], True,
                 id="setitem-column-0d-value"),
    pytest.param("index_put", lambda a, b: put(a, jg.tensor(MASK), b), [U(2, 3), U(4)], True, id="setitem-mask"),
    pytest.param("index_put", lambda a: put(a, [0, 2], 5.0), [U(3)], True, id="setitem-number"),
    pytest.param("index_put", lambda a, b: jg.index_put(a, (jg.tensor([0, 2]),), b), [U(3, 2), U(2, 2)], True,
                 id="index_put-fn"),
]

# ------------------------------------------------------------------ forward table
X234 = U(2, 3, 4)


def _np_put(index, value):
    def reference(a, *values):
        out = a.copy()
        out[index] = values[0] if values else value
        return out
    return reference


def _np_scatter(index, in_shape):
    def reference(g):
        out = np.zeros(in_shape, g.dtype)
        np.add.at(out, index, g)
        return out
    return reference


FORWARD_CASES = [
    pytest.param("matmul", lambda a, b: a @ b, np.matmul, [U(2, 3), U(3, 4)], id="mm"),
    pytest.param("matmul", lambda a, b: a @ b, np.matmul, [U(2, 3), U(3)], id="mv"),
    pytest.param("matmul", lambda a, b: a @ b, np.matmul, [U(3), U(3)], id="dot"),
    pytest.param("matmul", lambda a, b: a @ b, np.matmul, [U(2, 1, 2, 3), U(3, 3, 4)], id="broadcast-batch"),
    pytest.param("matmul", lambda a, b: a.mT @ b, lambda a, b: np.swapaxes(a, -1, -2) @ b, [U(2, 3, 2), U(3, 1)],
                 id="transposed-batch"),
    pytest.param("getitem", lambda a: a[1, :, ::2], lambda a: a[1, :, ::2], [X234], id="basic"),
    pytest.param("getitem", lambda a: a[..., None, -1], lambda a: a[..., None, -1], [X234], id="ellipsis-none"),
    pytest.param("getitem", lambda a: a[jg.tensor(a > 0)], lambda a: a[a > 0], [X234], id="mask"),
    pytest.param("getitem", lambda a: a[[1, 0, 1], 2], lambda a: a[[1, 0, 1], 2], [X234], id="int-list"),
    pytest.param("getitem", lambda a: a.permute(2, 0, 1)[3], lambda a: a.transpose(2, 0, 1)[3], [X234],
                 id="permuted"),
    pytest.param("index_put", lambda a, b: jg.index_put(a, (slice(None), 1), b), _np_put((slice(None), 1), None),
                 [X234, U(4)], id="put-broadcast"),
    pytest.param("index_put", lambda a: jg.index_put(a, (np.array([0, 0]), 1), 2.5), _np_put(([0, 0], 1), 2.5),
                 [X234], id="put-number"),
    pytest.param("index_backward", lambda g: index_backward(g, index=np.array([1, 1, 0]), in_shape=(3, 2)),
                 _np_scatter(np.array([1, 1, 0]), (3, 2)), [U(3, 2)], id="scatter-accumulates"),
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op, fn, reference, arrays", FORWARD_CASES)
def test_forward_matches_numpy(op, fn, reference, arrays, dtype, check_forward):
    check_forward(op, fn, reference, arrays, dtype)


@pytest.mark.parametrize("op, fn, arrays, second_order", GRAD_CASES)
def test_gradients(op, fn, arrays, second_order, check_grads):
    check_grads(op, fn, arrays, second_order)


# ------------------------------------------------------------------ any batch shape (hypothesis)
@settings(max_examples=25, deadline=None)
@given(batch=st.lists(st.sampled_from([1, 2]), max_size=2), n=st.integers(1, 3), k=st.integers(1, 3),
       m=st.integers(1, 3), data=st.data())
def test_matmul_broadcasts_batches_like_numpy(batch, n, k, m, data):
    # either side may drop or shrink its batch dims, or be a vector
    a_shape = data.draw(st.sampled_from([tuple(batch) + (n, k), (k,), (n, k)]))
    b_batch = tuple(1 if data.draw(st.booleans()) else s for s in batch)
    b_shape = data.draw(st.sampled_from([b_batch + (k, m), (k,), (k, m)]))
    r = np.random.default_rng(len(a_shape) * 7 + len(b_shape))
    a, b = r.uniform(-1, 1, a_shape), r.uniform(-1, 1, b_shape)
    x, y = jg.tensor(a, requires_grad=True), jg.tensor(b, requires_grad=True)
    out = x @ y
    np.testing.assert_allclose(out.detach().numpy(), np.matmul(a, b), rtol=1e-12)
    gx, gy = jg.autograd.grad(out.sum(), (x, y))   # summed back over broadcast batch dims
    assert gx.shape == x.shape and gy.shape == y.shape
    assert jg.autograd.gradcheck(lambda p, q: p @ q, (x, y))


# ------------------------------------------------------------------ recorded from torch
MI_VALUES = [
    pytest.param(lambda lib: lib.tensor([[1, 2], [3, 4]]) @ lib.tensor([[1], [1]]),
                 {'dtype': 'int64', 'values': [[3], [7]]}, id='mm_int'),
    pytest.param(lambda lib: lib.tensor([[1., 2.], [3., 4.]]) @ lib.tensor([[0.5], [-1.]]),
                 {'dtype': 'float32', 'values': [[-1.5], [-2.5]]}, id='mm_float'),
    pytest.param(lambda lib: lib.tensor([[1., 2.], [3., 4.]]) @ lib.tensor([1., -1.]),
                 {'dtype': 'float32', 'values': [-1.0, -1.0]}, id='mv'),
    pytest.param(lambda lib: lib.tensor([1., -1.]) @ lib.tensor([[1., 2.], [3., 4.]]),
                 {'dtype': 'float32', 'values': [-2.0, -2.0]}, id='vm'),
    pytest.param(lambda lib: lib.tensor([1., 2., 3.]) @ lib.tensor([4., 5., 6.]),
                 {'dtype': 'float32', 'values': 32.0}, id='dot'),
    pytest.param(lambda lib: lib.matmul(lib.tensor([[1., 2.]]), lib.tensor([[3.], [4.]])),
                 {'dtype': 'float32', 'values': [[11.0]]}, id='matmul_fn'),
    pytest.param(lambda lib: lib.mm(lib.tensor([[1., 2.]]), lib.tensor([[3.], [4.]])),
                 {'dtype': 'float32', 'values': [[11.0]]}, id='mm_fn'),
    pytest.param(lambda lib: (lib.ones(2, 1, 3, 4) @ lib.ones(5, 4, 2)).shape,
                 [2, 5, 3, 2], id='bmm_shape'),
    pytest.param(lambda lib: (lib.ones(2, 3, 4) @ lib.ones(4)).shape,
                 [2, 3], id='batched_vec_shape'),
    pytest.param(lambda lib: (lib.ones(3) @ lib.ones(2, 3, 4)).shape,
                 [2, 4], id='vec_batched_shape'),
    pytest.param(lambda lib: lib.arange(6.).reshape(3, 2).t() @ lib.arange(6.).reshape(3, 2),
                 {'dtype': 'float32', 'values': [[20.0, 26.0], [26.0, 35.0]]}, id='matmul_transposed'),
    pytest.param(lambda lib: lib.ones(2, 2, dtype=lib.float64) @ lib.ones(2, 2, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [[2.0, 2.0], [2.0, 2.0]]}, id='matmul_f64'),
    pytest.param(lambda lib: lib.ones(2, 0) @ lib.ones(0, 3),
                 {'dtype': 'float32', 'values': [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}, id='matmul_empty'),
    pytest.param(lambda lib: (lib.arange(6.).reshape(2, 3).requires_grad_() @ lib.arange(6.).reshape(2, 3).requires_grad_().t()).grad_fn.name(),
                 'MmBackward0', id='name_mm'),
    pytest.param(lambda lib: (lib.arange(6.).reshape(2, 3).requires_grad_() @ lib.arange(3.).requires_grad_()).grad_fn.name(),
                 'MvBackward0', id='name_mv'),
    pytest.param(lambda lib: (lib.arange(3.).requires_grad_() @ lib.arange(3.).requires_grad_()).grad_fn.name(),
                 'DotBackward0', id='name_dot'),
    pytest.param(lambda lib: lib.mm(lib.arange(6.).reshape(2, 3).requires_grad_(), lib.arange(6.).reshape(2, 3).requires_grad_().t()).grad_fn.name(),
                 'MmBackward0', id='name_mm_fn'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[-1],
                 {'dtype': 'int64', 'values': [3, 4, 5]}, id='index_int_neg'),
    pytest.param(lambda lib: lib.arange(12).reshape(3, 4)[:, ::2],
                 {'dtype': 'int64', 'values': [[0, 2], [4, 6], [8, 10]]}, id='index_step'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[..., None, 1].shape,
                 [2, 3, 1], id='index_ellipsis_none'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[None, 0].shape,
                 [1, 3, 4], id='index_none_int'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[lib.tensor([[True, False, True], [False, True, False]])],
                 {'dtype': 'int64', 'values': [0, 2, 4]}, id='index_bool_mask'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[lib.tensor([False, True])],
                 {'dtype': 'int64', 'values': [[3, 4, 5]]}, id='index_row_mask'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[[1, 0, 1]],
                 {'dtype': 'int64', 'values': [[3, 4, 5], [0, 1, 2], [3, 4, 5]]}, id='index_int_list'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[[0, 1], [2, 0]],
                 {'dtype': 'int64', 'values': [2, 3]}, id='index_two_lists'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[lib.tensor([1, 0])],
                 {'dtype': 'int64', 'values': [[3, 4, 5], [0, 1, 2]]}, id='index_tensor'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3)[lib.tensor(1)],
                 {'dtype': 'int64', 'values': [3, 4, 5]}, id='index_0d_tensor'),
    pytest.param(lambda lib: lib.arange(12).reshape(3, 4)[1:, [0, 3]],
                 {'dtype': 'int64', 'values': [[4, 7], [8, 11]]}, id='index_slice_and_list'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3)[1, 2],
                 {'dtype': 'float32', 'values': 5.0}, id='index_scalar_item'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3).t()[1],
                 {'dtype': 'int64', 'values': [1, 4]}, id='index_transposed'),
    pytest.param(lambda lib: lib.arange(10)[-3:],
                 {'dtype': 'int64', 'values': [7, 8, 9]}, id='index_neg_slice'),
    pytest.param(lambda lib: lib.arange(10)[5:2],
                 {'dtype': 'int64', 'values': []}, id='index_empty'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0].grad_fn.name(),
                 'SelectBackward0', id='name_select'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[:, 1].grad_fn.name(),
                 'SelectBackward0', id='name_select_last'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0:1].grad_fn.name(),
                 'SliceBackward0', id='name_slice'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[:, ::2].grad_fn.name(),
                 'SliceBackward0', id='name_slice_step'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0, 1:].grad_fn.name(),
                 'SliceBackward0', id='name_select_then_slice'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[1:, 0].grad_fn.name(),
                 'SelectBackward0', id='name_slice_then_select'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[:, :].grad_fn.name(),
                 'AliasBackward0', id='name_full_slices'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0:2, :].grad_fn.name(),
                 'AliasBackward0', id='name_full_range'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[:].grad_fn.name(),
                 'SliceBackward0', id='name_lone_full_slice'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[...].grad_fn.name(),
                 'AliasBackward0', id='name_ellipsis'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[None].grad_fn.name(),
                 'UnsqueezeBackward0', id='name_none'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0, None].grad_fn.name(),
                 'UnsqueezeBackward0', id='name_int_then_none'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[..., 0].grad_fn.name(),
                 'SelectBackward0', id='name_ellipsis_int'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[1:, ..., None, 2].grad_fn.name(),
                 'SelectBackward0', id='name_mixed'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[lib.tensor(1)].grad_fn.name(),
                 'SelectBackward0', id='name_0d_tensor_index'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[[0, 1]].grad_fn.name(),
                 'IndexBackward0', id='name_list'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[lib.arange(24.).reshape(2, 3, 4).requires_grad_() > 2].grad_fn.name(),
                 'IndexBackward0', id='name_mask'),
]
MI_GRADS = [
    pytest.param(lambda lib, a: a[[0, 0, 2, 0]], [[1.0, 2.0, 3.0]],
                 [[3.0, 0.0, 1.0]], id='repeated_index_accumulates'),
    pytest.param(lambda lib, a: a[a > 1.5] * 2, [[[1.0, 2.0], [3.0, 0.0]]],
                 [[[0.0, 2.0], [2.0, 0.0]]], id='mask_grad'),
    pytest.param(lambda lib, a: a[[0, 1, 0], [1, 0, 1]], [[[1.0, 2.0], [3.0, 4.0]]],
                 [[[0.0, 2.0], [1.0, 0.0]]], id='two_lists_grad'),
    pytest.param(lambda lib, a: a[::2] * lib.tensor([1., 10.], dtype=lib.float64), [[1.0, 2.0, 3.0, 4.0]],
                 [[1.0, 0.0, 10.0, 0.0]], id='slice_step_grad'),
    pytest.param(lambda lib, a: a[:, -1], [[[1.0, 2.0], [3.0, 4.0]]],
                 [[[0.0, 1.0], [0.0, 1.0]]], id='select_grad'),
    pytest.param(lambda lib, a, b: a @ b, [[[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [2.0, 1.0]]],
                 [[[1.0, 3.0], [1.0, 3.0]], [[4.0, 4.0], [6.0, 6.0]]], id='mm_grads'),
    pytest.param(lambda lib, a, b: a @ b, [[[1.0, 2.0], [3.0, 4.0]], [5.0, 6.0]],
                 [[[5.0, 6.0], [5.0, 6.0]], [4.0, 6.0]], id='mv_grads'),
    pytest.param(lambda lib, a, b: a @ b, [[5.0, 6.0], [[1.0, 2.0], [3.0, 4.0]]],
                 [[3.0, 7.0], [[5.0, 5.0], [6.0, 6.0]]], id='vm_grads'),
    pytest.param(lambda lib, a, b: a @ b, [[1.0, 2.0], [3.0, 4.0]],
                 [[3.0, 4.0], [1.0, 2.0]], id='dot_grads'),
    pytest.param(lambda lib, a, b: a @ b, [[[[1.0, 2.0]], [[3.0, 4.0]]], [[1.0], [2.0]]],
                 [[[[1.0, 2.0]], [[1.0, 2.0]]], [[4.0], [6.0]]], id='bcast_batch_grads'),
]


@pytest.mark.parametrize("fn, expected", MI_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", MI_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


# ------------------------------------------------------------------ matmul errors
@pytest.mark.parametrize("a, b, message", [
    ((2, 3), (2, 3), r"mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)"),
    ((2, 3), (4,), r"mat1 and mat2 shapes cannot be multiplied"),
    ((3,), (4,), r"inconsistent tensor size, expected tensor \[3\] and src \[4\] to have the same number of "
                 r"elements, but got 3 and 4 elements respectively"),
    ((), (1,), r"both arguments to matmul need to be at least 1D, but they are 0D and 1D"),
    ((2, 3, 4), (5, 4, 2), r"The size of tensor a \(2\) must match the size of tensor b \(5\) at "
                           r"non-singleton dimension 0"),
])
def test_matmul_shape_errors(a, b, message):
    with pytest.raises(RuntimeError, match=message):
        jg.ones(a) @ jg.ones(b)


def test_matmul_needs_one_dtype_and_mm_needs_matrices():
    with pytest.raises(RuntimeError, match="expected m1 and m2 to have the same dtype"):
        jg.ones(2, 2) @ jg.ones(2, 2, dtype=jg.float64)
    with pytest.raises(RuntimeError, match="mm"):
        jg.mm(jg.ones(2, 2, 2), jg.ones(2, 2))


# ------------------------------------------------------------------ assignment through indexing
@pytest.mark.parametrize("index, value, expected", [
    (1, 5.0, [[0, 0, 0], [5, 5, 5]]),
    ((0, -1), 7.0, [[0, 0, 7], [0, 0, 0]]),
    ((slice(None), 1), jg.tensor([1.0, 2.0]), [[0, 1, 0], [0, 2, 0]]),
    (jg.tensor([[True, False, True], [False, False, True]]), 3.0, [[3, 0, 3], [0, 0, 3]]),
    ([1, 0], jg.tensor([1.0, 2.0, 3.0]), [[1, 2, 3], [1, 2, 3]]),
    ((jg.tensor([0, 1]), jg.tensor([2, 0])), jg.tensor([8.0, 9.0]), [[0, 0, 8], [9, 0, 0]]),
    (..., 4.0, [[4, 4, 4], [4, 4, 4]]),
])
def test_setitem_writes_like_torch(index, value, expected):
    x = jg.zeros(2, 3)
    memory = x.numpy()
    x[index] = value
    assert x.tolist() == expected and x.dtype is jg.float32
    assert memory.tolist() == expected   # written in place, into the same memory


def test_setitem_records_gradients_for_base_and_values():
    a = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    v = jg.tensor(10.0, requires_grad=True)
    y = a * 2
    y[1] = v
    (y * jg.tensor([1.0, 2.0, 3.0])).sum().backward()
    assert y.tolist() == [2.0, 10.0, 6.0]
    assert a.grad.tolist() == [2.0, 0.0, 6.0] and v.grad.item() == 2.0


def test_setitem_on_a_leaf_that_requires_grad_is_an_error():
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        jg.zeros(3, requires_grad=True)[0] = 1.0


# ------------------------------------------------------------------ indexing errors
@pytest.mark.parametrize("index, message", [
    (jg.tensor(1.0), "tensors used as indices must be long, int, byte or bool tensors"),
    (5, "index 5 is out of bounds"),
    ((0, 0, 0), "too many indices"),
    (jg.tensor([True, False]), None),   # a mask of the wrong length
])
def test_bad_indices_raise_index_error(index, message):
    with pytest.raises(IndexError, match=message):
        jg.ones(3, 3)[index]


def test_basic_indexing_gives_views_advanced_gives_copies():
    x = jg.zeros(3, 3)
    row, col, picked, masked = x[1], x[:, 2], x[[0, 1]], x[x == 0]
    x.fill_(1.0)
    assert row.tolist() == [1.0] * 3 and col.tolist() == [1.0] * 3
    assert picked.tolist() == [[0.0] * 3] * 2 and masked.tolist() == [0.0] * 9
