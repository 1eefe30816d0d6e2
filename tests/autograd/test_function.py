"""Custom autograd.Function: the seed's MyReLU, ctx.save_for_backward / saved_tensors /
needs_input_grad / mark_non_differentiable, saved outputs, errors. Behaviour and messages
checked against torch 2.13's torch.autograd.Function."""
from __future__ import annotations

import numpy as np
import pytest

import jitgrad as jg
import jitgrad as torch  # the seed's code, verbatim


def assert_close(t, expected):
    np.testing.assert_allclose(np.asarray(t.detach()), np.asarray(expected, dtype=np.float64),
                               rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------------------- seed §4.2

class MyReLU(torch.autograd.Function):

    #正向传播逻辑，可以用ctx存储一些值，供反向传播使用。
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    #反向传播逻辑
    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


def test_seed_myrelu_example(capsys):
    w = torch.tensor([[3.0,1.0]],requires_grad=True)
    b = torch.tensor([[3.0]],requires_grad=True)
    X = torch.tensor([[-1.0,-1.0],[1.0,1.0]])
    Y = torch.tensor([[2.0,3.0]])

    relu = MyReLU.apply # relu现在也可以具有正向传播和反向传播功能
    Y_hat = relu(X@w.t() + b)
    loss = torch.mean(torch.pow(Y_hat-Y,2))

    loss.backward()

    print(w.grad) # tensor([[4.5000, 4.5000]])
    print(b.grad) # tensor([[4.5000]])

    # Y_hat的梯度函数即是我们自己所定义的 MyReLU.backward
    print(Y_hat.grad_fn)

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "tensor([[4.5000, 4.5000]])"
    assert out[1] == "tensor([[4.5000]])"
    assert "MyReLUBackward" in out[2]
    assert type(Y_hat.grad_fn).__name__ == "MyReLUBackward"
    assert Y_hat.grad_fn.name() == "MyReLUBackward"
    assert Y_hat.requires_grad and not Y_hat.is_leaf


def test_myrelu_gradient_is_zero_where_input_negative():
    x = jg.tensor([-2.0, -0.5, 0.5, 3.0], requires_grad=True)
    y = MyReLU.apply(x)
    assert_close(y, [0, 0, 0.5, 3])
    (y * jg.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
    assert_close(x.grad, [0, 0, 3, 4])


# ---------------------------------------------------------------------------- ctx

class Scale(jg.autograd.Function):
    """a * b * k with a Python-number argument k, stored on ctx."""
    log: list = []

    @staticmethod
    def forward(ctx, a, b, k):
        Scale.log.append(("forward", ctx.needs_input_grad, jg.is_grad_enabled()))
        ctx.save_for_backward(a, b)
        ctx.k = k
        return a * b * k

    @staticmethod
    def backward(ctx, g):
        Scale.log.append(("backward", ctx.needs_input_grad))
        a, b = ctx.saved_tensors
        ga = g * b * ctx.k if ctx.needs_input_grad[0] else None
        gb = g * a * ctx.k if ctx.needs_input_grad[1] else None
        return ga, gb, None


def test_needs_input_grad_and_ctx_attributes():
    Scale.log.clear()
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = jg.tensor([3.0, 4.0])
    out = Scale.apply(a, b, 2.0)
    assert out.grad_fn.k == 2.0
    out.sum().backward()
    assert_close(a.grad, [6, 8])
    assert b.grad is None
    assert Scale.log == [("forward", (True, False, False), False),
                         ("backward", (True, False, False))]


def test_needs_input_grad_both():
    a = jg.tensor([2.0], requires_grad=True)
    b = jg.tensor([5.0], requires_grad=True)
    Scale.log.clear()
    Scale.apply(a, b, 1.0).sum().backward()
    assert Scale.log[-1] == ("backward", (True, True, False))
    assert_close(a.grad, [5])
    assert_close(b.grad, [2])


def test_forward_runs_without_recording():
    seen = {}

    class Probe(jg.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = x * 2
            seen["inner"] = (y.requires_grad, y.grad_fn)
            return y

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = jg.ones(2, requires_grad=True)
    y = Probe.apply(x)
    assert seen["inner"] == (False, None)
    assert type(y.grad_fn).__name__ == "ProbeBackward"
    # the custom node links straight to the leaf
    (fn, _), = y.grad_fn.next_functions
    assert fn.name().endswith("AccumulateGrad")  # torch: torch::autograd::AccumulateGrad


def test_apply_without_grad_records_nothing():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = MyReLU.apply(jg.ones(2))
    assert not y.requires_grad and y.grad_fn is None
    with jg.no_grad():
        z = MyReLU.apply(x)
    assert not z.requires_grad and z.grad_fn is None


def test_backward_of_function_links_to_upstream_node():
    x = jg.tensor([1.0, -2.0], requires_grad=True)
    y = MyReLU.apply(x * 3)
    (fn, k), = y.grad_fn.next_functions
    assert fn.name() == "MulBackward0" and k == 0
    y.sum().backward()
    assert_close(x.grad, [3, 0])


def test_function_returning_its_input_makes_a_new_output():
    class Id(jg.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g * 3

    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = Id.apply(x)
    assert y is not x and x.is_leaf and x.grad_fn is None
    assert type(y.grad_fn).__name__ == "IdBackward"
    y.sum().backward()
    assert_close(x.grad, [3, 3])


# ---------------------------------------------------------------------------- saving an output

class Exp(jg.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, g):
        result, = ctx.saved_tensors
        return g * result


def test_saving_an_output():
    x = jg.tensor([0.0, 1.0], requires_grad=True)
    y = Exp.apply(x)
    y.sum().backward()
    assert_close(x.grad, [1.0, np.e])


def test_saved_output_modified_in_place_raises():
    x = jg.tensor([0.0, 1.0], requires_grad=True)
    y = Exp.apply(x * 1)
    with jg.no_grad():
        y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_saved_input_modified_in_place_raises():
    x = jg.tensor([-1.0, 1.0], requires_grad=True)
    h = x * 1
    y = MyReLU.apply(h)
    h.mul_(-1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_saved_tensors_after_backward_raise():
    x = jg.tensor([0.0, 1.0], requires_grad=True)
    y = Exp.apply(x)
    y.sum().backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        y.grad_fn.saved_tensors


def test_second_backward_through_function_raises():
    x = jg.tensor([0.0, 1.0], requires_grad=True)
    s = Exp.apply(x).sum()
    s.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        s.backward()


def test_double_backward_through_differentiable_backward():
    x = jg.tensor([0.5, 1.0], requires_grad=True)
    y = Exp.apply(x)
    (g,) = jg.autograd.grad(y.sum(), x, create_graph=True)
    assert_close(g, np.exp([0.5, 1.0]))
    assert g.requires_grad
    g.sum().backward()        # backward used differentiable ops on the saved output
    assert_close(x.grad, np.exp([0.5, 1.0]))


# ---------------------------------------------------------------------------- mark_non_differentiable

class SplitMask(jg.autograd.Function):
    received: list = []

    @staticmethod
    def forward(ctx, x):
        mask = (x > 0).float()
        ctx.mark_non_differentiable(mask)
        ctx.save_for_backward(mask)
        return x * 2, mask

    @staticmethod
    def backward(ctx, g_value, g_mask):
        SplitMask.received.append(g_mask)
        mask, = ctx.saved_tensors
        return g_value * 2 * mask


def test_mark_non_differentiable():
    SplitMask.received.clear()
    x = jg.tensor([3.0, -1.0, 2.0], requires_grad=True)
    value, mask = SplitMask.apply(x)
    assert value.requires_grad and not value.is_leaf
    assert not mask.requires_grad and mask.grad_fn is None and mask.is_leaf
    (value * jg.tensor([1.0, 2.0, 3.0])).sum().backward()
    assert_close(x.grad, [2, 0, 6])
    # the non-differentiable output's gradient arrives materialised as zeros
    (g_mask,) = SplitMask.received
    assert_close(g_mask, [0, 0, 0])


def test_backward_from_non_differentiable_output_raises():
    x = jg.tensor([3.0, -1.0], requires_grad=True)
    _, mask = SplitMask.apply(x)
    with pytest.raises(RuntimeError, match="does not require grad"):
        mask.sum().backward()


# ---------------------------------------------------------------------------- wrong gradients

def test_too_many_gradients_raises():
    class Bad(jg.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g, g

    with pytest.raises(RuntimeError, match=r"function BadBackward returned an incorrect number of "
                                           r"gradients \(expected 1, got 2\)"):
        Bad.apply(jg.ones(2, requires_grad=True)).sum().backward()


def test_too_few_gradients_raises():
    class Bad2(jg.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, g):
            return g

    with pytest.raises(RuntimeError, match=r"incorrect number of gradients \(expected 2, got 1\)"):
        Bad2.apply(jg.ones(2, requires_grad=True), jg.ones(2, requires_grad=True)).sum().backward()


def test_extra_none_gradients_are_allowed():
    class Extra(jg.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2, None, None

    x = jg.ones(2, requires_grad=True)
    Extra.apply(x).sum().backward()
    assert_close(x.grad, [2, 2])


def test_gradient_of_wrong_shape_raises():
    class WrongShape(jg.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return jg.ones(3)

    with pytest.raises(RuntimeError, match=r"WrongShape.*invalid gradient at index 0"):
        WrongShape.apply(jg.ones(2, requires_grad=True)).sum().backward()


def test_save_for_backward_rejects_non_tensors():
    class SavesNumber(jg.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a, 3.0)
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g

    with pytest.raises(TypeError, match="save_for_backward can only save"):
        SavesNumber.apply(jg.ones(2, requires_grad=True))
