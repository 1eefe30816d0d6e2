"""The optimisers' updates for parameters on the GPU, as tensor ops (each a CUDA kernel).

On the CPU the updates work on the parameters' NumPy arrays in place (``sgd.py``,
``adam.py``); a CUDA parameter's memory is a device array that NumPy cannot touch, so the
same formulas run here as jitgrad ops under ``no_grad`` — the same numbers, on the device.
"""
from __future__ import annotations

from ..autograd import grad_mode


def sgd_update(p, state, lr, momentum, dampening, weight_decay, nesterov, maximize):
    with grad_mode.no_grad():
        g = -p._grad if maximize else p._grad
        if weight_decay != 0:
            g = g + weight_decay * p
        if momentum != 0:
            buffer = state.get("momentum_buffer")
            if buffer is None:
                buffer = state["momentum_buffer"] = g.clone()
            else:
                buffer.mul_(momentum).add_(g if dampening == 0 else g * (1 - dampening))
            g = g + momentum * buffer if nesterov else buffer
        p.add_(g * -lr)


def adam_update(p, state, step, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled):
    with grad_mode.no_grad():
        if "exp_avg" not in state:
            state["exp_avg"], state["exp_avg_sq"] = p.detach() * 0, p.detach() * 0
            if amsgrad:
                state["max_exp_avg_sq"] = p.detach() * 0
        g = -p._grad if maximize else p._grad
        if weight_decay != 0 and decoupled:
            p.mul_(1 - lr * weight_decay)
        elif weight_decay != 0:
            g = g + weight_decay * p
        m, v = state["exp_avg"], state["exp_avg_sq"]
        m.add_((g - m) * (1 - beta1))
        v.mul_(beta2).add_(g * g * (1 - beta2))
        if amsgrad:
            state["max_exp_avg_sq"].copy_(v.maximum(state["max_exp_avg_sq"]))
            v = state["max_exp_avg_sq"]
        denom = v.sqrt() / (1 - beta2 ** step) ** 0.5 + eps
        p.add_(m * (-lr / (1 - beta1 ** step)) / denom)
