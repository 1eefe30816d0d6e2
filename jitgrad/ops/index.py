"""Indexing: ``x[idx]`` and ``x[idx] = v`` (as an out-of-place op the in-place path records).

A torch index — ints, slices, ``...``, ``None``, Python bools, bool masks, integer lists and
tensors, in any mixture — is normalised once per call (``_normalize_index``) into the NumPy
index that gives torch's result, checked with torch's errors, and kept as the op's attribute.
The two libraries differ in a few places, and the normaliser follows torch:

* an int among advanced (array) indices is a select applied first in torch, so it never
  joins the advanced group: ``x[0, :, [1, 2]]`` has shape (3, 2) where NumPy gives (2, 3).
  When that changes the layout, the index is rewritten with integer arrays only (``_mesh``);
* a list that holds slices, ``None``, ``...``, tensors or sequences is a tuple of indices
  (torch's legacy rule, which torch 2.x still follows, with a warning); any other list is an
  int64 array (floats truncated, as torch converts it) or a bool mask;
* Python bools and 0-d bool tensors add a dim indexed by ``[0]`` (True) or ``[]`` (False);
  0-d integer tensors are plain ints (a select, so a view);
* an ellipsis that stands for no dims is dropped (NumPy would let it split the advanced
  indices); several ellipses each skip the dims the others leave, as in torch;
* negative slice steps raise ValueError; out-of-range ints report their position in the index,
  out-of-range index arrays their position among the index tensors, masks the dim of the
  tensor they index after the basic indices are applied — each as torch words it.

The gradient of ``x[idx]`` scatters back with ``np.add.at`` so repeated indices accumulate.
"""
from __future__ import annotations

import operator
import os
import sys
import warnings

import numpy as np

from .dims import broadcastable_to
from .registry import INDEX, PUBLIC, TorchWorded, defop
from .. import dtypes
from ..tensor import Tensor

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_VALID = ("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid "
          "indices (got {})")
_TENSOR_DTYPES = "tensors used as indices must be long, int, byte or bool tensors"
_ZERO_DIM = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ "
             "to convert a 0-dim tensor to a number")


def _normalize_index(index, shape=None):
    """torch's index -> the NumPy index with torch's result, for x[...], x[...] = v and the
    gradient's np.add.at. Given the indexed `shape` it is also checked and laid out as torch
    does; without one, its parts are only converted (an already normalised index is returned
    as it is, so normalising twice is harmless)."""
    if type(index) is int:                   # x[i], the common case: nothing to convert
        if shape is not None:
            if not shape:  # torch's words: 0 is "invalid", any other int "out of bounds"
                raise IndexError(_ZERO_DIM if index == 0 else
                                 f"index {index} is out of bounds for dimension 0 with size 0")
            _check_int(index, 0, shape[0])
            if len(shape) == 1:
                return index, ...            # a 0-d *view*, as torch's select (NumPy would copy)
        return index
    if shape is not None:
        kind = type(index)
        if kind is slice and _plain_slice(index) and shape:
            return index
        if kind is Tensor and index.dtype in _INT_INDEX and index._data.ndim and shape:
            # x[int_tensor], the other common case: rows gathered by NumPy, which checks the
            # bounds as torch does (the forward words its error as torch's)
            return index._data
        if kind is tuple:
            basic = _basic(index, shape)
            if basic is not None:
                return basic
    single = type(index) is not tuple and not _list_is_tuple(index)
    parts = tuple(_part(p) for p in ((index,) if single else index))
    if shape is None:
        return parts[0] if single else parts
    if single and type(index) is slice and not shape:
        raise IndexError("slice() cannot be applied to a 0-dim tensor.")
    laid = _layout(parts, tuple(shape))
    if single and len(laid) == 1 and not isinstance(laid[0], np.ndarray):
        return laid[0]                       # keep a lone slice a lone slice (its grad_fn name)
    return laid


_BOUND_TYPES = (int, type(None))
_INT_INDEX = (dtypes.int64, dtypes.int32)


