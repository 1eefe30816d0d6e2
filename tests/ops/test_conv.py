"""conv1d and conv2d: forward against a direct-loop float64 reference (stride, padding incl.
'valid'/'same', dilation, groups, bias, unbatched inputs), gradients of the three conv ops by
finite differences to second order, and the values, gradients and errors torch 2.13 gives
(recorded as literals; torch is not needed)."""
import numpy as np
import pytest

import jitgrad as jg
import jitgrad.nn.functional as F
from jitgrad.ops.conv import conv_input_grad, conv_weight_grad

rng = np.random.default_rng(21)


def U(*shape):
    return rng.uniform(-1, 1, shape)


def I(*shape):
    """Small integers as floats: sums of them are exact in float32 too, in any order."""
    return rng.integers(-3, 4, shape).astype(np.float64)


def loop_conv(x, w, b=None, stride=1, padding=0, dilation=1, groups=1):
    """The definition, one output element at a time (batched input, numbers or tuples)."""
    k = x.ndim - 2
    stride, dilation = (np.broadcast_to(v, (k,)) for v in (stride, dilation))
    if padding == "valid":
        padding = 0
    if padding == "same":
        totals = [d * (kk - 1) for d, kk in zip(dilation, w.shape[2:])]
        pads = [(t // 2, t - t // 2) for t in totals]
    else:
        pads = [(p, p) for p in np.broadcast_to(padding, (k,))]
    xp = np.pad(x, [(0, 0), (0, 0)] + pads)
    n, cin = x.shape[:2]
    cout, cg = w.shape[:2]
    out_size = [(xp.shape[2 + i] - dilation[i] * (w.shape[2 + i] - 1) - 1) // stride[i] + 1 for i in range(k)]
    out = np.zeros((n, cout, *out_size), x.dtype)
    per_group = cout // groups
    for idx in np.ndindex(n, cout, *out_size):
        b_, co, pos = idx[0], idx[1], idx[2:]
        g = co // per_group
        total = 0.0
        for c in range(cg):
            for off in np.ndindex(*w.shape[2:]):
                where = tuple(p * s + o * d for p, s, o, d in zip(pos, stride, off, dilation))
                total += xp[(b_, g * cg + c) + where] * w[(co, c) + off]
        out[idx] = total + (b[co] if b is not None else 0.0)
    return out


def unbatched_loop_conv(x, w, **kw):
    return loop_conv(x[None], w, **kw)[0]


# attributes of a conv op call, as jitgrad.ops.conv takes them
def _attrs(stride, padding, dilation, groups, in_size, kernel):
    return dict(stride=stride, padding=padding, dilation=dilation, groups=groups, in_size=in_size, kernel=kernel)


A2 = _attrs((2, 1), ((1, 1), (0, 2)), (1, 2), 2, (4, 5), (2, 3))       # every option at once
GRAD_G = U(1, 4, 3, 3)      # conv's output shape for A2 with x (1, 4, 4, 5), w (4, 2, 2, 3)

GRAD_CASES = [
    pytest.param("conv", lambda x, w: F.conv2d(x, w), [U(1, 2, 4, 4), U(3, 2, 2, 2)], True, id="conv2d"),
    pytest.param("conv", lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1, dilation=(1, 2), groups=2),
                 [U(1, 4, 5, 6), U(4, 2, 3, 2), U(4)], True, id="conv2d-all-options"),
    pytest.param("conv", lambda x, w: F.conv2d(x, w, padding="same", dilation=2), [U(1, 1, 4, 5), U(2, 1, 2, 3)],
                 True, id="conv2d-same-uneven"),
    pytest.param("conv", lambda x, w, b: F.conv2d(x, w, b), [U(2, 4, 4), U(2, 2, 3, 3), U(2)], True,
                 id="conv2d-unbatched"),
    pytest.param("conv", lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=2, groups=3),
                 [U(2, 3, 7), U(6, 1, 3), U(6)], True, id="conv1d-groups"),
    pytest.param("conv", lambda x, w: F.conv1d(x, w, padding="valid", dilation=3), [U(2, 8), U(1, 2, 2)], True,
                 id="conv1d-unbatched-dilated"),
    pytest.param("conv_input_grad", lambda g, w: conv_input_grad(g, w, **A2), [GRAD_G, U(4, 2, 2, 3)], True,
                 id="conv-input-grad"),
    pytest.param("conv_weight_grad", lambda x, g: conv_weight_grad(x, g, **A2), [U(1, 4, 4, 5), GRAD_G], True,
                 id="conv-weight-grad"),
]

FORWARD_CASES = [
    pytest.param("conv", lambda x, w, b: F.conv2d(x, w, b), lambda x, w, b: loop_conv(x, w, b),
                 [I(2, 3, 5, 4), I(4, 3, 3, 2), I(4)], id="conv2d"),
    pytest.param("conv", lambda x, w: F.conv2d(x, w, stride=(2, 3), padding=(2, 1), dilation=(2, 1), groups=2),
                 lambda x, w: loop_conv(x, w, stride=(2, 3), padding=(2, 1), dilation=(2, 1), groups=2),
                 [I(2, 4, 7, 8), I(6, 2, 2, 3)], id="conv2d-stride-padding-dilation-groups"),
    pytest.param("conv", lambda x, w: F.conv2d(x, w, padding="same"), lambda x, w: loop_conv(x, w, padding="same"),
                 [I(1, 2, 5, 5), I(3, 2, 2, 4)], id="conv2d-same-even-kernel"),
    pytest.param("conv", lambda x, w: F.conv2d(x, w, padding="valid", groups=3),
                 lambda x, w: unbatched_loop_conv(x, w, groups=3), [I(3, 4, 4), I(3, 1, 2, 2)],
                 id="conv2d-unbatched-depthwise"),
    pytest.param("conv", lambda x, w, b: F.conv1d(x, w, b, stride=3, padding=1, dilation=2),
                 lambda x, w, b: loop_conv(x, w, b, stride=3, padding=1, dilation=2),
                 [I(2, 3, 11), I(2, 3, 3), I(2)], id="conv1d"),
    pytest.param("conv", lambda x, w: F.conv1d(x, w, padding="same", dilation=3),
                 lambda x, w: unbatched_loop_conv(x, w, padding="same", dilation=3), [I(2, 9), I(4, 2, 2)],
                 id="conv1d-unbatched-same"),
    # the adjoints, against their definition: <conv(x, w), g> = <x, dx(g, w)> = <w, dw(x, g)>
    pytest.param("conv_input_grad", lambda g, w: conv_input_grad(g, w, **A2),
                 lambda g, w: _adjoint_in_x(g, w), [I(2, 4, 3, 3), I(4, 2, 2, 3)], id="conv-input-grad"),
    pytest.param("conv_weight_grad", lambda x, g: conv_weight_grad(x, g, **A2),
                 lambda x, g: _adjoint_in_w(x, g), [I(2, 4, 4, 5), I(2, 4, 3, 3)], id="conv-weight-grad"),
]

def loop_adjoints(x, w, g, stride, pads, dilation, groups):
    """The gradients of <conv(x, w), g> in x and in w, one product term at a time."""
    xp = np.pad(x, [(0, 0), (0, 0)] + list(pads))
    dx, dw = np.zeros_like(xp), np.zeros_like(w)
    cg, per_group = w.shape[1], w.shape[0] // groups
    for idx in np.ndindex(*g.shape):
        n, co, pos = idx[0], idx[1], idx[2:]
        for c in range(cg):
            for off in np.ndindex(*w.shape[2:]):
                at = (n, co // per_group * cg + c) + tuple(p * s + o * d for p, s, o, d in
                                                          zip(pos, stride, off, dilation))
                dx[at] += g[idx] * w[(co, c) + off]
                dw[(co, c) + off] += g[idx] * xp[at]
    inner = tuple(slice(b, b + n) for (b, _), n in zip(pads, x.shape[2:]))
    return dx[(slice(None), slice(None)) + inner], dw


def _adjoint_in_x(g, w):
    return loop_adjoints(np.zeros((g.shape[0], 4, 4, 5), g.dtype), w, g, (2, 1), ((1, 1), (0, 2)), (1, 2), 2)[0]


def _adjoint_in_w(x, g):
    return loop_adjoints(x, np.zeros((4, 2, 2, 3), x.dtype), g, (2, 1), ((1, 1), (0, 2)), (1, 2), 2)[1]


# ------------------------------------------------------------------ torch's values
def _torch_case():
    x = jg.tensor((np.arange(2 * 4 * 5 * 5, dtype=np.float64).reshape(2, 4, 5, 5) % 7 - 3) / 4, requires_grad=True)
    w = jg.tensor((np.arange(6 * 2 * 3 * 3, dtype=np.float64).reshape(6, 2, 3, 3) % 5 - 2) / 3, requires_grad=True)
    b = jg.tensor([0.5, -1., 0.25, 2., 0., -0.5], dtype=jg.float64, requires_grad=True)
    return x, w, b


def test_conv2d_values_and_gradients_match_torch():
    x, w, b = _torch_case()
    y = F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2)
    assert y.shape == (2, 6, 3, 5) and y.grad_fn.name() == "ConvolutionBackward0"
    np.testing.assert_allclose(y[0, 0].detach().numpy(), [
        [0.5833333333333333, -0.33333333333333337, -0.33333333333333326, -0.33333333333333326, 0.25],
        [-0.4999999999999999, -0.5833333333333333, 1.0, 0.16666666666666663, 1.0833333333333333],
        [1.75, 0.5, 1.3333333333333333, 1.25, -0.41666666666666663]], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(y[1, 3].detach().numpy(), [
        [2.3333333333333335, 2.3333333333333335, 3.25, 3.333333333333333, 1.3333333333333335],
        [3.5, 2.6666666666666665, 2.220446049250313e-16, 1.0, 0.41666666666666674],
        [1.166666666666667, 1.8333333333333335, 1.6666666666666667, 3.333333333333333, 3.583333333333333]],
        rtol=1e-12, atol=1e-14)
    y.backward(jg.tensor(np.cos(np.arange(y.numel(), dtype=np.float64)).reshape(tuple(y.shape))))
    np.testing.assert_allclose(x.grad[0, 1].numpy(), [
        [1.1509136164145644, 0.6645121126964557, 0.13099360386145442, -0.8085809343878091, -1.9467430609089322],
        [-0.6916808501356987, -1.447765439152097, -0.1374047555348623, 0.6293839425591794, 1.0805251951534964],
        [0.2778438060671461, 1.0909039507779716, 1.6925616278080124, 1.4912494090583048, -0.27501566656862564],
        [1.0277616767490982, -0.3074870800422872, -0.9928266921304134, -0.6652903200341347, 0.3584390434469217],
        [-0.9932860539217095, -0.04561571508016116, 0.8292378568889787, 1.654603067276256, 1.7907199708779675]],
        rtol=1e-10)
    np.testing.assert_allclose(w.grad[5].numpy(), [
        [[0.5793905044006729, 0.9920367362519829, -0.9875711240828464],
         [-0.5818300166210487, -0.38051363591359744, -0.10585976982030099],
         [0.19108148335581537, 1.5366871484544091, 0.6422794406763197]],
        [[-1.797622790909597, 0.9496779415538161, 0.25759421313712094],
         [1.7965019907059114, 0.04225331013657063, -0.7545727524164068],
         [-0.2952325795806303, -2.117900194885496, 1.3717829271503148]]], rtol=1e-10)
    np.testing.assert_allclose(b.grad.numpy(), [-0.3350427915122165, -1.0643242411338143, 1.95215131421621,
                                                -1.9017272738292197, 0.9372871327478223, 0.4776358625759758],
                               rtol=1e-10)


def test_conv1d_same_padding_matches_torch():
    x, w, _ = _torch_case()
    y = F.conv1d(x[0, :2, 0], w[:2, :, 0], padding="same", dilation=2)
    np.testing.assert_allclose(y.detach().numpy(), [
        [-0.16666666666666663, 0.08333333333333333, 0.41666666666666663, 1.1666666666666665, 0.9166666666666665],
        [0.24999999999999992, -0.6666666666666666, -0.6666666666666665, -0.41666666666666663, -0.08333333333333333]],
        rtol=1e-12, atol=1e-15)
    assert y.grad_fn.name() == "SqueezeBackward1"        # unbatched: unsqueeze, convolve, squeeze, as torch


def test_dtypes_and_float32():
    x = jg.tensor(I(2, 3, 6, 6), dtype=jg.float32)
    w = jg.tensor(I(4, 3, 3, 3), dtype=jg.float32)
    y = F.conv2d(x, w, padding=1)
    assert y.dtype is jg.float32
    np.testing.assert_array_equal(y.numpy(), loop_conv(x.numpy().astype(np.float64), w.numpy().astype(np.float64),
                                                       padding=1))
    xi, wi = jg.tensor([[[1, 2, 3, 4]]]), jg.tensor([[[1, -1]]])
    assert F.conv1d(xi, wi).dtype is jg.int64 and F.conv1d(xi, wi).tolist() == [[[-1, -1, -1]]]   # as torch


def test_second_order_through_a_network():
    # d/dx of |conv(x, w)|^2's gradient: the vjp ops differentiate again (create_graph)
    x = jg.tensor(U(1, 2, 4, 4), requires_grad=True)
    w = jg.tensor(U(2, 2, 3, 3), requires_grad=True)
    (gx,) = jg.autograd.grad((F.conv2d(x, w) ** 2).sum(), [x], create_graph=True)
    assert gx.grad_fn.name() == "ConvolutionBackwardBackward0"
    gx.sum().backward()
    assert w.grad is not None and w.grad.shape == (2, 2, 3, 3)


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 2, 3, 3)), RuntimeError,
     "Given groups=1, weight of size [4, 2, 3, 3], expected input[2, 3, 5, 5] to have 2 channels, but got 3 "
     "channels instead"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), groups=2), RuntimeError,
     "Given groups=2, weight of size [4, 3, 3, 3], expected input[2, 3, 5, 5] to have 6 channels, but got 3 "
     "channels instead"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 7, 7)), RuntimeError,
     "Calculated padded input size per channel: (5 x 5). Kernel size: (7 x 7). Kernel size can't be greater than "
     "actual input size"),
    (lambda: F.conv2d(jg.ones(5, 5), jg.ones(4, 3, 3, 3)), RuntimeError,
     "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [5, 5]"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), jg.ones(3)), RuntimeError,
     "Given weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with 4 elements, but got bias of size "
     "[3] instead"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), stride=0), RuntimeError,
     "non-positive stride is not supported"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), padding=-1), RuntimeError,
     "negative padding is not supported"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), dilation=0), RuntimeError,
     "non-positive dilation is not supported"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(3, 1, 3, 3), groups=0), RuntimeError,
     "non-positive groups is not supported"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), padding="same", stride=2), RuntimeError,
     "padding='same' is not supported for strided convolutions"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), padding="foo"), RuntimeError,
     "Invalid padding string: 'foo'"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), stride=(1, 2, 3)), RuntimeError,
     "expected stride to be a single integer value or a list of 2 values to match the convolution dimensions, "
     "but got stride=[1, 2, 3]"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5, dtype=jg.float64), jg.ones(4, 3, 3, 3)), RuntimeError,
     "expected scalar type Double but found Float"),
    (lambda: F.conv2d(jg.ones(2, 3, 5, 5), jg.ones(4, 3, 3, 3), jg.ones(4, dtype=jg.float64)), RuntimeError,
     "Input type (float32) and bias type (float64) should be the same"),
    (lambda: F.conv1d(jg.ones(2, 3, 5), jg.ones(4, 3, 3, 3)), RuntimeError, "conv1d: expected a 3-D weight"),
])
def test_errors_as_torch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


