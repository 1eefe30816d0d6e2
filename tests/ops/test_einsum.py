"""einsum and bilinear (SPEC B8): values against NumPy, gradients by finite differences, torch's
results, dtypes and errors, the equivalent matmul/sum/transpose forms, random equations, and
the seed's examples.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``, ``*_ERRORS``) were produced by evaluating each
expression with ``lib=torch`` 2.13; torch is not needed to run these tests.
"""
import string

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import jitgrad as jg
from jitgrad.autograd import gradcheck, gradgradcheck

rng = np.random.default_rng(88)


def U(*shape):
    return rng.uniform(-2, 2, shape)


def P(*shape):
    """Positive: sums without cancellation, so float32 agrees with NumPy to rounding."""
    return rng.uniform(0.5, 2, shape)


def E(equation):
    """The case's function: einsum of its tensors with this equation."""
    return lambda *operands: jg.einsum(equation, *operands)


def NP(equation):
    """NumPy's einsum, along a contraction path for three operands or more as jitgrad's is."""
    return lambda *arrays: np.einsum(equation, *arrays, optimize=len(arrays) > 2)


LONG = 10
CHAIN = ",".join(string.ascii_lowercase[i:i + 2] for i in range(LONG)) + "->a" + \
    string.ascii_lowercase[LONG]                   # ab,bc,...: ten operands in one op
SEED_Q, SEED_W, SEED_K = U(2, 3), U(4, 3, 5), U(2, 5)

# ------------------------------------------------------------------ gradient table
# (op, fn, arrays, second_order): float64 arrays require grad.
GRAD_CASES = [
    pytest.param("einsum", E("ij,jk->ik"), [U(2, 3), U(3, 4)], True, id="matmul"),
    pytest.param("einsum", E("ij,jk"), [U(2, 3), U(3, 4)], True, id="matmul-implicit"),
    pytest.param("einsum", lambda a, b: jg.einsum("ij,jk->ik", [a, b]), [U(2, 3), U(3, 2)], True, id="list-form"),
    pytest.param("einsum", E(" i j , j k -> i k "), [U(2, 3), U(3, 2)], True, id="spaces"),
    pytest.param("einsum", E("Ab,bC->CA"), [U(2, 3), U(3, 2)], True, id="uppercase"),
    pytest.param("einsum", lambda a, b: jg.einsum(a, [0, 1], b, [1, 2], [2, 0]), [U(2, 3), U(3, 2)], True,
                 id="sublist-form"),
    pytest.param("einsum", lambda a, b: jg.einsum("ij,jk->ik", a.t(), b.t()), [U(3, 2), U(4, 3)], True,
                 id="transposed-operands"),
    pytest.param("einsum", E("ij,jk->ik"), [U(16, 32), U(32, 40)], False, id="blas-sized-pair"),
    pytest.param("einsum", lambda a: jg.einsum("ij,jk->ik", a, a), [U(3, 3)], True, id="same-operand-twice"),
    pytest.param("einsum", E("ij->ji"), [U(2, 3)], True, id="transpose"),
    pytest.param("einsum", E("ijk->kij"), [U(2, 3, 2)], True, id="permute"),
    pytest.param("einsum", E("ij->ij"), [U(2, 3)], True, id="identity"),
    pytest.param("einsum", E("ij->i"), [U(2, 3)], True, id="sum-dim"),
    pytest.param("einsum", E("ij->"), [U(2, 3)], True, id="sum-all"),
    pytest.param("einsum", E("ii->i"), [U(3, 3)], True, id="diagonal"),
    pytest.param("einsum", E("ii"), [U(3, 3)], True, id="trace"),
    pytest.param("einsum", E("iij->ji"), [U(2, 2, 3)], True, id="diagonal-of-3d"),
    pytest.param("einsum", E("iii->i"), [U(2, 2, 2)], True, id="triple-diagonal"),
    pytest.param("einsum", E("ii,ij->j"), [U(2, 2), U(2, 3)], True, id="diagonal-times-matrix"),
    pytest.param("einsum", E("ij,ij->ij"), [U(2, 3), U(2, 3)], True, id="hadamard"),
    pytest.param("einsum", E("i,i->"), [U(4), U(4)], True, id="inner"),
    pytest.param("einsum", E("i,j->ij"), [U(3), U(2)], True, id="outer"),
    pytest.param("einsum", E("ijk,jih->kh"), [U(3, 2, 2), U(2, 3, 2)], True, id="tensor-contraction"),
    pytest.param("einsum", E("ij,k->i"), [U(2, 3), U(2)], True, id="summed-in-one-operand"),
    pytest.param("einsum", E("bij,bjk->bik"), [U(2, 2, 3), U(2, 3, 2)], True, id="batched"),
    pytest.param("einsum", E("...ij,...jk->...ik"), [U(1, 2, 3), U(3, 3, 2)], True, id="ellipsis-broadcast"),
    pytest.param("einsum", E("...ij,jk->...ik"), [U(2, 2, 3), U(3, 2)], True, id="ellipsis-by-matrix"),
    pytest.param("einsum", E("i...j,j...k->...ik"), [U(2, 1, 3), U(3, 2, 2)], True, id="ellipsis-in-middle"),
    pytest.param("einsum", E("ij...->j"), [U(2, 3, 2)], True, id="ellipsis-summed"),
    pytest.param("einsum", E("ij,ij->ij"), [U(2, 1), U(1, 3)], True, id="size-1-broadcast"),
    pytest.param("einsum", E("ii,i->i"), [U(1, 1), U(3)], True, id="diagonal-broadcast"),
    pytest.param("einsum", E(",->"), [U(), U()], True, id="0d-0d"),
    pytest.param("einsum", E("i,->i"), [U(3), U()], True, id="0d-scale"),
    pytest.param("einsum", E(""), [U()], True, id="0d-alone"),
    pytest.param("einsum", E("bq,oqk,bk->bo"), [SEED_Q, SEED_W, SEED_K], True, id="seed-bilinear-attention"),
    pytest.param("einsum", E("in,ijn->ij"), [U(2, 3), U(2, 4, 3)], True, id="seed-dot-attention"),
    pytest.param("einsum", E("ij,jk,kl->il"), [U(2, 3), U(3, 2), U(2, 2)], True, id="chain-of-three"),
    pytest.param("einsum", E("ij,jk,kl,lm->mi"), [U(2, 2), U(2, 3), U(3, 2), U(2, 2)], True, id="chain-of-four"),
    pytest.param("einsum", E(CHAIN), [U(2, 2) for _ in range(LONG)], False, id="chain-of-ten"),
    pytest.param("einsum", lambda a, b, w, c: jg.bilinear(a, b, w, c), [U(3, 2), U(3, 4), U(2, 2, 4), U(2)], True,
                 id="bilinear"),
    pytest.param("einsum", lambda a, b, w: jg.bilinear(a, b, w), [U(2, 2, 3), U(2, 2, 2), U(3, 3, 2)], True,
                 id="bilinear-batch-dims-no-bias"),
    pytest.param("einsum", lambda a, b, w, c: jg.bilinear(a, b, w, c), [U(2), U(3), U(2, 2, 3), U(2)], True,
                 id="bilinear-vectors"),
]

