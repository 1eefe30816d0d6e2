"""Movement (view) ops: reshape, view, transpose, permute, squeeze, unsqueeze, expand, …, and
the dtype casts (``to``, ``float()``, ``type()``, …).

Outputs share memory with their input whenever NumPy can give a view (as torch's views do),
and then also share its version counter, so an in-place change through either is seen by
autograd's saved-tensor checks. ``reshape`` copies only when the input's strides cannot
express the result, as torch's; ``expand`` is a read-only broadcast view. Casts (``to``)
always copy, except that a cast to the tensor's own dtype returns the tensor itself.
"""
from __future__ import annotations

import numpy as np

from .dims import normalize_dims, shape_arg
from .registry import MOVEMENT, PUBLIC, defop, broadcast_shapes
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

M = MOVEMENT


def _infer_shape(shape: tuple, numel: int, op: str) -> tuple:
    """Resolve one -1 in a target shape, with torch's errors when the sizes do not fit."""
    if shape.count(-1) > 1:
        raise RuntimeError(f"{op}: only one dimension can be inferred")
    known = 1
    for i, s in enumerate(shape):
        if s < -1:
            raise RuntimeError(f"{op}: invalid shape dimension {s} at index {i} of shape {list(shape)}")
        if s != -1:
            known *= s
    if -1 not in shape:
        if known != numel:
            raise RuntimeError(f"{op}: shape '{list(shape)}' is invalid for input of size {numel}")
        return shape
    if known == 0:
        if numel == 0:
            raise RuntimeError(f"{op}: cannot reshape tensor of 0 elements into shape {list(shape)} because "
                               f"the unspecified dimension size -1 can be any value and is ambiguous")
        raise RuntimeError(f"{op}: shape '{list(shape)}' is invalid for input of size {numel}")
    if numel % known:
        raise RuntimeError(f"{op}: shape '{list(shape)}' is invalid for input of size {numel}")
    return tuple(numel // known if s == -1 else s for s in shape)


def _parse_reshape(name, keyword):
    def parse(x, *shape, **kwargs):
        if kwargs:   # x.reshape(shape=(2, 3)), x.view(size=(2, 3))
            if shape or set(kwargs) != {keyword}:
                raise TypeError(f"{name}() takes the shape as ints, one sequence, or {keyword}=; "
                                f"got {len(shape)} positional and keywords {sorted(kwargs)}")
            shape = (kwargs[keyword],)
        target = _infer_shape(shape_arg(shape, name), x._data.size, name)
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
                dtype="same", shape=lambda s, shape, in_shape: shape, parse=_parse_reshape("reshape", "shape"),
                grad_fn="ViewBackward0", view=True, methods=("reshape",))
view = defop("view", M, _view_forward, "x", _reshape_rule, dtype="same",
             shape=lambda s, shape, in_shape: shape, parse=_parse_reshape("view", "size"),
             grad_fn="ViewBackward0", view=True, methods=("view",))


def _view_as(self, other):
    return reshape(self, other.shape)


def flatten(x, start_dim=0, end_dim=-1):
    ndim = x._data.ndim
    start, end = _wrap_dim(start_dim, ndim, "flatten"), _wrap_dim(end_dim, ndim, "flatten")
    if ndim == 0:
        return reshape(x, 1)
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if start == end:
        return x  # torch returns the tensor itself: nothing to merge
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
                  view=True, methods=("transpose",))


def swapaxes(input, axis0, axis1):
    return transpose(input, axis0, axis1)


def swapdims(input, dim0, dim1):
    return transpose(input, dim0, dim1)


def _parse_t(x):
    if x._data.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x._data.ndim}D")
    return (x,), {}


t = defop("t", M, lambda x: x.T, "x", {"x": lambda g: g.t()}, dtype="same",
          shape=lambda s: tuple(reversed(s)), parse=_parse_t, grad_fn="TBackward0", view=True,
          methods=("t",))


def _parse_permute(x, *dims, **kwargs):
    if kwargs:   # x.permute(dims=(1, 0))
        if dims or set(kwargs) != {"dims"}:
            raise TypeError(f"permute() takes the dims as ints, one sequence, or dims=; got {len(dims)} "
                            f"positional and keywords {sorted(kwargs)}")
        dims = (kwargs["dims"],)
    if not dims:
        raise TypeError('permute() missing 1 required positional arguments: "dims"')
    dims = shape_arg(dims, "permute")
    n = x._data.ndim
    if len(dims) != n:
        raise RuntimeError(f"permute: number of dimensions in the tensor input does not match the length of "
                           f"the desired ordering of dimensions i.e. input.dim() = {n} is not equal to "
                           f"len(dims) = {len(dims)}")
    norm = tuple(_wrap_dim(d, n, "permute") for d in dims)
    if len(set(norm)) != n:
        raise RuntimeError(f"permute(): duplicate dims are not allowed (got {list(dims)})")
    return (x,), {"dims": norm}


