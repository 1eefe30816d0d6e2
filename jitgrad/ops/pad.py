"""Padding: ``pad`` is torch.nn.functional.pad (constant, reflect, replicate, circular; SPEC B7).

Pads come as torch takes them: pairs from the last dim backwards, ``(left, right, top,
bottom, …)``; negative pads crop. The op keeps them as ``widths``, one ``(before, after)``
pair per dim of the input. Constant padding is its own adjoint up to sign: its gradient
crops where it padded and pads with zeros where it cropped. The other modes read every
output element from one input element (an index map per padded dim), so their gradient,
``pad_backward``, adds each output gradient onto the element it was read from — and the
gradient of that is ``pad`` again.
"""
from __future__ import annotations

import numbers
import operator

import numpy as np

from .registry import OTHER, defop
from .. import dtypes
from ..tensor import Tensor

MODES = ("constant", "reflect", "replicate", "circular")
# torch's grad_fn names; the non-constant modes are named after the number of padded dims
_NAMES = {"constant": "ConstantPadNdBackward0", "reflect": "ReflectionPad{k}DBackward0",
          "replicate": "ReplicationPad{k}DBackward0", "circular": "CopySlices"}
_BACKWARD_NAMES = {"reflect": "ReflectionPad{k}DBackwardBackward0",
                   "replicate": "ReplicationPad{k}DBackwardBackward0", "circular": "CopySlicesBackward0"}


def _index_map(n, before, after, mode):
    """For each output position along one dim, the input position it reads (n: input size)."""
    if mode == "replicate":
        return np.clip(np.arange(-before, n + after), 0, n - 1)
    if mode == "reflect":   # mirror about the first and last element, which are not repeated
        return (n - 1) - np.abs((n - 1) - np.abs(np.arange(-before, n + after)))
    # circular: wrap around inside what is left after negative pads crop
    start, kept = max(-before, 0), n - max(-before, 0) - max(-after, 0)
    return start + np.arange(-max(before, 0), kept + max(after, 0)) % max(kept, 1)


def _padded_dims(widths):
    return [d for d, (b, a) in enumerate(widths) if b or a]


def _pad_forward(x, widths, mode, value, spatial):
    if mode == "constant":
        out = np.full(tuple(n + b + a for n, (b, a) in zip(x.shape, widths)), value, dtype=x.dtype)
        src = tuple(slice(max(-b, 0), n - max(-a, 0)) for n, (b, a) in zip(x.shape, widths))
        dst = tuple(slice(max(b, 0), max(b, 0) + s.stop - s.start) for s, (b, a) in zip(src, widths))
        out[dst] = x[src]
        return out
    out = x
    for d in _padded_dims(widths):
        out = np.take(out, _index_map(x.shape[d], *widths[d], mode), axis=d)
    return out if out is not x else x.copy()


def _pad_backward_forward(grad, widths, mode, spatial):
    """Sum each output gradient into the input element that output was read from."""
    for d in _padded_dims(widths):
        b, a = widths[d]
        n = grad.shape[d] - b - a
        summed = np.zeros(grad.shape[:d] + (n,) + grad.shape[d + 1:], grad.dtype)
        np.add.at(summed, (slice(None),) * d + (_index_map(n, b, a, mode),), grad)
        grad = summed
    return grad


def _padded_shape(shape, widths, **_):
    return tuple(n + b + a for n, (b, a) in zip(shape, widths))


def _unpadded_shape(shape, widths, **_):
    return tuple(n - b - a for n, (b, a) in zip(shape, widths))


def _pad_gradient(g, widths, mode, spatial):
    if mode == "constant":   # crop what was padded, zero-fill what was cropped
        negated = tuple((-b, -a) for b, a in widths)
        return _pad(g, widths=negated, mode="constant", value=0, spatial=spatial)
    return pad_backward(g, widths=widths, mode=mode, spatial=spatial)


def _pass_attrs(x, **attrs):
    return (x,), attrs


_pad = defop("pad", OTHER, _pad_forward, "x",
             {"x": lambda g, widths, mode, spatial: _pad_gradient(g, widths, mode, spatial)},
             dtype="same", shape=_padded_shape, parse=_pass_attrs, export=False,
             grad_fn=lambda args, attrs: _NAMES[attrs["mode"]].format(k=attrs["spatial"]))
pad_backward = defop("pad_backward", OTHER, _pad_backward_forward, "grad",
                     {"grad": lambda g, widths, mode, spatial: _pad(g, widths=widths, mode=mode, value=0,
                                                                    spatial=spatial)},
                     dtype="same", shape=_unpadded_shape, parse=_pass_attrs, export=False,
                     grad_fn=lambda args, attrs: _BACKWARD_NAMES[attrs["mode"]].format(k=attrs["spatial"]))


