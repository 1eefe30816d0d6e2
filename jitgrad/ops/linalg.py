"""Linear algebra ops (SPEC B7): inverse, det, trace, diagonal / diag_embed, vector norms and
the amax/amin that matrix norms reduce with, svd, eigh, eig and eigvals.

LAPACK does the work, through NumPy; every gradient is written with jitgrad ops, so it is
differentiable again and traceable. ``jitgrad/linalg.py`` builds torch.linalg's names (and the
norm family) on these.

svd (U, S, Vh) and eigh (eigenvalues, eigenvectors) have several differentiable results, and a
vjp rule is given the gradient of an op's first output only. So these ops return their results
*packed* side by side in the last dim of one array, which the public functions slice apart:
the slices' gradients meet, summed, in the packed gradient, which the rule slices the same way.
"""
from __future__ import annotations

import math
from collections import namedtuple

import numpy as np

from . import elementwise as ew
from .dims import keepdim_shape
from .registry import MOVEMENT, OTHER, PUBLIC, REDUCE, defop
from .. import dtypes
from ..autograd import grad_mode
from ..creation import arange, eye, zeros
from ..tensor import Tensor, _wrap_dim


class LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError: the input has no result (a singular matrix has no inverse)."""


def return_type(name: str, fields: str):
    """A named tuple printed as torch prints its ``torch.return_types`` (one field a line)."""
    base = namedtuple(name, fields)

    def __repr__(self):
        body = ",\n".join(f"{field}={value!r}" for field, value in zip(self._fields, self))
        return f"jitgrad.return_types.{name}(\n{body})"

    return type(name, (base,), {"__slots__": (), "__repr__": __repr__})


SVDResult = return_type("linalg_svd", "U S Vh")
SVDOldResult = return_type("svd", "U S V")
EighResult = return_type("linalg_eigh", "eigenvalues eigenvectors")
EigResult = return_type("linalg_eig", "eigenvalues eigenvectors")


# ---------------------------------------------------------------- argument checks (torch's words)
def check_float_input(x, op: str):
    # (complex tensors never require grad in jitgrad: these real rules see real inputs only)
    if x.dtype.category < dtypes.FLOATING:
        raise RuntimeError(f"{op}: Expected a floating point or complex tensor as input. Got "
                           f"{x.dtype.scalar_type}")


def check_matrices(x, op: str, square=True):
    """A batch of (square) floating matrices; returns its dtype."""
    shape = x._data.shape
    if len(shape) < 2:
        raise RuntimeError(f"{op}: The input tensor A must have at least 2 dimensions.")
    if square and shape[-1] != shape[-2]:
        raise RuntimeError(f"{op}: A must be batches of square matrices, but they are {shape[-2]} by "
                           f"{shape[-1]} matrices")
    check_float_input(x, op)
    return x.dtype


def _real_only(x, op: str):
    if x.dtype.is_complex:
        raise RuntimeError(f"{op}: jitgrad computes it for real (float32, float64) inputs only, got "
                           f"{x.dtype.scalar_type}")


def _needs_grad(x) -> bool:
    return x._requires_grad and grad_mode.state.enabled


def _per_matrix(t):
    """A value per matrix of a batch (a det, its gradient), shaped to broadcast over the matrices."""
    return t.unsqueeze(-1).unsqueeze(-1)


# ---------------------------------------------------------------- inverse
def _first_zero_pivot(a) -> int:
    """LAPACK getrf's `info` for one matrix: 1 + the index of the first exactly zero pivot of
    its LU factorisation with partial pivoting (0 if none) — which torch's message names."""
    u = np.array(a, copy=True)
    for j in range(u.shape[0]):
        p = j + int(np.argmax(np.abs(u[j:, j])))
        if u[p, j] == 0:
            return j + 1
        u[[j, p]] = u[[p, j]]
        u[j + 1:, j + 1:] -= np.outer(u[j + 1:, j] / u[j, j], u[j, j + 1:])
    return 0