# ------------------------------------------------------------------ forward table
# (op, fn, numpy reference, arrays); run with float32 and float64 arrays.
BOOLS = rng.random((3, 4)) > 0.5
INTS = rng.integers(-5, 5, (3, 4))


def _np_ellipsis_summed(a):
    return np.einsum("ij...->j...", a).sum(-1)   # NumPy refuses to sum '...' away; torch does


FORWARD_CASES = [
    pytest.param("einsum", E("ij,jk->ik"), NP("ij,jk->ik"), [P(3, 4), P(4, 2)], id="matmul"),
    pytest.param("einsum", E("ij,jk"), NP("ij,jk"), [P(3, 4), P(4, 2)], id="matmul-implicit"),
    pytest.param("einsum", E("ij,jk->ik"), NP("ij,jk->ik"), [P(40, 30), P(30, 50)], id="blas-sized-pair"),
    pytest.param("einsum", lambda a, b: jg.einsum("ij,jk->ik", a.t(), b[:, ::2]),
                 lambda a, b: np.einsum("ij,jk->ik", a.T, b[:, ::2]), [P(4, 3), P(4, 6)], id="non-contiguous"),
    pytest.param("einsum", lambda a: jg.einsum("ij,jk->ik", a.t(), a), lambda a: a.T @ a, [P(3, 2)],
                 id="same-operand-twice"),
    pytest.param("einsum", E("ji"), NP("ji"), [P(2, 3)], id="implicit-transpose"),
    pytest.param("einsum", E("aA"), lambda a: a.T, [P(2, 3)], id="implicit-uppercase-first"),
    pytest.param("einsum", E("ijk->kij"), NP("ijk->kij"), [P(2, 3, 4)], id="permute"),
    pytest.param("einsum", lambda a: jg.einsum("ijk->kij", a.permute(2, 0, 1)),
                 lambda a: np.einsum("ijk->kij", a.transpose(2, 0, 1)), [P(2, 3, 4)], id="permute-permuted"),
    pytest.param("einsum", E("ij->i"), NP("ij->i"), [P(3, 4)], id="sum-dim"),
    pytest.param("einsum", E("ij->"), NP("ij->"), [P(3, 4)], id="sum-all"),
    pytest.param("einsum", E("ii->i"), NP("ii->i"), [P(4, 4)], id="diagonal"),
    pytest.param("einsum", lambda a: jg.einsum("ii->i", a.t()), lambda a: np.einsum("ii->i", a.T), [P(3, 3)],
                 id="diagonal-transposed"),
    pytest.param("einsum", E("ii"), NP("ii"), [P(4, 4)], id="trace"),
    pytest.param("einsum", E("iij->j"), NP("iij->j"), [P(3, 3, 2)], id="diagonal-summed"),
    pytest.param("einsum", E("iji->ij"), NP("iji->ij"), [P(3, 2, 3)], id="diagonal-outer-dims"),
    pytest.param("einsum", E("ij,ij->ij"), NP("ij,ij->ij"), [P(3, 4), P(3, 4)], id="hadamard"),
    pytest.param("einsum", E("i,i->"), NP("i,i->"), [P(10), P(10)], id="inner"),
    pytest.param("einsum", E("i,j->ij"), NP("i,j->ij"), [P(10), P(5)], id="outer"),
    pytest.param("einsum", E("ijk,jih->kh"), NP("ijk,jih->kh"), [P(3, 4, 5), P(4, 3, 6)], id="tensor-contraction"),
    pytest.param("einsum", E("ij,kl->ijkl"), NP("ij,kl->ijkl"), [P(2, 3), P(2, 2)], id="outer-of-matrices"),
    pytest.param("einsum", E("bij,bjk->bik"), NP("bij,bjk->bik"), [P(3, 2, 4), P(3, 4, 5)], id="batched"),
    pytest.param("einsum", E("...ij,...jk->...ik"), NP("...ij,...jk->...ik"), [P(1, 2, 3), P(4, 3, 2)],
                 id="ellipsis-broadcast"),
    pytest.param("einsum", E("...ij,...jk"), NP("...ij,...jk"), [P(2, 1, 2, 3), P(3, 3, 2)],
                 id="ellipsis-implicit"),
    pytest.param("einsum", E("i...j,j...k->...ik"), NP("i...j,j...k->...ik"), [P(2, 5, 3), P(3, 5, 4)],
                 id="ellipsis-in-middle"),
    pytest.param("einsum", E("...->..."), NP("...->..."), [P(2, 3)], id="ellipsis-only"),
    pytest.param("einsum", E("ij...->j"), _np_ellipsis_summed, [P(2, 3, 4)], id="ellipsis-summed"),
    pytest.param("einsum", E("ij,ij->ij"), NP("ij,ij->ij"), [P(2, 1), P(1, 3)], id="size-1-broadcast"),
    pytest.param("einsum", E("ii,i->i"), NP("ii,i->i"), [P(1, 1), P(3)], id="diagonal-broadcast"),
    pytest.param("einsum", E(",->"), NP(",->"), [P(), P()], id="0d-0d"),
    pytest.param("einsum", E("ij,->ji"), NP("ij,->ji"), [P(2, 3), P()], id="0d-scale"),
    pytest.param("einsum", E("ij,jk->ik"), NP("ij,jk->ik"), [P(2, 0), P(0, 3)], id="empty-contraction"),
    pytest.param("einsum", E("bij,bjk->bik"), NP("bij,bjk->bik"), [P(0, 2, 3), P(0, 3, 4)], id="empty-batch"),
    pytest.param("einsum", E("bq,oqk,bk->bo"), NP("bq,oqk,bk->bo"), [P(8, 10), P(5, 10, 10), P(8, 10)],
                 id="seed-bilinear-attention"),
    pytest.param("einsum", E("in,ijn->ij"), NP("in,ijn->ij"), [P(8, 10), P(8, 6, 10)], id="seed-dot-attention"),
    pytest.param("einsum", E("ij,jk,kl->il"), NP("ij,jk,kl->il"), [P(3, 4), P(4, 5), P(5, 2)], id="chain-of-three"),
    pytest.param("einsum", E("ab,bc,cd,de,ef->af"), NP("ab,bc,cd,de,ef->af"), [P(2, 3), P(3, 4), P(4, 3), P(3, 2),
                                                                              P(2, 2)], id="chain-of-five"),
    pytest.param("einsum", E(CHAIN), NP(CHAIN), [P(2, 2) for _ in range(LONG)], id="chain-of-ten"),
    pytest.param("einsum", E("ij,jk,kl->il"), NP("ij,jk,kl->il"), [P(2, 0), P(0, 3), P(3, 2)],
                 id="empty-chain-of-three"),
    pytest.param("einsum", lambda a, b, w, c: jg.bilinear(a, b, w, c),
                 lambda a, b, w, c: np.einsum("bi,oij,bj->bo", a, w, b, optimize=True) + c,
                 [P(8, 10), P(8, 6), P(5, 10, 6), P(5)], id="bilinear"),
    pytest.param("einsum", lambda a, b, w: jg.bilinear(a, b, w), lambda a, b, w: np.einsum("i,oij,j->o", a, w, b),
                 [P(3), P(2), P(4, 3, 2)], id="bilinear-vectors"),
    pytest.param("einsum", E("ij,jk->ik"), NP("ij,jk->ik"), [INTS, INTS.T.copy()], id="int64"),
    pytest.param("einsum", E("ij,jk->ik"), NP("ij,jk->ik"), [INTS.astype(np.int32), INTS.T.astype(np.int32)],
                 id="int32-contraction-stays-int32"),
    pytest.param("einsum", E("ij->i"), lambda a: np.einsum("ij->i", a, dtype=np.int64), [INTS.astype(np.int32)],
                 id="int32-sum-is-int64"),
    pytest.param("einsum", E("ij->j"), lambda a: np.einsum("ij->j", a, dtype=np.int64), [BOOLS],
                 id="bool-sum-counts"),
    pytest.param("einsum", E("ij,ij->ji"), NP("ij,ij->ji"), [BOOLS, ~BOOLS], id="bool-product-is-and"),
]



