"""Selecting and scattering by index (SPEC B2): index_select, masked_select, take, gather,
scatter, scatter_add, index_fill, masked_fill; their in-place forms (masked_fill_, index_fill_,
scatter_, scatter_add_, index_put_), select, and ``x[idx] = v``'s reading of the index.

Index and mask tensors are *inputs* of these ops (without gradient), not attributes: the
compiler traces them as graph values, so a compiled function may take its indices as an
argument. Their dtypes and shapes are checked when the op is called (``parse``, which the
tracer runs too); the index *values* are checked by the NumPy forwards, which the compiled
schedules also run, each with torch's error.

Every gradient that gathers is a scatter-add into zeros (``*_backward`` ops, whose own
gradient is the forward op again), so duplicate indices accumulate. masked_select's result
has a value-dependent shape: it has no shape rule, and the compiler refuses it by name.
"""
from __future__ import annotations

import warnings

import numpy as np

from . import elementwise as ew
from .dims import broadcast_shapes
from .index import index_backward
from .inplace import _inplace
from .registry import ELEMENTWISE, INDEX, PUBLIC, defop
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

# torch's C type names, used in its mask messages ("... got mask with dtype long int")
_C_NAMES = {"int32": "int", "int64": "long int", "float32": "float", "float64": "double", "bool": "bool"}
_INTEGER_INDEX = ("int32", "int64")


# ------------------------------------------------------------------ argument checks
def _tensor_arg(op, name, position, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Tensor, not "
                        f"{type(value).__name__}")


def _dim_arg(op, dim, ndim):
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
        raise TypeError(f"{op}(): argument 'dim' (position 2) must be int, not {type(dim).__name__}")
    return _wrap_dim(int(dim), ndim, f"{op}()")


def _shape1(shape):
    """torch treats a 0-d tensor as 1-d of size 1 in the index ops' dim rules."""
    return tuple(shape) or (1,)


def _at_least_1d(a):
    return a.reshape(1) if a.ndim == 0 else a


def _check_range(index, size, dim, op, error, negative=False):
    """Index values must lie in [0, size) (or [-size, size) where torch wraps them)."""
    if index.size:
        low = -size if negative else 0
        if index.size <= 64:     # a few indices: Python's min/max beat two NumPy reductions
            values = index.ravel().tolist()
            if min(values) >= low and max(values) < size:
                return
        elif index.min() >= low and index.max() < size:
            return
        bad = (index < low) | (index >= size)
        if bad.any():
            raise error(f"{op}(): index {index.flat[np.argmax(bad)]} is out of bounds for dimension {dim} "
                        f"with size {size}")


def _corner(shape, dim):
    """torch's gather/scatter read only the first index.size(d) entries of each other dim d."""
    return tuple(slice(None) if d == dim else slice(0, n) for d, n in enumerate(shape))


def _along(index, dim):
    """The full NumPy index of gather/scatter's positions: `index` along dim, the element's own
    position along every other dim."""
    nd = index.ndim
    return tuple(index if d == dim else np.arange(n).reshape([n if k == d else 1 for k in range(nd)])
                 for d, n in enumerate(index.shape))


# ------------------------------------------------------------------ index_select
def _parse_index_select(input, dim, index):
    _tensor_arg("index_select", "index", 2, index)     # (sic: torch's position)
    if index.dtype.name not in _INTEGER_INDEX:
        raise RuntimeError(f"index_select(): Expected dtype int32 or int64 for index, got {index.dtype.name}")
    if index.ndim > 1:
        raise IndexError(f"index_select(): Index is supposed to be a vector, got shape {list(index.shape)}")
    shape = input._data.shape
    return (input, index), {"dim": _dim_arg("index_select", dim, len(shape)), "in_shape": shape}


def _index_select_forward(x, index, dim, in_shape):
    flat = index.reshape(-1)
    if x.ndim == 0:
        if flat.size != 1:
            raise RuntimeError(f"index_select(): Index to scalar can have only 1 value, got {flat.size} value(s)")
        _check_range(flat, 1, 0, "index_select", IndexError)
        return x.copy()
    _check_range(flat, x.shape[dim], dim, "index_select", IndexError)
    return x.take(flat, axis=dim)


def _index_select_shape(s, i, dim, in_shape):
    n = int(np.prod(i, dtype=np.int64))
    return s[:dim] + (n,) + s[dim + 1:] if s else ()


