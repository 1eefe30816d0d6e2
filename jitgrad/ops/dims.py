"""Argument normalisation shared by ops that take dims or shapes (torch's conventions)."""
from __future__ import annotations

import numbers
import operator

import numpy as np

from ..tensor import _wrap_dim


def normalize_dims(dim, ndim: int, op: str):
    """None -> None; int or sequence -> sorted tuple of non-negative, distinct dims."""
    if dim is None:
        return None
    if type(dim) is int and -ndim <= dim < ndim:     # the common case, answered at once
        return (dim % ndim,)
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    result = sorted(_wrap_dim(int(d), ndim, op) for d in dims)
    for a, b in zip(result, result[1:]):
        if a == b:
            raise RuntimeError(f"{op}: dim {a} appears multiple times in the list of dims")
    return tuple(result)


def shape_arg(args, op: str) -> tuple:
    """Accept f(2, 3), f((2, 3)), f([2, 3]) and f(jitgrad.Size([2, 3]))."""
    if len(args) == 1 and not isinstance(args[0], int) and hasattr(args[0], "__iter__"):
        args = tuple(args[0])
    try:
        return tuple(operator.index(a) for a in args)     # ints (and 0-d int tensors), not floats
    except TypeError:
        raise TypeError(f"{op}(): size must be a sequence of ints, got {args!r}") from None


def keepdim_shape(g_shape: tuple, dims) -> tuple:
    """The shape a reduced gradient has with the reduced dims put back as size 1."""
    shape = list(g_shape)
    for d in dims:
        shape.insert(d, 1)
    return tuple(shape)


def broadcast_shapes(*shapes) -> tuple:
    """NumPy/torch broadcasting of shapes, with torch's message when they do not fit."""
    shapes = [s for s in shapes if s is not None]
    ndim = max((len(s) for s in shapes), default=0)
    result = []
    for axis in range(-1, -ndim - 1, -1):  # from the last dim, so the error names torch's dim
        size = 1
        for s in shapes:
            if len(s) >= -axis:
                d = s[axis]
                if d != 1:
                    if size != 1 and size != d:
                        raise RuntimeError(
                            f"The size of tensor a ({size}) must match the size of tensor b ({d}) "
                            f"at non-singleton dimension {ndim + axis}; shapes "
                            f"{' and '.join(str(list(x)) for x in shapes)} do not broadcast")
                    size = d
        result.append(size)
    return tuple(reversed(result))


def broadcastable_to(small, big) -> bool:
    """Can a tensor of shape `small` be broadcast to shape `big`?"""
    if len(small) > len(big):
        return False
    return all(s == 1 or s == b for s, b in zip(small[::-1], big[::-1]))


def sum_to_size_forward(x, shape):
    """Sum array `x` down to `shape` (the inverse of broadcasting `shape` up to x.shape)."""
    lead = x.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, s in enumerate(shape) if s == 1 and x.shape[lead + i] != 1)
    out = np.add.reduce(x, axis=axes, keepdims=True) if axes else x
    return out.reshape(shape)


def per_dim(value, k: int, wrong_length):
    """An int, or a sequence of one or k ints, as a k-tuple (the size arguments of convolution
    and pooling); ``wrong_length(values)`` builds the error for a sequence of another length."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return (int(value),) * k
    values = tuple(int(v) for v in value)
    if len(values) == 1:
        return values * k
    if len(values) != k:
        raise wrong_length(values)
    return values