# ------------------------------------------------------------------ recorded from torch
EINSUM_VALUES = [
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.arange(6.).reshape(2, 3), lib.arange(12.).reshape(3, 4)),
                 {'dtype': 'float32', 'values': [[20.0, 23.0, 26.0, 29.0], [56.0, 68.0, 80.0, 92.0]]}, id='matmul'),
    pytest.param(lambda lib: lib.einsum('ij,jk', [lib.arange(6.).reshape(2, 3), lib.arange(12.).reshape(3, 4)]),
                 {'dtype': 'float32', 'values': [[20.0, 23.0, 26.0, 29.0], [56.0, 68.0, 80.0, 92.0]]}, id='list-form'),
    pytest.param(lambda lib: lib.einsum('ii->i', lib.arange(9.).reshape(3, 3)),
                 {'dtype': 'float32', 'values': [0.0, 4.0, 8.0]}, id='diagonal'),
    pytest.param(lambda lib: lib.einsum('ii', lib.arange(9.).reshape(3, 3)),
                 {'dtype': 'float32', 'values': 12.0}, id='trace'),
    pytest.param(lambda lib: lib.einsum('ji', lib.arange(6.).reshape(2, 3)),
                 {'dtype': 'float32', 'values': [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]}, id='transpose-implicit'),
    pytest.param(lambda lib: lib.einsum('aA', lib.arange(6.).reshape(2, 3)),
                 {'dtype': 'float32', 'values': [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]}, id='implicit-upper-first'),
    pytest.param(lambda lib: lib.einsum('Ba', lib.arange(6.).reshape(2, 3)),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]}, id='implicit-upper-kept'),
    pytest.param(lambda lib: lib.einsum('i,j', lib.tensor([1., 2.]), lib.tensor([3., 4., 5.])),
                 {'dtype': 'float32', 'values': [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]]}, id='outer-implicit'),
    pytest.param(lambda lib: lib.einsum(' i j , j -> i ', lib.arange(6.).reshape(2, 3), lib.tensor([1., -1., 2.])),
                 {'dtype': 'float32', 'values': [3.0, 9.0]}, id='spaces'),
    pytest.param(lambda lib: lib.einsum('ij...->j', lib.arange(12.).reshape(2, 3, 2)),
                 {'dtype': 'float32', 'values': [14.0, 22.0, 30.0]}, id='ellipsis-summed'),
    pytest.param(lambda lib: lib.einsum('i...j,j...k', lib.arange(6.).reshape(1, 2, 3), lib.arange(6.).reshape(3, 2, 1)),
                 {'dtype': 'float32', 'values': [[[10.0]], [[40.0]]]}, id='ellipsis-implicit-first'),
    pytest.param(lambda lib: lib.einsum('...ij,...jk->...ik', lib.arange(4.).reshape(1, 2, 2), lib.arange(8.).reshape(2, 2, 2)),
                 {'dtype': 'float32', 'values': [[[2.0, 3.0], [6.0, 11.0]], [[6.0, 7.0], [26.0, 31.0]]]}, id='ellipsis-broadcast'),
    pytest.param(lambda lib: lib.einsum('ij,ij->ij', lib.tensor([[1.], [2.]]), lib.tensor([[1., 2., 3.]])),
                 {'dtype': 'float32', 'values': [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]}, id='label-broadcast'),
    pytest.param(lambda lib: lib.einsum('ii,i->i', lib.tensor([[2.]]), lib.tensor([1., 2., 3.])),
                 {'dtype': 'float32', 'values': [2.0, 4.0, 6.0]}, id='diagonal-broadcast'),
    pytest.param(lambda lib: lib.einsum('ij->ij...', lib.arange(4.).reshape(2, 2)),
                 {'dtype': 'float32', 'values': [[0.0, 1.0], [2.0, 3.0]]}, id='output-ellipsis-empty'),
    pytest.param(lambda lib: lib.einsum(',->', lib.tensor(2.), lib.tensor(3.)),
                 {'dtype': 'float32', 'values': 6.0}, id='zero-dim'),
    pytest.param(lambda lib: lib.einsum('i,->i', lib.tensor([1., 2.]), lib.tensor(3.)),
                 {'dtype': 'float32', 'values': [3.0, 6.0]}, id='zero-dim-scale'),
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 0), lib.ones(0, 3)),
                 {'dtype': 'float32', 'values': [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}, id='empty-contraction'),
    pytest.param(lambda lib: lib.einsum('bij,bjk->bik', lib.ones(0, 2, 3), lib.ones(0, 3, 1)),
                 {'dtype': 'float32', 'values': []}, id='empty-batch'),
    pytest.param(lambda lib: lib.einsum('ij,jk,kl->il', lib.arange(4.).reshape(2, 2), lib.arange(6.).reshape(2, 3), lib.arange(6.).reshape(3, 2)),
                 {'dtype': 'float32', 'values': [[28.0, 40.0], [104.0, 146.0]]}, id='three-operands'),
    pytest.param(lambda lib: lib.einsum('bq,oqk,bk->bo', lib.arange(4.).reshape(2, 2), lib.arange(8.).reshape(2, 2, 2), lib.tensor([[1., -1.], [2., 0.5]])),
                 {'dtype': 'float32', 'values': [[-1.0, -1.0], [17.5, 67.5]]}, id='bilinear-attention'),
    pytest.param(lambda lib: lib.einsum(lib.arange(6.).reshape(2, 3), [0, 1], lib.arange(3.), [1], [0]),
                 {'dtype': 'float32', 'values': [5.0, 14.0]}, id='sublist'),
    pytest.param(lambda lib: lib.einsum(lib.arange(6.).reshape(2, 3), [Ellipsis, 1], [1, Ellipsis]),
                 {'dtype': 'float32', 'values': [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]}, id='sublist-ellipsis'),
    pytest.param(lambda lib: lib.einsum('ij,j->i', lib.tensor([[1, 2], [3, 4]]), lib.tensor([5, 6])),
                 {'dtype': 'int64', 'values': [17, 39]}, id='int64'),
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.tensor([[1, 2]], dtype=lib.int32), lib.tensor([[3], [4]], dtype=lib.int32)),
                 {'dtype': 'int32', 'values': [[11]]}, id='int32-contraction-stays'),
    pytest.param(lambda lib: lib.einsum('ij->i', lib.tensor([[1, 2], [3, 4]], dtype=lib.int32)),
                 {'dtype': 'int64', 'values': [3, 7]}, id='int32-sum-widens'),
    pytest.param(lambda lib: lib.einsum('ii->i', lib.tensor([[1, 2], [3, 4]], dtype=lib.int32)),
                 {'dtype': 'int32', 'values': [1, 4]}, id='int32-diagonal-stays'),
    pytest.param(lambda lib: lib.einsum('ii', lib.tensor([[1, 2], [3, 4]], dtype=lib.int32)),
                 {'dtype': 'int64', 'values': 5}, id='int32-trace-widens'),
    pytest.param(lambda lib: lib.einsum('ij->j', lib.tensor([[True, False], [True, True]])),
                 {'dtype': 'int64', 'values': [2, 1]}, id='bool-count'),
    pytest.param(lambda lib: lib.einsum('i,i->i', lib.tensor([True, False, True]), lib.tensor([True, True, False])),
                 {'dtype': 'bool', 'values': [True, False, False]}, id='bool-and'),
    pytest.param(lambda lib: lib.einsum('ij->ji', lib.tensor([[True, False]])),
                 {'dtype': 'bool', 'values': [[True], [False]]}, id='bool-permute'),
    pytest.param(lambda lib: lib.einsum('i,i->', lib.tensor([0.1, 0.2], dtype=lib.float64), lib.tensor([3., 4.], dtype=lib.float64)),
                 {'dtype': 'float64', 'values': 1.1}, id='float64'),
    pytest.param(lambda lib: lib.bilinear(lib.tensor([[1., 2.], [0., -1.]]), lib.tensor([[1., 0., 2.], [3., 1., 1.]]), lib.arange(12.).reshape(2, 2, 3) - 5, lib.tensor([0.5, -0.5])),
                 {'dtype': 'float32', 'values': [[-14.5, 38.5], [7.5, -23.5]]}, id='bilinear-batched'),
    pytest.param(lambda lib: lib.bilinear(lib.tensor([1., 2.]), lib.tensor([1., 0., 2.]), lib.arange(12.).reshape(2, 2, 3), lib.tensor([1., 1.])),
                 {'dtype': 'float32', 'values': [31.0, 85.0]}, id='bilinear-vector'),
    pytest.param(lambda lib: lib.bilinear(lib.arange(8.).reshape(2, 2, 2), lib.arange(4.).reshape(2, 2, 1), lib.ones(3, 2, 1)),
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 0.0], [5.0, 5.0, 5.0]], [[18.0, 18.0, 18.0], [39.0, 39.0, 39.0]]]}, id='bilinear-no-bias-3d'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(0, 2), lib.ones(0, 3), lib.ones(4, 2, 3), lib.ones(4)),
                 {'dtype': 'float32', 'values': []}, id='bilinear-empty-batch'),
]