def _singular_error(x, op: str) -> LinAlgError:
    for b, matrix in enumerate(x.reshape((-1,) + x.shape[-2:])):
        info = _first_zero_pivot(matrix)
        if info:
            where = f"(Batch element {b}): " if x.ndim > 2 else ""
            return LinAlgError(f"{op}: {where}The diagonal element {info} is zero, the inversion could not "
                               f"be completed because the input matrix is singular.")
    return LinAlgError(f"{op}: The inversion could not be completed because the input matrix is singular.")


def _inv_forward(x):
    try:
        return np.linalg.inv(x)
    except np.linalg.LinAlgError:
        raise _singular_error(x, "linalg.inv") from None


# d(A^-1) = -A^-1 dA A^-1, so the gradient is -A^-T g A^-T
inverse = defop("inverse", OTHER, _inv_forward, "x", {"x": lambda g, out: -(out.mT @ (g @ out.mT))},
                dtype=lambda x: check_matrices(x, "linalg.inv"), shape=lambda s: s,
                grad_fn="LinalgInvExBackward0", methods=("inverse",))


# ---------------------------------------------------------------- det
def _product_of_others(s):
    """p[..., i] = prod_{j != i} s[..., j], exact with zeros (no division) and differentiable."""
    n = s.shape[-1]
    positions = arange(n)
    product = None
    for j in range(n):
        factor = ew.where(positions == j, 1.0, s[..., j:j + 1])
        product = factor if product is None else product * factor
    return product


def _svd_cofactors(a):
    """The cofactor matrix through A = U diag(S) Vh: det(U) det(Vh) U diag(prod_{j!=i} S_j) Vh,
    which holds for singular matrices too (torch's formula for them)."""
    if a.shape[-1] == 0:
        return a
    u, s, vh = linalg_svd(a, full_matrices=False)
    with grad_mode.no_grad():   # +-1, constant wherever the SVD is smooth
        sign = det(u) * det(vh)
    return _per_matrix(sign) * ((u * _product_of_others(s).unsqueeze(-2)) @ vh)


def _cofactors(a, d):
    """d det(A) / dA: det(A) A^-T where det(A) != 0, the SVD formula where it is exactly 0.
    Eagerly only the branch the values need is computed; traced (no values), both are, each
    on a stand-in (the identity) where the other is chosen, so neither can fail or spread NaN."""
    if isinstance(d._data, np.ndarray):
        singular = d._data == 0
        if not singular.any():
            return _per_matrix(d) * inverse(a).mT
        if singular.all():
            return _svd_cofactors(a)
    singular = _per_matrix(d == 0)
    identity = eye(a.shape[-1], dtype=a.dtype)
    invertible = _per_matrix(d) * inverse(ew.where(singular, identity, a)).mT
    return ew.where(singular, _svd_cofactors(ew.where(singular, a, identity)), invertible)


det = defop("det", OTHER, np.linalg.det, "x",
            {"x": lambda g, x, out: _per_matrix(g) * _cofactors(x, out)},
            dtype=lambda x: check_matrices(x, "linalg.det"), shape=lambda s: s[:-2],
            grad_fn="LinalgDetBackward0", methods=("det",))


# ---------------------------------------------------------------- trace
def _parse_trace(x):
    if x.dtype is dtypes.bool_:
        raise NotImplementedError("\"trace\" not implemented for 'Bool'")
    if x._data.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {x._data.ndim}")
    return (x,), {"shape": x._data.shape}


trace = defop("trace", REDUCE, lambda x, shape: np.trace(x), "x",
              {"x": lambda g, shape: g * eye(*shape, dtype=g.dtype)},
              dtype=lambda x, shape: dtypes.int64 if x.dtype.category == dtypes.INTEGER else x.dtype,
              shape=lambda s, shape: (), parse=_parse_trace, methods=("trace",))