def _index_select_backward_forward(g, index, dim, in_shape):
    if not in_shape:
        return g.copy()
    out = np.zeros(in_shape, g.dtype)
    np.add.at(out, (slice(None),) * dim + (index.reshape(-1),), g)
    return out


index_select_backward = defop(
    "index_select_backward", INDEX, _index_select_backward_forward, "g index",
    {"g": lambda g, index, dim: index_select(g, dim, index)}, dtype="same",
    shape=lambda s, i, dim, in_shape: in_shape, grad_fn="IndexAddBackward0", export=False,
    parse=lambda g, index, dim, in_shape: ((g, index), {"dim": dim, "in_shape": in_shape}))

index_select = defop(
    "index_select", INDEX, _index_select_forward, "x index",
    {"x": lambda g, index, dim, in_shape: index_select_backward(g, index, dim, in_shape)},
    dtype="same", shape=_index_select_shape, parse=_parse_index_select, methods=("index_select",),
    doc="index_select(input, dim, index): the entries of `input` at positions `index` (a 1-d int "
        "tensor) along `dim`; repeats allowed, and their gradients add up.")


# ------------------------------------------------------------------ take
def _parse_take(input, index):
    _tensor_arg("take", "index", 2, index)
    if index.dtype.name != "int64":
        raise RuntimeError(f"take(): Expected a long tensor for index, but got {index.dtype.scalar_type}")
    return (input, index), {"in_shape": input._data.shape}


def _take_forward(x, index, in_shape):
    flat = x.reshape(-1)          # the logical (row-major) order, for any strides
    n = flat.size
    if index.size:
        if n == 0:
            raise IndexError("take(): tried to take from an empty tensor")
        bad = (index < -n) | (index >= n)
        if bad.any():
            raise IndexError(f"take(): out of range: tried to access index {index.flat[np.argmax(bad)]} on a tensor "
                             f"of {n} elements.")
    return flat.take(index)


def _take_backward_forward(g, index, in_shape):
    out = np.zeros(int(np.prod(in_shape, dtype=np.int64)), g.dtype)
    np.add.at(out, index.reshape(-1), g.reshape(-1))
    return out.reshape(in_shape)


take_backward = defop(
    "take_backward", INDEX, _take_backward_forward, "g index", {"g": lambda g, index: take(g, index)},
    dtype="same", shape=lambda s, i, in_shape: in_shape, grad_fn="PutBackward0", export=False,
    parse=lambda g, index, in_shape: ((g, index), {"in_shape": in_shape}))

take = defop(
    "take", INDEX, _take_forward, "x index",
    {"x": lambda g, index, in_shape: take_backward(g, index, in_shape)},
    dtype="same", shape=lambda s, i, in_shape: i, parse=_parse_take, methods=("take",),
    doc="take(input, index): `input` read as a flat (row-major) array at the int64 positions "
        "`index` (negative ones count from the end); the result has index's shape.")


# ------------------------------------------------------------------ gather
def _parse_gather(input, dim, index, *, sparse_grad=False):
    # sparse_grad only changes the layout torch stores the gradient in; jitgrad's is dense
    _tensor_arg("gather", "index", 3, index)
    if index.dtype.name not in _INTEGER_INDEX:
        raise RuntimeError(f"gather(): Expected dtype int32/int64 for index, got {index.dtype.name}")
    shape, ishape = _shape1(input._data.shape), _shape1(index._data.shape)
    d = _dim_arg("gather", dim, len(shape))
    if len(ishape) != len(shape):
        raise RuntimeError(f"gather(): Index tensor must have the same number of dimensions as input tensor "
                           f"(index {list(index.shape)}, input {list(input.shape)})")
    if index._data.size:
        for k, (i, s) in enumerate(zip(ishape, shape)):
            if k != d and i > s:
                raise RuntimeError(f"Size does not match at dimension {k} expected index {list(index.shape)} "
                                   f"to be no larger than self {list(input.shape)} apart from dimension {d}")
    return (input, index), {"dim": d, "in_shape": input._data.shape}


def _gather_forward(x, index, dim, in_shape):
    if index.size == 0:
        return np.empty(index.shape, x.dtype)
    x1, i1 = _at_least_1d(x), _at_least_1d(index)
    _check_range(i1, x1.shape[dim], dim, "gather", RuntimeError)
    return np.take_along_axis(x1[_corner(i1.shape, dim)], i1, axis=dim).reshape(index.shape)


