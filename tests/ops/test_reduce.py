"""Reductions: sum, mean, max/min (whole, by dim, pairwise), sum_to_size.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``) were produced by evaluating each expression with
``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes

import jitgrad as jg

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(2024)


def U(*shape):
    return rng.uniform(-2, 2, shape)


def distinct(*shape):
    """Values at least 0.1 apart (no ties, so max/min have one winner)."""
    n = int(np.prod(shape, dtype=int))
    return (rng.permutation(n) * 0.1 + rng.uniform(0, 0.05)).reshape(shape) - n * 0.05


# ------------------------------------------------------------------ gradient table
GRAD_CASES = [
    pytest.param("sum", lambda a: a.sum(), [U(2, 3)], True, id="sum-all"),
    pytest.param("sum", lambda a: jg.sum(a, 0), [U(2, 3)], True, id="sum-dim0"),
    pytest.param("sum", lambda a: a.sum(-1, keepdim=True), [U(2, 3)], True, id="sum-neg-keepdim"),
    pytest.param("sum", lambda a: a.sum((0, 2)), [U(2, 3, 2)], True, id="sum-tuple"),
    pytest.param("sum", lambda a: a.sum(dim=(-1, 0), keepdim=True), [U(2, 3, 2)], True, id="sum-tuple-keepdim"),
    pytest.param("sum", lambda a: a.sum(), [U()], True, id="sum-0d"),
    pytest.param("sum", lambda a: a.sum(0), [U()], True, id="sum-0d-dim"),
    pytest.param("sum", lambda a: a.t().sum(1) * jg.tensor([1.0, 2.0, 3.0], dtype=jg.float64), [U(2, 3)], True,
                 id="sum-transposed"),
    pytest.param("sum", lambda a: (a * a).sum(axis=1), [U(2, 3)], True, id="sum-axis-kw"),
    pytest.param("mean", lambda a: a.mean(), [U(2, 3)], True, id="mean-all"),
    pytest.param("mean", lambda a: jg.mean(a, 1), [U(2, 3)], True, id="mean-dim1"),
    pytest.param("mean", lambda a: a.mean(-2, keepdim=True), [U(2, 3)], True, id="mean-neg-keepdim"),
    pytest.param("mean", lambda a: a.mean((0, -1)), [U(2, 3, 2)], True, id="mean-tuple"),
    pytest.param("mean", lambda a: a.mean(), [U()], True, id="mean-0d"),
    pytest.param("mean", lambda a: (a.t() ** 2).mean(0), [U(3, 2)], True, id="mean-transposed"),
    pytest.param("sum_to_size", lambda a: a.sum_to_size(1, 3), [U(2, 3)], True, id="sum_to_size"),
    pytest.param("sum_to_size", lambda a: (a * a).sum_to_size(3, 1), [U(2, 3, 2)], True, id="sum_to_size-lead"),
    pytest.param("max_all", lambda a: a.max(), [distinct(2, 3)], True, id="max-all"),
    pytest.param("max_all", lambda a: (a * a).max(), [distinct(4)], True, id="max-all-composed"),
    pytest.param("max_all", lambda a: a.max(), [np.array([1.0, 3.0, 3.0, 2.0])], False,
                 id="max-all-two-way-tie"),  # central differences see 1/2 each, as torch splits it
    pytest.param("min_all", lambda a: a.min(), [distinct(2, 3)], True, id="min-all"),
    pytest.param("min_all", lambda a: jg.min(a.t()), [distinct(3, 2)], True, id="min-all-transposed"),
    pytest.param("max_all", lambda a: a.max(), [U()], True, id="max-0d"),
    pytest.param("max_dim", lambda a: a.max(1).values, [distinct(2, 3)], True, id="max-dim"),
    pytest.param("max_dim", lambda a: jg.max(a, -1, keepdim=True)[0], [distinct(2, 3, 2)], True,
                 id="max-dim-neg-keepdim"),
    pytest.param("max_dim", lambda a: a.t().max(dim=0).values, [distinct(3, 2)], True, id="max-dim-transposed"),
    pytest.param("max_dim", lambda a: a.max(0).values, [U()], True, id="max-dim-0d"),
    pytest.param("min_dim", lambda a: a.min(0).values, [distinct(2, 3)], True, id="min-dim"),
    pytest.param("min_dim", lambda a: jg.min(a, dim=-2, keepdim=True).values, [distinct(2, 2, 3)], True,
                 id="min-dim-neg-keepdim"),
]

# ------------------------------------------------------------------ forward table
X234 = U(2, 3, 4)
D234 = distinct(2, 3, 4)


def _np_extremum_dim(reduce, arg, dim, keepdim=False):
    return lambda a: (reduce(a, axis=dim, keepdims=keepdim), arg(a, axis=dim, keepdims=keepdim))


FORWARD_CASES = [
    pytest.param("sum", lambda a: a.sum(), np.sum, [X234], id="sum-all"),
    pytest.param("sum", lambda a: a.sum(1), lambda a: a.sum(1), [X234], id="sum-dim"),
    pytest.param("sum", lambda a: a.sum((-1, 0), keepdim=True), lambda a: a.sum((2, 0), keepdims=True), [X234],
                 id="sum-tuple-keepdim"),
    pytest.param("sum", lambda a: a.transpose(0, 2).sum(0), lambda a: a.transpose(2, 1, 0).sum(0), [X234],
                 id="sum-transposed"),
    pytest.param("sum", lambda a: a.sum(0), np.sum, [U()], id="sum-0d"),
    pytest.param("mean", lambda a: a.mean(), np.mean, [X234], id="mean-all"),
    pytest.param("mean", lambda a: a.mean(-1, keepdim=True), lambda a: a.mean(-1, keepdims=True), [X234],
                 id="mean-neg-keepdim"),
    pytest.param("mean", lambda a: a.mean((0, 1)), lambda a: a.mean((0, 1)), [X234], id="mean-tuple"),
    pytest.param("mean", lambda a: a.t().mean(1), lambda a: a.T.mean(1), [U(3, 2)], id="mean-transposed"),
    pytest.param("sum_to_size", lambda a: a.sum_to_size(3, 1), lambda a: a.sum(axis=(0, 2))[:, None], [X234],
                 id="sum_to_size"),
    pytest.param("max_all", lambda a: a.max(), np.max, [D234], id="max-all"),
    pytest.param("min_all", lambda a: a.min(), np.min, [D234], id="min-all"),
    pytest.param("min_all", lambda a: jg.min(a), np.min, [U()], id="min-0d"),
    pytest.param("max_dim", lambda a: tuple(a.max(1)), _np_extremum_dim(np.max, np.argmax, 1), [D234],
                 id="max-dim"),
    pytest.param("max_dim", lambda a: tuple(a.max(-1, keepdim=True)),
                 _np_extremum_dim(np.max, np.argmax, -1, keepdim=True), [D234], id="max-dim-neg-keepdim"),
    pytest.param("min_dim", lambda a: tuple(jg.min(a, 0)), _np_extremum_dim(np.min, np.argmin, 0), [D234],
                 id="min-dim"),
    pytest.param("min_dim", lambda a: tuple(a.permute(2, 0, 1).min(dim=2, keepdim=True)),
                 lambda a: _np_extremum_dim(np.min, np.argmin, 2, True)(a.transpose(2, 0, 1)), [D234],
                 id="min-dim-permuted-keepdim"),
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op, fn, reference, arrays", FORWARD_CASES)
def test_forward_matches_numpy(op, fn, reference, arrays, dtype, check_forward):
    check_forward(op, fn, reference, arrays, dtype)


@pytest.mark.parametrize("op, fn, arrays, second_order", GRAD_CASES)
def test_gradients(op, fn, arrays, second_order, check_grads):
    check_grads(op, fn, arrays, second_order)


# ------------------------------------------------------------------ any shape, any dims (hypothesis)
@st.composite
def shape_and_dims(draw):
    shape = draw(array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    dims = draw(st.lists(st.integers(-len(shape), len(shape) - 1), min_size=1, max_size=len(shape),
                         unique_by=lambda d: d % len(shape)))
    return shape, tuple(dims)


@settings(max_examples=25, deadline=None)
@given(case=shape_and_dims(), keepdim=st.booleans(), dtype=st.sampled_from([np.float32, np.float64]),
       seed=st.integers(0, 2 ** 16))
def test_sum_mean_over_any_dims_match_numpy(case, keepdim, dtype, seed):
    shape, dims = case
    a = np.random.default_rng(seed).uniform(-1, 1, shape).astype(dtype)
    x = jg.tensor(a, requires_grad=dtype == np.float64)
    axes = tuple(d % len(shape) for d in dims)
    for op, reference in (("sum", np.sum), ("mean", np.mean)):
        got = getattr(x, op)(dims, keepdim=keepdim)
        expected = reference(a, axis=axes, keepdims=keepdim)
        assert tuple(got.shape) == expected.shape and got.dtype.np == dtype
        np.testing.assert_allclose(got.detach().numpy(), expected, rtol=1e-5, atol=1e-6)
    if dtype == np.float64:   # the gradient of a mean is 1/count everywhere, at the input's shape
        (g,) = jg.autograd.grad(x.mean(dims, keepdim=keepdim).sum(), x)
        count = int(np.prod([shape[d] for d in axes]))
        np.testing.assert_allclose(g.numpy(), np.full(shape, 1 / count))


@settings(max_examples=25, deadline=None)
@given(shape=array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), data=st.data(),
       keepdim=st.booleans(), seed=st.integers(0, 2 ** 16))
def test_max_min_by_dim_match_numpy(shape, data, keepdim, seed):
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    a = np.random.default_rng(seed).permutation(int(np.prod(shape))).reshape(shape).astype(np.float64)
    x = jg.tensor(a, requires_grad=True)
    for fn, reduce, arg in ((jg.max, np.max, np.argmax), (jg.min, np.min, np.argmin)):
        values, indices = fn(x, dim, keepdim=keepdim)
        np.testing.assert_array_equal(values.detach().numpy(), reduce(a, axis=dim, keepdims=keepdim))
        np.testing.assert_array_equal(indices.numpy(), arg(a, axis=dim, keepdims=keepdim))
        assert indices.dtype is jg.int64 and not indices.requires_grad
        (g,) = jg.autograd.grad(values.sum(), x)   # one 1 per reduced slice, at the extremum
        expected = (a == reduce(a, axis=dim, keepdims=True)).astype(float)
        np.testing.assert_array_equal(g.numpy(), expected)


# ------------------------------------------------------------------ recorded from torch
RED_VALUES = [
    pytest.param(lambda lib: lib.tensor([[1, 2], [3, 4]]).sum(0),
                 {'dtype': 'int64', 'values': [4, 6]}, id='sum_int'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.int32).sum(),
                 {'dtype': 'int64', 'values': 3}, id='sum_int32_all'),
    pytest.param(lambda lib: lib.tensor([[True, True], [False, True]]).sum(1),
                 {'dtype': 'int64', 'values': [2, 1]}, id='sum_bool'),
    pytest.param(lambda lib: lib.tensor([1, 2]).sum(dtype=lib.float64),
                 {'dtype': 'float64', 'values': 3.0}, id='sum_dtype_arg'),
    pytest.param(lambda lib: lib.tensor([0.1, 0.2]).sum(dtype=lib.float64),
                 {'dtype': 'float64', 'values': 0.30000000447034836}, id='sum_f32_to_f64'),
    pytest.param(lambda lib: lib.tensor(3.).sum(0),
                 {'dtype': 'float32', 'values': 3.0}, id='sum_0d_dim'),
    pytest.param(lambda lib: lib.tensor(3.).sum(-1, keepdim=True),
                 {'dtype': 'float32', 'values': 3.0}, id='sum_0d_neg_dim_keepdim'),
    pytest.param(lambda lib: lib.tensor(3.).mean(-1, keepdim=True),
                 {'dtype': 'float32', 'values': 3.0}, id='mean_0d_keepdim'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).sum((-1, 0)),
                 {'dtype': 'float32', 'values': [60.0, 92.0, 124.0]}, id='sum_neg_tuple'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).sum((0, 2), keepdim=True),
                 {'dtype': 'float32', 'values': [[[60.0], [92.0], [124.0]]]}, id='sum_keepdim_tuple'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).sum(axis=1),
                 {'dtype': 'float32', 'values': [3.0, 12.0]}, id='sum_axis_kw'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).mean(1, keepdim=True),
                 {'dtype': 'float32', 'values': [[1.0], [4.0]]}, id='mean_keepdim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).mean(-2),
                 {'dtype': 'float32', 'values': [1.5, 2.5, 3.5]}, id='mean_neg'),
    pytest.param(lambda lib: lib.tensor([1., 2.], dtype=lib.float64).mean(),
                 {'dtype': 'float64', 'values': 1.5}, id='mean_f64'),
    pytest.param(lambda lib: lib.tensor([1, 2]).mean(dtype=lib.float64),
                 {'dtype': 'float64', 'values': 1.5}, id='mean_int_dtype_arg'),
    pytest.param(lambda lib: lib.zeros(0).mean(),
                 {'dtype': 'float32', 'values': NAN}, id='mean_empty'),
    pytest.param(lambda lib: lib.zeros(0, 3).sum(0),
                 {'dtype': 'float32', 'values': [0.0, 0.0, 0.0]}, id='sum_empty'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).t().sum(1),
                 {'dtype': 'float32', 'values': [3.0, 5.0, 7.0]}, id='sum_transposed'),
    pytest.param(lambda lib: lib.tensor([[1, 5], [3, 2]]).max(1),
                 [{'dtype': 'int64', 'values': [5, 3]}, {'dtype': 'int64', 'values': [1, 0]}], id='max_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 5.], [3., 2.]]).min(dim=0, keepdim=True),
                 [{'dtype': 'float32', 'values': [[1.0, 2.0]]}, {'dtype': 'int64', 'values': [[0, 1]]}], id='min_dim_keepdim'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 2.], [7., 3., 2.]]).max(-1),
                 [{'dtype': 'float32', 'values': [5.0, 7.0]}, {'dtype': 'int64', 'values': [1, 0]}], id='max_dim_neg'),
    pytest.param(lambda lib: lib.tensor([[1., 5.], [3., 2.]]).max(1).values,
                 {'dtype': 'float32', 'values': [5.0, 3.0]}, id='max_dim_values_field'),
    pytest.param(lambda lib: lib.tensor([[1., 5.], [3., 2.]]).max(1).indices,
                 {'dtype': 'int64', 'values': [1, 0]}, id='max_dim_indices_field'),
    pytest.param(lambda lib: lib.tensor(5.).max(0),
                 [{'dtype': 'float32', 'values': 5.0}, {'dtype': 'int64', 'values': 0}], id='max_0d_dim'),
    pytest.param(lambda lib: lib.tensor(5.).min(-1, keepdim=True),
                 [{'dtype': 'float32', 'values': 5.0}, {'dtype': 'int64', 'values': 0}], id='min_0d_dim_keepdim'),
    pytest.param(lambda lib: lib.tensor([1, 3, 2]).max(),
                 {'dtype': 'int64', 'values': 3}, id='max_int'),
    pytest.param(lambda lib: lib.tensor([1, 3, 2], dtype=lib.int32).min(),
                 {'dtype': 'int32', 'values': 1}, id='min_int32'),
    pytest.param(lambda lib: lib.tensor([True, False]).max(),
                 {'dtype': 'bool', 'values': True}, id='max_bool'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 3.]).max(),
                 {'dtype': 'float32', 'values': NAN}, id='max_nan'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 3.]).min(),
                 {'dtype': 'float32', 'values': NAN}, id='min_nan'),
    pytest.param(lambda lib: lib.tensor([[1., float('nan')], [2., 3.]]).max(1),
                 [{'dtype': 'float32', 'values': [NAN, 3.0]}, {'dtype': 'int64', 'values': [1, 1]}], id='max_dim_nan'),
    pytest.param(lambda lib: lib.max(lib.tensor([1., 4.]), lib.tensor([3., 2.])),
                 {'dtype': 'float32', 'values': [3.0, 4.0]}, id='max_pairwise'),
    pytest.param(lambda lib: lib.tensor([1., 4.]).min(lib.tensor([3., 2.])),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='min_pairwise_method'),
    pytest.param(lambda lib: lib.tensor([[1., 5.], [3., 2.]]).t().max(0),
                 [{'dtype': 'float32', 'values': [5.0, 3.0]}, {'dtype': 'int64', 'values': [1, 0]}], id='max_transposed_dim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).sum_to_size(1, 3),
                 {'dtype': 'float32', 'values': [[3.0, 5.0, 7.0]]}, id='sum_to_size'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).sum_to_size(3, 1),
                 {'dtype': 'float32', 'values': [[60.0], [92.0], [124.0]]}, id='sum_to_size_lead'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).sum().grad_fn.name(),
                 'SumBackward0', id='name_sum'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).sum(0).grad_fn.name(),
                 'SumBackward1', id='name_sum_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).sum(-1, keepdim=True).grad_fn.name(),
                 'SumBackward1', id='name_sum_keepdim'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).mean().grad_fn.name(),
                 'MeanBackward0', id='name_mean'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).mean(1).grad_fn.name(),
                 'MeanBackward1', id='name_mean_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).max().grad_fn.name(),
                 'MaxBackward1', id='name_max'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).min().grad_fn.name(),
                 'MinBackward1', id='name_min'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).max(1).values.grad_fn.name(),
                 'MaxBackward0', id='name_max_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).min(dim=0)[0].grad_fn.name(),
                 'MinBackward0', id='name_min_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True).max(1).indices.requires_grad,
                 False, id='max_dim_indices_no_grad'),
]
RED_GRADS = [
    pytest.param(lambda lib, a: a.max(), [[1.0, 3.0, 3.0]],
                 [[0.0, 0.5, 0.5]], id='max_ties_even'),
    pytest.param(lambda lib, a: a.min(), [[1.0, 1.0, 3.0, 1.0]],
                 [[0.3333333333333333, 0.3333333333333333, 0.0, 0.3333333333333333]], id='min_ties_even'),
    pytest.param(lambda lib, a: a.max(), [[[1.0, 5.0], [3.0, 2.0]]],
                 [[[0.0, 1.0], [0.0, 0.0]]], id='max_no_tie'),
    pytest.param(lambda lib, a: a.max(1).values, [[[1.0, 5.0, 2.0], [7.0, 3.0, 2.0]]],
                 [[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]], id='max_dim_grad'),
    pytest.param(lambda lib, a: a.min(0, keepdim=True).values * lib.tensor([[1., 10., 100.]], dtype=lib.float64), [[[1.0, 5.0, 2.0], [7.0, 3.0, 4.0]]],
                 [[[1.0, 0.0, 100.0], [0.0, 10.0, 0.0]]], id='min_dim_keepdim_grad'),
    pytest.param(lambda lib, a: a.max(1).values, [[[1.0, 3.0, 3.0]]],
                 [[[0.0, 1.0, 0.0]]], id='max_dim_tie_first_index'),
    pytest.param(lambda lib, a: a.sum((0, -1)) * lib.tensor([1., 2., 3.], dtype=lib.float64), [[[[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]]]],
                 [[[[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]], [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]]], id='sum_dims_grad'),
    pytest.param(lambda lib, a: a.mean(-1), [[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]],
                 [[[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]]], id='mean_dim_grad'),
    pytest.param(lambda lib, a: a.mean(0, keepdim=True) * lib.tensor([[1., 2.]], dtype=lib.float64), [[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]],
                 [[[0.3333333333333333, 0.6666666666666666], [0.3333333333333333, 0.6666666666666666], [0.3333333333333333, 0.6666666666666666]]], id='mean_keepdim_grad'),
    pytest.param(lambda lib, a: a.sum_to_size(1, 2) * lib.tensor([[1., 2.]], dtype=lib.float64), [[[1.0, 2.0], [3.0, 4.0]]],
                 [[[1.0, 2.0], [1.0, 2.0]]], id='sum_to_size_grad'),
]


@pytest.mark.parametrize("fn, expected", RED_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", RED_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


# ------------------------------------------------------------------ semantics and errors
def test_max_by_dim_is_a_named_pair():
    x = jg.tensor([[1.0, 5.0, 2.0], [7.0, 3.0, 2.0]])
    result = x.max(dim=1)
    values, indices = result
    assert result.values is values and result.indices is indices and result[0] is values
    assert values.tolist() == [5.0, 7.0] and indices.tolist() == [1, 0]
    assert jg.max(x, 1, True).values.shape == (2, 1)
    assert x.min(axis=0).indices.tolist() == [0, 1, 0]


def test_pairwise_max_min_dispatch_to_maximum_minimum():
    a, b = jg.tensor([1.0, 4.0]), jg.tensor([[3.0], [0.0]])
    assert jg.max(a, b).tolist() == [[3.0, 4.0], [1.0, 4.0]]
    assert a.min(other=b).tolist() == [[1.0, 3.0], [0.0, 0.0]]


@pytest.mark.parametrize("call", [lambda x: x.sum(2), lambda x: x.mean(-3), lambda x: x.max(2),
                                  lambda x: jg.min(x, dim=-3), lambda x: x.sum((0, 2))])
def test_dim_out_of_range_is_an_index_error(call):
    with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of \[-2, 1\], "
                                         r"but got (2|-3)\)"):
        call(jg.ones(2, 3))


def test_zero_dim_tensors_accept_dim_0_and_minus_1_only():
    s = jg.tensor(3.0)
    assert s.sum(0).item() == 3.0 and s.mean(-1, keepdim=True).shape == ()
    with pytest.raises(IndexError, match=r"expected to be in range of \[-1, 0\], but got 1"):
        s.sum(1)


@pytest.mark.parametrize("dims", [(0, 0), (0, -2), (1, -1)])
def test_repeated_dims_are_an_error(dims):
    with pytest.raises(RuntimeError, match="appears multiple times in the list of dims"):
        jg.ones(2, 3).sum(dims)


@pytest.mark.parametrize("dtype", [jg.int64, jg.int32, jg.bool])
def test_mean_of_integers_is_an_error(dtype):
    with pytest.raises(RuntimeError, match="mean\\(\\): could not infer output dtype. Input dtype must be "
                                           "either a floating point or complex dtype"):
        jg.ones(3, dtype=dtype).mean()


def test_max_of_an_empty_tensor_needs_a_dim():
    with pytest.raises(RuntimeError, match=r"Expected reduction dim to be specified for input.numel\(\) == 0"):
        jg.zeros(0).max()


def test_sum_to_size_checks_expandability():
    with pytest.raises(RuntimeError, match=r"size \[2\] is not expandable to size \[2, 3\]"):
        jg.ones(2, 3).sum_to_size(2)


@pytest.mark.parametrize("dtype", [jg.bool, jg.int32, jg.int64])
def test_sum_of_integers_and_bools_is_int64(dtype):
    x = jg.tensor([[1, 0, 1], [1, 1, 0]], dtype=dtype)
    assert x.sum().dtype is jg.int64 and x.sum().item() == 4
    assert x.sum(0, keepdim=True).tolist() == [[2, 1, 1]] and x.sum(1).dtype is jg.int64
    assert x.sum(dtype=jg.float64).dtype is jg.float64


def test_max_all_of_integers_keeps_the_dtype():
    assert jg.tensor([1, 3, 2], dtype=jg.int32).max().dtype is jg.int32
    assert jg.tensor([[1, 3], [4, 2]]).max(1).values.dtype is jg.int64


def test_reductions_record_no_graph_without_grad():
    x = jg.ones(2, 3)
    assert x.sum().grad_fn is None and x.max(1).values.grad_fn is None
    with jg.no_grad():
        assert jg.ones(2, requires_grad=True).mean().grad_fn is None
