"""Indexing: ``x[idx]`` and ``x[idx] = v`` (as an out-of-place op the in-place path records).

Indices are normalised once (tensors become NumPy arrays) and kept as an attribute; the
gradient of ``x[idx]`` scatters back with ``np.add.at`` so repeated indices accumulate.
"""
from __future__ import annotations

import numpy as np

from .registry import INDEX, defop
from .. import dtypes
from ..tensor import Tensor


def _normalize_index(index):
    """Tensors (bool masks, integer arrays, 0-d ints) become what NumPy indexes with."""
    if isinstance(index, tuple):
        return tuple(_normalize_index(i) for i in index)
    if isinstance(index, Tensor):
        if index.dtype.category > dtypes.INTEGER:
            raise IndexError(f"tensors used as indices must be long, int, byte or bool tensors "
                             f"(got {index.dtype})")
        data = index._data
        return int(data) if data.ndim == 0 and index.dtype.category == dtypes.INTEGER else data
    if isinstance(index, list):
        return np.asarray(index)
    return index


def _is_basic(index) -> bool:
    """Basic indexing (ints, slices, None, ...) never repeats an element."""
    parts = index if isinstance(index, tuple) else (index,)
    return all(p is None or p is Ellipsis or isinstance(p, (int, slice, np.integer)) for p in parts)


def _parse_getitem(x, index):
    return (x,), {"index": _normalize_index(index), "in_shape": x._data.shape}


def _getitem_forward(x, index, in_shape):
    return x[index]


def _index_name(args, attrs):
    """torch's name for x[index]: the last view its basic indexing made, part by part."""
    index, shape = attrs["index"], attrs["in_shape"]
    if not _is_basic(index):
        return "IndexBackward0"
    if isinstance(index, slice):  # a lone slice always makes a view, even a full one
        return "SliceBackward0"
    parts = index if isinstance(index, tuple) else (index,)
    name, dim = "AliasBackward0", 0
    for k, part in enumerate(parts):
        if part is Ellipsis:
            dim = len(shape) - sum(p is not None and p is not Ellipsis for p in parts[k + 1:])
        elif part is None:
            name = "UnsqueezeBackward0"
        else:
            size = shape[dim] if dim < len(shape) else 0
            if not isinstance(part, slice):
                name = "SelectBackward0"
            elif part.indices(size) != (0, size, 1):  # torch skips slices that keep the whole dim
                name = "SliceBackward0"
            dim += 1
    return name


def _scatter_forward(g, index, in_shape):
    out = np.zeros(in_shape, g.dtype)
    if _is_basic(index):
        out[index] = g
    else:
        np.add.at(out, index, g)
    return out


index_backward = defop("index_backward", INDEX, _scatter_forward, "g",
                       {"g": lambda g, index: g[index]}, dtype="same",
                       shape=lambda s, index, in_shape: in_shape, export=False,
                       parse=lambda g, index, in_shape: ((g,), {"index": index, "in_shape": in_shape}))

def _getitem_shape(shape, index, in_shape):
    # NumPy's indexing rules decide the shape: index a zero-strided stand-in of that shape
    return np.broadcast_to(np.zeros((), np.int8), shape)[index].shape


getitem = defop("getitem", INDEX, _getitem_forward, "x",
                {"x": lambda g, index, in_shape: index_backward(g, index=index, in_shape=in_shape)},
                dtype="same", shape=_getitem_shape, parse=_parse_getitem, grad_fn=_index_name, view=True,
                methods=("__getitem__",), export=False)


def _index_put_forward(x, values, index):
    out = x.copy()
    out[index] = values
    return out


def _parse_index_put(x, index, values):
    return (x, values), {"index": _normalize_index(index)}


index_put = defop("index_put", INDEX, _index_put_forward, "x values",
                  {"x": lambda g, index: index_put(g, index, 0),
                   "values": lambda g, index: g[index]},
                  dtype=lambda x, values, index: x.dtype, shape=lambda s, v, index: s,
                  parse=_parse_index_put, grad_fn="IndexPutBackward0")