def _scatter_add_into(out, index, src, dim):
    """out[index[i][j]][j] += src[i][j] (for dim 0; likewise for any dim), in place."""
    o1, i1 = _at_least_1d(out), _at_least_1d(index)
    if i1.size:
        _check_range(i1, o1.shape[dim], dim, "scatter_add", RuntimeError)
        np.add.at(o1, _along(i1, dim), _at_least_1d(src)[tuple(slice(0, n) for n in i1.shape)])
    return out


def _gather_backward_forward(g, index, dim, in_shape):
    return _scatter_add_into(np.zeros(in_shape, g.dtype), index, g, dim)


gather_backward = defop(
    "gather_backward", INDEX, _gather_backward_forward, "g index",
    {"g": lambda g, index, dim: gather(g, dim, index)}, dtype="same",
    shape=lambda s, i, dim, in_shape: in_shape, grad_fn="ScatterAddBackward0", export=False,
    parse=lambda g, index, dim, in_shape: ((g, index), {"dim": dim, "in_shape": in_shape}))

gather = defop(
    "gather", INDEX, _gather_forward, "x index",
    {"x": lambda g, index, dim, in_shape: gather_backward(g, index, dim, in_shape)},
    dtype="same", shape=lambda s, i, dim, in_shape: i, parse=_parse_gather, methods=("gather",),
    doc="gather(input, dim, index): out[i][j] = input[index[i][j]][j] for dim 0 (likewise for any "
        "dim); index has input's number of dims and is no larger than input apart from `dim`.")


# ------------------------------------------------------------------ scatter, scatter_add
def _check_scatter_args(op, input, dim, index, src):
    _tensor_arg(op, "index", 3, index)
    if index.dtype.name not in _INTEGER_INDEX:
        raise RuntimeError(f"{op}(): Expected dtype int32/int64 for index, got {index.dtype.name}")
    shape, ishape = _shape1(input._data.shape), _shape1(index._data.shape)
    d = _dim_arg(op, dim, len(shape))
    src_shape = _shape1(src._data.shape) if isinstance(src, Tensor) else None
    if src_shape is not None:
        if src.dtype is not input.dtype:
            raise RuntimeError(f"{op}(): Expected self.dtype to be equal to src.dtype (got {input.dtype.name} "
                               f"and {src.dtype.name})")
        if len(ishape) != len(src_shape):
            raise RuntimeError(f"{op}(): Index tensor must have the same number of dimensions as src tensor "
                               f"(index {list(index.shape)}, src {list(src.shape)})")
    if len(ishape) != len(shape):
        raise RuntimeError(f"{op}(): Index tensor must have the same number of dimensions as self tensor "
                           f"(index {list(index.shape)}, self {list(input.shape)})")
    if index._data.size:
        too_big = any(k != d and i > s for k, (i, s) in enumerate(zip(ishape, shape)))
        if src_shape is not None:
            too_big = too_big or any(i > s for i, s in zip(ishape, src_shape))
            if too_big:
                raise RuntimeError(f"Expected index {list(index.shape)} to be no larger than self "
                                   f"{list(input.shape)} apart from dimension {d} and to be no larger size "
                                   f"than src {list(src.shape)}")
        elif too_big:
            raise RuntimeError(f"Expected index {list(index.shape)} to be no larger than self "
                               f"{list(input.shape)} apart from dimension {d}")
    return d


def _parse_scatter(input, dim, index, src=None, *, value=None, reduce=None):
    if (src is None) == (value is None):
        raise TypeError("scatter() needs exactly one of src (a tensor) or value (a number): "
                        "scatter(input, dim, index, src) or scatter(input, dim, index, value=v)")
    if src is None:
        src = value
    if not isinstance(src, (Tensor, int, float, bool, np.number, np.bool_)):
        raise TypeError(f"scatter(): src must be a Tensor or value a number, not {type(src).__name__}")
    if reduce not in (None, "add", "multiply"):
        raise RuntimeError(f"scatter(): reduce argument must be either add or multiply, got {reduce!r}")
    if reduce is not None and isinstance(src, Tensor):
        warnings.warn("The reduce argument of scatter with Tensor src is deprecated (as in torch); use "
                      "scatter_add for reduce='add'", UserWarning, stacklevel=3)
    d = _check_scatter_args("scatter", input, dim, index, src)
    src_shape = tuple(src._data.shape) if isinstance(src, Tensor) else None
    return (input, index, src), {"dim": d, "src_shape": src_shape, "reduce": reduce}


def _parse_scatter_add(input, dim, index, src):
    _tensor_arg("scatter_add", "src", 4, src)
    d = _check_scatter_args("scatter_add", input, dim, index, src)
    return (input, index, src), {"dim": d, "src_shape": tuple(src._data.shape)}


