"""Reductions. Their vjps return the gradient with the reduced dims restored as size 1;
the engine broadcasts it back to the input's shape."""
from __future__ import annotations

from collections import namedtuple

import numpy as np

from . import elementwise as ew
from .dims import keepdim_shape, normalize_dims
from .registry import PUBLIC, REDUCE, broadcastable_to, defop
from .. import dtypes
from ..tensor import Tensor

R = REDUCE

# torch.return_types.max / min: a named pair (values, indices)
max_result = namedtuple("max", ["values", "indices"])
min_result = namedtuple("min", ["values", "indices"])


def _unreduce(g, dim, keepdim):
    """Put reduced dims back as size 1 so the gradient broadcasts over the input."""
    if dim is None or keepdim:
        return g
    return g.reshape(keepdim_shape(g._data.shape, dim))


def _reduced_shape(shape, dim=None, keepdim=False, **_):
    if dim is None:
        return tuple(1 for _ in shape) if keepdim else ()
    return tuple(1 if i in dim else s for i, s in enumerate(shape)) if keepdim else \
        tuple(s for i, s in enumerate(shape) if i not in dim)


def _parse_reduce(name):
    def parse(x, dim=None, keepdim=False, *, dtype=None, axis=None):
        if axis is not None:
            dim = axis
        dims = normalize_dims(dim, x.ndim, name)
        if dims is not None and x.ndim == 0:
            dims = ()  # torch accepts dim 0 or -1 on a 0-d tensor; there is no axis to reduce
        attrs = {"dim": dims, "keepdim": bool(keepdim)}
        if dtype is not None:
            attrs["dtype"] = dtypes.as_dtype(dtype)
        return (x,), attrs
    return parse


def _sum_dtype(x, dim=None, keepdim=False, dtype=None):
    if dtype is not None:
        return dtype
    return dtypes.int64 if x.dtype.category < dtypes.FLOATING else x.dtype


def _np_sum(x, dim, keepdim, dtype=None):
    return np.sum(x, axis=dim, keepdims=keepdim)


sum = defop("sum", R, _np_sum, "x", {"x": lambda g, dim, keepdim: _unreduce(g, dim, keepdim)},
            dtype=_sum_dtype, shape=_reduced_shape, parse=_parse_reduce("sum"),
            grad_fn=lambda args, attrs: "SumBackward0" if attrs["dim"] is None else "SumBackward1",
            methods=("sum",))


def _mean_dtype(x, dim=None, keepdim=False, count=None, dtype=None):
    dt = dtype or x.dtype
    if dt.category < dtypes.FLOATING:
        raise RuntimeError(f"mean(): could not infer output dtype. Input dtype must be either a floating "
                           f"point or complex dtype. Got: {x.dtype.name}")
    return dt


def _mean_count(x_shape, dim):
    n = 1
    for i, s in enumerate(x_shape):
        if dim is None or i in dim:
            n *= s
    return n


def _parse_mean(x, dim=None, keepdim=False, *, dtype=None, axis=None):
    args, attrs = _parse_reduce("mean")(x, dim, keepdim, dtype=dtype, axis=axis)
    attrs["count"] = _mean_count(x._data.shape, attrs["dim"])
    return args, attrs


def _np_mean(x, dim, keepdim, count, dtype=None):
    # np.add.reduce rather than np.mean: the same pairwise sum, without np.mean's Python layers
    # (several µs — most of a small reduction's time)
    total = np.add.reduce(x, axis=dim, keepdims=keepdim, dtype=dtype.np if dtype is not None else None)
    return total / count if count else total * np.nan


mean = defop("mean", R, _np_mean,
             "x", {"x": lambda g, dim, keepdim, count: _unreduce(g, dim, keepdim) / count},
             dtype=_mean_dtype, shape=_reduced_shape, parse=_parse_mean,
             grad_fn=lambda args, attrs: "MeanBackward0" if attrs["dim"] is None else "MeanBackward1",
             methods=("mean",))


def sum_to_size_forward(x, shape):
    """Sum `x` down to `shape` (the inverse of broadcasting `shape` up to x.shape)."""
    lead = x.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, s in enumerate(shape) if s == 1 and x.shape[lead + i] != 1)
    out = np.sum(x, axis=axes, keepdims=True) if axes else x
    return out.reshape(shape)


