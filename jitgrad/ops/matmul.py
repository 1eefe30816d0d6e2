"""Matrix products: matmul / ``@`` (batched, broadcast), mm, bmm, mv, dot, outer, tensordot.

NumPy's BLAS does the work, also in compiled code (matmul is never fused). ``matmul`` is the
one op behind ``@``, mm, mv and dot (which only add torch's argument checks); bmm is an op of
its own because torch records it as one (BmmBackward0). outer and tensordot are, as in
torch, compositions: a broadcast multiply, and permute/reshape around one matmul.
"""
from __future__ import annotations

import numpy as np

from .dims import broadcast_shapes
from .registry import MATMUL, PUBLIC, defop
from .. import dtypes
from ..tensor import Tensor, _wrap_dim

# torch names dtypes in its messages by their C++ type (or their ScalarType: dtype.scalar_type)
C_TYPE_NAMES = {"float32": "float", "float64": "double", "int32": "int", "int64": "long int", "bool": "bool",
                "complex64": "c10::complex<float>", "complex128": "c10::complex<double>"}

def _numel(shape) -> int:
    n = 1
    for s in shape:
        n *= s
    return n


def _matmul_shape(a, b):
    """The result shape, or torch's error — worded as torch's, which depends on the path its
    matmul takes: a batched operand against a matrix or vector is folded into one matrix (the
    message shows the folded sizes), two batched operands go to bmm."""
    if not a or not b:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{len(a)}D and {len(b)}D")
    if len(a) == 1 and len(b) == 1 and a != b:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{a[0]}] and src [{b[0]}] to have "
                           f"the same number of elements, but got {a[0]} and {b[0]} elements respectively")
    a2 = (1,) + a if len(a) == 1 else a
    b2 = b + (1,) if len(b) == 1 else b
    if a2[-1] != b2[-2]:
        if len(a) >= 3 and len(b) == 1:
            rows = _numel(a[:-1])
            raise RuntimeError(f"size mismatch, got input ({rows}), mat ({rows}x{a[-1]}), vec ({b[0]})")
        if len(b) >= 3:
            batch = _numel(broadcast_shapes(a2[:-2], b2[:-2]))
            raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                               f"[{batch}, {a2[-1]}] but got: [{batch}, {b2[-2]}].")
        rows = _numel(a2[:-1])
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{a2[-1]} and "
                           f"{b2[-2]}x{b2[-1]})")
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


_PRODUCT_NAMES = {(2, 2): "MmBackward0", (2, 1): "MvBackward0", (1, 1): "DotBackward0",
                  (1, 2): "SqueezeBackward4"}


def _matmul_name(args, attrs):
    """torch's grad_fn for matmul: the last op of the path it takes (a batched product ends in a
    view of the folded or bmm result; a matrix requiring grad times a batch, in a copy)."""
    x, y = args
    dims = (x._data.ndim, y._data.ndim)
    name = _PRODUCT_NAMES.get(dims)
    if name is not None:
        return name
    return "CloneBackward0" if dims[0] == 2 and x._requires_grad else "UnsafeViewBackward0"


def _matmul_forward(x, y):
    if x.ndim == 0 or y.ndim == 0:
        raise ValueError("0-d operand")
    return np.matmul(x, y)


def _bool_kernel(a_ndim, b_ndim):
    """The torch kernel whose name its error gives for a bool product of these ranks."""
    if a_ndim == 1 and b_ndim == 1:
        return "dot"
    if b_ndim == 1:
        return "addmv_impl_cpu"
    return "bmm" if a_ndim >= 3 and b_ndim >= 3 else "addmm_impl_cpu_"


def _matmul_dtype(x, y):
    if x.dtype is not y.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {C_TYPE_NAMES[x.dtype.name]} "
                           f"!= {C_TYPE_NAMES[y.dtype.name]}")
    if x.dtype is dtypes.bool_:
        raise NotImplementedError(f'"{_bool_kernel(x._data.ndim, y._data.ndim)}" not implemented for \'Bool\'')
    return x.dtype


matmul = defop("matmul", MATMUL, _matmul_forward, "x y", {"x": _matmul_dx, "y": _matmul_dy},
               dtype=_matmul_dtype, shape=_matmul_shape, grad_fn=_matmul_name,
               methods=("matmul", "__matmul__"), rmethods=("__rmatmul__",))


def _bmm_dtype(x, y):
    for name, t in (("batch1", x), ("batch2", y)):
        if t._data.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")
    if x.dtype is not y.dtype:
        raise RuntimeError(f"expected scalar type {x.dtype.scalar_type} but found "
                           f"{y.dtype.scalar_type}")
    (b, _, k), (b2, k2, _) = x._data.shape, y._data.shape
    if (b2, k2) != (b, k):
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: [{b}, {k}] "
                           f"but got: [{b2}, {k2}].")
    if x.dtype is dtypes.bool_:
        raise NotImplementedError("\"bmm\" not implemented for 'Bool'")
    return x.dtype


