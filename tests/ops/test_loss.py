"""Losses: mse_loss, binary_cross_entropy, nll_loss and cross_entropy against float64 NumPy
references written from their definitions (every reduction, class weights, ignore_index,
label_smoothing, class-probability targets, (N, C, d1, ...) inputs), gradients by finite
differences to second order, and torch 2.13's values, gradients and errors (literals)."""
import numpy as np
import pytest

import jitgrad as jg
import jitgrad.nn.functional as F
from jitgrad.ops.loss import nll_grad

rng = np.random.default_rng(41)


def U(*shape, low=-2.0, high=2.0):
    return rng.uniform(low, high, shape)


def P(*shape):
    return U(*shape, low=0.05, high=0.95)


def reduce_(losses, reduction, denominator=None):
    if reduction == "none":
        return losses
    total = losses.sum()
    return total if reduction == "sum" else total / (losses.size if denominator is None else denominator)


def np_mse(x, t, reduction="mean"):
    return np.asarray(reduce_((x.astype(np.float64) - t) ** 2, reduction)).astype(x.dtype)


def np_bce(x, t, w=None, reduction="mean"):
    x64 = x.astype(np.float64)
    losses = -(t * np.maximum(np.log(x64), -100) + (1 - t) * np.maximum(np.log(1 - x64), -100))
    return np.asarray(reduce_(losses * (1 if w is None else w), reduction)).astype(x.dtype)


def np_log_softmax(x, axis):
    s = x - x.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


def np_class_losses(log_p, t, w=None, reduction="mean", ignore_index=-100, smoothing=0.0):
    """Class-index targets: log_p (N, C, *d), t (N, *d); torch's mean divides by the targets' weights."""
    classes = log_p.shape[1]
    w = np.ones(classes) if w is None else w
    lp = np.moveaxis(log_p, 1, -1).reshape(-1, classes)
    losses, weights = [], []
    for row, target in zip(lp, t.reshape(-1)):
        if target == ignore_index:
            losses.append(0.0)
            weights.append(0.0)
            continue
        smooth = -(w * row).sum()
        losses.append((1 - smoothing) * -w[target] * row[target] + smoothing / classes * smooth)
        weights.append(w[target])
    losses = np.array(losses).reshape(t.shape)
    return np.asarray(reduce_(losses, reduction, np.sum(weights))).astype(log_p.dtype)


def np_nll(x, t, w=None, reduction="mean", ignore_index=-100):
    return np_class_losses(x.astype(np.float64), t, w, reduction, ignore_index).astype(x.dtype)


def np_cross_entropy(x, t, w=None, reduction="mean", ignore_index=-100, smoothing=0.0):
    log_p = np_log_softmax(x.astype(np.float64), 1)
    return np_class_losses(log_p, t, w, reduction, ignore_index, smoothing).astype(x.dtype)


def np_cross_entropy_probabilities(x, p, w=None, reduction="mean", smoothing=0.0):
    classes = x.shape[1]
    p = p.astype(np.float64) * (1 - smoothing) + smoothing / classes
    w = np.ones(classes) if w is None else w
    terms = np_log_softmax(x.astype(np.float64), 1) * p * w.reshape((1, classes) + (1,) * (x.ndim - 2))
    losses = -terms.sum(axis=1)
    return np.asarray(reduce_(losses, reduction, losses.size)).astype(x.dtype)


T4 = np.array([2, 0, -100, 1])          # one target ignored
T3D = np.array([[0, 2, 1], [1, 1, 3]])   # (N=2, d=3) targets for a (2, 4, 3) input
W3 = np.array([1.0, 2.0, 0.5])
W4 = np.array([0.5, 1.0, 2.0, 1.5])

