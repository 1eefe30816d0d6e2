"""Matrix products (matmul / @ / mm) and indexing (x[idx], x[idx] = v, index_put): values against
NumPy, gradients by finite differences, torch's layouts, names and errors.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``) were produced by evaluating each expression with
``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import re

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

import jitgrad as jg
from jitgrad.ops.index import index_backward, index_put as index_put_op

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
    # torch's layouts where NumPy's differ, and the other index kinds
    pytest.param("getitem", lambda a: a[0, :, [1, 1, 2]], [U(2, 3, 4)], True, id="int-slice-list"),
    pytest.param("getitem", lambda a: a[:, [2, 0], 1] ** 2, [U(2, 3, 4)], True, id="slice-list-int"),
    pytest.param("getitem", lambda a: a[0, :, True], [U(2, 3, 4)], True, id="int-slice-bool"),
    pytest.param("getitem", lambda a: a[[0, 1], None, [1, 1]], [U(2, 3, 4)], True, id="none-between-lists"),
    pytest.param("getitem", lambda a: a[:, jg.tensor([True, False, True]), 1:], [U(2, 3, 4)], True,
                 id="mask-on-dim1"),
    pytest.param("getitem", lambda a: a[jg.tensor([-1, 0], dtype=jg.int32), ..., jg.tensor(1)], [U(2, 3, 4)], True,
                 id="int32-ellipsis-0d"),
    pytest.param("getitem", lambda a: a[..., 0, ...], [U(2, 3)], True, id="two-ellipses"),
    pytest.param("getitem", lambda a: a[[]], [U(2, 3)], True, id="empty-list"),
    pytest.param("getitem", lambda a: a[2], [U(4)], True, id="1d-int-is-a-view"),
    pytest.param("index_put", lambda a, b: index_put_op(a, (0, slice(None), [1, 2]), b), [U(2, 3, 4), U(3, 1)], True,
                 id="index_put-int-slice-list"),
    pytest.param("index_put", lambda a, b: jg.index_put(a, (jg.tensor([0, 0, 2]),), b, accumulate=True),
                 [U(3, 2), U(2)], True, id="index_put-accumulate"),
    pytest.param("index_put", lambda a, b: a.index_put((jg.tensor([[True, False], [False, True], [True, True]]),), b),
                 [U(3, 2), U()], True, id="index_put-mask-0d-values"),
]

# ------------------------------------------------------------------ forward table
X234 = U(2, 3, 4)


def _np_put(index, value):
    def reference(a, *values):
        out = a.copy()
        out[index] = values[0] if values else value
        return out
    return reference


def _np_put_selected_first(a, b):
    out = a.copy()
    out[0][:, [1, 2]] = b   # torch selects with the int first, then indexes the rest
    return out


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
    pytest.param("getitem", lambda a: a[0, :, [1, 2]], lambda a: a[0][:, [1, 2]], [X234], id="int-slice-list"),
    pytest.param("getitem", lambda a: a[1, ..., [0, 3]], lambda a: a[1][..., [0, 3]], [X234], id="int-ellipsis-list"),
    pytest.param("getitem", lambda a: a[[1, 0], 0, [1, 2]], lambda a: a[[1, 0], 0, [1, 2]], [X234],
                 id="int-between-lists"),
    pytest.param("getitem", lambda a: a[True, [0, 1]], lambda a: a[None][[0], [0, 1]], [X234], id="bool-and-list"),
    pytest.param("getitem", lambda a: a[:, False], lambda a: a[:, None][:, []], [X234], id="false-scalar"),
    pytest.param("getitem", lambda a: a[[0.5, 1.7]], lambda a: a[[0, 1]], [X234], id="float-list-truncates"),
    pytest.param("getitem", lambda a: a[jg.tensor([[True, False, True], [False, True, True]]), 1:3],
                 lambda a: a[np.array([[True, False, True], [False, True, True]]), 1:3], [X234], id="mask-2d-slice"),
    pytest.param("index_put", lambda a, b: index_put_op(a, (slice(None), 1), b), _np_put((slice(None), 1), None),
                 [X234, U(4)], id="put-broadcast"),
    pytest.param("index_put", lambda a: index_put_op(a, (np.array([0, 0]), 1), 2.5), _np_put(([0, 0], 1), 2.5),
                 [X234], id="put-number"),
    pytest.param("index_put", lambda a, b: index_put_op(a, (0, slice(None), [1, 2]), b),
                 _np_put_selected_first, [X234, U(3, 2)], id="put-int-slice-list"),
    pytest.param("index_put", lambda a, b: jg.index_put(a, (jg.tensor([1, 1]), jg.tensor([0, 0])), b, accumulate=True),
                 lambda a, b: a + np.pad((2 * b)[None, None], ((1, 0), (0, 2), (0, 0))), [X234, U(4)],
                 id="put-accumulate"),
    pytest.param("index_backward", lambda g: index_backward(g, index=np.array([1, 1, 0]), in_shape=(3, 2)),
                 _np_scatter(np.array([1, 1, 0]), (3, 2)), [U(3, 2)], id="scatter-accumulates"),
]



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


# ------------------------------------------------------------------ indexing: recorded from torch
# torch's layouts (an int among array indices selects first), bools as indices, lists read as
# tuples, several ellipses, empty selections, assignment through all of them, and grad_fn names.
INDEX_VALUES = [
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, [0, 1], ..., [0, 1]],
                 {'dtype': 'int64', 'values': [[0, 5], [12, 17]]}, id='empty_ellipsis_keeps_arrays_together'),
    pytest.param(lambda lib: lib.arange(48).reshape(2, 3, 4, 2)[:, 0, [0, 1], ..., 0],
                 {'dtype': 'int64', 'values': [[0, 2], [24, 26]]}, id='empty_ellipsis_after_int_and_array'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[..., ..., 1, :],
                 {'dtype': 'int64', 'values': [[1, 5, 9], [13, 17, 21]]}, id='ellipses_past_the_end_skip_full_slices'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, :, [1, 2]],
                 {'dtype': 'int64', 'values': [[1, 2], [5, 6], [9, 10]]}, id='int_then_array_keeps_place'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[1, 0], 0, [1, 2]],
                 {'dtype': 'int64', 'values': [13, 2]}, id='int_between_arrays'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[1, 0], :, 0],
                 {'dtype': 'int64', 'values': [[12, 16, 20], [0, 4, 8]]}, id='array_slice_int'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, [2, 0], 1],
                 {'dtype': 'int64', 'values': [[9, 1], [21, 13]]}, id='slice_array_int'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, :, True],
                 {'dtype': 'int64', 'values': [[[0, 1, 2, 3]], [[4, 5, 6, 7]], [[8, 9, 10, 11]]]}, id='int_slice_bool'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[True].shape,
                 [1, 2, 3, 4], id='bool_scalar'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[False].shape,
                 [0, 2, 3, 4], id='bool_false'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor(True)].shape,
                 [1, 2, 3, 4], id='bool_0d_tensor'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, lib.tensor(False)].shape,
                 [2, 0, 3, 4], id='bool_0d_false_after_slice'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[True, [0, 1]],
                 {'dtype': 'int64', 'values': [[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]}, id='bool_with_array'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, True, [0, 1]],
                 {'dtype': 'int64', 'values': [[0, 1, 2, 3], [4, 5, 6, 7]]}, id='int_bool_array'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, 1], None, [1, 2]],
                 {'dtype': 'int64', 'values': [[[4, 5, 6, 7]], [[20, 21, 22, 23]]]}, id='none_between_arrays'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, 1], ..., [0, 1]],
                 {'dtype': 'int64', 'values': [[0, 4, 8], [13, 17, 21]]}, id='arrays_around_ellipsis'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[1, ..., [0, 1]],
                 {'dtype': 'int64', 'values': [[12, 13], [16, 17], [20, 21]]}, id='int_ellipsis_array'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[[0, 1]], [[0], [1], [0]]].shape,
                 [3, 2, 4], id='broadcast_index_arrays'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, 1], :, [[0], [1]]],
                 {'dtype': 'int64', 'values': [[[0, 4, 8], [12, 16, 20]], [[1, 5, 9], [13, 17, 21]]]}, id='array_slice_2d_array'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([[True, False, True], [False, True, True]])],
                 {'dtype': 'int64', 'values': [[0, 1, 2, 3], [8, 9, 10, 11], [16, 17, 18, 19], [20, 21, 22, 23]]}, id='mask_2d'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, lib.tensor([True, False, True])],
                 {'dtype': 'int64', 'values': [[[0, 1, 2, 3], [8, 9, 10, 11]], [[12, 13, 14, 15], [20, 21, 22, 23]]]}, id='mask_on_dim1'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, lib.tensor([[True, False, True, True], [False, True, True, True], [True] * 4])],
                 {'dtype': 'int64', 'values': [0, 2, 3, 5, 6, 7, 8, 9, 10, 11]}, id='mask_2d_on_dims_1_2'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[None, lib.tensor([[True, False, True], [False, True, True]]), 1],
                 {'dtype': 'int64', 'values': [[1, 9, 17, 21]]}, id='mask_then_int'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[[0, 1], [1, 0]]],
                 {'dtype': 'int64', 'values': [[4, 5, 6, 7], [12, 13, 14, 15]]}, id='list_of_lists_as_tuple'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, slice(None)]],
                 {'dtype': 'int64', 'values': [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]}, id='list_with_slice_as_tuple'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, None]].shape,
                 [1, 3, 4], id='list_with_none_as_tuple'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[([[0, 1], [1, 0]],)].shape,
                 [2, 2, 3, 4], id='nested_list_in_tuple'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0.5, 1.7]].shape,
                 [2, 3, 4], id='float_list_truncates'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[True, 1]],
                 {'dtype': 'int64', 'values': [[[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]], [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]}, id='bool_int_list_is_long'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[False, True]],
                 {'dtype': 'int64', 'values': [[[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]}, id='bool_list_is_mask'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[]].shape,
                 [0, 3, 4], id='empty_list'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, []].shape,
                 [2, 0, 4], id='empty_list_dim1'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([], dtype=lib.int64)].shape,
                 [0, 3, 4], id='empty_long_tensor'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([1, 0], dtype=lib.int32)],
                 {'dtype': 'int64', 'values': [[[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]], [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]]}, id='int32_tensor_index'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([[1]])].shape,
                 [1, 1, 3, 4], id='2d_index_tensor'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor(1), [0, 1]],
                 {'dtype': 'int64', 'values': [[12, 13, 14, 15], [16, 17, 18, 19]]}, id='0d_int_tensor_then_list'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([1]), 1],
                 {'dtype': 'int64', 'values': [[16, 17, 18, 19]]}, id='1_elem_tensor_then_int'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[-1, -2]][:, 0, 0],
                 {'dtype': 'int64', 'values': [12, 0]}, id='negative_array'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[..., 0, ...],
                 {'dtype': 'int64', 'values': [[0, 4, 8], [12, 16, 20]]}, id='multiple_ellipsis'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, 0, 0, ..., ...],
                 {'dtype': 'int64', 'values': 0}, id='ellipsis_twice_after_ints'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor(1):],
                 {'dtype': 'int64', 'values': [[[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]}, id='tensor_slice_bounds'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[5], 1:1].shape,
                 [1, 0, 4], id='out_of_range_array_in_empty_result'),
    pytest.param(lambda lib: lib.arange(4)[2],
                 {'dtype': 'int64', 'values': 2}, id='1d_select_all'),
    pytest.param(lambda lib: lib.tensor(7)[...],
                 {'dtype': 'int64', 'values': 7}, id='0d_ellipsis'),
    pytest.param(lambda lib: lib.tensor(7)[None],
                 {'dtype': 'int64', 'values': [7]}, id='0d_none'),
    pytest.param(lambda lib: lib.tensor(7)[()],
                 {'dtype': 'int64', 'values': 7}, id='0d_empty_tuple'),
    pytest.param(lambda lib: lib.tensor(7)[True],
                 {'dtype': 'int64', 'values': [7]}, id='0d_true'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__((0, slice(None), [1, 2]), lib.tensor([1., 2.])), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[0.0, 1.0, 2.0, 0.0], [0.0, 1.0, 2.0, 0.0], [0.0, 1.0, 2.0, 0.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_int_then_array'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__((0, slice(None), [1, 2]), lib.tensor([[1.], [2.], [3.]])), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[0.0, 1.0, 1.0, 0.0], [0.0, 2.0, 2.0, 0.0], [0.0, 3.0, 3.0, 0.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_int_then_array_column'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__(lib.tensor([[True, False, True], [False, False, False]]), lib.tensor([1., 2.]).unsqueeze(1)), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0], [2.0, 2.0, 2.0, 2.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_mask_values'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__(([0, 0], [1, 1]), lib.tensor([[1.] * 4, [2.] * 4])), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 0.0, 0.0], [2.0, 2.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_repeated_pairs'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__((0, True), 5.), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[5.0, 5.0, 5.0, 5.0], [5.0, 5.0, 5.0, 5.0], [5.0, 5.0, 5.0, 5.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_bool_scalar'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__([0, [1, 2]], 3.), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 0.0, 0.0], [3.0, 3.0, 3.0, 3.0], [3.0, 3.0, 3.0, 3.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_list_as_tuple'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__((..., 0, ...), lib.tensor([1., 2., 3.])), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[1.0, 0.0, 0.0, 0.0], [2.0, 0.0, 0.0, 0.0], [3.0, 0.0, 0.0, 0.0]], [[1.0, 0.0, 0.0, 0.0], [2.0, 0.0, 0.0, 0.0], [3.0, 0.0, 0.0, 0.0]]]}, id='set_multiple_ellipsis'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__((slice(None), [-1]), 4.), t])(lib.zeros(2, 3))[1],
                 {'dtype': 'float32', 'values': [[0.0, 0.0, 4.0], [0.0, 0.0, 4.0]]}, id='set_negative_array'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__(..., lib.ones(1, 1, 1, 4)), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]]]}, id='set_broadcast_leading_ones'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__((), 3.), t])(lib.tensor(1.))[1],
                 {'dtype': 'float32', 'values': 3.0}, id='set_0d'),
    pytest.param(lambda lib: (lambda t: [t[0].__setitem__(1, 9.), t])(lib.zeros(2, 3))[1],
                 {'dtype': 'float32', 'values': [[0.0, 9.0, 0.0], [0.0, 0.0, 0.0]]}, id='set_through_view'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__(lib.tensor([], dtype=lib.int64), 1.), t])(lib.zeros(2, 3, 4))[1],
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]}, id='set_empty_selection'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[True].grad_fn.name(),
                 'IndexBackward0', id='name_bool_scalar'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0, True].grad_fn.name(),
                 'IndexBackward0', id='name_int_bool'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[lib.tensor(1), 1].grad_fn.name(),
                 'SelectBackward0', id='name_0d_int_then_int'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[lib.tensor([1])].grad_fn.name(),
                 'IndexBackward0', id='name_1_elem_tensor'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0, 0, 0].grad_fn.name(),
                 'SelectBackward0', id='name_all_ints'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[..., None].grad_fn.name(),
                 'UnsqueezeBackward0', id='name_ellipsis_none'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_()[0, :, [1, 2]].grad_fn.name(),
                 'IndexBackward0', id='name_mixed_int_array'),
    pytest.param(lambda lib: (lambda t: [t.__setitem__([0, 1], 5.), t])(lib.arange(3.).requires_grad_() * 1)[1].grad_fn.name(),
                 'IndexPutBackward0', id='name_setitem_advanced'),
]


INDEX_GRADS = [
    pytest.param(lambda lib, a: a[0, :, [1, 1]] * lib.tensor([1., 2.], dtype=lib.float64), [[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]],
                 [[[[0.0, 3.0], [0.0, 3.0]], [[0.0, 0.0], [0.0, 0.0]]]], id='mixed_int_array_grad'),
    pytest.param(lambda lib, a: a[lib.tensor([True, False, True]), 1], [[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]],
                 [[[0.0, 1.0], [0.0, 0.0], [0.0, 1.0]]], id='mask_and_int_grad'),
    pytest.param(lambda lib, a: a[True] * 3, [[1.0, 2.0]],
                 [[3.0, 3.0]], id='bool_scalar_grad'),
    pytest.param(lambda lib, a: a[[[0], [1]], [[0, 0, 1]]], [[[1.0, 2.0], [3.0, 4.0]]],
                 [[[2.0, 1.0], [2.0, 1.0]]], id='broadcast_arrays_grad'),
    pytest.param(lambda lib, a, v: (lambda b: [b.__setitem__(([0, 0], [1, 1]), v), b * lib.tensor([[1., 2.], [3., 4.]], dtype=lib.float64)])(a * 1)[1], [[[1.0, 2.0], [3.0, 4.0]], 10.0],
                 [[[1.0, 0.0], [3.0, 4.0]], 4.0], id='setitem_advanced_grads'),
    pytest.param(lambda lib, a, v: (lambda b: [b.__setitem__((0, slice(None), [1]), v), b * lib.arange(8., dtype=lib.float64).reshape(2, 2, 2)])(a * 1)[1], [[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]], [[3.0], [4.0]]],
                 [[[[0.0, 0.0], [2.0, 0.0]], [[4.0, 5.0], [6.0, 7.0]]], [[1.0], [3.0]]], id='setitem_mixed_grads'),
]


# Each message is torch's, which jitgrad's contains; for a str index torch's is about building a
# tensor from it ("new(): invalid data type 'str'"), and for x[0] = v on a leaf torch speaks of
# "a view of a leaf Variable" (its x[0] is a view first).
INDEX_ERRORS = [
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[5],
                 IndexError, 'index 5 is out of bounds for dimension 0 with size 2', id='int_out_of_range'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, 5],
                 IndexError, 'index 5 is out of bounds for dimension 1 with size 3', id='int_out_of_range_reports_position'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, 0, -5],
                 IndexError, 'index -5 is out of bounds for dimension 2 with size 4', id='negative_int_out_of_range'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[None, 5],
                 IndexError, 'index 5 is out of bounds for dimension 1 with size 2', id='int_after_none_position'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[..., 5],
                 IndexError, 'index 5 is out of bounds for dimension 1 with size 4', id='int_after_ellipsis_position'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, 5]],
                 IndexError, 'index 5 is out of bounds for dimension 0 with size 2', id='array_out_of_range'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, [0, 1], [0, 5]],
                 IndexError, 'index 5 is out of bounds for dimension 1 with size 4', id='array_out_of_range_ordinal'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, [0, 5]],
                 IndexError, 'index 5 is out of bounds for dimension 0 with size 3', id='array_out_of_range_after_int'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[-3]],
                 IndexError, 'index -3 is out of bounds for dimension 0 with size 2', id='negative_array_out_of_range'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, 0, 0, 0],
                 IndexError, 'too many indices for tensor of dimension 3', id='too_many_indices'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([True, True]), 0, 0, 0],
                 IndexError, 'too many indices for tensor of dimension 3', id='too_many_with_mask'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([True, False, True])],
                 IndexError, 'The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 0', id='mask_shape'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[:, lib.tensor([True, False])],
                 IndexError, 'The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 1', id='mask_shape_on_dim1'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0, lib.tensor([[True, False, True, True], [False, True, True, True]])],
                 IndexError, 'The shape of the mask [2, 4] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0', id='mask_shape_after_select'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([[[True]]])],
                 IndexError, 'The shape of the mask [1, 1, 1] at index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 0', id='mask_ndim'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[[0, 1, 1], [0, 1]],
                 IndexError, 'shape mismatch: indexing tensors could not be broadcast together with shapes [3], [2]', id='arrays_do_not_broadcast'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([[True, False, True], [True, True, True]]), [0, 1, 2]],
                 IndexError, 'shape mismatch: indexing tensors could not be broadcast together with shapes [5], [5], [3]', id='mask_and_array_do_not_broadcast'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[1.5],
                 IndexError, 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)', id='float_number'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([1.])],
                 IndexError, 'tensors used as indices must be long, int, byte or bool tensors', id='float_tensor'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor(1.5)],
                 IndexError, 'tensors used as indices must be long, int, byte or bool tensors', id='float_0d_tensor'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[lib.tensor([])],
                 IndexError, 'tensors used as indices must be long, int, byte or bool tensors', id='empty_float_tensor'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[{}],
                 IndexError, 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got dict)', id='dict_index'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[object()],
                 IndexError, 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got object)', id='object_index'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)['a'],
                 TypeError, 'invalid index of type str', id='string_index'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[::-1],
                 ValueError, 'step must be greater than zero', id='negative_step'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[::0],
                 ValueError, 'slice step cannot be zero', id='zero_step'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4)[0.5:2],
                 TypeError, 'slice indices must be integers or None or have an __index__ method', id='float_slice_bound'),
    pytest.param(lambda lib: lib.tensor(1.)[0],
                 IndexError, 'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number', id='0d_int'),
    pytest.param(lambda lib: lib.tensor(1.)[2],
                 IndexError, 'index 2 is out of bounds for dimension 0 with size 0', id='0d_int_nonzero'),
    pytest.param(lambda lib: lib.tensor(1.)[:],
                 IndexError, 'slice() cannot be applied to a 0-dim tensor.', id='0d_slice'),
    pytest.param(lambda lib: lib.tensor(1.)[[0]],
                 IndexError, 'too many indices for tensor of dimension 0', id='0d_list'),
    pytest.param(lambda lib: (lambda t: t.__setitem__((0, slice(None), [1, 2]), lib.tensor([1., 2., 3.])))(lib.zeros(2, 3, 4)),
                 RuntimeError, 'shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [3, 2]', id='set_value_shape'),
    pytest.param(lambda lib: (lambda t: t.__setitem__(5, 1.))(lib.zeros(2, 3)),
                 IndexError, 'index 5 is out of bounds for dimension 0 with size 2', id='set_out_of_range'),
    pytest.param(lambda lib: (lambda t: t.__setitem__(slice(None, None, -1), 1.))(lib.zeros(2, 3)),
                 ValueError, 'step must be greater than zero', id='set_negative_step'),
    pytest.param(lambda lib: (lambda t: t.__setitem__(0, 1.))(lib.zeros(2, requires_grad=True)),
                 RuntimeError, 'leaf Variable that requires grad is being used in an in-place operation', id='set_leaf_requires_grad'),
]


@pytest.mark.filterwarnings("ignore:Using a non-tuple sequence")
@pytest.mark.parametrize("fn, expected", INDEX_VALUES)
def test_indexing_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", INDEX_GRADS)
def test_indexing_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


@pytest.mark.parametrize("fn, error, message", INDEX_ERRORS)
def test_indexing_errors_match_torch(fn, error, message):
    with pytest.raises(error, match=re.escape(message)):
        fn(jg)


@pytest.mark.parametrize("index", [(..., ..., 0), (0, ..., ..., None)])
def test_ellipses_that_point_past_the_last_dim_are_refused(index):
    # each ellipsis skips the dims the others leave (torch's rule); past the last dim torch
    # skips full slices and refuses anything else, in words that vary ("index 0 is out of
    # bounds for dimension 2 with size 0", "Dimension out of range ...")
    with pytest.raises(IndexError, match="too many indices for tensor of dimension 3"):
        jg.arange(24).reshape(2, 3, 4)[index]


def test_a_list_holding_sequences_is_read_as_a_tuple_with_torchs_warning():
    x = jg.arange(6).reshape(2, 3)
    with pytest.warns(UserWarning, match="non-tuple sequence for multidimensional indexing"):
        assert x[[[0, 1], [2, 0]]].tolist() == [2, 3]
    assert x[[0, 1]].tolist() == [[0, 1, 2], [3, 4, 5]]    # a flat list of ints is one index array


def test_basic_indexing_of_the_last_dim_is_a_view():
    x = jg.zeros(3)
    element, corner = x[1], jg.zeros(2, 2)[1, 1]
    x.fill_(5.0)
    assert element.item() == 5.0 and element._base is x and corner._base is not None


# ------------------------------------------------------------------ any index (hypothesis)
# torch applies the basic parts of an index first (ints select, slices slice, None and bools
# add dims) and then the advanced ones (arrays and masks) to what is left; that two-step
# reference, written with NumPy, must give jitgrad's one-step result, read and written.
_KINDS = ["int", "slice", "none", "true", "list", "mask", "ellipsis"]


@st.composite
def torch_indices(draw):
    """(shape, index): parts for the leading dims, then maybe an ellipsis and parts for the
    trailing dims, every value in range and every array broadcastable with the others."""
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=4)))
    length = draw(st.integers(1, 3))              # of every index list (masks select 1 or this many)
    kinds = draw(st.lists(st.sampled_from(_KINDS), min_size=1, max_size=5))

    def realise(kinds, dim, masks_of_one_dim=False):
        parts = []
        for kind in kinds:
            if kind in ("none", "true"):
                parts.append(None if kind == "none" else True)
                continue
            if dim == len(shape) or kind == "ellipsis":
                continue
            size = shape[dim]
            if kind == "int":
                parts.append(draw(st.integers(-size, size - 1)))
            elif kind == "slice":
                parts.append(slice(draw(st.sampled_from([None, 0, 1, -1])), draw(st.sampled_from([None, 2, -1])),
                                   draw(st.sampled_from([None, 1, 2]))))
            elif kind == "list":
                parts.append([draw(st.integers(-size, size - 1)) for _ in range(length)])
            else:
                k = 1 if masks_of_one_dim else draw(st.integers(1, len(shape) - dim))
                n = int(np.prod(shape[dim:dim + k]))
                bits = np.zeros(n, bool)
                bits[draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=1 if length > n else length,
                                   unique=True))] = True
                if bits.sum() not in (1, length):
                    bits[:] = False
                    bits[0] = True                # one True broadcasts with any list
                parts.append(bits.reshape(shape[dim:dim + k]))
                dim += k
                continue
            dim += 1
        return parts, dim

    if "ellipsis" not in kinds:
        return shape, tuple(realise(kinds, 0)[0])
    cut = kinds.index("ellipsis")
    head, used = realise(kinds[:cut], 0)
    tail_kinds = [k for k in kinds[cut + 1:] if k != "ellipsis"]
    need = sum(k in ("int", "slice", "list", "mask") for k in tail_kinds)
    while need > len(shape) - used:               # drop tail parts that do not fit
        drop = next(i for i, k in enumerate(tail_kinds) if k in ("int", "slice", "list", "mask"))
        tail_kinds.pop(drop)
        need -= 1
    tail, _ = realise(tail_kinds, len(shape) - need, masks_of_one_dim=True)
    return shape, tuple(head) + (...,) + tuple(tail)


def _two_step(parts):
    """The basic index and then the advanced one, as torch applies them."""
    first, then = [], []
    for p in parts:
        if p is None or p is True:
            first.append(None)
            then.append(np.array([0]) if p is True else slice(None))
        elif isinstance(p, int):
            first.append(p)
        elif isinstance(p, np.ndarray):
            first += [slice(None)] * p.ndim
            then.append(p)
        elif isinstance(p, list):
            first.append(slice(None))
            then.append(np.array(p))
        else:                                     # a slice, or the ellipsis
            first.append(p)
            then.append(slice(None) if p is not Ellipsis else p)
    if Ellipsis not in first:
        first.append(...)                         # so that the first step is always a view
    return tuple(first), tuple(then)


def _without_empty_ellipsis(then, ndim):
    """torch's second step: an ellipsis standing for no dims does not split the advanced
    indices (NumPy's would move them to the front)."""
    used = sum(p.ndim if isinstance(p, np.ndarray) and p.dtype == np.bool_ else 1 for p in then if p is not Ellipsis)
    return tuple(p for p in then if not (p is Ellipsis and used == ndim))


def _as_jitgrad(parts):
    return tuple(jg.tensor(p) if isinstance(p, np.ndarray) else p for p in parts)


@settings(max_examples=150, deadline=None)
@given(case=torch_indices())
@example(case=((2, 3, 4), (0, slice(None), [1, 2])))          # the layouts where NumPy's differ
@example(case=((2, 3, 4), (1, ..., [0, 3, 3])))
@example(case=((2, 3, 4), (None, 0, slice(1, None), True)))
@example(case=((2, 3, 2, 2), (1, slice(None), np.array([[True, False], [False, True]]))))
@example(case=((1, 1, 1, 1), (slice(None), 0, [0, 0], ..., 0)))  # an empty ellipsis splits nothing
@example(case=((2, 1, 1), (slice(None), [0, 0], ..., [0, 0])))     # ... not even between arrays
def test_any_index_reads_and_writes_as_torch_applies_it(case):
    shape, parts = case
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    first, then = _two_step(parts)
    then = _without_empty_ellipsis(then, a[first].ndim)
    expected = a[first][then]
    x = jg.tensor(a, requires_grad=True)
    got = x[_as_jitgrad(parts)]
    np.testing.assert_array_equal(got.detach().numpy(), expected)
    # writing: the same two steps on a view of a copy
    values = np.arange(expected.size, dtype=np.float64).reshape(expected.shape) + 100
    written = a.copy()
    written[first][then] = values
    y = jg.tensor(a)
    y[_as_jitgrad(parts)] = jg.tensor(values)
    np.testing.assert_array_equal(y.numpy(), written)
    # the gradient counts how often each element was read
    got.sum().backward()
    counts = np.zeros(shape)
    np.add.at(counts[first], then, 1.0)
    np.testing.assert_array_equal(x.grad.numpy(), counts)
