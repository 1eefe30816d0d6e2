"""Movement (view) ops: reshape, view, transpose, permute, squeeze, unsqueeze, expand, …

Outputs share memory with their input whenever NumPy can give a view (as torch's views do),
and then also share its version counter, so an in-place change through either is seen by
autograd's saved-tensor checks.
"""
from __future__ import annotations

import numpy as np

from .dims import infer_shape, normalize_dims, shape_arg
from .registry import MOVEMENT, PUBLIC, defop, broadcast_shapes
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

M = MOVEMENT


def _parse_reshape(name):
    def parse(x, *shape):
        target = infer_shape(shape_arg(shape, name), x._data.size, name)
        return (x,), {"shape": target, "in_shape": x._data.shape}
    return parse


def _view_forward(x, shape, in_shape):
    out = x.view()
    try:
        out.shape = shape  # NumPy refuses (instead of copying) when strides cannot express it
    except AttributeError:
        raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one "
                           "dimension spans across two contiguous subspaces). Use .reshape(...) "
                           "instead.") from None
    return out


_reshape_rule = {"x": lambda g, in_shape: g.reshape(in_shape)}
reshape = defop("reshape", M, lambda x, shape, in_shape: np.reshape(x, shape), "x", _reshape_rule,
                dtype="same", shape=lambda s, shape, in_shape: shape, parse=_parse_reshape("reshape"),
                grad_fn="ViewBackward0", view=True, methods=("reshape",))
view = defop("view", M, _view_forward, "x", _reshape_rule, dtype="same",
             shape=lambda s, shape, in_shape: shape, parse=_parse_reshape("view"),
             grad_fn="ViewBackward0", view=True, methods=("view",))


def _view_as(self, other):
    return reshape(self, other.shape)


def flatten(x, start_dim=0, end_dim=-1):
    ndim = x._data.ndim
    if ndim == 0:
        return reshape(x, 1)
    start, end = _wrap_dim(start_dim, ndim, "flatten"), _wrap_dim(end_dim, ndim, "flatten")
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    shape = x._data.shape
    return reshape(x, shape[:start] + (-1,) + shape[end + 1:])


def _parse_transpose(x, dim0, dim1):
    n = x._data.ndim
    return (x,), {"dim0": _wrap_dim(dim0, n, "transpose"), "dim1": _wrap_dim(dim1, n, "transpose")}


def _swap(shape, dim0, dim1):
    s = list(shape)
    s[dim0], s[dim1] = s[dim1], s[dim0]
    return tuple(s)


transpose = defop("transpose", M, lambda x, dim0, dim1: np.swapaxes(x, dim0, dim1) if x.ndim else x, "x",
                  {"x": lambda g, dim0, dim1: g.transpose(dim0, dim1)}, dtype="same",
                  shape=lambda s, dim0, dim1: _swap(s, dim0, dim1), parse=_parse_transpose,
                  view=True, methods=("transpose", "swapaxes"))


def _parse_t(x):
    if x._data.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x._data.ndim}D")
    return (x,), {}


t = defop("t", M, lambda x: x.T, "x", {"x": lambda g: g.t()}, dtype="same",
          shape=lambda s: tuple(reversed(s)), parse=_parse_t, grad_fn="TBackward0", view=True,
          methods=("t",))


def _parse_permute(x, *dims):
    dims = shape_arg(dims, "permute")
    n = x._data.ndim
    if len(dims) != n:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match "
                           f"the length of the desired ordering of dimensions i.e. input.dim() = {n} is "
                           f"not equal to len(dims) = {len(dims)}".replace("(sparse_coo)", ""))
    norm = tuple(_wrap_dim(d, n, "permute") for d in dims)
    if len(set(norm)) != n:
        raise RuntimeError(f"permute(): duplicate dims are not allowed (got {list(dims)})")
    return (x,), {"dims": norm}


permute = defop("permute", M, lambda x, dims: np.transpose(x, dims), "x",
                {"x": lambda g, dims: g.permute(tuple(np.argsort(dims)))}, dtype="same",
                shape=lambda s, dims: tuple(s[d] for d in dims), parse=_parse_permute, view=True,
                methods=("permute",))


def _parse_unsqueeze(x, dim):
    return (x,), {"dim": _wrap_dim(dim, x._data.ndim + 1, "unsqueeze")}


unsqueeze = defop("unsqueeze", M, lambda x, dim: np.expand_dims(x, dim), "x",
                  {"x": lambda g, dim: g.squeeze(dim)}, dtype="same",
                  shape=lambda s, dim: s[:dim] + (1,) + s[dim:], parse=_parse_unsqueeze, view=True,
                  methods=("unsqueeze",))


def _parse_squeeze(x, dim=None):
    shape = x._data.shape
    dims = normalize_dims(dim, x._data.ndim, "squeeze")
    # torch squeezes only the named dims that have size 1, silently keeping the others
    keep = tuple(s for i, s in enumerate(shape) if not (s == 1 and (dims is None or i in dims)))
    # torch's overloads: squeeze() SqueezeBackward0, squeeze(dim) 1, squeeze(dims) 2
    overload = 0 if dim is None else 1 if isinstance(dim, int) else 2
    return (x,), {"shape": keep, "in_shape": shape, "overload": overload}