GRAD_CASES = [
    pytest.param("mse_loss", lambda x, t: F.mse_loss(x, t), [U(3, 4), U(3, 4)], True, id="mse-mean"),
    pytest.param("mse_loss", lambda x, t: F.mse_loss(x, t, reduction="none"), [U(5), U(5)], True, id="mse-none"),
    pytest.param("binary_cross_entropy", lambda x, t: F.binary_cross_entropy(x, t), [P(3, 2), P(3, 2)], True,
                 id="bce-mean"),
    pytest.param("binary_cross_entropy",
                 lambda x, t: F.binary_cross_entropy(x, t, jg.tensor(W3), reduction="sum"), [P(2, 3), P(2, 3)], True,
                 id="bce-weighted-sum"),
    pytest.param("nll_loss", lambda x, t: F.nll_loss(x, t, jg.tensor(W3)), [U(4, 3), T4], True,
                 id="nll-weighted-mean"),
    pytest.param("nll_loss", lambda x, t: F.nll_loss(x, t, reduction="none", ignore_index=1), [U(2, 4, 3), T3D], True,
                 id="nll-3d-none"),
    pytest.param("nll_loss", lambda x, t: F.cross_entropy(x, t, jg.tensor(W3), label_smoothing=0.2), [U(4, 3), T4],
                 True, id="cross-entropy-smoothed"),
    pytest.param("nll_loss", lambda x, t: F.cross_entropy(x, t, reduction="sum"), [U(2, 4, 3), T3D], True,
                 id="cross-entropy-3d-sum"),
    pytest.param("log_softmax", lambda x, p: F.cross_entropy(x, p, jg.tensor(W4), label_smoothing=0.1),
                 [U(3, 4), P(3, 4)], True, id="cross-entropy-probabilities"),
    pytest.param("nll_loss_grad", lambda g: nll_grad(g, jg.tensor(T4), jg.tensor(W3), reduction="mean",
                                                     ignore_index=-100, classes=3), [U()], True, id="nll-grad-mean"),
    pytest.param("nll_loss_grad", lambda g: nll_grad(g, jg.tensor(T3D), None, reduction="none", ignore_index=-100,
                                                     classes=4), [U(2, 3)], True, id="nll-grad-none"),
]

FORWARD_CASES = [
    pytest.param("mse_loss", lambda x, t: F.mse_loss(x, t), np_mse, [U(3, 4), U(3, 4)], id="mse-mean"),
    pytest.param("mse_loss", lambda x, t: F.mse_loss(x, t, reduction="sum"), lambda x, t: np_mse(x, t, "sum"),
                 [U(6), U(6)], id="mse-sum"),
    pytest.param("mse_loss", lambda x, t: F.mse_loss(x, t, reduction="none"), lambda x, t: np_mse(x, t, "none"),
                 [U(2, 3), U(2, 3)], id="mse-none"),
    pytest.param("binary_cross_entropy", lambda x, t: F.binary_cross_entropy(x, t), np_bce, [P(4, 3), P(4, 3)],
                 id="bce-mean"),
    pytest.param("binary_cross_entropy",
                 lambda x, t: F.binary_cross_entropy(x, t, jg.tensor(W3, dtype=x.dtype), reduction="none"),
                 lambda x, t: np_bce(x, t, W3, "none"), [P(2, 3), P(2, 3)], id="bce-weighted-none"),
    pytest.param("nll_loss", lambda x, t: F.nll_loss(x, t), np_nll, [U(4, 3), T4], id="nll-mean"),
    pytest.param("nll_loss", lambda x, t: F.nll_loss(x, t, jg.tensor(W4, dtype=x.dtype), reduction="sum"),
                 lambda x, t: np_nll(x, t, W4, "sum"), [U(2, 4, 3), T3D], id="nll-3d-weighted-sum"),
    pytest.param("nll_loss", lambda x, t: F.nll_loss(x, t, reduction="none"), lambda x, t: np_nll(x, t, None, "none"),
                 [U(4, 3), T4], id="nll-none"),
    pytest.param("nll_loss", lambda x, t: F.cross_entropy(x, t), np_cross_entropy, [U(4, 3), T4], id="ce-mean"),
    pytest.param("nll_loss", lambda x, t: F.cross_entropy(x, t, jg.tensor(W3, dtype=x.dtype), label_smoothing=0.3),
                 lambda x, t: np_cross_entropy(x, t, W3, smoothing=0.3), [U(4, 3), T4], id="ce-weighted-smoothed"),
    pytest.param("nll_loss", lambda x, t: F.cross_entropy(x, t, reduction="none", ignore_index=3, label_smoothing=0.1),
                 lambda x, t: np_cross_entropy(x, t, None, "none", 3, 0.1), [U(2, 4, 3), T3D], id="ce-3d-none"),
    pytest.param("nll_loss", lambda x, t: F.cross_entropy(x, t, jg.tensor(W4, dtype=x.dtype), reduction="sum",
                                                                  label_smoothing=0.2),
                 lambda x, t: np_cross_entropy(x, t, W4, "sum", smoothing=0.2), [U(2, 4, 3), T3D], id="ce-3d-sum"),
    pytest.param("log_softmax", lambda x, p: F.cross_entropy(x, p), np_cross_entropy_probabilities,
                 [U(3, 4), P(3, 4)], id="ce-probabilities"),
    pytest.param("log_softmax", lambda x, p: F.cross_entropy(x, p, jg.tensor(W4, dtype=x.dtype), reduction="none",
                                                                  label_smoothing=0.2),
                 lambda x, p: np_cross_entropy_probabilities(x, p, W4, "none", 0.2), [U(2, 4, 3), P(2, 4, 3)],
                 id="ce-probabilities-3d-none"),
    pytest.param("nll_loss_grad", lambda g: nll_grad(g, jg.tensor(T4), None, reduction="sum", ignore_index=-100,
                                                     classes=3),
                 lambda g: np.array([[0, 0, -g], [-g, 0, 0], [0, 0, 0], [0, -g, 0]], dtype=g.dtype), [U()],
                 id="nll-grad-sum"),
]


