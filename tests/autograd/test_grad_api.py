"""jitgrad.autograd.grad: outputs/inputs/grad_outputs, retain_graph, create_graph (higher
order), allow_unused. Expectations checked against torch 2.13's torch.autograd.grad."""
from __future__ import annotations

import math

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.autograd import grad


def assert_close(t, expected):
    np.testing.assert_allclose(np.asarray(t.detach()), np.asarray(expected, dtype=np.float64),
                               rtol=1e-5, atol=1e-6)


def test_returns_tuple_and_leaves_dot_grad_alone():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    result = grad((x * x).sum(), x)
    assert isinstance(result, tuple) and len(result) == 1
    assert_close(result[0], [2, 4])
    assert x.grad is None


def test_several_inputs_and_non_leaf_input():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    m = x * 3
    y = (m * m).sum()
    gm, gx = grad(y, [m, x])
    assert_close(gm, [6, 12])
    assert_close(gx, [18, 36])


def test_several_outputs_sum_their_gradients():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    (g,) = grad([(x * 2).sum(), (x * x).sum()], x)
    assert_close(g, [4, 6])


def test_grad_outputs_weight_a_non_scalar_output():
    x = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (g,) = grad(x * x, x, grad_outputs=jg.tensor([1.0, 0.0, 2.0]))
    assert_close(g, [2, 0, 12])


def test_grad_of_output_with_respect_to_itself():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    s = (x * 2).sum()
    (g,) = grad(s, s)
    assert g.item() == 1.0


def test_non_scalar_output_without_grad_outputs_raises():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar outputs"):
        grad(x * 2, x)


def test_output_count_mismatch_raises():
    x = jg.ones(3, requires_grad=True)
    y = (x * x).sum()
    with pytest.raises(RuntimeError, match="got 2 tensors and 1 gradients"):
        grad([y, y], x, grad_outputs=[jg.tensor(1.0)])


def test_input_that_does_not_require_grad_raises():
    x = jg.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="One of the differentiated Tensors .*does not require grad"):
        grad((x * x).sum(), [jg.ones(2)])


# ---------------------------------------------------------------------------- allow_unused

def test_unused_input_raises_by_default():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    z = jg.tensor(1.0, requires_grad=True)
    with pytest.raises(RuntimeError, match="appears to not have been used in the graph") as info:
        grad((x * x).sum(), [x, z])
    assert "allow_unused=True" in str(info.value)


def test_allow_unused_gives_none():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    z = jg.tensor(1.0, requires_grad=True)
    gx, gz = grad((x * x).sum(), [x, z], allow_unused=True)
    assert_close(gx, [2, 4])
    assert gz is None


def test_materialize_grads_gives_zeros():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    z = jg.tensor([5.0, 6.0, 7.0], requires_grad=True)
    gx, gz = grad((x * x).sum(), [x, z], materialize_grads=True)
    assert_close(gz, [0, 0, 0])


def test_input_reachable_only_through_detach_is_unused():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    z = jg.tensor(2.0, requires_grad=True)
    w = (z * x.detach()).sum()
    with pytest.raises(RuntimeError, match="appears to not have been used"):
        grad(w, [z, x], retain_graph=True)
    gz, gx = grad(w, [z, x], allow_unused=True)
    assert gz.item() == 3.0 and gx is None


# ---------------------------------------------------------------------------- retain_graph

def test_graph_is_freed_after_grad():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    grad(y, x)
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        grad(y, x)


def test_retain_graph_allows_second_call():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    (g1,) = grad(y, x, retain_graph=True)
    (g2,) = grad(y, x)
    assert_close(g1, [2, 4])
    assert_close(g2, [2, 4])


def test_grad_then_backward_with_retained_graph_accumulates_once():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    grad(y, x, retain_graph=True)
    y.backward()
    assert_close(x.grad, [2, 4])


# ---------------------------------------------------------------------------- higher order

def test_second_and_third_derivative_of_cube():
    x = jg.tensor(2.0, requires_grad=True)
    y = x ** 3
    (d1,) = grad(y, x, create_graph=True)            # 3x^2
    assert d1.item() == 12.0 and d1.requires_grad and d1.grad_fn is not None
    (d2,) = grad(d1, x, create_graph=True)           # 6x
    assert d2.item() == 12.0
    (d3,) = grad(d2, x)                              # 6
    assert d3.item() == 6.0
    assert not d3.requires_grad
    assert x.grad is None


def test_without_create_graph_result_is_constant():
    x = jg.tensor(2.0, requires_grad=True)
    (d1,) = grad(x ** 3, x)
    assert not d1.requires_grad and d1.grad_fn is None


def test_hessian_vector_style_second_order():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x.sin() * x).sum()
    (g,) = grad(y, x, create_graph=True)
    assert_close(g, [math.sin(1) + math.cos(1), math.sin(2) + 2 * math.cos(2)])
    (h,) = grad(g.sum(), x)
    # d/dx (sin x + x cos x) = 2 cos x - x sin x
    assert_close(h, [2 * math.cos(1) - math.sin(1), 2 * math.cos(2) - 2 * math.sin(2)])


def test_gradient_penalty_backward_through_grad():
    # d/dw of (d/dx (w*x^2))^2 = d/dw (2wx)^2 = 8 w x^2
    x = jg.tensor(3.0, requires_grad=True)
    w = jg.tensor(0.5, requires_grad=True)
    (gx,) = grad(w * x * x, x, create_graph=True)
    (gx ** 2).backward()
    assert w.grad.item() == pytest.approx(8 * 0.5 * 9)
    assert x.grad.item() == pytest.approx(8 * 0.25 * 3)   # d/dx (2wx)^2 = 8 w^2 x


def test_create_graph_of_mixed_partial():
    x = jg.tensor(2.0, requires_grad=True)
    y = jg.tensor(3.0, requires_grad=True)
    f = x * x * y
    (fx,) = grad(f, x, create_graph=True)            # 2xy
    (fxy,) = grad(fx, y)                              # 2x
    assert fx.item() == 12.0 and fxy.item() == 4.0
