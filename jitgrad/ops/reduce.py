"""Reductions: sum, mean, prod, var/std, max/min/amax/amin, median, argmax/argmin, all/any.

Their vjps return the gradient with the reduced dims restored as size 1; the engine broadcasts
it back to the input's shape. Reductions that pick elements (max, median, ...) hand the
gradient to the picked ones: to the index they return, or split evenly between ties where
they return only a value, as torch does. Results with indices are named pairs
(``jitgrad.return_types.max(values=..., indices=...)``).
"""
from __future__ import annotations

import builtins
import operator
import sys
import types
import warnings
from collections import namedtuple

import numpy as np

from . import elementwise as ew
from .dims import broadcastable_to, keepdim_shape, normalize_dims, sum_to_size_forward
from .registry import PUBLIC, REDUCE, defop
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

R = REDUCE

# ---------------------------------------------------------------- named results
return_types = types.ModuleType("jitgrad.return_types",
                                "Named tuples returned by ops with several results, as torch.return_types.")
sys.modules[return_types.__name__] = return_types   # importable and picklable like a real module


def _result_repr(self):
    fields = ",\n".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
    return f"{return_types.__name__}.{type(self).__name__}(\n{fields})"


def return_type(name: str, fields=("values", "indices")):
    """torch.return_types.<name>: a named tuple (fields, tuple unpacking) printed as torch prints it."""
    cls = namedtuple(name, fields, module=return_types.__name__)
    cls.__repr__ = _result_repr
    setattr(return_types, name, cls)
    return cls


max_result, min_result, median_result = return_type("max"), return_type("min"), return_type("median")
PUBLIC["return_types"] = return_types



# ---------------------------------------------------------------- shared helpers
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


def _dims(x, dim, name, empty_is_all=True):
    """dim (None, int, tuple or list) as a sorted tuple. As in torch, an empty tuple or list
    means every dim (all/any keep it as no dim at all), and a 0-d tensor, which has no dim to
    reduce, accepts dim 0 and -1."""
    dims = normalize_dims(dim, x._data.ndim, name)
    if dims is not None and x._data.ndim == 0:
        return ()
    if dims == () and empty_is_all:
        return tuple(range(x._data.ndim))
    return dims


def _one_dim(x, dim, name):
    """A single int dim, normalised, for ops whose dim cannot be a tuple (torch's TypeError)."""
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
        raise TypeError(f"{name}(): argument 'dim' must be int, not {type(dim).__name__}")
    return _wrap_dim(operator.index(dim), x._data.ndim, name)


def _check_not_empty(x, dims, name):
    """torch refuses to reduce a dim of size 0 when the reduction picks an element."""
    shape = x._data.shape
    for d in dims or ():
        if shape[d] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")


def _empty_whole_error(name):
    return RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                        f"Specify the reduction dim with the 'dim' argument.")


def _for_reduction(x, dtype):
    """(input, accumulator dtype): torch casts the input to a requested dtype= first, and
    reduces ints and bools in int64."""
    if dtype is not None:
        x = x.astype(dtype.np, copy=False)
    return x, (None if x.dtype.kind in "fc" else np.int64)


def _sum_dtype(x, dim=None, keepdim=False, dtype=None):
    if dtype is not None:
        return dtype
    return dtypes.int64 if x.dtype.category < dtypes.FLOATING else x.dtype


# ---------------------------------------------------------------- sum, mean, sum_to_size
def _parse_reduce(name):
    def parse(x, dim=None, keepdim=False, *, dtype=None, axis=None):
        if axis is not None:
            dim = axis
        attrs = {"dim": None if dim is None else _dims(x, dim, name), "keepdim": bool(keepdim)}
        if dtype is not None:
            attrs["dtype"] = dtypes.as_dtype(dtype)
        return (x,), attrs
    return parse


def _np_sum(x, dim, keepdim, dtype=None):
    # np.add.reduce rather than np.sum: the same pairwise sum without np.sum's Python layers;
    # ints and bools accumulate in int64 (NumPy would sum bools as a logical or)
    if dtype is None and not keepdim and x.dtype.kind in "fc":   # the common case, positionally
        return np.add.reduce(x, dim)
    x, acc = _for_reduction(x, dtype)
    return np.add.reduce(x, axis=dim, keepdims=keepdim, dtype=acc)