def _parse_sum_to(x, *size):
    from .dims import shape_arg
    shape = shape_arg(size, "sum_to_size")
    if not broadcastable_to(shape, x._data.shape):
        raise RuntimeError(f"sum_to_size: size {list(shape)} is not expandable to size {list(x._data.shape)}")
    return (x,), {"shape": shape}


# The rule is the identity: the engine expands the gradient back to the input's shape.
sum_to_size = defop("sum_to_size", R, sum_to_size_forward, "x", {"x": lambda g: g}, dtype="same",
                    shape=lambda s, shape: shape, parse=_parse_sum_to, grad_fn="SumToSizeBackward0",
                    methods=("sum_to_size",))


# ---------------------------------------------------------------- max / min
def _evenly(g, x, out):
    # torch splits the gradient evenly between tied extrema
    hit = x == out
    return ew.where(hit, g / hit.sum(), 0)


def _select(g, x, out, dim, keepdim):
    """Gradient of a (values, indices) reduction: g goes to the chosen index only."""
    from ..creation import arange
    if x._data.ndim == 0:  # max(dim=0) of a 0-d tensor is the tensor itself
        return g
    (d,) = dim
    g, idx = _unreduce(g, dim, keepdim), _unreduce(out[1], dim, keepdim)
    positions = arange(x._data.shape[d]).reshape([-1 if i == d else 1 for i in range(x._data.ndim)])
    return ew.where(positions == idx, g, 0)


def _parse_extremum_dim(name):
    def parse(x, dim, keepdim=False):
        return (x,), {"dim": normalize_dims(dim, x.ndim, name), "keepdim": bool(keepdim)}
    return parse


def _extremum_dim_forward(reduce_fn, arg_fn):
    def forward(x, dim, keepdim):
        (d,) = dim
        if x.ndim == 0:
            return x.copy(), np.zeros((), np.int64)
        return reduce_fn(x, axis=d, keepdims=keepdim), arg_fn(x, axis=d, keepdims=keepdim)
    return forward


def _whole(reduce_fn, name):
    def forward(x):
        if x.size == 0:
            raise ValueError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                             f"Specify the reduction dim with the 'dim' argument.")
        return reduce_fn(x)
    return forward


amax_all = defop("max_all", R, _whole(np.max, "max"), "x", {"x": _evenly}, dtype="same",
                 shape=lambda s: (), grad_fn="MaxBackward1", export=False)
amin_all = defop("min_all", R, _whole(np.min, "min"), "x", {"x": _evenly}, dtype="same",
                 shape=lambda s: (), grad_fn="MinBackward1", export=False)
max_dim = defop("max_dim", R, _extremum_dim_forward(np.max, np.argmax), "x", {"x": _select},
                dtype=lambda x, dim, keepdim: (x.dtype, dtypes.int64), n_outputs=2,
                shape=lambda s, dim, keepdim: (_reduced_shape(s, dim, keepdim),) * 2,
                parse=_parse_extremum_dim("max"), grad_fn="MaxBackward0", export=False,
                wrap=lambda pair: max_result(*pair))
min_dim = defop("min_dim", R, _extremum_dim_forward(np.min, np.argmin), "x", {"x": _select},
                dtype=lambda x, dim, keepdim: (x.dtype, dtypes.int64), n_outputs=2,
                shape=lambda s, dim, keepdim: (_reduced_shape(s, dim, keepdim),) * 2,
                parse=_parse_extremum_dim("min"), grad_fn="MinBackward0", export=False,
                wrap=lambda pair: min_result(*pair))


def _extremum(whole, by_dim, pairwise):
    def public(input, dim=None, keepdim=False, *, other=None, axis=None):
        if axis is not None:
            dim = axis
        if isinstance(dim, Tensor):  # max(a, b): elementwise
            return pairwise(input, dim)
        if other is not None:
            return pairwise(input, other)
        if dim is None:
            return whole(input)
        return by_dim(input, dim, keepdim)
    return public


max = _extremum(amax_all, max_dim, ew.maximum)
min = _extremum(amin_all, min_dim, ew.minimum)
max.__name__, min.__name__ = "max", "min"
max.__doc__ = "max(x) -> value; max(x, dim, keepdim=False) -> (values, indices); max(x, y) -> maximum"
min.__doc__ = "min(x) -> value; min(x, dim, keepdim=False) -> (values, indices); min(x, y) -> minimum"
Tensor.max, Tensor.min = max, min
PUBLIC.update(max=max, min=min)