# (fn, float64 input values, gradients of fn(...).sum())
EINSUM_GRADS = [
    pytest.param(lambda lib, a, b: lib.einsum('ij,jk->ik', a, b), [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0, -1.0], [0.0, 2.0], [3.0, 1.0]]],
                 [[[0.0, 2.0, 4.0], [0.0, 2.0, 4.0]], [[5.0, 5.0], [7.0, 7.0], [9.0, 9.0]]], id='matmul'),
    pytest.param(lambda lib, a: lib.einsum('ii->i', a) * lib.tensor([1., 2., 3.], dtype=lib.float64), [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]],
                 [[[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 3.0]]], id='diagonal'),
    pytest.param(lambda lib, a: lib.einsum('ii', a), [[[1.0, 2.0], [3.0, 4.0]]],
                 [[[1.0, 0.0], [0.0, 1.0]]], id='trace'),
    pytest.param(lambda lib, a: lib.einsum('iij->j', a) * lib.tensor([1., -2.], dtype=lib.float64), [[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]],
                 [[[[1.0, -2.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, -2.0]]]], id='repeated-in-3d'),
    pytest.param(lambda lib, a, b: lib.einsum('ij,k->i', a, b), [[[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0, 3.0]],
                 [[[6.0, 6.0], [6.0, 6.0]], [10.0, 10.0, 10.0]], id='summed-out'),
    pytest.param(lambda lib, a, b: lib.einsum('ij,ij->ij', a, b), [[[1.0], [2.0]], [[1.0, 2.0, 3.0]]],
                 [[[6.0], [6.0]], [[3.0, 3.0, 3.0]]], id='broadcast-label'),
    pytest.param(lambda lib, a, b: lib.einsum('...ij,...jk->...ik', a, b), [[[[1.0, 2.0]]], [[[1.0], [2.0]], [[3.0], [4.0]]]],
                 [[[[4.0, 6.0]]], [[[1.0], [2.0]], [[1.0], [2.0]]]], id='broadcast-ellipsis'),
    pytest.param(lambda lib, a, b: lib.einsum('ii,i->i', a, b), [[[2.0]], [1.0, 2.0, 3.0]],
                 [[[6.0]], [2.0, 2.0, 2.0]], id='diagonal-broadcast'),
    pytest.param(lambda lib, q, w, k: lib.einsum('bq,oqk,bk->bo', q, w, k), [[[1.0, 2.0]], [[[1.0, 0.0], [2.0, 1.0]], [[0.0, 1.0], [1.0, 1.0]]], [[3.0, -1.0]]],
                 [[[2.0, 7.0]], [[[3.0, -1.0], [6.0, -2.0]], [[3.0, -1.0], [6.0, -2.0]]], [[7.0, 5.0]]], id='three-operands'),
    pytest.param(lambda lib, s, v: lib.einsum(',i->i', s, v), [2.0, [1.0, 2.0, 3.0]],
                 [6.0, [2.0, 2.0, 2.0]], id='zero-dim'),
    pytest.param(lambda lib, x1, x2, w, b: lib.bilinear(x1, x2, w, b), [[[1.0, 2.0], [0.0, -1.0]], [[1.0, 0.0, 2.0], [3.0, 1.0, 1.0]], [[[1.0, 0.0, 1.0], [0.0, 2.0, 0.0]], [[1.0, 1.0, 1.0], [-1.0, 0.0, 2.0]]], [0.5, -0.5]],
                 [[[6.0, 3.0], [9.0, 1.0]], [[0.0, 5.0, 6.0], [1.0, -2.0, -2.0]], [[[1.0, 0.0, 2.0], [-1.0, -1.0, 3.0]], [[1.0, 0.0, 2.0], [-1.0, -1.0, 3.0]]], [2.0, 2.0]], id='bilinear'),
]


