"""Max pooling: ``max_pool1d`` and ``max_pool2d`` (``nn.functional``; SPEC C1), as torch's, with
kernel_size, stride (``None``: the kernel size), padding, dilation, ceil_mode and
return_indices, batched or not.

``max_pool`` pads the input with -inf, takes every window through one strided view
(``as_strided``), lays the windows out offset by offset in one copy, and finds each window's
maximum in one vectorised pass per kernel offset. It returns the values and, as torch does,
each maximum's flat index into its (unpadded) input plane, int64. Its gradient,
``max_unpool_add``, adds each output gradient onto the input element its maximum came from,
so ties and overlapping windows route as torch routes them (the first maximum wins; a NaN
wins over anything before it); the gradient of that is ``pool_gather``, reading the gradient
back at those indices — and the gradient of the gather is the scatter again. Windows that
cannot overlap (stride at least the dilated kernel) scatter by plain assignment
(``overlapping=False``), the others by a summing ``bincount``.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .dims import per_dim
from .registry import OTHER, defop, pass_attrs
from .. import dtypes


def _pool_out_size(n, k, s, p, d, ceil_mode):
    """torch's pooling output size (ceil_mode drops a last window that starts in the padding)."""
    span = n + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= n + p:
        out -= 1
    return out


def _max_pool_forward(x, kernel, stride, padding, dilation, ceil_mode, in_size, overlapping):
    k = len(kernel)
    lead, spatial = x.shape[:-k], x.shape[-k:]
    out = tuple(_pool_out_size(n, kk, s, p, d, ceil_mode)
                for n, kk, s, p, d in zip(spatial, kernel, stride, padding, dilation))
    # pad enough on the right for ceil_mode's last, partial window
    after = tuple(max((o - 1) * s + d * (kk - 1) + 1 - n - p, 0)
                  for o, s, d, kk, n, p in zip(out, stride, dilation, kernel, spatial, padding))
    fill = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    padded = x
    if any(padding) or any(after):
        padded = np.pad(x, ((0, 0),) * len(lead) + tuple(zip(padding, after)), constant_values=fill)
    strides = padded.strides
    windows = as_strided(padded, lead + out + tuple(kernel),
                         strides[:-k] + tuple(s * st for s, st in zip(stride, strides[-k:]))
                         + tuple(d * st for d, st in zip(dilation, strides[-k:])), writeable=False)
    # One vectorised pass per kernel offset (a few), none per pixel. As in torch's loop, a
    # later element wins only if it is larger or NaN; the winner is kept as its offset into
    # the input plane (`shift`), so no index arithmetic is left per element afterwards.
    # The offsets go first, in one copy: each offset's candidates are then a contiguous block,
    # which NumPy's comparisons run through at SIMD speed (strided rows of a few elements do not).
    n = len(lead) + k
    by_offset = np.ascontiguousarray(windows.transpose(tuple(range(n, n + k)) + tuple(range(n))))
    plane_strides = [math.prod(spatial[d + 1:]) for d in range(k)]
    values = by_offset[(0,) * k].copy()
    shift = np.zeros(lead + out, np.int64)
    for offset in itertools.islice(np.ndindex(*kernel), 1, None):
        candidate = by_offset[offset]
        wins = candidate > values
        if x.dtype.kind == "f":
            wins |= candidate != candidate
        np.maximum(values, candidate, out=values)       # NaN propagates, as the winner
        shift = np.where(wins, sum(o * d * st for o, d, st in zip(offset, dilation, plane_strides)), shift)
    # plus each window's start (the same for every plane: one small grid, broadcast)
    start = np.zeros(out, np.int64)
    for dim in range(k):
        starts = (np.arange(out[dim]) * stride[dim] - padding[dim]) * plane_strides[dim]
        start = start + starts.reshape((out[dim],) + (1,) * (k - dim - 1))
    return values, shift + start


def _unpool_add_forward(grad, indices, in_size, overlapping):
    """Sum each gradient into the input position its index names, plane by plane (windows
    that cannot overlap name each position at most once: a plain assignment then)."""
    k = len(in_size)
    lead = grad.shape[:-k] if k else grad.shape
    planes, plane_size = math.prod(lead), math.prod(in_size)
    flat = (indices.reshape(planes, -1) + (np.arange(planes) * plane_size)[:, None]).ravel()
    if overlapping:
        summed = np.bincount(flat, weights=grad.reshape(-1), minlength=planes * plane_size)
        return summed.astype(grad.dtype, copy=False).reshape(lead + tuple(in_size))
    out = np.zeros(planes * plane_size, grad.dtype)
    out[flat] = grad.reshape(-1)
    return out.reshape(lead + tuple(in_size))


def _pool_gather_forward(grad, indices, in_size, overlapping):
    k = len(in_size)
    lead = grad.shape[:-k]
    planes = grad.reshape((math.prod(lead), -1))
    return np.take_along_axis(planes, indices.reshape(planes.shape[0], -1), axis=1).reshape(indices.shape)


