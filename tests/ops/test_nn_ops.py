"""The rest of nn.functional: embedding (padding_idx, scale_grad_by_freq, max_norm), linear,
dropout and dropout2d (jitgrad's generator, reproducible under manual_seed), batch_norm
(training and eval, running statistics): forward against NumPy, gradients by finite
differences, and torch 2.13's values and errors (recorded as literals)."""
import numpy as np
import pytest

import jitgrad as jg
import jitgrad.nn.functional as F
from jitgrad.ops.embedding import embedding_backward, embedding_grad_gather

rng = np.random.default_rng(51)


def U(*shape):
    return rng.uniform(-1, 1, shape)


IDX = np.array([[1, 3, 1], [0, 1, 2]])                 # duplicates accumulate
EMB_ATTRS = dict(rows=4, padding_idx=2, scale_grad_by_freq=True)


def np_embedding_backward(g, indices, rows, padding_idx, scale_grad_by_freq):
    out = np.zeros((rows, g.shape[-1]), g.dtype)
    counts = np.bincount(indices.ravel(), minlength=rows)
    for i, row in zip(np.ndindex(*indices.shape), indices.ravel()):
        if row != padding_idx:
            out[row] += g[i] / (counts[row] if scale_grad_by_freq else 1)
    return out


def np_grad_gather(g, indices, rows, padding_idx, scale_grad_by_freq):
    counts = np.bincount(indices.ravel(), minlength=rows)
    scale = np.where(indices == padding_idx, 0.0, 1.0 / (counts[indices] if scale_grad_by_freq else 1))
    return (g[indices] * scale[..., None]).astype(g.dtype)


GRAD_CASES = [
    pytest.param("embedding", lambda w, i: F.embedding(i, w), [U(4, 3), IDX], True, id="embedding"),
    pytest.param("embedding", lambda w: F.embedding(jg.tensor([2, 0, 2], dtype=jg.int32), w), [U(3, 2)], True,
                 id="embedding-int32"),
    pytest.param("embedding_backward", lambda g, i: embedding_backward(g, i, **EMB_ATTRS), [U(2, 3, 2), IDX], True,
                 id="embedding-backward"),
    pytest.param("embedding_grad_gather", lambda g, i: embedding_grad_gather(g, i, **EMB_ATTRS), [U(4, 2), IDX], True,
                 id="embedding-grad-gather"),
]

FORWARD_CASES = [
    pytest.param("embedding", lambda w, i: F.embedding(i, w), lambda w, i: w[i], [U(4, 3), IDX], id="embedding"),
    pytest.param("embedding", lambda w, i: F.embedding(i, w, padding_idx=-1), lambda w, i: w[i], [U(3, 2), IDX[1]],
                 id="embedding-padding-row-still-read"),
    pytest.param("embedding_backward", lambda g, i: embedding_backward(g, i, **EMB_ATTRS),
                 lambda g, i: np_embedding_backward(g, i, **EMB_ATTRS), [U(2, 3, 2), IDX], id="embedding-backward"),
    pytest.param("embedding_grad_gather", lambda g, i: embedding_grad_gather(g, i, **EMB_ATTRS),
                 lambda g, i: np_grad_gather(g, i, **EMB_ATTRS), [U(4, 2), IDX], id="embedding-grad-gather"),
]


# ------------------------------------------------------------------ embedding
def test_embedding_gradient_options_match_torch():
    weight = jg.tensor([[1., 2.], [3., 4.], [5., 6.], [7., 8.]], requires_grad=True)
    out = F.embedding(jg.tensor(IDX), weight, padding_idx=2, scale_grad_by_freq=True)
    assert out.grad_fn.name() == "EmbeddingBackward0" and out.shape == (2, 3, 2)
    out.backward(jg.arange(12.0).reshape(2, 3, 2))
    assert weight.grad.tolist() == [[6.0, 7.0], [4.0, 5.0], [0.0, 0.0], [2.0, 3.0]]
    plain = jg.tensor(np.ones((4, 2)), requires_grad=True)
    F.embedding(jg.tensor(IDX), plain).sum().backward()
    assert plain.grad.tolist() == [[1.0, 1.0], [3.0, 3.0], [1.0, 1.0], [1.0, 1.0]]   # row 1 read three times