# ------------------------------------------------------------------ torch's values
INPUT = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [0.0, 3.0, 1.0], [-2.0, 0.5, 0.75]]


@pytest.mark.parametrize("reduction, loss, grad", [
    ("mean", 0.8534669635497976, [
        [0.012671594768197117, -0.031017724836732746, 0.018346130068535627],
        [-0.0399739689840477, 0.021396072978100755, 0.018577896005946903], [0.0, 0.0, 0.0],
        [-0.000875642049907071, -0.2738580952094267, 0.27473373725933387]]),
    ("sum", 2.9871343724242916, [
        [0.044350581688689904, -0.10856203692856461, 0.06421145523987469],
        [-0.1399088914441669, 0.07488625542335266, 0.06502263602081416], [0.0, 0.0, 0.0],
        [-0.0030647471746747517, -0.9585033332329934, 0.9615680804076685]]),
    ("none", [0.6528304878828661, 0.5970169259295619, 0.0, 1.7372869586118638], [
        [0.044350581688689904, -0.10856203692856461, 0.06421145523987469],
        [-0.1399088914441669, 0.07488625542335266, 0.06502263602081416], [0.0, 0.0, 0.0],
        [-0.0030647471746747517, -0.9585033332329934, 0.9615680804076685]]),
])
def test_cross_entropy_matches_torch(reduction, loss, grad):
    x = jg.tensor(INPUT, dtype=jg.float64, requires_grad=True)
    out = F.cross_entropy(x, jg.tensor(T4), weight=jg.tensor(W3), reduction=reduction, label_smoothing=0.2)
    out.backward(jg.ones_like(out))
    np.testing.assert_allclose(out.detach().numpy(), loss, rtol=1e-12)
    np.testing.assert_allclose(x.grad.numpy(), grad, rtol=1e-10, atol=1e-16)


