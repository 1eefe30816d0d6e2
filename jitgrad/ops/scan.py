"""Scans and orderings: cumsum, cumprod, cummax, cummin, sort, topk, argsort (SPEC B6).

Gradients: cumsum's is a cumsum from the other end. cumprod's, with zeros anywhere in the
input, is a product of the exclusive cumprod and a backward *affine scan* (``scan_affine``:
``h[j] = b[j] + a[j] * h[j-1]``), with no division — a polynomial in the input, so every
higher derivative comes out right too, and the affine scan's own gradient is another affine
scan. cummax, cummin, sort and topk hand the gradient back to the positions their indices
name (``scatter_add_along``; repeated indices accumulate).

The internal ops (``reverse=True`` scans, ``scan_affine``, ``shift_along``, ``gather_along``,
``scatter_add_along``) are registered like any other, so their gradients are checked and
the compiler can trace them.
"""
from __future__ import annotations

import numpy as np

from .registry import INDEX, OTHER, PUBLIC, REDUCE, defop
from .reduce import _for_reduction, return_type
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

cummax_result, cummin_result = return_type("cummax"), return_type("cummin")
sort_result, topk_result = return_type("sort"), return_type("topk")


def _moved(arr, dim):
    """A view with `dim` first, so a scan can walk it with arr[j]."""
    return np.moveaxis(arr, dim, 0)


def _positions(n, dim, ndim):
    """0..n-1 laid along `dim` of an ndim-dimensional array (size 1 elsewhere)."""
    return np.arange(n).reshape([n if i == dim else 1 for i in range(ndim)])


def _same_shape(s, **_attrs):
    return s


# ---------------------------------------------------------------- cumsum / cumprod
def _parse_scan(name):
    def parse(x, dim=None, *, dtype=None, axis=None):
        if axis is not None:
            dim = axis
        if dim is None:
            raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
        if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
            raise TypeError(f"{name}(): argument 'dim' (position 1) must be int, not {type(dim).__name__}")
        attrs = {"dim": _wrap_dim(int(dim), x._data.ndim, name), "reverse": False}
        if dtype is not None:
            attrs["dtype"] = dtypes.as_dtype(dtype)
        return (x,), attrs
    return parse


def _scan_dtype(x, dim, reverse, dtype=None):
    if dtype is not None:
        return dtype
    return dtypes.int64 if x.dtype.category < dtypes.FLOATING else x.dtype   # torch: ints scan in int64


def _scan_forward(accumulate):
    def forward(x, dim, reverse, dtype=None):
        if dtype is None and x.dtype.kind in "fc" and x.ndim and not reverse:
            return accumulate(x, axis=dim)          # the common case, without the checks below
        x, acc = _for_reduction(x, dtype)
        if x.ndim == 0:     # NumPy would flatten a 0-d input to shape (1,)
            return x.astype(acc or x.dtype)
        if reverse:         # from the last element back: the mirror image of a forward scan
            return np.flip(accumulate(np.flip(x, dim), axis=dim, dtype=acc), dim)
        return accumulate(x, axis=dim, dtype=acc)
    return forward


def _cumsum_dx(g, dim, reverse):
    return cumsum.op.call((g,), {"dim": dim, "reverse": not reverse})


def cumprod_along(x, dim, reverse):
    """cumprod, from the first or (reverse=True) from the last element; x.ndim >= 1."""
    return cumprod.op.call((x,), {"dim": dim, "reverse": reverse})


def _cumprod_dx(g, x, out, dim, reverse):
    # y[j] = prod_{i<=j} x[i]: dy[j]/dx[k] = before[k] * prod_{k<i<=j} x[i] for j >= k, where
    # before[k] = prod_{i<k} x[i] is y shifted by one. The sum over j of g[j] times the second
    # factor is the backward affine scan h[k] = g[k] + x[k+1] * h[k+1].
    if x._data.ndim == 0:
        return g
    step = -1 if reverse else 1            # the direction the scan runs in
    before = shift_along(out, dim, step, 1.0)
    return before * scan_affine(g, shift_along(x, dim, -step, 0.0), dim, not reverse)


# the ufuncs' accumulate, not np.cumsum/np.cumprod: the same loop without their Python layers
cumsum = defop("cumsum", REDUCE, _scan_forward(np.add.accumulate), "x", {"x": _cumsum_dx}, dtype=_scan_dtype,
               shape=_same_shape, parse=_parse_scan("cumsum"), grad_fn="CumsumBackward0",
               methods=("cumsum",))
cumprod = defop("cumprod", REDUCE, _scan_forward(np.multiply.accumulate), "x", {"x": _cumprod_dx}, dtype=_scan_dtype,
                shape=_same_shape, parse=_parse_scan("cumprod"), grad_fn="CumprodBackward0",
                methods=("cumprod",))


