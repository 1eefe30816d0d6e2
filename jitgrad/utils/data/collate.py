"""Collation (SPEC C5), as torch.utils.data's: ``default_collate`` turns a list of samples
into a batch, ``default_convert`` turns one sample's NumPy arrays into tensors (the
DataLoader's choice when ``batch_size=None``).

``default_collate`` by the type of the first sample, as torch: tensors are stacked along a
new dimension 0; NumPy arrays and scalars become tensors (then stacked); Python floats a
float64 tensor, ints an int64 one, bools a bool one; strings and bytes stay a list;
mappings are collated key by key, namedtuples field by field, and other sequences position
by position (a tuple gives a list, as torch's). ``collate(batch, collate_fn_map=...)`` is
the same walk with a caller's table of per-type functions, tried before the defaults.
"""
from __future__ import annotations

import collections.abc
import copy
import re

import numpy as np

from ... import dtypes
from ...creation import as_tensor, tensor
from ...ops.join import stack
from ...tensor import Tensor

# NumPy dtype kinds that hold no numbers: bytes, strings, objects
_NON_NUMERIC_DTYPE = re.compile(r"[SaUO]")

_ERROR = "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {}"


def _is_numpy(value) -> bool:
    return type(value).__module__ == "numpy" and type(value).__name__ not in ("str_", "bytes_", "string_")


def default_convert(data):
    """NumPy arrays and scalars in `data` (also inside mappings, namedtuples and sequences)
    become tensors; everything else is left as it is."""
    if isinstance(data, Tensor):
        return data
    if _is_numpy(data):
        if isinstance(data, np.ndarray) and _NON_NUMERIC_DTYPE.search(data.dtype.str):
            return data
        return as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return _rebuild_mapping(data, {key: default_convert(data[key]) for key in data})
    if isinstance(data, tuple) and hasattr(data, "_fields"):
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]  # a list, as torch's
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        return _rebuild_sequence(data, [default_convert(d) for d in data])
    return data


def _rebuild_mapping(like, items: dict):
    """`items` in a mapping of like's type where that type can be rebuilt, else a dict."""
    try:
        if isinstance(like, collections.abc.MutableMapping):
            clone = copy.copy(like)
            clone.update(items)
            return clone
        return type(like)(items)
    except TypeError:
        return items


def _rebuild_sequence(like, items: list):
    try:
        if isinstance(like, collections.abc.MutableSequence):
            clone = copy.copy(like)
            for i, item in enumerate(items):
                clone[i] = item
            return clone
        return type(like)(items)
    except TypeError:
        return items


def collate(batch, *, collate_fn_map: dict | None = None):
    """Collate `batch` (a list of samples) by the type of its first sample: `collate_fn_map`
    maps a type (or tuple of types) to ``fn(batch, *, collate_fn_map)``, an exact type match
    first, then the first entry the sample is an instance of; containers are walked."""
    elem = batch[0]
    if collate_fn_map is not None:
        if type(elem) in collate_fn_map:
            return collate_fn_map[type(elem)](batch, collate_fn_map=collate_fn_map)
        for kind, fn in collate_fn_map.items():
            if isinstance(elem, kind):
                return fn(batch, collate_fn_map=collate_fn_map)
    if isinstance(elem, collections.abc.Mapping):
        return _rebuild_mapping(elem, {key: collate([d[key] for d in batch], collate_fn_map=collate_fn_map)
                                       for key in elem})
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):
        return type(elem)(*(collate(field, collate_fn_map=collate_fn_map) for field in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        size = len(elem)
        if any(len(sample) != size for sample in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        columns = [collate(column, collate_fn_map=collate_fn_map) for column in zip(*batch)]
        return columns if isinstance(elem, tuple) else _rebuild_sequence(elem, columns)
    raise TypeError(_ERROR.format(type(elem)))


def collate_tensor_fn(batch, *, collate_fn_map=None):
    return stack(batch, 0)


def collate_numpy_array_fn(batch, *, collate_fn_map=None):
    if _NON_NUMERIC_DTYPE.search(batch[0].dtype.str):
        raise TypeError(_ERROR.format(batch[0].dtype))
    return collate([as_tensor(b) for b in batch], collate_fn_map=collate_fn_map)


def collate_numpy_scalar_fn(batch, *, collate_fn_map=None):
    return as_tensor(batch)


def collate_float_fn(batch, *, collate_fn_map=None):
    return tensor(batch, dtype=dtypes.float64)


def collate_int_fn(batch, *, collate_fn_map=None):
    return tensor(batch)  # int64; all-bool batches give a bool tensor (bool is an int)


def collate_str_fn(batch, *, collate_fn_map=None):
    return batch


default_collate_fn_map: dict = {
    Tensor: collate_tensor_fn,
    np.ndarray: collate_numpy_array_fn,
    (np.bool_, np.number, np.object_): collate_numpy_scalar_fn,
    float: collate_float_fn,
    int: collate_int_fn,
    str: collate_str_fn,
    bytes: collate_str_fn,
}


def default_collate(batch):
    """A list of samples -> one batch, by torch's rules (see the module docstring)."""
    return collate(batch, collate_fn_map=default_collate_fn_map)
