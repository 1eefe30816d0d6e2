"""Tensor.backward: errors, gradient=, retain_graph, accumulation, leaf/non-leaf flags.

Expected values and error types were checked against torch 2.13 (CPU); torch is not
needed to run these tests.
"""
from __future__ import annotations

import numpy as np
import pytest

import jitgrad as jg

SECOND_TIME = "Trying to backward through the graph a second time"


def assert_close(t, expected):
    np.testing.assert_allclose(np.asarray(t.detach()), np.asarray(expected, dtype=np.float64),
                               rtol=1e-6, atol=1e-6)


# ---------------------------------------------------------------------------- errors

def test_non_scalar_output_without_gradient_raises():
    x = jg.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar outputs"):
        (x * 2).backward()
    assert x.grad is None


def test_backward_of_tensor_that_does_not_require_grad_raises():
    with pytest.raises(RuntimeError, match="does not require grad and does not have a grad_fn"):
        jg.ones(3).sum().backward()


def test_backward_under_no_grad_output_raises():
    x = jg.ones(3, requires_grad=True)
    with jg.no_grad():
        y = (x * 2).sum()
    with pytest.raises(RuntimeError, match="does not require grad"):
        y.backward()


def test_second_backward_names_retain_graph():
    x = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match=SECOND_TIME) as info:
        y.backward()
    assert "retain_graph=True" in str(info.value)
    assert_close(x.grad, [2, 4, 6])  # the failed call added nothing


def test_retain_graph_allows_second_backward_then_frees():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()                      # the second one frees the graph
    assert_close(x.grad, [4, 8])
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        y.backward()


def test_seed_example_second_backward_raises():
    # seed §4.1: the graph is destroyed right after backward
    w = jg.tensor([[3.0, 1.0]], requires_grad=True)
    b = jg.tensor([[3.0]], requires_grad=True)
    X = jg.randn(10, 2)
    Y = jg.randn(10, 1)
    Y_hat = X @ w.t() + b
    loss = jg.mean(jg.pow(Y_hat - Y, 2))
    loss.backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        loss.backward()


def test_gradient_shape_mismatch():
    x = jg.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="Mismatch in shape"):
        (x * 2).backward(jg.ones(2))


def test_gradient_must_be_tensor():
    x = jg.ones(3, requires_grad=True)
    with pytest.raises(TypeError):
        (x * 2).sum().backward(1.0)


# ---------------------------------------------------------------------------- values

def test_gradient_argument_weights_non_scalar_output():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    (x * x).backward(jg.tensor([1.0, 10.0]))
    assert_close(x.grad, [2, 40])


def test_backward_on_leaf_itself():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    x.backward(jg.tensor([3.0, 4.0]))
    assert_close(x.grad, [3, 4])


def test_seed_section_4_1_linear_regression_gradients():
    w = jg.tensor([[3.0, 1.0]], requires_grad=True)
    b = jg.tensor([[3.0]], requires_grad=True)
    X = jg.tensor([[1.0, 2.0], [-1.0, 0.5], [0.0, 1.0]])
    Y = jg.tensor([[1.0], [2.0], [3.0]])
    loss = jg.mean(jg.pow(X @ w.t() + b - Y, 2))
    loss.backward()
    # d/dw mean((Xw^T + b - Y)^2) = 2/n * r^T X, r = residual
    r = X.numpy() @ np.array([[3.0], [1.0]]) + 3.0 - Y.numpy()
    assert_close(w.grad, 2 / 3 * r.T @ X.numpy())
    assert_close(b.grad, [[2 / 3 * r.sum()]])
    assert w.grad.shape == w.shape and b.grad.shape == b.shape


def test_broadcast_gradient_is_summed_to_input_shape():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    s = jg.tensor(3.0, requires_grad=True)
    (x * s).sum().backward()
    assert_close(x.grad, [3, 3])
    assert s.grad.shape == () and s.grad.item() == 3.0


def test_grad_dtype_follows_leaf_dtype():
    x = jg.tensor([1.0, 2.0], dtype=jg.float64, requires_grad=True)
    (x * jg.tensor([1.0, 2.0])).sum().backward()
    assert x.grad.dtype == jg.float64


def test_input_used_twice_gets_summed_gradient():
    x = jg.tensor(3.0, requires_grad=True)
    y = x * x + x * 2 + x
    y.backward()
    assert x.grad.item() == 2 * 3.0 + 3


def test_detach_stops_gradient():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    (x.detach() * x).sum().backward()
    assert_close(x.grad, [1, 2])


def test_seed_section_4_3_chain_rule():
    x = jg.tensor(3.0, requires_grad=True)
    y1 = x + 1
    y2 = 2 * x
    loss = (y1 - y2) ** 2
    loss.backward()
    assert x.grad.item() == 4.0


