"""Matrix products (NumPy's BLAS does the work)."""
from __future__ import annotations

import numpy as np

from .registry import MATMUL, PUBLIC, defop
from ..tensor import Tensor


def _matmul_shape(a, b):
    if not a or not b:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{len(a)}D and {len(b)}D")
    if len(a) == 1 and len(b) == 1 and a != b:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{a[0]}] and src [{b[0]}] to have "
                           f"the same number of elements, but got {a[0]} and {b[0]} elements respectively")
    a2 = (1,) + a if len(a) == 1 else a
    b2 = b + (1,) if len(b) == 1 else b
    if a2[-1] != b2[-2]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a2[-2]}x{a2[-1]} and "
                           f"{b2[-2]}x{b2[-1]})")
    from .registry import broadcast_shapes
    batch = broadcast_shapes(a2[:-2], b2[:-2])
    out = batch + (a2[-2], b2[-1])
    if len(a) == 1:
        out = out[:-2] + out[-1:]
    if len(b) == 1:
        out = out[:-1]
    return out


def _as_matrices(x, y, g):
    """Give 1-D operands (and the gradient) their implicit matrix dims back."""
    x2 = x.unsqueeze(0) if x.ndim == 1 else x
    y2 = y.unsqueeze(-1) if y.ndim == 1 else y
    if y.ndim == 1:  # the last dim first: for vector @ vector, g is 0-d
        g = g.unsqueeze(-1)
    if x.ndim == 1:
        g = g.unsqueeze(-2)
    return x2, y2, g


def _matmul_dx(g, x, y):
    _, y2, g2 = _as_matrices(x, y, g)
    dx = g2 @ y2.mT
    return dx.squeeze(-2) if x.ndim == 1 else dx   # the engine sums broadcast batch dims


def _matmul_dy(g, x, y):
    x2, _, g2 = _as_matrices(x, y, g)
    dy = x2.mT @ g2
    return dy.squeeze(-1) if y.ndim == 1 else dy


def _matmul_name(args, attrs):
    x, y = args
    dims = (x._data.ndim, y._data.ndim)
    return {(2, 2): "MmBackward0", (2, 1): "MvBackward0", (1, 1): "DotBackward0"}.get(dims, "BmmBackward0")


def _matmul_forward(x, y):
    if x.ndim == 0 or y.ndim == 0:
        raise ValueError("0-d operand")
    return np.matmul(x, y)


def _matmul_dtype(x, y):
    if x.dtype is not y.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {x.dtype.name} != "
                           f"{y.dtype.name}")
    return x.dtype


matmul = defop("matmul", MATMUL, _matmul_forward, "x y", {"x": _matmul_dx, "y": _matmul_dy},
               dtype=_matmul_dtype, shape=_matmul_shape, grad_fn=_matmul_name,
               methods=("matmul", "__matmul__"), rmethods=("__rmatmul__",))


def mm(input: Tensor, mat2: Tensor) -> Tensor:
    if input.ndim != 2 or mat2.ndim != 2:
        raise RuntimeError(f"mm: expected 2-D tensors, got {input.ndim}-D and {mat2.ndim}-D "
                           f"(use matmul for batched or vector products)")
    return matmul(input, mat2)


Tensor.mm = mm
PUBLIC["mm"] = mm
