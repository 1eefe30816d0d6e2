"""nn.functional under ``jitgrad.compile``: a small CNN (conv2d, relu, max_pool2d, linear,
cross_entropy) gives eager's loss and gradients; value checks made by the ops' forwards
(indices out of range) still raise in compiled code; what cannot be traced — dropout's
random mask, batch_norm's in-place update of running statistics, embedding's max_norm
renormalisation — is refused with a TraceError, never run with a stale value."""
import numpy as np
import pytest

import jitgrad as jg
import jitgrad.nn.functional as F
from jitgrad.compile import TraceError

rng = np.random.default_rng(61)


def small_cnn(x, target, w1, b1, w2, w3, b3):
    h = F.max_pool2d(F.relu(F.conv2d(x, w1, b1, padding=1)), 2, ceil_mode=True)
    h = F.conv2d(h, w2, stride=2, padding="valid", groups=1)
    return F.cross_entropy(F.linear(h.flatten(1), w3, b3), target, label_smoothing=0.1)


def _cnn_inputs(dtype):
    x = rng.standard_normal((4, 2, 9, 9))
    params = [rng.standard_normal((3, 2, 3, 3)) * 0.4, rng.standard_normal(3) * 0.1,
              rng.standard_normal((4, 3, 2, 2)) * 0.4]
    head = (rng.standard_normal((5, 16)) * 0.3, rng.standard_normal(5) * 0.1)
    return x.astype(dtype), np.array([0, 4, 1, 3]), [p.astype(dtype) for p in params], [h.astype(dtype) for h in head]


def _tensors(x, target, params, head):
    leaves = [jg.tensor(a, requires_grad=True) for a in [x, *params, *head]]
    return leaves, (leaves[0], jg.tensor(target), *leaves[1:])


@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-10), (np.float32, 1e-4)])
def test_small_cnn_compiled_matches_eager(dtype, rtol):
    compiled = jg.compile(small_cnn)
    for _ in range(2):                               # a second call with new data reuses the entry
        data = _cnn_inputs(dtype)
        eager_leaves, eager_args = _tensors(*data)
        compiled_leaves, compiled_args = _tensors(*data)
        expected, got = small_cnn(*eager_args), compiled(*compiled_args)
        assert got.dtype is expected.dtype
        np.testing.assert_allclose(got.item(), expected.item(), rtol=rtol)
        expected.backward()
        got.backward()
        for e, c in zip(eager_leaves, compiled_leaves):
            np.testing.assert_allclose(c.grad.numpy(), e.grad.numpy(), rtol=rtol, atol=rtol * 1e-2)
    assert len(compiled.entries) == 1 and compiled.retraces == 0


def test_conv_and_pool_gradients_compile_to_their_own_ops():
    f = jg.compile(lambda x, w: F.max_pool2d(F.conv2d(x, w, padding="same"), 2).sum())
    x, w = jg.randn(2, 3, 6, 6, requires_grad=True), jg.randn(4, 3, 3, 3, requires_grad=True)
    f(x, w).backward()
    (entry,) = f.entries.values()
    ops = {d.get("op") for _, d in entry.backward_graph.nodes(data=True)}
    assert {"conv_input_grad", "conv_weight_grad", "max_unpool_add"} <= ops


def test_values_checked_by_forwards_still_raise_when_compiled():
    lookup = jg.compile(lambda weight, indices: F.embedding(indices, weight).sum())
    weight = jg.randn(5, 2, requires_grad=True)
    assert lookup(weight, jg.tensor([0, 4])).shape == ()
    with pytest.raises(IndexError, match="index out of range in self"):
        lookup(weight, jg.tensor([0, 5]))
    loss = jg.compile(lambda x, t: F.cross_entropy(x, t))
    x = jg.randn(3, 4, requires_grad=True)
    assert np.isfinite(loss(x, jg.tensor([0, 1, 3])).item())
    with pytest.raises(IndexError, match="Target 7 is out of bounds."):
        loss(x, jg.tensor([0, 7, 3]))


def test_dropout_in_training_is_refused_and_compiles_when_nothing_is_drawn():
    x = jg.randn(4, 5, requires_grad=True)
    with pytest.raises(TraceError, match="draws random numbers"):
        jg.compile(lambda a: F.dropout(a, 0.5).sum())(x)
    with pytest.raises(TraceError, match="draws random numbers"):
        jg.compile(lambda a: F.dropout2d(a.reshape(1, 2, 2, 5), 0.5, training=True).sum())(x)
    for fn in (lambda a: F.dropout(a, 0.5, training=False) * 2, lambda a: F.dropout(a, 0.0) * 2,
               lambda a: F.dropout(a, 1.0) + 1):
        np.testing.assert_array_equal(jg.compile(fn)(x).detach().numpy(), fn(x).detach().numpy())


def test_batch_norm_running_update_is_refused_and_eval_compiles():
    x = jg.randn(6, 3, requires_grad=True)
    mean, var = jg.zeros(3), jg.ones(3)
    with pytest.raises(TraceError, match="updates running_mean and running_var in place"):
        jg.compile(lambda a: F.batch_norm(a, mean, var, training=True))(x)
    assert mean.tolist() == [0.0, 0.0, 0.0]                        # nothing was written while tracing
    for fn in (lambda a: F.batch_norm(a, mean, var, training=False).sum(),
               lambda a: F.batch_norm(a, None, None, training=True).pow(2).sum()):
        eager_x, compiled_x = jg.tensor(x.detach().numpy(), requires_grad=True), jg.tensor(x.detach().numpy(),
                                                                                         requires_grad=True)
        expected, got = fn(eager_x), jg.compile(fn)(compiled_x)
        np.testing.assert_allclose(got.item(), expected.item(), rtol=1e-5)
        expected.backward()
        got.backward()
        np.testing.assert_allclose(compiled_x.grad.numpy(), eager_x.grad.numpy(), rtol=1e-4, atol=1e-5)


def test_embedding_max_norm_is_refused():
    weight = jg.randn(5, 2, requires_grad=True)
    with pytest.raises(TraceError, match="max_norm"):
        jg.compile(lambda i: F.embedding(i, weight, max_norm=1.0).sum())(jg.tensor([0, 1]))
