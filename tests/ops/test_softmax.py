"""softmax and log_softmax: forward against NumPy, gradients by finite differences, and the
values, gradients and errors torch 2.13 gives (recorded as literals; torch is not needed)."""
import numpy as np
import pytest

import jitgrad as jg

rng = np.random.default_rng(11)


def U(*shape):
    return rng.uniform(-3, 3, shape)


def np_softmax(x, dim):
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return e / e.sum(axis=dim, keepdims=True)


def np_log_softmax(x, dim):
    s = x - x.max(axis=dim, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=dim, keepdims=True))


T43 = U(4, 3)    # used transposed: a non-contiguous input

GRAD_CASES = [
    pytest.param("softmax", lambda a: jg.softmax(a, -1), [U(2, 5)], True, id="softmax-last"),
    pytest.param("softmax", lambda a: a.softmax(0), [U(3, 2, 4)], True, id="softmax-first"),
    pytest.param("softmax", lambda a: jg.softmax(a.t(), 1), [T43], True, id="softmax-transposed"),
    pytest.param("softmax", lambda a: jg.softmax(a, 0), [U()], True, id="softmax-0d"),
    pytest.param("log_softmax", lambda a: jg.log_softmax(a, 1), [U(2, 5)], True, id="log_softmax"),
    pytest.param("log_softmax", lambda a: a.log_softmax(dim=-2), [U(3, 2, 4)], True, id="log_softmax-middle"),
    pytest.param("log_softmax", lambda a: jg.log_softmax(a.t(), 0), [T43], True, id="log_softmax-transposed"),
]

FORWARD_CASES = [
    pytest.param("softmax", lambda a: jg.softmax(a, 1), lambda a: np_softmax(a, 1), [U(3, 4)], id="softmax"),
    pytest.param("softmax", lambda a: a.softmax(-3), lambda a: np_softmax(a, 0), [U(2, 3, 2)], id="softmax-neg"),
    pytest.param("softmax", lambda a: jg.softmax(a * 200.0, 1), lambda a: np_softmax(a * 200.0, 1), [U(2, 3)],
                 id="softmax-large-logits"),
    pytest.param("log_softmax", lambda a: jg.log_softmax(a, 0), lambda a: np_log_softmax(a, 0), [U(3, 4)],
                 id="log_softmax"),
    pytest.param("log_softmax", lambda a: jg.log_softmax(a * 200.0, -1), lambda a: np_log_softmax(a * 200.0, -1),
                 [U(2, 3)], id="log_softmax-large-logits"),
]



X = [[0.5, -1.0, 2.0], [3.0, 0.0, -0.5]]
W = [[1.0, 2.0, -1.0], [0.5, 0.0, 3.0]]


def test_values_and_gradients_match_torch():
    x = jg.tensor(X, dtype=jg.float64, requires_grad=True)
    np.testing.assert_allclose(jg.softmax(x, 1).detach().numpy(), [
        [0.1752903921400367, 0.039112573270687456, 0.7855970345892759],
        [0.9259392562016979, 0.04609980105300302, 0.027960942745299075]], rtol=1e-12)
    np.testing.assert_allclose(jg.log_softmax(x, 0).detach().numpy(), [
        [-2.5788897342925496, -1.3132616875182228, -0.07888973429254957],
        [-0.07888973429254957, -0.31326168751822286, -2.5788897342925496]], rtol=1e-12)
    w = jg.tensor(W, dtype=jg.float64)
    (jg.softmax(x, 1) * w).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [
        [0.26855916620818354, 0.09903622303604824, -0.3675953892442318],
        [-0.04338252857166928, -0.02520978944247002, 0.0685923180141393]], rtol=1e-12)
    x.grad = None
    (jg.log_softmax(x, 0) * w).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [
        [0.8862127299681347, 1.4621171572600098, -2.848283639957513],
        [-0.8862127299681348, -1.4621171572600098, 2.848283639957513]], rtol=1e-12)


def test_names_dtypes_and_edge_cases_as_torch():
    x = jg.randn(2, 3, requires_grad=True)
    assert jg.softmax(x, 1).grad_fn.name() == "SoftmaxBackward0"
    assert jg.log_softmax(x, 1).grad_fn.name() == "LogSoftmaxBackward0"
    y = jg.softmax(jg.tensor([1, 2]), 0, dtype=jg.float64)         # an int tensor, computed as float64
    assert y.dtype is jg.float64
    np.testing.assert_allclose(y.numpy(), [0.2689414213699951, 0.7310585786300049])
    assert jg.softmax(jg.tensor(2.0), 0).item() == 1.0
    assert jg.softmax(jg.zeros(0, 3), 1).shape == (0, 3)
    assert np.isnan(jg.softmax(jg.tensor([float("inf"), 1.0]), 0).numpy()).all()   # as torch: nan
    h = jg.softmax(x.double(), 1, dtype=jg.float32)
    h.sum().backward()                                            # the gradient comes back as float32
    assert h.dtype is jg.float32 and x.grad.dtype is jg.float32


@pytest.mark.parametrize("call, error, message", [
    (lambda: jg.softmax(jg.tensor([1, 2]), 0), NotImplementedError, "not implemented for int64"),
    (lambda: jg.softmax(jg.ones(2, 3), 2), IndexError, "Dimension out of range"),
    (lambda: jg.softmax(jg.ones(2, 3)), TypeError, 'missing 1 required positional arguments: "dim"'),
    (lambda: jg.log_softmax(jg.ones(2), -2), IndexError, "expected to be in range of [-1, 0]"),
])
def test_errors_as_torch(call, error, message):
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        call()


def test_compiled_softmax_matches_eager_with_gradients():
    f = jg.compile(lambda a: (jg.log_softmax(a, 1) * 2.0).sum())
    x = jg.tensor(U(4, 5), requires_grad=True)
    x2 = jg.tensor(x.detach().numpy(), requires_grad=True)
    f(x).backward()
    (jg.log_softmax(x2, 1) * 2.0).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), x2.grad.numpy(), rtol=1e-10)