# ---------------------------------------------------------------- the gradients' building blocks
def _scan_affine_forward(b, a, dim, reverse):
    out = np.array(b, dtype=np.result_type(b, a))      # h[first] = b[first]
    h, a = _moved(out, dim), _moved(a, dim)
    n = h.shape[0]
    # one vectorised step per position along dim: the recurrence is sequential
    for j in (range(n - 2, -1, -1) if reverse else range(1, n)):
        prev = j + 1 if reverse else j - 1
        h[j] += a[j] * h[prev]
    return out


def _scan_affine_shape(b, a, dim, reverse):
    if b != a:
        raise RuntimeError(f"scan_affine: b and a must have the same shape, got {list(b)} and {list(a)}")
    return b


def _scan_affine_db(g, a, dim, reverse):
    # h[j] = b[j] + a[j] * h[j-1] (forward): dL/dh[j] = lam[j] = g[j] + a[j+1] * lam[j+1], the
    # same recurrence run the other way; dL/db = lam
    step = -1 if reverse else 1
    return scan_affine(g, shift_along(a, dim, -step, 0.0), dim, not reverse)


def _scan_affine_da(g, a, out, dim, reverse):
    # dL/da[j] = lam[j] * h[j-1]
    step = -1 if reverse else 1
    return _scan_affine_db(g, a, dim, reverse) * shift_along(out, dim, step, 0.0)


scan_affine = defop("scan_affine", OTHER, _scan_affine_forward, "b a",
                    {"b": _scan_affine_db, "a": _scan_affine_da}, shape=_scan_affine_shape, export=False,
                    parse=lambda b, a, dim, reverse: ((b, a), {"dim": dim, "reverse": reverse}),
                    doc="h[j] = b[j] + a[j] * h[j-1] along dim (h[j+1] with reverse=True); h[first] = b[first].")


def _shift_forward(x, dim, offset, fill):
    """out[j] = x[j - offset] along dim, `fill` where j - offset falls outside."""
    out = np.full_like(x, fill)
    n = x.shape[dim]
    if abs(offset) < n:
        src, dst = _moved(x, dim), _moved(out, dim)
        if offset >= 0:
            dst[offset:] = src[:n - offset]
        else:
            dst[:n + offset] = src[-offset:]
    return out


shift_along = defop("shift_along", OTHER, _shift_forward, "x",
                    {"x": lambda g, dim, offset: shift_along(g, dim, -offset, 0.0)},
                    dtype="same", shape=lambda s, dim, offset, fill: s, export=False,
                    parse=lambda x, dim, offset, fill: ((x,), {"dim": dim, "offset": offset, "fill": fill}),
                    doc="out[j] = x[j - offset] along dim, fill where that falls outside x.")


def _along(index, dim):
    """The NumPy index that reads index[...] along dim and every other position in place."""
    nd = index.ndim      # (np.ogrid builds the same grid, slowly)
    return tuple(index if d == dim else np.arange(n).reshape((1,) * d + (n,) + (1,) * (nd - d - 1))
                 for d, n in enumerate(index.shape))


def _scatter_add_forward(src, index, dim, size):
    shape = list(src.shape)
    shape[dim] = size
    out = np.zeros(shape, src.dtype)
    np.add.at(out, _along(index, dim), src)      # repeated indices (cummax) accumulate
    return out


def _scatter_shape(src, index, dim, size):
    shape = list(src)
    shape[dim] = size
    return tuple(shape)


scatter_add_along = defop("scatter_add_along", INDEX, _scatter_add_forward, "src index",
                          {"src": lambda g, index, dim: gather_along(g, index, dim)},
                          dtype=lambda src, index, dim, size: src.dtype, shape=_scatter_shape, export=False,
                          parse=lambda src, index, dim, size: ((src, index), {"dim": dim, "size": size}),
                          doc="zeros with `size` along dim, src[...] added at index[...] along dim.")
gather_along = defop("gather_along", INDEX, lambda x, index, dim, size: np.take_along_axis(x, index, dim),
                     "x index", {"x": lambda g, index, dim, size: scatter_add_along(g, index, dim, size)},
                     dtype=lambda x, index, dim, size: x.dtype, shape=lambda s, i, dim, size: i, export=False,
                     parse=lambda x, index, dim: ((x, index), {"dim": dim, "size": x._data.shape[dim]}),
                     doc="x[...] read at index[...] along dim (NumPy's take_along_axis).")


def _to_indices(g, out, dim, size):
    """Gradient of (values, indices) results: each value's gradient goes to its index."""
    if out[1]._data.ndim == 0:      # a 0-d input is its own result
        return g
    return scatter_add_along(g, out[1], dim, size)


# ---------------------------------------------------------------- cummax / cummin
def _parse_cum_extremum(name):
    def parse(x, dim=None, *, axis=None):
        (x,), attrs = _parse_scan(name)(x, dim, axis=axis)
        size = x._data.shape[attrs["dim"]] if x._data.ndim else 1
        return (x,), {"dim": attrs["dim"], "size": size}
    return parse