def test_embedding_max_norm_renormalises_read_rows_in_place_as_torch():
    weight = jg.tensor([[1., 2.], [3., 4.], [0.3, 0.4], [7., 8.]])
    version = weight._version[0]
    F.embedding(jg.tensor(IDX), weight, max_norm=2.0)
    np.testing.assert_allclose(weight.numpy(), [[0.8944271206855774, 1.7888542413711548],
                                                [1.2000000476837158, 1.600000023841858],
                                                [0.30000001192092896, 0.4000000059604645],
                                                [1.3170090913772583, 1.5051532983779907]], rtol=1e-6)
    assert weight._version[0] > version


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.embedding(jg.tensor([1, 4]), jg.ones(4, 2)), IndexError, "index out of range in self"),
    (lambda: F.embedding(jg.tensor([1, -1]), jg.ones(4, 2)), IndexError, "index out of range in self"),
    (lambda: F.embedding(jg.tensor([1., 2.]), jg.ones(4, 2)), RuntimeError,
     "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got "
     "jitgrad.FloatTensor instead (while checking arguments for embedding)"),
    (lambda: F.embedding(jg.tensor([1]), jg.ones(4, 2), padding_idx=4), AssertionError,
     "Padding_idx must be within num_embeddings"),
    (lambda: F.embedding(jg.tensor([1]), jg.ones(4, 2), padding_idx=-5), AssertionError,
     "Padding_idx must be within num_embeddings"),
    (lambda: F.embedding(jg.tensor([1]), jg.ones(4)), RuntimeError, "'weight' must be 2-D"),
    (lambda: F.embedding(jg.tensor([1]), jg.ones(4, 2), sparse=True), NotImplementedError, "sparse"),
])
def test_embedding_errors_as_torch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


# ------------------------------------------------------------------ linear
def test_linear_matches_torch_and_numpy():
    x = jg.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True)
    w = jg.tensor([[1., 0, -1], [2, 1, 0]], requires_grad=True)
    b = jg.tensor([0.5, -1], requires_grad=True)
    y = F.linear(x, w, b)
    y.backward(jg.tensor([[1., 2], [3, 4]]))
    assert y.tolist() == [[-1.5, 3.0], [-1.5, 12.0]]
    assert x.grad.tolist() == [[5.0, 2.0, -1.0], [11.0, 4.0, -3.0]]
    assert w.grad.tolist() == [[13.0, 17.0, 21.0], [18.0, 24.0, 30.0]] and b.grad.tolist() == [4.0, 6.0]
    batch = U(5, 2, 3)
    np.testing.assert_allclose(F.linear(jg.tensor(batch), w.detach().double()).numpy(), batch @ w.detach().numpy().T)
    assert F.linear(jg.ones(3), jg.ones(4, 3)).shape == (4,) and F.linear(jg.ones(2, 3), jg.ones(3)).shape == (2,)
    leaves = [jg.tensor(U(2, 3), requires_grad=True), jg.tensor(U(4, 3), requires_grad=True),
              jg.tensor(U(4), requires_grad=True)]
    assert jg.autograd.gradcheck(F.linear, leaves) and jg.autograd.gradgradcheck(F.linear, leaves)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(2x3 and 5x4\)"):
        F.linear(jg.ones(2, 3), jg.ones(4, 5))


# ------------------------------------------------------------------ dropout
def test_dropout_is_reproducible_scaled_and_a_mul():
    x = jg.ones(400, 50, requires_grad=True)
    jg.manual_seed(7)
    y = F.dropout(x, 0.3)
    jg.manual_seed(7)
    again = F.dropout(x, 0.3)
    assert y.grad_fn.name() == "MulBackward0"                 # as torch on the CPU: input * mask
    np.testing.assert_array_equal(y.detach().numpy(), again.detach().numpy())
    kept = y.detach().numpy() != 0
    assert abs(kept.mean() - 0.7) < 0.01
    np.testing.assert_allclose(y.detach().numpy()[kept], 1 / 0.7, rtol=1e-6)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), y.detach().numpy())   # the gradient is the mask
    assert not np.array_equal(F.dropout(x, 0.3).detach().numpy(), y.detach().numpy())   # a fresh draw


