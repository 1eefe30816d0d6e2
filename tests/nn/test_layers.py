"""The layers and losses of nn: constructor arguments, attributes and reprs as torch 2.13's,
outputs against float64 NumPy references (or torch's values recorded as literals), and
finite-difference gradients through each layer, its parameters included."""
import math
import warnings

import numpy as np
import pytest

import jitgrad as jg
from jitgrad import nn
from jitgrad.autograd import gradcheck

rng = np.random.default_rng(7)


def T(*shape, requires_grad=False):
    return jg.tensor(rng.uniform(-1, 1, shape), dtype=jg.float64, requires_grad=requires_grad)


def np_of(t):
    return t.detach().numpy()


def np_conv1d(x, w, b, stride=1, padding=0, dilation=1, groups=1):
    """A direct float64 loop: the definition, not a fast path."""
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding)))
    n, c_in, length = x.shape
    c_out, per_group, k = w.shape
    out_len = (length - dilation * (k - 1) - 1) // stride + 1
    out = np.zeros((n, c_out, out_len))
    for o in range(c_out):
        g = o // (c_out // groups)
        for i in range(out_len):
            window = x[:, g * per_group:(g + 1) * per_group, i * stride:i * stride + dilation * (k - 1) + 1:dilation]
            out[:, o, i] = (window * w[o]).sum(axis=(1, 2)) + (b[o] if b is not None else 0)
    return out


