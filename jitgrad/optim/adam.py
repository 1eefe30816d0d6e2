"""``Adam`` and ``AdamW``, as torch's (its single-tensor CPU path, in its order of operations)::

    g = -grad if maximize else grad
    p = p * (1 - lr * weight_decay)     AdamW (decoupled weight decay)
    g = g + weight_decay * p            Adam with weight_decay != 0
    m = lerp(m, g, 1 - beta1)           v = beta2 * v + (1 - beta2) * g * g
    v_max = max(v_max, v)               amsgrad (the denominator then reads v_max)
    p = p - lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)

AdamW is Adam with ``decoupled_weight_decay=True`` and a default weight decay of 1e-2, as in
torch, where it is the same class underneath.
"""
from __future__ import annotations

import numpy as np

from .. import dtypes
from .on_device import adam_update
from .optimizer import Optimizer, check_hyperparameter, effective_grad, writable_data
from ..tensor import Tensor, _wrap


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        check_hyperparameter(lr, "learning rate")
        check_hyperparameter(eps, "epsilon value")
        check_hyperparameter(betas[0], "beta parameter at index 0", below=1.0)
        check_hyperparameter(betas[1], "beta parameter at index 1", below=1.0)
        check_hyperparameter(weight_decay, "weight_decay value")
        if not (isinstance(betas[0], float) and isinstance(betas[1], float)):
            raise ValueError("betas must be either both floats or both Tensors")
        name = type(self).__name__
        if differentiable:
            raise ValueError(f"{name}(differentiable=True) is not supported: jitgrad's optimisers update "
                             f"parameters outside autograd")
        if capturable:
            raise ValueError(f"{name}(capturable=True) is for CUDA-graph capture, which jitgrad's eager "
                             f"CPU tensors do not have; leave it False")
        defaults = {"lr": lr, "betas": tuple(betas), "eps": eps,
                    "weight_decay": weight_decay, "amsgrad": amsgrad, "maximize": maximize,
                    "foreach": foreach, "capturable": capturable, "differentiable": differentiable,
                    "fused": fused, "decoupled_weight_decay": decoupled_weight_decay}
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            for p in group["params"]:
                entry = self.state.get(p)
                if entry and not isinstance(entry.get("step"), Tensor):   # older checkpoints: a number
                    entry["step"] = _step_counter(float(entry["step"]))

    def step(self, closure=None):
        loss = self._evaluate(closure)
        scratch = self._scratch.like
        for group in self.param_groups:
            lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
            weight_decay, amsgrad, maximize = group["weight_decay"], group["amsgrad"], group["maximize"]
            decoupled = group["decoupled_weight_decay"]
            for p in group["params"]:
                grad = p._grad
                if grad is None:
                    continue
                state = self.state[p]
                if p.is_cuda:
                    state["step"] = state.get("step", 0) + 1
                    adam_update(p, state, state["step"], lr, beta1, beta2, eps, weight_decay, amsgrad, maximize,
                                decoupled)
                    continue
                data = writable_data(p, type(self).__name__)
                if not state:
                    self._init_state(state, p, amsgrad)
                counter = state["step"]._data
                counter += 1
                step = counter.item()

                work, spare = scratch(data), scratch(data, 1)
                if weight_decay != 0 and decoupled:
                    data *= 1 - lr * weight_decay
                    g = effective_grad(data, grad._data, 0, maximize, work)
                else:
                    g = effective_grad(data, grad._data, weight_decay, maximize, work)

                m, v = state["exp_avg"]._data, state["exp_avg_sq"]._data
                _lerp_(m, g, 1 - beta1, spare)
                v *= beta2
                v += np.multiply(np.multiply(g, 1 - beta2, out=spare), g, out=spare)
                if amsgrad:     # the denominator reads the largest second moment seen so far
                    largest = state["max_exp_avg_sq"]._data
                    v = np.maximum(largest, v, out=largest)

                step_size = lr / (1 - beta1 ** step)
                denom = np.sqrt(v, out=work)               # g is no longer needed
                denom /= (1 - beta2 ** step) ** 0.5
                denom += eps
                update = np.multiply(m, -step_size, out=spare)
                update /= denom
                data += update
                p._version[0] += 1
                for key in _WRITTEN_STATE:
                    if key in state:
                        state[key]._version[0] += 1
        return loss

    @staticmethod
    def _init_state(state, p, amsgrad):
        state["step"] = _step_counter(0.0)
        state["exp_avg"] = _wrap(np.zeros_like(p._data), p.dtype)
        state["exp_avg_sq"] = _wrap(np.zeros_like(p._data), p.dtype)
        if amsgrad:
            state["max_exp_avg_sq"] = _wrap(np.zeros_like(p._data), p.dtype)


class AdamW(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False, foreach=None, capturable=False, differentiable=False, fused=None):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach, maximize=maximize,
                         capturable=capturable, differentiable=differentiable, fused=fused,
                         decoupled_weight_decay=True)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group["decoupled_weight_decay"] = True


_WRITTEN_STATE = ("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")   # updated in place each step


def _step_counter(value: float) -> Tensor:
    """torch keeps Adam's step count as a 0-d tensor of the default float dtype."""
    dtype = dtypes.get_default_dtype()
    return _wrap(np.array(value, dtype=dtype.np), dtype)


def _lerp_(start: np.ndarray, end: np.ndarray, weight: float, scratch: np.ndarray) -> None:
    """start.lerp_(end, weight) in torch's two forms (exact at weight 0 and at weight 1):
    ``start + weight * (end - start)`` for |weight| < 0.5, else ``end - (end - start) * (1 - weight)``,
    with 1 - weight computed in start's precision as torch's kernel does."""
    diff = np.subtract(end, start, out=scratch)
    if abs(weight) < 0.5:
        diff *= weight
        start += diff
    else:
        one = start.dtype.type(1)
        diff *= one - start.dtype.type(weight)
        np.subtract(end, diff, out=start)