def _scatter_forward(x, index, src, dim, src_shape, reduce):
    out = x.copy()
    o1, i1 = _at_least_1d(out), _at_least_1d(index)
    if i1.size:
        _check_range(i1, o1.shape[dim], dim, "scatter", RuntimeError)
        if isinstance(src, np.ndarray):
            src = _at_least_1d(src)[tuple(slice(0, n) for n in i1.shape)]
        if reduce is None:
            np.put_along_axis(o1[_corner(i1.shape, dim)], i1, src, axis=dim)
        else:                                # every write applies, repeats included
            (np.add if reduce == "add" else np.multiply).at(o1, _along(i1, dim), src)
    return out


def _scatter_add_forward(x, index, src, dim, src_shape):
    return _scatter_add_into(x.copy(), index, src, dim)


def _no_reduce(reduce):
    if reduce is not None:     # torch has no derivative for these either
        raise RuntimeError(f"derivative for aten::scatter is not implemented (scatter with reduce={reduce!r}); "
                           f"scatter_add is differentiable")


def _scatter_x_grad(g, index, dim, reduce):
    _no_reduce(reduce)
    return scatter(g, dim, index, value=0)      # overwritten: no gradient


def _scatter_src_grad(g, index, dim, src_shape, reduce):
    _no_reduce(reduce)
    return _src_grad(g, index, dim, src_shape)


def _scatter_name(args, attrs):
    if attrs["reduce"] is not None:
        return "torch::autograd::NotImplemented"
    return "ScatterBackward0" if attrs["src_shape"] is not None else "ScatterBackward1"


def _src_grad(g, index, dim, src_shape):
    """src's gradient: g at the positions each src entry went to; zero for the entries of a src
    larger than index, which scatter never reads (torch refuses to compute that case)."""
    picked = gather(g, dim, index)
    if tuple(index.shape) == src_shape:
        return picked
    shape1, src1 = _shape1(index.shape), _shape1(src_shape)
    padded = index_backward(picked.reshape(shape1), index=tuple(slice(0, n) for n in shape1), in_shape=src1)
    return padded.reshape(src_shape)


scatter = defop(
    "scatter", INDEX, _scatter_forward, "x index src", {"x": _scatter_x_grad, "src": _scatter_src_grad},
    dtype="same", shape=lambda s, i, src, dim, src_shape, reduce: s, parse=_parse_scatter,
    methods=("scatter",), grad_fn=_scatter_name,
    doc="scatter(input, dim, index, src) or scatter(input, dim, index, value=v): a copy of input "
        "with out[index[i][j]][j] = src[i][j] for dim 0 (likewise for any dim); reduce='add' or "
        "'multiply' combines instead (torch's deprecated form, not differentiable).")

scatter_add = defop(
    "scatter_add", INDEX, _scatter_add_forward, "x index src",
    {"x": lambda g: g, "src": _src_grad},
    dtype="same", shape=lambda s, i, src, dim, src_shape: s, parse=_parse_scatter_add,
    methods=("scatter_add",),
    doc="scatter_add(input, dim, index, src): a copy of input with out[index[i][j]][j] += src[i][j] "
        "for dim 0 (likewise for any dim); repeated indices add up.")


# ------------------------------------------------------------------ index_fill
def _value_arg(op, value):
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(f"{op} only supports a 0-dimensional value tensor, but got tensor with "
                               f"{value._data.ndim} dimension(s).")
    elif not isinstance(value, (int, float, bool, np.number, np.bool_)):
        raise TypeError(f"{op}(): value must be a number or a 0-dimensional tensor, not {type(value).__name__}")


def _parse_index_fill(input, dim, index, value):
    _tensor_arg("index_fill", "index", 3, index)
    if index.dtype.name != "int64":
        raise IndexError(f"index_fill_(): Expected dtype int64 for index. Got {index.dtype.name}.")
    if index.ndim > 1:
        raise RuntimeError(f"index_fill(): Index has to be a vector/scalar, got shape {list(index.shape)}")
    _value_arg("index_fill_", value)
    return (input, index, value), {"dim": _dim_arg("index_fill", dim, input._data.ndim)}


def _index_fill_forward(x, index, value, dim):
    out = x.copy()
    o1, flat = _at_least_1d(out), index.reshape(-1)
    _check_range(flat, o1.shape[dim], dim, "index_fill", IndexError, negative=True)
    o1[(slice(None),) * dim + (flat,)] = value
    return out


