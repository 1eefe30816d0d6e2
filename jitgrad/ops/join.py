"""Joining and splitting: cat, stack, split, chunk, narrow (SPEC B4).

* ``cat`` and ``stack`` are ops of any number of tensors: one copy, one node
  (CatBackward0 / StackBackward0), whose rule hands each input its slice of the gradient;
* ``split``/``chunk`` are one op with a result per piece, every piece a view of the input
  sharing its memory and version counter; the gradient is the pieces' gradients put back
  together (zeros for a piece nobody used), as torch's SplitBackward0;
* ``narrow`` is one piece alone.
"""
from __future__ import annotations

import operator

import numpy as np

from .movement import _dim_or_axis
from .pad import constant_pad_dim
from .registry import MOVEMENT, PUBLIC, defop
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

# ---------------------------------------------------------------- narrow: one piece, a view
def _narrow_forward(x, dim, start, length, size):
    return x[(slice(None),) * dim + (slice(start, start + length),)]


_narrow = defop("narrow", MOVEMENT, _narrow_forward, "x",
                {"x": lambda g, dim, start, length, size: constant_pad_dim(g, dim, start, size - start - length)},
                dtype="same", shape=lambda s, dim, start, length, size: s[:dim] + (length,) + s[dim + 1:],
                parse=lambda x, **attrs: ((x,), attrs), view=True, export=False, grad_fn="SliceBackward0")


def _int(value, op, name):
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{op}(): argument '{name}' must be int, not {type(value).__name__}") from None


