"""Convolutions: ``conv1d`` and ``conv2d`` (``nn.functional``; SPEC C1), as torch's, with
stride, padding (numbers, pairs, ``'valid'``, ``'same'``), dilation, groups and unbatched inputs.

The work is im2col plus one BLAS product per group: a strided view of the padded input holds
every window without copying (``np.lib.stride_tricks.as_strided``), one copy lays the windows
out as a ``(groups, in_channels/groups * kernel, batch * output positions)`` matrix, and
``np.matmul`` multiplies the weights into it. Three ops, closed under differentiation, so
every gradient is again a convolution and second order comes for free:

* ``conv(x, w, b)``: the convolution (``ConvolutionBackward0``);
* ``conv_input_grad(g, w)``: its adjoint in ``x`` — the product with the weights' transpose,
  then col2im, which adds each kernel offset's columns back onto the input positions they
  were read from (a loop over kernel offsets, never over pixels);
* ``conv_weight_grad(x, g)``: its adjoint in ``w`` — the im2col matrix times the gradient.

With ``u`` the incoming gradient, the vjp rules are the bilinear identities
``<conv(x, w), g> = <x, conv_input_grad(g, w)> = <w, conv_weight_grad(x, g)>``: each op's
rule in one argument is one of the other two ops with ``u`` in that argument's place. All
three share the attributes ``stride``, ``padding`` (one ``(before, after)`` pair per spatial
dim), ``dilation``, ``groups``, ``in_size`` (the input's spatial size) and ``kernel``.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .dims import per_dim
from .registry import MATMUL, defop, pass_attrs


def _out_size(in_size, kernel, stride, padding, dilation):
    return tuple((n + b + a - d * (k - 1) - 1) // s + 1
                 for n, k, s, (b, a), d in zip(in_size, kernel, stride, padding, dilation))


def _columns(x, kernel, stride, padding, dilation, groups):
    """im2col: the windows of x as a (groups, channels/groups * kernel, batch * positions)
    matrix, and the output's spatial size."""
    if any(b or a for b, a in padding):
        x = np.pad(x, ((0, 0), (0, 0)) + tuple(padding))
    n, c = x.shape[:2]
    out = _out_size(x.shape[2:], kernel, stride, ((0, 0),) * len(kernel), dilation)
    spatial_strides = x.strides[2:]
    windows = as_strided(x, (n, c) + out + tuple(kernel),
                         x.strides[:2] + tuple(s * st for s, st in zip(stride, spatial_strides))
                         + tuple(d * st for d, st in zip(dilation, spatial_strides)), writeable=False)
    k = len(kernel)
    # (channels, *kernel, batch, *positions): a group's rows, then every window as a column
    order = (1,) + tuple(range(2 + k, 2 + 2 * k)) + (0,) + tuple(range(2, 2 + k))
    cols = np.ascontiguousarray(windows.transpose(order))
    return cols.reshape(groups, c // groups * math.prod(kernel), n * math.prod(out)), out


def _grouped(g, groups):
    """(batch, channels, *positions) as (groups, channels/groups, batch * positions)."""
    return np.ascontiguousarray(np.moveaxis(g, 1, 0)).reshape(groups, g.shape[1] // groups,
                                                              g.shape[0] * math.prod(g.shape[2:]))


def _conv_forward(x, w, b, stride, padding, dilation, groups, in_size, kernel):
    cols, out = _columns(x, kernel, stride, padding, dilation, groups)
    y = np.matmul(w.reshape(groups, w.shape[0] // groups, cols.shape[1]), cols)
    y = np.moveaxis(y.reshape((w.shape[0], x.shape[0]) + out), 0, 1)
    if b is None:
        return np.ascontiguousarray(y)
    # into a C-ordered result (NumPy would keep the product's channels-first memory order)
    return np.add(y, b.reshape((-1,) + (1,) * len(out)), out=np.empty(y.shape, np.result_type(y, b)))


def _conv_input_grad_forward(g, w, stride, padding, dilation, groups, in_size, kernel):
    in_channels, out = w.shape[1] * groups, g.shape[2:]
    weights = w.reshape(groups, w.shape[0] // groups, w.shape[1] * math.prod(kernel))
    padded_size = tuple(s + b + a for s, (b, a) in zip(in_size, padding))
    if all(s == 1 for s in stride) and padded_size[-1] <= 1.5 * out[-1]:
        padded = _col2im_flat(g, weights, groups, in_channels, padded_size, kernel, dilation)
    else:
        padded = _col2im_strided(g, weights, groups, in_channels, padded_size, kernel, stride, dilation)
    inner = tuple(slice(b, b + s) for s, (b, a) in zip(in_size, padding))
    return np.ascontiguousarray(np.moveaxis(padded[(slice(None), slice(None)) + inner], 0, 1))


def _col2im_strided(g, weights, groups, in_channels, padded_size, kernel, stride, dilation):
    """The columns' sum onto the (channels, batch, *padded_size) input: a loop over kernel
    offsets only, each adding one offset's columns onto a strided window."""
    n, out = g.shape[0], g.shape[2:]
    cols = np.matmul(weights.transpose(0, 2, 1), _grouped(g, groups))
    cols = cols.reshape((in_channels,) + tuple(kernel) + (n,) + tuple(out))
    padded = np.zeros((in_channels, n) + padded_size, cols.dtype)
    for offset in np.ndindex(*kernel):
        reads = tuple(slice(k * d, k * d + (o - 1) * s + 1, s)
                      for k, d, o, s in zip(offset, dilation, out, stride))
        padded[(slice(None), slice(None)) + reads] += cols[(slice(None),) + offset]
    return padded


def _col2im_flat(g, weights, groups, in_channels, padded_size, kernel, dilation):
    """Stride 1: the same sum with each offset's add one contiguous run (~4x faster than a
    strided window). The gradient is widened to the padded input's last size with zero
    columns, so a window's rows sit where the input's rows do in the flattened input: an
    offset is then a shift of the whole flat block; the zero columns add nothing wherever
    they land (a few elements of slack past the end take the last ones)."""
    n, out, width = g.shape[0], g.shape[2:], padded_size[-1]
    wide = np.zeros((g.shape[1], n) + tuple(out[:-1]) + (width,), g.dtype)
    wide[..., :out[-1]] = np.moveaxis(g, 1, 0)
    cols = np.matmul(weights.transpose(0, 2, 1), wide.reshape(groups, g.shape[1] // groups, -1))
    span = math.prod(out[:-1]) * width
    cols = cols.reshape(in_channels, math.prod(kernel), n, span)
    flat = math.prod(padded_size)
    element_strides = [math.prod(padded_size[d + 1:]) for d in range(len(padded_size))]
    padded = np.zeros((in_channels, n, flat + (kernel[-1] - 1) * dilation[-1]), cols.dtype)
    for k, offset in enumerate(np.ndindex(*kernel)):
        start = sum(o * d * e for o, d, e in zip(offset, dilation, element_strides))
        padded[:, :, start:start + span] += cols[:, k]
    return padded[:, :, :flat].reshape((in_channels, n) + padded_size)


def _conv_weight_grad_forward(x, g, stride, padding, dilation, groups, in_size, kernel):
    cols, _ = _columns(x, kernel, stride, padding, dilation, groups)
    # columns @ g^T, transposed afterwards: the long dim is then the product's inner one in
    # both operands' memory order (~25% faster than g @ columns^T with OpenBLAS here)
    grad = np.matmul(cols, _grouped(g, groups).transpose(0, 2, 1)).transpose(0, 2, 1)
    return grad.reshape((g.shape[1], x.shape[1] // groups) + tuple(kernel))


def _conv_shape(x, w, b, stride, padding, dilation, groups, in_size, kernel):
    return (x[0], w[0]) + _out_size(in_size, kernel, stride, padding, dilation)


def _input_grad_shape(g, w, stride, padding, dilation, groups, in_size, kernel):
    return (g[0], w[1] * groups) + tuple(in_size)


def _weight_grad_shape(x, g, stride, padding, dilation, groups, in_size, kernel):
    return (g[1], x[1] // groups) + tuple(kernel)


def _attrs(stride, padding, dilation, groups, in_size, kernel):
    return dict(stride=stride, padding=padding, dilation=dilation, groups=groups, in_size=in_size, kernel=kernel)


# The rules name the incoming gradient `g`; conv_input_grad's own tensor argument is called
# `grad` (and conv_weight_grad's `grad` too) so that the two never clash.
conv = defop(
    "conv", MATMUL, _conv_forward, "x w b",
    {"x": lambda g, w, stride, padding, dilation, groups, in_size, kernel: conv_input_grad(
        g, w, **_attrs(stride, padding, dilation, groups, in_size, kernel)),
     "w": lambda g, x, stride, padding, dilation, groups, in_size, kernel: conv_weight_grad(
        x, g, **_attrs(stride, padding, dilation, groups, in_size, kernel)),
     "b": lambda g: g.sum(dim=(0,) + tuple(range(2, g.ndim)))},
    dtype="same", shape=_conv_shape, parse=pass_attrs, export=False, grad_fn="ConvolutionBackward0")
conv_input_grad = defop(
    "conv_input_grad", MATMUL, _conv_input_grad_forward, "grad w",
    {"grad": lambda g, w, stride, padding, dilation, groups, in_size, kernel: conv(
        g, w, None, **_attrs(stride, padding, dilation, groups, in_size, kernel)),
     "w": lambda g, grad, stride, padding, dilation, groups, in_size, kernel: conv_weight_grad(
        g, grad, **_attrs(stride, padding, dilation, groups, in_size, kernel))},
    dtype="same", shape=_input_grad_shape, parse=pass_attrs, export=False,
    grad_fn="ConvolutionBackwardBackward0")
conv_weight_grad = defop(
    "conv_weight_grad", MATMUL, _conv_weight_grad_forward, "x grad",
    {"x": lambda g, grad, stride, padding, dilation, groups, in_size, kernel: conv_input_grad(
        grad, g, **_attrs(stride, padding, dilation, groups, in_size, kernel)),
     "grad": lambda g, x, stride, padding, dilation, groups, in_size, kernel: conv(
        x, g, None, **_attrs(stride, padding, dilation, groups, in_size, kernel))},
    dtype="same", shape=_weight_grad_shape, parse=pass_attrs, export=False,
    grad_fn="ConvolutionBackwardBackward0")


# ------------------------------------------------------------------ the public functions
def _per_dim(value, name, k):
    return per_dim(value, k, lambda values: RuntimeError(
        f"expected {name} to be a single integer value or a list of {k} values to match the convolution "
        f"dimensions, but got {name}={list(values)}"))


def _padding_pairs(padding, kernel, stride, dilation, k):
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * k
        if padding == "same":
            if any(s != 1 for s in stride):
                raise RuntimeError("padding='same' is not supported for strided convolutions")
            # torch puts the odd one of an uneven total on the right
            totals = [d * (kk - 1) for d, kk in zip(dilation, kernel)]
            return tuple((t // 2, t - t // 2) for t in totals)
        raise RuntimeError(f"Invalid padding string: '{padding}'; valid: 'valid', 'same', an int or a tuple of "
                           f"{k} ints")
    sizes = _per_dim(padding, "padding", k)
    if any(p < 0 for p in sizes):
        raise RuntimeError("negative padding is not supported")
    return tuple((p, p) for p in sizes)


def _check(name, k, input, weight, bias, groups):
    shape, wshape = list(input.shape), list(weight.shape)
    if len(wshape) != k + 2:
        raise RuntimeError(f"{name}: expected a {k + 2}-D weight (out_channels, in_channels/groups, "
                           f"{', '.join('k' + str(i) for i in range(k))}), but got weight of size {wshape}")
    if len(shape) not in (k + 1, k + 2):
        raise RuntimeError(f"Expected {k + 1}D (unbatched) or {k + 2}D (batched) input to {name}, but got input "
                           f"of size: {shape}")
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    if input.dtype is not weight.dtype:
        raise RuntimeError(f"expected scalar type {input.dtype.scalar_type} but found {weight.dtype.scalar_type} "
                           f"({name}: input and weight must have the same dtype)")
    if bias is not None and bias.dtype is not input.dtype:
        raise RuntimeError(f"Input type ({input.dtype.name}) and bias type ({bias.dtype.name}) should be the same")
    batched = shape if len(shape) == k + 2 else [1] + shape
    if wshape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, "
                           f"but got weight of size {wshape} instead")
    if batched[1] != wshape[1] * groups:
        raise RuntimeError(f"Given groups={groups}, weight of size {wshape}, expected input{shape} to have "
                           f"{wshape[1] * groups} channels, but got {batched[1]} channels instead")
    if bias is not None and list(bias.shape) != [wshape[0]]:
        raise RuntimeError(f"Given weight of size {wshape}, expected bias to be 1-dimensional with {wshape[0]} "
                           f"elements, but got bias of size {list(bias.shape)} instead")


def _convolution(name, k, input, weight, bias, stride, padding, dilation, groups):
    _check(name, k, input, weight, bias, groups)
    kernel = tuple(weight.shape[2:])
    stride = _per_dim(stride, "stride", k)
    dilation = _per_dim(dilation, "dilation", k)
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError("non-positive dilation is not supported")
    pairs = _padding_pairs(padding, kernel, stride, dilation, k)
    unbatched = input.ndim == k + 1
    x = input.unsqueeze(0) if unbatched else input
    in_size = tuple(x.shape[2:])
    padded = tuple(n + b + a for n, (b, a) in zip(in_size, pairs))
    if any(p < d * (kk - 1) + 1 for p, d, kk in zip(padded, dilation, kernel)):
        effective = tuple(d * (kk - 1) + 1 for d, kk in zip(dilation, kernel))
        raise RuntimeError(f"Calculated padded input size per channel: ({' x '.join(map(str, padded))}). Kernel "
                           f"size: ({' x '.join(map(str, effective))}). Kernel size can't be greater than actual "
                           f"input size")
    out = conv(x, weight, bias, stride=stride, padding=pairs, dilation=dilation, groups=int(groups),
               in_size=in_size, kernel=kernel)
    return out.squeeze(0) if unbatched else out


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv1d: input (N, C_in, L) or (C_in, L), weight (C_out, C_in/groups, k)."""
    return _convolution("conv1d", 1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv2d: input (N, C_in, H, W) or (C_in, H, W), weight
    (C_out, C_in/groups, kH, kW)."""
    return _convolution("conv2d", 2, input, weight, bias, stride, padding, dilation, groups)