permute = defop("permute", M, lambda x, dims: np.transpose(x, dims), "x",
                {"x": lambda g, dims: g.permute(tuple(np.argsort(dims)))}, dtype="same",
                shape=lambda s, dims: tuple(s[d] for d in dims), parse=_parse_permute, view=True,
                methods=("permute",))


def _dim_or_axis(dim, axis, op, default=None):
    """torch accepts `axis=` wherever it takes `dim`; at most one of them may be given."""
    if axis is not None:
        if dim is not None:
            raise TypeError(f"{op}() got both dim={dim!r} and axis={axis!r}; give one of them")
        return axis
    return default if dim is None else dim


def _parse_unsqueeze(x, dim=None, *, axis=None):
    dim = _dim_or_axis(dim, axis, "unsqueeze")
    if dim is None:
        raise TypeError('unsqueeze() missing 1 required positional argument: "dim"')
    return (x,), {"dim": _wrap_dim(dim, x._data.ndim + 1, "unsqueeze")}


unsqueeze = defop("unsqueeze", M, lambda x, dim: x.reshape(x.shape[:dim] + (1,) + x.shape[dim:]), "x",
                  {"x": lambda g, dim: g.squeeze(dim)}, dtype="same",
                  shape=lambda s, dim: s[:dim] + (1,) + s[dim:], parse=_parse_unsqueeze, view=True,
                  methods=("unsqueeze",))


def _parse_squeeze(x, dim=None, *, axis=None):
    dim = _dim_or_axis(dim, axis, "squeeze")
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


def _parse_expand(x, *sizes, **kwargs):
    if kwargs:   # x.expand(size=(2, 3))
        if sizes or set(kwargs) != {"size"}:
            raise TypeError(f"expand() takes the sizes as ints, one sequence, or size=; got {len(sizes)} "
                            f"positional and keywords {sorted(kwargs)}")
        sizes = (kwargs["size"],)
    sizes = shape_arg(sizes, "expand")
    shape = x._data.shape
    if len(sizes) < len(shape):
        raise RuntimeError(f"expand({_type(x)}{{{list(shape)}}}, size={list(sizes)}): the number of sizes "
                           f"provided ({len(sizes)}) must be greater or equal to the number of dimensions "
                           f"in the tensor ({len(shape)})")
    lead = len(sizes) - len(shape)
    target = []
    for i, s in enumerate(sizes):
        if s < -1:
            raise RuntimeError(f"expand: invalid size {s} at dimension {i} (sizes are non-negative, or -1 to "
                               f"keep a dimension's size).  Target sizes: {list(sizes)}.  Tensor sizes: "
                               f"{list(shape)}")
        if i < lead:
            if s == -1:
                raise RuntimeError(f"expand: The expanded size of the tensor (-1) isn't allowed in a leading, "
                                   f"non-existing dimension {i}")
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


def _matrix_transpose(self):
    if self._data.ndim < 2:
        raise RuntimeError(f"tensor.mT is only supported on matrices or batches of matrices. Got "
                           f"{self._data.ndim}-D tensor.")
    return transpose(self, -2, -1)


clone = defop("clone", M, lambda x: np.array(x, copy=True), "x", {"x": lambda g: g}, dtype="same",
              shape=lambda s: s, scalar="{x}", methods=("clone",))


# clone keeps a dense input's strides (torch's preserve_format); contiguous() must not
contiguous = defop("contiguous", M, lambda x: np.array(x, order="C", copy=True), "x", {"x": lambda g: g},
                   dtype="same", shape=lambda s: s, grad_fn="CloneBackward0", export=False)


def _contiguous(self):
    return self if self.is_contiguous() else contiguous(self)


# ---------------------------------------------------------------- casts
def _is_device(a) -> bool:
    return isinstance(a, str) or type(a).__name__ == "device"


_TO_SIGNATURES = ("(device=None, dtype=None, non_blocking=False, copy=False), "
                  "(dtype, non_blocking=False, copy=False) or (Tensor other, non_blocking=False, copy=False)")