def _plain_slice(s) -> bool:
    return type(s.start) in _BOUND_TYPES and type(s.stop) in _BOUND_TYPES and (
        s.step is None or type(s.step) is int and s.step > 0)


def _basic(index, shape):
    """The common case, checked on the spot: a tuple of ints, plain slices, None and at most
    one ellipsis, which NumPy indexes exactly as torch does. None for anything else."""
    ndim, specified, ellipsis, ints = len(shape), 0, False, 0
    for p in index:
        kind = type(p)
        if kind is int:
            specified += 1
            ints += 1
        elif kind is slice:
            if not _plain_slice(p):
                return None
            specified += 1
        elif p is Ellipsis:
            if ellipsis:
                return None
            ellipsis = True
        elif p is not None:
            return None
    if specified > ndim:
        return None                          # the general path words the error
    dim = 0
    for position, p in enumerate(index):
        if type(p) is int:
            _check_int(p, position, shape[dim])
            dim += 1
        elif type(p) is slice:
            dim += 1
        elif p is Ellipsis:
            dim += ndim - specified
    if ints == ndim == len(index):
        return index + (...,)                # a 0-d result: a view, as torch's select gives
    return index


def _list_is_tuple(index) -> bool:
    """torch's rule for a list used as an index: a tuple of indices when it holds a slice,
    None, ..., a tensor or a sequence (and is short); otherwise one integer or bool array."""
    if not isinstance(index, list) or len(index) >= 32:
        return False
    for item in index:
        if item is None or item is Ellipsis or isinstance(item, (slice, Tensor, list, tuple, np.ndarray)):
            warnings.warn("Using a non-tuple sequence for multidimensional indexing is deprecated (torch "
                          "still reads it as a tuple, and so does jitgrad); use x[tuple(seq)] instead of "
                          "x[seq]", UserWarning, stacklevel=_user_stacklevel())
            return True
    return False


def _user_stacklevel() -> int:
    """The stacklevel of the innermost caller outside jitgrad (for a warning about its line)."""
    level, frame = 2, sys._getframe(2)
    while frame is not None and (frame.f_code.co_filename.startswith(_PACKAGE_DIR) or
                                 frame.f_code.co_filename.startswith("<jitgrad")):
        level, frame = level + 1, frame.f_back
    return level


def _part(p):
    """One index part -> int, slice, None, Ellipsis or a NumPy int/bool array."""
    if p is None or p is Ellipsis:
        return p
    kind = type(p)
    if kind is int:
        return p
    if kind is slice:
        return _slice(p)
    if kind is bool or kind is np.bool_:
        return np.array(p)                   # a new dim, indexed by [0] or []
    if isinstance(p, Tensor):
        data = p._data
        if not isinstance(data, np.ndarray):
            return data                      # a traced tensor's stand-in: the tracer refuses it
        if data.dtype.kind not in "biu":
            raise IndexError(_TENSOR_DTYPES)
        return int(data) if data.ndim == 0 and data.dtype.kind != "b" else data
    if isinstance(p, np.ndarray):
        if p.dtype.kind not in "biu":
            raise IndexError(f"arrays used as indices must be of integer (or boolean) type, got {p.dtype}")
        return int(p) if p.ndim == 0 and p.dtype.kind != "b" else p
    if isinstance(p, (list, tuple)):
        return _sequence(p)
    if isinstance(p, (str, bytes)):
        raise TypeError(f"invalid index of type {kind.__name__}: {_VALID.format(kind.__name__)}")
    if hasattr(p, "__index__"):              # NumPy integers, and the like
        return operator.index(p)
    raise IndexError(_VALID.format(kind.__name__))


def _slice(s):
    try:
        start, stop, step = (v if v is None or type(v) is int else operator.index(v)
                             for v in (s.start, s.stop, s.step))
    except TypeError:
        raise TypeError("slice indices must be integers or None or have an __index__ method") from None
    if step is not None and step <= 0:
        raise ValueError("slice step cannot be zero" if step == 0 else "step must be greater than zero")
    return slice(start, stop, step)