# ---------------------------------------------------------------------------- accumulation

def test_gradients_accumulate_across_calls():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    for _ in range(3):
        (x * x).sum().backward()
    assert_close(x.grad, [6, 12])


def test_accumulation_with_retained_graph():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert_close(x.grad, [4, 8])


def test_zero_and_none_reset_accumulation():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    (x * 3).sum().backward()
    x.grad.zero_()
    (x * 3).sum().backward()
    assert_close(x.grad, [3, 3])
    x.grad = None
    (x * 5).sum().backward()
    assert_close(x.grad, [5, 5])


def test_grad_is_not_aliased_between_leaves():
    # add's vjp passes the same gradient to both inputs: each leaf must own its .grad
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = jg.tensor([1.0, 2.0], requires_grad=True)
    (a + b).sum().backward()
    a.grad.add_(100)
    assert_close(b.grad, [1, 1])


def test_create_graph_makes_grad_differentiable():
    x = jg.tensor(3.0, requires_grad=True)
    (x ** 2).backward(create_graph=True)
    g = x.grad
    assert g.item() == 6.0 and g.requires_grad
    x.grad = None
    g.backward()
    assert x.grad.item() == 2.0


def test_backward_inputs_restricts_accumulation():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    w = jg.tensor([3.0, 4.0], requires_grad=True)
    (x * w).sum().backward(inputs=[w])
    assert_close(w.grad, [1, 2])
    assert x.grad is None


# ---------------------------------------------------------------------------- flags

def test_is_leaf_and_requires_grad_flags():
    x = jg.tensor(3.0, requires_grad=True)
    c = jg.tensor(1.0)
    y = x + 1
    assert x.is_leaf and x.requires_grad and x.grad_fn is None
    assert c.is_leaf and not c.requires_grad
    assert not y.is_leaf and y.requires_grad and y.grad_fn is not None
    z = c * 2                       # no input requires grad: a leaf, no grad_fn
    assert z.is_leaf and not z.requires_grad and z.grad_fn is None


def test_requires_grad_underscore_returns_self():
    t = jg.ones(2)
    assert t.requires_grad_() is t
    assert t.requires_grad and t.is_leaf
    t.requires_grad = False
    assert not t.requires_grad


def test_requires_grad_on_integer_tensor_raises():
    with pytest.raises(RuntimeError, match="only Tensors of floating point"):
        jg.tensor([1, 2]).requires_grad_()


def test_requires_grad_false_on_non_leaf_raises():
    y = jg.ones(2, requires_grad=True) * 2
    with pytest.raises(RuntimeError, match="you can only change requires_grad flags of leaf variables"):
        y.requires_grad_(False)
    with pytest.raises(RuntimeError, match="only change requires_grad flags of leaf"):
        y.requires_grad = False


def test_non_leaf_grad_is_none_and_warns():
    x = jg.tensor(3.0, requires_grad=True)
    y = x * 2
    (y * y).backward()
    with pytest.warns(UserWarning, match="retain_grad"):
        assert y.grad is None


def test_retain_grad_keeps_non_leaf_grad():
    x = jg.tensor(3.0, requires_grad=True)
    y = x * 2
    y.retain_grad()
    assert y.retains_grad
    (y * y).backward()
    assert y.grad.item() == 12.0
    assert x.grad.item() == 24.0


def test_retain_grad_accumulates_over_retained_backwards():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    z = (y * 3).sum()
    z.backward(retain_graph=True)
    z.backward()
    assert_close(y.grad, [6, 6])
    assert_close(x.grad, [12, 12])


def test_retain_grad_on_leaf_is_a_no_op_and_requires_grad_checked():
    x = jg.ones(2, requires_grad=True)
    x.retain_grad()
    assert not x.retains_grad
    with pytest.raises(RuntimeError, match="can't retain_grad on Tensor that has requires_grad=False"):
        jg.ones(2).retain_grad()


def test_detach_and_data():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    d = y.detach()
    assert not d.requires_grad and d.is_leaf and d.grad_fn is None
    assert np.shares_memory(d.numpy(), y.detach().numpy())
    data = y.data
    assert not data.requires_grad and data.is_leaf
    data.fill_(7.0)            # .data writes the same memory, unseen by autograd
    assert_close(y, [7, 7])


def test_data_setter_keeps_leaf_flags():
    x = jg.ones(2, requires_grad=True)
    x.data = jg.zeros(2)
    assert_close(x, [0, 0])
    assert x.requires_grad and x.is_leaf


def test_grad_setter_checks_shape():
    x = jg.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match=r"assign a gradient of size '\[3\]' to a tensor of size '\[2\]'"):
        x.grad = jg.ones(3)
    with pytest.raises(TypeError):
        x.grad = [1.0, 1.0]
