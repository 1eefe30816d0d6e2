"""Scans and orderings: cumsum, cumprod, cummax, cummin, sort, topk, argsort, and the internal
ops their gradients are built from (scan_affine, shift_along, gather_along, scatter_add_along).

Torch-recorded tables (``*_VALUES``, ``*_GRADS``) were produced by evaluating each expression with
``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes

import jitgrad as jg
from jitgrad.ops import scan

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(31)


def U(*shape):
    return rng.uniform(-2, 2, shape)


def distinct(*shape):
    """Values at least 0.1 apart (no ties: sort, topk and cummax have one answer)."""
    n = int(np.prod(shape, dtype=int))
    return (rng.permutation(n) * 0.1 + rng.uniform(0, 0.05)).reshape(shape) - n * 0.05


def ints(*shape, dtype=np.int64):
    return rng.integers(-3, 4, shape).astype(dtype)


WITH_ZEROS = np.array([[2.0, 0.0, 3.0, 0.5], [0.0, 1.5, 0.0, -2.0], [1.0, -2.0, 0.5, 3.0]])  # 1, 2, 0 zeros
W4 = jg.tensor([1.0, 2.0, 3.0, 4.0], dtype=jg.float64)   # non-uniform weights: the gradient shows the order
INDEX = np.array([[2, 0, 2], [1, 1, 0]])                  # repeated: gradients accumulate

# ------------------------------------------------------------------ gradient table
GRAD_CASES = [
    pytest.param("cumsum", lambda a: a.cumsum(1), [U(2, 3)], True, id="cumsum"),
    pytest.param("cumsum", lambda a: jg.cumsum(a, -2) * W4, [U(3, 4)], True, id="cumsum-neg-dim"),
    pytest.param("cumsum", lambda a: a.t().cumsum(0), [U(2, 3)], True, id="cumsum-transposed"),
    pytest.param("cumsum", lambda a: a.cumsum(0), [U()], True, id="cumsum-0d"),
    pytest.param("cumprod", lambda a: a.cumprod(1) * W4, [U(2, 4)], True, id="cumprod"),
    pytest.param("cumprod", lambda a: a.cumprod(-1) * W4, [WITH_ZEROS], True, id="cumprod-zeros"),
    pytest.param("cumprod", lambda a: jg.cumprod(a.t(), dim=1), [WITH_ZEROS], True, id="cumprod-transposed-zeros"),
    pytest.param("cumprod", lambda a: a.cumprod(0), [np.array([0.0, 0.0, 1.5, 2.0])], True,
                 id="cumprod-leading-zeros"),
    pytest.param("cumprod", lambda a: a.cumprod(0), [U()], True, id="cumprod-0d"),
    pytest.param("cumprod", lambda a: scan.cumprod_along(a, 1, reverse=True) * W4, [WITH_ZEROS], True,
                 id="cumprod-reversed-zeros"),   # what prod's gradient uses
    pytest.param("cummax", lambda a: a.cummax(1).values * W4, [distinct(2, 4)], True, id="cummax"),
    pytest.param("cummax", lambda a: jg.cummax(a, dim=0)[0], [distinct(3, 2)], True, id="cummax-dim0"),
    pytest.param("cummax", lambda a: a.cummax(0).values, [U()], True, id="cummax-0d"),
    pytest.param("cummin", lambda a: a.cummin(-1).values * W4, [distinct(2, 4)], True, id="cummin"),
    pytest.param("cummin", lambda a: a.t().cummin(1).values, [distinct(3, 2)], True, id="cummin-transposed"),
    pytest.param("sort", lambda a: a.sort().values * W4, [distinct(2, 4)], True, id="sort"),
    pytest.param("sort", lambda a: jg.sort(a, 0, descending=True).values, [distinct(3, 2)], True,
                 id="sort-dim0-descending"),
    pytest.param("sort", lambda a: a.t().sort(stable=True).values * jg.tensor([1.0, 2.0, 3.0], dtype=jg.float64),
                 [distinct(3, 2)], True, id="sort-transposed"),
    pytest.param("sort", lambda a: a.sort().values, [U()], True, id="sort-0d"),
    pytest.param("topk", lambda a: a.topk(2).values * jg.tensor([1.0, 10.0], dtype=jg.float64), [distinct(3, 4)],
                 True, id="topk"),
    pytest.param("topk", lambda a: jg.topk(a, 1, dim=0, largest=False).values, [distinct(3, 2)], True,
                 id="topk-smallest-dim0"),
    pytest.param("topk", lambda a: a.t().topk(3, sorted=False).values, [distinct(4, 2)], True, id="topk-transposed"),
    pytest.param("topk", lambda a: a.topk(1).values, [U()], True, id="topk-0d"),
    pytest.param("scan_affine", lambda b, a: scan.scan_affine(b, a, 1, False), [U(2, 4), U(2, 4)], True,
                 id="scan_affine"),
    pytest.param("scan_affine", lambda b, a: scan.scan_affine(b, a, 0, True) * W4[:, None], [U(4, 2), U(4, 2)],
                 True, id="scan_affine-reverse"),
    pytest.param("shift_along", lambda a: scan.shift_along(a, 1, 1, 1.0) * W4, [U(2, 4)], True, id="shift_along"),
    pytest.param("shift_along", lambda a: scan.shift_along(a, 0, -2, 0.0) * W4[:, None], [U(4, 2)], True,
                 id="shift_along-back-by-2"),
    pytest.param("gather_along", lambda a, i: scan.gather_along(a, i, 1), [U(2, 4), INDEX], True,
                 id="gather_along"),
    pytest.param("scatter_add_along", lambda a, i: scan.scatter_add_along(a, i, 1, 4) * W4, [U(2, 3), INDEX],
                 True, id="scatter_add_along-repeated"),
]

# ------------------------------------------------------------------ forward table
X34 = U(3, 4)
D234 = distinct(2, 3, 4)
I34 = ints(3, 4, dtype=np.int32)
Z = WITH_ZEROS


def _np_sort(dim, descending=False):
    """Stable sort; descending reverses the order of values but keeps ties in input order."""
    def reference(a):
        index = np.argsort(-a if descending else a, axis=dim, kind="stable")
        return np.take_along_axis(a, index, dim), index
    return reference


def _np_topk(k, dim=-1, largest=True):
    def reference(a):
        values, index = _np_sort(dim, descending=largest)(a)
        return np.take(values, np.arange(k), axis=dim), np.take(index, np.arange(k), axis=dim)
    return reference


def _np_cum_extremum(accumulate, dim):
    """The running extremum, and the last position (up to each one) that holds it."""
    def reference(a):
        values = accumulate(a, axis=dim)
        shape = [1] * a.ndim
        shape[dim] = -1
        positions = np.where(a == values, np.arange(a.shape[dim]).reshape(shape), 0)
        return values, np.maximum.accumulate(positions, axis=dim)
    return reference


def _np_scan_affine(b, a, dim, reverse):
    h = np.array(np.moveaxis(b, dim, 0))
    coef = np.moveaxis(a, dim, 0)
    order = range(len(h) - 2, -1, -1) if reverse else range(1, len(h))
    for j in order:
        h[j] = h[j] + coef[j] * h[j + 1 if reverse else j - 1]
    return np.moveaxis(h, 0, dim)


FORWARD_CASES = [
    pytest.param("cumsum", lambda a: a.cumsum(1), lambda a: a.cumsum(1), [X34], id="cumsum"),
    pytest.param("cumsum", lambda a: a.transpose(0, 2).cumsum(-1), lambda a: a.transpose(2, 1, 0).cumsum(-1),
                 [D234], id="cumsum-transposed"),
    pytest.param("cumsum", lambda a: a.cumsum(0), lambda a: a.cumsum(0, dtype=np.int64), [I34], id="cumsum-int32"),
    pytest.param("cumsum", lambda a: a.cumsum(dim=0, dtype=jg.float64), lambda a: a.astype(np.float64).cumsum(0),
                 [X34], id="cumsum-dtype"),
    pytest.param("cumsum", lambda a: a.cumsum(0), lambda a: a.copy(), [U()], id="cumsum-0d"),
    pytest.param("cumsum", lambda a: a.cumsum(0), lambda a: a.cumsum(0), [np.zeros((0, 2))], id="cumsum-empty"),
    pytest.param("cumprod", lambda a: a.cumprod(-1), lambda a: a.cumprod(-1), [Z], id="cumprod-zeros"),
    pytest.param("cumprod", lambda a: jg.cumprod(a, axis=0), lambda a: a.cumprod(0, dtype=np.int64), [I34],
                 id="cumprod-int32"),
    pytest.param("cumprod", lambda a: a.t().cumprod(1), lambda a: a.T.cumprod(1), [X34], id="cumprod-transposed"),
    pytest.param("cummax", lambda a: tuple(a.cummax(1)), _np_cum_extremum(np.maximum.accumulate, 1), [X34],
                 id="cummax"),
    pytest.param("cummax", lambda a: tuple(jg.cummax(a, 0)), _np_cum_extremum(np.maximum.accumulate, 0), [I34],
                 id="cummax-int-ties-last"),
    pytest.param("cummin", lambda a: tuple(a.cummin(-1)), _np_cum_extremum(np.minimum.accumulate, 2), [D234],
                 id="cummin"),
    pytest.param("cummin", lambda a: tuple(a.t().cummin(0)), lambda a: _np_cum_extremum(np.minimum.accumulate, 0)(a.T),
                 [X34], id="cummin-transposed"),
    pytest.param("sort", lambda a: tuple(a.sort()), _np_sort(-1), [X34], id="sort"),
    pytest.param("sort", lambda a: tuple(jg.sort(a, 1, True)), _np_sort(1, descending=True), [D234],
                 id="sort-descending"),
    pytest.param("sort", lambda a: tuple(a.sort(0, stable=True)), _np_sort(0), [I34], id="sort-int-ties-stable"),
    pytest.param("sort", lambda a: tuple(a.sort(0, descending=True, stable=True)), _np_sort(0, descending=True),
                 [I34], id="sort-int-ties-descending"),
    pytest.param("sort", lambda a: tuple(a.t().sort(-1)), lambda a: _np_sort(-1)(a.T), [X34], id="sort-transposed"),
    pytest.param("topk", lambda a: tuple(a.topk(2)), _np_topk(2), [X34], id="topk"),
    pytest.param("topk", lambda a: tuple(jg.topk(a, 2, dim=0, largest=False)), _np_topk(2, 0, largest=False),
                 [D234], id="topk-smallest-dim0"),
    pytest.param("topk", lambda a: tuple(a.topk(3, 1)), _np_topk(3, 1), [I34], id="topk-int"),
    pytest.param("topk", lambda a: tuple(a.topk(0)), _np_topk(0), [X34], id="topk-k0"),
    pytest.param("scan_affine", lambda b, a: scan.scan_affine(b, a, 1, False),
                 lambda b, a: _np_scan_affine(b, a, 1, False), [X34, U(3, 4)], id="scan_affine"),
    pytest.param("scan_affine", lambda b, a: scan.scan_affine(b, a, 0, True),
                 lambda b, a: _np_scan_affine(b, a, 0, True), [X34, U(3, 4)], id="scan_affine-reverse"),
    pytest.param("shift_along", lambda a: scan.shift_along(a, 1, 2, 1.0),
                 lambda a: np.concatenate([np.ones((3, 2), a.dtype), a[:, :2]], axis=1), [X34], id="shift_along"),
    pytest.param("shift_along", lambda a: scan.shift_along(a, 0, -1, 0.0),
                 lambda a: np.concatenate([a[1:], np.zeros((1, 4), a.dtype)]), [X34], id="shift_along-back"),
    pytest.param("shift_along", lambda a: scan.shift_along(a, 0, 5, 0.0), np.zeros_like, [X34],
                 id="shift_along-past-the-end"),
    pytest.param("gather_along", lambda a, i: scan.gather_along(a, i, 1), lambda a, i: np.take_along_axis(a, i, 1),
                 [U(2, 4), INDEX], id="gather_along"),
    pytest.param("scatter_add_along", lambda a, i: scan.scatter_add_along(a, i, 1, 4),
                 lambda a, i: np.stack([np.bincount(i[r], a[r], 4).astype(a.dtype) for r in range(2)]),
                 [U(2, 3), INDEX], id="scatter_add_along-repeated"),
]



# ------------------------------------------------------------------ any shape, any dim (hypothesis)
@st.composite
def array_and_dim(draw, zeros=False, few_values=False):
    shape = draw(array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    r = np.random.default_rng(draw(st.integers(0, 2 ** 16)))
    a = r.integers(0, 3, shape).astype(np.float64) if few_values else r.uniform(-2, 2, shape)
    if zeros:
        a = a * (r.uniform(0, 1, shape) > 0.3)
    return a, dim


def _brute_force_cumprod_grad(a, g, dim):
    """sum over j >= k of g[j] * prod(x[i] for i <= j, i != k), along dim: no shortcut at all."""
    x, gm = np.moveaxis(a, dim, 0), np.moveaxis(g, dim, 0)
    out = np.zeros_like(x)
    for k in range(len(x)):
        for j in range(k, len(x)):
            others = np.delete(x[:j + 1], k, axis=0)
            out[k] += gm[j] * np.prod(others, axis=0)
    return np.moveaxis(out, 0, dim)


@settings(max_examples=30, deadline=None)
@given(case=array_and_dim(zeros=True))
def test_cumsum_cumprod_and_their_gradients_with_zeros(case):
    a, dim = case
    g = np.random.default_rng(1).uniform(-1, 1, a.shape)
    x = jg.tensor(a, requires_grad=True)
    np.testing.assert_allclose(x.cumsum(dim).detach().numpy(), np.cumsum(a, dim), rtol=1e-12, atol=1e-12)
    y = x.cumprod(dim)
    np.testing.assert_allclose(y.detach().numpy(), np.cumprod(a, dim), rtol=1e-12, atol=1e-300)
    (grad,) = jg.autograd.grad(y, x, jg.tensor(g))
    np.testing.assert_allclose(grad.numpy(), _brute_force_cumprod_grad(a, g, dim), rtol=1e-10, atol=1e-12)
    (grad,) = jg.autograd.grad(x.cumsum(dim), x, jg.tensor(g))
    np.testing.assert_allclose(grad.numpy(), np.flip(np.cumsum(np.flip(g, dim), dim), dim), rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(case=array_and_dim(few_values=True), descending=st.booleans())
def test_sort_argsort_topk_are_stable_orders(case, descending):
    # few distinct values: ties everywhere; jitgrad's order among ties is the input order
    a, dim = case
    x = jg.tensor(a, requires_grad=True)
    values, indices = x.sort(dim, descending)
    expected = np.argsort(-a if descending else a, axis=dim, kind="stable")
    np.testing.assert_array_equal(indices.numpy(), expected)
    np.testing.assert_array_equal(values.detach().numpy(), np.take_along_axis(a, expected, dim))
    np.testing.assert_array_equal(x.argsort(dim, descending).numpy(), expected)
    k = a.shape[dim] // 2
    top = x.topk(k, dim, largest=descending)
    np.testing.assert_array_equal(top.indices.numpy(), np.take(expected, np.arange(k), axis=dim))
    # gradients go back to where each value came from: a permutation for sort
    w = np.random.default_rng(2).uniform(-1, 1, a.shape)
    (grad,) = jg.autograd.grad(values, x, jg.tensor(w))
    expected_grad = np.zeros_like(a)
    np.put_along_axis(expected_grad, expected, w, dim)
    np.testing.assert_array_equal(grad.numpy(), expected_grad)


@settings(max_examples=30, deadline=None)
@given(case=array_and_dim(few_values=True))
def test_cummax_cummin_take_the_last_tie_and_accumulate_its_gradient(case):
    a, dim = case
    x = jg.tensor(a, requires_grad=True)
    for fn, accumulate in ((jg.cummax, np.maximum.accumulate), (jg.cummin, np.minimum.accumulate)):
        values, indices = fn(x, dim)
        np.testing.assert_array_equal(values.detach().numpy(), accumulate(a, axis=dim))
        np.testing.assert_array_equal(np.take_along_axis(a, indices.numpy(), dim), values.detach().numpy())
        moved = np.moveaxis(indices.numpy(), dim, 0)
        for j in range(1, len(moved)):   # the index moves on exactly when x[j] meets the running value
            meets = np.moveaxis(a, dim, 0)[j] == np.moveaxis(values.detach().numpy(), dim, 0)[j]
            np.testing.assert_array_equal(moved[j], np.where(meets, j, moved[j - 1]))
        (grad,) = jg.autograd.grad(values.sum(), x)
        counts = np.zeros_like(a)
        np.add.at(counts, tuple(np.indices(a.shape)[i] if i != dim % a.ndim else indices.numpy()
                                for i in range(a.ndim)), 1.0)
        np.testing.assert_array_equal(grad.numpy(), counts)


# ------------------------------------------------------------------ recorded from torch
SCAN_VALUES = [
    pytest.param(lambda lib: lib.cumsum(lib.arange(1, 10), 0),
                 {'dtype': 'int64', 'values': [1, 3, 6, 10, 15, 21, 28, 36, 45]}, id='cumsum_seed'),
    pytest.param(lambda lib: lib.cumprod(lib.arange(1, 10), 0),
                 {'dtype': 'int64', 'values': [1, 2, 6, 24, 120, 720, 5040, 40320, 362880]}, id='cumprod_seed'),
    pytest.param(lambda lib: lib.cummax(lib.arange(1, 10), 0).values,
                 {'dtype': 'int64', 'values': [1, 2, 3, 4, 5, 6, 7, 8, 9]}, id='cummax_seed_values'),
    pytest.param(lambda lib: lib.cummax(lib.arange(1, 10), 0).indices,
                 {'dtype': 'int64', 'values': [0, 1, 2, 3, 4, 5, 6, 7, 8]}, id='cummax_seed_indices'),
    pytest.param(lambda lib: lib.cummin(lib.arange(1, 10), 0),
                 [{'dtype': 'int64', 'values': [1, 1, 1, 1, 1, 1, 1, 1, 1]}, {'dtype': 'int64', 'values': [0, 0, 0, 0, 0, 0, 0, 0, 0]}], id='cummin_seed'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.int32).cumsum(0),
                 {'dtype': 'int64', 'values': [1, 3]}, id='cumsum_int32'),
    pytest.param(lambda lib: lib.tensor([1, 2], dtype=lib.int32).cumprod(0),
                 {'dtype': 'int64', 'values': [1, 2]}, id='cumprod_int32'),
    pytest.param(lambda lib: lib.tensor([True, True]).cumsum(0),
                 {'dtype': 'int64', 'values': [1, 2]}, id='cumsum_bool'),
    pytest.param(lambda lib: lib.tensor([True, False]).cumprod(0),
                 {'dtype': 'int64', 'values': [1, 0]}, id='cumprod_bool'),
    pytest.param(lambda lib: lib.tensor([1, 2]).cumsum(0, dtype=lib.float32),
                 {'dtype': 'float32', 'values': [1.0, 3.0]}, id='cumsum_dtype'),
    pytest.param(lambda lib: lib.full((4,), 0.1).cumsum(0, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [0.10000000149011612, 0.20000000298023224, 0.30000000447034836, 0.4000000059604645]}, id='cumsum_dtype_f64'),
    pytest.param(lambda lib: lib.tensor([1, 2]).cumprod(0, dtype=lib.float64),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='cumprod_dtype'),
    pytest.param(lambda lib: lib.cumsum(lib.tensor([1, 2]), axis=0),
                 {'dtype': 'int64', 'values': [1, 3]}, id='cumsum_axis'),
    pytest.param(lambda lib: lib.arange(6.).view(2, 3).cumsum(dim=1),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 3.0], [3.0, 7.0, 12.0]]}, id='cumsum_dim_kw'),
    pytest.param(lambda lib: lib.tensor(3.).cumsum(0),
                 {'dtype': 'float32', 'values': 3.0}, id='cumsum_0d'),
    pytest.param(lambda lib: lib.tensor(3.).cumprod(-1),
                 {'dtype': 'float32', 'values': 3.0}, id='cumprod_0d_neg'),
    pytest.param(lambda lib: lib.zeros(0, 2).cumsum(0),
                 {'dtype': 'float32', 'values': []}, id='cumsum_empty'),
    pytest.param(lambda lib: lib.zeros(0).cumprod(0),
                 {'dtype': 'float32', 'values': []}, id='cumprod_empty'),
    pytest.param(lambda lib: lib.arange(6.).view(2, 3).cumsum(-1),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 3.0], [3.0, 7.0, 12.0]]}, id='cumsum_neg_dim'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 2.]).cumsum(0),
                 {'dtype': 'float32', 'values': [1.0, NAN, NAN]}, id='cumsum_nan'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).t().cumsum(1),
                 {'dtype': 'float32', 'values': [[0.0, 3.0], [1.0, 5.0], [2.0, 7.0]]}, id='cumsum_transposed'),
    pytest.param(lambda lib: lib.tensor([[2., 0., 3.], [1., 2., 3.]]).cumprod(1),
                 {'dtype': 'float32', 'values': [[2.0, 0.0, 0.0], [1.0, 2.0, 6.0]]}, id='cumprod_zeros'),
    pytest.param(lambda lib: lib.tensor([[2., 0.5], [3., 2.], [-1., 4.]]).cumprod(0),
                 {'dtype': 'float32', 'values': [[2.0, 0.5], [6.0, 1.0], [-6.0, 4.0]]}, id='cumprod_dim0'),
    pytest.param(lambda lib: lib.tensor([1., 3., 3., 2., 3., 0.]).cummax(0),
                 [{'dtype': 'float32', 'values': [1.0, 3.0, 3.0, 3.0, 3.0, 3.0]}, {'dtype': 'int64', 'values': [0, 1, 2, 2, 4, 4]}], id='cummax_ties'),
    pytest.param(lambda lib: lib.tensor([1., 0., 0., 2., 0., 3.]).cummin(0),
                 [{'dtype': 'float32', 'values': [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]}, {'dtype': 'int64', 'values': [0, 1, 2, 2, 4, 4]}], id='cummin_ties'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 3., float('nan'), 5.]).cummax(0),
                 [{'dtype': 'float32', 'values': [1.0, NAN, NAN, NAN, NAN]}, {'dtype': 'int64', 'values': [0, 1, 1, 3, 3]}], id='cummax_nan'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 0., float('nan'), -5.]).cummin(0),
                 [{'dtype': 'float32', 'values': [1.0, NAN, NAN, NAN, NAN]}, {'dtype': 'int64', 'values': [0, 1, 1, 3, 3]}], id='cummin_nan'),
    pytest.param(lambda lib: lib.tensor([False, True, False]).cummax(0),
                 [{'dtype': 'bool', 'values': [False, True, True]}, {'dtype': 'int64', 'values': [0, 1, 1]}], id='cummax_bool'),
    pytest.param(lambda lib: lib.tensor([1, 3, 2], dtype=lib.int32).cummax(0),
                 [{'dtype': 'int32', 'values': [1, 3, 3]}, {'dtype': 'int64', 'values': [0, 1, 1]}], id='cummax_int32'),
    pytest.param(lambda lib: lib.tensor(3.).cummax(0),
                 [{'dtype': 'float32', 'values': 3.0}, {'dtype': 'int64', 'values': 0}], id='cummax_0d'),
    pytest.param(lambda lib: lib.zeros(0).cummax(0),
                 [{'dtype': 'float32', 'values': []}, {'dtype': 'int64', 'values': []}], id='cummax_empty'),
    pytest.param(lambda lib: lib.cummax(lib.tensor([[1., 3.], [2., 0.]]), dim=0),
                 [{'dtype': 'float32', 'values': [[1.0, 3.0], [2.0, 3.0]]}, {'dtype': 'int64', 'values': [[0, 0], [1, 0]]}], id='cummax_dim_kw'),
    pytest.param(lambda lib: lib.tensor([[1., 3., 0.], [2., 0., 5.]]).cummin(-1),
                 [{'dtype': 'float32', 'values': [[1.0, 1.0, 0.0], [2.0, 0.0, 0.0]]}, {'dtype': 'int64', 'values': [[0, 0, 2], [0, 1, 1]]}], id='cummin_neg_dim'),
    pytest.param(lambda lib: lib.arange(6.).view(2, 3).cummax(axis=0),
                 [{'dtype': 'float32', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]}, {'dtype': 'int64', 'values': [[0, 0, 0], [1, 1, 1]]}], id='cummax_axis'),
    pytest.param(lambda lib: lib.tensor([[1., 3.], [2., 0.], [0., 4.]]).t().cummin(1),
                 [{'dtype': 'float32', 'values': [[1.0, 1.0, 0.0], [3.0, 0.0, 0.0]]}, {'dtype': 'int64', 'values': [[0, 0, 2], [0, 1, 1]]}], id='cummin_transposed'),
    pytest.param(lambda lib: lib.sort(lib.tensor([[9., 7., 8.], [1., 3., 2.], [5., 6., 4.]]), dim=1),
                 [{'dtype': 'float32', 'values': [[7.0, 8.0, 9.0], [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}, {'dtype': 'int64', 'values': [[1, 2, 0], [0, 2, 1], [2, 0, 1]]}], id='sort_seed'),
    pytest.param(lambda lib: lib.tensor([[9., 7., 8.], [1., 3., 2.], [5., 6., 4.]]).sort(),
                 [{'dtype': 'float32', 'values': [[7.0, 8.0, 9.0], [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}, {'dtype': 'int64', 'values': [[1, 2, 0], [0, 2, 1], [2, 0, 1]]}], id='sort_default_last_dim'),
    pytest.param(lambda lib: lib.tensor([[3., 1.], [2., 4.]]).sort(0),
                 [{'dtype': 'float32', 'values': [[2.0, 1.0], [3.0, 4.0]]}, {'dtype': 'int64', 'values': [[1, 0], [0, 1]]}], id='sort_dim0'),
    pytest.param(lambda lib: lib.sort(lib.tensor([3., 1., 2.]), 0, True),
                 [{'dtype': 'float32', 'values': [3.0, 2.0, 1.0]}, {'dtype': 'int64', 'values': [0, 2, 1]}], id='sort_descending_positional'),
    pytest.param(lambda lib: lib.sort(lib.tensor([3., 1., 2.]), stable=True, dim=0, descending=True),
                 [{'dtype': 'float32', 'values': [3.0, 2.0, 1.0]}, {'dtype': 'int64', 'values': [0, 2, 1]}], id='sort_keywords'),
    pytest.param(lambda lib: lib.tensor([3., float('nan'), 1., float('nan'), 2.]).sort(),
                 [{'dtype': 'float32', 'values': [1.0, 2.0, 3.0, NAN, NAN]}, {'dtype': 'int64', 'values': [2, 4, 0, 1, 3]}], id='sort_nan'),
    pytest.param(lambda lib: lib.tensor([3., float('nan'), 1., float('nan'), 2.]).sort(descending=True),
                 [{'dtype': 'float32', 'values': [NAN, NAN, 3.0, 2.0, 1.0]}, {'dtype': 'int64', 'values': [1, 3, 0, 4, 2]}], id='sort_nan_descending'),
    pytest.param(lambda lib: lib.tensor([float('inf'), float('nan'), -float('inf'), 0.]).sort(),
                 [{'dtype': 'float32', 'values': [-INF, 0.0, INF, NAN]}, {'dtype': 'int64', 'values': [2, 3, 0, 1]}], id='sort_inf'),
    pytest.param(lambda lib: lib.tensor([float(i * 7 % 3) for i in range(12)]).sort(stable=True),
                 [{'dtype': 'float32', 'values': [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0]}, {'dtype': 'int64', 'values': [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]}], id='sort_stable_ties'),
    pytest.param(lambda lib: lib.tensor([float(i * 7 % 3) for i in range(12)]).sort(stable=True, descending=True),
                 [{'dtype': 'float32', 'values': [2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]}, {'dtype': 'int64', 'values': [2, 5, 8, 11, 1, 4, 7, 10, 0, 3, 6, 9]}], id='sort_stable_ties_descending'),
    pytest.param(lambda lib: lib.tensor([3, 1, 2]).sort(),
                 [{'dtype': 'int64', 'values': [1, 2, 3]}, {'dtype': 'int64', 'values': [1, 2, 0]}], id='sort_int'),
    pytest.param(lambda lib: lib.tensor([True, False, True]).sort(),
                 [{'dtype': 'bool', 'values': [False, True, True]}, {'dtype': 'int64', 'values': [1, 0, 2]}], id='sort_bool'),
    pytest.param(lambda lib: lib.tensor(3.).sort(),
                 [{'dtype': 'float32', 'values': 3.0}, {'dtype': 'int64', 'values': 0}], id='sort_0d'),
    pytest.param(lambda lib: lib.zeros(0).sort(),
                 [{'dtype': 'float32', 'values': []}, {'dtype': 'int64', 'values': []}], id='sort_empty'),
    pytest.param(lambda lib: lib.tensor([[3., 1.], [2., 4.], [0., 5.]]).t().sort(1),
                 [{'dtype': 'float32', 'values': [[0.0, 2.0, 3.0], [1.0, 4.0, 5.0]]}, {'dtype': 'int64', 'values': [[2, 1, 0], [0, 1, 2]]}], id='sort_transposed'),
    pytest.param(lambda lib: lib.arange(6.).view(2, 3).sort(axis=0, descending=True),
                 [{'dtype': 'float32', 'values': [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]]}, {'dtype': 'int64', 'values': [[1, 1, 1], [0, 0, 0]]}], id='sort_axis'),
    pytest.param(lambda lib: lib.topk(lib.tensor([[9., 7., 8.], [1., 3., 2.], [5., 6., 4.]]), 2, dim=0),
                 [{'dtype': 'float32', 'values': [[9.0, 7.0, 8.0], [5.0, 6.0, 4.0]]}, {'dtype': 'int64', 'values': [[0, 0, 0], [2, 2, 2]]}], id='topk_seed_dim0'),
    pytest.param(lambda lib: lib.topk(lib.tensor([[9., 7., 8.], [1., 3., 2.], [5., 6., 4.]]), 2, dim=1),
                 [{'dtype': 'float32', 'values': [[9.0, 8.0], [3.0, 2.0], [6.0, 5.0]]}, {'dtype': 'int64', 'values': [[0, 2], [1, 2], [1, 0]]}], id='topk_seed_dim1'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 3., float('nan')]).topk(3),
                 [{'dtype': 'float32', 'values': [NAN, NAN, 3.0]}, {'dtype': 'int64', 'values': [1, 3, 2]}], id='topk_nan'),
    pytest.param(lambda lib: lib.tensor([1., float('nan'), 3., float('nan')]).topk(3, largest=False).values,
                 {'dtype': 'float32', 'values': [1.0, 3.0, NAN]}, id='topk_nan_smallest_values'),
    pytest.param(lambda lib: lib.tensor([1., 2.]).topk(0),
                 [{'dtype': 'float32', 'values': []}, {'dtype': 'int64', 'values': []}], id='topk_k0'),
    pytest.param(lambda lib: lib.tensor(5.).topk(1),
                 [{'dtype': 'float32', 'values': 5.0}, {'dtype': 'int64', 'values': 0}], id='topk_0d'),
    pytest.param(lambda lib: lib.tensor(5.).topk(0),
                 [{'dtype': 'float32', 'values': 5.0}, {'dtype': 'int64', 'values': 0}], id='topk_0d_k0'),
    pytest.param(lambda lib: lib.tensor([1, 5, 3]).topk(2),
                 [{'dtype': 'int64', 'values': [5, 3]}, {'dtype': 'int64', 'values': [1, 2]}], id='topk_int'),
    pytest.param(lambda lib: lib.zeros(0).topk(0),
                 [{'dtype': 'float32', 'values': []}, {'dtype': 'int64', 'values': []}], id='topk_empty'),
    pytest.param(lambda lib: lib.topk(lib.tensor([[1., 5.], [3., 4.]]), k=1, dim=0),
                 [{'dtype': 'float32', 'values': [[3.0, 5.0]]}, {'dtype': 'int64', 'values': [[1, 0]]}], id='topk_keywords'),
    pytest.param(lambda lib: lib.topk(lib.tensor([[1., 5.], [3., 4.]]), 1, 0, False, True),
                 [{'dtype': 'float32', 'values': [[1.0, 4.0]]}, {'dtype': 'int64', 'values': [[0, 1]]}], id='topk_positional'),
    pytest.param(lambda lib: lib.tensor([[3., 1.], [2., 4.]]).topk(1, 0, False),
                 [{'dtype': 'float32', 'values': [[2.0, 1.0]]}, {'dtype': 'int64', 'values': [[1, 0]]}], id='topk_smallest_dim0'),
    pytest.param(lambda lib: lib.tensor([1., 5., 3., 4., 2.]).topk(3, sorted=False),
                 [{'dtype': 'float32', 'values': [5.0, 4.0, 3.0]}, {'dtype': 'int64', 'values': [1, 3, 2]}], id='topk_unsorted'),
    pytest.param(lambda lib: lib.tensor([[3., 1.], [2., 4.], [0., 5.]]).t().topk(2),
                 [{'dtype': 'float32', 'values': [[3.0, 2.0], [5.0, 4.0]]}, {'dtype': 'int64', 'values': [[0, 1], [2, 1]]}], id='topk_transposed'),
    pytest.param(lambda lib: lib.tensor([3., 1., 2.]).argsort(),
                 {'dtype': 'int64', 'values': [1, 2, 0]}, id='argsort'),
    pytest.param(lambda lib: lib.argsort(lib.tensor([3., 1., 2.]), descending=True),
                 {'dtype': 'int64', 'values': [0, 2, 1]}, id='argsort_descending'),
    pytest.param(lambda lib: lib.argsort(lib.tensor([3., 1., 2., 1.]), stable=True),
                 {'dtype': 'int64', 'values': [1, 3, 2, 0]}, id='argsort_stable'),
    pytest.param(lambda lib: lib.tensor([[3., 1.], [2., 4.]]).argsort(0),
                 {'dtype': 'int64', 'values': [[1, 0], [0, 1]]}, id='argsort_dim0'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).cumsum(0).grad_fn.name(),
                 'CumsumBackward0', id='name_cumsum'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).cumprod(0).grad_fn.name(),
                 'CumprodBackward0', id='name_cumprod'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).cummax(0).values.grad_fn.name(),
                 'CummaxBackward0', id='name_cummax'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).cummin(0)[0].grad_fn.name(),
                 'CumminBackward0', id='name_cummin'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).sort().values.grad_fn.name(),
                 'SortBackward0', id='name_sort'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).topk(1).values.grad_fn.name(),
                 'TopkBackward0', id='name_topk'),
    pytest.param(lambda lib: lib.tensor([1., 2.], requires_grad=True).sort().indices.requires_grad,
                 False, id='sort_indices_no_grad'),
    pytest.param(lambda lib: repr(lib.cummin(lib.arange(1, 4), 0)).split('.return_types.', 1)[1],
                 'cummin(\nvalues=tensor([1, 1, 1]),\nindices=tensor([0, 0, 0]))', id='repr_cummin'),
    pytest.param(lambda lib: repr(lib.sort(lib.tensor([[9., 7., 8.], [1., 3., 2.], [5., 6., 4.]]), dim=1)).split('.return_types.', 1)[1],
                 'sort(\nvalues=tensor([[7., 8., 9.],\n        [1., 2., 3.],\n        [4., 5., 6.]]),\nindices=tensor([[1, 2, 0],\n        [0, 2, 1],\n        [2, 0, 1]]))', id='repr_sort'),
    pytest.param(lambda lib: str(lib.topk(lib.tensor([[9., 7., 8.], [1., 3., 2.], [5., 6., 4.]]), 2, dim=0)).split('.return_types.', 1)[1],
                 'topk(\nvalues=tensor([[9., 7., 8.],\n        [5., 6., 4.]]),\nindices=tensor([[0, 0, 0],\n        [2, 2, 2]]))', id='repr_topk'),
]
SCAN_GRADS = [
    pytest.param(lambda lib, a: a.cumsum(0) * lib.tensor([1., 2., 3., 4.], dtype=lib.float64), [[1.0, 2.0, 3.0, 4.0]],
                 [[10.0, 9.0, 7.0, 4.0]], id='cumsum_weighted'),
    pytest.param(lambda lib, a: a.cumsum(0) * lib.tensor([[1.], [10.]], dtype=lib.float64), [[[1.0, 2.0], [3.0, 4.0]]],
                 [[[11.0, 11.0], [10.0, 10.0]]], id='cumsum_dim0'),
    pytest.param(lambda lib, a: a.cumprod(0), [[2.0, 0.0, 3.0, 0.0, 4.0]],
                 [[1.0, 8.0, 0.0, 0.0, 0.0]], id='cumprod_zeros'),
    pytest.param(lambda lib, a: a.cumprod(0) * lib.tensor([1., 2., 3., 4.], dtype=lib.float64), [[2.0, 3.0, 0.0, 5.0]],
                 [[7.0, 4.0, 138.0, 0.0]], id='cumprod_one_zero_weighted'),
    pytest.param(lambda lib, a: a.cumprod(0) * lib.tensor([1., 2., 3., 4.], dtype=lib.float64), [[0.0, 3.0, 2.0, 5.0]],
                 [[145.0, 0.0, 0.0, 0.0]], id='cumprod_leading_zero'),
    pytest.param(lambda lib, a: a.cumprod(-1) * lib.tensor([1., 2., 3., 4.], dtype=lib.float64), [[[2.0, -0.5, 3.0, 1.5], [1.0, 2.0, 3.0, 4.0]]],
                 [[[-13.5, 58.0, -9.0, -12.0], [119.0, 59.0, 38.0, 24.0]]], id='cumprod_no_zero'),
    pytest.param(lambda lib, a: lib.autograd.grad(a.cumprod(0).sum(), a, create_graph=True)[0] * lib.tensor([1., 2., 3., 4.], dtype=lib.float64), [[2.0, 0.0, 3.0, 0.5]],
                 [[11.0, 38.5, 6.0, 12.0]], id='cumprod_second_order'),
    pytest.param(lambda lib, a: lib.autograd.grad(a.cumprod(0).sum(), a, create_graph=True)[0] * lib.tensor([1., 2., 3., 4.], dtype=lib.float64), [[2.0, 0.0, 3.0, 0.0]],
                 [[8.0, 34.0, 4.0, 12.0]], id='cumprod_second_order_two_zeros'),
    pytest.param(lambda lib, a: a.cummax(0).values, [[1.0, 3.0, 3.0, 2.0, 5.0]],
                 [[1.0, 1.0, 2.0, 0.0, 1.0]], id='cummax_ties'),
    pytest.param(lambda lib, a: a.cummin(0).values * lib.arange(5.).double(), [[1.0, 3.0, 3.0, 2.0, 5.0]],
                 [[10.0, 0.0, 0.0, 0.0, 0.0]], id='cummin_weighted'),
    pytest.param(lambda lib, a: a.cummax(0).values, [[1.0, NAN, 3.0, NAN, 5.0]],
                 [[1.0, 2.0, 0.0, 2.0, 0.0]], id='cummax_nan'),
    pytest.param(lambda lib, a: a.cummax(1).values * lib.tensor([1., 10., 100.], dtype=lib.float64), [[[1.0, 0.0, 2.0], [3.0, 1.0, 3.0]]],
                 [[[11.0, 0.0, 100.0], [11.0, 0.0, 100.0]]], id='cummax_dim1'),
    pytest.param(lambda lib, a: a.sort(1).values * lib.tensor([1., 10., 100.], dtype=lib.float64), [[[1.0, 5.0, 3.0], [2.0, 0.0, 4.0]]],
                 [[[1.0, 100.0, 10.0], [10.0, 1.0, 100.0]]], id='sort_weighted'),
    pytest.param(lambda lib, a: a.sort(0, descending=True).values * lib.tensor([[1.], [10.]], dtype=lib.float64), [[[1.0, 5.0, 3.0], [2.0, 0.0, 4.0]]],
                 [[[10.0, 1.0, 10.0], [1.0, 10.0, 1.0]]], id='sort_descending_dim0'),
    pytest.param(lambda lib, a: a.topk(2).values * lib.tensor([1., 10.], dtype=lib.float64), [[[1.0, 5.0, 3.0], [2.0, 0.0, 4.0]]],
                 [[[0.0, 1.0, 10.0], [10.0, 0.0, 1.0]]], id='topk_weighted'),
    pytest.param(lambda lib, a: a.topk(2, largest=False).values * lib.tensor([1., 10.], dtype=lib.float64), [[[1.0, 5.0, 3.0], [2.0, 0.0, 4.0]]],
                 [[[1.0, 0.0, 10.0], [10.0, 1.0, 0.0]]], id='topk_smallest'),
    pytest.param(lambda lib, a: a.topk(1, dim=0).values * lib.tensor([[1., 10., 100.]], dtype=lib.float64), [[[1.0, 5.0, 3.0], [2.0, 0.0, 4.0]]],
                 [[[0.0, 10.0, 0.0], [1.0, 0.0, 100.0]]], id='topk_dim0'),
]


@pytest.mark.parametrize("fn, expected", SCAN_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", SCAN_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


# ------------------------------------------------------------------ semantics and errors
def test_the_seed_tutorial_prints_torchs_values(capsys):
    a = jg.arange(1, 10)
    print(jg.cumsum(a, 0), jg.cumprod(a, 0), jg.cummax(a, 0).values, jg.cummax(a, 0).indices, sep="\n")
    print(jg.cummin(a, 0))
    b = jg.tensor([[9, 7, 8], [1, 3, 2], [5, 6, 4]]).float()
    print(jg.topk(b, 2, dim=1))
    out = capsys.readouterr().out
    assert out == ("tensor([ 1,  3,  6, 10, 15, 21, 28, 36, 45])\n"
                   "tensor([     1,      2,      6,     24,    120,    720,   5040,  40320, 362880])\n"
                   "tensor([1, 2, 3, 4, 5, 6, 7, 8, 9])\ntensor([0, 1, 2, 3, 4, 5, 6, 7, 8])\n"
                   "jitgrad.return_types.cummin(\nvalues=tensor([1, 1, 1, 1, 1, 1, 1, 1, 1]),\n"
                   "indices=tensor([0, 0, 0, 0, 0, 0, 0, 0, 0]))\n"
                   "jitgrad.return_types.topk(\nvalues=tensor([[9., 8.],\n        [3., 2.],\n        [6., 5.]]),\n"
                   "indices=tensor([[0, 2],\n        [1, 2],\n        [1, 0]]))\n")


def test_results_are_named_pairs():
    x = jg.tensor([[3.0, 1.0, 2.0]])
    for result, name in ((x.cummax(1), "cummax"), (x.cummin(1), "cummin"), (x.sort(), "sort"),
                         (x.topk(2), "topk")):
        values, indices = result
        assert type(result) is getattr(jg.return_types, name) and result._fields == ("values", "indices")
        assert result.values is values and result[1] is indices and indices.dtype is jg.int64


def test_unstable_sort_and_topk_with_ties_give_a_valid_answer():
    # torch's stable=False (and topk) leave the order among ties open; here it is the stable one:
    # the values are torch's and every index points at its value
    x = jg.tensor([1.0, 3.0, 3.0, 2.0, 3.0] * 8)
    for values, indices in (x.sort(), x.sort(descending=True), x.topk(5), x.topk(5, largest=False)):
        np.testing.assert_array_equal(x.numpy()[indices.numpy()], values.numpy())
        assert len(set(indices.tolist())) == len(indices.tolist())
    assert x.sort().values.tolist() == sorted(x.tolist()) and x.topk(2).values.tolist() == [3.0, 3.0]
    with_nan = jg.tensor([1.0, NAN, 3.0, NAN])   # torch picks index 3 for the NaN here, an equal choice
    values, indices = with_nan.topk(3, largest=False)
    assert values.tolist()[:2] == [1.0, 3.0] and np.isnan(values.tolist()[2]) and indices.tolist()[2] in (1, 3)


def test_the_gradient_comes_back_in_the_input_dtype():
    x = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x.cumsum(0, dtype=jg.float64).sum().backward()
    assert x.grad.dtype is jg.float32 and x.grad.tolist() == [3.0, 2.0, 1.0]
    y = jg.tensor([2.0, 0.0, 3.0], requires_grad=True)
    y.cumprod(0, dtype=jg.float64).sum().backward()
    assert y.grad.dtype is jg.float32 and y.grad.tolist() == [1.0, 8.0, 0.0]


def test_cumprod_is_differentiable_to_third_order_with_zeros():
    x = jg.tensor([2.0, 0.0, 3.0, 0.5], dtype=jg.float64, requires_grad=True)
    assert jg.autograd.gradgradcheck(lambda t: jg.autograd.grad(t.cumprod(0).sum(), t, create_graph=True)[0], [x])
    assert jg.autograd.gradgradcheck(lambda t: jg.autograd.grad(t.prod(), t, create_graph=True)[0], [x])


@pytest.mark.parametrize("call, error, message", [
    (lambda: jg.cumsum(jg.ones(3)), TypeError, r'cumsum\(\) missing 1 required positional arguments: "dim"'),
    (lambda: jg.ones(3).cumprod(), TypeError, r'cumprod\(\) missing 1 required positional arguments: "dim"'),
    (lambda: jg.ones(3).cummax(), TypeError, r'cummax\(\) missing 1 required positional arguments: "dim"'),
    (lambda: jg.ones(2, 2).cumsum(True), TypeError, r"cumsum\(\): argument 'dim' \(position 1\) must be int, not bool"),
    (lambda: jg.ones(2, 2).cumsum((0,)), TypeError, r"cumsum\(\): argument 'dim' \(position 1\) must be int"),
    (lambda: jg.ones(2, 3).cumsum(2), IndexError, r"Dimension out of range \(expected to be in range of \[-2, 1\]"),
    (lambda: jg.tensor(3.0).cummin(1), IndexError, r"expected to be in range of \[-1, 0\], but got 1"),
    (lambda: jg.ones(2, 3).sort(-3), IndexError, r"Dimension out of range"),
    (lambda: jg.ones(2, 2).sort(True), TypeError, r"sort\(\): argument 'dim' must be int, not bool"),
    (lambda: jg.ones(2).topk(3), RuntimeError, r"selected index k out of range"),
    (lambda: jg.ones(2).topk(-1), RuntimeError, r"selected index k out of range"),
    (lambda: jg.tensor(5.0).topk(2), RuntimeError, r"selected index k out of range"),
    (lambda: jg.ones(2).topk(1.0), TypeError, r"topk\(\): argument 'k' \(position 1\) must be int, not float"),
    (lambda: jg.ones(2).topk(True), TypeError, r"topk\(\): argument 'k' \(position 1\) must be int, not bool"),
    (lambda: jg.tensor([True, False]).topk(1), RuntimeError, r"topk does not support bool"),
    (lambda: jg.ones(2, 3).topk(1, 2), IndexError, r"Dimension out of range"),
])
def test_errors_name_the_op_and_match_torchs_types(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_scans_record_no_graph_without_grad():
    x = jg.ones(2, 3)
    assert x.cumsum(0).grad_fn is None and x.sort().values.grad_fn is None
    with jg.no_grad():
        y = jg.ones(3, requires_grad=True)
        assert y.cumprod(0).grad_fn is None and y.topk(1).values.grad_fn is None