bmm = defop("bmm", MATMUL, np.matmul, "x y", {"x": lambda g, y: bmm(g, y.mT), "y": lambda g, x: bmm(x.mT, g)},
            dtype=_bmm_dtype, shape=lambda a, b: (a[0], a[1], b[2]), methods=("bmm",))


def mm(input: Tensor, mat2: Tensor) -> Tensor:
    """torch.mm: the product of two matrices (no broadcasting, no vectors)."""
    if input.ndim != 2:
        raise RuntimeError(f"mm: self must be a matrix, but got a {input.ndim}-D tensor")
    if mat2.ndim != 2:
        raise RuntimeError(f"mm: mat2 must be a matrix, but got a {mat2.ndim}-D tensor")
    return matmul(input, mat2)


def mv(input: Tensor, vec: Tensor) -> Tensor:
    """torch.mv: matrix times vector."""
    if input.ndim != 2 or vec.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {input.ndim}, {vec.ndim}")
    (n, k), (k2,) = input.shape, vec.shape
    if k != k2:
        raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})")
    if input.dtype is not vec.dtype:
        names = (dtypes.promote_types(input.dtype, vec.dtype), input.dtype, vec.dtype)
        raise RuntimeError("addmv input tensors must have the same dtype, but got {}, {}, and {}".format(
            *(d.scalar_type for d in names)))
    return matmul(input, vec)


def dot(input: Tensor, tensor: Tensor) -> Tensor:
    """torch.dot: the inner product of two 1-D tensors (no broadcasting)."""
    if input.ndim != 1 or tensor.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {input.ndim}D and {tensor.ndim}D tensors")
    if input.dtype is not tensor.dtype:
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                           f"{input.dtype.scalar_type} and {tensor.dtype.scalar_type}")
    return matmul(input, tensor)


def outer(input: Tensor, vec2: Tensor) -> Tensor:
    """torch.outer (alias ger): ``input[i] * vec2[j]``, a broadcast multiply as in torch
    (MulBackward0), with torch's type promotion."""
    for name, t in (("self", input), ("vec2", vec2)):
        if t.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {t.ndim}-D")
    return input.unsqueeze(-1) * vec2


def _dims_list(value, which, position):
    if isinstance(value, Tensor):
        value = value.tolist()
    if isinstance(value, int):
        raise TypeError(f"tensordot(): argument '{which}' (position {position}) must be tuple of ints, not int")
    return [int(d) for d in value]


def tensordot(a: Tensor, b: Tensor, dims=2, out=None) -> Tensor:
    """torch.tensordot: contract ``dims`` (the last n dims of a with the first n of b, or two
    lists of dims) — one matmul between a permute/reshape of each side, as torch does."""
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        if dims > a.ndim or dims > b.ndim:
            raise RuntimeError(f"tensordot expects dims < ndim_a or ndim_b, but got dims={dims}")
        given_a, given_b = list(range(-dims, 0)), list(range(dims))
    else:
        given_a, given_b = _dims_list(dims[0], "dims_self", 3), _dims_list(dims[1], "dims_other", 4)
    if len(given_a) != len(given_b):
        raise RuntimeError("both dimension lists should have same length")
    if a.dtype is not b.dtype:
        raise RuntimeError("both inputs should have same dtype")
    dims_a = [_wrap_dim(d, a.ndim, "tensordot") for d in given_a]
    dims_b = [_wrap_dim(d, b.ndim, "tensordot") for d in given_b]
    for dims_x in (dims_a, dims_b):
        repeated = [d for d in dims_x if dims_x.count(d) > 1]
        if repeated:
            raise RuntimeError(f"dim {repeated[0]} appears multiple times in the list of dims")
    for da, db, ga, gb in zip(dims_a, dims_b, given_a, given_b):
        sa, sb = a.shape[da], b.shape[db]
        if sa != sb:
            # torch sums the other side over a dim where one side has size 1 (broadcasting it)
            if sb == 1:
                a = a.sum(da, keepdim=True)
            elif sa == 1:
                b = b.sum(db, keepdim=True)
            else:
                raise RuntimeError(f"contracted dimensions need to match, but first has size {sa} in dim {ga} "
                                   f"and second has size {sb} in dim {gb}")
    free_a = [d for d in range(a.ndim) if d not in dims_a]
    free_b = [d for d in range(b.ndim) if d not in dims_b]
    contracted = _numel(a.shape[d] for d in dims_a)
    left = a.permute(free_a + dims_a).reshape(_numel(a.shape[d] for d in free_a), contracted)
    right = b.permute(dims_b + free_b).reshape(contracted, _numel(b.shape[d] for d in free_b))
    return (left @ right).reshape([a.shape[d] for d in free_a] + [b.shape[d] for d in free_b])


Tensor.mm, Tensor.mv, Tensor.dot, Tensor.outer, Tensor.ger = mm, mv, dot, outer, outer
PUBLIC.update(mm=mm, mv=mv, dot=dot, outer=outer, ger=outer, tensordot=tensordot)