def _max_pool_shape(s, kernel, stride, padding, dilation, ceil_mode, in_size, overlapping):
    k = len(kernel)
    out = tuple(s[:-k]) + tuple(_pool_out_size(n, kk, st, p, d, ceil_mode)
                                for n, kk, st, p, d in zip(s[-k:], kernel, stride, padding, dilation))
    return out, out


def _max_pool_dtype(x, **_):
    return x.dtype, dtypes.int64


def _pool_grad_fn(args, attrs):
    return f"MaxPool{len(attrs['kernel'])}DWithIndicesBackward0"


def _max_pool_gradient(g, out, in_size, overlapping):
    return max_unpool_add(g, out[1], in_size=in_size, overlapping=overlapping)


max_unpool_add = defop(
    "max_unpool_add", OTHER, _unpool_add_forward, "grad indices",
    {"grad": lambda g, indices, in_size, overlapping: pool_gather(g, indices, in_size=in_size,
                                                                  overlapping=overlapping)},
    dtype="same", shape=lambda g, i, in_size, overlapping: tuple(g[:-len(in_size)]) + tuple(in_size),
    parse=pass_attrs, export=False, grad_fn="MaxPoolWithIndicesBackwardBackward0")
pool_gather = defop(
    "pool_gather", OTHER, _pool_gather_forward, "grad indices",
    {"grad": lambda g, indices, in_size, overlapping: max_unpool_add(g, indices, in_size=in_size,
                                                                     overlapping=overlapping)},
    dtype="same", shape=lambda g, i, in_size, overlapping: tuple(i), parse=pass_attrs, export=False,
    grad_fn="GatherBackward0")

max_pool = defop("max_pool", OTHER, _max_pool_forward, "x", {"x": _max_pool_gradient}, dtype=_max_pool_dtype,
                 shape=_max_pool_shape, n_outputs=2, parse=pass_attrs, export=False, grad_fn=_pool_grad_fn,
                 real_only=True)


# ------------------------------------------------------------------ the public functions
def _sizes(value, what, name, k):
    ints = "a single int, or a tuple of two ints" if k == 2 else "a single int"
    return per_dim(value, k, lambda values: RuntimeError(f"{name}: {what} must either be {ints}"))


def _max_pool(name, k, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices):
    shape = list(input.shape)
    if len(shape) not in (k + 1, k + 2) or 0 in shape[len(shape) - k - 1:]:   # an empty batch is allowed
        if k == 1:
            raise RuntimeError(f"max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size "
                               f"for input, but got:{shape}")
        raise RuntimeError(f"non-empty 3D or 4D (batch mode) tensor expected for input, but got: {shape}")
    if input.dtype is dtypes.bool_:
        raise NotImplementedError(f"\"{name}\" not implemented for 'Bool'; pool input.float() or input.int()")
    kernel = _sizes(kernel_size, "kernel_size", name, k)
    no_stride = stride is None or (isinstance(stride, (list, tuple)) and len(stride) == 0)
    stride = kernel if no_stride else _sizes(stride, "stride", name, k)
    padding = _sizes(padding, "padding", name, k)
    dilation = _sizes(dilation, "dilation", name, k)
    if any(s == 0 for s in stride):
        raise RuntimeError("stride should not be zero")
    if any(kk <= 0 for kk in kernel):
        raise RuntimeError(f"kernel size should be greater than zero, but got {', '.join(map(str, kernel))}")
    if any(d <= 0 for d in dilation):
        raise RuntimeError(f"dilation should be greater than zero, but got dilation "
                           f"{', '.join(map(str, dilation))}")
    for kk, p, d in zip(kernel, padding, dilation):
        if p < 0 or p > (d * (kk - 1) + 1) // 2:
            raise RuntimeError(f"pad should be at most half of effective kernel size, but got pad={p}, "
                               f"kernel_size={kk} and dilation={d}")
    out = [_pool_out_size(n, kk, s, p, d, ceil_mode)
           for n, kk, s, p, d in zip(shape[-k:], kernel, stride, padding, dilation)]
    if any(o < 1 for o in out):
        channels = shape[-k - 1]
        raise RuntimeError(f"Given input size: ({'x'.join(map(str, [channels] + shape[-k:]))}). Calculated output "
                           f"size: ({'x'.join(map(str, [channels] + out))}). Output size is too small")
    values, indices = max_pool(input, kernel=kernel, stride=stride, padding=padding, dilation=dilation,
                               ceil_mode=bool(ceil_mode), in_size=tuple(shape[-k:]),
                               overlapping=any(s < d * (kk - 1) + 1 for s, d, kk in zip(stride, dilation, kernel)))
    return (values, indices) if return_indices else values


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """torch.nn.functional.max_pool1d on (N, C, L) or (C, L)."""
    return _max_pool("max_pool1d", 1, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """torch.nn.functional.max_pool2d on (N, C, H, W) or (C, H, W)."""
    return _max_pool("max_pool2d", 2, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)