sum = defop("sum", R, _np_sum, "x", {"x": lambda g, dim, keepdim: _unreduce(g, dim, keepdim)},
            dtype=_sum_dtype, shape=_reduced_shape, parse=_parse_reduce("sum"),
            grad_fn=lambda args, attrs: "SumBackward0" if attrs["dim"] is None else "SumBackward1",
            methods=("sum",))


def _mean_dtype(x, dim=None, keepdim=False, count=None, dtype=None):
    dt = dtype or x.dtype
    if dt.category < dtypes.FLOATING:
        which = "Optional" if dtype is not None else "Input"
        raise RuntimeError(f"mean(): could not infer output dtype. {which} dtype must be either a floating "
                           f"point or complex dtype. Got: {dt.scalar_type}")
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


# ---------------------------------------------------------------- prod
def _parse_prod(x, dim=None, keepdim=False, *, dtype=None, axis=None):
    if axis is not None:
        dim = axis
    if dim is None:
        if keepdim:
            raise TypeError("prod(): keepdim needs a dim; valid: prod(input, *, dtype=None) or "
                            "prod(input, dim, keepdim=False, *, dtype=None)")
        dims = None
    else:
        d = _one_dim(x, dim, "prod")
        dims = (d,) if x._data.ndim else ()
    attrs = {"dim": dims, "keepdim": bool(keepdim)}
    if dtype is not None:
        attrs["dtype"] = dtypes.as_dtype(dtype)
    return (x,), attrs


def _np_prod(x, dim, keepdim, dtype=None):
    x, acc = _for_reduction(x, dtype)
    return np.multiply.reduce(x, axis=dim, keepdims=keepdim, dtype=acc)


def _exclusive_products(x, d):
    """For every k along dim d, the product of the other elements: cumprods from both ends,
    shifted by one. No division, so zeros (one or several) need no special case, and each
    piece is a differentiable op, so the gradient is differentiable again."""
    before = scan.shift_along(scan.cumprod_along(x, d, reverse=False), d, 1, 1.0)
    after = scan.shift_along(scan.cumprod_along(x, d, reverse=True), d, -1, 1.0)
    return before * after


def _prod_dx(g, x, dim, keepdim):
    if x._data.ndim == 0:
        return g
    g = _unreduce(g, dim, keepdim)
    if dim is None:
        return g * _exclusive_products(x.reshape(-1), 0).reshape(x._data.shape)
    return g * _exclusive_products(x, dim[0])


prod = defop("prod", R, _np_prod, "x", {"x": _prod_dx}, dtype=_sum_dtype, shape=_reduced_shape,
             parse=_parse_prod,
             grad_fn=lambda args, attrs: "ProdBackward0" if attrs["dim"] is None else "ProdBackward1",
             methods=("prod",))


# ---------------------------------------------------------------- var, std
def _parse_var(name):
    def parse(x, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None):
        if isinstance(dim, bool):          # var(x, False): torch's (input, unbiased) overload
            if unbiased is not None:
                raise TypeError(f"{name}(): got unbiased twice; valid: {name}(input, unbiased) or "
                                f"{name}(input, dim, unbiased, keepdim=False)")
            dim, unbiased = None, dim
        if axis is not None:
            dim = axis
        if unbiased is not None:
            if correction is not None:
                raise TypeError(f"{name}(): pass either unbiased= or correction=, not both")
            if not isinstance(unbiased, bool):
                raise TypeError(f"{name}(): argument 'unbiased' must be bool, not {type(unbiased).__name__}")
            correction = int(unbiased)
        elif correction is None:
            correction = 1
        dims = None if dim is None else _dims(x, dim, name)
        count = _mean_count(x._data.shape, dims)
        if count - correction <= 0:
            warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than "
                          f"the reduction factor (input numel divided by output numel).", UserWarning,
                          stacklevel=3)
        return (x,), {"dim": dims, "correction": correction, "keepdim": bool(keepdim), "count": count}
    return parse


