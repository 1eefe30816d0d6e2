"""``embedding`` (``nn.functional``; SPEC C1): rows of a weight matrix picked by integer indices,
as torch's, with ``padding_idx``, ``max_norm``, ``scale_grad_by_freq``.

The gradient, ``embedding_backward``, adds each output row's gradient onto the weight row it
was read from (duplicate indices accumulate), scaled by 1/count under
``scale_grad_by_freq``, and keeps the ``padding_idx`` row at zero. Its own gradient,
``embedding_grad_gather``, reads rows back with the same scaling and mask, and the gradient
of that is ``embedding_backward`` again: both orders trace and differentiate.
"""
from __future__ import annotations

import numpy as np

from .registry import INDEX, TorchWorded, defop, pass_attrs
from .. import dtypes


class IndexOutOfRangeError(IndexError, TorchWorded):
    """An index outside the weight's rows, in torch's words (the dispatcher passes it on as is)."""


def _check_range(indices, rows):
    if indices.size and (indices.min() < 0 or indices.max() >= rows):
        raise IndexOutOfRangeError("index out of range in self")


def _embedding_forward(weight, indices, rows, padding_idx, scale_grad_by_freq):
    _check_range(indices, rows)
    return weight[indices]


def _row_scale(indices, rows, padding_idx, scale_grad_by_freq, dtype):
    """Per index: the factor its row's gradient gets (0 for padding_idx, 1/count by frequency)."""
    scale = np.ones(indices.shape, dtype)
    if scale_grad_by_freq:
        scale /= np.bincount(indices.ravel(), minlength=rows)[indices]
    if padding_idx is not None:
        scale[indices == padding_idx] = 0
    return scale


def _embedding_backward_forward(grad, indices, rows, padding_idx, scale_grad_by_freq):
    width = grad.shape[-1]
    scaled = grad * _row_scale(indices, rows, padding_idx, scale_grad_by_freq, grad.dtype)[..., None]
    out = np.zeros((rows, width), grad.dtype)
    np.add.at(out, indices.ravel(), scaled.reshape(-1, width))
    return out


def _grad_gather_forward(grad, indices, rows, padding_idx, scale_grad_by_freq):
    return grad[indices] * _row_scale(indices, rows, padding_idx, scale_grad_by_freq, grad.dtype)[..., None]


def _attrs(rows, padding_idx, scale_grad_by_freq):
    return dict(rows=rows, padding_idx=padding_idx, scale_grad_by_freq=scale_grad_by_freq)


_embedding = defop(
    "embedding", INDEX, _embedding_forward, "weight indices",
    {"weight": lambda g, indices, rows, padding_idx, scale_grad_by_freq: embedding_backward(
        g, indices, **_attrs(rows, padding_idx, scale_grad_by_freq))},
    dtype="same", shape=lambda w, i, rows, padding_idx, scale_grad_by_freq: tuple(i) + (w[1],), parse=pass_attrs,
    export=False, grad_fn="EmbeddingBackward0")
embedding_backward = defop(
    "embedding_backward", INDEX, _embedding_backward_forward, "grad indices",
    {"grad": lambda g, indices, rows, padding_idx, scale_grad_by_freq: embedding_grad_gather(
        g, indices, **_attrs(rows, padding_idx, scale_grad_by_freq))},
    dtype="same", shape=lambda g, i, rows, padding_idx, scale_grad_by_freq: (rows, g[-1]), parse=pass_attrs,
    export=False, grad_fn="EmbeddingBackwardBackward0")
embedding_grad_gather = defop(
    "embedding_grad_gather", INDEX, _grad_gather_forward, "grad indices",
    {"grad": lambda g, indices, rows, padding_idx, scale_grad_by_freq: embedding_backward(
        g, indices, **_attrs(rows, padding_idx, scale_grad_by_freq))},
    dtype="same", shape=lambda g, i, rows, padding_idx, scale_grad_by_freq: tuple(i) + (g[-1],),
    parse=pass_attrs, export=False, grad_fn="EmbeddingBackwardBackwardBackward0")


def _renormalise(input, weight, max_norm, norm_type):
    """torch's embedding_renorm_: rows about to be read whose norm exceeds max_norm are scaled
    down to it, in place, outside autograd."""
    if not isinstance(weight._data, np.ndarray) or not isinstance(input._data, np.ndarray):
        from ..compile.trace import TraceError
        raise TraceError("jitgrad.compile: embedding(max_norm=...) rescales the weight in place, which a "
                         "compiled function cannot do; renormalise outside it, or drop max_norm")
    rows = np.unique(input._data)
    _check_range(rows, weight.shape[0])
    norms = np.linalg.norm(weight._data[rows], ord=norm_type, axis=1)
    over = norms > max_norm
    if over.any():
        weight._data[rows[over]] *= (max_norm / (norms[over] + 1e-7))[:, None].astype(weight._data.dtype)
        weight._version[0] += 1


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    """torch.nn.functional.embedding: ``weight[input]``, with torch's gradient options."""
    if input.dtype not in (dtypes.int64, dtypes.int32):
        raise RuntimeError(f"Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                           f"Long, Int; but got jitgrad.{input.dtype.scalar_type}Tensor instead (while checking "
                           f"arguments for embedding)")
    if weight.ndim != 2:
        raise RuntimeError("'weight' must be 2-D")
    rows = weight.shape[0]
    if padding_idx is not None:
        if not -rows <= padding_idx < rows:
            raise AssertionError("Padding_idx must be within num_embeddings")
        padding_idx = int(padding_idx) % rows
    if sparse:
        raise NotImplementedError("embedding(sparse=True): jitgrad has no sparse gradients; use sparse=False "
                                  "(a dense gradient of the same values)")
    if max_norm is not None:
        _renormalise(input, weight, float(max_norm), float(norm_type))
    return _embedding(weight, input, **_attrs(rows, padding_idx, bool(scale_grad_by_freq)))