@pytest.mark.parametrize("fn, expected", EINSUM_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", EINSUM_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


# (fn, exception type, torch's message — which jitgrad's message contains)
EINSUM_ERRORS = [
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 3)),
                 RuntimeError, 'einsum(): fewer operands were provided than specified in the equation', id='too-few-operands'),
    pytest.param(lambda lib: lib.einsum('ij', lib.ones(2, 3), lib.ones(3)),
                 RuntimeError, 'einsum(): more operands were provided than specified in the equation', id='too-many-operands'),
    pytest.param(lambda lib: lib.einsum('ijk,jk', lib.ones(2, 3), lib.ones(3, 3)),
                 RuntimeError, 'einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given', id='subscripts-vs-dims'),
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 3), lib.ones(3)),
                 RuntimeError, 'einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (1) for operand 1 and no ellipsis was given', id='subscripts-vs-dims-operand-1'),
    pytest.param(lambda lib: lib.einsum('...ijk', lib.ones(2, 3)),
                 RuntimeError, 'einsum(): the number of subscripts in the equation (3) is more than the number of dimensions (2) for operand 0', id='more-subscripts-than-dims-with-ellipsis'),
    pytest.param(lambda lib: lib.einsum('ij->ik', lib.ones(2, 3)),
                 RuntimeError, 'einsum(): output subscript k does not appear in the equation for any input operand', id='output-not-in-inputs'),
    pytest.param(lambda lib: lib.einsum('ij->ii', lib.ones(2, 3)),
                 RuntimeError, 'einsum(): output subscript i appears more than once in the output', id='output-repeated'),
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 3), lib.ones(4, 5)),
                 RuntimeError, 'einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3', id='size-mismatch'),
    pytest.param(lambda lib: lib.einsum('i,i->i', lib.ones(3), lib.ones(4)),
                 RuntimeError, 'einsum(): subscript i has size 4 for operand 1 which does not broadcast with previously seen size 3', id='size-mismatch-vector'),
    pytest.param(lambda lib: lib.einsum('i,i->i', lib.ones(0), lib.ones(2)),
                 RuntimeError, 'einsum(): subscript i has size 2 for operand 1 which does not broadcast with previously seen size 0', id='empty-vs-nonempty'),
    pytest.param(lambda lib: lib.einsum('ii->i', lib.ones(2, 3)),
                 RuntimeError, "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2", id='repeated-size-mismatch'),
    pytest.param(lambda lib: lib.einsum('ii', lib.ones(3, 1)),
                 RuntimeError, "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 1 != 3", id='repeated-size-mismatch-1'),
    pytest.param(lambda lib: lib.einsum('...ij,...jk->...ik', lib.ones(2, 2, 3), lib.ones(6, 3, 4)),
                 # torch's message lacks the space in "operand 1has": jitgrad's has it
                 RuntimeError, 'einsum(): dimension 0 covered by ellipsis in operand 1 has size 6 which does not broadcast with previously seen ellipsis with size 2 for the respective dimension', id='ellipsis-mismatch'),
    pytest.param(lambda lib: lib.einsum('...ij,...ij->...ij', lib.ones(2, 2, 3), lib.ones(4, 3, 2, 3)),
                 RuntimeError, 'einsum(): dimension 1 covered by ellipsis in operand 1 has size 3 which does not broadcast with previously seen ellipsis with size 2 for the respective dimension', id='ellipsis-mismatch-aligned-right'),
    pytest.param(lambda lib: lib.einsum('i1', lib.ones(2, 2)),
                 RuntimeError, 'einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]', id='invalid-subscript'),
    pytest.param(lambda lib: lib.einsum('i->i->', lib.ones(2)),
                 RuntimeError, 'einsum(): invalid subscript given at index 4 in the equation string, subscripts must be in [a-zA-Z]', id='second-arrow'),
    pytest.param(lambda lib: lib.einsum('ij->j,i', lib.ones(2, 3)),
                 RuntimeError, 'einsum(): invalid subscript given at index 5 in the equation string, subscripts must be in [a-zA-Z]', id='comma-in-output'),
    pytest.param(lambda lib: lib.einsum('i- >i', lib.ones(2)),
                 RuntimeError, 'einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]', id='broken-arrow'),
    pytest.param(lambda lib: lib.einsum('i\t', lib.ones(2)),
                 RuntimeError, 'einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]', id='tab'),
    pytest.param(lambda lib: lib.einsum('......', lib.ones(5, 2, 3)),
                 RuntimeError, "einsum(): found '.' for operand 0 for which an ellipsis was already found", id='two-ellipses'),
    pytest.param(lambda lib: lib.einsum('..i', lib.ones(5, 2, 3)),
                 RuntimeError, "einsum(): found '.' for operand 0 that is not part of any ellipsis", id='short-ellipsis'),
    pytest.param(lambda lib: lib.einsum('...ij->...i...', lib.ones(2, 3)),
                 RuntimeError, "einsum(): found '.' for output but an ellipsis (...) was already found", id='dot-in-output'),
    pytest.param(lambda lib: lib.einsum('ij->i..', lib.ones(2, 3)),
                 RuntimeError, "einsum(): found '.' for output that is not part of any ellipsis (...)", id='short-ellipsis-in-output'),
    pytest.param(lambda lib: lib.einsum('ij'),
                 ValueError, 'einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list', id='no-operands'),
    pytest.param(lambda lib: lib.einsum('ij', []),
                 ValueError, 'einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list', id='empty-list'),
    pytest.param(lambda lib: lib.einsum(1, lib.ones(2)),
                 TypeError, "einsum(): argument 'equation' (position 1) must be str, not int", id='equation-not-str'),
    pytest.param(lambda lib: lib.einsum('i', [1.0]),
                 TypeError, 'expected Tensor as element 0 in argument 1, but got float', id='operand-not-tensor'),
    pytest.param(lambda lib: lib.einsum('i,i', lib.ones(2), 1.0),
                 TypeError, 'expected Tensor as element 1 in argument 1, but got float', id='second-operand-not-tensor'),
    pytest.param(lambda lib: lib.einsum(lib.ones(2), [52]),
                 ValueError, 'einsum(): subscript in subscript list is not within the valid range [0, 52)', id='sublist-out-of-range'),
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 3), lib.ones(3, 4, dtype=lib.float64)),
                 RuntimeError, 'expected scalar type Float but found Double', id='mixed-float-dtypes'),
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 3, dtype=lib.int32), lib.ones(3, 4, dtype=lib.int64)),
                 RuntimeError, 'expected scalar type Int but found Long', id='mixed-int-dtypes'),
    pytest.param(lambda lib: lib.einsum('i,i->', lib.ones(2, dtype=lib.int64), lib.ones(2)),
                 RuntimeError, 'expected scalar type Long but found Float', id='int-and-float'),
    pytest.param(lambda lib: lib.einsum('i,i->', lib.ones(2, dtype=lib.bool), lib.ones(2, dtype=lib.bool)),
                 NotImplementedError, '"bmm" not implemented for \'Bool\'', id='bool-contraction'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 4, 10), lib.ones(4, 6), lib.ones(5, 10, 6)),
                 RuntimeError, 'bilinear(): input dimensions do not match: got 3 and 2', id='bilinear-dims'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 10), lib.ones(4, 6), lib.ones(5, 10, 6)),
                 RuntimeError, 'bilinear(): input batch dimensions do not match at dim 0: got 3 and 4', id='bilinear-batch'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 9), lib.ones(3, 6), lib.ones(5, 10, 6)),
                 RuntimeError, 'bilinear(): input1 size does not match weight size: got 9 but expected 10', id='bilinear-in1'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 10), lib.ones(3, 7), lib.ones(5, 10, 6)),
                 RuntimeError, 'bilinear(): input2 size does not match weight size: got 7 but expected 6', id='bilinear-in2'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 10), lib.ones(3, 6), lib.ones(5, 10, 6), lib.ones(4)),
                 RuntimeError, 'bilinear(): bias size does not match weight size: got 4 but expected 5', id='bilinear-bias'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 10), lib.ones(3, 6), lib.ones(5, 10, 6), lib.ones(())),
                 IndexError, 'Dimension specified as 0 but tensor has no dimensions', id='bilinear-bias-0d'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(()), lib.ones(()), lib.ones(5, 1, 1)),
                 IndexError, 'Dimension specified as -1 but tensor has no dimensions', id='bilinear-0d-inputs'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 10), lib.ones(3, 6), lib.ones(10, 10)),
                 IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)', id='bilinear-2d-weight'),
    pytest.param(lambda lib: lib.bilinear(lib.ones(3, 10), lib.ones(3, 6), lib.ones(5, 10, 6, dtype=lib.float64)),
                 # torch names the dtypes float and double
                 RuntimeError, 'All tensors must have the same dtype, got input1: float32, input2: float32, weight: float64',
                 id='bilinear-dtypes'),
]