def _to_arguments(x, *args, dtype=None, device=None, copy=False, non_blocking=False):
    """(dtype, device or None, copy) from any of torch's overloads of Tensor.to."""
    # torch's three overloads: .to(other_tensor), .to(device, dtype), .to(dtype); then the flags
    rest = list(args)
    if rest and isinstance(rest[0], Tensor):
        other = rest.pop(0)
        dtype, device = other.dtype, other.device
    elif rest and _is_device(rest[0]):
        device = rest.pop(0)
        if rest and not isinstance(rest[0], bool) and not _is_device(rest[0]):
            dtype = rest.pop(0)
    elif rest and not isinstance(rest[0], bool):
        dtype = rest.pop(0)
    if len(rest) > 2 or not all(isinstance(a, bool) for a in rest):
        got = ", ".join(type(a).__name__ for a in args)
        raise TypeError(f"to() received an invalid combination of arguments - got ({got}), but expected one "
                        f"of: {_TO_SIGNATURES}")
    if len(rest) == 2:
        copy = rest[1]
    if device is not None:
        from ..tensor import device as _device
        device = _device(device)  # raises a clear error for an unknown device
    return dtypes.as_dtype(dtype) if dtype is not None else x.dtype, device, bool(copy)


def _parse_to(x, *args, **kwargs):
    dtype, _, copy = _to_arguments(x, *args, **kwargs)
    return (x,), {"dtype": dtype, "copy": copy}


# Identity rule: the engine casts the gradient back to the input's dtype. Only float outputs
# record a node, so gradients flow through float <-> float casts and stop at int/bool ones.
_to = defop("to", M, lambda x, dtype, copy: x.astype(dtype.np, copy=copy), "x", {"x": lambda g: g},
            dtype=lambda x, dtype, copy: dtype, shape=lambda s, dtype, copy: s, parse=_parse_to,
            scalar="{x}",   # the fused loop casts every value to its node's dtype
            grad_fn="ToCopyBackward0", export=False)


def _to_method(self, *args, **kwargs):
    dtype, device, copy = _to_arguments(self, *args, **kwargs)
    result = self
    moves = device is not None and device.type != self.device.type
    if dtype is not self.dtype or (copy and not moves):
        result = _to(self, dtype=dtype, copy=copy)
    if moves:          # (a copy already)
        from .device_copy import to_device
        result = to_device(result, device)
    return result  # torch returns the tensor itself when nothing changes


def _cast(dt):
    def cast(self):
        return _to_method(self, dt)
    return cast


# torch's legacy tensor type names: x.type() prints them, x.type("torch.DoubleTensor") casts
_TYPE_NAMES = {dt: f"torch.{dt.scalar_type}Tensor" for dt in dtypes.ALL}
_TYPE_BY_NAME = {name: dt for dt, name in _TYPE_NAMES.items()}
_TYPE_BY_NAME.update({name.replace("torch.", "jitgrad."): dt for name, dt in list(_TYPE_BY_NAME.items())})


def _type(self, dtype=None, non_blocking=False):
    if dtype is None:
        return _TYPE_NAMES[self.dtype]
    if isinstance(dtype, str):
        if dtype not in _TYPE_BY_NAME:
            raise ValueError(f"invalid type: {dtype!r}; valid: {', '.join(_TYPE_NAMES.values())}")
        dtype = _TYPE_BY_NAME[dtype]
    elif not isinstance(dtype, dtypes.dtype) and not isinstance(dtype, type):
        raise TypeError(f"type(): dtype must be a type, str, or dtype object, got {dtype!r}")
    return _to_method(self, dtype)


def numel(input):
    return input.numel()


Tensor.to = _to_method
Tensor.type = _type
Tensor.float, Tensor.double = _cast(dtypes.float32), _cast(dtypes.float64)
Tensor.int, Tensor.long, Tensor.bool = _cast(dtypes.int32), _cast(dtypes.int64), _cast(dtypes.bool_)
Tensor.contiguous = _contiguous
Tensor.flatten = flatten
Tensor.swapaxes, Tensor.swapdims = swapaxes, swapdims
Tensor.view_as = _view_as
Tensor.expand_as = lambda self, other: expand(self, other.shape)
Tensor.reshape_as = _view_as
Tensor.mT = property(_matrix_transpose)
Tensor.T = property(lambda self: permute(self, tuple(reversed(range(self._data.ndim)))))
PUBLIC.update(flatten=flatten, broadcast_to=broadcast_to, broadcast_tensors=broadcast_tensors,
              swapaxes=swapaxes, swapdims=swapdims, numel=numel)