def np_conv2d(x, w, b, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
    out = np.zeros((n, c_out, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.einsum("nchw,ochw->no", patch, w) + b
    return out


# ---------------------------------------------------------------------- reprs and attributes
@pytest.mark.parametrize("make, text", [
    (lambda: nn.Linear(3, 4, bias=False), "Linear(in_features=3, out_features=4, bias=False)"),
    (lambda: nn.Conv1d(3, 16, 5), "Conv1d(3, 16, kernel_size=(5,), stride=(1,))"),
    (lambda: nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False),
     "Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)"),
    (lambda: nn.Conv2d(3, 16, (3, 5), dilation=2), "Conv2d(3, 16, kernel_size=(3, 5), stride=(1, 1), dilation=(2, 2))"),
    (lambda: nn.Conv2d(4, 8, 3, groups=2, padding="same"),
     "Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=same, groups=2)"),
    (lambda: nn.Conv1d(2, 2, 3, padding=1, padding_mode="reflect"),
     "Conv1d(2, 2, kernel_size=(3,), stride=(1,), padding=(1,), padding_mode=reflect)"),
    (lambda: nn.MaxPool2d((2, 3), stride=1, padding=1, ceil_mode=True),
     "MaxPool2d(kernel_size=(2, 3), stride=1, padding=1, dilation=1, ceil_mode=True)"),
    (lambda: nn.MaxPool1d(3, return_indices=True),
     "MaxPool1d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=False)"),
    (lambda: nn.ReLU(inplace=True), "ReLU(inplace=True)"), (lambda: nn.Sigmoid(), "Sigmoid()"),
    (lambda: nn.Tanh(), "Tanh()"), (lambda: nn.Softmax(), "Softmax(dim=None)"),
    (lambda: nn.Softmax(dim=1), "Softmax(dim=1)"),
    (lambda: nn.Dropout(0.3, inplace=True), "Dropout(p=0.3, inplace=True)"),
    (lambda: nn.Dropout2d(), "Dropout2d(p=0.5, inplace=False)"),
    (lambda: nn.Flatten(0, 2), "Flatten(start_dim=0, end_dim=2)"), (lambda: nn.Identity(3, x=4), "Identity()"),
    (lambda: nn.Embedding(10, 3), "Embedding(10, 3)"),
    (lambda: nn.Embedding(10, 3, padding_idx=-1), "Embedding(10, 3, padding_idx=9)"),
    (lambda: nn.Embedding(10, 3, max_norm=1.0), "Embedding(10, 3, max_norm=1.0)"),
    (lambda: nn.BatchNorm1d(4),
     "BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"),
    (lambda: nn.BatchNorm1d(4, affine=False, track_running_stats=False, momentum=None, eps=1e-3),
     "BatchNorm1d(4, eps=0.001, momentum=None, affine=False, bias=False, track_running_stats=False)"),
    (lambda: nn.MSELoss(), "MSELoss()"), (lambda: nn.BCELoss(), "BCELoss()"), (lambda: nn.NLLLoss(), "NLLLoss()"),
    (lambda: nn.CrossEntropyLoss(weight=jg.ones(3), label_smoothing=0.1), "CrossEntropyLoss()"),
])
def test_repr_as_torch(make, text):
    assert repr(make()) == text


def test_attributes_as_torch():
    c = nn.Conv1d(3, 16, 5)
    assert (c.kernel_size, c.stride, c.padding, c.dilation, c.groups, c.padding_mode, c.output_padding,
            c.transposed) == ((5,), (1,), (0,), (1,), 1, "zeros", (0,), False)
    assert c.weight.shape == (16, 3, 5) and c.bias.shape == (16,)
    p = nn.MaxPool2d(2)
    assert (p.kernel_size, p.stride, p.padding, p.dilation, p.ceil_mode, p.return_indices) == (2, 2, 0, 1, False, False)
    loss = nn.CrossEntropyLoss()
    assert (loss.ignore_index, loss.reduction, loss.label_smoothing, loss.weight) == (-100, "mean", 0.0, None)
    assert list(nn.CrossEntropyLoss(weight=jg.ones(3)).state_dict()) == ["weight"]
    bn = nn.BatchNorm1d(4)
    assert list(bn.state_dict()) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    assert bn.num_batches_tracked.dtype is jg.int64 and bn.running_var.tolist() == [1.0] * 4
    off = nn.BatchNorm1d(4, track_running_stats=False)
    assert off.running_mean is None and list(off.state_dict()) == ["weight", "bias"]
    assert nn.Linear(2, 3, dtype=jg.float64).weight.dtype is jg.float64


@pytest.mark.parametrize("make, error, message", [
    (lambda: nn.Embedding(5, 2, padding_idx=5), AssertionError, "Padding_idx must be within num_embeddings"),
    (lambda: nn.Embedding(5, 2, padding_idx=-6), AssertionError, "Padding_idx must be within num_embeddings"),
    (lambda: nn.Dropout(1.5), ValueError, "dropout probability has to be between 0 and 1, but got 1.5"),
    (lambda: nn.Conv2d(3, 4, 3, groups=2), ValueError, "in_channels must be divisible by groups"),
    (lambda: nn.Conv2d(4, 3, 3, groups=2), ValueError, "out_channels must be divisible by groups"),
    (lambda: nn.Conv2d(4, 4, 3, padding="same", stride=2), ValueError,
     "padding='same' is not supported for strided convolutions"),
    (lambda: nn.Conv2d(4, 4, 3, padding="foo"), ValueError, "Invalid padding string 'foo', should be one of"),
    (lambda: nn.Conv2d(4, 4, 3, padding_mode="foo"), ValueError, "padding_mode must be one of"),
    (lambda: nn.BatchNorm1d(3)(jg.ones(2, 3, 4, 5)), ValueError, "expected 2D or 3D input (got 4D input)"),
    (lambda: nn.Embedding.from_pretrained(jg.ones(3)), AssertionError,
     "Embeddings parameter is expected to be 2-dimensional"),
])
def test_constructor_and_input_errors(make, error, message):
    with pytest.raises(error) as info:
        make()
    assert str(info.value).startswith(message)


# ---------------------------------------------------------------------- outputs vs references
def test_linear_matches_numpy_and_gradchecks():
    lin = nn.Linear(4, 3).double()
    x = T(5, 4, requires_grad=True)
    expected = np_of(x) @ np_of(lin.weight).T + np_of(lin.bias)
    np.testing.assert_allclose(np_of(lin(x)), expected, rtol=1e-12)
    assert gradcheck(lambda x, *params: lin(x), (x, *lin.parameters()))
    no_bias = nn.Linear(4, 2, bias=False).double()
    np.testing.assert_allclose(np_of(no_bias(x)), np_of(x) @ np_of(no_bias.weight).T, rtol=1e-12)


@pytest.mark.parametrize("kwargs", [dict(), dict(stride=2, padding=1), dict(dilation=2, groups=2)])
def test_conv1d_matches_the_definition_and_gradchecks(kwargs):
    conv = nn.Conv1d(4, 6, 3, **kwargs).double()
    x = T(2, 4, 9, requires_grad=True)
    expected = np_conv1d(np_of(x), np_of(conv.weight), np_of(conv.bias), **kwargs)
    np.testing.assert_allclose(np_of(conv(x)), expected, rtol=1e-10, atol=1e-12)
    assert gradcheck(lambda x, *params: conv(x), (x, *conv.parameters()))


def test_conv1d_padding_modes_and_same():
    x = T(1, 2, 6)
    reflect = nn.Conv1d(2, 3, 3, padding=1, padding_mode="reflect").double()
    padded = np.pad(np_of(x), ((0, 0), (0, 0), (1, 1)), mode="reflect")
    np.testing.assert_allclose(np_of(reflect(x)), np_conv1d(padded, np_of(reflect.weight), np_of(reflect.bias)),
                               rtol=1e-10)
    same = nn.Conv1d(2, 3, 4, padding="same", padding_mode="circular").double()   # even kernel: 1 before, 2 after
    padded = np.pad(np_of(x), ((0, 0), (0, 0), (1, 2)), mode="wrap")
    np.testing.assert_allclose(np_of(same(x)), np_conv1d(padded, np_of(same.weight), np_of(same.bias)), rtol=1e-10)


def test_conv2d_matches_the_definition_and_gradchecks():
    conv = nn.Conv2d(2, 3, 3, stride=2, padding=1).double()
    x = T(2, 2, 5, 5, requires_grad=True)
    expected = np_conv2d(np_of(x), np_of(conv.weight), np_of(conv.bias), stride=2, padding=1)
    np.testing.assert_allclose(np_of(conv(x)), expected, rtol=1e-10, atol=1e-12)
    assert gradcheck(lambda x, *params: conv(x), (x, *conv.parameters()))


def test_max_pools():
    x = T(2, 3, 8)
    np.testing.assert_array_equal(np_of(nn.MaxPool1d(2)(x)), np_of(x).reshape(2, 3, 4, 2).max(-1))
    x2 = T(1, 2, 4, 6)
    np.testing.assert_array_equal(np_of(nn.MaxPool2d(2)(x2)), np_of(x2).reshape(1, 2, 2, 2, 3, 2).max(axis=(3, 5)))
    values, indices = nn.MaxPool1d(2, return_indices=True)(x)
    assert indices.dtype is jg.int64 and values.shape == (2, 3, 4)


def test_activations_flatten_identity():
    x = T(2, 3, 4, requires_grad=True)
    a = np_of(x)
    np.testing.assert_allclose(np_of(nn.ReLU()(x)), np.maximum(a, 0))
    np.testing.assert_allclose(np_of(nn.Sigmoid()(x)), 1 / (1 + np.exp(-a)), rtol=1e-12)
    np.testing.assert_allclose(np_of(nn.Tanh()(x)), np.tanh(a), rtol=1e-12)
    e = np.exp(a - a.max(1, keepdims=True))
    np.testing.assert_allclose(np_of(nn.Softmax(dim=1)(x)), e / e.sum(1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(np_of(nn.LogSoftmax(dim=1)(x)), np.log(e / e.sum(1, keepdims=True)), rtol=1e-12)
    assert nn.Flatten()(x).shape == (2, 12) and nn.Flatten(0, 1)(x).shape == (6, 4)
    assert nn.Identity()(x) is x
    for layer in (nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=-1)):
        assert gradcheck(layer, (x,))
    y = jg.tensor([-1.0, 2.0])
    assert nn.ReLU(inplace=True)(y) is y and y.tolist() == [0.0, 2.0]


def test_softmax_without_dim_warns_and_picks_torch_dim():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = nn.Softmax()(jg.ones(2, 3))
    assert [str(w.message) for w in caught] == [
        "Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument."]
    np.testing.assert_allclose(np_of(out), np.full((2, 3), 1 / 3), rtol=1e-6)


def test_dropout_train_and_eval():
    x = jg.ones(200, 50)
    d = nn.Dropout(0.3)
    out = np_of(d(x))
    kept = out != 0
    assert abs(kept.mean() - 0.7) < 0.03 and np.allclose(out[kept], 1 / 0.7)
    d.eval()
    assert np.array_equal(np_of(d(x)), np_of(x))
    d2 = nn.Dropout2d(0.5)
    channels = np_of(d2(jg.ones(8, 40, 3, 3)))
    per_channel = channels.reshape(8, 40, 9)
    assert ((per_channel == 0).all(-1) | (per_channel == 2.0).all(-1)).all()    # whole channels


def test_embedding_lookup_padding_and_from_pretrained():
    emb = nn.Embedding(6, 3, padding_idx=2).double()
    idx = jg.tensor([[0, 2, 5], [2, 2, 1]])
    out = emb(idx)
    np.testing.assert_array_equal(np_of(out), np_of(emb.weight)[np.array([[0, 2, 5], [2, 2, 1]])])
    out.sum().backward()
    grad = emb.weight.grad.numpy()
    assert grad[2].tolist() == [0.0] * 3 and grad[0].tolist() == [1.0] * 3 and grad[3].tolist() == [0.0] * 3
    table = jg.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    frozen = nn.Embedding.from_pretrained(table)
    assert repr(frozen) == "Embedding(3, 2)" and not frozen.weight.requires_grad
    assert np.shares_memory(np_of(frozen.weight), table.numpy())
    free = nn.Embedding.from_pretrained(table, freeze=False, padding_idx=0)
    assert repr(free) == "Embedding(3, 2, padding_idx=0)" and free.weight.requires_grad
    assert free.weight.tolist()[0] == [1.0, 2.0]     # from_pretrained leaves the padding row as given


@pytest.mark.parametrize("shape, axes", [((6, 3), (0,)), ((4, 3, 5), (0, 2))])
def test_batchnorm1d_training_and_eval(shape, axes):
    bn = nn.BatchNorm1d(3).double()
    with jg.no_grad():
        bn.weight.copy_(jg.tensor([1.0, 2.0, 0.5], dtype=jg.float64))
        bn.bias.copy_(jg.tensor([0.0, -1.0, 3.0], dtype=jg.float64))
    x = T(*shape, requires_grad=True)
    a = np_of(x)
    view = (1, 3) + (1,) * (len(shape) - 2)
    mean, var = a.mean(axis=axes), a.var(axis=axes)
    expected = (a - mean.reshape(view)) / np.sqrt(var.reshape(view) + 1e-5) * np_of(bn.weight).reshape(view) \
        + np_of(bn.bias).reshape(view)
    np.testing.assert_allclose(np_of(bn(x)), expected, rtol=1e-10, atol=1e-12)
    n = a.size // 3
    np.testing.assert_allclose(np_of(bn.running_mean), 0.1 * mean, rtol=1e-10)
    np.testing.assert_allclose(np_of(bn.running_var), 0.9 + 0.1 * var * n / (n - 1), rtol=1e-10)
    assert bn.num_batches_tracked.item() == 1
    assert gradcheck(lambda x, *params: bn(x), (x, *bn.parameters()))
    bn.eval()
    rm, rv = np_of(bn.running_mean).reshape(view), np_of(bn.running_var).reshape(view)
    expected = (a - rm) / np.sqrt(rv + 1e-5) * np_of(bn.weight).reshape(view) + np_of(bn.bias).reshape(view)
    np.testing.assert_allclose(np_of(bn(x)), expected, rtol=1e-10, atol=1e-12)


def test_batchnorm_cumulative_average_and_untracked():
    bn = nn.BatchNorm1d(2, momentum=None).double()
    batches = [T(5, 2) for _ in range(3)]
    for b in batches:
        bn(b)
    np.testing.assert_allclose(np_of(bn.running_mean), np.mean([np_of(b).mean(0) for b in batches], axis=0), rtol=1e-10)
    off = nn.BatchNorm1d(2, track_running_stats=False, affine=False).double().eval()
    a = np_of(batches[0])
    np.testing.assert_allclose(np_of(off(batches[0])), (a - a.mean(0)) / np.sqrt(a.var(0) + 1e-5), rtol=1e-10)


# ---------------------------------------------------------------------- losses (torch's values)
X = jg.tensor([[0.5, -1.0, 2.0], [3.0, 0.0, -0.5], [0.1, 0.2, 0.3], [-1.0, 1.0, 0.0]], dtype=jg.float64)
Y = jg.tensor([2, 0, 1, 1])
W = jg.tensor([1.0, 2.0, 0.5], dtype=jg.float64)
P = jg.tensor([0.2, 0.9, 0.5, 0.01], dtype=jg.float64)
TARGET = jg.tensor([0.0, 1.0, 1.0, 0.0], dtype=jg.float64)


@pytest.mark.parametrize("loss, args, expected", [
    (lambda: nn.CrossEntropyLoss(), (X, Y), 0.45695168846817685),
    (lambda: nn.CrossEntropyLoss(weight=W, ignore_index=0, label_smoothing=0.1), (X, Y), 0.7477877686807783),
    (lambda: nn.CrossEntropyLoss(reduction="none", label_smoothing=0.2), (X, Y),
     [0.541311296657157, 0.5102799778752594, 1.101942848229244, 0.6076059644443805]),
    (lambda: nn.NLLLoss(weight=W), (jg.log_softmax(X, 1), Y), 0.584854530585046),
    (lambda: nn.NLLLoss(reduction="sum", ignore_index=1), (jg.log_softmax(X, 1), Y), 0.31825794119908307),
    (lambda: nn.BCELoss(), (P, TARGET), 0.2579253958463707),
    (lambda: nn.BCELoss(weight=jg.tensor([1.0, 2.0, 3.0, 4.0], dtype=jg.float64), reduction="none"), (P, TARGET),
     [0.22314355131420976, 0.21072103131565256, 2.0794415416798357, 0.04020134341400577]),
    (lambda: nn.MSELoss(reduction="sum"), (P, TARGET), 0.3001),
    (lambda: nn.MSELoss(), (P, TARGET), 0.075025),
])
def test_losses_as_torch(loss, args, expected):
    np.testing.assert_allclose(np_of(loss()(*args)), expected, rtol=1e-12)


def test_losses_gradcheck_and_legacy_reduction():
    x = T(4, 3, requires_grad=True)
    assert gradcheck(lambda x: nn.CrossEntropyLoss(weight=W, label_smoothing=0.1)(x, Y), (x,))
    p = jg.tensor([0.3, 0.6, 0.8], dtype=jg.float64, requires_grad=True)
    assert gradcheck(lambda p: nn.BCELoss()(p, TARGET[:3]) + nn.MSELoss()(p, TARGET[:3]), (p,))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert nn.MSELoss(size_average=False).reduction == "sum"
    assert [str(w.message) for w in caught] == [
        "size_average and reduce args will be deprecated, please use reduction='sum' instead."]


def test_linear_default_init_bound():
    lin = nn.Linear(50, 20)
    assert np.abs(np_of(lin.weight)).max() <= 1 / math.sqrt(50)