def test_cross_entropy_probabilities_and_nll_match_torch():
    x = jg.tensor(INPUT, dtype=jg.float64, requires_grad=True)
    p = jg.tensor([[0.2, 0.3, 0.5], [1., 0., 0.], [0., 0.5, 0.5], [0.1, 0.1, 0.8]], dtype=jg.float64)
    loss = F.cross_entropy(x, p, weight=jg.tensor(W3), label_smoothing=0.1)
    loss.backward()
    np.testing.assert_allclose(loss.item(), 1.1305333612426496, rtol=1e-12)
    np.testing.assert_allclose(x.grad.numpy(), [
        [-0.006808341752831927, -0.14128553784440503, 0.148093879597237],
        [-0.054574364427799144, 0.03454863540655044, 0.02002572902124864],
        [0.00470729136244967, 0.02026128216191583, -0.024968573524365465],
        [-0.024357501530512343, 0.017225115161731586, 0.007132386368780795]], rtol=1e-10)
    x.grad = None
    loss = F.nll_loss(x, jg.tensor(T4), weight=jg.tensor(W3))
    loss.backward()
    assert loss.item() == -1.0 and loss.grad_fn.name() == "NllLossBackward0"
    np.testing.assert_allclose(x.grad.numpy(), [[0.0, 0.0, -0.14285714285714285], [-0.2857142857142857, 0.0, 0.0],
                                                [0.0, 0.0, 0.0], [0.0, -0.5714285714285714, 0.0]], rtol=1e-12)


def test_all_targets_ignored_as_torch():
    x = jg.tensor(U(3, 4), requires_grad=True)
    ignored = jg.full((3,), -100, dtype=jg.int64)
    mean = F.cross_entropy(x, ignored)
    assert np.isnan(mean.item())                                   # 0 / 0
    mean.backward()
    assert (x.grad.numpy() == 0).all()                             # ... with a zero gradient, as torch
    assert F.cross_entropy(x, ignored, reduction="sum").item() == 0.0
    assert F.cross_entropy(x, ignored, reduction="none").tolist() == [0.0, 0.0, 0.0]
    assert np.isnan(F.cross_entropy(x, ignored, label_smoothing=0.1).item())


def test_unbatched_class_targets():
    x = jg.tensor(INPUT[0], dtype=jg.float64)
    expected = np_cross_entropy(np.array([INPUT[0]]), np.array([2]))
    np.testing.assert_allclose(F.cross_entropy(x, jg.tensor(2)).item(), expected, rtol=1e-12)
    assert F.nll_loss(x, jg.tensor(1), reduction="none").shape == ()


def test_bce_and_mse_match_torch():
    p = jg.tensor([0.1, 0.7, 0.999, 0.5], dtype=jg.float64, requires_grad=True)
    t = jg.tensor([0., 1., 0., 0.3], dtype=jg.float64, requires_grad=True)
    loss = F.binary_cross_entropy(p, t, weight=jg.tensor([1., 2., 0.5, 1.], dtype=jg.float64))
    loss.backward()
    assert loss.grad_fn.name() == "BinaryCrossEntropyBackward0"
    np.testing.assert_allclose(loss.item(), 1.2414338058965761, rtol=1e-12)
    np.testing.assert_allclose(p.grad.numpy(), [0.27777777777777773, -0.7142857142857143, 124.99999999999987, 0.2],
                               rtol=1e-10)
    np.testing.assert_allclose(t.grad.numpy(), [0.5493061443340548, -0.4236489301936017, -0.8633443473310691, 0.0],
                               rtol=1e-10, atol=1e-15)
    # log clamped at -100: a certain wrong answer costs 100, not inf
    assert F.binary_cross_entropy(jg.tensor([0., 1., 0., 1.]), jg.tensor([0., 1., 1., 0.]),
                                  reduction="none").tolist() == [0.0, 0.0, 100.0, 100.0]
    a = jg.tensor([1., 2., 3.], requires_grad=True)
    loss = F.mse_loss(a, jg.tensor([0., 2.5, 5.]))
    loss.backward()
    assert loss.item() == 1.75 and loss.grad_fn.name() == "MseLossBackward0"
    np.testing.assert_allclose(a.grad.numpy(), [0.6666666865348816, -0.3333333432674408, -1.3333333730697632],
                               rtol=1e-7)