def _var_dtype(x, **_attrs):
    if x.dtype.category < dtypes.FLOATING:
        raise RuntimeError(f"std and var only support floating point and complex dtypes (got {x.dtype.name}); "
                           f"convert first, e.g. x.float()")
    return x.dtype.to_real()      # a complex tensor's variance is real: the mean of |x - mean|²


def _divisor(count, correction):
    # torch divides by max(0, N - correction): inf or nan when no degrees of freedom are left
    return builtins.max(0, count - correction)


def _np_var(x, dim, correction, keepdim, count):
    centred = x - np.add.reduce(x, axis=dim, keepdims=True) / count   # two passes: no cancellation
    # (squared in place, as np.var does: no second large array to allocate)
    if centred.dtype.kind == "c":
        squares = centred.real ** 2 + centred.imag ** 2
    else:
        squares = np.multiply(centred, centred, out=centred) if type(centred) is np.ndarray else centred * centred
    return np.add.reduce(squares, axis=dim, keepdims=keepdim) / _divisor(count, correction)


def _var_grad(g, x, dim, correction, count):
    """d var / dx times g (g with the reduced dims restored)."""
    divisor = _divisor(count, correction)
    scale = 2 / divisor if divisor else float("inf")
    return g * scale * (x - mean(x, dim, True))


def _var_dx(g, x, dim, correction, keepdim, count):
    return _var_grad(_unreduce(g, dim, keepdim), x, dim, correction, count)


def _std_dx(g, x, out, dim, correction, keepdim, count):
    g, out = _unreduce(g, dim, keepdim), _unreduce(out, dim, keepdim)
    # torch: zero where the std is zero (all values equal), instead of 0/0
    return _var_grad(ew.where(out == 0, 0.0, g / (2 * out)), x, dim, correction, count)


var = defop("var", R, _np_var, "x", {"x": _var_dx}, dtype=_var_dtype, shape=_reduced_shape,
            parse=_parse_var("var"), methods=("var",))
std = defop("std", R, lambda x, **attrs: np.sqrt(_np_var(x, **attrs)), "x", {"x": _std_dx},
            dtype=_var_dtype, shape=_reduced_shape, parse=_parse_var("std"), methods=("std",))


def var_mean(input, *args, **kwargs):
    """(var, mean) over the same dims, with var's arguments (a plain tuple, as torch's)."""
    (x,), attrs = _parse_var("var_mean")(input, *args, **kwargs)
    return var.op.call((x,), attrs), mean(x, attrs["dim"], attrs["keepdim"])


def std_mean(input, *args, **kwargs):
    """(std, mean) over the same dims, with std's arguments (a plain tuple, as torch's)."""
    (x,), attrs = _parse_var("std_mean")(input, *args, **kwargs)
    return std.op.call((x,), attrs), mean(x, attrs["dim"], attrs["keepdim"])


# ---------------------------------------------------------------- max / min / amax / amin
def _ties(x, out):
    """Where x equals the picked value; NaN counts as equal to a NaN result."""
    return ew.logical_or(x == out, ew.logical_and(x != x, out != out))


def _evenly(g, x, out):
    # torch splits the gradient evenly between tied extrema (between the NaNs if it is NaN)
    hit = _ties(x, out)
    return ew.where(hit, g / hit.sum(), 0)


def _select(g, x, out, dim, keepdim):
    """Gradient of a (values, indices) reduction: g goes to the chosen index only."""
    if x._data.ndim == 0:  # max(dim=0) of a 0-d tensor is the tensor itself
        return g
    (d,) = dim
    return indices_backward(g, out[1], dim=d, size=x._data.shape[d], keepdim=keepdim)


def _indices_backward_forward(g, index, dim, size, keepdim):
    if not keepdim:   # (reshape: np.expand_dims's Python layers cost more than the rest)
        kept = g.shape[:dim] + (1,) + g.shape[dim:]
        g, index = g.reshape(kept), index.reshape(kept)
    # g where the position along dim is the index, zero elsewhere (one index per slice; three
    # NumPy calls cost less than np.put_along_axis's Python layers)
    positions = np.arange(size).reshape((size,) + (1,) * (g.ndim - dim - 1))
    return np.where(positions == index, g, g.dtype.type(0))