def narrow(input, dim, start, length):
    """The view of `input` holding `length` entries of dim `dim` from `start` (negative counts back)."""
    if input._data.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    dim = _wrap_dim(_int(dim, "narrow", "dim"), input._data.ndim, "narrow")
    size = input._data.shape[dim]
    start, length = _int(start, "narrow", "start"), _int(length, "narrow", "length")
    if not -size <= start <= size:
        raise IndexError(f"narrow(): start out of range (expected to be in range of [{-size}, {size}], but got "
                         f"{start})")
    if start < 0:
        start += size
    if length < 0:
        raise RuntimeError(f"narrow(): length must be non-negative. Got {length}.")
    if start + length > size:
        raise RuntimeError(f"narrow(): start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return _narrow(input, dim=dim, start=start, length=length, size=size)


def _split_forward(x, dim, sizes, with_sizes):
    starts = np.cumsum((0,) + tuple(sizes))
    return tuple(x[(slice(None),) * dim + (slice(a, b),)] for a, b in zip(starts[:-1], starts[1:]))


_split = defop("split", MOVEMENT, _split_forward, "x", {"x": lambda grads, dim: cat(list(grads), dim)},
               dtype=lambda x, dim, sizes, with_sizes: (x.dtype,) * len(sizes),
               shape=lambda s, dim, sizes, with_sizes: tuple(s[:dim] + (n,) + s[dim + 1:] for n in sizes),
               n_outputs=lambda attrs: len(attrs["sizes"]), parse=lambda x, **attrs: ((x,), attrs),
               view=True, export=False,
               grad_fn=lambda args, attrs: "SplitWithSizesBackward0" if attrs["with_sizes"] else "SplitBackward0")


def _pieces(x, dim, sizes, with_sizes):
    return _split(x, dim=dim, sizes=tuple(sizes), with_sizes=with_sizes)


def split(tensor, split_size_or_sections, dim=0):
    """Pieces of `split_size_or_sections` entries along `dim` (the last one smaller), or of the
    listed sizes, which must add up to the dim's size. The pieces are views of `tensor`."""
    if tensor._data.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    dim = _wrap_dim(_int(dim, "split", "dim"), tensor._data.ndim, "split")
    size = tensor._data.shape[dim]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [_int(s, "split_with_sizes", "split_sizes") for s in split_size_or_sections]
        if any(s < 0 for s in sizes):
            raise RuntimeError(f"split_with_sizes expects split_sizes have only non-negative entries, but got "
                               f"split_sizes={sizes}")
        if sum(sizes) != size:
            raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's "
                               f"size at dimension {dim}), but got split_sizes={sizes}")
        return _pieces(tensor, dim, sizes, True)
    step = _int(split_size_or_sections, "split", "split_size_or_sections")
    if step < 0:
        raise RuntimeError(f"split expects split_size be non-negative, but got split_size={step}")
    if step == 0 and size != 0:
        raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}")
    if size == 0:
        return _pieces(tensor, dim, [0], False)
    return _pieces(tensor, dim, [step] * (size // step) + ([size % step] if size % step else []), False)


def _split_method(self, split_size, dim=0):
    return split(self, split_size, dim)


def chunk(input, chunks, dim=None, *, axis=None):
    """`chunks` views of (nearly) equal size along `dim`: torch's rule is pieces of
    ceil(size / chunks), so fewer than `chunks` may come back."""
    chunks = _int(chunks, "chunk", "chunks")
    if input._data.ndim == 0:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    dim = _wrap_dim(_int(_dim_or_axis(dim, axis, "chunk", default=0), "chunk", "dim"), input._data.ndim, "chunk")
    size = input._data.shape[dim]
    step = -(-size // chunks)
    if size == 0:   # as torch: `chunks` empty pieces (split would give one)
        return _pieces(input, dim, [0] * chunks, True)
    return split(input, step, dim)


# ---------------------------------------------------------------- cat and stack: any number of tensors
def _cat_forward(*xs, dim, sizes, dtype):
    # results are C-contiguous whatever the inputs' strides (as torch's), and inputs are cast
    # while they are copied (one rounding, int64 -> float32 directly)
    kept = xs if None not in sizes else [x for x, n in zip(xs, sizes) if n is not None]
    if not kept:                                              # None: a legacy-skipped (0,) input
        return np.concatenate(xs, dtype=dtype.np)
    out = np.concatenate(kept, axis=dim, dtype=dtype.np, casting="unsafe")
    # NumPy follows the inputs' layout (transposed inputs: a transposed result); torch's is C
    return out if out.flags.c_contiguous else np.ascontiguousarray(out)


def _cat_shape(*shapes, dim, sizes, dtype):
    kept = [s for s, n in zip(shapes, sizes) if n is not None]
    if not kept:
        return (0,)
    return kept[0][:dim] + (sum(s[dim] for s in kept),) + kept[0][dim + 1:]


def _cat_piece(g, k, dim, sizes):
    """The slice of cat's gradient that belongs to input k."""
    if sizes[k] is None:   # a skipped (0,) input gets a (0,) gradient, as in torch
        d = dim if g.ndim > 1 else 0
        return _narrow(g, dim=d, start=0, length=0, size=g.shape[d]).reshape(0)
    start = sum(n for n in sizes[:k] if n is not None)
    return _narrow(g, dim=dim, start=start, length=sizes[k], size=g.shape[dim])


_cat = defop("cat", MOVEMENT, _cat_forward, "*tensors", {"tensors": _cat_piece},
             dtype="attrs", shape=_cat_shape,
             parse=lambda tensors, **attrs: (tuple(tensors), attrs), export=False, grad_fn="CatBackward0")
_cat_call = _cat.op.call


def _stack_forward(*xs, dim, dtype):
    return np.stack(xs, axis=dim).astype(dtype.np, copy=False)


_stack = defop("stack", MOVEMENT, _stack_forward, "*tensors",
               {"tensors": lambda g, k, dim: g[(slice(None),) * dim + (k,)]},
               dtype="attrs",
               shape=lambda *shapes, dim, dtype: shapes[0][:dim] + (len(shapes),) + shapes[0][dim:],
               parse=lambda tensors, **attrs: (tuple(tensors), attrs), export=False, grad_fn="StackBackward0")


def _check_sequence(tensors, op):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{op}(): argument 'tensors' (position 1) must be tuple of Tensors, not "
                        f"{type(tensors).__name__}")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"{op}(): expected Tensor as element {i} in argument 0, but got {type(t).__name__}")


def cat(tensors, dim=None, *, axis=None):
    """Join tensors along an existing dim (torch.cat; `axis=` as in NumPy). The result's dtype is
    torch's promotion over all of them; 1-D empty tensors are skipped, as torch does."""
    if axis is None and (dim is None or type(dim) is int) and type(tensors) in (list, tuple) and tensors \
            and type(tensors[0]) is Tensor:
        # the common case in one pass: plain tensors of one dtype, equal but along dim
        shape, dt, dim = tensors[0]._data.shape, tensors[0].dtype, dim or 0
        nd = len(shape)
        if nd and -nd <= dim < nd:
            d = dim % nd
            before, after, sizes = shape[:d], shape[d + 1:], []
            for t in tensors:
                s = t._data.shape if type(t) is Tensor and t.dtype is dt else ()
                if len(s) != nd or s[:d] != before or s[d + 1:] != after:
                    break
                sizes.append(s[d])
            else:
                return _cat_call(tensors, {"dim": d, "sizes": tuple(sizes), "dtype": dt})
    _check_sequence(tensors, "cat")
    if not tensors:
        raise ValueError("cat(): expected a non-empty list of Tensors")
    shapes = [t._data.shape for t in tensors]
    if () in shapes:
        i = shapes.index(())
        raise RuntimeError(f"cat: zero-dimensional tensor (at position {i}) cannot be concatenated")
    ref_shape = shapes[0] if shapes[0] != (0,) else next((s for s in shapes if s != (0,)), shapes[0])
    ndim = len(ref_shape)
    dim = _wrap_dim(_int(_dim_or_axis(dim, axis, "cat", default=0), "cat", "dim"), ndim, "cat")
    for i, t in enumerate(tensors):
        shape = t._data.shape
        if ndim != 1 and shape == (0,):
            continue
        if len(shape) != ndim:
            raise RuntimeError(f"cat: Tensors must have same number of dimensions: got {ndim} and {len(shape)}")
        for d in range(ndim):
            if d != dim and shape[d] != ref_shape[d]:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {dim}. Expected size "
                                   f"{ref_shape[d]} but got size {shape[d]} for tensor number {i} in the list.")
    sizes = tuple(None if ndim != 1 and t._data.shape == (0,) else t._data.shape[dim] for t in tensors)
    return _cat(tensors, dim=dim, sizes=sizes, dtype=dtypes.result_type(*tensors))


def stack(tensors, dim=None, *, axis=None):
    """Join equal-shaped tensors along a new dim (torch.stack; `axis=` accepted)."""
    _check_sequence(tensors, "stack")
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    shape = tensors[0]._data.shape
    for i, t in enumerate(tensors):
        if t._data.shape != shape:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 and "
                               f"{list(t._data.shape)} at entry {i}")
    dim = _wrap_dim(_int(_dim_or_axis(dim, axis, "stack", default=0), "stack", "dim"), len(shape) + 1, "stack")
    return _stack(tensors, dim=dim, dtype=dtypes.result_type(*tensors))


Tensor.split = _split_method
Tensor.chunk = chunk
Tensor.narrow = narrow
PUBLIC.update(cat=cat, concat=cat, concatenate=cat, stack=stack, split=split, chunk=chunk, narrow=narrow)