def constant_pad_dim(x, dim, before, after):
    """Zero-pad (or, negative, crop) one dim of x: the gradient of taking a slice."""
    widths = tuple((before, after) if d == dim else (0, 0) for d in range(x.ndim))
    return _pad(x, widths=widths, mode="constant", value=0, spatial=x.ndim - dim)


_SUPPORTED = ("Supported combinations for non-constant padding:\n"
              "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
              "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
              "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")


def _pad_sizes(pad_arg):
    if isinstance(pad_arg, Tensor) or not isinstance(pad_arg, (list, tuple)):
        raise TypeError(f"pad(): argument 'pad' (position 2) must be tuple of ints, not "
                        f"{type(pad_arg).__name__}")
    sizes = []
    for i, p in enumerate(pad_arg):
        try:
            sizes.append(operator.index(p))
        except TypeError:
            raise TypeError(f"pad(): argument 'pad' (position 2) must be tuple of ints, but found element of "
                            f"type {type(p).__name__} at pos {i}") from None
    return sizes


def _check_mode(shape, dtype, widths, mode, spatial):
    """torch's limits for the non-constant modes (which dims, which sizes)."""
    ndim = len(shape)
    if spatial not in (1, 2, 3) or ndim not in (spatial + 1, spatial + 2):
        raise NotImplementedError(f"Padding size {2 * spatial} is not supported for {ndim}D input tensor.\n"
                                  f"{_SUPPORTED}")
    if mode != "circular":   # batch mode (one more dim) allows an empty batch; nothing else may be empty
        if dtype is dtypes.bool_:
            kind = "reflection" if mode == "reflect" else "replication"
            raise NotImplementedError(f"pad: \"{kind}_pad{spatial}d\" not implemented for 'Bool'")
        batch = ndim == spatial + 2
        if any(n == 0 for n in shape[1 if batch else 0:]):
            raise RuntimeError(f"pad: Expected {spatial + 1}D or {spatial + 2}D (batch mode) tensor with possibly "
                               f"0 batch size and other non-zero dimensions for input, but got: {list(shape)}")
    for k in range(spatial):   # the last dim first, as torch checks them
        d = ndim - 1 - k
        n, (b, a) = shape[d], widths[d]
        if mode == "reflect" and not (b < n and a < n):
            raise RuntimeError(f"pad: Argument #{4 + 2 * k}: Padding size should be less than the corresponding "
                               f"input dimension, but got: padding ({b}, {a}) at dimension {d} of input "
                               f"{list(shape)}")
        if mode == "circular":
            # torch wraps once around what negative pads leave (beyond that its results are
            # undefined: overlapping copies), so a pad is at most the size left
            kept = n - max(-b, 0) - max(-a, 0)
            if kept < 0 or b > kept or a > kept:
                raise RuntimeError(f"pad: Padding value causes wrapping around more than once. Padding ({b}, {a}) at "
                                   f"dimension {d} of input {list(shape)} leaves {max(kept, 0)} entries to wrap "
                                   f"around; circular pads are at most that")
        elif n + b + a < 1:
            raise RuntimeError(f"pad: input (dimension {d} of size {n}) is too small for padding ({b}, {a}). "
                               f"Calculated output size: {n + b + a}")


def pad(input, pad, mode="constant", value=None):
    """torch.nn.functional.pad: `pad` holds (before, after) pairs from the last dim backwards."""
    if mode not in MODES:
        raise NotImplementedError(f"Unrecognised padding mode {mode}; valid: {', '.join(MODES)}")
    sizes = _pad_sizes(pad)
    shape = input._data.shape
    if len(sizes) % 2:
        raise RuntimeError(f"pad: Padding length must be divisible by 2 (got {len(sizes)}: {sizes})")
    spatial = len(sizes) // 2
    if spatial > len(shape):
        raise RuntimeError(f"pad: Padding length should be less than or equal to two times the input dimension "
                           f"but got padding length {len(sizes)} and input of dimension {len(shape)}")
    pairs = {len(shape) - 1 - k: (sizes[2 * k], sizes[2 * k + 1]) for k in range(spatial)}
    widths = tuple(pairs.get(d, (0, 0)) for d in range(len(shape)))
    if mode == "constant":
        for d, (n, (b, a)) in enumerate(zip(shape, widths)):
            if max(-b, 0) + max(-a, 0) > n:
                raise RuntimeError(f"pad: padding ({b}, {a}) crops {max(-b, 0) + max(-a, 0)} entries from dimension "
                                   f"{d} of input {list(shape)}, which has {n}; negative pads crop at most the "
                                   f"whole dim")
        if value is None:
            value = 0
        elif not isinstance(value, numbers.Number):
            raise TypeError(f"pad(): argument 'value' must be a number, not {type(value).__name__}")
    else:
        if value is not None and value != 0:
            raise RuntimeError(f'pad: Padding mode "{mode}" doesn\'t take in value argument (got value={value})')
        _check_mode(shape, input.dtype, widths, mode, spatial)
        value = 0
    return _pad(input, widths=widths, mode=mode, value=value, spatial=spatial)