def _sequence(seq):
    """A list inside an index becomes what torch makes of it: a bool mask or an int64 array."""
    try:
        arr = np.array(seq)
    except ValueError:
        raise ValueError(f"an index list must be rectangular (got {seq!r})") from None
    if arr.dtype == np.bool_:
        return arr
    if arr.dtype.kind in "iuf" or arr.size == 0:
        return arr.astype(np.int64)          # torch truncates float entries
    raise TypeError(f"an index list must hold integers or bools, got {arr.dtype} ({seq!r})")


def _check_int(i, position, size):
    if not -size <= i < size:
        raise IndexError(f"index {i} is out of bounds for dimension {position} with size {size}")


def _check_array(a, ordinal, size):
    if a.size and a.size <= 64:      # a few indices: Python's min/max beat two NumPy reductions
        values = a.ravel().tolist()
        if min(values) >= -size and max(values) < size:
            return
    if a.size and (a.min() < -size or a.max() >= size):
        bad = a.flat[np.argmax((a < -size) | (a >= size))]
        raise IndexError(f"index {bad} is out of bounds for dimension {ordinal} with size {size}")


def _layout(parts, shape):
    """Check `parts` against `shape` as torch does and return the NumPy index tuple."""
    ndim = len(shape)
    specified = 0
    for p in parts:
        if isinstance(p, np.ndarray):
            specified += p.ndim if p.dtype == np.bool_ else 1
        elif p is not None and p is not Ellipsis:
            if not isinstance(p, (int, slice)):
                return parts                 # holds a traced tensor: left for the tracer to refuse
            specified += 1
    if specified > ndim:
        raise IndexError(f"too many indices for tensor of dimension {ndim}")
    fill = ndim - specified                  # the dims an ellipsis stands for
    if sum(p is Ellipsis for p in parts) > 1:
        # torch lets each ellipsis skip `fill` dims: full slices, whose index may then run past
        # the last dim, where torch skips full slices and refuses anything else
        parts = tuple(q for p in parts for q in ((slice(None),) * fill if p is Ellipsis else (p,)))

    # Walk the parts as torch applies them: basic parts build the intermediate tensor (ints
    # select, slices keep a dim, None adds one); advanced parts keep their dims until the end
    out, tokens, masks, group, arrays = [], [], [], [], []
    dim = 0                                  # the dim of x the next part indexes
    inter = []                               # sizes of the intermediate tensor so far
    basic = []                               # sizes of the result's non-advanced dims
    ordinal = 0                              # index tensors so far (a k-d mask is k of them)
    past_end = has_int = False
    for position, p in enumerate(parts):
        if dim == ndim and not (p is None or p is Ellipsis or isinstance(p, np.ndarray) and p.ndim == 0):
            if type(p) is slice and p.start in (None, 0) and p.stop is None and p.step in (None, 1):
                past_end = True              # a full slice: nothing to do, wherever it points
                continue
            raise IndexError(f"too many indices for tensor of dimension {ndim}")
        if past_end:
            raise IndexError(f"too many indices for tensor of dimension {ndim}")
        if p is Ellipsis:
            if not fill:                     # no dims: dropped, as NumPy would let even an empty
                continue                     # ellipsis split the advanced indices (torch does not)
            inter += shape[dim:dim + fill]
            basic += shape[dim:dim + fill]
            tokens.append("basic")
            dim += fill
        elif p is None:
            inter.append(1)
            basic.append(1)
            tokens.append("basic")
        elif type(p) is int:
            _check_int(p, position, shape[dim])
            tokens.append("int")
            has_int = True
            dim += 1
        elif type(p) is slice:
            inter.append(len(range(*p.indices(shape[dim]))))
            basic.append(inter[-1])
            tokens.append("basic")
            dim += 1
        elif p.dtype == np.bool_:
            tokens.append("array")
            if p.ndim:
                masks.append((p, len(inter)))
                group += [(int(np.count_nonzero(p)),)] * p.ndim
                inter += shape[dim:dim + p.ndim]
            else:                            # torch: unsqueeze, then index the new dim
                group.append((int(p),))
                inter.append(1)
            ordinal += max(p.ndim, 1)
            dim += p.ndim
        else:
            arrays.append((len(out), ordinal, shape[dim]))
            tokens.append("array")
            group.append(p.shape)
            inter.append(shape[dim])
            ordinal += 1
            dim += 1
        out.append(p)
    if not group:
        if not inter and dim == ndim:
            out.append(Ellipsis)             # a 0-d result: a view, as torch's select gives
        return tuple(out)
    inter += shape[dim:]
    basic += shape[dim:]
    # torch's order of checks: masks against the intermediate tensor, then broadcasting, then
    # the index values — those only when the result has elements to read
    for mask, at in masks:
        if mask.shape != tuple(inter[at:at + mask.ndim]):
            j = next(j for j, (m, s) in enumerate(zip(mask.shape, inter[at:] + [None] * mask.ndim)) if m != s)
            raise IndexError(f"The shape of the mask {list(mask.shape)} at index {j} does not match the "
                             f"shape of the indexed tensor {inter} at index {at + j}")
    try:
        broadcast = group[0] if len(group) == 1 else np.broadcast_shapes(*group)
    except ValueError:
        raise IndexError(f"shape mismatch: indexing tensors could not be broadcast together with "
                         f"shapes {', '.join(str(list(s)) for s in group)}") from None
    empty = 0 in broadcast or 0 in basic
    for k, ordinal, size in arrays:
        if not empty:
            _check_array(out[k], ordinal, size)
        elif size:                           # nothing is read: any value will do, as in torch
            out[k] = np.clip(out[k], -size, size - 1)
    if has_int and _torch_places_apart(tokens):
        return _mesh(out, shape, fill)
    return tuple(out)