# where torch hands three operands or more to opt_einsum, whose ValueErrors differ from its own
# checks, jitgrad raises torch's own RuntimeErrors for any number of operands
MANY_OPERAND_ERRORS = [
    pytest.param(lambda lib: lib.einsum('ij,jk->ik', lib.ones(2, 3), lib.ones(3, 4), lib.ones(4)),
                 RuntimeError, 'einsum(): more operands were provided than specified in the equation', id='too-many'),
    pytest.param(lambda lib: lib.einsum('i,i,i->i', lib.ones(1), lib.ones(3), lib.ones(4)),
                 RuntimeError, 'einsum(): subscript i has size 4 for operand 2 which does not broadcast with previously '
                               'seen size 3', id='size-mismatch'),
    pytest.param(lambda lib: lib.einsum('ij,jk,kl->il', lib.ones(2, 3), lib.ones(3, 4), lib.ones(4)),
                 RuntimeError, 'einsum(): the number of subscripts in the equation (2) does not match the number of '
                               'dimensions (1) for operand 2 and no ellipsis was given', id='subscripts-vs-dims'),
    pytest.param(lambda lib: lib.einsum('ij,jk,kl->im', lib.ones(2, 3), lib.ones(3, 4), lib.ones(4, 2)),
                 RuntimeError, 'einsum(): output subscript m does not appear in the equation for any input operand',
                 id='output-not-in-inputs'),
]


@pytest.mark.parametrize("fn, error, message", EINSUM_ERRORS + MANY_OPERAND_ERRORS)
def test_errors_match_torch(fn, error, message):
    with pytest.raises(error) as info:
        fn(jg)
    assert message in str(info.value)


def test_bool_contraction_error_says_what_to_do():
    with pytest.raises(NotImplementedError, match="cast them to an integer or float dtype"):
        jg.einsum("ij,jk->ik", jg.ones(2, 2, dtype=jg.bool), jg.ones(2, 2, dtype=jg.bool))


def test_dtype_error_names_the_operands_and_dtypes():
    with pytest.raises(RuntimeError, match=r"operand 2 is float64 where operand 0 is float32"):
        jg.einsum("i,i,i->", jg.ones(2), jg.ones(2), jg.ones(2, dtype=jg.float64))


