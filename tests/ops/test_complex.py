"""Complex tensors: what torch computes on them jitgrad computes too (against NumPy), what torch
refuses (anything that orders or rounds values) jitgrad refuses, and none of them carries a
gradient (jitgrad's rules are real ones; see test_creation_dtypes for the refusal)."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad.ops import REGISTRY

Z = np.array([[1 + 2j, 3 - 1j, -0.5j], [2.0, 1j, 1 - 1j]], np.complex128)
W = np.array([[0.5 - 1j, 2 + 0j, 1 + 1j], [-1j, 3 + 2j, 0.25 + 0j]], np.complex128)

COMPUTED = [
    ("add", lambda x, y: x + y, lambda z, w: z + w), ("div", lambda x, y: x / y, lambda z, w: z / w),
    ("pow", lambda x, y: x ** 2, lambda z, w: z ** 2), ("exp", lambda x, y: jg.exp(x), lambda z, w: np.exp(z)),
    ("log", lambda x, y: jg.log(x), lambda z, w: np.log(z)), ("sqrt", lambda x, y: jg.sqrt(x), lambda z, w: np.sqrt(z)),
    ("tanh", lambda x, y: jg.tanh(x), lambda z, w: np.tanh(z)), ("abs", lambda x, y: jg.abs(x), lambda z, w: np.abs(z)),
    ("eq", lambda x, y: x == y, lambda z, w: z == w), ("sum", lambda x, y: x.sum(0), lambda z, w: z.sum(0)),
    ("mean", lambda x, y: x.mean(1), lambda z, w: z.mean(1)), ("prod", lambda x, y: x.prod(), lambda z, w: z.prod()),
    ("cumsum", lambda x, y: jg.cumsum(x, 1), lambda z, w: np.cumsum(z, 1)),
    ("var", lambda x, y: x.var(), lambda z, w: z.var(ddof=1)), ("std", lambda x, y: x.std(1), lambda z, w: z.std(1, ddof=1)),
    ("matmul", lambda x, y: x @ y.mT, lambda z, w: z @ w.T),
    ("einsum", lambda x, y: jg.einsum("ij,ij->i", x, y), lambda z, w: np.einsum("ij,ij->i", z, w)),
    ("inverse", lambda x, y: jg.inverse(x[:, :2]), lambda z, w: np.linalg.inv(z[:, :2])),
    ("cat", lambda x, y: jg.cat([x, y]), lambda z, w: np.concatenate([z, w])),
    ("index_select", lambda x, y: jg.index_select(x, 1, jg.tensor([2, 0])), lambda z, w: z[:, [2, 0]]),
]


@pytest.mark.parametrize("fn, reference", [c[1:] for c in COMPUTED], ids=[c[0] for c in COMPUTED])
def test_what_torch_computes_on_complex_tensors_matches_numpy(fn, reference):
    got, want = fn(jg.tensor(Z), jg.tensor(W)), reference(Z, W)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-12)
    assert got.dtype.np == np.asarray(want).dtype


REFUSED = {
    "max_all": lambda x: x.max(), "min_all": lambda x: x.min(), "max_dim": lambda x: x.max(1),
    "min_dim": lambda x: x.min(0), "amax": lambda x: jg.amax(x, 1), "amin": lambda x: jg.amin(x, 0),
    "argmax": lambda x: x.argmax(), "argmin": lambda x: x.argmin(1), "median_all": lambda x: x.median(),
    "median_dim": lambda x: x.median(1), "sort": lambda x: x.sort(), "topk": lambda x: x.topk(1),
    "cummax": lambda x: jg.cummax(x, 0), "cummin": lambda x: jg.cummin(x, 1), "maximum": lambda x: jg.maximum(x, x),
    "minimum": lambda x: jg.minimum(x, x), "clamp": lambda x: x.clamp(0, 1), "relu": lambda x: x.relu(),
    "floor": lambda x: x.floor(), "ceil": lambda x: x.ceil(), "trunc": lambda x: x.trunc(), "round": lambda x: x.round(),
    "round_decimals": lambda x: x.round(decimals=1), "sign": lambda x: x.sign(), "fmod": lambda x: jg.fmod(x, x),
    "remainder": lambda x: x % x, "floor_divide": lambda x: x // x, "div_trunc": lambda x: jg.div(x, x, rounding_mode="trunc"),
    "div_floor": lambda x: jg.div(x, x, rounding_mode="floor"), "lt": lambda x: x < x, "le": lambda x: x <= x,
    "gt": lambda x: x > 1, "ge": lambda x: x >= 1, "max_pool": lambda x: jg.nn.functional.max_pool1d(x, 2),
}


def test_every_op_that_orders_values_is_listed_here():
    assert set(REFUSED) == {name for name, op in REGISTRY.items() if op.real_only}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_ops_that_order_or_round_refuse_complex_inputs(name):
    error = REGISTRY[name].real_only if isinstance(REGISTRY[name].real_only, type) else NotImplementedError
    with pytest.raises(error, match="not implemented for 'ComplexDouble'"):
        REFUSED[name](jg.tensor(Z))
    with pytest.raises(error, match="complex numbers have no order"):        # compiled too
        jg.compile(REFUSED[name])(jg.tensor(Z))
