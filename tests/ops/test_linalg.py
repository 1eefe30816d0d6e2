"""Linear algebra (SPEC B7): matrix products, inverse, det, trace, diag/diagonal, norms, svd,
eigh, eig — values against NumPy, gradients by finite differences, torch's values, names and
errors, the seed tutorial's section 5.1.

Torch-recorded tables (``TORCH_*``, ``LAPACK_VALUES``) were produced by evaluating each
expression with ``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import re

import numpy as np
import pytest

import jitgrad as jg

INF, NAN = float("inf"), float("nan")
rng = np.random.default_rng(2024)
L = jg.linalg


def U(*shape):
    return rng.uniform(-1, 1, shape)


def A(*shape):
    """Away from 0 with both signs (norms with kinks at 0)."""
    return rng.uniform(0.5, 2, shape) * rng.choice([-1.0, 1.0], shape)


def well(n, *batch):
    """Well-conditioned square matrices (diagonally dominant)."""
    return U(*batch, n, n) + 3 * np.eye(n)


def svd_parts(u, s, vh):
    """U, S and Vh in one tensor that the sign ambiguity of singular pairs (u_i, v_i flipping
    together) leaves alone: U**2 @ (S * Vh**2)."""
    return (u * u) @ (s.unsqueeze(-1) * (vh * vh))


def first_pair(r):
    """u_1 v_1^T: invariant under the sign flip of a singular pair."""
    return r.U[..., :, :1] * r.Vh[..., :1, :]


SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]])              # rank 1
SINGULAR3 = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])   # rank 2

# ------------------------------------------------------------------ gradient table
GRAD_CASES = [
    pytest.param("matmul", lambda a, b: jg.mv(a, b), [U(3, 2), U(2)], True, id="mv"),
    pytest.param("matmul", lambda a, b: jg.dot(a, b), [U(3), U(3)], True, id="dot"),
    pytest.param("matmul", lambda a, b: a.t() @ b, [U(3, 2), U(3, 3, 4)], True, id="matrix-by-batch-transposed"),
    pytest.param("matmul", lambda a, b: jg.tensordot(a, b), [U(2, 3, 4), U(3, 4)], True, id="tensordot-2"),
    pytest.param("matmul", lambda a, b: jg.tensordot(a, b, dims=([1, 0], [0, 2])), [U(3, 4, 2), U(4, 5, 3)], True,
                 id="tensordot-lists"),
    pytest.param("mul", lambda a, b: jg.outer(a, b), [U(3), U(4)], True, id="outer"),
    pytest.param("bmm", jg.bmm, [U(2, 3, 4), U(2, 4, 2)], True, id="bmm"),
    pytest.param("bmm", lambda a, b: a.mT.bmm(b), [U(2, 4, 3), U(2, 4, 2)], True, id="bmm-transposed"),
    pytest.param("inverse", jg.inverse, [well(3)], True, id="inverse"),
    pytest.param("inverse", L.inv, [well(2, 3)], True, id="inverse-batch"),
    pytest.param("inverse", lambda a: a.mT.inverse(), [well(3)], True, id="inverse-transposed"),
    pytest.param("inverse", jg.inverse, [np.array([[2.5]])], True, id="inverse-1x1"),
    pytest.param("det", jg.det, [well(3)], True, id="det"),
    pytest.param("det", L.det, [well(3, 2)], True, id="det-batch"),
    pytest.param("det", lambda a: a.t().det(), [well(3)], True, id="det-transposed"),
    pytest.param("det", jg.det, [np.array([[-1.5]])], True, id="det-1x1"),
    pytest.param("det", jg.det, [SINGULAR], True, id="det-singular"),
    pytest.param("det", jg.det, [SINGULAR3], True, id="det-singular-3x3"),
    pytest.param("det", jg.det, [np.stack([SINGULAR, well(2)])], True, id="det-batch-singular-and-not"),
    pytest.param("trace", jg.trace, [U(3, 3)], True, id="trace"),
    pytest.param("trace", lambda a: a.t().trace(), [U(4, 2)], True, id="trace-rect-transposed"),
    pytest.param("diagonal", jg.diagonal, [U(3, 4)], True, id="diagonal"),
    pytest.param("diagonal", lambda a: jg.diagonal(a, 1, 0, 2), [U(3, 2, 4)], True, id="diagonal-offset-dims"),
    pytest.param("diagonal", lambda a: a.mT.diagonal(-1, -2, -1), [U(2, 4, 3)], True, id="diagonal-transposed"),
    pytest.param("diagonal", lambda a: jg.diag(a, -1), [U(3, 4)], True, id="diag-of-matrix"),
    pytest.param("diag_embed", lambda a: jg.diag(a, 1), [U(3)], True, id="diag-of-vector"),
    pytest.param("diag_embed", lambda a: jg.diag_embed(a, -1, 0, 2), [U(2, 3)], True, id="diag_embed-dims"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a), [U(2, 3)], True, id="vector_norm-2"),
    pytest.param("vector_norm", lambda a: jg.norm(a, dim=1), [U(2, 3)], True, id="norm-2-dim"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 1, dim=(0, 2), keepdim=True), [A(2, 3, 2)], True,
                 id="vector_norm-1-keepdim"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 3, dim=-1), [A(2, 3)], True, id="vector_norm-3"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 1.5), [A(4)], True, id="vector_norm-1.5"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 0.5, dim=0), [A(3, 2)], True, id="vector_norm-0.5"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, -1), [A(4)], True, id="vector_norm-neg1"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, INF, dim=1), [A(2, 4)], True, id="vector_norm-inf"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, -INF), [A(5)], True, id="vector_norm-neg-inf"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 0, dim=1), [A(2, 3)], False, id="vector_norm-0"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 3, dtype=jg.float64), [U(2, 2)], True,
                 id="vector_norm-dtype"),
    pytest.param("vector_norm", lambda a: a.t().norm(p=3, dim=0), [A(3, 2)], True, id="norm-method-transposed"),
    pytest.param("vector_norm", lambda a: jg.norm(a), [np.zeros(3)], False, id="vector_norm-of-zero"),
    pytest.param("amax", lambda a: L.matrix_norm(a, 1), [U(3, 4)], True, id="matrix_norm-1"),
    pytest.param("amin", lambda a: L.matrix_norm(a, -1, dim=(0, 2)), [U(3, 2, 4)], True,
                 id="matrix_norm-neg1-dims"),
    pytest.param("amax", lambda a: L.norm(a, INF), [U(3, 3)], True, id="matrix_norm-inf"),
    pytest.param("amin", lambda a: L.matrix_norm(a, -INF, keepdim=True), [U(2, 3, 3)], True,
                 id="matrix_norm-neg-inf-keepdim"),
    pytest.param("amax", lambda a: L.matrix_norm(a, 2), [U(3, 2)], True, id="matrix_norm-2"),
    pytest.param("svd", lambda a: L.matrix_norm(a, -2, dim=(0, 2), keepdim=True), [U(3, 2, 2)], True,
                 id="matrix_norm-neg2"),
    pytest.param("svd", lambda a: jg.norm(a, "nuc"), [U(2, 3)], True, id="norm-nuc"),
    pytest.param("svd", L.svdvals, [U(4, 3)], True, id="svdvals-tall"),
    pytest.param("svd", L.svdvals, [U(2, 2, 4)], True, id="svdvals-wide-batch"),
    pytest.param("svd", lambda a: svd_parts(*L.svd(a, full_matrices=False)), [U(4, 3)], True, id="svd-tall"),
    pytest.param("svd", lambda a: svd_parts(*L.svd(a, full_matrices=False)), [U(3, 5)], True, id="svd-wide"),
    pytest.param("svd", lambda a: first_pair(L.svd(a)), [U(2, 3, 3)], True, id="svd-square-batch"),
    pytest.param("svd", lambda a: first_pair(L.svd(a.mT)), [U(2, 4)], True, id="svd-full-transposed"),
    pytest.param("svd", lambda a: (lambda r: svd_parts(r.U, r.S, r.V.mT))(jg.svd(a)), [U(4, 2)], True, id="torch-svd"),
    pytest.param("eigh", lambda a: L.eigh(a + a.mT).eigenvalues, [U(3, 3)], True, id="eigh-values"),
    pytest.param("eigh", lambda a: L.eigh(a + a.mT).eigenvectors ** 2, [U(2, 3, 3)], True, id="eigh-vectors"),
    pytest.param("eigh", lambda a: L.eigvalsh(a + a.mT, UPLO="U"), [U(4, 4)], True, id="eigvalsh-upper"),
]

# ------------------------------------------------------------------ forward table


def np_vector_norm(ord, axis=None, keepdims=False):
    def reference(a):
        x = np.abs(a)
        if ord == INF:
            return x.max(axis=axis, keepdims=keepdims)
        if ord == 0:
            return (x != 0).sum(axis=axis, keepdims=keepdims).astype(a.dtype)
        return (x ** ord).sum(axis=axis, keepdims=keepdims) ** (1 / ord)
    return reference


def np_diag_embed(a):
    out = np.zeros(a.shape + a.shape[-1:], a.dtype)
    idx = np.arange(a.shape[-1])
    out[..., idx, idx] = a
    return out


def np_eigvals(a):
    return np.linalg.eig(a)[0].astype(np.result_type(a.dtype, np.complex64))


X234 = U(2, 3, 4)

FORWARD_CASES = [
    pytest.param("bmm", jg.bmm, np.matmul, [U(2, 3, 4), U(2, 4, 2)], id="bmm"),
    pytest.param("matmul", jg.mv, np.matmul, [U(3, 2), U(2)], id="mv"),
    pytest.param("matmul", jg.dot, np.dot, [U(4), U(4)], id="dot"),
    pytest.param("matmul", lambda a, b: jg.tensordot(a, b, dims=([0, 2], [2, 0])),
                 lambda a, b: np.tensordot(a, b, axes=([0, 2], [2, 0])), [X234, U(4, 5, 2)], id="tensordot"),
    pytest.param("mul", jg.outer, np.outer, [U(3), U(2)], id="outer"),
    pytest.param("inverse", jg.inverse, np.linalg.inv, [well(3, 2)], id="inverse-batch"),
    pytest.param("inverse", lambda a: jg.inverse(a.mT), lambda a: np.linalg.inv(a.swapaxes(-1, -2)), [well(3)],
                 id="inverse-transposed"),
    pytest.param("det", jg.det, np.linalg.det, [well(3, 2)], id="det-batch"),
    pytest.param("det", lambda a: jg.det(a.mT), lambda a: np.linalg.det(a.swapaxes(-1, -2)), [well(4)],
                 id="det-transposed"),
    pytest.param("trace", jg.trace, np.trace, [U(3, 4)], id="trace"),
    pytest.param("diagonal", lambda a: jg.diagonal(a, -1, 2, 0), lambda a: np.diagonal(a, -1, 2, 0), [X234],
                 id="diagonal"),
    pytest.param("diagonal", lambda a: jg.diag(a, 2), lambda a: np.diag(a, 2), [U(3, 4)], id="diag-of-matrix"),
    pytest.param("diag_embed", lambda a: jg.diag(a, -1), lambda a: np.diag(a, -1), [U(3)], id="diag-of-vector"),
    pytest.param("diag_embed", jg.diag_embed, np_diag_embed, [U(2, 3)], id="diag_embed"),
    pytest.param("vector_norm", jg.norm, np_vector_norm(2), [X234], id="norm"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 3, dim=(0, 2), keepdim=True),
                 np_vector_norm(3, (0, 2), True), [X234], id="vector_norm-3"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a.mT, INF, dim=-1), lambda a: np_vector_norm(INF, -1)(a.swapaxes(-1, -2)),
                 [X234], id="vector_norm-inf-transposed"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, 0, dim=1), np_vector_norm(0, 1),
                 [np.array([[0.0, 1.5, 0.0], [2.0, -1.0, 3.0]])], id="vector_norm-0"),
    pytest.param("vector_norm", lambda a: L.vector_norm(a, dtype=jg.float64),
                 lambda a: np_vector_norm(2)(a.astype(np.float64)), [U(5)], id="vector_norm-dtype"),
    pytest.param("amax", lambda a: L.matrix_norm(a, 1), lambda a: np.abs(a).sum(-2).max(-1), [X234],
                 id="matrix_norm-1"),
    pytest.param("amin", lambda a: L.matrix_norm(a, -INF), lambda a: np.abs(a).sum(-1).min(-1), [X234],
                 id="matrix_norm-neg-inf"),
    pytest.param("amax", lambda a: L.matrix_norm(a, 2), lambda a: np.linalg.norm(a, 2), [U(3, 4)],
                 id="matrix_norm-2"),
    pytest.param("svd", lambda a: L.matrix_norm(a, "nuc"), lambda a: np.linalg.norm(a, "nuc"), [U(4, 3)],
                 id="matrix_norm-nuc"),
    pytest.param("svd", lambda a: tuple(L.svd(a)), lambda a: tuple(np.linalg.svd(a)), [X234], id="svd-full"),
    pytest.param("svd", lambda a: tuple(L.svd(a.mT, full_matrices=False)),
                 lambda a: tuple(np.linalg.svd(a.swapaxes(-1, -2), full_matrices=False)), [X234],
                 id="svd-reduced-transposed"),
    pytest.param("svdvals", L.svdvals, lambda a: np.linalg.svd(a, compute_uv=False), [U(3, 5)], id="svdvals"),
    pytest.param("eigh", lambda a: tuple(L.eigh(a + a.mT)), lambda a: tuple(np.linalg.eigh(a + a.swapaxes(-1, -2))),
                 [U(2, 3, 3)], id="eigh"),
    pytest.param("eigvalsh", lambda a: L.eigvalsh(a, UPLO="U"), lambda a: np.linalg.eigvalsh(a, "U"), [U(4, 4)],
                 id="eigvalsh-upper"),
    pytest.param("eig", lambda a: L.eig(a).eigenvalues, np_eigvals, [U(2, 4, 4)], id="eig"),
    pytest.param("eigvals", L.eigvals, np_eigvals, [U(3, 3)], id="eigvals"),
]

# The compiler traces every case above.
COMPILE_EXPECTED_FAILURES: dict = {}



# ------------------------------------------------------------------ the seed tutorial, section 5.1
SEED_PRINTS = [
    (lambda torch: torch.inverse(torch.tensor([[1.0, 2], [3, 4]])),
     "tensor([[-2.0000,  1.0000],\n        [ 1.5000, -0.5000]])"),
    (lambda torch: torch.trace(torch.tensor([[1.0, 2], [3, 4]])), "tensor(5.)"),
    (lambda torch: torch.norm(torch.tensor([[1.0, 2], [3, 4]])), "tensor(5.4772)"),
    (lambda torch: torch.det(torch.tensor([[1.0, 2], [3, 4]])), "tensor(-2.)"),
    (lambda torch: torch.linalg.eig(torch.tensor([[1.0, 2], [-5, 4]], dtype=torch.float)),
     "jitgrad.return_types.linalg_eig(\neigenvalues=tensor([2.5000+2.7839j, 2.5000-2.7839j]),\n"
     "eigenvectors=tensor([[0.2535-0.4706j, 0.2535+0.4706j],\n        [0.8452+0.0000j, 0.8452-0.0000j]]))"),
    (lambda torch: torch.linalg.svd(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))[0],
     "tensor([[-0.2298,  0.8835,  0.4082],\n        [-0.5247,  0.2408, -0.8165],\n"
     "        [-0.8196, -0.4019,  0.4082]])"),
    (lambda torch: torch.linalg.svd(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))[1], "tensor([9.5255, 0.5143])"),
    (lambda torch: torch.linalg.svd(torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))[2],
     "tensor([[-0.6196, -0.7849],\n        [-0.7849,  0.6196]])"),
]


@pytest.mark.parametrize("expression, printed", SEED_PRINTS)
def test_seed_matrix_section_prints_what_the_tutorial_shows(expression, printed):
    # the tutorial's outputs, character for character (its eig output with jitgrad's module name)
    assert str(expression(jg)) == printed


def test_seed_svd_rebuilds_the_matrix():
    a = jg.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    u, s, v = jg.linalg.svd(a)
    padded = jg.zeros(3, 2)
    padded[:2] = jg.diag(s)          # the tutorial's F.pad(torch.diag(s), (0, 0, 0, 1))
    np.testing.assert_allclose((u @ padded @ v.t()).numpy(), a.numpy(), rtol=1e-6, atol=1e-6)


# ------------------------------------------------------------------ semantics
def test_singular_inverse_raises_torchs_linalg_error():
    with pytest.raises(L.LinAlgError) as info:
        jg.inverse(jg.tensor([[1.0, 2.0], [2.0, 4.0]]))
    assert isinstance(info.value, RuntimeError)   # as torch.linalg.LinAlgError
    assert "The diagonal element 2 is zero" in str(info.value)


def test_diagonal_is_a_writable_view_and_diag_a_copy():
    x = jg.zeros(3, 3)
    d = x.diagonal()
    d += 1
    assert x.tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    c = jg.diag(x)
    c += 1
    assert x.tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 1]] and c.tolist() == [2, 2, 2]


@pytest.mark.parametrize("shape", [(4, 4), (3, 5, 5), (1, 1)])
def test_eig_solves_the_eigenproblem_with_normalised_vectors(shape):
    a = U(*shape)
    w, v = L.eig(jg.tensor(a))
    assert w.dtype is jg.complex128 and v.dtype is jg.complex128
    w, v = w.numpy(), v.numpy()
    np.testing.assert_allclose(a @ v, v * w[..., None, :], atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(v, axis=-2), 1, rtol=1e-12)
    # the largest component of each eigenvector is real and positive (LAPACK leaves its sign open)
    lead = np.take_along_axis(v, np.argmax(v.real ** 2 + v.imag ** 2, axis=-2)[..., None, :], axis=-2)
    assert (lead.real > 0).all() and (lead.imag == 0).all()
    # a real matrix's complex eigenpairs come in conjugate pairs
    np.testing.assert_array_equal(np.sort_complex(w.reshape(-1)), np.sort_complex(w.reshape(-1).conj()))


def test_eig_values_match_torch_up_to_the_eigenvector_sign():
    w, v = L.eig(jg.tensor([[1.0, 2], [-5, 4]]))
    assert w.dtype is jg.complex64
    # torch (its LAPACK, MKL here) gives +-v: both are the unit eigenvectors with a real largest entry
    np.testing.assert_allclose(w.numpy(), [2.5 + 2.7838821j, 2.5 - 2.7838821j], rtol=1e-6)
    np.testing.assert_allclose(np.abs(v.numpy()), np.abs([[-0.25354624 + 0.47056198j, -0.25354624 - 0.47056198j],
                                                          [-0.84515423 + 0.0j, -0.84515423 - 0.0j]]), rtol=1e-6)
    np.testing.assert_allclose(L.eigvals(jg.tensor([[1.0, 2], [-5, 4]])).numpy(), w.numpy(), rtol=1e-6)


def test_eig_of_an_empty_matrix():
    w, v = L.eig(jg.ones(0, 0))
    assert (w.dtype, tuple(w.shape), v.dtype, tuple(v.shape)) == (jg.complex64, (0,), jg.complex64, (0, 0))


def test_eig_is_forward_only():
    # its gradient needs complex autograd, which jitgrad does not have: the results are constants
    w, v = L.eig(jg.eye(2, requires_grad=True))
    assert not w.requires_grad and not v.requires_grad


def test_eig_needs_a_floating_input():
    with pytest.raises(RuntimeError, match="linalg.eig: Expected a floating point or complex tensor as input. Got Long"):
        L.eig(jg.tensor([[1, 2], [3, 4]]))


def test_complex_inputs_compute_forward_only():
    a = np.array([[2 + 1j, 1], [0.5j, 3]])
    np.testing.assert_allclose(jg.inverse(jg.tensor(a)).numpy(), np.linalg.inv(a))
    np.testing.assert_allclose(jg.det(jg.tensor(a)).numpy(), np.linalg.det(a))
    np.testing.assert_allclose(L.vector_norm(jg.tensor(a)).item(), np.linalg.norm(a))
    with pytest.raises(RuntimeError, match="does not differentiate complex tensors"):
        jg.tensor(a, requires_grad=True)
    with pytest.raises(RuntimeError, match="linalg.svd: jitgrad computes it for real"):
        L.svd(jg.tensor(a))


def test_vector_norm_of_order_zero_has_a_zero_gradient():
    # a count of nonzeros: torch returns no gradient (x.grad stays None); jitgrad a zero one
    x = jg.tensor([1.0, 0.0, -2.0], requires_grad=True)
    L.vector_norm(x, 0).backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0]


def test_det_of_singular_matrices_has_the_cofactor_gradient_and_second_derivative():
    # torch gives the cofactor matrix under create_graph=True (its plain backward returns zeros for
    # an exactly singular input, a by-product of its LU solve); jitgrad gives it always
    for create_graph in (False, True):
        a = jg.tensor(SINGULAR3, requires_grad=True)
        (g,) = jg.autograd.grad(jg.det(a), a, create_graph=create_graph)
        np.testing.assert_allclose(g.detach().numpy(), [[4, 4, -4], [-2, -2, 2], [0, 0, 0]], atol=1e-12)
    (h,) = jg.autograd.grad(g.sum(), a)      # torch: the same, to rounding
    np.testing.assert_allclose(h.numpy(), [[-1, 4, -3], [0, -2, 2], [1, -2, 1]], atol=1e-12)


def test_svd_gradient_with_only_singular_values_used_survives_repeated_values():
    # S of the identity repeats: the U/V terms of the backward would divide 0 by 0 (torch skips
    # them when U and V get no gradient)
    a = jg.eye(3, dtype=jg.float64, requires_grad=True)
    L.svd(a).S.sum().backward()
    assert a.grad.tolist() == np.eye(3).tolist()


@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (2, 4, 4), (0, 3), (2, 0, 3), (1, 1)])
@pytest.mark.parametrize("full_matrices", [True, False])
def test_svd_reconstructs_its_input(shape, full_matrices):
    a = U(*shape)
    u, s, vh = L.svd(jg.tensor(a).mT.mT, full_matrices=full_matrices)   # through a strided view
    k = min(shape[-2:])
    rebuilt = (u.numpy()[..., :, :k] * s.numpy()[..., None, :]) @ vh.numpy()[..., :k, :]
    np.testing.assert_allclose(rebuilt, a, atol=1e-12)
    m, n = shape[-2:]
    assert tuple(u.shape[-2:]) == ((m, m) if full_matrices else (m, k))
    assert tuple(vh.shape[-2:]) == ((n, n) if full_matrices else (k, n))


@pytest.mark.parametrize("dims, a_shape, b_shape", [
    (0, (2, 3), (2,)), (1, (2, 3), (3, 4)), (2, (2, 3, 4), (3, 4, 2)), (([0], [1]), (3, 2), (2, 3)),
    (([2, 0], [0, 2]), (3, 2, 4), (4, 2, 3)), (([-1], [0]), (2, 3), (3,)), (3, (2, 2, 2), (2, 2, 2))])
def test_tensordot_matches_numpy(dims, a_shape, b_shape):
    a, b = U(*a_shape), U(*b_shape)
    axes = dims if isinstance(dims, int) else tuple(dims)
    np.testing.assert_allclose(jg.tensordot(jg.tensor(a), jg.tensor(b), dims=dims).numpy(),
                               np.tensordot(a, b, axes=axes), atol=1e-12)


def test_matmul_stays_a_blas_call_when_compiled():
    f = jg.compile(lambda a, b: jg.tanh(a @ b) * 2)
    a, b = jg.randn(4, 3), jg.randn(3, 5)
    np.testing.assert_allclose(f(a, b).numpy(), (jg.tanh(a @ b) * 2).numpy(), rtol=1e-6)
    schedule = f.explain(a, b).schedules["forward"]
    assert "matmul_forward(" in schedule and schedule.count("kernel_") >= 1


# ------------------------------------------------------------------ recorded from torch
TORCH_VALUES = [
    pytest.param(lambda lib: lib.tensor([[1,2],[3,4]]) @ lib.tensor([[2,0],[0,2]]),
                 {"dtype": "int64", "values": [[2, 4], [6, 8]]}, id='seed_matmul'),
    pytest.param(lambda lib: lib.matmul(lib.tensor([[1,2],[3,4]]), lib.tensor([[2,0],[0,2]])),
                 {"dtype": "int64", "values": [[2, 4], [6, 8]]}, id='seed_matmul_fn'),
    pytest.param(lambda lib: lib.mm(lib.tensor([[1,2],[3,4]]), lib.tensor([[2,0],[0,2]])),
                 {"dtype": "int64", "values": [[2, 4], [6, 8]]}, id='seed_mm'),
    pytest.param(lambda lib: list((lib.randn(5,5,6) @ lib.randn(5,6,4)).shape),
                 [5, 5, 4], id='seed_batched_shape'),
    pytest.param(lambda lib: lib.tensor([[1.0,2],[3,4]]).t(),
                 {"dtype": "float32", "values": [[1.0, 3.0], [2.0, 4.0]]}, id='seed_t'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[1.0,2],[3,4]])),
                 {"dtype": "float32", "values": [[-2.000000238418579, 1.0000001192092896], [1.5000001192092896, -0.5000000596046448]]}, id='seed_inverse'),
    pytest.param(lambda lib: lib.trace(lib.tensor([[1.0,2],[3,4]])),
                 {"dtype": "float32", "values": 5.0}, id='seed_trace'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.0,2],[3,4]])),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='seed_norm'),
    pytest.param(lambda lib: lib.det(lib.tensor([[1.0,2],[3,4]])),
                 {"dtype": "float32", "values": -2.0}, id='seed_det'),
    pytest.param(lambda lib: lib.diag(lib.tensor([1,2,3])),
                 {"dtype": "int64", "values": [[1, 0, 0], [0, 2, 0], [0, 0, 3]]}, id='seed_diag'),
    pytest.param(lambda lib: lib.ones(2,2,dtype=lib.int32) @ lib.ones(2,2,dtype=lib.int32),
                 {"dtype": "int32", "values": [[2, 2], [2, 2]]}, id='matmul_int32'),
    pytest.param(lambda lib: lib.tensor([1.,2,3]) @ lib.tensor([4.,5,6]),
                 {"dtype": "float32", "values": 32.0}, id='matmul_vec_vec'),
    pytest.param(lambda lib: lib.tensor([1.,2]) @ lib.tensor([[1.,2,3],[4,5,6]]),
                 {"dtype": "float32", "values": [9.0, 12.0, 15.0]}, id='matmul_vec_mat'),
    pytest.param(lambda lib: list((lib.ones(0,2,3) @ lib.ones(3,4)).shape),
                 [0, 2, 4], id='matmul_empty_batch'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2,3).t() @ lib.arange(4.).reshape(2,2),
                 {"dtype": "float32", "values": [[6.0, 9.0], [8.0, 13.0], [10.0, 17.0]]}, id='matmul_transposed'),
    pytest.param(lambda lib: lib.bmm(lib.arange(8.).reshape(2,2,2), lib.arange(8.).reshape(2,2,2).mT),
                 {"dtype": "float32", "values": [[[1.0, 3.0], [3.0, 13.0]], [[41.0, 59.0], [59.0, 85.0]]]}, id='bmm'),
    pytest.param(lambda lib: lib.bmm(lib.ones(1,2,2,dtype=lib.long), lib.ones(1,2,2,dtype=lib.long)),
                 {"dtype": "int64", "values": [[[2, 2], [2, 2]]]}, id='bmm_long'),
    pytest.param(lambda lib: lib.mv(lib.tensor([[1.,2],[3,4]]), lib.tensor([1.,-1])),
                 {"dtype": "float32", "values": [-1.0, -1.0]}, id='mv'),
    pytest.param(lambda lib: lib.tensor([[1.,2],[3,4]]).mv(lib.tensor([1.,-1])),
                 {"dtype": "float32", "values": [-1.0, -1.0]}, id='mv_method'),
    pytest.param(lambda lib: lib.dot(lib.tensor([1.,2,3]), lib.tensor([4.,5,6])),
                 {"dtype": "float32", "values": 32.0}, id='dot'),
    pytest.param(lambda lib: lib.dot(lib.tensor([1,2]), lib.tensor([3,4])),
                 {"dtype": "int64", "values": 11}, id='dot_int'),
    pytest.param(lambda lib: lib.tensor([1.,2]).dot(lib.tensor([3.,4])),
                 {"dtype": "float32", "values": 11.0}, id='dot_method'),
    pytest.param(lambda lib: lib.outer(lib.tensor([1.,2]), lib.tensor([1.,0,-1])),
                 {"dtype": "float32", "values": [[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]]}, id='outer'),
    pytest.param(lambda lib: lib.outer(lib.tensor([1,2]), lib.tensor([0.5,2.0])),
                 {"dtype": "float32", "values": [[0.5, 2.0], [1.0, 4.0]]}, id='outer_promotes'),
    pytest.param(lambda lib: lib.outer(lib.tensor([True,False]), lib.tensor([True,True])),
                 {"dtype": "bool", "values": [[True, True], [False, False]]}, id='outer_bool'),
    pytest.param(lambda lib: lib.ger(lib.tensor([1.,2]), lib.tensor([3.,4])),
                 {"dtype": "float32", "values": [[3.0, 4.0], [6.0, 8.0]]}, id='ger'),
    pytest.param(lambda lib: lib.tensor([1.,2]).outer(lib.tensor([3.,4])),
                 {"dtype": "float32", "values": [[3.0, 4.0], [6.0, 8.0]]}, id='outer_method'),
    pytest.param(lambda lib: lib.tensordot(lib.arange(24.).reshape(2,3,4), lib.arange(12.).reshape(3,4), dims=2),
                 {"dtype": "float32", "values": [506.0, 1298.0]}, id='tensordot_2'),
    pytest.param(lambda lib: lib.tensordot(lib.arange(24.).reshape(2,3,4), lib.arange(24.).reshape(4,3,2), dims=([1,2],[1,0])),
                 {"dtype": "float32", "values": [[880.0, 946.0], [2464.0, 2674.0]]}, id='tensordot_lists'),
    pytest.param(lambda lib: lib.tensordot(lib.tensor([1.,2]), lib.tensor([3.,4,5]), dims=0),
                 {"dtype": "float32", "values": [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]]}, id='tensordot_0'),
    pytest.param(lambda lib: lib.tensordot(lib.arange(6.).reshape(2,3), lib.arange(12.).reshape(3,4), dims=([-1],[-2])),
                 {"dtype": "float32", "values": [[20.0, 23.0, 26.0, 29.0], [56.0, 68.0, 80.0, 92.0]]}, id='tensordot_neg_dims'),
    pytest.param(lambda lib: lib.tensordot(lib.arange(6.).reshape(2,3), lib.arange(12.).reshape(3,4), dims=lib.tensor(1)),
                 {"dtype": "float32", "values": [[20.0, 23.0, 26.0, 29.0], [56.0, 68.0, 80.0, 92.0]]}, id='tensordot_tensor_dims'),
    pytest.param(lambda lib: lib.tensordot(lib.arange(6.).reshape(2,3), lib.arange(6.).reshape(2,3), dims=2),
                 {"dtype": "float32", "values": 55.0}, id='tensordot_all'),
    pytest.param(lambda lib: lib.tensordot(lib.arange(6.).reshape(2,3), lib.arange(4.).reshape(1,4), dims=([1],[0])),
                 {"dtype": "float32", "values": [[0.0, 3.0, 6.0, 9.0], [0.0, 12.0, 24.0, 36.0]]}, id='tensordot_size1'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3,dtype=lib.long), lib.ones(3,4,dtype=lib.long), dims=1),
                 {"dtype": "int64", "values": [[3, 3, 3, 3], [3, 3, 3, 3]]}, id='tensordot_long'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[4.,7],[2,6]], dtype=lib.float64)),
                 {"dtype": "float64", "values": [[0.6000000000000001, -0.7000000000000001], [-0.2, 0.4]]}, id='inverse_f64'),
    pytest.param(lambda lib: lib.linalg.inv(lib.tensor([[[2.,0],[0,4]],[[1.,1],[0,1]]])),
                 {"dtype": "float32", "values": [[[0.5, 0.0], [0.0, 0.25]], [[1.0, -1.0], [0.0, 1.0]]]}, id='inverse_batch'),
    pytest.param(lambda lib: lib.tensor([[2.,0],[0,4]]).inverse(),
                 {"dtype": "float32", "values": [[0.5, 0.0], [0.0, 0.25]]}, id='inverse_method'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[4.]])),
                 {"dtype": "float32", "values": [[0.25]]}, id='inverse_1x1'),
    pytest.param(lambda lib: list(lib.inverse(lib.ones(0,0)).shape),
                 [0, 0], id='inverse_empty'),
    pytest.param(lambda lib: list(lib.inverse(lib.ones(0,2,2)).shape),
                 [0, 2, 2], id='inverse_empty_batch'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[1.,2],[3,4]]).t()),
                 {"dtype": "float32", "values": [[-2.0, 1.5], [1.0, -0.5]]}, id='inverse_transposed'),
    pytest.param(lambda lib: lib.det(lib.tensor([[[2.,0],[0,4]],[[1.,2],[3,4]]])),
                 {"dtype": "float32", "values": [8.0, -2.0]}, id='det_batch'),
    pytest.param(lambda lib: lib.linalg.det(lib.tensor([[4.,7],[2,6]], dtype=lib.float64)),
                 {"dtype": "float64", "values": 9.999999999999998}, id='det_linalg'),
    pytest.param(lambda lib: lib.tensor([[4.,7],[2,6]]).det(),
                 {"dtype": "float32", "values": 10.000001907348633}, id='det_method'),
    pytest.param(lambda lib: lib.det(lib.tensor([[-3.]])),
                 {"dtype": "float32", "values": -3.0}, id='det_1x1'),
    pytest.param(lambda lib: lib.det(lib.ones(0,0)),
                 {"dtype": "float32", "values": 1.0}, id='det_empty'),
    pytest.param(lambda lib: lib.det(lib.ones(0,2,2)),
                 {"dtype": "float32", "values": []}, id='det_empty_batch'),
    pytest.param(lambda lib: lib.det(lib.tensor([[1.,2],[2,4]])).abs(),
                 {"dtype": "float32", "values": 0.0}, id='det_singular_abs'),
    pytest.param(lambda lib: lib.trace(lib.arange(6.).reshape(2,3)),
                 {"dtype": "float32", "values": 4.0}, id='trace_rect'),
    pytest.param(lambda lib: lib.trace(lib.tensor([[1,2],[3,4]])),
                 {"dtype": "int64", "values": 5}, id='trace_long'),
    pytest.param(lambda lib: lib.trace(lib.tensor([[1,2],[3,4]], dtype=lib.int32)),
                 {"dtype": "int64", "values": 5}, id='trace_int32'),
    pytest.param(lambda lib: lib.arange(9.).reshape(3,3).trace(),
                 {"dtype": "float32", "values": 12.0}, id='trace_method'),
    pytest.param(lambda lib: lib.trace(lib.ones(0,3)),
                 {"dtype": "float32", "values": 0.0}, id='trace_empty'),
    pytest.param(lambda lib: lib.diag(lib.tensor([1.,2]), 1),
                 {"dtype": "float32", "values": [[0.0, 1.0, 0.0], [0.0, 0.0, 2.0], [0.0, 0.0, 0.0]]}, id='diag_offset'),
    pytest.param(lambda lib: lib.diag(lib.tensor([1.,2]), diagonal=-2),
                 {"dtype": "float32", "values": [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0]]}, id='diag_negative_offset'),
    pytest.param(lambda lib: lib.diag(lib.arange(12.).reshape(3,4)),
                 {"dtype": "float32", "values": [0.0, 5.0, 10.0]}, id='diag_of_matrix'),
    pytest.param(lambda lib: lib.diag(lib.arange(12.).reshape(3,4), 1),
                 {"dtype": "float32", "values": [1.0, 6.0, 11.0]}, id='diag_of_matrix_offset'),
    pytest.param(lambda lib: lib.diag(lib.arange(12.).reshape(3,4), -2),
                 {"dtype": "float32", "values": [8.0]}, id='diag_of_matrix_below'),
    pytest.param(lambda lib: lib.diag(lib.arange(12.).reshape(3,4), 5),
                 {"dtype": "float32", "values": []}, id='diag_of_matrix_past_end'),
    pytest.param(lambda lib: lib.diag(lib.ones(0)),
                 {"dtype": "float32", "values": []}, id='diag_empty'),
    pytest.param(lambda lib: lib.tensor([1,2]).diag(),
                 {"dtype": "int64", "values": [[1, 0], [0, 2]]}, id='diag_method'),
    pytest.param(lambda lib: lib.diagonal(lib.arange(9.).reshape(3,3)),
                 {"dtype": "float32", "values": [0.0, 4.0, 8.0]}, id='diagonal'),
    pytest.param(lambda lib: lib.diagonal(lib.arange(24.).reshape(2,3,4), 1, 1, 2),
                 {"dtype": "float32", "values": [[1.0, 6.0, 11.0], [13.0, 18.0, 23.0]]}, id='diagonal_dims'),
    pytest.param(lambda lib: lib.diagonal(lib.arange(24.).reshape(2,3,4), offset=-1, dim1=0, dim2=2),
                 {"dtype": "float32", "values": [[12.0], [16.0], [20.0]]}, id='diagonal_kwargs'),
    pytest.param(lambda lib: lib.diagonal(lib.arange(12.).reshape(3,4), 1, 1, 0),
                 {"dtype": "float32", "values": [4.0, 9.0]}, id='diagonal_swapped_dims'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2,3,4).diagonal(0, -2, -1),
                 {"dtype": "float32", "values": [[0.0, 5.0, 10.0], [12.0, 17.0, 22.0]]}, id='diagonal_method'),
    pytest.param(lambda lib: lib.linalg.diagonal(lib.arange(24.).reshape(2,3,4), offset=1),
                 {"dtype": "float32", "values": [[1.0, 6.0, 11.0], [13.0, 18.0, 23.0]]}, id='linalg_diagonal'),
    pytest.param(lambda lib: lib.diag_embed(lib.tensor([[1.,2],[3,4]])),
                 {"dtype": "float32", "values": [[[1.0, 0.0], [0.0, 2.0]], [[3.0, 0.0], [0.0, 4.0]]]}, id='diag_embed'),
    pytest.param(lambda lib: lib.diag_embed(lib.tensor([[1.,2],[3,4]]), 1, 0, 2),
                 {"dtype": "float32", "values": [[[0.0, 1.0, 0.0], [0.0, 3.0, 0.0]], [[0.0, 0.0, 2.0], [0.0, 0.0, 4.0]], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]]}, id='diag_embed_offset_dims'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), 1),
                 {"dtype": "float32", "values": 10.0}, id='norm_p1'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,0],[3,0]]), 0),
                 {"dtype": "float32", "values": 2.0}, id='norm_p0'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3.,-4,0]), 3),
                 {"dtype": "float32", "values": 4.497941493988037}, id='norm_p3'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3.,-4,0]), 0.5),
                 {"dtype": "float32", "values": 13.928203582763672}, id='norm_half'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3.,-4,1]), -1),
                 {"dtype": "float32", "values": 0.6315789222717285}, id='norm_negative'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3.,-4,0]), -1),
                 {"dtype": "float32", "values": 0.0}, id='norm_negative_zero_entry'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3.,-4,0]), INF),
                 {"dtype": "float32", "values": 4.0}, id='norm_inf'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3.,-4,1]), -INF),
                 {"dtype": "float32", "values": 1.0}, id='norm_neg_inf'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), 'fro'),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='norm_fro'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), 'nuc'),
                 {"dtype": "float32", "values": 7.071067810058594}, id='norm_nuc'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), dim=1),
                 {"dtype": "float32", "values": [2.2360680103302, 5.0]}, id='norm_dim'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), 2, 0, True),
                 {"dtype": "float32", "values": [[3.1622776985168457, 4.4721360206604]]}, id='norm_dim_keepdim'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,3,4), 3, dim=(1,2)),
                 {"dtype": "float32", "values": [2.289428472518921, 2.289428472518921]}, id='norm_two_dims_is_vector_norm'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), 'fro', dim=1),
                 {"dtype": "float32", "values": [2.2360680103302, 5.0]}, id='norm_fro_dim'),
    pytest.param(lambda lib: lib.norm(lib.tensor([[1.,-2],[3,4]]), 'nuc', dim=(0,1), keepdim=True),
                 {"dtype": "float32", "values": [[7.071067810058594]]}, id='norm_nuc_keepdim'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2,2)),
                 {"dtype": "float32", "values": 2.8284270763397217}, id='norm_3d_fro'),
    pytest.param(lambda lib: lib.norm(lib.tensor([1.,2]), dtype=lib.float64),
                 {"dtype": "float64", "values": 2.23606797749979}, id='norm_dtype'),
    pytest.param(lambda lib: lib.tensor([[1.,-2],[3,4]]).norm(),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='norm_method'),
    pytest.param(lambda lib: lib.tensor([[1.,-2],[3,4]]).norm(p=1, dim=0),
                 {"dtype": "float32", "values": [4.0, 6.0]}, id='norm_method_p_dim'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2), p=None),
                 {"dtype": "float32", "values": 2.0}, id='norm_p_none'),
    pytest.param(lambda lib: lib.norm(lib.tensor(-3.)),
                 {"dtype": "float32", "values": 3.0}, id='norm_0d'),
    pytest.param(lambda lib: lib.norm(lib.ones(0)),
                 {"dtype": "float32", "values": 0.0}, id='norm_empty'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([[1.,-2],[3,4]])),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='vector_norm'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([[1.,-2],[3,4]]), ord=1, dim=-1),
                 {"dtype": "float32", "values": [3.0, 7.0]}, id='vector_norm_ord_dim'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(2,3,4), 2, dim=(0,2), keepdim=True),
                 {"dtype": "float32", "values": [[[2.8284270763397217], [2.8284270763397217], [2.8284270763397217]]]}, id='vector_norm_dims_keepdim'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(2,3), dim=()),
                 {"dtype": "float32", "values": 2.4494898319244385}, id='vector_norm_empty_dims'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor(-3.), dim=-1, keepdim=True),
                 {"dtype": "float32", "values": 3.0}, id='vector_norm_0d_dim'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([1.,2]), dtype=lib.float64),
                 {"dtype": "float64", "values": 2.23606797749979}, id='vector_norm_float64_dtype'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([3+4j, 0j])),
                 {"dtype": "float32", "values": 5.0}, id='vector_norm_complex'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(0,3), INF, dim=1),
                 {"dtype": "float32", "values": []}, id='vector_norm_inf_empty_other_dim'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(0,3), 2, dim=0),
                 {"dtype": "float32", "values": [0.0, 0.0, 0.0]}, id='vector_norm_2_empty_dim'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([1e30, 1e30])),
                 {"dtype": "float32", "values": INF}, id='vector_norm_overflow'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([INF, 1.])),
                 {"dtype": "float32", "values": INF}, id='vector_norm_inf_value'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]])),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='matrix_norm_fro'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), 'nuc'),
                 {"dtype": "float32", "values": 7.071067810058594}, id='matrix_norm_nuc'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), 1),
                 {"dtype": "float32", "values": 6.0}, id='matrix_norm_1'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), -1),
                 {"dtype": "float32", "values": 4.0}, id='matrix_norm_neg1'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), INF),
                 {"dtype": "float32", "values": 7.0}, id='matrix_norm_inf'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), -INF),
                 {"dtype": "float32", "values": 3.0}, id='matrix_norm_neg_inf'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), 2),
                 {"dtype": "float32", "values": 5.116672515869141}, id='matrix_norm_2'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.tensor([[1.,-2],[3,4]]), -2),
                 {"dtype": "float32", "values": 1.9543951749801636}, id='matrix_norm_neg2'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.arange(12.).reshape(2,2,3), 1, keepdim=True),
                 {"dtype": "float32", "values": [[[7.0]], [[19.0]]]}, id='matrix_norm_batch_keepdim'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.arange(12.).reshape(2,2,3), 1, dim=(0,2)),
                 {"dtype": "float32", "values": [10.0, 16.0]}, id='matrix_norm_dims'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.arange(6.).reshape(2,3), 1, dim=(-1,-2)),
                 {"dtype": "float32", "values": 12.0}, id='matrix_norm_reversed_dims'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.arange(12.).reshape(2,2,3), 2, dim=(0,2), keepdim=True),
                 {"dtype": "float32", "values": [[[12.35250473022461], [18.745269775390625]]]}, id='matrix_norm_2_dims_keepdim'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.arange(12.).reshape(2,2,3), 'nuc', keepdim=True),
                 {"dtype": "float32", "values": [[[8.348468780517578]], [[21.580015182495117]]]}, id='matrix_norm_nuc_keepdim'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.arange(12.).reshape(2,2,3), INF, dim=(2,0), keepdim=True),
                 {"dtype": "float32", "values": [[[10.0], [16.0]]]}, id='matrix_norm_inf_keepdim_dims'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,0), 1),
                 {"dtype": "float32", "values": 0.0}, id='matrix_norm_empty'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,0), 2),
                 {"dtype": "float32", "values": 0.0}, id='matrix_norm_empty_2'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3), dtype=lib.float64),
                 {"dtype": "float64", "values": 3.0}, id='matrix_norm_dtype'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1.,-2],[3,4]])),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='linalg_norm_default'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1.,-2],[3,4]]), ord=1),
                 {"dtype": "float32", "values": 6.0}, id='linalg_norm_matrix_ord'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1.,-2],[3,4]]), ord=2),
                 {"dtype": "float32", "values": 5.116672515869141}, id='linalg_norm_matrix_ord_2'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([1.,-2,3]), ord=INF),
                 {"dtype": "float32", "values": 3.0}, id='linalg_norm_vector_ord'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1.,-2],[3,4]]), ord=INF, dim=1),
                 {"dtype": "float32", "values": [2.0, 4.0]}, id='linalg_norm_dim'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1.,-2],[3,4]]), dim=(0,1)),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='linalg_norm_dims'),
    pytest.param(lambda lib: lib.linalg.norm(lib.arange(8.).reshape(2,2,2), ord='nuc', dim=(1,2)),
                 {"dtype": "float32", "values": [4.242640495300293, 11.401754379272461]}, id='linalg_norm_dims_ord'),
    pytest.param(lambda lib: lib.linalg.norm(lib.ones(2,2,2)),
                 {"dtype": "float32", "values": 2.8284270763397217}, id='linalg_norm_3d'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1.,-2],[3,4]]), 'fro'),
                 {"dtype": "float32", "values": 5.4772257804870605}, id='linalg_norm_fro'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor(-2.)),
                 {"dtype": "float32", "values": 2.0}, id='linalg_norm_0d'),
    pytest.param(lambda lib: tuple(lib.linalg.svd(lib.tensor([[3.0,0.0,0.0],[0.0,-2.0,0.0]]))),
                 [{"dtype": "float32", "values": [[1.0, 0.0], [0.0, 1.0]]}, {"dtype": "float32", "values": [3.0, 2.0]}, {"dtype": "float32", "values": [[1.0, 0.0, 0.0], [-0.0, -1.0, 0.0], [0.0, 0.0, 1.0]]}], id='svd_wide'),
    pytest.param(lambda lib: [list(t.shape) for t in lib.linalg.svd(lib.ones(2,4,3))],
                 [[2, 4, 4], [2, 3], [2, 3, 3]], id='svd_shapes_full'),
    pytest.param(lambda lib: [list(t.shape) for t in lib.linalg.svd(lib.ones(2,4,3), full_matrices=False)],
                 [[2, 4, 3], [2, 3], [2, 3, 3]], id='svd_shapes_reduced'),
    pytest.param(lambda lib: tuple(lib.linalg.svd(lib.ones(0,3))),
                 [{"dtype": "float32", "values": []}, {"dtype": "float32", "values": []}, {"dtype": "float32", "values": [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]}], id='svd_empty'),
    pytest.param(lambda lib: [list(t.shape) for t in lib.linalg.svd(lib.ones(0,3), full_matrices=False)],
                 [[0, 0], [0], [0, 3]], id='svd_empty_reduced_shapes'),
    pytest.param(lambda lib: [list(t.shape) for t in lib.linalg.svd(lib.ones(0,3,2))],
                 [[0, 3, 3], [0, 2], [0, 2, 2]], id='svd_empty_batch_shapes'),
    pytest.param(lambda lib: lib.linalg.svdvals(lib.tensor([[3.0,0.0],[0.0,-4.0],[0,0]])),
                 {"dtype": "float32", "values": [4.0, 3.0]}, id='svdvals'),
    pytest.param(lambda lib: lib.linalg.svdvals(lib.tensor([[[3.0,0.0],[0.0,-4.0]],[[1.,1],[0,1]]], dtype=lib.float64)),
                 # (no zero singular value: LAPACK gives 0 or ~1e-17 for one, by CPU kernel)
                 {"dtype": "float64", "values": [[4.0, 3.0], [1.618033988749895, 0.6180339887498948]]},
                 id='svdvals_batch'),
    pytest.param(lambda lib: [list(t.shape) for t in lib.svd(lib.ones(3,2), some=False)],
                 [[3, 3], [2], [2, 2]], id='torch_svd_some_false_shapes'),
    pytest.param(lambda lib: tuple(lib.svd(lib.tensor([[3.0,0.0],[0.0,-4.0],[0,0]]), compute_uv=False)),
                 [{"dtype": "float32", "values": [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}, {"dtype": "float32", "values": [4.0, 3.0]}, {"dtype": "float32", "values": [[0.0, 0.0], [0.0, 0.0]]}], id='torch_svd_no_uv'),
    pytest.param(lambda lib: tuple(lib.tensor([[3.0,0.0],[0.0,-4.0]]).svd()),
                 [{"dtype": "float32", "values": [[0.0, 1.0], [1.0, 0.0]]}, {"dtype": "float32", "values": [4.0, 3.0]}, {"dtype": "float32", "values": [[-0.0, 1.0], [-1.0, 0.0]]}], id='svd_method'),
    pytest.param(lambda lib: tuple(lib.linalg.svd(lib.tensor([[-2.]]))),
                 [{"dtype": "float32", "values": [[-1.0]]}, {"dtype": "float32", "values": [2.0]}, {"dtype": "float32", "values": [[1.0]]}], id='svd_1x1'),
    pytest.param(lambda lib: tuple(lib.linalg.eigh(lib.tensor([[2.,1],[1,3]]))),
                 [{"dtype": "float32", "values": [1.3819661140441895, 3.6180338859558105]}, {"dtype": "float32", "values": [[-0.8506508469581604, 0.5257311463356018], [0.5257311463356018, 0.8506508469581604]]}], id='eigh'),
    pytest.param(lambda lib: tuple(lib.linalg.eigh(lib.tensor([[2.,100],[1,3]]), UPLO='U')),
                 [{"dtype": "float32", "values": [-97.50125122070312, 102.50125122070312]}, {"dtype": "float32", "values": [[-0.7088723182678223, 0.7053368091583252], [0.7053368091583252, 0.7088723182678223]]}], id='eigh_upper'),
    pytest.param(lambda lib: lib.linalg.eigh(lib.tensor([[2.,100],[1,3]])).eigenvalues,
                 {"dtype": "float32", "values": [1.3819661140441895, 3.6180338859558105]}, id='eigh_lower'),
    pytest.param(lambda lib: lib.linalg.eigvalsh(lib.tensor([[2.,1],[1,3]], dtype=lib.float64)),
                 {"dtype": "float64", "values": [1.381966011250105, 3.618033988749895]}, id='eigvalsh'),
    pytest.param(lambda lib: lib.inverse(lib.eye(2).requires_grad_()).grad_fn.name(),
                 "LinalgInvExBackward0", id='name_inverse'),
    pytest.param(lambda lib: lib.det(lib.eye(2).requires_grad_()).grad_fn.name(),
                 "LinalgDetBackward0", id='name_det'),
    pytest.param(lambda lib: lib.trace(lib.eye(2).requires_grad_()).grad_fn.name(),
                 "TraceBackward0", id='name_trace'),
    pytest.param(lambda lib: lib.diag(lib.ones(2).requires_grad_()).grad_fn.name(),
                 "DiagEmbedBackward0", id='name_diag_vector'),
    pytest.param(lambda lib: lib.diag(lib.ones(2,2).requires_grad_()).grad_fn.name(),
                 "DiagonalBackward0_copy", id='name_diag_matrix'),
    pytest.param(lambda lib: lib.diagonal(lib.ones(2,2).requires_grad_()).grad_fn.name(),
                 "DiagonalBackward0", id='name_diagonal'),
    pytest.param(lambda lib: lib.diag_embed(lib.ones(2,2).requires_grad_()).grad_fn.name(),
                 "DiagEmbedBackward0", id='name_diag_embed'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2).requires_grad_()).grad_fn.name(),
                 "LinalgVectorNormBackward0", id='name_norm'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(2,2).requires_grad_(), 3, dim=0).grad_fn.name(),
                 "LinalgVectorNormBackward0", id='name_vector_norm'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(2,2).requires_grad_(), 1).grad_fn.name(),
                 "AmaxBackward0", id='name_matrix_norm_1'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(2,2).requires_grad_(), -INF).grad_fn.name(),
                 "AminBackward0", id='name_matrix_norm_neg_inf'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.eye(2).requires_grad_(), 2).grad_fn.name(),
                 "AmaxBackward0", id='name_matrix_norm_2'),
    pytest.param(lambda lib: lib.bmm(lib.ones(1,2,2).requires_grad_(), lib.ones(1,2,2)).grad_fn.name(),
                 "BmmBackward0", id='name_bmm'),
    pytest.param(lambda lib: lib.outer(lib.ones(2).requires_grad_(), lib.ones(2)).grad_fn.name(),
                 "MulBackward0", id='name_outer'),
    pytest.param(lambda lib: lib.dot(lib.ones(2).requires_grad_(), lib.ones(2)).grad_fn.name(),
                 "DotBackward0", id='name_dot'),
    pytest.param(lambda lib: lib.mv(lib.ones(2,2).requires_grad_(), lib.ones(2)).grad_fn.name(),
                 "MvBackward0", id='name_mv'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3).requires_grad_(), lib.ones(3,2), dims=1).grad_fn.name(),
                 "ViewBackward0", id='name_tensordot'),
    pytest.param(lambda lib: (lib.ones(2).requires_grad_() @ lib.ones(2,3)).grad_fn.name(),
                 "SqueezeBackward4", id='name_matmul_vector_matrix'),
    pytest.param(lambda lib: (lib.ones(2,2,3).requires_grad_() @ lib.ones(2,3,2)).grad_fn.name(),
                 "UnsafeViewBackward0", id='name_matmul_batched'),
    pytest.param(lambda lib: (lib.ones(2,2,3).requires_grad_() @ lib.ones(3,2)).grad_fn.name(),
                 "UnsafeViewBackward0", id='name_matmul_batched_matrix'),
    pytest.param(lambda lib: (lib.ones(2,3).requires_grad_() @ lib.ones(2,3,2)).grad_fn.name(),
                 "CloneBackward0", id='name_matmul_matrix_batched'),
    pytest.param(lambda lib: (lib.ones(2,3) @ lib.ones(2,3,2).requires_grad_()).grad_fn.name(),
                 "UnsafeViewBackward0", id='name_matmul_matrix_batched_no_grad_left'),
]

LAPACK_VALUES = [
    pytest.param(lambda lib: tuple(lib.linalg.svd(lib.tensor([[1.0,2.0],[3.0,4.0],[5.0,6.0]]))),
                 [{"dtype": "float32", "values": [[-0.22984787821769714, 0.8834614157676697, 0.4082474708557129], [-0.5247448086738586, 0.2407817840576172, -0.8164967894554138], [-0.8196420073509216, -0.4018956422805786, 0.4082486033439636]]}, {"dtype": "float32", "values": [9.525519371032715, 0.5143013596534729]}, {"dtype": "float32", "values": [[-0.6196293830871582, -0.7848945260047913], [-0.7848945260047913, 0.6196293830871582]]}], id='seed_svd'),
    pytest.param(lambda lib: (lambda r: r.U[:, :2] @ lib.diag(r.S) @ r.Vh)(lib.linalg.svd(lib.tensor([[1.0,2.0],[3.0,4.0],[5.0,6.0]]))),
                 {"dtype": "float32", "values": [[1.0000003576278687, 2.000002384185791], [3.0, 4.000000476837158], [5.000000476837158, 6.000001430511475]]}, id='seed_svd_rebuild'),
    pytest.param(lambda lib: tuple(lib.linalg.svd(lib.tensor([[1.0,2.0],[3.0,4.0],[5.0,6.0]]), full_matrices=False)),
                 [{"dtype": "float32", "values": [[-0.22984787821769714, 0.8834614157676697], [-0.5247448086738586, 0.2407817840576172], [-0.8196420073509216, -0.4018956422805786]]}, {"dtype": "float32", "values": [9.525519371032715, 0.5143013596534729]}, {"dtype": "float32", "values": [[-0.6196293830871582, -0.7848945260047913], [-0.7848945260047913, 0.6196293830871582]]}], id='svd_reduced'),
    pytest.param(lambda lib: tuple(lib.svd(lib.tensor([[1.0,2.0],[3.0,4.0],[5.0,6.0]]))),
                 [{"dtype": "float32", "values": [[-0.22984787821769714, 0.8834614157676697], [-0.5247448086738586, 0.2407817840576172], [-0.8196420073509216, -0.4018956422805786]]}, {"dtype": "float32", "values": [9.525519371032715, 0.5143013596534729]}, {"dtype": "float32", "values": [[-0.6196293830871582, -0.7848945260047913], [-0.7848945260047913, 0.6196293830871582]]}], id='torch_svd'),
]

TORCH_ERRORS = [
    pytest.param(lambda lib: lib.matmul(lib.tensor(1.), lib.ones(2)),
                 RuntimeError, 'both arguments to matmul need to be at least 1D, but they are 0D and 1D', id='matmul_0d'),
    pytest.param(lambda lib: lib.ones(2,3,4) @ lib.ones(5,2),
                 RuntimeError, 'mat1 and mat2 shapes cannot be multiplied (6x4 and 5x2)', id='matmul_folded_matrix'),
    pytest.param(lambda lib: lib.ones(2,3,4) @ lib.ones(5),
                 RuntimeError, 'size mismatch, got input (6), mat (6x4), vec (5)', id='matmul_folded_vector'),
    pytest.param(lambda lib: lib.ones(3,4) @ lib.ones(2,5,2),
                 RuntimeError, 'Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].', id='matmul_matrix_by_batch'),
    pytest.param(lambda lib: lib.ones(4) @ lib.ones(2,5,2),
                 RuntimeError, 'Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].', id='matmul_vector_by_batch'),
    pytest.param(lambda lib: lib.ones(2,2,3,4) @ lib.ones(2,2,5,2),
                 RuntimeError, 'Expected size for first two dimensions of batch2 tensor to be: [4, 4] but got: [4, 5].', id='matmul_batches'),
    pytest.param(lambda lib: lib.ones(2,2) @ lib.ones(2,2, dtype=lib.float64),
                 RuntimeError, 'expected m1 and m2 to have the same dtype, but got: float != double', id='matmul_dtypes'),
    pytest.param(lambda lib: lib.ones(2,2, dtype=lib.long) @ lib.ones(2,2),
                 RuntimeError, 'expected m1 and m2 to have the same dtype, but got: long int != float', id='matmul_int_float'),
    pytest.param(lambda lib: lib.ones(2,2, dtype=lib.int32) @ lib.ones(2,2),
                 RuntimeError, 'expected m1 and m2 to have the same dtype, but got: int != float', id='matmul_int32_float'),
    pytest.param(lambda lib: lib.ones(2,2, dtype=lib.bool) @ lib.ones(2,2, dtype=lib.bool),
                 NotImplementedError, '"addmm_impl_cpu_" not implemented for \'Bool\'', id='matmul_bool'),
    pytest.param(lambda lib: lib.ones(2,2, dtype=lib.bool) @ lib.ones(2, dtype=lib.bool),
                 NotImplementedError, '"addmv_impl_cpu" not implemented for \'Bool\'', id='matmul_bool_mv'),
    pytest.param(lambda lib: lib.ones(2,2,2, dtype=lib.bool) @ lib.ones(2,2,2, dtype=lib.bool),
                 NotImplementedError, '"bmm" not implemented for \'Bool\'', id='matmul_bool_batched'),
    pytest.param(lambda lib: lib.mm(lib.ones(2,2), lib.ones(2)),
                 RuntimeError, 'mat2 must be a matrix', id='mm_vector'),
    pytest.param(lambda lib: lib.mm(lib.ones(2,2,2), lib.ones(2,2)),
                 RuntimeError, 'self must be a matrix', id='mm_batch'),
    pytest.param(lambda lib: lib.mm(lib.ones(3,3), lib.ones(4,2)),
                 RuntimeError, 'mat1 and mat2 shapes cannot be multiplied (3x3 and 4x2)', id='mm_shapes'),
    pytest.param(lambda lib: lib.mm(lib.ones(3,3), lib.ones(3,3, dtype=lib.float64)),
                 RuntimeError, 'expected m1 and m2 to have the same dtype, but got: float != double', id='mm_dtypes'),
    pytest.param(lambda lib: lib.bmm(lib.ones(2,2), lib.ones(2,2)),
                 RuntimeError, 'batch1 must be a 3D tensor', id='bmm_2d'),
    pytest.param(lambda lib: lib.bmm(lib.ones(2,2,2), lib.ones(2,2)),
                 RuntimeError, 'batch2 must be a 3D tensor', id='bmm_2d_second'),
    pytest.param(lambda lib: lib.bmm(lib.ones(2,3,3), lib.ones(3,3,3)),
                 RuntimeError, 'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].', id='bmm_batch'),
    pytest.param(lambda lib: lib.bmm(lib.ones(2,3,3), lib.ones(2,4,3)),
                 RuntimeError, 'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].', id='bmm_inner'),
    pytest.param(lambda lib: lib.bmm(lib.ones(2,2,2), lib.ones(2,2,2, dtype=lib.float64)),
                 RuntimeError, 'expected scalar type Float but found Double', id='bmm_dtypes'),
    pytest.param(lambda lib: lib.bmm(lib.ones(2,2,2, dtype=lib.bool), lib.ones(2,2,2, dtype=lib.bool)),
                 NotImplementedError, '"bmm" not implemented for \'Bool\'', id='bmm_bool'),
    pytest.param(lambda lib: lib.mv(lib.ones(2), lib.ones(2)),
                 RuntimeError, 'vector + matrix @ vector expected, got 1, 1, 1', id='mv_vector'),
    pytest.param(lambda lib: lib.mv(lib.ones(2,2), lib.ones(2,2)),
                 RuntimeError, 'vector + matrix @ vector expected, got 1, 2, 2', id='mv_matrices'),
    pytest.param(lambda lib: lib.mv(lib.ones(3,3), lib.ones(4)),
                 RuntimeError, 'size mismatch, got input (3), mat (3x3), vec (4)', id='mv_sizes'),
    pytest.param(lambda lib: lib.mv(lib.ones(3,3), lib.ones(3, dtype=lib.float64)),
                 RuntimeError, 'addmv input tensors must have the same dtype, but got Double, Float, and Double', id='mv_dtypes'),
    pytest.param(lambda lib: lib.dot(lib.ones(2,2), lib.ones(2,2)),
                 RuntimeError, '1D tensors expected, but got 2D and 2D tensors', id='dot_2d'),
    pytest.param(lambda lib: lib.dot(lib.ones(2), lib.ones(2,2)),
                 RuntimeError, '1D tensors expected, but got 1D and 2D tensors', id='dot_1d_2d'),
    pytest.param(lambda lib: lib.dot(lib.ones(3), lib.ones(4)),
                 RuntimeError, 'inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively', id='dot_sizes'),
    pytest.param(lambda lib: lib.dot(lib.ones(3), lib.ones(3, dtype=lib.float64)),
                 RuntimeError, 'dot : expected both vectors to have same dtype, but found Float and Double', id='dot_dtypes'),
    pytest.param(lambda lib: lib.dot(lib.ones(2, dtype=lib.bool), lib.ones(2, dtype=lib.bool)),
                 NotImplementedError, '"dot" not implemented for \'Bool\'', id='dot_bool'),
    pytest.param(lambda lib: lib.outer(lib.ones(2,2), lib.ones(2)),
                 RuntimeError, 'outer: Expected 1-D argument self, but got 2-D', id='outer_2d'),
    pytest.param(lambda lib: lib.outer(lib.ones(2), lib.tensor(1.)),
                 RuntimeError, 'outer: Expected 1-D argument vec2, but got 0-D', id='outer_0d_second'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3), lib.ones(4,4), dims=1),
                 RuntimeError, 'contracted dimensions need to match, but first has size 3 in dim -1 and second has size 4 in dim 0', id='tensordot_sizes'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3), lib.ones(3,4), dims=3),
                 RuntimeError, 'tensordot expects dims < ndim_a or ndim_b, but got dims=3', id='tensordot_too_many'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3), lib.ones(3,4), dims=-1),
                 RuntimeError, 'tensordot expects dims >= 0, but got dims=-1', id='tensordot_negative'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3), lib.ones(3,4), dims=([1],[0,1])),
                 RuntimeError, 'both dimension lists should have same length', id='tensordot_lengths'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3), lib.ones(3,4, dtype=lib.float64), dims=1),
                 RuntimeError, 'both inputs should have same dtype', id='tensordot_dtypes'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(3,3), lib.ones(3,3), dims=([0,0],[0,1])),
                 RuntimeError, 'dim 0 appears multiple times in the list of dims', id='tensordot_repeated'),
    pytest.param(lambda lib: lib.tensordot(lib.ones(2,3), lib.ones(3,4), dims=(1,0)),
                 TypeError, "tensordot(): argument 'dims_self' (position 3) must be tuple of ints, not int", id='tensordot_int_pair'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[1,2],[3,4]])),
                 RuntimeError, 'linalg.inv: Expected a floating point or complex tensor as input. Got Long', id='inverse_long'),
    pytest.param(lambda lib: lib.linalg.inv(lib.tensor([[True]])),
                 RuntimeError, 'linalg.inv: Expected a floating point or complex tensor as input. Got Bool', id='inv_bool'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[1.,2],[2,4]])),
                 RuntimeError, 'linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.', id='inverse_singular'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[[1.,0],[0,1]],[[1.,2],[2,4]]])),
                 RuntimeError, 'linalg.inv: (Batch element 1): The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.', id='inverse_singular_batch'),
    pytest.param(lambda lib: lib.inverse(lib.tensor([[0.,0],[0,1]])),
                 RuntimeError, 'linalg.inv: The diagonal element 1 is zero, the inversion could not be completed because the input matrix is singular.', id='inverse_singular_first'),
    pytest.param(lambda lib: lib.inverse(lib.ones(2,3)),
                 RuntimeError, 'linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices', id='inverse_nonsquare'),
    pytest.param(lambda lib: lib.inverse(lib.ones(3)),
                 RuntimeError, 'linalg.inv: The input tensor A must have at least 2 dimensions.', id='inverse_1d'),
    pytest.param(lambda lib: lib.inverse(lib.ones(3, dtype=lib.long)),
                 RuntimeError, 'linalg.inv: The input tensor A must have at least 2 dimensions.', id='inverse_long_1d'),
    pytest.param(lambda lib: lib.det(lib.tensor([[1,2],[3,4]])),
                 RuntimeError, 'linalg.det: Expected a floating point or complex tensor as input. Got Long', id='det_long'),
    pytest.param(lambda lib: lib.linalg.det(lib.ones(2,3)),
                 RuntimeError, 'linalg.det: A must be batches of square matrices, but they are 2 by 3 matrices', id='det_nonsquare'),
    pytest.param(lambda lib: lib.det(lib.ones(3)),
                 RuntimeError, 'linalg.det: The input tensor A must have at least 2 dimensions.', id='det_1d'),
    pytest.param(lambda lib: lib.trace(lib.ones(2,2,2)),
                 RuntimeError, 'trace: expected a matrix, but got tensor with dim 3', id='trace_3d'),
    pytest.param(lambda lib: lib.trace(lib.ones(2)),
                 RuntimeError, 'trace: expected a matrix, but got tensor with dim 1', id='trace_1d'),
    pytest.param(lambda lib: lib.trace(lib.tensor([[True,False],[True,True]])),
                 NotImplementedError, '"trace" not implemented for \'Bool\'', id='trace_bool'),
    pytest.param(lambda lib: lib.diag(lib.ones(2,2,2)),
                 RuntimeError, 'diag(): Supports 1D or 2D tensors. Got 3D', id='diag_3d'),
    pytest.param(lambda lib: lib.diag(lib.tensor(2.)),
                 RuntimeError, 'diag(): Supports 1D or 2D tensors. Got 0D', id='diag_0d'),
    pytest.param(lambda lib: lib.diagonal(lib.ones(2,2), 0, 0, 0),
                 RuntimeError, 'diagonal dimensions cannot be identical 0, 0', id='diagonal_same_dims'),
    pytest.param(lambda lib: lib.diagonal(lib.ones(2)),
                 IndexError, 'Dimension out of range (expected to be in range of [-1, 0], but got 1)', id='diagonal_1d'),
    pytest.param(lambda lib: lib.diag_embed(lib.ones(2,2), 0, 1, 1),
                 RuntimeError, 'diagonal dimensions cannot be identical 1, 1', id='diag_embed_same_dims'),
    pytest.param(lambda lib: lib.norm(lib.tensor([3,4])),
                 RuntimeError, 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long', id='norm_long'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2, dtype=lib.long), p=1),
                 RuntimeError, 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long', id='norm_long_p'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2), 'abc'),
                 RuntimeError, 'linalg.matrix_norm: Order abc not supported.', id='norm_bad_string'),
    pytest.param(lambda lib: lib.norm(lib.ones(3), 'nuc'),
                 RuntimeError, 'linalg.matrix_norm: The input tensor A must have at least 2 dimensions.', id='norm_nuc_vector'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2), 'nuc', dim=1),
                 RuntimeError, 'linalg.matrix_norm: dim must be a 2-tuple. Got 1', id='norm_nuc_one_dim'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2,2), 'fro', dim=(0,1,2)),
                 RuntimeError, 'linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2', id='norm_fro_three_dims'),
    pytest.param(lambda lib: lib.norm(lib.ones(2,2,2), 'nuc'),
                 RuntimeError, 'linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2', id='norm_nuc_3d'),
    pytest.param(lambda lib: lib.norm(lib.ones(0), INF),
                 RuntimeError, 'linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity', id='norm_empty_inf'),
    pytest.param(lambda lib: lib.norm(lib.ones(0), -INF),
                 RuntimeError, 'linalg.vector_norm cannot compute the -inf norm on an empty tensor because the operation does not have an identity', id='norm_empty_neg_inf'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(0,3), INF, dim=0),
                 RuntimeError, 'linalg.vector_norm cannot compute the inf norm on the dimension 0because this dimension is empty and the operation does not have an identity', id='vector_norm_empty_dim'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([1,2])),
                 RuntimeError, 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long', id='vector_norm_long'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([True])),
                 RuntimeError, 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Bool', id='vector_norm_bool'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([1.,2]), dtype=lib.int64),
                 RuntimeError, 'linalg.vector_norm: dtype should be floating point or complex, but got Long', id='vector_norm_dtype_int'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.tensor([1.,2], dtype=lib.float64), dtype=lib.float32),
                 RuntimeError, 'linalg.vector_norm: the dtype of the input (Double) should be convertible without narrowing to the specified dtype (Float)', id='vector_norm_narrowing'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(2,3), dim=2),
                 IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)', id='vector_norm_dim_range'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(2,3), dim=(0,0)),
                 RuntimeError, 'dim 0 appears multiple times in the list of dims', id='vector_norm_repeated_dims'),
    pytest.param(lambda lib: lib.linalg.vector_norm(lib.ones(2,3), ord='fro'),
                 TypeError, "linalg_vector_norm(): argument 'ord' must be Number, not str", id='vector_norm_string_ord'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3)),
                 RuntimeError, 'linalg.matrix_norm: The input tensor A must have at least 2 dimensions.', id='matrix_norm_1d'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3, dtype=lib.long)),
                 RuntimeError, 'linalg.matrix_norm: Expected a floating point or complex tensor as input. Got Long', id='matrix_norm_long'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3), ord=3),
                 RuntimeError, 'linalg.matrix_norm: Order 3 not supported.', id='matrix_norm_ord_3'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3), ord='abc'),
                 RuntimeError, 'linalg.matrix_norm: Order abc not supported.', id='matrix_norm_ord_string'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3), dim=(0,-2)),
                 RuntimeError, 'linalg.matrix_norm: dims must be different. Got (0, 0)', id='matrix_norm_same_dims'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3), dim=(0,)),
                 RuntimeError, 'linalg.matrix_norm: dim must be a 2-tuple. Got 0', id='matrix_norm_one_dim'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3,3), dim=(0,1,2)),
                 RuntimeError, 'linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2', id='matrix_norm_three_dims'),
    pytest.param(lambda lib: lib.linalg.matrix_norm(lib.ones(3,3), dim=(0,2)),
                 IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)', id='matrix_norm_dim_range'),
    pytest.param(lambda lib: lib.linalg.norm(lib.ones(2,2,2), ord=2),
                 RuntimeError, 'linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.', id='linalg_norm_3d_ord'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor(-2.), ord=1),
                 RuntimeError, 'linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 0D.', id='linalg_norm_0d_ord'),
    pytest.param(lambda lib: lib.linalg.norm(lib.ones(2,2,2), dim=(0,1,2)),
                 RuntimeError, 'linalg.norm: If dim is specified, it must be of length 1 or 2. Got [0, 1, 2]', id='linalg_norm_three_dims'),
    pytest.param(lambda lib: lib.linalg.norm(lib.ones(3), ord='fro'),
                 RuntimeError, 'linalg.matrix_norm: The input tensor A must have at least 2 dimensions.', id='linalg_norm_vector_fro'),
    pytest.param(lambda lib: lib.linalg.norm(lib.ones(2,2), ord=0),
                 RuntimeError, 'linalg.matrix_norm: Order 0 not supported.', id='linalg_norm_matrix_ord_0'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1,-2],[3,4]])),
                 RuntimeError, 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long', id='linalg_norm_long'),
    pytest.param(lambda lib: lib.linalg.norm(lib.tensor([[1,-2],[3,4]]), ord=1),
                 RuntimeError, 'linalg.matrix_norm: Expected a floating point or complex tensor as input. Got Long', id='linalg_norm_long_ord'),
    pytest.param(lambda lib: lib.linalg.svd(lib.tensor([[1,2],[3,4]])),
                 RuntimeError, 'linalg.svd: Expected a floating point or complex tensor as input. Got Long', id='svd_long'),
    pytest.param(lambda lib: lib.linalg.svd(lib.ones(3)),
                 RuntimeError, 'linalg.svd: The input tensor A must have at least 2 dimensions.', id='svd_1d'),
    pytest.param(lambda lib: lib.svd(lib.tensor([[1,2],[3,4]])),
                 RuntimeError, 'linalg.svd: Expected a floating point or complex tensor as input. Got Long', id='torch_svd_long'),
    pytest.param(lambda lib: lib.linalg.svdvals(lib.ones(3)),
                 RuntimeError, 'linalg.svd: The input tensor A must have at least 2 dimensions.', id='svdvals_1d'),
    pytest.param(lambda lib: lib.linalg.eig(lib.ones(2,3)),
                 RuntimeError, 'linalg.eig: A must be batches of square matrices, but they are 2 by 3 matrices', id='eig_nonsquare'),
    pytest.param(lambda lib: lib.linalg.eig(lib.ones(3)),
                 RuntimeError, 'linalg.eig: The input tensor A must have at least 2 dimensions.', id='eig_1d'),
    pytest.param(lambda lib: lib.linalg.eigh(lib.ones(2,3)),
                 RuntimeError, 'linalg.eigh: A must be batches of square matrices, but they are 2 by 3 matrices', id='eigh_nonsquare'),
    pytest.param(lambda lib: lib.linalg.eigh(lib.ones(3)),
                 RuntimeError, 'linalg.eigh: The input tensor A must have at least 2 dimensions.', id='eigh_1d'),
    pytest.param(lambda lib: lib.linalg.eigh(lib.tensor([[2,1],[1,3]])),
                 NotImplementedError, '"linalg_eigh_cpu" not implemented for \'Long\'', id='eigh_long'),
    pytest.param(lambda lib: lib.linalg.eigh(lib.ones(2,2), UPLO='X'),
                 RuntimeError, "Expected UPLO argument to be 'L' or 'U', but got X", id='eigh_uplo'),
]

TORCH_GRADS = [
    pytest.param(lambda lib, a: lib.inverse(a), [[[4.0, 7], [2, 6]]],
                 [[[0.04, -0.08000000000000002], [-0.03, 0.06]]], id='inverse'),
    pytest.param(lambda lib, a: lib.det(a), [[[4.0, 7], [2, 6]]],
                 [[[5.999999999999998, -1.9999999999999991], [-6.999999999999999, 3.999999999999999]]], id='det'),
    pytest.param(lambda lib, a: lib.det(a), [[[1.0, 2], [2, 4]]],
                 [[[4.000000000000002, -2.000000000000001], [-2.000000000000001, 1.0000000000000007]]], id='det_singular'),
    pytest.param(lambda lib, a: lib.det(a), [[[1.0, 2, 3], [2, 4, 6], [3, 6, 9]]],
                 [[[-4.884981308350686e-15, 1.7763568394002513e-15, 4.4408920985006104e-16], [-5.3837124353506885e-15, 7.395774358963452e-15, -3.1359454275254053e-15], [5.217468726350686e-15, -5.522635185775717e-15, 1.9426005484002496e-15]]], id='det_singular_rank1_3x3'),
    pytest.param(lambda lib, a: lib.det(a), [[[1.0, 2, 3], [2, 4, 6], [1, 0, 1]]],
                 [[[4.0, 4.000000000000001, -4.000000000000001], [-1.9999999999999996, -1.9999999999999996, 2.0000000000000004], [6.151712789903144e-15, -5.9526084929139305e-18, -2.0466025243057717e-15]]], id='det_singular_rank2_3x3'),
    pytest.param(lambda lib, a: lib.det(a), [[[0.0, 0], [0, 0]]],
                 [[[0.0, 0.0], [0.0, 0.0]]], id='det_zero_matrix'),
    pytest.param(lambda lib, a: lib.det(a), [[[[1.0, 2], [2, 4]], [[2.0, 1], [0, 3]]]],
                 [[[[4.000000000000002, -2.000000000000001], [-2.000000000000001, 1.0000000000000007]], [[3.0, 0.0], [-1.0, 2.0]]]], id='det_batch_mixed'),
    pytest.param(lambda lib, a: lib.trace(a), [[[1.0, 2, 3], [4, 5, 6]]],
                 [[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], id='trace_rect'),
    pytest.param(lambda lib, a: lib.diag(a, 1) * lib.arange(9.).reshape(3,3), [[1.0, 2]],
                 [[1.0, 5.0]], id='diag_vector'),
    pytest.param(lambda lib, a: lib.diag(a, -1) * lib.tensor([2., 3.]), [[[1.0, 2], [3, 4], [5, 6]]],
                 [[[0.0, 0.0], [2.0, 0.0], [0.0, 3.0]]], id='diag_matrix'),
    pytest.param(lambda lib, a: lib.diagonal(a, 1, 0, 2) * 2, [[[[1.0, 2, 3], [4, 5, 6]], [[1.0, 2, 3], [4, 5, 6]]]],
                 [[[[0.0, 2.0, 0.0], [0.0, 2.0, 0.0]], [[0.0, 0.0, 2.0], [0.0, 0.0, 2.0]]]], id='diagonal'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a), [[0.0, 0, 0]],
                 [[0.0, 0.0, 0.0]], id='vector_norm_2_zero'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a), [[3.0, 0, -4]],
                 [[0.6, 0.0, -0.8]], id='vector_norm_2'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, 1), [[3.0, 0, -4]],
                 [[1.0, 0.0, -1.0]], id='vector_norm_1'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, 3), [[3.0, 0, -4]],
                 [[0.4448513517305356, 0.0, -0.7908468475209521]], id='vector_norm_3'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, 3), [[0.0, 0]],
                 [[0.0, 0.0]], id='vector_norm_3_zero'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, 1.5), [[3.0, 0, -4]],
                 [[0.7329564758289748, 0.0, -0.8463452372482761]], id='vector_norm_1_5'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, 0.5), [[3.0, 0, -4]],
                 [[2.154700538379252, 0.0, -1.8660254037844386]], id='vector_norm_half'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, -1), [[2.0, -2, 1]],
                 [[0.0625, -0.0625, 0.25]], id='vector_norm_neg1'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, -1), [[3.0, 0, -4]],
                 [[0.0, 0.0, -0.0]], id='vector_norm_neg1_zero_entry'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, INF), [[2.0, -2, 1]],
                 [[0.5, -0.5, 0.0]], id='vector_norm_inf_tie'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, -INF), [[2.0, -2, 1, -1]],
                 [[0.0, -0.0, 0.5, -0.5]], id='vector_norm_neg_inf_tie'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, INF), [[0.0, 0]],
                 [[0.0, 0.0]], id='vector_norm_inf_zero'),
    pytest.param(lambda lib, a: lib.linalg.vector_norm(a, 2, dim=0) * lib.tensor([1., 2.]), [[[3.0, 0], [4, 0]]],
                 [[[0.6, 0.0], [0.8, 0.0]]], id='vector_norm_dim'),
    pytest.param(lambda lib, a: lib.linalg.matrix_norm(a, 1), [[[1.0, -2], [3, 2]]],
                 [[[0.5, -0.5], [0.5, 0.5]]], id='matrix_norm_1_tie'),
    pytest.param(lambda lib, a: lib.linalg.matrix_norm(a, INF), [[[1.0, -2], [3, 0]]],
                 [[[0.5, -0.5], [0.5, 0.0]]], id='matrix_norm_inf_tie'),
    pytest.param(lambda lib, a: lib.linalg.matrix_norm(a, 2), [[[1.0, 0], [0, 1]]],
                 [[[0.5, 0.0], [0.0, 0.5]]], id='matrix_norm_2_identity'),
    pytest.param(lambda lib, a: lib.linalg.matrix_norm(a, -2), [[[1.0, 2], [2, 4]]],
                 [[[0.8, -0.4], [-0.4000000000000001, 0.20000000000000004]]], id='matrix_norm_neg2_singular'),
    pytest.param(lambda lib, a: lib.linalg.matrix_norm(a, 'nuc'), [[[1.0, 0], [0, 1]]],
                 [[[1.0, 0.0], [0.0, 1.0]]], id='matrix_norm_nuc_identity'),
    pytest.param(lambda lib, a: lib.norm(a), [[[0.0, 0], [0, 0]]],
                 [[[0.0, 0.0], [0.0, 0.0]]], id='norm_fro_zero'),
    pytest.param(lambda lib, a: lib.linalg.svdvals(a) * lib.tensor([1., 2.]), [[[1.0, 2], [3, 4], [5, 6]]],
                 [[[-1.2444268954587363, 1.2752431707603873], [-0.05283032384674513, 0.7102611602560427], [1.1387662477652443, 0.14527914975169964]]], id='svdvals'),
    pytest.param(lambda lib, a: lib.linalg.svd(a).S, [[[1.0, 0], [0, 1]]],
                 [[[1.0, 0.0], [0.0, 1.0]]], id='svd_s_only_repeated'),
    pytest.param(lambda lib, a: (lambda r: r.U[:, :1] * r.Vh[:1, :])(lib.linalg.svd(a)), [[[1.0, 2], [3, 4], [5, 6]]],
                 [[[0.061567169411821956, 0.06996647516367324], [0.024623169173383842, 0.012877086190499485], [-0.012320831065054261, -0.04421230278267424]]], id='svd_outer_first'),
    pytest.param(lambda lib, a: (lambda r: r.U ** 2 * lib.arange(16.).reshape(4,4))(lib.linalg.svd(a)), [[[1.0, 2], [3, 4], [5, 6], [7, 9]]],
                 [[[4.538925596093056, -3.6380350474001557], [-2.500430910657857, 1.6638896868715878], [6.731399023269156, -5.508761850043077], [-4.384946854352185, 3.741453605285826]]], id='svd_full_u_squared'),
    pytest.param(lambda lib, a: (lambda r: r.Vh ** 2 * lib.arange(6.).reshape(2,3))(lib.linalg.svd(a, full_matrices=False)), [[[1.0, 2, 3], [4, 5, 7]]],
                 [[[0.2040816326530639, -1.0204081632653097, 0.6122448979591822], [-0.06857142857142945, 0.34285714285714447, -0.20571428571428538]]], id='svd_wide_vh_squared'),
    pytest.param(lambda lib, a: lib.linalg.eigh(a).eigenvalues * lib.tensor([1., 3.]), [[[2.0, 1], [1, 3]]],
                 [[[1.5527864045000417, 0.8944271909999155], [0.8944271909999155, 2.4472135954999574]]], id='eigh_values'),
    pytest.param(lambda lib, a: lib.linalg.eigh(a).eigenvectors ** 2 * lib.tensor([[1., 2.], [4., 3.]]), [[[2.0, 1], [1, 3]]],
                 [[[0.3577708763999661, 0.17888543819998315], [0.17888543819998315, -0.3577708763999661]]], id='eigh_vectors_squared'),
    pytest.param(lambda lib, a: lib.linalg.eigvalsh(a), [[[1.0, 0], [0, 1]]],
                 [[[1.0, 0.0], [0.0, 1.0]]], id='eigvalsh_repeated'),
    pytest.param(lambda lib, a, b: lib.outer(a, b), [[1.0, 2], [3.0, 4, 5]],
                 [[12.0, 12.0], [3.0, 3.0, 3.0]], id='outer'),
    pytest.param(lambda lib, a, b: lib.dot(a, b), [[1.0, 2], [3.0, 4]],
                 [[3.0, 4.0], [1.0, 2.0]], id='dot'),
    pytest.param(lambda lib, a, b: lib.mv(a, b), [[[1.0, 2], [3, 4]], [3.0, 4]],
                 [[[3.0, 4.0], [3.0, 4.0]], [4.0, 6.0]], id='mv'),
    pytest.param(lambda lib, a, b: lib.bmm(a, b), [[[[1.0, 2], [3, 4]]], [[[3.0, 4], [5, 6]]]],
                 [[[[7.0, 11.0], [7.0, 11.0]]], [[[4.0, 4.0], [6.0, 6.0]]]], id='bmm'),
    pytest.param(lambda lib, a, b: lib.tensordot(a, b, dims=([0],[1])), [[[1.0, 2], [3, 4]], [[3.0, 4], [5, 6], [7, 8]]],
                 [[[15.0, 15.0], [18.0, 18.0]], [[3.0, 7.0], [3.0, 7.0], [3.0, 7.0]]], id='tensordot'),
]


@pytest.mark.parametrize("fn, expected", TORCH_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


def _close_to(got, expected, path="result"):
    """For float32 LAPACK results: MKL (torch) and OpenBLAS (NumPy) round differently."""
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert len(got) == len(expected)
        for i, (g, e) in enumerate(zip(got, expected)):
            _close_to(g, e, f"{path}[{i}]")
        return
    assert got.dtype.name == expected["dtype"], path
    np.testing.assert_allclose(got.numpy(), expected["values"], rtol=1e-5, atol=1e-6, err_msg=path)


@pytest.mark.parametrize("fn, expected", LAPACK_VALUES)
def test_decompositions_match_torch(fn, expected):
    _close_to(fn(jg), expected)


@pytest.mark.parametrize("fn, exception, message", TORCH_ERRORS)
def test_errors_match_torch(fn, exception, message):
    # torch's type and words (jitgrad may put the op's name in front)
    with pytest.raises(exception, match=re.escape(message)):
        fn(jg)


@pytest.mark.parametrize("fn, values, expected", TORCH_GRADS)
def test_gradients_match_torch(fn, values, expected):
    inputs = [jg.tensor(v, dtype=jg.float64, requires_grad=True) for v in values]
    fn(jg, *inputs).sum().backward()
    for t, e in zip(inputs, expected):
        np.testing.assert_allclose(t.grad.numpy(), e, rtol=1e-7, atol=1e-12)



def test_svd_and_eigh_results_are_outputs_of_one_node():
    a = jg.randn(4, 3, dtype=jg.float64, requires_grad=True)
    u, s, vh = L.svd(a, full_matrices=False)
    assert u.grad_fn is s.grad_fn is vh.grad_fn and s.grad_fn.name() == "LinalgSvdBackward0"
    w, v = L.eigh(a.mT @ a)
    assert w.grad_fn is v.grad_fn and w.grad_fn.name() == "LinalgEighBackward0"
    assert L.svdvals(a.detach()).grad_fn is None and L.eigvalsh(a.detach().mT @ a.detach()).grad_fn is None