# ---------------------------------------------------------------- diagonal / diag_embed
def _wrap_pair(dim1, dim2, ndim, op):
    d1, d2 = _wrap_dim(dim1, ndim, op), _wrap_dim(dim2, ndim, op)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return d1, d2


def _diagonal_shape(s, offset, dim1, dim2, copy=False, in_shape=None):
    length = max(0, min(s[dim1] + min(offset, 0), s[dim2] - max(offset, 0)))
    return tuple(n for i, n in enumerate(s) if i not in (dim1, dim2)) + (length,)


def _diagonal_forward(x, offset, dim1, dim2, copy, in_shape):
    d = np.diagonal(x, offset, dim1, dim2)
    if copy:
        return d.copy()
    if x.flags.writeable:   # NumPy hands out a read-only view; torch's diagonal is writable
        d.flags.writeable = True
    return d


def _diagonal_attrs(input, offset, dim1, dim2, copy):
    shape = input._data.shape
    d1, d2 = _wrap_pair(dim1, dim2, len(shape), "diagonal")
    return {"offset": int(offset), "dim1": d1, "dim2": d2, "copy": copy, "in_shape": shape}


def _parse_diagonal(input, offset=0, dim1=0, dim2=1):
    return (input,), _diagonal_attrs(input, offset, dim1, dim2, copy=False)


def _diag_embed_forward(x, offset, dim1, dim2, shape):
    out = np.zeros(shape, x.dtype)
    view = np.diagonal(out, offset, dim1, dim2)
    view.flags.writeable = True
    view[...] = x
    return out


# The op behind diag_embed and the gradient of diagonal: `x` along the (offset) diagonal of
# dims dim1, dim2 of a zero array of `shape`.
_embed = defop("diag_embed", MOVEMENT, _diag_embed_forward, "x",
               {"x": lambda g, offset, dim1, dim2: diagonal(g, offset, dim1, dim2)}, dtype="same",
               shape=lambda s, offset, dim1, dim2, shape: shape, export=False,
               parse=lambda x, offset, dim1, dim2, shape: ((x,), {"offset": offset, "dim1": dim1,
                                                                  "dim2": dim2, "shape": tuple(shape)}))

diagonal = defop("diagonal", MOVEMENT, _diagonal_forward, "x",
                 {"x": lambda g, offset, dim1, dim2, in_shape: _embed(g, offset, dim1, dim2, in_shape)},
                 dtype="same", shape=_diagonal_shape, parse=_parse_diagonal, view=True,
                 grad_fn=lambda args, attrs: "DiagonalBackward0_copy" if attrs["copy"] else "DiagonalBackward0",
                 methods=("diagonal",))
_diagonal_op = diagonal.op    # torch.diag's parameter `diagonal` hides the op's name there