index_fill = defop(
    "index_fill", INDEX, _index_fill_forward, "x index value",
    {"x": lambda g, index, dim: index_fill(g, dim, index, 0),
     # each filled element once, however often index repeats it
     "value": lambda g, index, dim: (g - index_fill(g, dim, index, 0)).sum()},
    dtype="same", shape=lambda s, i, v, dim: s, parse=_parse_index_fill, methods=("index_fill",),
    grad_fn=lambda args, attrs: "IndexFillBackward1" if isinstance(args[2], Tensor) else "IndexFillBackward0",
    doc="index_fill(input, dim, index, value): a copy of input with the entries at positions `index` "
        "along `dim` set to value (a number or a 0-d tensor, which then gets their gradient).")


# ------------------------------------------------------------------ masked_fill, masked_select
def _check_mask(op, mask, message):
    _tensor_arg(op, "mask", 2, mask)
    if mask.dtype is not dtypes.bool_:
        raise RuntimeError(message.format(_C_NAMES[mask.dtype.name]))


def _masked_fill_dtype(input, mask, value):
    _check_mask("masked_fill", mask, "masked_fill_ only supports boolean masks, but got mask with dtype {}")
    _value_arg("masked_fill_", value)
    return input.dtype


# Elementwise: one fused where() in compiled code. The engine sums value's gradient (the
# filled positions' gradients) down to its 0-d shape, and input's over broadcast dims.
masked_fill = defop(
    "masked_fill", ELEMENTWISE, lambda input, mask, value: np.where(mask, value, input), "input mask value",
    {"input": lambda g, mask: masked_fill(g, mask, 0), "value": lambda g, mask: ew.where(mask, g, 0)},
    dtype=_masked_fill_dtype, shape=lambda s, m, v: broadcast_shapes(m, s, v),   # torch's order in errors
    scalar="where({mask}, {value}, {input})", methods=("masked_fill",),
    grad_fn=lambda args, attrs: "MaskedFillBackward1" if isinstance(args[2], Tensor) else "MaskedFillBackward0",
    doc="masked_fill(input, mask, value): input with value (a number or 0-d tensor) where the bool "
        "mask (broadcast) is True.")


def _parse_masked_select(input, mask):
    _check_mask("masked_select", mask, "masked_select: expected BoolTensor for mask, got {}")
    return (input, mask), {"shape": broadcast_shapes(mask._data.shape, input._data.shape)}


def _masked_select_forward(x, mask, shape):
    xb, mb = np.broadcast_arrays(x, mask)
    return xb[mb]


def _masked_select_backward_forward(g, mask, shape):
    out = np.zeros(shape, g.dtype)
    out[np.broadcast_to(mask, shape)] = g
    return out


masked_select_backward = defop(
    "masked_select_backward", INDEX, _masked_select_backward_forward, "g mask",
    {"g": lambda g, mask: masked_select(g, mask)}, dtype="same", shape=lambda s, m, shape: shape,
    grad_fn="MaskedScatterBackward0", export=False,
    parse=lambda g, mask, shape: ((g, mask), {"shape": shape}))

# No shape rule: the result's length is the number of True entries, known only from values.
masked_select = defop(
    "masked_select", INDEX, _masked_select_forward, "x mask",
    {"x": lambda g, mask, shape: masked_select_backward(g, mask, shape)},
    dtype="same", parse=_parse_masked_select, methods=("masked_select",),
    doc="masked_select(input, mask): the 1-d tensor of input's entries where the bool mask "
        "(broadcast with input) is True, in row-major order.")


# ------------------------------------------------------------------ select, in-place forms
def select(input, dim, index):
    """select(input, dim, index): the slice of input at `index` along `dim` (a view, one dim less)."""
    ndim = input._data.ndim
    if ndim == 0:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = _dim_arg("select", dim, ndim)
    size = input._data.shape[d]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size {list(input.shape)} at "
                         f"dimension {d}")
    return input[(slice(None),) * d + (int(index),)]


Tensor.select = select
Tensor.masked_fill_ = _inplace(masked_fill, "masked_fill_")
Tensor.index_fill_ = _inplace(index_fill, "index_fill_")
Tensor.scatter_ = _inplace(scatter, "scatter_")
Tensor.scatter_add_ = _inplace(scatter_add, "scatter_add_")
Tensor.index_put_ = _inplace(Tensor.index_put, "index_put_")
PUBLIC["select"] = select