def _cum_extremum_forward(accumulate):
    def forward(x, dim, size):
        if x.ndim == 0:
            return x.copy(), np.zeros((), np.int64)
        values = accumulate(x, axis=dim)           # NaN, once met, stays (np.maximum propagates it)
        # torch's index is the *last* position holding the running extremum (it updates on
        # ties, and on every NaN): the running maximum of the positions where x meets it
        hit = x == values
        if x.dtype.kind == "f":
            hit |= np.isnan(x)
        positions = _positions(x.shape[dim], dim, x.ndim)
        return values, np.maximum.accumulate(np.where(hit, positions, 0), axis=dim)
    return forward


def _pair_dtype(x, **_attrs):
    return x.dtype, dtypes.int64


def _pair_of(s, **_attrs):
    return s, s


cummax = defop("cummax", REDUCE, _cum_extremum_forward(np.maximum.accumulate), "x", {"x": _to_indices},
               dtype=_pair_dtype, shape=_pair_of, n_outputs=2, parse=_parse_cum_extremum("cummax"),
               methods=("cummax",), wrap=cummax_result._make, real_only=True)
cummin = defop("cummin", REDUCE, _cum_extremum_forward(np.minimum.accumulate), "x", {"x": _to_indices},
               dtype=_pair_dtype, shape=_pair_of, n_outputs=2, parse=_parse_cum_extremum("cummin"),
               methods=("cummin",), wrap=cummin_result._make, real_only=True)


# ---------------------------------------------------------------- sort / topk / argsort
def _order(x, dim, descending):
    """Stable order along dim: ascending with NaN last, or descending with NaN first — both
    torch's. Descending sorts the flipped input ascending and reads it backwards, so that
    ties keep their original order (negating would break ints and bools, and NaN's place)."""
    if not descending:
        return np.argsort(x, axis=dim, kind="stable")
    n = x.shape[dim]
    backwards = np.argsort(np.flip(x, dim), axis=dim, kind="stable")
    return n - 1 - np.flip(backwards, dim)


def _int_dim(x, dim, name):
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
        raise TypeError(f"{name}(): argument 'dim' must be int, not {type(dim).__name__}")
    return _wrap_dim(int(dim), x._data.ndim, name)


def _parse_sort(x, dim=-1, descending=False, *, stable=False, axis=None):
    if axis is not None:
        dim = axis
    d = _int_dim(x, dim, "sort")
    # torch's stable=False promises no order among ties; the stable order is one it allows
    return (x,), {"dim": d, "descending": bool(descending), "size": x._data.shape[d] if x._data.ndim else 1}


def _sort_forward(x, dim, descending, size):
    if x.ndim == 0:
        return x.copy(), np.zeros((), np.int64)
    index = _order(x, dim, descending)
    return np.take_along_axis(x, index, dim), index


sort = defop("sort", REDUCE, _sort_forward, "x", {"x": _to_indices}, dtype=_pair_dtype, shape=_pair_of,
             n_outputs=2, parse=_parse_sort, methods=("sort",), wrap=sort_result._make,
             real_only=RuntimeError)


def _parse_topk(x, k, dim=-1, largest=True, sorted=True, *, axis=None):
    if axis is not None:
        dim = axis
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"topk(): argument 'k' (position 1) must be int, not {type(k).__name__}")
    if x.dtype is dtypes.bool_:
        raise RuntimeError("topk does not support bool dtypes; convert first, e.g. x.int()")
    d = _int_dim(x, dim, "topk")
    size = x._data.shape[d] if x._data.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError(f"selected index k out of range: topk(k={k}) of a dim of size {size} "
                           f"(valid: 0 <= k <= {size})")
    # sorted=False lets torch return any order; the sorted one is a valid answer
    return (x,), {"k": int(k), "dim": d, "largest": bool(largest), "size": size}


def _topk_forward(x, k, dim, largest, size):
    if x.ndim == 0:   # torch returns a 0-d input as it is, for k = 0 or 1
        return x.copy(), np.zeros((), np.int64)
    index = np.take(_order(x, dim, descending=largest), np.arange(k), axis=dim)
    return np.take_along_axis(x, index, dim), index


def _topk_shape(s, k, dim, largest, size):
    if not s:
        return s, s
    out = s[:dim] + (k,) + s[dim + 1:]
    return out, out


topk = defop("topk", REDUCE, _topk_forward, "x", {"x": _to_indices}, dtype=_pair_dtype, shape=_topk_shape,
             n_outputs=2, parse=_parse_topk, methods=("topk",), wrap=topk_result._make,
             real_only=RuntimeError)


def argsort(input, dim=-1, descending=False, *, stable=False):
    """The indices sort() returns."""
    return sort(input, dim, descending, stable=stable).indices


Tensor.argsort = argsort
PUBLIC["argsort"] = argsort