def _indices_backward_dg(g, index, dim, keepdim):
    picked = scan.gather_along(g, index if keepdim else index.unsqueeze(dim), dim)
    return picked if keepdim else picked.squeeze(dim)


# max(dim)/min(dim)/median(dim)'s gradient as one op (a few ops composed cost more than the
# reduction itself on small tensors); linear in g, so its own gradient is the gather back
indices_backward = defop(
    "indices_backward", R, _indices_backward_forward, "g index", {"g": _indices_backward_dg}, dtype="same",
    shape=lambda s, i, dim, size, keepdim: (s[:dim] + (size,) + s[dim + 1:]) if keepdim else
    (s[:dim] + (size,) + s[dim:]),
    parse=lambda g, index, **attrs: ((g, index), attrs), grad_fn="ValueSelectingReductionBackward0", export=False)


def _parse_extremum_dim(name):
    def parse(x, dim, keepdim=False):
        d = _one_dim(x, dim, name)
        if x._data.ndim:
            _check_not_empty(x, (d,), name)
        return (x,), {"dim": (d,), "keepdim": bool(keepdim)}
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
        if x.size == 0:   # a RuntimeError passes the dispatcher unchanged, as torch words it
            raise _empty_whole_error(name)
        return reduce_fn(x)
    return forward


def _pair_dtype(x, dim, keepdim):
    return x.dtype, dtypes.int64


def _pair_shape(s, dim, keepdim):
    return (_reduced_shape(s, dim, keepdim),) * 2


amax_all = defop("max_all", R, _whole(np.max, "max"), "x", {"x": _evenly}, dtype="same",
                 shape=lambda s: (), grad_fn="MaxBackward1", export=False, real_only=True)
amin_all = defop("min_all", R, _whole(np.min, "min"), "x", {"x": _evenly}, dtype="same",
                 shape=lambda s: (), grad_fn="MinBackward1", export=False, real_only=True)
# ufunc reductions and ndarray methods rather than np.max/np.argmax: the same, without their
# Python layers (most of the cost on small tensors)
max_dim = defop("max_dim", R, _extremum_dim_forward(np.maximum.reduce, np.ndarray.argmax), "x", {"x": _select},
                dtype=_pair_dtype, n_outputs=2, shape=_pair_shape, parse=_parse_extremum_dim("max"),
                grad_fn="MaxBackward0", export=False, wrap=max_result._make, real_only=True)
min_dim = defop("min_dim", R, _extremum_dim_forward(np.minimum.reduce, np.ndarray.argmin), "x", {"x": _select},
                dtype=_pair_dtype, n_outputs=2, shape=_pair_shape, parse=_parse_extremum_dim("min"),
                grad_fn="MinBackward0", export=False, wrap=min_result._make, real_only=True)


def _extremum(whole, by_dim, pairwise, name):
    def public(input, dim=None, keepdim=False, *, other=None, axis=None):
        if axis is not None:
            dim = axis
        if isinstance(dim, Tensor):  # max(a, b): elementwise
            return pairwise(input, dim)
        if other is not None:
            return pairwise(input, other)
        if dim is None:
            if keepdim:
                raise TypeError(f"{name}(): keepdim needs a dim; valid: {name}(input), "
                                f"{name}(input, dim, keepdim=False) or {name}(input, other)")
            return whole(input)
        return by_dim(input, dim, keepdim)
    public.__name__ = public.__qualname__ = name
    public.__doc__ = (f"{name}(x) -> value; {name}(x, dim, keepdim=False) -> (values, indices); "
                      f"{name}(x, y) -> {'maximum' if name == 'max' else 'minimum'}")
    return public


max = _extremum(amax_all, max_dim, ew.maximum, "max")
min = _extremum(amin_all, min_dim, ew.minimum, "min")
Tensor.max, Tensor.min = max, min
PUBLIC.update(max=max, min=min)