def test_results_are_torch_s_shapes_and_names():
    a = jg.ones(2, 3, requires_grad=True)
    assert jg.einsum("ij->ji", a).grad_fn.name() == "EinsumBackward0"
    assert jg.einsum("ij,jk->ik", a, jg.ones(3, 4)).shape == (2, 4)
    assert not jg.einsum("ij->i", jg.ones(2, 3)).requires_grad
    with jg.no_grad():
        assert jg.einsum("ij->i", a).grad_fn is None


# ------------------------------------------------------------------ views, as torch's permute/diagonal
def test_permutation_and_diagonal_are_views_sharing_the_version_counter():
    x = jg.arange(9.).reshape(3, 3)
    t, d = jg.einsum("ij->ji", x), jg.einsum("ii->i", x)
    x.add_(1)
    assert t.tolist() == (np.arange(9.).reshape(3, 3) + 1).T.tolist()
    assert d.tolist() == [1.0, 5.0, 9.0]
    assert t._version_count == d._version_count == x._version_count == 1


def test_modifying_a_view_that_backward_needs_is_refused():
    w = jg.ones(3, 3, requires_grad=True)
    x = w * 1
    diagonal = jg.einsum("ii->i", x)
    y = (diagonal * diagonal).sum()       # mul saves the diagonal
    x.mul_(2)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.backward()


def test_contractions_do_not_alias_their_operands():
    a, b = jg.ones(2, 2), jg.ones(2, 2)
    out = jg.einsum("ij,jk->ik", a, b)
    assert not np.shares_memory(out.numpy(), a.numpy()) and not np.shares_memory(out.numpy(), b.numpy())


# ------------------------------------------------------------------ the same as matmul / sum / transpose
def _outer(a, b):
    return a.unsqueeze(1) * b.unsqueeze(0)


EQUIVALENT_FORMS = [
    pytest.param("ij,jk->ik", lambda a, b: a @ b, [(3, 4), (4, 2)], id="matmul"),
    pytest.param("bij,bjk->bik", lambda a, b: a @ b, [(2, 3, 4), (2, 4, 2)], id="bmm"),
    pytest.param("...ij,...jk->...ik", lambda a, b: a @ b, [(1, 3, 4), (2, 4, 2)], id="broadcast-bmm"),
    pytest.param("ij,j->i", lambda a, b: a @ b, [(3, 4), (4,)], id="mv"),
    pytest.param("i,i->", lambda a, b: (a * b).sum(), [(5,), (5,)], id="dot"),
    pytest.param("i,j->ij", _outer, [(3,), (4,)], id="outer"),
    pytest.param("ij,ij->ij", lambda a, b: a * b, [(3, 4), (3, 4)], id="mul"),
    pytest.param("ij->ji", lambda a: a.t(), [(3, 4)], id="t"),
    pytest.param("ijk->kji", lambda a: a.permute(2, 1, 0), [(2, 3, 4)], id="permute"),
    pytest.param("ij->i", lambda a: a.sum(1), [(3, 4)], id="sum-dim"),
    pytest.param("ijk->j", lambda a: a.sum(2).sum(0), [(2, 3, 4)], id="sum-dims"),
    pytest.param("ii->i", lambda a: a[jg.arange(4), jg.arange(4)], [(4, 4)], id="diagonal"),
    pytest.param("ii", lambda a: a[jg.arange(4), jg.arange(4)].sum(), [(4, 4)], id="trace"),
    pytest.param("ijk,jih->kh", lambda a, b: a.permute(2, 0, 1).reshape(5, 12) @ b.permute(1, 0, 2).reshape(12, 6),
                 [(3, 4, 5), (4, 3, 6)], id="tensordot"),
    pytest.param("bq,oqk,bk->bo", lambda q, w, k: (q[:, None, None] @ w.unsqueeze(0) @ k[:, None, :, None])
                 .reshape(8, 5), [(8, 10), (5, 10, 10), (8, 10)], id="bilinear-by-matmuls"),
]


@pytest.mark.parametrize("equation, form, shapes", EQUIVALENT_FORMS)
def test_einsum_equals_the_equivalent_form(equation, form, shapes):
    r = np.random.default_rng(len(equation))
    arrays = [r.uniform(-1, 1, s) for s in shapes]
    xs = [jg.tensor(a, requires_grad=True) for a in arrays]
    ys = [jg.tensor(a, requires_grad=True) for a in arrays]
    got, expected = jg.einsum(equation, *xs), form(*ys)
    np.testing.assert_allclose(got.detach().numpy(), expected.detach().numpy(), rtol=1e-12, atol=1e-12)
    weights = jg.tensor(r.uniform(-1, 1, tuple(expected.shape)))
    for gx, gy in zip(jg.autograd.grad((got * weights).sum(), xs), jg.autograd.grad((expected * weights).sum(), ys)):
        np.testing.assert_allclose(gx.numpy(), gy.numpy(), rtol=1e-12, atol=1e-12)


def test_bilinear_equals_its_definition_with_bias():
    r = np.random.default_rng(5)
    x1, x2, w, b = (jg.tensor(r.uniform(-1, 1, s)) for s in [(4, 3), (4, 2), (5, 3, 2), (5,)])
    expected = (x1[:, None, None] @ w.unsqueeze(0) @ x2[:, None, :, None]).reshape(4, 5) + b
    np.testing.assert_allclose(jg.bilinear(x1, x2, w, b).numpy(), expected.numpy(), rtol=1e-12)
    assert jg.bilinear(x1, x2, w, b).grad_fn is None


# ------------------------------------------------------------------ random equations (hypothesis)
@st.composite
def equations(draw):
    """A random einsum problem: 1-3 operands over letters a-d, repeated letters (diagonals),
    size-1 dims broadcasting, an ellipsis, an implicit or explicit output."""
    sizes = {c: draw(st.integers(1, 3)) for c in "abcd"}
    batch = draw(st.lists(st.integers(1, 3), max_size=2))
    terms, shapes = [], []
    for _ in range(draw(st.integers(1, 3))):
        letters = draw(st.lists(st.sampled_from("abcd"), max_size=3))
        squeezed = {c: draw(st.booleans()) for c in sorted(set(letters))}   # this operand broadcasts c
        shape = [1 if squeezed[c] else sizes[c] for c in letters]
        term = "".join(letters)
        if batch and draw(st.booleans()):
            covered = batch[len(batch) - draw(st.integers(0, len(batch))):]
            at = draw(st.integers(0, len(letters)))
            term = term[:at] + "..." + term[at:]
            shape = shape[:at] + [1 if draw(st.booleans()) else s for s in covered] + shape[at:]
        terms.append(term)
        shapes.append(tuple(shape))
    equation = ",".join(terms)
    if draw(st.booleans()):
        appearing = sorted(set(equation) - {".", ","})
        out = "".join(draw(st.permutations(appearing))[:draw(st.integers(0, len(appearing)))])
        if "..." in equation:   # NumPy (the reference) cannot sum the ellipsis away
            at = draw(st.integers(0, len(out)))
            out = out[:at] + "..." + out[at:]
        equation += "->" + out
    return equation, shapes


