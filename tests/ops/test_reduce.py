"""Reductions: sum, mean, prod, var/std (and var_mean/std_mean), max/min (whole, by dim,
pairwise), amax/amin, median, argmax/argmin, all/any, sum_to_size.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``) were produced by evaluating each expression with
``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import pickle

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes

import jitgrad as jg
from jitgrad.ops.reduce import amax_backward, indices_backward

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(2024)


def U(*shape):
    return rng.uniform(-2, 2, shape)


def P(*shape):
    """Positive, away from 0 (products of many stay moderate)."""
    return rng.uniform(0.5, 1.5, shape)


def distinct(*shape):
    """Values at least 0.1 apart (no ties, so max/min/median have one winner)."""
    n = int(np.prod(shape, dtype=int))
    return (rng.permutation(n) * 0.1 + rng.uniform(0, 0.05)).reshape(shape) - n * 0.05


def ints(*shape, dtype=np.int64):
    return rng.integers(-3, 4, shape).astype(dtype)


def mask(*shape):
    return rng.uniform(0, 1, shape) > 0.4


ZEROS_IN_ROWS = np.array([[2.0, 0.0, 3.0], [0.0, 1.5, 0.0], [1.0, -2.0, 0.5]])  # one, two, no zero

# ------------------------------------------------------------------ gradient table
# the gradients of amax and max(dim) as ops of their own (their inputs: a gradient, and the
# forward's values or indices, here constants)
TIES = np.array([[1.0, 3.0, 3.0, 0.5], [2.0, 2.0, 2.0, 2.0], [0.0, -1.0, 4.0, 4.0]])
PICKED = np.array([[1], [0], [3]])


def _amax_grad(g, keepdim=False):
    result = TIES.max(1, keepdims=keepdim)
    return amax_backward(g, jg.tensor(TIES, dtype=g.dtype), jg.tensor(result, dtype=g.dtype), dim=(1,),
                         keepdim=keepdim)


def _np_amax_grad(g, keepdim=False):
    mask = TIES == TIES.max(1, keepdims=True)
    return ((g if keepdim else g[:, None]) / mask.sum(1, keepdims=True) * mask).astype(g.dtype)


def _pick_grad(g, keepdim=False):
    index = jg.tensor(PICKED if keepdim else PICKED[:, 0])
    return indices_backward(g, index, dim=1, size=4, keepdim=keepdim)


def _np_pick_grad(g, keepdim=False):
    out = np.zeros((3, 4), g.dtype)
    np.put_along_axis(out, PICKED, g if keepdim else g[:, None], 1)
    return out


GRAD_CASES = [
    pytest.param("amax_backward", _amax_grad, [U(3)], True, id="amax_backward"),
    pytest.param("amax_backward", lambda g: _amax_grad(g, True), [U(3, 1)], True, id="amax_backward-keepdim"),
    pytest.param("indices_backward", _pick_grad, [U(3)], True, id="indices_backward"),
    pytest.param("indices_backward", lambda g: _pick_grad(g, True), [U(3, 1)], True, id="indices_backward-keepdim"),
    pytest.param("sum", lambda a: a.sum(), [U(2, 3)], True, id="sum-all"),
    pytest.param("sum", lambda a: jg.sum(a, 0), [U(2, 3)], True, id="sum-dim0"),
    pytest.param("sum", lambda a: a.sum(-1, keepdim=True), [U(2, 3)], True, id="sum-neg-keepdim"),
    pytest.param("sum", lambda a: a.sum((0, 2)), [U(2, 3, 2)], True, id="sum-tuple"),
    pytest.param("sum", lambda a: a.sum(dim=(-1, 0), keepdim=True), [U(2, 3, 2)], True, id="sum-tuple-keepdim"),
    pytest.param("sum", lambda a: a.sum(()) * 2.0, [U(2, 3)], True, id="sum-empty-dims-is-all"),
    pytest.param("sum", lambda a: a.sum(), [U()], True, id="sum-0d"),
    pytest.param("sum", lambda a: a.sum(0), [U()], True, id="sum-0d-dim"),
    pytest.param("sum", lambda a: a.t().sum(1) * jg.tensor([1.0, 2.0, 3.0], dtype=jg.float64), [U(2, 3)], True,
                 id="sum-transposed"),
    pytest.param("sum", lambda a: (a * a).sum(axis=1), [U(2, 3)], True, id="sum-axis-kw"),
    pytest.param("mean", lambda a: a.mean(), [U(2, 3)], True, id="mean-all"),
    pytest.param("mean", lambda a: jg.mean(a, 1), [U(2, 3)], True, id="mean-dim1"),
    pytest.param("mean", lambda a: a.mean(-2, keepdim=True), [U(2, 3)], True, id="mean-neg-keepdim"),
    pytest.param("mean", lambda a: a.mean((0, -1)), [U(2, 3, 2)], True, id="mean-tuple"),
    pytest.param("mean", lambda a: a.mean([]), [U(2, 3)], True, id="mean-empty-list-is-all"),
    pytest.param("mean", lambda a: a.mean(), [U()], True, id="mean-0d"),
    pytest.param("mean", lambda a: (a.t() ** 2).mean(0), [U(3, 2)], True, id="mean-transposed"),
    pytest.param("sum_to_size", lambda a: a.sum_to_size(1, 3), [U(2, 3)], True, id="sum_to_size"),
    pytest.param("sum_to_size", lambda a: (a * a).sum_to_size(3, 1), [U(2, 3, 2)], True, id="sum_to_size-lead"),
    pytest.param("prod", lambda a: a.prod(), [P(2, 3)], True, id="prod-all"),
    pytest.param("prod", lambda a: jg.prod(a, 1), [U(2, 3)], True, id="prod-dim"),
    pytest.param("prod", lambda a: a.prod(-2, keepdim=True), [U(3, 2)], True, id="prod-neg-keepdim"),
    pytest.param("prod", lambda a: a.prod(), [np.array([2.0, 0.0, 3.0, -1.5])], True, id="prod-one-zero"),
    pytest.param("prod", lambda a: a.prod(), [np.array([[2.0, 0.0], [0.0, -1.5]])], True, id="prod-two-zeros"),
    pytest.param("prod", lambda a: a.prod(1), [ZEROS_IN_ROWS], True, id="prod-dim-zeros"),
    pytest.param("prod", lambda a: a.t().prod(0), [ZEROS_IN_ROWS], True, id="prod-transposed-zeros"),
    pytest.param("prod", lambda a: a.prod(axis=0, dtype=jg.float64), [U(1, 3)], True, id="prod-size-1-dim"),
    pytest.param("prod", lambda a: a.prod(), [U()], True, id="prod-0d"),
    pytest.param("var", lambda a: a.var(), [U(2, 3)], True, id="var-all"),
    pytest.param("var", lambda a: jg.var(a, 1, keepdim=True), [U(2, 3)], True, id="var-dim-keepdim"),
    pytest.param("var", lambda a: a.var((0, -1), correction=0), [U(2, 3, 2)], True, id="var-tuple-correction0"),
    pytest.param("var", lambda a: a.t().var(0, False), [U(3, 2)], True, id="var-transposed-biased"),
    pytest.param("var", lambda a: jg.var_mean(a, 0)[0] * jg.var_mean(a, 0)[1], [U(3, 2)], True, id="var_mean"),
    pytest.param("std", lambda a: a.std(), [U(2, 3)], True, id="std-all"),
    pytest.param("std", lambda a: jg.std(a, dim=0, correction=2), [U(4, 2)], True, id="std-dim-correction2"),
    pytest.param("std", lambda a: a.std(-1, keepdim=True, unbiased=False), [U(2, 3)], True, id="std-neg-keepdim"),
    pytest.param("std", lambda a: jg.std_mean(a.t(), 1)[0], [U(3, 2)], True, id="std_mean-transposed"),
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
    pytest.param("amax", lambda a: a.amax(), [distinct(2, 3)], True, id="amax-all"),
    pytest.param("amax", lambda a: a.amax((0, 2), keepdim=True), [distinct(2, 3, 2)], True, id="amax-tuple-keepdim"),
    pytest.param("amax", lambda a: a.amax(1), [np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 2.0]])], False,
                 id="amax-ties"),  # split in halves, as central differences see it
    pytest.param("amin", lambda a: jg.amin(a, -1), [distinct(2, 3)], True, id="amin-neg"),
    pytest.param("amin", lambda a: a.t().amin(0), [distinct(2, 3)], True, id="amin-transposed"),
    pytest.param("amin", lambda a: a.amin(), [U()], True, id="amin-0d"),
    pytest.param("median_all", lambda a: a.median(), [distinct(7)], True, id="median-all-odd"),
    pytest.param("median_all", lambda a: jg.median(a.t()), [distinct(2, 3)], True, id="median-all-even-transposed"),
    pytest.param("median_dim", lambda a: a.median(1).values, [distinct(2, 5)], True, id="median-dim"),
    pytest.param("median_dim", lambda a: jg.median(a, -2, keepdim=True)[0], [distinct(4, 3)], True,
                 id="median-dim-neg-keepdim"),
    pytest.param("median_dim", lambda a: a.t().median(dim=1).values, [distinct(4, 3)], True, id="median-dim-transposed"),
    pytest.param("median_dim", lambda a: a.median(0).values, [U()], True, id="median-dim-0d"),
]

# ------------------------------------------------------------------ forward table
X234 = U(2, 3, 4)
D234 = distinct(2, 3, 4)
P23 = P(2, 3)
I34 = ints(3, 4, dtype=np.int32)
M34 = mask(3, 4)


def _np_extremum_dim(reduce, arg, dim, keepdim=False):
    return lambda a: (reduce(a, axis=dim, keepdims=keepdim), arg(a, axis=dim, keepdims=keepdim))


def _np_median_dim(dim, keepdim=False):
    """NumPy's sort gives torch's median by dim: the lower middle element, stable among ties."""
    def reference(a):
        k = (a.shape[dim] - 1) // 2
        index = np.take(np.argsort(a, axis=dim, kind="stable"), [k], axis=dim)
        values = np.take_along_axis(a, index, dim)
        return (values, index) if keepdim else (values.squeeze(dim), index.squeeze(dim))
    return reference


def _np_lower_median(a):
    flat = np.sort(a, axis=None)
    return flat[(flat.size - 1) // 2]


FORWARD_CASES = [
    pytest.param("amax_backward", _amax_grad, _np_amax_grad, [U(3)], id="amax_backward"),
    pytest.param("indices_backward", lambda g: _pick_grad(g, True), lambda g: _np_pick_grad(g, True), [U(3, 1)],
                 id="indices_backward"),
    pytest.param("sum", lambda a: a.sum(), np.sum, [X234], id="sum-all"),
    pytest.param("sum", lambda a: a.sum(1), lambda a: a.sum(1), [X234], id="sum-dim"),
    pytest.param("sum", lambda a: a.sum((-1, 0), keepdim=True), lambda a: a.sum((2, 0), keepdims=True), [X234],
                 id="sum-tuple-keepdim"),
    pytest.param("sum", lambda a: a.sum([]), np.sum, [X234], id="sum-empty-list-is-all"),
    pytest.param("sum", lambda a: a.transpose(0, 2).sum(0), lambda a: a.transpose(2, 1, 0).sum(0), [X234],
                 id="sum-transposed"),
    pytest.param("sum", lambda a: a.sum(0), np.sum, [U()], id="sum-0d"),
    pytest.param("sum", lambda a: a.sum(1), lambda a: a.sum(1, dtype=np.int64), [I34], id="sum-int32-is-int64"),
    pytest.param("sum", lambda a: a.sum(0), lambda a: a.sum(0), [M34], id="sum-bool-counts"),
    pytest.param("sum", lambda a: a.sum(dtype=jg.float64), lambda a: a.astype(np.float64).sum(), [X234],
                 id="sum-dtype"),
    pytest.param("sum", lambda a: a.sum(0), lambda a: a.sum(0), [np.zeros((0, 3))], id="sum-empty"),
    pytest.param("mean", lambda a: a.mean(), np.mean, [X234], id="mean-all"),
    pytest.param("mean", lambda a: a.mean(-1, keepdim=True), lambda a: a.mean(-1, keepdims=True), [X234],
                 id="mean-neg-keepdim"),
    pytest.param("mean", lambda a: a.mean((0, 1)), lambda a: a.mean((0, 1)), [X234], id="mean-tuple"),
    pytest.param("mean", lambda a: a.t().mean(1), lambda a: a.T.mean(1), [U(3, 2)], id="mean-transposed"),
    pytest.param("sum_to_size", lambda a: a.sum_to_size(3, 1), lambda a: a.sum(axis=(0, 2))[:, None], [X234],
                 id="sum_to_size"),
    pytest.param("prod", lambda a: a.prod(), np.prod, [P23], id="prod-all"),
    pytest.param("prod", lambda a: a.prod(1, keepdim=True), lambda a: a.prod(1, keepdims=True), [X234],
                 id="prod-dim-keepdim"),
    pytest.param("prod", lambda a: a.t().prod(-1), lambda a: a.T.prod(-1), [ZEROS_IN_ROWS], id="prod-transposed-zeros"),
    pytest.param("prod", lambda a: a.prod(0), lambda a: a.prod(0, dtype=np.int64), [I34], id="prod-int32-is-int64"),
    pytest.param("prod", lambda a: a.prod(), lambda a: a.prod(dtype=np.int64), [M34], id="prod-bool"),
    pytest.param("prod", lambda a: a.prod(1, dtype=jg.float64), lambda a: a.astype(np.float64).prod(1), [P23],
                 id="prod-dtype"),
    pytest.param("prod", lambda a: a.prod(0), lambda a: a.prod(0), [np.zeros((0, 3))], id="prod-empty"),
    pytest.param("var", lambda a: a.var(), lambda a: a.var(ddof=1), [X234], id="var-all"),
    pytest.param("var", lambda a: a.var((0, 2), keepdim=True, correction=0), lambda a: a.var((0, 2), keepdims=True),
                 [X234], id="var-tuple-keepdim-biased"),
    pytest.param("var", lambda a: a.var(1, True), lambda a: a.var(1, ddof=1), [X234], id="var-dim-unbiased"),
    pytest.param("var", lambda a: a.var(correction=0.5), lambda a: a.var(ddof=0.5), [P23], id="var-correction-half"),
    pytest.param("std", lambda a: a.std(1), lambda a: a.std(1, ddof=1), [X234], id="std-dim"),
    pytest.param("std", lambda a: a.transpose(0, 2).std(0, False), lambda a: a.transpose(2, 1, 0).std(0), [X234],
                 id="std-transposed-biased"),
    pytest.param("std", lambda a: jg.std_mean(a, -1, keepdim=True),
                 lambda a: (a.std(-1, ddof=1, keepdims=True), a.mean(-1, keepdims=True)), [X234], id="std_mean"),
    pytest.param("max_all", lambda a: a.max(), np.max, [D234], id="max-all"),
    pytest.param("max_all", lambda a: a.max(), np.max, [I34], id="max-all-int32"),
    pytest.param("min_all", lambda a: a.min(), np.min, [D234], id="min-all"),
    pytest.param("min_all", lambda a: jg.min(a), np.min, [U()], id="min-0d"),
    pytest.param("max_dim", lambda a: tuple(a.max(1)), _np_extremum_dim(np.max, np.argmax, 1), [D234],
                 id="max-dim"),
    pytest.param("max_dim", lambda a: tuple(a.max(-1, keepdim=True)),
                 _np_extremum_dim(np.max, np.argmax, -1, keepdim=True), [D234], id="max-dim-neg-keepdim"),
    pytest.param("max_dim", lambda a: tuple(a.max(0)), _np_extremum_dim(np.max, np.argmax, 0), [I34],
                 id="max-dim-int-ties-first"),
    pytest.param("min_dim", lambda a: tuple(jg.min(a, 0)), _np_extremum_dim(np.min, np.argmin, 0), [D234],
                 id="min-dim"),
    pytest.param("min_dim", lambda a: tuple(a.permute(2, 0, 1).min(dim=2, keepdim=True)),
                 lambda a: _np_extremum_dim(np.min, np.argmin, 2, True)(a.transpose(2, 0, 1)), [D234],
                 id="min-dim-permuted-keepdim"),
    pytest.param("amax", lambda a: a.amax(), np.max, [X234], id="amax-all"),
    pytest.param("amax", lambda a: a.amax((0, -1), keepdim=True), lambda a: a.max((0, 2), keepdims=True), [X234],
                 id="amax-tuple-keepdim"),
    pytest.param("amin", lambda a: a.t().amin(0), lambda a: a.T.min(0), [U(3, 2)], id="amin-transposed"),
    pytest.param("amin", lambda a: a.amin(1), lambda a: a.min(1), [I34], id="amin-int32"),
    pytest.param("median_all", lambda a: a.median(), _np_lower_median, [D234], id="median-all-even"),
    pytest.param("median_all", lambda a: a.median(), _np_lower_median, [distinct(5)], id="median-all-odd"),
    pytest.param("median_all", lambda a: jg.median(a), _np_lower_median, [I34], id="median-all-int32"),
    pytest.param("median_dim", lambda a: tuple(a.median(1)), _np_median_dim(1), [X234], id="median-dim"),
    pytest.param("median_dim", lambda a: tuple(a.median(-1, keepdim=True)), _np_median_dim(2, True), [X234],
                 id="median-dim-neg-keepdim"),
    pytest.param("median_dim", lambda a: tuple(jg.median(a, 0)), _np_median_dim(0), [I34], id="median-dim-int-ties"),
    pytest.param("median_dim", lambda a: tuple(a.t().median(0)), lambda a: _np_median_dim(0)(a.T), [U(3, 4)],
                 id="median-dim-transposed"),
    pytest.param("argmax", lambda a: a.argmax(), np.argmax, [D234], id="argmax-all"),
    pytest.param("argmax", lambda a: jg.argmax(a, 1, keepdim=True), lambda a: a.argmax(1, keepdims=True), [D234],
                 id="argmax-dim-keepdim"),
    pytest.param("argmax", lambda a: a.argmax(0), lambda a: a.argmax(0), [I34], id="argmax-int-ties-first"),
    pytest.param("argmin", lambda a: a.argmin(-1), lambda a: a.argmin(-1), [D234], id="argmin-neg"),
    pytest.param("argmin", lambda a: a.t().argmin(), lambda a: a.T.argmin(), [U(3, 4)], id="argmin-transposed"),
    pytest.param("argmin", lambda a: a.argmin(keepdim=True), lambda a: a.argmin(keepdims=True), [X234],
                 id="argmin-whole-keepdim"),
    pytest.param("all", lambda a: a.all(), np.all, [M34], id="all-whole"),
    pytest.param("all", lambda a: a.all(1, keepdim=True), lambda a: a.all(1, keepdims=True), [M34],
                 id="all-dim-keepdim"),
    pytest.param("all", lambda a: (a > -1).all((0, 2)), lambda a: (a > -1).all((0, 2)), [X234], id="all-tuple"),
    pytest.param("any", lambda a: a.any(0), lambda a: a.any(0), [M34], id="any-dim"),
    pytest.param("any", lambda a: jg.any(a), np.any, [I34], id="any-int"),
    pytest.param("any", lambda a: a.t().any(-1), lambda a: a.T.any(-1), [X234[0]], id="any-float-transposed"),
]



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
@given(case=shape_and_dims(), keepdim=st.booleans(), correction=st.sampled_from([0, 1, 0.5]),
       seed=st.integers(0, 2 ** 16))
def test_var_std_amax_over_any_dims_match_numpy(case, keepdim, correction, seed):
    shape, dims = case
    a = np.random.default_rng(seed).uniform(-1, 1, shape)
    axes = tuple(d % len(shape) for d in dims)
    x = jg.tensor(a)
    if int(np.prod([shape[d] for d in axes])) > correction:   # degrees of freedom left
        np.testing.assert_allclose(x.var(dims, keepdim=keepdim, correction=correction).numpy(),
                                   a.var(axis=axes, ddof=correction, keepdims=keepdim), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(x.std(dims, keepdim=keepdim, correction=correction).numpy(),
                                   a.std(axis=axes, ddof=correction, keepdims=keepdim), rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(x.amax(dims, keepdim=keepdim).numpy(), a.max(axis=axes, keepdims=keepdim))
    np.testing.assert_array_equal(x.amin(dims, keepdim=keepdim).numpy(), a.min(axis=axes, keepdims=keepdim))


def _products_of_the_others(a, dim):
    """Brute force: for each k along dim, the product of every other element."""
    moved = np.moveaxis(a, dim, 0)
    out = np.stack([np.prod(np.delete(moved, k, axis=0), axis=0) for k in range(moved.shape[0])])
    return np.moveaxis(out, 0, dim)


@settings(max_examples=30, deadline=None)
@given(shape=array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4), data=st.data(),
       seed=st.integers(0, 2 ** 16))
def test_prod_and_its_gradient_with_zeros_anywhere(shape, data, seed):
    r = np.random.default_rng(seed)
    a = r.uniform(-2, 2, shape) * (r.uniform(0, 1, shape) > 0.3)   # zeros anywhere: none, one, several
    dim = data.draw(st.one_of(st.none(), st.integers(-len(shape), len(shape) - 1)))
    keepdim = dim is not None and data.draw(st.booleans())
    x = jg.tensor(a, requires_grad=True)
    got = x.prod() if dim is None else x.prod(dim, keepdim=keepdim)
    expected = a.prod() if dim is None else a.prod(dim, keepdims=keepdim)
    np.testing.assert_allclose(got.detach().numpy(), expected, rtol=1e-12, atol=1e-300)
    (g,) = jg.autograd.grad(got.sum(), x)
    others = (_products_of_the_others(a.reshape(-1), 0).reshape(shape) if dim is None
              else _products_of_the_others(a, dim))
    np.testing.assert_allclose(g.numpy(), others, rtol=1e-12, atol=1e-300)


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


@settings(max_examples=25, deadline=None)
@given(shape=array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), data=st.data(),
       keepdim=st.booleans(), seed=st.integers(0, 2 ** 16))
def test_median_and_argmax_by_dim_with_ties(shape, data, keepdim, seed):
    # few distinct values: ties everywhere. torch's median index is the stable order's
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    a = np.random.default_rng(seed).integers(0, 3, shape).astype(np.float64)
    x = jg.tensor(a, requires_grad=True)
    values, indices = x.median(dim, keepdim=keepdim)
    d = dim % len(shape)
    k = (shape[d] - 1) // 2
    index = np.take(np.argsort(a, axis=d, kind="stable"), [k], axis=d)    # with the dim kept
    lower_middle = np.take(np.sort(a, axis=d), [k], axis=d)
    squeeze = (lambda v: v) if keepdim else (lambda v: v.squeeze(d))
    np.testing.assert_array_equal(values.detach().numpy(), squeeze(lower_middle))
    np.testing.assert_array_equal(indices.numpy(), squeeze(index))
    np.testing.assert_array_equal(x.argmax(dim, keepdim).numpy(), a.argmax(d, keepdims=keepdim))
    (g,) = jg.autograd.grad(values.sum(), x)   # all of it at the index median returned
    expected = np.zeros(shape)
    np.put_along_axis(expected, index, 1.0, d)
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
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).sum(()),
                 {'dtype': 'float32', 'values': 15.0}, id='sum_empty_tuple'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).sum([], keepdim=True),
                 {'dtype': 'float32', 'values': [[15.0]]}, id='sum_empty_list_keepdim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).mean([]),
                 {'dtype': 'float32', 'values': 2.5}, id='mean_empty_list'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).sum([0, 1]),
                 {'dtype': 'float32', 'values': 15.0}, id='sum_list'),
    pytest.param(lambda lib: lib.tensor([1.5, 2.5]).sum(dtype=lib.int64),
                 {'dtype': 'int64', 'values': 3}, id='sum_float_to_int_dtype'),
    pytest.param(lambda lib: lib.sum(lib.arange(6.).reshape(2, 3), 0, True, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [[3.0, 5.0, 7.0]]}, id='sum_dtype_keepdim'),
    pytest.param(lambda lib: lib.arange(1., 10.).reshape(3, 3).prod(),
                 {'dtype': 'float32', 'values': 362880.0}, id='prod_all'),
    pytest.param(lambda lib: lib.prod(lib.arange(1., 10.).reshape(3, 3)),
                 {'dtype': 'float32', 'values': 362880.0}, id='prod_fn'),
    pytest.param(lambda lib: lib.arange(1., 10.).reshape(3, 3).prod(0, keepdim=True),
                 {'dtype': 'float32', 'values': [[28.0, 80.0, 162.0]]}, id='prod_dim_keepdim'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).prod(-1),
                 {'dtype': 'float32', 'values': [6.0, 120.0]}, id='prod_neg_dim'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).prod(axis=1),
                 {'dtype': 'float32', 'values': [6.0, 120.0]}, id='prod_axis'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).t().prod(1),
                 {'dtype': 'float32', 'values': [4.0, 10.0, 18.0]}, id='prod_transposed'),
    pytest.param(lambda lib: lib.tensor([1, 2, 3], dtype=lib.int32).prod(),
                 {'dtype': 'int64', 'values': 6}, id='prod_int32'),
    pytest.param(lambda lib: lib.tensor([True, False]).prod(),
                 {'dtype': 'int64', 'values': 0}, id='prod_bool'),
    pytest.param(lambda lib: lib.tensor([[1, 2], [3, 4]]).prod(1),
                 {'dtype': 'int64', 'values': [2, 12]}, id='prod_int_dim'),
    pytest.param(lambda lib: lib.tensor([1, 2, 3]).prod(dtype=lib.float64),
                 {'dtype': 'float64', 'values': 6.0}, id='prod_dtype'),
    pytest.param(lambda lib: lib.arange(1., 10.).reshape(3, 3).prod(1, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [6.0, 120.0, 504.0]}, id='prod_dim_dtype'),
    pytest.param(lambda lib: lib.zeros(0).prod(),
                 {'dtype': 'float32', 'values': 1.0}, id='prod_empty'),
    pytest.param(lambda lib: lib.zeros(0, 3).prod(0),
                 {'dtype': 'float32', 'values': [1.0, 1.0, 1.0]}, id='prod_empty_dim'),
    pytest.param(lambda lib: lib.tensor(3.).prod(0),
                 {'dtype': 'float32', 'values': 3.0}, id='prod_0d_dim'),
    pytest.param(lambda lib: lib.tensor([[2., 0., 3.], [1., 2., 3.]]).prod(1),
                 {'dtype': 'float32', 'values': [0.0, 6.0]}, id='prod_zeros'),
    pytest.param(lambda lib: lib.tensor([0., float('nan')]).prod(),
                 {'dtype': 'float32', 'values': NAN}, id='prod_nan'),
    pytest.param(lambda lib: lib.var(lib.arange(1., 10.).reshape(3, 3)),
                 {'dtype': 'float32', 'values': 7.5}, id='var_all'),
    pytest.param(lambda lib: lib.std(lib.arange(1., 10.).reshape(3, 3)),
                 {'dtype': 'float32', 'values': 2.7386128902435303}, id='std_all'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var(1),
                 {'dtype': 'float32', 'values': [2.3333332538604736, 0.3333333432674408]}, id='var_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var(1, False),
                 {'dtype': 'float32', 'values': [1.5555555820465088, 0.2222222238779068]}, id='var_dim_unbiased_positional'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var(1, False, True),
                 {'dtype': 'float32', 'values': [[1.5555555820465088], [0.2222222238779068]]}, id='var_dim_unbiased_keepdim_positional'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.]).var(False),
                 {'dtype': 'float32', 'values': 1.5555555820465088}, id='var_unbiased_only_positional'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.]).var(unbiased=False),
                 {'dtype': 'float32', 'values': 1.5555555820465088}, id='var_unbiased_kw'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.]).var(None, False),
                 {'dtype': 'float32', 'values': 1.5555555820465088}, id='var_none_unbiased_positional'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.]).var(correction=0),
                 {'dtype': 'float32', 'values': 1.5555555820465088}, id='var_correction0'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.]).var(correction=2),
                 {'dtype': 'float32', 'values': 4.666666507720947}, id='var_correction2'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.]).var(correction=0.5),
                 {'dtype': 'float32', 'values': 1.8666666746139526}, id='var_correction_half'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var(dim=1, unbiased=False, keepdim=True),
                 {'dtype': 'float32', 'values': [[1.5555555820465088], [0.2222222238779068]]}, id='var_kw'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var((0, 1)),
                 {'dtype': 'float32', 'values': 1.899999976158142}, id='var_tuple'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var([0, 1]),
                 {'dtype': 'float32', 'values': 1.899999976158142}, id='var_list'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var(None, keepdim=True),
                 {'dtype': 'float32', 'values': [[1.899999976158142]]}, id='var_none_keepdim'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).var(axis=1),
                 {'dtype': 'float32', 'values': [2.3333332538604736, 0.3333333432674408]}, id='var_axis'),
    pytest.param(lambda lib: lib.tensor([1., 2., 4.], dtype=lib.float64).var(),
                 {'dtype': 'float64', 'values': 2.333333333333333}, id='var_f64'),
    pytest.param(lambda lib: lib.tensor(2.).var(correction=0),
                 {'dtype': 'float32', 'values': 0.0}, id='var_0d_correction0'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.], [0., 1., 1.]]).t().var(0),
                 {'dtype': 'float32', 'values': [2.3333332538604736, 0.3333333432674408]}, id='var_transposed'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).std([1], keepdim=True),
                 {'dtype': 'float32', 'values': [[1.0], [1.0]]}, id='std_dim_list_keepdim'),
    pytest.param(lambda lib: lib.tensor([[1., 2., 4.]]).std(1, True, True),
                 {'dtype': 'float32', 'values': [[1.5275251865386963]]}, id='std_positional_keepdim'),
    pytest.param(lambda lib: lib.std(lib.tensor([[1., 2., 4.]]), dim=1, correction=0, keepdim=True),
                 {'dtype': 'float32', 'values': [[1.2472190856933594]]}, id='std_correction_kw'),
    pytest.param(lambda lib: lib.tensor([[1., 2.], [3., 5.]], dtype=lib.float64).std(0),
                 {'dtype': 'float64', 'values': [1.4142135623730951, 2.1213203435596424]}, id='std_f64_dim'),
    pytest.param(lambda lib: lib.std_mean(lib.tensor([1., 2., 4.])),
                 [{'dtype': 'float32', 'values': 1.5275251865386963}, {'dtype': 'float32', 'values': 2.3333332538604736}], id='std_mean'),
    pytest.param(lambda lib: lib.std_mean(lib.tensor([1., 2., 4.]), correction=0),
                 [{'dtype': 'float32', 'values': 1.2472190856933594}, {'dtype': 'float32', 'values': 2.3333332538604736}], id='std_mean_correction'),
    pytest.param(lambda lib: lib.var_mean(lib.tensor([[1., 2., 4.], [0., 1., 1.]]), 1),
                 [{'dtype': 'float32', 'values': [2.3333332538604736, 0.3333333432674408]}, {'dtype': 'float32', 'values': [2.3333332538604736, 0.6666666865348816]}], id='var_mean_dim'),
    pytest.param(lambda lib: lib.var_mean(lib.tensor([[1., 2., 4.], [0., 1., 1.]]), dim=1, correction=0, keepdim=True),
                 [{'dtype': 'float32', 'values': [[1.5555555820465088], [0.2222222238779068]]}, {'dtype': 'float32', 'values': [[2.3333332538604736], [0.6666666865348816]]}], id='var_mean_kw'),
    pytest.param(lambda lib: lib.var_mean(lib.tensor([[1., 2., 4.], [0., 1., 1.]]), False),
                 [{'dtype': 'float32', 'values': 1.5833333730697632}, {'dtype': 'float32', 'values': 1.5}], id='var_mean_unbiased_positional'),
    pytest.param(lambda lib: lib.median(lib.arange(1., 10.).reshape(3, 3)),
                 {'dtype': 'float32', 'values': 5.0}, id='median_all'),
    pytest.param(lambda lib: lib.tensor([4., 1., 3., 2.]).median(),
                 {'dtype': 'float32', 'values': 2.0}, id='median_even'),
    pytest.param(lambda lib: lib.tensor([4, 1, 3, 2]).median(),
                 {'dtype': 'int64', 'values': 2}, id='median_int'),
    pytest.param(lambda lib: lib.tensor([3, 1, 2], dtype=lib.int32).median(),
                 {'dtype': 'int32', 'values': 2}, id='median_int32'),
    pytest.param(lambda lib: lib.tensor([4., float('nan'), 3., 2.]).median(),
                 {'dtype': 'float32', 'values': NAN}, id='median_nan'),
    pytest.param(lambda lib: lib.zeros(0).median(),
                 {'dtype': 'float32', 'values': NAN}, id='median_empty'),
    pytest.param(lambda lib: lib.tensor(2.).median(),
                 {'dtype': 'float32', 'values': 2.0}, id='median_0d'),
    pytest.param(lambda lib: lib.tensor([[4., 1., 3., 2.], [1., 1., 2., 2.]]).median(1),
                 [{'dtype': 'float32', 'values': [2.0, 1.0]}, {'dtype': 'int64', 'values': [3, 1]}], id='median_dim'),
    pytest.param(lambda lib: lib.tensor([[2., 2., 2., 2., 2.], [1., 2., 2., 2., 3.], [3., 2., 1., 2., 2.], [2., 1., 2., 1., 2.]]).median(1),
                 [{'dtype': 'float32', 'values': [2.0, 2.0, 2.0, 2.0]}, {'dtype': 'int64', 'values': [2, 2, 3, 0]}], id='median_dim_ties'),
    pytest.param(lambda lib: lib.tensor([[5., 1., 5., 1., 5., 1.], [1., 1., 1., 3., 3., 3.], [0., 0., 0., 0., 0., 0.]]).median(1),
                 [{'dtype': 'float32', 'values': [1.0, 1.0, 0.0]}, {'dtype': 'int64', 'values': [5, 2, 2]}], id='median_dim_ties_even'),
    pytest.param(lambda lib: lib.tensor([[4., float('nan'), 3., float('nan')], [1., 1., 2., 2.]]).median(1),
                 [{'dtype': 'float32', 'values': [NAN, 1.0]}, {'dtype': 'int64', 'values': [1, 1]}], id='median_dim_nan'),
    pytest.param(lambda lib: lib.tensor([[4., 1., 3., 2.], [1., 1., 2., 2.]]).median(0, keepdim=True),
                 [{'dtype': 'float32', 'values': [[1.0, 1.0, 2.0, 2.0]]}, {'dtype': 'int64', 'values': [[1, 0, 1, 0]]}], id='median_dim_keepdim'),
    pytest.param(lambda lib: lib.zeros(0, 3).median(1),
                 [{'dtype': 'float32', 'values': []}, {'dtype': 'int64', 'values': []}], id='median_dim_empty_other'),
    pytest.param(lambda lib: lib.tensor(2.).median(0),
                 [{'dtype': 'float32', 'values': 2.0}, {'dtype': 'int64', 'values': 0}], id='median_0d_dim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).median(axis=1),
                 [{'dtype': 'float32', 'values': [1.0, 4.0]}, {'dtype': 'int64', 'values': [1, 1]}], id='median_axis'),
    pytest.param(lambda lib: lib.tensor([[4., 1.], [3., 2.], [5., 0.]]).t().median(1),
                 [{'dtype': 'float32', 'values': [4.0, 1.0]}, {'dtype': 'int64', 'values': [0, 0]}], id='median_transposed'),
    pytest.param(lambda lib: lib.tensor([[4, 1, 3], [2, 2, 0]]).median(-1),
                 [{'dtype': 'int64', 'values': [3, 2]}, {'dtype': 'int64', 'values': [2, 0]}], id='median_int_dim'),
    pytest.param(lambda lib: lib.argmax(lib.arange(1., 7.).reshape(2, 3)),
                 {'dtype': 'int64', 'values': 5}, id='argmax_all'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).argmax(keepdim=True),
                 {'dtype': 'int64', 'values': [[5]]}, id='argmax_keepdim_whole'),
    pytest.param(lambda lib: lib.argmin(lib.arange(6.).reshape(2, 3), dim=None, keepdim=True),
                 {'dtype': 'int64', 'values': [[0]]}, id='argmin_keepdim_none'),
    pytest.param(lambda lib: lib.tensor(3.).argmax(),
                 {'dtype': 'int64', 'values': 0}, id='argmax_0d'),
    pytest.param(lambda lib: lib.tensor(3.).argmax(0, keepdim=True),
                 {'dtype': 'int64', 'values': 0}, id='argmax_0d_dim'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 5., float('nan')]).argmax(),
                 {'dtype': 'int64', 'values': 1}, id='argmax_nan'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), -5., float('nan')]).argmin(),
                 {'dtype': 'int64', 'values': 1}, id='argmin_nan'),
    pytest.param(lambda lib: lib.tensor([[1., 5., 5.], [2., 2., 1.]]).argmax(1),
                 {'dtype': 'int64', 'values': [1, 0]}, id='argmax_ties'),
    pytest.param(lambda lib: lib.tensor([[1., 0., 0.], [2., 2., 3.]]).argmin(dim=1),
                 {'dtype': 'int64', 'values': [1, 0]}, id='argmin_ties'),
    pytest.param(lambda lib: lib.tensor([1, 5, 2], dtype=lib.int32).argmax(0),
                 {'dtype': 'int64', 'values': 1}, id='argmax_int32'),
    pytest.param(lambda lib: lib.zeros(0, 3).argmax(1),
                 {'dtype': 'int64', 'values': []}, id='argmax_empty_other'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).argmin(1, keepdim=True),
                 {'dtype': 'int64', 'values': [[0], [0]]}, id='argmin_dim_keepdim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).argmax(axis=1),
                 {'dtype': 'int64', 'values': [2, 2]}, id='argmax_axis'),
    pytest.param(lambda lib: lib.tensor([[1., 5.], [3., 2.]]).t().argmax(1),
                 {'dtype': 'int64', 'values': [1, 0]}, id='argmax_transposed'),
    pytest.param(lambda lib: lib.tensor([[1., 5.], [3., 2.]]).argmax(-2),
                 {'dtype': 'int64', 'values': [1, 0]}, id='argmax_neg'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).amax(),
                 {'dtype': 'float32', 'values': 5.0}, id='amax_all'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).amax((0, 2)),
                 {'dtype': 'float32', 'values': [15.0, 19.0, 23.0]}, id='amax_tuple'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).amin(-1, keepdim=True),
                 {'dtype': 'float32', 'values': [[[0.0], [4.0], [8.0]], [[12.0], [16.0], [20.0]]]}, id='amin_neg_keepdim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).amax([0, 1], keepdim=True),
                 {'dtype': 'float32', 'values': [[5.0]]}, id='amax_list_keepdim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).amax([]),
                 {'dtype': 'float32', 'values': 5.0}, id='amax_empty_list'),
    pytest.param(lambda lib: lib.tensor([1., float('nan')]).amax(),
                 {'dtype': 'float32', 'values': NAN}, id='amax_nan'),
    pytest.param(lambda lib: lib.tensor([[1., float('nan')], [0., 2.]]).amin(1),
                 {'dtype': 'float32', 'values': [NAN, 0.0]}, id='amin_nan_dim'),
    pytest.param(lambda lib: lib.zeros(0, 3).amax(1),
                 {'dtype': 'float32', 'values': []}, id='amax_empty_other'),
    pytest.param(lambda lib: lib.tensor([3, 1, 2]).amin(),
                 {'dtype': 'int64', 'values': 1}, id='amin_int'),
    pytest.param(lambda lib: lib.tensor([True, False]).amax(),
                 {'dtype': 'bool', 'values': True}, id='amax_bool'),
    pytest.param(lambda lib: lib.tensor(3.).amax(0),
                 {'dtype': 'float32', 'values': 3.0}, id='amax_0d'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).amax(axis=1),
                 {'dtype': 'float32', 'values': [2.0, 5.0]}, id='amax_axis'),
    pytest.param(lambda lib: lib.amax(lib.arange(6.).reshape(2, 3), 0),
                 {'dtype': 'float32', 'values': [3.0, 4.0, 5.0]}, id='amax_fn'),
    pytest.param(lambda lib: lib.tensor([[1., 0.], [2., 3.]]).all(),
                 {'dtype': 'bool', 'values': False}, id='all_all'),
    pytest.param(lambda lib: lib.tensor([[1., 0.], [2., 3.]]).all(1),
                 {'dtype': 'bool', 'values': [False, True]}, id='all_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 0.], [2., 3.]]).all((0, 1)),
                 {'dtype': 'bool', 'values': False}, id='all_tuple'),
    pytest.param(lambda lib: lib.tensor([[True, False]]).all(()),
                 {'dtype': 'bool', 'values': [[True, False]]}, id='all_empty_tuple'),
    pytest.param(lambda lib: lib.tensor([[1., 0.], [0., 0.]]).any(0, keepdim=True),
                 {'dtype': 'bool', 'values': [[True, False]]}, id='any_keepdim'),
    pytest.param(lambda lib: lib.tensor([[True, False]]).any([0, 1]),
                 {'dtype': 'bool', 'values': True}, id='any_list'),
    pytest.param(lambda lib: lib.zeros(0).all(),
                 {'dtype': 'bool', 'values': True}, id='all_empty'),
    pytest.param(lambda lib: lib.zeros(0).any(),
                 {'dtype': 'bool', 'values': False}, id='any_empty'),
    pytest.param(lambda lib: lib.tensor([1, 2]).all(),
                 {'dtype': 'bool', 'values': True}, id='all_int'),
    pytest.param(lambda lib: lib.tensor([float('nan')]).any(),
                 {'dtype': 'bool', 'values': True}, id='any_nan'),
    pytest.param(lambda lib: lib.ones(2, 2).all(keepdim=True),
                 {'dtype': 'bool', 'values': [[True]]}, id='all_keepdim_none'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).all(axis=1),
                 {'dtype': 'bool', 'values': [False, True]}, id='all_axis'),
    pytest.param(lambda lib: lib.any(lib.tensor([[0, 0], [0, 3]]), -1),
                 {'dtype': 'bool', 'values': [False, True]}, id='any_fn_dim'),
    pytest.param(lambda lib: lib.tensor([[1., 3., 3., 2.]]).max(1),
                 [{'dtype': 'float32', 'values': [3.0]}, {'dtype': 'int64', 'values': [1]}], id='max_dim_ties'),
    pytest.param(lambda lib: lib.tensor([[1., 0., 0., 2.]]).min(1),
                 [{'dtype': 'float32', 'values': [0.0]}, {'dtype': 'int64', 'values': [1]}], id='min_dim_ties'),
    pytest.param(lambda lib: lib.tensor([[1., float('nan'), 0., float('nan')]]).min(1),
                 [{'dtype': 'float32', 'values': [NAN]}, {'dtype': 'int64', 'values': [1]}], id='min_dim_nan'),
    pytest.param(lambda lib: lib.zeros(0, 3).max(1),
                 [{'dtype': 'float32', 'values': []}, {'dtype': 'int64', 'values': []}], id='max_dim_empty_other'),
    pytest.param(lambda lib: lib.tensor([[1, 3]], dtype=lib.int32).max(1),
                 [{'dtype': 'int32', 'values': [3]}, {'dtype': 'int64', 'values': [1]}], id='max_int32_dim'),
    pytest.param(lambda lib: lib.tensor([[True, False]]).max(1),
                 [{'dtype': 'bool', 'values': [True]}, {'dtype': 'int64', 'values': [0]}], id='max_bool_dim'),
    pytest.param(lambda lib: lib.max(lib.arange(1, 13).float().view(3, 4), dim=0),
                 [{'dtype': 'float32', 'values': [9.0, 10.0, 11.0, 12.0]}, {'dtype': 'int64', 'values': [2, 2, 2, 2]}], id='max_seed_dim0'),
    pytest.param(lambda lib: lib.max(lib.arange(1, 13).float().view(3, 4), dim=1),
                 [{'dtype': 'float32', 'values': [4.0, 8.0, 12.0]}, {'dtype': 'int64', 'values': [3, 3, 3]}], id='max_seed_dim1'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().prod().grad_fn.name(),
                 'ProdBackward0', id='name_prod'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().prod(1).grad_fn.name(),
                 'ProdBackward1', id='name_prod_dim'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().var().grad_fn.name(),
                 'VarBackward0', id='name_var'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().var(0).grad_fn.name(),
                 'VarBackward0', id='name_var_dim'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().std(1, keepdim=True).grad_fn.name(),
                 'StdBackward0', id='name_std'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().amax().grad_fn.name(),
                 'AmaxBackward0', id='name_amax'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().amin(1).grad_fn.name(),
                 'AminBackward0', id='name_amin'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().median().grad_fn.name(),
                 'MedianBackward0', id='name_median'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().median(0).values.grad_fn.name(),
                 'MedianBackward1', id='name_median_dim'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().sum(()).grad_fn.name(),
                 'SumBackward1', id='name_sum_empty_tuple'),
    pytest.param(lambda lib: repr(lib.tensor([[1., 5.], [3., 2.]]).max(1)).split('.return_types.', 1)[1],
                 'max(\nvalues=tensor([5., 3.]),\nindices=tensor([1, 0]))', id='repr_max_dim'),
    pytest.param(lambda lib: repr(lib.tensor([[1., 5.], [3., 2.]]).median(0, keepdim=True)).split('.return_types.', 1)[1],
                 'median(\nvalues=tensor([[1., 2.]]),\nindices=tensor([[0, 1]]))', id='repr_median_dim'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().median(1).indices.requires_grad,
                 False, id='median_dim_indices_no_grad'),
    pytest.param(lambda lib: lib.arange(1., 7.).reshape(2, 3).requires_grad_().argmax().requires_grad,
                 False, id='argmax_no_grad'),
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
    pytest.param(lambda lib, a: a.prod(), [[2.0, 0.0, 3.0, 4.0]],
                 [[0.0, 24.0, 0.0, 0.0]], id='prod_one_zero'),
    pytest.param(lambda lib, a: a.prod(), [[2.0, 0.0, 3.0, 0.0]],
                 [[0.0, 0.0, 0.0, 0.0]], id='prod_two_zeros'),
    pytest.param(lambda lib, a: a.prod(1) * lib.tensor([1., 10., 100.], dtype=lib.float64), [[[2.0, 0.0, 3.0], [1.0, 2.0, 3.0], [0.0, 5.0, 0.0]]],
                 [[[0.0, 6.0, 0.0], [60.0, 30.0, 20.0], [0.0, 0.0, 0.0]]], id='prod_dim_zeros'),
    pytest.param(lambda lib, a: a.prod(0, keepdim=True), [[[2.0, -1.0], [0.5, 3.0], [4.0, 0.0]]],
                 [[[2.0, 0.0], [8.0, -0.0], [1.0, -3.0]]], id='prod_dim0_keepdim'),
    pytest.param(lambda lib, a: lib.autograd.grad(a.prod(), a, create_graph=True)[0], [[2.0, 0.0, 3.0]],
                 [[3.0, 5.0, 2.0]], id='prod_second_order_one_zero'),
    pytest.param(lambda lib, a: lib.autograd.grad(a.prod(), a, create_graph=True)[0], [[2.0, 0.0, 3.0, 0.0]],
                 [[0.0, 6.0, 0.0, 6.0]], id='prod_second_order_two_zeros'),
    pytest.param(lambda lib, a: lib.autograd.grad(a.prod(1).sum(), a, create_graph=True)[0] * lib.tensor([1., 2., 3.], dtype=lib.float64), [[[2.0, 0.0, 3.0], [1.0, 2.0, 0.5]]],
                 [[[6.0, 9.0, 4.0], [7.0, 3.5, 4.0]]], id='prod_second_order_dim'),
    pytest.param(lambda lib, a: a.prod(), [2.5],
                 [1.0], id='prod_0d'),
    pytest.param(lambda lib, a: a.var(1) * lib.tensor([1., 2.], dtype=lib.float64), [[[1.0, 2.0, 4.0], [0.0, 1.0, 1.0]]],
                 [[[-1.3333333333333335, -0.3333333333333335, 1.6666666666666665], [-1.3333333333333333, 0.6666666666666667, 0.6666666666666667]]], id='var_dim'),
    pytest.param(lambda lib, a: a.var(0, keepdim=True, correction=0) * lib.tensor([[1., 2.]], dtype=lib.float64), [[[1.0, 2.0], [4.0, 0.0], [1.0, 1.0]]],
                 [[[-0.6666666666666666, 1.3333333333333333], [1.3333333333333333, -1.3333333333333333], [-0.6666666666666666, 0.0]]], id='var_correction0_keepdim'),
    pytest.param(lambda lib, a: a.std(), [[1.0, 2.0, 4.0, 7.0]],
                 [[-0.31497039417435596, -0.1889822365046136, 0.0629940788348712, 0.4409585518440984]], id='std_all'),
    pytest.param(lambda lib, a: a.std(), [[1.0, 1.0, 1.0]],
                 [[0.0, 0.0, 0.0]], id='std_constant_is_zero'),
    pytest.param(lambda lib, a: a.std(1, False), [[[1.0, 2.0, 4.0], [0.0, 1.0, 3.0]]],
                 [[[-0.35634832254989923, -0.08908708063747484, 0.44543540318737396], [-0.3563483225498992, -0.08908708063747478, 0.445435403187374]]], id='std_dim_unbiased_false'),
    pytest.param(lambda lib, a: a.max(), [[1.0, NAN, 3.0, NAN]],
                 [[0.0, 0.5, 0.0, 0.5]], id='max_nan'),
    pytest.param(lambda lib, a: a.min(), [[1.0, NAN, -3.0]],
                 [[0.0, 1.0, 0.0]], id='min_nan'),
    pytest.param(lambda lib, a: a.amax(1), [[[1.0, NAN, 3.0, NAN], [1.0, 2.0, 2.0, 0.0]]],
                 [[[NAN, NAN, NAN, NAN], [0.0, 0.5, 0.5, 0.0]]], id='amax_ties_and_nan'),
    pytest.param(lambda lib, a: a.amax(), [[[1.0, 3.0], [3.0, 2.0]]],
                 [[[0.0, 0.5], [0.5, 0.0]]], id='amax_ties_whole'),
    pytest.param(lambda lib, a: a.amin((0, 2)), [[[[1.0, 1.0], [2.0, 0.0]], [[1.0, 5.0], [0.0, 0.0]]]],
                 [[[[0.3333333333333333, 0.3333333333333333], [0.0, 0.3333333333333333]], [[0.3333333333333333, 0.0], [0.3333333333333333, 0.3333333333333333]]]], id='amin_ties_tuple'),
    pytest.param(lambda lib, a: a.median(), [[1.0, 3.0, 3.0, 2.0, 3.0]],
                 [[0.0, 0.3333333333333333, 0.3333333333333333, 0.0, 0.3333333333333333]], id='median_ties'),
    pytest.param(lambda lib, a: a.median(), [[1.0, NAN, 3.0, NAN]],
                 [[0.0, 0.5, 0.0, 0.5]], id='median_nan'),
    pytest.param(lambda lib, a: a.median(), [[4.0, 1.0, 3.0, 2.0]],
                 [[0.0, 0.0, 0.0, 1.0]], id='median_even_lower'),
    pytest.param(lambda lib, a: a.median(1).values * lib.tensor([1., 10.], dtype=lib.float64), [[[1.0, 2.0, 2.0], [3.0, 3.0, 1.0]]],
                 [[[0.0, 1.0, 0.0], [10.0, 0.0, 0.0]]], id='median_dim_ties'),
    pytest.param(lambda lib, a: a.median(0, keepdim=True).values, [[[4.0, 1.0], [1.0, 3.0], [2.0, 2.0]]],
                 [[[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]], id='median_dim_keepdim'),
    pytest.param(lambda lib, a: lib.var_mean(a, 1)[0] + lib.var_mean(a, 1)[1], [[[1.0, 2.0, 6.0], [0.0, 1.0, 1.0]]],
                 [[[-1.6666666666666667, -0.6666666666666667, 3.3333333333333335], [-0.3333333333333333, 0.6666666666666667, 0.6666666666666667]]], id='var_mean_grads'),
    pytest.param(lambda lib, a: lib.std_mean(a)[0] * 2 + lib.std_mean(a)[1], [[1.0, 2.0, 4.0]],
                 [[-0.5395382276106364, 0.11511544309734081, 1.424422784513295]], id='std_mean_grads'),
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


def test_named_results_are_jitgrad_return_types():
    x = jg.tensor([[1.0, 5.0, 2.0], [7.0, 3.0, 2.0]])
    for result, name in ((x.max(1), "max"), (x.min(0), "min"), (x.median(1), "median")):
        assert isinstance(result, getattr(jg.return_types, name)) and isinstance(result, tuple)
        assert type(result).__name__ == name and result._fields == ("values", "indices")
        assert repr(result).startswith(f"jitgrad.return_types.{name}(\nvalues=tensor(")
        assert str(result) == repr(result)
        copy = pickle.loads(pickle.dumps(result))
        assert type(copy) is type(result) and copy.indices.tolist() == result.indices.tolist()
    from jitgrad.return_types import max as max_type   # an importable module, as torch.return_types
    assert max_type is jg.return_types.max


def test_pairwise_max_min_dispatch_to_maximum_minimum():
    a, b = jg.tensor([1.0, 4.0]), jg.tensor([[3.0], [0.0]])
    assert jg.max(a, b).tolist() == [[3.0, 4.0], [1.0, 4.0]]
    assert a.min(other=b).tolist() == [[1.0, 3.0], [0.0, 0.0]]


@pytest.mark.parametrize("call", [lambda x: x.sum(2), lambda x: x.mean(-3), lambda x: x.max(2),
                                  lambda x: jg.min(x, dim=-3), lambda x: x.sum((0, 2)), lambda x: x.prod(2),
                                  lambda x: x.var(-3), lambda x: x.std((0, 2)), lambda x: x.amax(2),
                                  lambda x: x.median(2), lambda x: x.argmax(-3), lambda x: x.all(2),
                                  lambda x: jg.any(x, (2,))])
def test_dim_out_of_range_is_an_index_error(call):
    with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of \[-2, 1\], "
                                         r"but got (2|-3)\)"):
        call(jg.ones(2, 3))


def test_zero_dim_tensors_accept_dim_0_and_minus_1_only():
    s = jg.tensor(3.0)
    assert s.sum(0).item() == 3.0 and s.mean(-1, keepdim=True).shape == ()
    assert s.prod(-1).item() == 3.0 and s.amax(0).shape == () and s.argmax(0).item() == 0
    with pytest.raises(IndexError, match=r"expected to be in range of \[-1, 0\], but got 1"):
        s.sum(1)


@pytest.mark.parametrize("dims", [(0, 0), (0, -2), (1, -1)])
def test_repeated_dims_are_an_error(dims):
    for reduction in (jg.sum, jg.var, jg.amax):
        with pytest.raises(RuntimeError, match="appears multiple times in the list of dims"):
            reduction(jg.ones(2, 3), dims)


@pytest.mark.parametrize("dtype", [jg.int64, jg.int32, jg.bool])
def test_mean_of_integers_is_an_error(dtype):
    with pytest.raises(RuntimeError, match="mean\\(\\): could not infer output dtype. Input dtype must be "
                                           "either a floating point or complex dtype"):
        jg.ones(3, dtype=dtype).mean()
    with pytest.raises(RuntimeError, match="Optional dtype must be either a floating point or complex dtype. "
                                           "Got: Long"):
        jg.ones(3, dtype=dtype).mean(dtype=jg.int64)


@pytest.mark.parametrize("call, error, message", [
    (lambda: jg.zeros(0).max(), RuntimeError,
     r"max\(\): Expected reduction dim to be specified for input.numel\(\) == 0. Specify the reduction dim"),
    (lambda: jg.zeros(0, 3).min(), RuntimeError, r"min\(\): Expected reduction dim to be specified"),
    (lambda: jg.zeros(0, 3).max(0), IndexError, r"max\(\): Expected reduction dim 0 to have non-zero size"),
    (lambda: jg.zeros(2, 0).min(dim=-1), IndexError, r"min\(\): Expected reduction dim 1 to have non-zero size"),
    (lambda: jg.zeros(0).argmax(), IndexError,
     r"argmax\(\): Expected reduction dim to be specified for input.numel\(\) == 0"),
    (lambda: jg.zeros(0, 3).argmin(0), IndexError, r"argmin\(\): Expected reduction dim 0 to have non-zero size"),
    (lambda: jg.zeros(0).amax(), RuntimeError, r"amax\(\): Expected reduction dim to be specified"),
    (lambda: jg.zeros(0, 3).amin((0, 1)), IndexError, r"amin\(\): Expected reduction dim 0 to have non-zero size"),
    (lambda: jg.zeros(0, 3).median(0), IndexError, r"median\(\): Expected reduction dim 0 to have non-zero size"),
    (lambda: jg.tensor([], dtype=jg.int64).median(), RuntimeError, r"median\(\): an empty int64 tensor"),
    (lambda: jg.tensor([1, 2]).var(), RuntimeError, "std and var only support floating point and complex dtypes"),
    (lambda: jg.tensor([1, 2]).std(0), RuntimeError, "std and var only support floating point"),
    (lambda: jg.ones(2, 3).prod((0, 1)), TypeError, r"prod\(\): argument 'dim' must be int, not tuple"),
    (lambda: jg.ones(2, 3).prod(keepdim=True), TypeError, r"prod\(\): keepdim needs a dim"),
    (lambda: jg.ones(2, 3).max((0,)), TypeError, r"max\(\): argument 'dim' must be int, not tuple"),
    (lambda: jg.ones(2, 3).min([0]), TypeError, r"min\(\): argument 'dim' must be int, not list"),
    (lambda: jg.ones(2, 3).max(0.0), TypeError, r"max\(\): argument 'dim' must be int, not float"),
    (lambda: jg.ones(2, 3).max(keepdim=True), TypeError, r"max\(\): keepdim needs a dim"),
    (lambda: jg.ones(2, 3).median(keepdim=True), TypeError, r"median\(\): keepdim needs a dim"),
    (lambda: jg.ones(2, 3).median((0,)), TypeError, r"median\(\): argument 'dim' must be int"),
    (lambda: jg.ones(2, 3).argmax((0, 1)), TypeError, r"argmax\(\): argument 'dim' must be int, not tuple"),
    (lambda: jg.tensor([True, False]).argmax(), RuntimeError, r"argmax\(\): does not support bool input"),
    (lambda: jg.tensor([True, False]).median(), NotImplementedError, r"median\(\): not implemented for bool"),
    (lambda: jg.ones(3).var(unbiased=True, correction=1), TypeError, "either unbiased= or correction="),
    (lambda: jg.ones(3).var(0, 1), TypeError, r"var\(\): argument 'unbiased' must be bool, not int"),
    (lambda: jg.ones(3).std(True, True), TypeError, r"std\(\): got unbiased twice"),
])
def test_errors_name_the_op_and_match_torchs_types(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("call, expected", [
    (lambda: jg.tensor([1.0]).var(), NAN),
    (lambda: jg.tensor([1.0]).std(), NAN),
    (lambda: jg.tensor([1.0, 2.0, 4.0]).var(correction=3), INF),
    (lambda: jg.tensor([1.0, 2.0, 4.0]).var(correction=4), INF),
    (lambda: jg.zeros(0).var(), NAN),
    (lambda: jg.tensor(2.0).std(), NAN),
    (lambda: jg.var_mean(jg.tensor([3.0]))[0], NAN),
])
def test_no_degrees_of_freedom_warn_and_give_torchs_values(call, expected):
    with pytest.warns(UserWarning, match=r"degrees of freedom is <= 0"):
        got = call().item()
    assert got == expected or (np.isnan(got) and np.isnan(expected))


def test_var_and_std_of_an_empty_slice_are_nan_and_of_no_slice_empty():
    with pytest.warns(UserWarning, match="degrees of freedom"):
        assert np.isnan(jg.zeros(0, 3).std(0).numpy()).all() and jg.zeros(0, 3).std(0).shape == (3,)
    assert jg.zeros(2, 0).var(0).shape == (0,)


def test_sum_to_size_checks_expandability():
    with pytest.raises(RuntimeError, match=r"size \[2\] is not expandable to size \[2, 3\]"):
        jg.ones(2, 3).sum_to_size(2)


@pytest.mark.parametrize("dtype", [jg.bool, jg.int32, jg.int64])
def test_sum_and_prod_of_integers_and_bools_are_int64(dtype):
    x = jg.tensor([[1, 0, 1], [1, 1, 0]], dtype=dtype)
    assert x.sum().dtype is jg.int64 and x.sum().item() == 4
    assert x.sum(0, keepdim=True).tolist() == [[2, 1, 1]] and x.sum(1).dtype is jg.int64
    assert x.sum(dtype=jg.float64).dtype is jg.float64
    assert x.prod(0).dtype is jg.int64 and x.prod(0).tolist() == [1, 0, 0]


def test_sum_with_a_dtype_casts_the_input_first():
    # torch casts to dtype= before reducing: float32 values summed in float64, floats truncated to int
    assert jg.tensor([0.1, 0.2]).sum(dtype=jg.float64).item() == np.float64(np.float32(0.1)) + np.float32(0.2)
    assert jg.tensor([1.5, 2.5]).sum(dtype=jg.int64).item() == 3


def test_the_gradient_of_prod_needs_no_division():
    # the product of the others, formed without dividing prod(x) by x: finite where it is finite,
    # even where the total overflows (prod(x) / x would give inf everywhere here)
    x = jg.tensor([1e200, 1e200, 1e-200], dtype=jg.float64, requires_grad=True)
    x.prod().backward()
    assert x.grad.tolist() == [1.0, 1.0, INF]


def test_max_all_of_integers_keeps_the_dtype():
    assert jg.tensor([1, 3, 2], dtype=jg.int32).max().dtype is jg.int32
    assert jg.tensor([[1, 3], [4, 2]]).max(1).values.dtype is jg.int64


def test_index_results_are_int64_and_carry_no_gradient():
    x = jg.tensor([[1.0, 5.0, 2.0], [7.0, 3.0, 2.0]], requires_grad=True)
    for indices in (x.max(1).indices, x.median(0).indices, x.argmax(), x.argmin(1, keepdim=True)):
        assert indices.dtype is jg.int64 and not indices.requires_grad and indices.grad_fn is None
    for flags in (x.all(), x.any(0), (x > 2).all(1)):
        assert flags.dtype is jg.bool and flags.grad_fn is None


def test_reductions_record_no_graph_without_grad():
    x = jg.ones(2, 3)
    assert x.sum().grad_fn is None and x.max(1).values.grad_fn is None and x.prod().grad_fn is None
    with jg.no_grad():
        y = jg.ones(2, requires_grad=True)
        assert y.mean().grad_fn is None and y.std().grad_fn is None and y.median().grad_fn is None


def test_complex_sums_and_products_keep_their_imaginary_part():
    # complex tensors must not be accumulated as integers (they once were: a silently wrong number)
    z = np.array([[1 + 2j, 3 - 1j, -0.5j], [2.0, 1j, 1 - 1j]], np.complex64)
    x = jg.tensor(z)
    np.testing.assert_allclose(x.sum().numpy(), z.sum(), rtol=1e-6)
    np.testing.assert_allclose(x.sum(dim=1).numpy(), z.sum(1), rtol=1e-6)
    np.testing.assert_allclose(x.mean().numpy(), z.mean(), rtol=1e-6)
    np.testing.assert_allclose(x.prod(dim=0).numpy(), z.prod(0), rtol=1e-6)
    np.testing.assert_allclose(jg.cumsum(x, 1).numpy(), np.cumsum(z, 1), rtol=1e-6)
    np.testing.assert_allclose(jg.cumprod(x, 1).numpy(), np.cumprod(z, 1), rtol=1e-6)
    assert x.sum().dtype is jg.complex64 and jg.cumsum(x, 0).dtype is jg.complex64