def _torch_places_apart(tokens) -> bool:
    """True when torch puts the advanced result dims in place but NumPy would move them to
    the front: the array indices are adjacent once ints are removed (torch), not with the
    ints counted among them (NumPy), and something comes before them."""
    def adjacent(kinds, members):
        marks = [k in members for k in kinds]
        first = marks.index(True)
        last = len(marks) - 1 - marks[::-1].index(True)
        return all(marks[first:last + 1]), first
    without_ints = [t for t in tokens if t != "int"]
    torch_adjacent, first = adjacent(without_ints, ("array",))
    numpy_adjacent, _ = adjacent(tokens, ("array", "int"))
    return torch_adjacent and not numpy_adjacent and first > 0


def _mesh(out, shape, fill):
    """The same selection written with integer arrays only, which NumPy lays out by
    broadcasting alone: each basic result dim gets an arange on its own axis, the advanced
    group (ints included, as constants) its broadcast shape at torch's position."""
    per_dim, basic_sizes, group_shapes, first = [], [], [], None
    dim = 0
    for p in out:
        if p is Ellipsis:
            for d in range(dim, dim + fill):
                per_dim.append(("basic", np.arange(shape[d]), len(basic_sizes)))
                basic_sizes.append(shape[d])
            dim += fill
        elif p is None:
            basic_sizes.append(1)
        elif type(p) is slice:
            r = np.arange(*p.indices(shape[dim]))
            per_dim.append(("basic", r, len(basic_sizes)))
            basic_sizes.append(len(r))
            dim += 1
        elif type(p) is int:
            per_dim.append(("group", p))
            dim += 1
        else:
            if first is None:
                first = len(basic_sizes)
            if p.dtype == np.bool_ and p.ndim:
                for component in np.nonzero(p):
                    per_dim.append(("group", component))
                    group_shapes.append(component.shape)
                dim += p.ndim
            elif p.dtype == np.bool_:        # a 0-d bool: a new dim of size 1 or 0, no dim of x
                group_shapes.append((int(p),))
            else:
                per_dim.append(("group", p))
                group_shapes.append(p.shape)
                dim += 1
    for d in range(dim, len(shape)):         # dims the index leaves out are taken whole
        per_dim.append(("basic", np.arange(shape[d]), len(basic_sizes)))
        basic_sizes.append(shape[d])
    group = np.broadcast_shapes(*group_shapes)
    rank = len(basic_sizes) + len(group)
    index = []
    for entry in per_dim:
        if entry[0] == "basic":
            _, r, k = entry
            axis = k if k < first else k + len(group)
            index.append(r.reshape([-1 if a == axis else 1 for a in range(rank)]))
        else:
            a = np.broadcast_to(entry[1], group)
            index.append(a.reshape((1,) * first + group + (1,) * (rank - first - len(group))))
    return tuple(index)