@pytest.mark.parametrize("k, kernel, dilation, padding, groups", [
    (2, (3, 3), (1, 1), ((0, 0), (0, 0)), 1), (2, (2, 3), (2, 1), ((1, 2), (0, 1)), 2),
    (1, (5,), (1,), ((2, 2),), 1), (1, (3,), (3,), ((0, 1),), 4), (2, (1, 1), (1, 1), ((0, 0), (0, 0)), 1)])
def test_both_col2im_paths_give_the_same_input_gradient(k, kernel, dilation, padding, groups):
    # stride 1 adds each kernel offset as one contiguous run; the strided loop is the reference
    from jitgrad.ops.conv import _col2im_flat, _col2im_strided
    n, in_channels, out_channels = 2, 4, 4
    in_size = (7, 6)[:k]
    padded_size = tuple(s + b + a for s, (b, a) in zip(in_size, padding))
    out = tuple(p - d * (kk - 1) for p, d, kk in zip(padded_size, dilation, kernel))
    g = rng.standard_normal((n, out_channels) + out)
    weights = rng.standard_normal((groups, out_channels // groups, in_channels // groups * int(np.prod(kernel))))
    flat = _col2im_flat(g, weights, groups, in_channels, padded_size, kernel, dilation)
    strided = _col2im_strided(g, weights, groups, in_channels, padded_size, kernel, (1,) * k, dilation)
    np.testing.assert_allclose(flat, strided, rtol=1e-12, atol=1e-12)
