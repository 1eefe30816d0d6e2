"""max_pool1d and max_pool2d: values and indices against a direct-loop reference (stride,
padding, dilation, ceil_mode, unbatched inputs), gradients by finite differences to second
order, and torch 2.13's values, gradient routing and errors (recorded as literals)."""
import numpy as np
import pytest

import jitgrad as jg
import jitgrad.nn.functional as F
from jitgrad.ops.pool import max_unpool_add, pool_gather

rng = np.random.default_rng(31)


def U(*shape):
    return rng.uniform(-1, 1, shape)


def out_size(n, k, s, p, d, ceil_mode):
    span = n + 2 * p - d * (k - 1) - 1
    out = (int(np.ceil(span / s)) if ceil_mode else span // s) + 1
    return out - 1 if ceil_mode and (out - 1) * s >= n + p else out


def loop_max_pool(x, kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    """Each output: the first largest element of its window (inside the input), and its flat index."""
    k = len(kernel)
    stride = kernel if stride is None else stride
    stride, padding, dilation = (tuple(np.broadcast_to(v, (k,))) for v in (stride, padding, dilation))
    lead, spatial = x.shape[:-k], x.shape[-k:]
    out = tuple(out_size(*a, ceil_mode) for a in zip(spatial, kernel, stride, padding, dilation))
    values, indices = np.zeros(lead + out, x.dtype), np.zeros(lead + out, np.int64)
    for plane in np.ndindex(*lead):
        for pos in np.ndindex(*out):
            best, best_at = -np.inf, None
            for off in np.ndindex(*kernel):
                at = tuple(p * s - pd + o * d for p, s, pd, o, d in zip(pos, stride, padding, off, dilation))
                if all(0 <= a < n for a, n in zip(at, spatial)) and x[plane + at] > best:
                    best, best_at = x[plane + at], at
            values[plane + pos] = best
            indices[plane + pos] = np.ravel_multi_index(best_at, spatial)
    return values, indices


def pooled(fn, **kw):
    return lambda x: fn(x, return_indices=True, **kw)


IDX = np.array([[[0, 1], [5, 4]], [[2, 2], [3, 0]]])      # a (2, 2, 2) plane of indices into 2x3 inputs
UNPOOL = dict(in_size=(2, 3), overlapping=True)             # index 2 twice in plane 1: they add up
UNIQUE = np.array([[[0, 1], [5, 4]], [[2, 1], [3, 0]]])   # each at most once: assigned, not summed

GRAD_CASES = [
    pytest.param("max_pool", lambda x: F.max_pool2d(x, 2), [U(2, 2, 4, 5)], True, id="max_pool2d"),
    pytest.param("max_pool", lambda x: F.max_pool2d(x, (3, 2), stride=(2, 1), padding=1, dilation=(1, 2)),
                 [U(1, 2, 6, 6)], True, id="max_pool2d-options"),
    pytest.param("max_pool", lambda x: F.max_pool2d(x, 3, 2, ceil_mode=True), [U(2, 5, 6)], True,
                 id="max_pool2d-ceil-unbatched"),
    pytest.param("max_pool", lambda x: F.max_pool1d(x, 3, stride=1, padding=1), [U(2, 3, 6)], True,
                 id="max_pool1d-overlapping"),
    pytest.param("max_unpool_add", lambda g: max_unpool_add(g, jg.tensor(IDX), **UNPOOL), [U(2, 2, 2)], True,
                 id="max-unpool-add"),
    pytest.param("max_unpool_add", lambda g: max_unpool_add(g, jg.tensor(UNIQUE), in_size=(2, 3), overlapping=False),
                 [U(2, 2, 2)], True, id="max-unpool-assign"),
    pytest.param("pool_gather", lambda g: pool_gather(g, jg.tensor(IDX), **UNPOOL), [U(2, 2, 3)], True,
                 id="pool-gather"),
]


def _unpool_reference(g, indices, in_size):
    out = np.zeros(g.shape[:-2] + in_size, g.dtype)
    for idx in np.ndindex(*g.shape):
        out[idx[:-2] + np.unravel_index(indices[idx], in_size)] += g[idx]
    return out


def _gather_reference(g, indices, in_size):
    return np.stack([g[p].reshape(-1)[indices[p]] for p in range(g.shape[0])])


FORWARD_CASES = [
    pytest.param("max_pool", pooled(F.max_pool2d, kernel_size=2), lambda x: loop_max_pool(x, (2, 2)),
                 [U(2, 3, 4, 6)], id="max_pool2d"),
    pytest.param("max_pool", pooled(F.max_pool2d, kernel_size=(2, 3), stride=(1, 2), padding=(1, 1), dilation=(2, 1)),
                 lambda x: loop_max_pool(x, (2, 3), (1, 2), (1, 1), (2, 1)), [U(1, 2, 6, 7)], id="max_pool2d-options"),
    pytest.param("max_pool", pooled(F.max_pool2d, kernel_size=3, stride=2, padding=1, ceil_mode=True),
                 lambda x: loop_max_pool(x, (3, 3), 2, 1, ceil_mode=True), [U(2, 6, 6)],
                 id="max_pool2d-ceil-unbatched"),
    pytest.param("max_pool", pooled(F.max_pool1d, kernel_size=3, stride=2, ceil_mode=True),
                 lambda x: loop_max_pool(x, (3,), 2, ceil_mode=True), [U(2, 3, 8)], id="max_pool1d-ceil"),
    pytest.param("max_pool", pooled(F.max_pool1d, kernel_size=2, dilation=2, padding=1),
                 lambda x: loop_max_pool(x, (2,), None, 1, 2), [U(3, 7)], id="max_pool1d-dilated-unbatched"),
    pytest.param("max_unpool_add", lambda g: max_unpool_add(g, jg.tensor(IDX), **UNPOOL),
                 lambda g: _unpool_reference(g, IDX, (2, 3)), [U(2, 2, 2)], id="max-unpool-add"),
    pytest.param("max_unpool_add", lambda g: max_unpool_add(g, jg.tensor(UNIQUE), in_size=(2, 3), overlapping=False),
                 lambda g: _unpool_reference(g, UNIQUE, (2, 3)), [U(2, 2, 2)], id="max-unpool-assign"),
    pytest.param("pool_gather", lambda g: pool_gather(g, jg.tensor(IDX), **UNPOOL),
                 lambda g: _gather_reference(g, IDX, (2, 3)), [U(2, 2, 3)], id="pool-gather"),
]


def test_values_indices_and_gradient_routing_match_torch():
    # ties and overlapping windows: the first maximum wins; each window's gradient goes to it
    x = jg.tensor([[[1., 5., 3., 5.], [2., 9., 9., 0.], [4., -1., 2., 7.]]], requires_grad=True)
    v, i = F.max_pool2d(x, 2, stride=1, padding=1, return_indices=True)
    assert v.grad_fn.name() == "MaxPool2DWithIndicesBackward0" and i.dtype is jg.int64
    assert v.tolist() == [[[1.0, 5.0, 5.0, 5.0, 5.0], [2.0, 9.0, 9.0, 9.0, 5.0], [4.0, 9.0, 9.0, 9.0, 7.0],
                           [4.0, 4.0, 2.0, 7.0, 7.0]]]
    assert i.tolist() == [[[0, 1, 1, 3, 3], [4, 5, 5, 6, 3], [8, 5, 5, 6, 11], [8, 8, 10, 11, 11]]]
    v.backward(jg.arange(v.numel(), dtype=jg.float32).reshape(tuple(v.shape)))
    assert x.grad.tolist() == [[[0.0, 3.0, 0.0, 16.0], [5.0, 36.0, 21.0, 0.0], [41.0, 0.0, 17.0, 51.0]]]
    assert F.max_pool1d(jg.tensor([[3., 1., 4., 1., 5., 9., 2.]]), 3, stride=2, ceil_mode=True).tolist() == [
        [4.0, 5.0, 9.0]]


def test_nan_wins_and_integers_pool():
    x = jg.tensor([[[1.0, float("nan")], [3.0, 2.0]]])
    assert np.isnan(F.max_pool2d(x, 2).item())                      # torch propagates NaN
    assert F.max_pool2d(jg.tensor([[[[1, 0], [0, 1]]]]), 2).tolist() == [[[[1]]]]
    assert F.max_pool2d(jg.tensor([[[[1, 0], [0, 1]]]]), 2).dtype is jg.int64


def test_stride_defaults_to_kernel_and_empty_batch():
    x = jg.tensor(U(1, 2, 6, 6))
    assert F.max_pool2d(x, 3).shape == (1, 2, 2, 2) and F.max_pool2d(x, 3, stride=[]).shape == (1, 2, 2, 2)
    assert F.max_pool2d(jg.zeros(0, 2, 4, 4), 2).shape == (0, 2, 2, 2)


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.max_pool2d(jg.ones(2, 3, 5, 5), 2, padding=2), RuntimeError,
     "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"),
    (lambda: F.max_pool2d(jg.ones(2, 3, 5, 5), 7), RuntimeError,
     "Given input size: (3x5x5). Calculated output size: (3x0x0). Output size is too small"),
    (lambda: F.max_pool2d(jg.ones(2, 3, 5, 5), 2, stride=0), RuntimeError, "stride should not be zero"),
    (lambda: F.max_pool2d(jg.ones(2, 3, 5, 5), 2, dilation=0), RuntimeError, "dilation should be greater than zero"),
    (lambda: F.max_pool2d(jg.ones(5, 5), 2), RuntimeError, "non-empty 3D or 4D (batch mode) tensor expected for input"),
    (lambda: F.max_pool1d(jg.ones(2, 3, 5, 5), 2), RuntimeError,
     "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:"
     "[2, 3, 5, 5]"),
    (lambda: F.max_pool2d(jg.ones(1, 1, 5, 5), (2, 2, 2)), RuntimeError,
     "max_pool2d: kernel_size must either be a single int, or a tuple of two ints"),
    (lambda: F.max_pool2d(jg.ones(1, 1, 4, 4, dtype=jg.complex64), 2), NotImplementedError, "complex"),
    (lambda: F.max_pool2d(jg.ones(1, 1, 4, 4, dtype=jg.bool), 2), NotImplementedError,
     "\"max_pool2d\" not implemented for 'Bool'"),
])
def test_errors_as_torch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
