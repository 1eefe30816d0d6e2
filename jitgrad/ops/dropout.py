"""Dropout (``nn.functional``; SPEC C1): ``dropout`` zeroes elements, ``dropout2d`` whole
channels, each with probability ``p``, scaling what is kept by ``1 / (1 - p)``, as torch's.

Not ops of their own: as in torch on the CPU, the result is ``input * mask``
(``MulBackward0``), with the mask drawn from jitgrad's default generator, so
``jitgrad.manual_seed`` makes it reproducible. ``jitgrad.compile`` refuses a function that
draws a mask while it is traced (a ``TraceError``: a mask drawn at trace time would be the same
at every call); with ``training=False``, ``p=0`` or ``p=1`` nothing is drawn and it compiles.
"""
from __future__ import annotations

import warnings

from ..tensor import _wrap


def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def _masked(name, input, p, mask_shape, inplace):
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{input.dtype.scalar_type} ({name} needs a floating-point input)")
    if p == 0.0 or p == 1.0:        # nothing random to draw: keep everything, or nothing
        factor = 1.0 - p
        return input.mul_(factor) if inplace else input * factor
    from ..random import default_generator     # jitgrad.random imports the ops: not at the top
    np_dtype = input.dtype.np
    keep = default_generator().random(mask_shape, dtype=np_dtype) < (1.0 - p)
    mask = _wrap((keep / np_dtype.type(1.0 - p)).astype(np_dtype, copy=False), input.dtype)
    return input.mul_(mask) if inplace else input * mask


def dropout(input, p=0.5, training=True, inplace=False):
    """torch.nn.functional.dropout: each element zeroed with probability p in training."""
    _check_p(p)
    if not training:
        return input
    return _masked("dropout", input, p, tuple(input.shape), inplace)


def dropout2d(input, p=0.5, training=True, inplace=False):
    """torch.nn.functional.dropout2d: whole channels (dim 1) zeroed with probability p.
    As torch's, a 3-D input is read as (N, C, L), and other than 3-D or 4-D inputs warn."""
    _check_p(p)
    ndim = input.ndim
    if ndim not in (3, 4):
        warnings.warn(f"dropout2d: Received a {ndim}-D input to dropout2d, which is deprecated and will result in "
                      f"an error in a future release. To retain the behavior and silence this warning, please use "
                      f"dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with "
                      f"2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D "
                      f"inputs).", UserWarning, stacklevel=2)
    if ndim == 3:
        warnings.warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout "
                      "behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. "
                      "This behavior will change in a future release to interpret the input as one without a batch "
                      "dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please "
                      "switch to using dropout1d instead.", UserWarning, stacklevel=2)
    if not training:
        return input
    if ndim < 2:
        raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
    shape = tuple(input.shape)
    return _masked("dropout2d", input, p, shape[:2] + (1,) * (ndim - 2), inplace)