@settings(max_examples=60, deadline=None)
@given(equations())
def test_random_equations_match_numpy_and_gradcheck(problem):
    equation, shapes = problem
    r = np.random.default_rng(len(shapes))
    arrays = [r.uniform(-1, 1, s) for s in shapes]
    inputs = [jg.tensor(a, requires_grad=True) for a in arrays]
    out = jg.einsum(equation, *inputs)
    expected = np.einsum(equation, *arrays)
    assert tuple(out.shape) == expected.shape
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-12, atol=1e-12)
    fn = E(equation)
    assert gradcheck(fn, inputs) and gradgradcheck(fn, inputs)


# ------------------------------------------------------------------ compiled
def test_compiled_three_operand_contraction_is_one_numpy_call_along_a_path():
    q, w, k = jg.randn(8, 10), jg.randn(5, 10, 10), jg.randn(8, 10)
    f = jg.compile(lambda q, w, k: jg.einsum("bq,oqk,bk->bo", q, w, k))
    np.testing.assert_allclose(f(q, w, k).numpy(), np.einsum("bq,oqk,bk->bo", q.numpy(), w.numpy(), k.numpy()),
                               rtol=1e-5, atol=1e-4)
    source = f.explain(q, w, k).schedules["forward"]
    assert source.count("einsum_forward(") == 1 and "optimize=('einsum_path', (0, 1), (0, 1))" in source


# ------------------------------------------------------------------ the seed's examples (§5.1)
SEED_EXAMPLES = [   # (the tutorial's code, run with `import jitgrad as torch`; what it must compute)
    ("A = torch.tensor([[1,2],[3,4.0]])\nB = torch.tensor([[5,6],[7,8.0]])\nC1 = A@B\n"
     "C2 = torch.einsum(\"ik,kj->ij\",[A,B])",
     lambda ns: ns["C1"].tolist() == ns["C2"].tolist() == [[19.0, 22.0], [43.0, 50.0]]),
    ("A = torch.randn(3,4,5)\nB = torch.einsum(\"ijk->ikj\",A)",
     lambda ns: np.array_equal(ns["B"].numpy(), ns["A"].numpy().transpose(0, 2, 1))),
    ("A = torch.randn(5,5)\nB = torch.einsum(\"ii->i\",A)",
     lambda ns: np.array_equal(ns["B"].numpy(), np.diagonal(ns["A"].numpy()))),
    ("A = torch.randn(4,5)\nB = torch.einsum(\"ij->i\",A)",
     lambda ns: np.allclose(ns["B"].numpy(), ns["A"].numpy().sum(1), rtol=1e-6)),
    ("A = torch.randn(5,5)\nB = torch.randn(5,5)\nC = torch.einsum(\"ij,ij->ij\",A,B)",
     lambda ns: np.array_equal(ns["C"].numpy(), ns["A"].numpy() * ns["B"].numpy())),
    ("A = torch.randn(10)\nB = torch.randn(10)\nC = torch.einsum(\"i,i->\",A,B)",
     lambda ns: ns["C"].shape == () and np.isclose(ns["C"].item(), ns["A"].numpy() @ ns["B"].numpy(), rtol=1e-5)),
    ("A = torch.randn(10)\nB = torch.randn(5)\nC = torch.einsum(\"i,j->ij\",A,B)",
     lambda ns: np.array_equal(ns["C"].numpy(), np.outer(ns["A"].numpy(), ns["B"].numpy()))),
    ("A = torch.randn(5,4)\nB = torch.randn(4,6)\nC = torch.einsum(\"ik,kj->ij\",A,B)",
     lambda ns: np.allclose(ns["C"].numpy(), ns["A"].numpy() @ ns["B"].numpy(), rtol=1e-5, atol=1e-6)),
    ("A = torch.randn(3,4,5)\nB = torch.randn(4,3,6)\nC = torch.einsum(\"ijk,jih->kh\",A,B)",
     lambda ns: np.allclose(ns["C"].numpy(), np.tensordot(ns["A"].numpy(), ns["B"].numpy(), axes=[(0, 1), (1, 0)]),
                            rtol=1e-5, atol=1e-5)),
    ("q = torch.randn(10)\nk = torch.randn(10)\nW = torch.randn(5,10,10)\nb = torch.randn(5)\n"
     "a = torch.bilinear(q,k,W,b)",
     lambda ns: np.allclose(ns["a"].numpy(), ns["q"].numpy() @ ns["W"].numpy() @ ns["k"].numpy() + ns["b"].numpy(),
                            rtol=1e-5, atol=1e-5)),
    ("Q = torch.randn(8,10)\nK = torch.randn(8,10)\nW = torch.randn(5,10,10)\nb = torch.randn(5)\n"
     "A = torch.einsum('bq,oqk,bk->bo',Q,W,K) + b",
     lambda ns: ns["A"].shape == (8, 5) and np.allclose(
         ns["A"].numpy(), np.einsum("bq,oqk,bk->bo", ns["Q"].numpy(), ns["W"].numpy(), ns["K"].numpy()) +
         ns["b"].numpy(), rtol=1e-5, atol=1e-5) and np.allclose(
         ns["A"].numpy(), ns["torch"].bilinear(ns["Q"], ns["K"], ns["W"], ns["b"]).numpy(), rtol=1e-5, atol=1e-5)),
    ("Q = torch.randn(8,10)\nK = torch.randn(8,6,10)\nd_k = K.shape[-1]\nS = torch.einsum(\"in,ijn->ij\",Q,K)/d_k",
     lambda ns: ns["S"].shape == (8, 6) and np.allclose(
         ns["S"].numpy(), np.einsum("in,ijn->ij", ns["Q"].numpy(), ns["K"].numpy()) / 10, rtol=1e-5, atol=1e-6)),
]


@pytest.mark.parametrize("code, check", SEED_EXAMPLES)
def test_seed_einsum_examples(code, check):
    namespace = {"torch": jg}
    exec(code, namespace)
    assert check(namespace)