def test_mse_broadcasts_with_torch_warning_and_weight():
    with pytest.warns(UserWarning, match="Using a target size"):
        loss = F.mse_loss(jg.tensor([[1., 2.], [3., 4.]]), jg.tensor([1., 0.]))
    assert loss.item() == 6.0                                      # (0 + 4 + 4 + 16) / 4
    weighted = F.mse_loss(jg.tensor([1., 2., 3.]), jg.zeros(3), weight=jg.tensor([1., 0., 2.]), reduction="sum")
    assert weighted.item() == 19.0                                 # torch 2.13's weighted mse
    with pytest.warns(UserWarning, match="size_average and reduce args will be deprecated"):
        assert F.mse_loss(jg.tensor([1., 2.]), jg.zeros(2), size_average=False).item() == 5.0   # legacy: 'sum'


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 5, 1, 2])), IndexError, "Target 5 is out of bounds."),
    (lambda: F.nll_loss(jg.ones(4, 3), jg.tensor([0, -3, 1, 2])), IndexError, "Target -3 is out of bounds."),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0., 2., 1., 2.])), RuntimeError,
     "expected target dtype to be Long or Byte, but got Float"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 2, 1, 2], dtype=jg.int32)), RuntimeError,
     "expected target dtype to be Long or Byte, but got Int"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 2, 1])), ValueError,
     "Expected input batch_size (4) to match target batch_size (3)."),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 2, 1, 2]), reduction="foo"), ValueError,
     "foo is not a valid value for reduction"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 2, 1, 2]), label_smoothing=1.5), RuntimeError,
     "label_smoothing must be between 0.0 and 1.0. Got: 1.5"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.ones(4, 3, dtype=jg.int64)), RuntimeError,
     "Expected floating point type for target with class probabilities, got Long"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.ones(4, 2)), RuntimeError,
     "0D or 1D target tensor expected, multi-target not supported"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 2, 1, 2]), weight=jg.ones(2)), RuntimeError,
     "weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]"),
    (lambda: F.cross_entropy(jg.ones(2, 3, 4), jg.tensor([[0, 1, 2], [1, 1, 1]])), RuntimeError,
     "Expected target size [2, 4], got [2, 3]"),
    (lambda: F.nll_loss(jg.tensor(1.0), jg.tensor(0)), ValueError, "Expected 1 or more dimensions (got 0)"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0, 1, 2, 1]), weight=jg.ones(3, dtype=jg.float64)),
     RuntimeError, "expected scalar type Float but found Double"),
    (lambda: F.cross_entropy(jg.ones(4, 3), jg.tensor([0., 1., 2., 1.]), weight=jg.ones(2)), RuntimeError,
     "expected target dtype to be Long or Byte, but got Float"),
    (lambda: F.nll_loss(jg.ones(2, 3, requires_grad=True), jg.tensor([0, 1]), weight=jg.ones(3, requires_grad=True)),
     RuntimeError, "the derivative for 'weight' is not implemented"),
    (lambda: F.mse_loss(jg.ones(3), jg.ones(2)), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
    (lambda: F.mse_loss(jg.ones(3), jg.ones(3), weight=jg.ones(2)), ValueError,
     "Weights and input must have the same size."),
    (lambda: F.binary_cross_entropy(jg.ones(4, 3), jg.ones(4, 1)), ValueError,
     "Using a target size (jitgrad.Size([4, 1])) that is different to the input size (jitgrad.Size([4, 3])) is "
     "deprecated. Please ensure they have the same size."),
    (lambda: F.binary_cross_entropy(jg.tensor([1.5]), jg.tensor([1.0])), RuntimeError,
     "all elements of input should be between 0 and 1"),
    (lambda: F.binary_cross_entropy(jg.tensor([0.5]), jg.tensor([0.5], dtype=jg.float64)), RuntimeError,
     "Found dtype Double but expected Float"),
])
@pytest.mark.filterwarnings("ignore:Using a target size")
def test_errors_as_torch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
