"""``jitgrad.linalg``: torch.linalg's names (inv, det, norm, vector_norm, matrix_norm, svd, svdvals,
eig, eigvals, eigh, eigvalsh, diagonal, matmul, LinAlgError) over the ops in
``jitgrad/ops/linalg.py``; and ``torch.norm`` / ``Tensor.norm``, which choose between the
vector and the matrix norms as torch's do.
"""
from __future__ import annotations

import math

from .ops.linalg import (EigResult, EighResult, LinAlgError, SVDResult, check_matrices,  # noqa: F401
                         check_norm_dtype, det, eig, eigh, eigvals, eigvalsh, inverse as inv,
                         linalg_diagonal as diagonal, linalg_svd as svd, svdvals, vector_norm)
from .ops.matmul import matmul  # noqa: F401
from .ops.reduce import amax, amin
from .ops.registry import PUBLIC
from .tensor import Tensor, _wrap_dim

_MATRIX_NORM = "linalg.matrix_norm"


def _matrix_dims(A, dim):
    if isinstance(dim, int) or len(dim) != 2:
        shown = dim if isinstance(dim, int) else " ".join(str(d) for d in dim)
        raise RuntimeError(f"{_MATRIX_NORM}: dim must be a 2-tuple. Got {shown}")
    d0, d1 = (_wrap_dim(d, A.ndim, _MATRIX_NORM) for d in dim)
    if d0 == d1:
        raise RuntimeError(f"{_MATRIX_NORM}: dims must be different. Got ({d0}, {d1})")
    return d0, d1


def _by_singular_values(A, ord, d0, d1, keepdim, dtype):
    """nuc (their sum), 2 and -2 (their largest and smallest) of the matrices in dims d0, d1."""
    moved = [i for i in range(A.ndim) if i not in (d0, d1)] + [d0, d1]   # those dims last
    s = svdvals((A.to(dtype) if dtype is not None else A).permute(moved))
    result = s.sum(-1) if ord == "nuc" else (amax if ord > 0 else amin)(s, -1)
    if keepdim:
        back = sorted(range(A.ndim), key=moved.__getitem__)
        result = result.unsqueeze(-1).unsqueeze(-1).permute(back)
    return result


def matrix_norm(A: Tensor, ord="fro", dim=(-2, -1), keepdim: bool = False, *, dtype=None) -> Tensor:
    """torch.linalg.matrix_norm: 'fro', 'nuc', 2, -2 (from the singular values), 1, -1 (max/min
    column sum of |A|), inf, -inf (max/min row sum). Ties at the max/min share the gradient."""
    if isinstance(ord, str):
        if ord not in ("fro", "nuc"):
            raise RuntimeError(f"{_MATRIX_NORM}: Order {ord} not supported.")
    elif abs(ord) not in (1, 2, math.inf):
        raise RuntimeError(f"{_MATRIX_NORM}: Order {ord} not supported.")
    check_matrices(A, _MATRIX_NORM, square=False)
    d0, d1 = _matrix_dims(A, dim)
    if dtype is not None:
        dtype = check_norm_dtype(A.dtype, dtype, _MATRIX_NORM)
    if ord == "fro" or A.numel() == 0:   # every norm of an empty matrix is 0
        return vector_norm(A, 2, (d0, d1), keepdim, dtype=dtype)
    if ord == "nuc" or abs(ord) == 2:
        return _by_singular_values(A, ord, d0, d1, keepdim, dtype)
    if abs(ord) == math.inf:   # the inf-norm is the 1-norm of the transpose
        d0, d1 = d1, d0
    if not keepdim and d0 < d1:  # d0 is reduced first
        d1 -= 1
    return (amax if ord > 0 else amin)(vector_norm(A, 1, d0, keepdim, dtype=dtype), d1, keepdim)


def norm(A: Tensor, ord=None, dim=None, keepdim: bool = False, *, out=None, dtype=None) -> Tensor:
    """torch.linalg.norm: a vector norm over `dim` (one dim, or everything when ord is None), a
    matrix norm over two dims (or a 2-D input with ord given)."""
    if dim is not None:
        dim = (dim,) if isinstance(dim, int) else tuple(dim)
        if len(dim) not in (1, 2):
            raise RuntimeError(f"linalg.norm: If dim is specified, it must be of length 1 or 2. Got {list(dim)}")
    elif ord is not None and A.ndim not in (1, 2):
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                           f"Got {A.ndim}D.")
    if isinstance(ord, str) or (ord is not None and (len(dim) == 2 if dim is not None else A.ndim == 2)):
        return matrix_norm(A, ord, dim if dim is not None else (0, 1), keepdim, dtype=dtype)
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


def torch_norm(input: Tensor, p="fro", dim=None, keepdim: bool = False, out=None, dtype=None) -> Tensor:
    """torch.norm (and Tensor.norm): p a number is a vector norm over `dim` (all dims by
    default, also two); 'fro' the 2-norm over them; 'nuc' a matrix norm."""
    dims = [dim] if isinstance(dim, int) else dim
    if isinstance(p, str):
        if p == "fro" and (dims is None or len(dims) <= 2):
            return vector_norm(input, 2, dims, keepdim, dtype=dtype)
        return matrix_norm(input, p, dims if dims is not None else list(range(input.ndim)), keepdim, dtype=dtype)
    return vector_norm(input, 2.0 if p is None else p, dims, keepdim, dtype=dtype)


torch_norm.__name__ = torch_norm.__qualname__ = "norm"
Tensor.norm = torch_norm
PUBLIC["norm"] = torch_norm
