"""Tensor.register_hook and retain_grad: what hooks see, replacement, order, removal.
Behaviour checked against torch 2.13."""
from __future__ import annotations

import numpy as np
import pytest

import jitgrad as jg


def assert_close(t, expected):
    np.testing.assert_allclose(np.asarray(t.detach()), np.asarray(expected, dtype=np.float64),
                               rtol=1e-6, atol=1e-6)


def values(t):
    return np.asarray(t.detach()).tolist()


def test_seed_section_4_4_hooks_print_in_torch_order(capsys):
    x = jg.tensor(3.0, requires_grad=True)
    y1 = x + 1
    y2 = 2 * x
    loss = (y1 - y2) ** 2

    y1.register_hook(lambda grad: print('y1 grad: ', grad))
    y2.register_hook(lambda grad: print('y2 grad: ', grad))
    loss.retain_grad()

    loss.backward()
    print("loss.grad:", loss.grad)
    print("x.grad:", x.grad)

    assert capsys.readouterr().out.splitlines() == [
        "y2 grad:  tensor(4.)",
        "y1 grad:  tensor(-4.)",
        "loss.grad: tensor(1.)",
        "x.grad: tensor(4.)",
    ]


def test_leaf_hook_replaces_gradient_and_remove():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    handle = x.register_hook(lambda g: g * 10)
    (x * 3).sum().backward()
    assert_close(x.grad, [30, 30])
    handle.remove()
    x.grad = None
    (x * 3).sum().backward()
    assert_close(x.grad, [3, 3])


def test_non_leaf_hook_replacement_flows_upstream():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.register_hook(lambda g: g * 0 + 1)    # replace dL/dy by ones
    (y * y).sum().backward()
    assert_close(x.grad, [2, 2])


def test_hook_returning_none_keeps_gradient():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    x.register_hook(lambda g: seen.append(values(g)))
    (x * x).sum().backward()
    assert seen == [[2.0, 4.0]]
    assert_close(x.grad, [2, 4])


def test_hooks_chain_in_registration_order():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    seen = []
    y.register_hook(lambda g: seen.append(values(g)))
    y.register_hook(lambda g: g + 1)
    y.register_hook(lambda g: seen.append(values(g)))
    (y * y).sum().backward()
    assert seen == [[4.0, 8.0], [5.0, 9.0]]
    assert_close(x.grad, [10, 18])


def test_removing_a_non_leaf_hook():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    h = y.register_hook(lambda g: g * 100)
    h.remove()
    h.remove()                              # removing twice is harmless
    y.sum().backward()
    assert_close(x.grad, [2, 2])


def test_handle_as_context_manager():
    x = jg.tensor([1.0], requires_grad=True)
    with x.register_hook(lambda g: g * 5):
        (x * 1).sum().backward()
    (x * 1).sum().backward()
    assert_close(x.grad, [6])


def test_leaf_hook_runs_once_on_the_summed_gradient():
    calls = []
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    x.register_hook(lambda g: calls.append(values(g)) or g * g)
    (x * 2 + x * 3).sum().backward()
    assert calls == [[5.0, 5.0]]
    assert_close(x.grad, [25, 25])


def test_non_leaf_hook_runs_once_on_the_summed_gradient():
    calls = []
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    y.register_hook(lambda g: calls.append(values(g)) or g * g)
    (y * 2 + y * 3).sum().backward()
    assert calls == [[5.0, 5.0]]
    assert_close(x.grad, [25, 25])


def test_hooks_apply_to_autograd_grad_results():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.register_hook(lambda g: g * 5)
    (g,) = jg.autograd.grad(y.sum(), x)
    assert_close(g, [10, 10])

    calls = []
    w = jg.tensor([1.0, 2.0], requires_grad=True)
    w.register_hook(lambda g: calls.append("w") or g * g)
    v = jg.tensor([3.0, 4.0], requires_grad=True)
    v.register_hook(lambda g: calls.append("v"))
    (gw,) = jg.autograd.grad((w * 2 + w * 3 + v).sum(), w)
    assert_close(gw, [25, 25])
    assert calls == ["w"]          # hooks of leaves not asked for do not run
    assert w.grad is None


def test_hook_on_leaf_for_backward_on_the_leaf_itself():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    x.register_hook(lambda g: g * 3)
    x.backward(jg.tensor([1.0, 1.0]))
    assert_close(x.grad, [3, 3])


def test_backward_inputs_runs_leaf_hook_once():
    calls = []
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    w = jg.tensor([3.0, 4.0], requires_grad=True)
    w.register_hook(lambda g: calls.append("w") or g * 2)
    x.register_hook(lambda g: calls.append("x"))
    (x * w).sum().backward(inputs=[w])
    assert calls == ["w"]
    assert_close(w.grad, [2, 4])
    assert x.grad is None


def test_retain_grad_sees_hook_result_regardless_of_order():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    y.register_hook(lambda g: g * 0)
    y.sum().backward()
    assert_close(y.grad, [0, 0])
    assert_close(x.grad, [0, 0])


def test_hook_sees_differentiable_gradient_under_create_graph():
    x = jg.tensor(2.0, requires_grad=True)
    y = x ** 3
    seen = []
    y.register_hook(lambda g: seen.append(g))
    z = y * y
    (gx,) = jg.autograd.grad(z, x, create_graph=True)
    assert seen[0].item() == 16.0          # dz/dy = 2y
    assert seen[0].requires_grad
    assert gx.item() == 6 * 2.0 ** 5


def test_register_hook_requires_grad():
    with pytest.raises(RuntimeError, match="cannot register a hook on a tensor that doesn't require gradient"):
        jg.ones(2).register_hook(lambda g: g)


def test_hook_on_multi_use_intermediate_sees_total():
    x = jg.tensor(3.0, requires_grad=True)
    y = x * x
    seen = []
    y.register_hook(lambda g: seen.append(g.item()))
    (y * 2 + y * 5).backward()
    assert seen == [7.0]
    assert x.grad.item() == 7 * 6.0
