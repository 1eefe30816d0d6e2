"""gradcheck / gradgradcheck themselves: they pass right gradients, catch wrong ones, and take
inputs of any size, empty ones included."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad.autograd import Function, gradcheck, gradgradcheck
from jitgrad.autograd.gradcheck import GradcheckError


class WrongSquare(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * x            # the right gradient is 2 * g * x


def x64(*shape):
    return jg.tensor(np.random.default_rng(0).uniform(-1, 1, shape), requires_grad=True)


def test_right_gradients_pass_first_and_second_order():
    assert gradcheck(lambda a: (a * a).sin(), [x64(2, 3)])
    assert gradgradcheck(lambda a: (a * a).sin(), [x64(2, 3)])


def test_a_wrong_gradient_is_caught():
    with pytest.raises(GradcheckError, match="Jacobian mismatch"):
        gradcheck(WrongSquare.apply, [x64(3)])
    assert gradcheck(WrongSquare.apply, [x64(3)], raise_exception=False) is False


def test_empty_inputs_have_nothing_to_check_and_pass():
    assert gradcheck(lambda a: (a * 2).sum(0), [x64(0, 3)])


def test_non_contiguous_inputs_are_refused_clearly():
    t = jg.tensor(np.ones((3, 2)), requires_grad=True).t()
    with pytest.raises(GradcheckError, match="must be contiguous"):
        gradcheck(lambda a: a * 2, [t])
