"""Optimiser steps and autograd: the update is in place on the parameter's memory, records no
graph, and bumps the version counter the parameter shares with its views and detached aliases,
so a backward that saved the old value fails (torch's check) instead of giving a wrong gradient.
And the whole loop — forward, backward, step, zero_grad — trains a small model."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad.autograd.live_graph import LIVE
from jitgrad.optim import SGD, Adam, AdamW

OPTIMIZERS = {
    "sgd": lambda ps: SGD(ps, lr=0.1),
    "sgd-momentum": lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=1e-3),
    "adam": lambda ps: Adam(ps, lr=0.1),
    "adamw": lambda ps: AdamW(ps, lr=0.1),
}


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_step_writes_in_place_and_bumps_the_shared_version(name):
    p = jg.tensor(np.linspace(-1, 1, 6).reshape(2, 3), requires_grad=True)
    memory, alias, row = p._data, p.detach(), p.detach()[0]
    opt = OPTIMIZERS[name]([p])
    for step in range(1, 3):
        p.grad = jg.ones(2, 3, dtype=jg.float64)
        before = p._version_count
        opt.step()
        assert p._data is memory
        assert p._version_count > before
        assert alias._version_count == row._version_count == p._version_count
    assert p.is_leaf and p.grad_fn is None and p.requires_grad
    np.testing.assert_array_equal(alias.numpy(), p.detach().numpy())


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_backward_through_a_value_saved_before_the_step_fails(name):
    p = jg.tensor([1.0, 2.0], requires_grad=True)
    opt = OPTIMIZERS[name]([p])
    loss = (p * p).sum()          # mul saves p
    p.grad = jg.ones(2)
    opt.step()
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_step_records_nothing(name):
    p = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    opt = OPTIMIZERS[name]([p])
    (p * 2).sum().backward()
    nodes = LIVE.number_of_nodes()
    opt.step()
    assert LIVE.number_of_nodes() == nodes
    assert p.grad_fn is None and p.grad.grad_fn is None


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_parameters_without_a_gradient_are_left_alone(name):
    p, frozen = jg.tensor([1.0, 2.0], requires_grad=True), jg.tensor([3.0, 4.0], requires_grad=True)
    opt = OPTIMIZERS[name]([p, frozen])
    p.grad = jg.ones(2)
    opt.step()
    np.testing.assert_array_equal(frozen.detach().numpy(), [3.0, 4.0])
    assert frozen._version_count == 0 and frozen not in opt.state


def test_non_contiguous_parameter_and_gradient():
    base = jg.tensor(np.arange(12.0).reshape(3, 4))
    p = base.t().detach().requires_grad_()           # a transposed (non-contiguous) leaf
    grad = jg.tensor(np.arange(12.0).reshape(4, 3) * 0.5)
    reference = p.detach().numpy().copy()
    p.grad = jg.tensor(np.ascontiguousarray(grad.numpy().T)).t()   # non-contiguous too
    opt = Adam([p], lr=0.1)
    opt.step()
    # Adam's first step moves every coordinate by ~lr * sign(grad)
    np.testing.assert_allclose(p.detach().numpy(), reference - 0.1 * np.sign(grad.numpy()), rtol=1e-6)
    np.testing.assert_array_equal(base.numpy().T, p.detach().numpy())   # written through the view


def test_read_only_parameter_is_refused():
    p = jg.ones(1).expand(3).detach().requires_grad_()
    p.grad = jg.ones(3)
    with pytest.raises(RuntimeError, match=r"SGD.step\(\): a parameter of shape \[3\] is a read-only view"):
        SGD([p], lr=0.1).step()


@pytest.mark.parametrize("name, steps", [("sgd-momentum", 150), ("adam", 150), ("adamw", 150)])
def test_trains_a_linear_regression(name, steps):
    rng = np.random.default_rng(5)
    x = jg.tensor(rng.standard_normal((64, 3)), dtype=jg.float32)
    true_w = np.array([[1.5], [-2.0], [0.5]], np.float32)
    y = x @ jg.tensor(true_w) + 0.25
    w = jg.zeros(3, 1, requires_grad=True)
    b = jg.zeros(1, requires_grad=True)
    opt = OPTIMIZERS[name]([w, b])
    for _ in range(steps):
        opt.zero_grad()
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        opt.step()
    assert w.dtype is jg.float32 and b.dtype is jg.float32
    tolerance = 0.05 if name != "adamw" else 0.1       # AdamW's decay pulls weights toward 0
    np.testing.assert_allclose(w.detach().numpy(), true_w, atol=tolerance)
    np.testing.assert_allclose(b.detach().numpy(), [0.25], atol=tolerance)