squeeze = defop("squeeze", M, lambda x, shape, in_shape, overload: x.reshape(shape), "x", _reshape_rule,
                dtype="same", shape=lambda s, shape, in_shape, overload: shape, parse=_parse_squeeze,
                grad_fn=lambda args, attrs: f"SqueezeBackward{attrs['overload']}", view=True,
                methods=("squeeze",))


def _parse_expand(x, *sizes):
    sizes = shape_arg(sizes, "expand")
    shape = x._data.shape
    if len(sizes) < len(shape):
        raise RuntimeError(f"expand: the number of sizes provided ({len(sizes)}) must be greater or equal "
                           f"to the number of dimensions in the tensor ({len(shape)})")
    lead = len(sizes) - len(shape)
    target = []
    for i, s in enumerate(sizes):
        if i < lead:
            if s == -1:
                raise RuntimeError(f"expand: -1 is not allowed in a leading, non-existing dimension {i}")
            target.append(s)
            continue
        have = shape[i - lead]
        if s == -1:
            s = have
        elif have != 1 and have != s:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing size ({have}) "
                               f"at non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor "
                               f"sizes: {list(shape)}")
        target.append(s)
    return (x,), {"shape": tuple(target)}


# Identity rule: the engine sums the gradient back to the input's (smaller) shape.
expand = defop("expand", M, lambda x, shape: np.broadcast_to(x, shape), "x", {"x": lambda g: g},
               dtype="same", shape=lambda s, shape: shape, parse=_parse_expand, view=True,
               scalar="{x}",   # in a fused loop, reading x with broadcasting *is* the expand
               methods=("expand",))


def broadcast_to(x, shape):
    return expand(x, shape)


def broadcast_tensors(*tensors):
    shape = broadcast_shapes(*(tuple(t.shape) for t in tensors))
    return tuple(expand(t, shape) for t in tensors)


clone = defop("clone", M, lambda x: np.array(x, copy=True), "x", {"x": lambda g: g}, dtype="same",
              shape=lambda s: s, scalar="{x}", methods=("clone",))


# clone keeps a dense input's strides (torch's preserve_format); contiguous() must not
contiguous = defop("contiguous", M, lambda x: np.array(x, order="C", copy=True), "x", {"x": lambda g: g},
                   dtype="same", shape=lambda s: s, grad_fn="CloneBackward0", export=False)


def _contiguous(self):
    return self if self._data.flags.c_contiguous else contiguous(self)


def _parse_to(x, *args, dtype=None, device=None, copy=False, non_blocking=False):
    for a in args:  # .to(dtype), .to("cpu"), .to(other_tensor), .to("cpu", jitgrad.float64)
        if isinstance(a, Tensor):
            dtype = a.dtype
        elif isinstance(a, str) or type(a).__name__ == "device":
            device = a
        else:
            dtype = a
    if device is not None:
        from ..tensor import device as _device
        _device(device)  # raises a clear error for anything but the CPU
    return (x,), {"dtype": dtypes.as_dtype(dtype) if dtype is not None else x.dtype, "copy": copy}


# Identity rule: the engine casts the gradient back to the input's dtype.
_to = defop("to", M, lambda x, dtype, copy: x.astype(dtype.np, copy=copy), "x", {"x": lambda g: g},
            dtype=lambda x, dtype, copy: dtype, shape=lambda s, dtype, copy: s, parse=_parse_to,
            scalar="{x}",   # the fused loop casts every value to its node's dtype
            grad_fn="ToCopyBackward0", export=False)


def _to_method(self, *args, **kwargs):
    (x,), attrs = _parse_to(self, *args, **kwargs)
    if attrs["dtype"] is self.dtype and not attrs["copy"]:
        return self  # torch returns the tensor itself when nothing changes
    return _to(self, *args, **kwargs)


def _cast(dt):
    def cast(self):
        return _to_method(self, dt)
    return cast


def _type(self, dtype=None):
    if dtype is None:
        return f"jitgrad.{ {'float32': 'Float', 'float64': 'Double', 'int32': 'Int', 'int64': 'Long', 'bool': 'Bool'}.get(self.dtype.name, self.dtype.name)}Tensor"
    return _to_method(self, dtype)


Tensor.to = _to_method
Tensor.type = _type
Tensor.float, Tensor.double = _cast(dtypes.float32), _cast(dtypes.float64)
Tensor.int, Tensor.long, Tensor.bool = _cast(dtypes.int32), _cast(dtypes.int64), _cast(dtypes.bool_)
Tensor.contiguous = _contiguous
Tensor.flatten = flatten
Tensor.view_as = _view_as
Tensor.expand_as = lambda self, other: expand(self, other.shape)
Tensor.reshape_as = _view_as
Tensor.mT = property(lambda self: transpose(self, -2, -1))
Tensor.T = property(lambda self: permute(self, tuple(reversed(range(self._data.ndim)))))
PUBLIC.update(flatten=flatten, broadcast_to=broadcast_to, broadcast_tensors=broadcast_tensors,
              swapaxes=transpose)