def test_dropout_edge_cases_as_torch():
    x = jg.tensor(U(3, 4))
    images = jg.ones(2, 3, 4, 4)
    assert F.dropout(x, 0.5, training=False) is x and F.dropout2d(images, 0.5, training=False) is images
    assert F.dropout(x, 0.0).tolist() == x.tolist()
    assert (F.dropout(x, 1.0).numpy() == 0).all()
    inplace = jg.ones(10, 10)
    assert F.dropout(inplace, 0.5, inplace=True) is inplace and set(np.unique(inplace.numpy())) <= {0.0, 2.0}
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got 1.5"):
        F.dropout(x, 1.5)
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got -0.1"):
        F.dropout2d(x, -0.1)
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        F.dropout(jg.tensor([1, 2]), 0.5)


def test_dropout2d_drops_whole_channels():
    jg.manual_seed(3)
    y = F.dropout2d(jg.ones(8, 40, 3, 3), 0.5).numpy().reshape(8, 40, 9)
    assert (y.std(axis=-1) == 0).all()                          # each channel all kept or all dropped
    assert set(np.unique(y)) == {0.0, 2.0}
    with pytest.warns(UserWarning, match="Received a 3D input to dropout2d"):
        z = F.dropout2d(jg.ones(4, 30, 5), 0.5).numpy()          # read as (N, C, L), as torch
    assert (z.std(axis=-1) == 0).all()
    with pytest.warns(UserWarning, match="Received a 1-D input"), pytest.raises(
            RuntimeError, match="Feature dropout requires at least 2 dimensions in the input"):
        F.dropout2d(jg.ones(5), 0.5)


# ------------------------------------------------------------------ batch_norm
X = [[1., 2.], [3., 5.], [-1., 0.5]]


def test_batch_norm_training_and_running_statistics_match_torch():
    running_mean, running_var = jg.tensor([0.5, -0.5], dtype=jg.float64), jg.tensor([2., 1.], dtype=jg.float64)
    out = F.batch_norm(jg.tensor(X, dtype=jg.float64), running_mean, running_var,
                       jg.tensor([2., 1.], dtype=jg.float64), jg.tensor([0., 1.], dtype=jg.float64),
                       training=True, momentum=0.3)
    np.testing.assert_allclose(out.numpy(), [[0.0, 0.7327391398885317], [2.4494851500028276, 2.336304300557342],
                                             [-2.4494851500028276, -0.06904344044587352]], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(running_mean.numpy(), [0.6499999999999999, 0.4], rtol=1e-12)   # unbiased var below
    np.testing.assert_allclose(running_var.numpy(), [2.5999999999999996, 2.275], rtol=1e-12)
    evaluated = F.batch_norm(jg.tensor(X, dtype=jg.float64), running_mean, running_var, eps=0.1)
    np.testing.assert_allclose(evaluated.numpy(), [[0.21300321680756468, 1.0382170952368803],
                                                   [1.4301644557079338, 2.9848741488060306],
                                                   [-1.0041580220928046, 0.064888568452305]], rtol=1e-12)


def test_batch_norm_gradients_and_spatial_inputs():
    x = U(4, 3, 5)
    out = F.batch_norm(jg.tensor(x), None, None, training=True).numpy()
    mean, var = x.mean(axis=(0, 2), keepdims=True), x.var(axis=(0, 2), keepdims=True)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(var + 1e-5), rtol=1e-12)
    inputs = [jg.tensor(U(4, 3, 2), requires_grad=True), jg.tensor(U(3), requires_grad=True),
              jg.tensor(U(3), requires_grad=True)]
    training = lambda a, w, b: F.batch_norm(a, None, None, w, b, training=True)       # noqa: E731
    assert jg.autograd.gradcheck(training, inputs) and jg.autograd.gradgradcheck(training, inputs)
    stats = (jg.tensor(U(3)), jg.tensor(rng.uniform(0.5, 2, 3)))
    evaluating = lambda a, w, b: F.batch_norm(a, *stats, w, b)                          # noqa: E731
    assert jg.autograd.gradcheck(evaluating, inputs)


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.batch_norm(jg.ones(1, 3), jg.zeros(3), jg.ones(3), training=True), ValueError,
     "Expected more than 1 value per channel when training, got input size jitgrad.Size([1, 3])"),
    (lambda: F.batch_norm(jg.ones(4, 3), jg.zeros(2), jg.ones(2)), RuntimeError,
     "running_mean should contain 3 elements not 2"),
    (lambda: F.batch_norm(jg.ones(4, 3), None, None), RuntimeError, "running_mean must be defined in evaluation mode"),
])
def test_batch_norm_errors_as_torch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