def _parse_amax(name):
    def parse(x, dim=(), keepdim=False, *, axis=None):
        if axis is not None:
            dim = axis
        whole = dim is None or (not isinstance(dim, int) and len(dim) == 0)
        dims = tuple(range(x._data.ndim)) if whole else _dims(x, dim, name)
        if x._data.size == 0 and whole:
            raise _empty_whole_error(name)
        _check_not_empty(x, dims, name)
        return (x,), {"dim": dims, "keepdim": bool(keepdim)}
    return parse


def _shared_by_count(g, x, out, dim, keepdim):
    return amax_backward(g, x, out, dim=dim, keepdim=keepdim)


def _amax_backward_forward(g, x, result, dim, keepdim):
    # torch's scale_grad_by_count: g / (number of ties) at each tie; a slice whose result is
    # NaN has no tie, and its gradient becomes NaN (inf * 0) as torch's does
    if not keepdim:
        kept = keepdim_shape(g.shape, dim)
        g, result = g.reshape(kept), result.reshape(kept)
    mask = (x == result).astype(g.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        return g / np.add.reduce(mask, axis=dim, keepdims=True) * mask


def _amax_backward_dg(g, x, result, dim, keepdim):
    """The adjoint of g -> g / count * mask: each slice's sum of the shares it handed out."""
    mask = (x == _unreduce(result, dim, keepdim)).to(g.dtype)
    return (g * mask / mask.sum(dim, True)).sum(dim=dim, keepdim=keepdim)


# amax/amin's gradient as one op; linear in g (the ties are constant), its gradient w.r.t. g
# is the adjoint map, and none flows to x or out
amax_backward = defop(
    "amax_backward", R, _amax_backward_forward, "g x result", {"g": _amax_backward_dg},
    dtype="same", shape=lambda s, sx, so, dim, keepdim: sx,
    parse=lambda g, x, result, **attrs: ((g, x, result), attrs), grad_fn="AmaxBackward0Backward0", export=False)


amax = defop("amax", R, lambda x, dim, keepdim: np.maximum.reduce(x, axis=dim, keepdims=keepdim), "x",
             {"x": _shared_by_count}, dtype="same", shape=_reduced_shape, parse=_parse_amax("amax"),
             methods=("amax",), real_only=True)
amin = defop("amin", R, lambda x, dim, keepdim: np.minimum.reduce(x, axis=dim, keepdims=keepdim), "x",
             {"x": _shared_by_count}, dtype="same", shape=_reduced_shape, parse=_parse_amax("amin"),
             methods=("amin",), real_only=True)


# ---------------------------------------------------------------- median
def _median_dtype(x, **_attrs):
    if x.dtype is dtypes.bool_:
        raise NotImplementedError("median(): not implemented for bool tensors; valid: float and integer "
                                  "dtypes (convert with x.int())")
    return x.dtype


def _median_all_forward(x):
    flat = x.reshape(-1)
    if flat.size == 0:
        if flat.dtype.kind != "f":
            raise RuntimeError(f"median(): an empty {flat.dtype} tensor has no median (a float one gives nan)")
        return np.array(np.nan, flat.dtype)
    if flat.dtype.kind == "f" and np.isnan(flat).any():
        return np.array(np.nan, flat.dtype)      # torch propagates NaN
    k = (flat.size - 1) // 2                     # the lower of the two middle values
    return np.partition(flat, k)[k]


def _median_dim_forward(x, dim, keepdim):
    if x.ndim == 0:
        return x.copy(), np.zeros((), np.int64)
    (d,) = dim
    # torch's order is (value, index): of tied values the k-th by position, i.e. a stable sort's
    k = (x.shape[d] - 1) // 2
    index = np.take(np.argsort(x, axis=d, kind="stable"), [k], axis=d)
    if x.dtype.kind == "f":
        nan = np.isnan(x)
        has_nan = nan.any(axis=d, keepdims=True)
        if has_nan.any():   # a slice with NaN: its median is NaN, at its first NaN
            index = np.where(has_nan, np.argmax(nan, axis=d, keepdims=True), index)
    values = np.take_along_axis(x, index, axis=d)
    if not keepdim:
        values, index = values.squeeze(d), index.squeeze(d)
    return values, index


median_all = defop("median_all", R, _median_all_forward, "x", {"x": _evenly}, dtype=_median_dtype,
                   shape=lambda s: (), grad_fn="MedianBackward0", export=False, real_only=True)
median_dim = defop("median_dim", R, _median_dim_forward, "x", {"x": _select},
                   dtype=lambda x, dim, keepdim: (_median_dtype(x), dtypes.int64), n_outputs=2,
                   shape=_pair_shape, parse=_parse_extremum_dim("median"), grad_fn="MedianBackward1",
                   export=False, wrap=median_result._make, real_only=True)


def median(input, dim=None, keepdim=False, *, axis=None):
    """median(x) -> the lower middle value; median(x, dim, keepdim=False) -> (values, indices)."""
    if axis is not None:
        dim = axis
    if dim is None:
        if keepdim:
            raise TypeError("median(): keepdim needs a dim; valid: median(input) or "
                            "median(input, dim, keepdim=False)")
        return median_all(input)
    return median_dim(input, dim, keepdim)


Tensor.median = median
PUBLIC["median"] = median


# ---------------------------------------------------------------- argmax / argmin (no gradient)
def _parse_arg(name):
    def parse(x, dim=None, keepdim=False, *, axis=None):
        if axis is not None:
            dim = axis
        if dim is None:
            if x._data.size == 0:
                raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0.")
            return (x,), {"dim": None, "keepdim": bool(keepdim)}
        d = _one_dim(x, dim, name)
        if x._data.ndim == 0:
            return (x,), {"dim": (), "keepdim": bool(keepdim)}
        _check_not_empty(x, (d,), name)
        return (x,), {"dim": (d,), "keepdim": bool(keepdim)}
    return parse


def _index_dtype(name):
    def rule(x, dim, keepdim):
        if x.dtype is dtypes.bool_:
            raise RuntimeError(f"{name}(): does not support bool input; convert it first, e.g. x.int()")
        return dtypes.int64
    return rule


def _arg_forward(arg_fn):
    def forward(x, dim, keepdim):
        # NaN counts as the extremum (its first occurrence), ties give the first index: NumPy's
        # rules are torch's here
        if dim == ():   # a 0-d tensor
            return np.zeros((), np.int64)
        return arg_fn(x, axis=None if dim is None else dim[0], keepdims=keepdim)
    return forward


argmax = defop("argmax", R, _arg_forward(np.argmax), "x", dtype=_index_dtype("argmax"),
               shape=_reduced_shape, parse=_parse_arg("argmax"), methods=("argmax",), real_only=RuntimeError)
argmin = defop("argmin", R, _arg_forward(np.argmin), "x", dtype=_index_dtype("argmin"),
               shape=_reduced_shape, parse=_parse_arg("argmin"), methods=("argmin",), real_only=RuntimeError)


# ---------------------------------------------------------------- all / any (no gradient)
def _parse_logical(name):
    def parse(x, dim=None, keepdim=False, *, axis=None):
        if axis is not None:
            dim = axis
        # all(x, ()) reduces nothing in torch (unlike sum(x, ()))
        dims = None if dim is None else _dims(x, dim, name, empty_is_all=False)
        return (x,), {"dim": dims, "keepdim": bool(keepdim)}
    return parse


all = defop("all", R, lambda x, dim, keepdim: np.logical_and.reduce(x, axis=dim, keepdims=keepdim), "x", dtype="bool",
            shape=_reduced_shape, parse=_parse_logical("all"), methods=("all",))
any = defop("any", R, lambda x, dim, keepdim: np.logical_or.reduce(x, axis=dim, keepdims=keepdim), "x", dtype="bool",
            shape=_reduced_shape, parse=_parse_logical("any"), methods=("any",))

PUBLIC.update(var_mean=var_mean, std_mean=std_mean)

# the scans, used by prod's gradient; imported last because they import this module
from . import scan  # noqa: E402