def _is_basic(index) -> bool:
    """Basic indexing (ints, slices, None, ...) never repeats an element."""
    parts = index if isinstance(index, tuple) else (index,)
    return all(p is None or p is Ellipsis or isinstance(p, (int, slice, np.integer)) for p in parts)


def _parse_getitem(x, index):
    return (x,), {"index": _normalize_index(index, x._data.shape), "in_shape": x._data.shape}


class OutOfBoundsError(IndexError, TorchWorded):
    """x[int_tensor] with an index outside its dim (torch's IndexError and message)."""


def _getitem_forward(x, index, in_shape):
    try:
        return x[index]
    except IndexError:
        if type(index) is np.ndarray and index.dtype != np.bool_:   # x[int_tensor], checked only now
            try:
                _check_array(index, 0, in_shape[0])
            except IndexError as err:
                raise OutOfBoundsError(str(err)) from None
        raise


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


def _index_put_forward(x, values, index, accumulate):
    out = x.copy()
    if accumulate:
        np.add.at(out, index, values)
    else:
        out[index] = values
    return out


def _check_values(shape, index, values):
    """torch's error for values that do not broadcast to x[index] (leading 1s may be dropped)."""
    if isinstance(values, Tensor) and values._data.ndim:
        target = _getitem_shape(shape, index, shape)
        have = tuple(values._data.shape)
        while len(have) > len(target) and have[0] == 1:
            have = have[1:]
        if not broadcastable_to(have, target):
            raise RuntimeError(f"shape mismatch: value tensor of shape {list(values._data.shape)} cannot be "
                               f"broadcast to indexing result of shape {list(target)}")


def _parse_index_put(x, index, values, accumulate=False):
    index = _normalize_index(index, x._data.shape)
    _check_values(x._data.shape, index, values)
    return (x, values), {"index": index, "accumulate": bool(accumulate)}


# The op behind x[index] = v (any index x[...] takes; inplace.py records it). With
# accumulate=False the overwritten elements of x get no gradient; values get theirs wherever
# they were written (at each repeat of an index, as torch gives them).
index_put = defop("index_put", INDEX, _index_put_forward, "x values",
                 {"x": lambda g, index, accumulate: g if accumulate else index_put(g, index, 0),
                  "values": lambda g, index: g[index]},
                 dtype=lambda x, values, index, accumulate: x.dtype,
                 shape=lambda s, v, index, accumulate: s,
                 parse=_parse_index_put, grad_fn="IndexPutBackward0", export=False)


def _index_put_public(input, indices, values, accumulate=False):
    """torch.index_put: ``input`` with ``input[indices] = values`` (``+=`` with accumulate=True,
    where repeated indices add up). `indices` is a tuple of index tensors, `values` a tensor
    of input's dtype."""
    if not isinstance(indices, (tuple, list)):
        raise TypeError(f"index_put(): argument 'indices' (position 2) must be tuple of Tensors, not "
                        f"{type(indices).__name__}")
    for k, t in enumerate(indices):
        if not isinstance(t, Tensor):
            raise TypeError(f"index_put(): expected Tensor as element {k} in argument 1, but got "
                            f"{type(t).__name__}")
    if not isinstance(values, Tensor):
        raise TypeError(f"index_put(): argument 'values' (position 3) must be Tensor, not {type(values).__name__}")
    if values.dtype is not input.dtype:
        raise RuntimeError(f"Index put requires the source and destination dtypes match, got "
                           f"{input.dtype.scalar_type} for the destination and "
                           f"{values.dtype.scalar_type} for the source.")
    return index_put(input, tuple(indices), values, accumulate)


_index_put_public.__name__ = _index_put_public.__qualname__ = "index_put"
Tensor.index_put = _index_put_public
PUBLIC["index_put"] = _index_put_public