def diag_embed(input: Tensor, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    """torch.diag_embed: the last dim of `input` along the (offset) diagonal of two new dims."""
    ndim = input.ndim + 1
    d1, d2 = _wrap_pair(dim1, dim2, ndim, "diag_embed")   # a 0-d input fails here, as in torch
    size = input.shape[-1] + abs(offset)
    rest = iter(input.shape[:-1])
    shape = tuple(size if i in (d1, d2) else next(rest) for i in range(ndim))
    return _embed(input, int(offset), d1, d2, shape)


def diag(input: Tensor, diagonal: int = 0) -> Tensor:
    """torch.diag: a 1-D tensor becomes a square matrix with it on the `diagonal`-th diagonal;
    a matrix gives (a copy of) that diagonal."""
    if input.ndim == 1:
        return diag_embed(input, diagonal)
    if input.ndim == 2:
        return _diagonal_op.call((input,), _diagonal_attrs(input, diagonal, 0, 1, copy=True))
    raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {input.ndim}D")


def linalg_diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    """torch.linalg.diagonal: torch.diagonal with the last two dims as defaults."""
    return diagonal(A, offset, dim1, dim2)


# ---------------------------------------------------------------- vector norms
def _keep(t, dim, keepdim):
    """A reduced result with its reduced dims back as size 1, to broadcast over the input."""
    if dim is None or keepdim:
        return t
    return t.reshape(keepdim_shape(t._data.shape, dim))


def check_norm_dtype(input_dtype, dtype, op):
    dt = dtypes.as_dtype(dtype)
    kind = "complex" if input_dtype.is_complex else "real"
    if dt.category < dtypes.FLOATING:
        raise RuntimeError(f"{op}: dtype should be floating point or complex, but got "
                           f"{dt.scalar_type}")
    if dt.is_complex != input_dtype.is_complex:
        raise RuntimeError(f"{op}: dtype should be {kind} for {kind} inputs, but got {dt.scalar_type}")
    if dtypes.promote_types(input_dtype, dt) is not dt:
        raise RuntimeError(f"{op}: the dtype of the input ({input_dtype.scalar_type}) should be "
                           f"convertible without narrowing to the specified dtype ({dt.scalar_type})")
    return dt


def _norm_dims(dim, ndim, op):
    """Sorted non-negative dims (None: all), with torch's message for a repeated one."""
    if dim is None:
        return None
    dims = [_wrap_dim(int(d), ndim, op) for d in ((dim,) if isinstance(dim, int) else dim)]
    for d in dims:
        if dims.count(d) > 1:
            raise RuntimeError(f"{op}: dim {d} appears multiple times in the list of dims")
    return tuple(sorted(dims))


def _parse_vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    if isinstance(ord, str):
        raise TypeError("linalg_vector_norm(): argument 'ord' must be Number, not str")
    ord = float(ord.item() if isinstance(ord, Tensor) else ord)
    op = "linalg.vector_norm"
    check_float_input(x, op)
    if dtype is not None:
        dtype = check_norm_dtype(x.dtype, dtype, op)
    shape = x._data.shape
    # dim=() reduces everything, as None does
    if dim is not None and not isinstance(dim, int) and len(dim) == 0:
        dim = None
    dims = _norm_dims(dim, len(shape), op)
    if not shape:     # a 0-d tensor (dim 0 or -1 accepted) has nothing to reduce
        dims = None
    if math.isinf(ord):    # max and min of nothing are undefined
        if dims is None and 0 in shape:
            raise RuntimeError(f"{op} cannot compute the {ord} norm on an empty tensor because the operation "
                               f"does not have an identity")
        for d in dims or ():
            if shape[d] == 0:
                raise RuntimeError(f"{op} cannot compute the {ord} norm on the dimension {d}because this "
                                   f"dimension is empty and the operation does not have an identity")
    return (x,), {"ord": ord, "dim": dims, "keepdim": bool(keepdim), "dtype": dtype}


def _vector_norm_forward(x, ord, dim, keepdim, dtype):
    if dtype is not None:
        x = x.astype(dtype.np)
    a = np.abs(x)
    if ord == 2:
        return np.sqrt(np.add.reduce(a * a, axis=dim, keepdims=keepdim))
    if ord == 1:
        return np.add.reduce(a, axis=dim, keepdims=keepdim)
    if ord == math.inf:
        return np.max(a, axis=dim, keepdims=keepdim)
    if ord == -math.inf:
        return np.min(a, axis=dim, keepdims=keepdim)
    if ord == 0:
        return np.add.reduce(a != 0, axis=dim, keepdims=keepdim, dtype=a.dtype)
    return np.add.reduce(a ** ord, axis=dim, keepdims=keepdim) ** (1 / ord)


def _vector_norm_dx(g, x, out, ord, dim, keepdim):
    """torch's norm_backward, case by case; where the norm is not differentiable (at a zero
    norm, or at zero entries for ord < 1) the gradient is 0, as torch's. Divisors that are 0
    there are replaced by 1 (the numerators are 0 there too), so nothing computes 0/0."""
    g, norm = _keep(g, dim, keepdim), _keep(out, dim, keepdim)
    if ord == 0:          # a count: piecewise constant (torch gives no gradient at all)
        return g * 0.0
    if ord == 1:
        return g * ew.sign(x)
    if math.isinf(ord):   # the extremal entries (and NaNs) share the gradient evenly
        hit = ew.logical_or(ew.abs(x) == norm, x != x)
        return ew.sign(x) * ew.where(hit, g / hit.sum(dim, keepdim=True), 0.0)
    if ord < 1:           # |x|^(ord-1) is infinite at 0, where sign(x) makes the gradient 0
        scaled = ew.sign(x) * ew.abs(ew.where(x == 0, 1.0, x)) ** (ord - 1)
        return scaled * g * norm ** (1 - ord)
    per_norm = g / ew.where(norm == 0, 1.0, norm) ** (ord - 1)
    if ord == 2:
        return x * per_norm
    if ord < 2:
        return ew.sign(x) * ew.abs(x) ** (ord - 1) * per_norm
    return x * ew.abs(x) ** (ord - 2) * per_norm


def _reduced_shape(s, dim, keepdim):
    if dim is None:
        return tuple(1 for _ in s) if keepdim else ()
    return tuple(1 if i in dim else n for i, n in enumerate(s)) if keepdim else \
        tuple(n for i, n in enumerate(s) if i not in dim)


vector_norm = defop("vector_norm", REDUCE, _vector_norm_forward, "x", {"x": _vector_norm_dx},
                    dtype=lambda x, ord, dim, keepdim, dtype: (dtype or x.dtype).to_real(),
                    shape=lambda s, ord, dim, keepdim, dtype: _reduced_shape(s, dim, keepdim),
                    parse=_parse_vector_norm, grad_fn="LinalgVectorNormBackward0", export=False)


# ---------------------------------------------------------------- svd
def _parse_svd(x, full_matrices):
    check_matrices(x, "linalg.svd", square=False)
    _real_only(x, "linalg.svd")
    return (x,), {"full_matrices": bool(full_matrices)}


def _svd_shape(s, full_matrices):
    m, n = s[-2:]
    k = min(m, n)
    ku, kv = (m, n) if full_matrices else (k, k)
    return s[:-2] + (m, ku), s[:-2] + (k,), s[:-2] + (kv, n)


def _skew(a):
    return a - a.mT


def _nonzero_over(a, b):
    """a / b, but 0 where a is exactly 0: where a gradient is absent (only S used, so gU = 0)
    repeated singular values (b = 0) must not turn it into NaN; where it is present they do,
    as the gradient then does not exist (torch gives inf/NaN too)."""
    return a / ew.where(a == 0, 1.0, b)


def _svd_backward(gu, gs, gvh, u, s, vh):
    """torch's svd_backward (real case) for the reduced SVD A = U diag(S) Vh."""
    m, n, k = u.shape[-2], vh.shape[-1], s.shape[-1]
    s_row, s_col = s.unsqueeze(-2), s.unsqueeze(-1)
    s2 = s * s
    gaps = s2.unsqueeze(-2) - s2.unsqueeze(-1) + eye(k, dtype=s.dtype)   # S_j^2 - S_i^2, 1 on the diagonal
    core = _nonzero_over(_skew(u.mT @ gu) * s_row + s_col * _skew(vh @ gvh.mT), gaps) + diag_embed(gs)
    if m > n:      # the part of gU outside U's span
        gu_sinv = _nonzero_over(gu, s_row)
        return (u @ core + gu_sinv - u @ (u.mT @ gu_sinv)) @ vh
    if m < n:      # the part of gVh outside Vh's span
        sinv_gvh = _nonzero_over(gvh, s_col)
        return u @ (core @ vh + sinv_gvh - (sinv_gvh @ vh.mT) @ vh)
    return u @ (core @ vh)


def _svd_dx(grads, out, full_matrices):
    (gu, gs, gvh), (u, s, vh) = grads, out
    m, n = u.shape[-2], vh.shape[-1]
    if full_matrices and m != n:   # as torch: only the first k singular vectors carry a gradient
        k = min(m, n)
        gu, u, gvh, vh = gu[..., :k], u[..., :k], gvh[..., :k, :], vh[..., :k, :]
    return _svd_backward(gu, gs, gvh, u, s, vh)


_svd = defop("svd", OTHER, lambda x, full_matrices: tuple(np.linalg.svd(x, full_matrices=full_matrices)), "x",
             {"x": _svd_dx}, dtype=lambda x, full_matrices: (x.dtype,) * 3, shape=_svd_shape, n_outputs=3,
             parse=_parse_svd, grad_fn="LinalgSvdBackward0", export=False)
# the singular values alone, when no gradient is wanted (a gradient needs the vectors)
_svdvals = defop("svdvals", OTHER, lambda x: np.linalg.svd(x, compute_uv=False), "x", None, dtype="same",
                 shape=lambda s: s[:-2] + (min(s[-2:]),), parse=lambda x: _parse_svd(x, False)[:1] + ({},),
                 export=False)


def linalg_svd(A: Tensor, full_matrices: bool = True, *, driver=None) -> SVDResult:
    """torch.linalg.svd: A = U diag(S) Vh, named (U, S, Vh); U and Vh square with
    full_matrices, else (m, k) and (k, n), k = min(m, n)."""
    return SVDResult(*_svd(A, full_matrices))


def svdvals(A: Tensor, *, driver=None) -> Tensor:
    """torch.linalg.svdvals: the singular values, decreasing (the vectors only computed when a
    gradient will need them)."""
    return _svd(A, False)[1] if _needs_grad(A) else _svdvals(A)


def svd(input: Tensor, some: bool = True, compute_uv: bool = True) -> SVDOldResult:
    """torch.svd (the older API): (U, S, V) with V = Vh.mT, reduced unless some=False; with
    compute_uv=False, U and V are zero-filled (m, m) and (n, n) matrices, as torch's."""
    if not compute_uv:
        s = svdvals(input)
        m, n = input.shape[-2:]
        batch = tuple(input.shape[:-2])
        return SVDOldResult(zeros(batch + (m, m), dtype=input.dtype), s, zeros(batch + (n, n), dtype=input.dtype))
    u, s, vh = linalg_svd(input, full_matrices=not some)
    return SVDOldResult(u, s, vh.mT)


# ---------------------------------------------------------------- eigh (symmetric)
def _parse_eigh(x, UPLO):
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    if x.dtype.category < dtypes.FLOATING:
        raise NotImplementedError(f"\"linalg_eigh_cpu\" not implemented for '{x.dtype.scalar_type}'")
    check_matrices(x, "linalg.eigh")
    _real_only(x, "linalg.eigh")
    return (x,), {"UPLO": UPLO}


def _eigh_dx(grads, out):
    """torch's eigh backward: gA = V (diag(gL) + skew(V^T gV) / (L_j - L_i)) V^T."""
    (gl, gv), (lam, v) = grads, out
    n = lam.shape[-1]
    vt_gv = v.mT @ gv
    gaps = lam.unsqueeze(-2) - lam.unsqueeze(-1) + eye(n, dtype=lam.dtype)
    core = _nonzero_over(0.5 * (vt_gv - vt_gv.mT), gaps) + diag_embed(gl)
    return v @ (core @ v.mT)


_eigh = defop("eigh", OTHER, lambda x, UPLO: tuple(np.linalg.eigh(x, UPLO)), "x", {"x": _eigh_dx},
              dtype=lambda x, UPLO: (x.dtype, x.dtype), shape=lambda s, UPLO: (s[:-1], s), n_outputs=2,
              parse=_parse_eigh, grad_fn="LinalgEighBackward0", export=False)
_eigvalsh = defop("eigvalsh", OTHER, lambda x, UPLO: np.linalg.eigvalsh(x, UPLO), "x", None, dtype="same",
                  shape=lambda s, UPLO: s[:-1], parse=_parse_eigh, export=False)


def eigh(A: Tensor, UPLO: str = "L") -> EighResult:
    """torch.linalg.eigh: eigenvalues (ascending) and orthonormal eigenvectors of a real
    symmetric matrix, read from its lower (UPLO='L') or upper triangle."""
    return EighResult(*_eigh(A, UPLO))


def eigvalsh(A: Tensor, UPLO: str = "L") -> Tensor:
    """torch.linalg.eigvalsh: the eigenvalues of a symmetric matrix, ascending (the vectors only
    computed when a gradient will need them)."""
    return _eigh(A, UPLO)[0] if _needs_grad(A) else _eigvalsh(A, UPLO)


# ---------------------------------------------------------------- eig (general): forward only
def _complex_dtype(x):
    return x.dtype.to_complex()


def _normalize_eigenvectors(w, v, real_input):
    """LAPACK fixes each eigenvector's norm (1) and makes its largest component real, but not
    that component's sign — OpenBLAS and MKL differ. Make it positive (for a complex input: its
    phase 0), so that results do not depend on the LAPACK build. A real matrix's conjugate
    pairs stay conjugate, down to the signs of their zero imaginary parts (as LAPACK's)."""
    if v.size == 0:
        return v
    lead = np.take_along_axis(v, np.argmax(v.real ** 2 + v.imag ** 2, axis=-2)[..., None, :], axis=-2)
    if not real_input:
        magnitude = np.abs(lead)
        return v * np.where(magnitude == 0, 1, lead.conj() / np.where(magnitude == 0, 1, magnitude))
    sign = np.where(lead.real < 0, -1, 1).astype(v.real.dtype)
    v = (v.real * sign + 1j * (v.imag * sign + 0.0)).astype(v.dtype)   # + 0.0 turns -0.0 into 0.0
    # LAPACK lists a pair as (a + bi, a - bi), b > 0: the second column is the first's conjugate
    second_of_pair = np.concatenate([np.zeros(w.shape[:-1] + (1,), bool), w.imag[..., :-1] > 0], axis=-1)
    return np.where(second_of_pair[..., None, :], np.roll(v, 1, axis=-1).conj(), v)


def _eig_forward(x):
    c = np.result_type(x.dtype, np.complex64)
    w, v = np.linalg.eig(x)
    w, v = w.astype(c), v.astype(c)
    return w, _normalize_eigenvectors(w, v, x.dtype.kind == "f")


def _parse_eig(x):
    check_matrices(x, "linalg.eig")
    return (x,), {}


_eig = defop("eig", OTHER, _eig_forward, "x", None, dtype=lambda x: (_complex_dtype(x),) * 2,
             shape=lambda s: (s[:-1], s), parse=_parse_eig, n_outputs=2, export=False,
             wrap=EigResult._make)


def _parse_eigvals(x):
    check_matrices(x, "linalg.eigvals")
    return (x,), {}


_eigvals = defop("eigvals", OTHER, lambda x: np.linalg.eigvals(x), "x", None, dtype=_complex_dtype,
                 shape=lambda s: s[:-1], parse=_parse_eigvals, export=False)


def eig(A: Tensor) -> EigResult:
    """torch.linalg.eig: complex eigenvalues and eigenvectors (unit norm, largest component
    real and positive). Forward only: their gradient would need complex autograd."""
    return _eig(A)


def eigvals(A: Tensor) -> Tensor:
    """torch.linalg.eigvals: the (complex) eigenvalues, in eig's order. Forward only."""
    return _eigvals(A)


Tensor.diag = diag
Tensor.diag_embed = diag_embed
Tensor.svd = svd
PUBLIC.update(diag=diag, diag_embed=diag_embed, svd=svd)
