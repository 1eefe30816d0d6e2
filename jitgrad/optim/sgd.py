"""``SGD``: stochastic gradient descent with momentum, dampening, Nesterov and weight decay,
as ``torch.optim.SGD`` (its single-tensor CPU path, formula for formula)::

    g = -grad if maximize else grad
    g = g + weight_decay * p                      if weight_decay != 0
    b = g (first step) or momentum * b + (1 - dampening) * g     if momentum != 0
    g = g + momentum * b if nesterov else b       if momentum != 0
    p = p - lr * g
"""
from __future__ import annotations

import numpy as np

from .on_device import sgd_update
from .optimizer import Optimizer, check_hyperparameter, effective_grad, writable_data
from ..tensor import _wrap


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        check_hyperparameter(lr, "learning rate")
        check_hyperparameter(momentum, "momentum value")
        check_hyperparameter(weight_decay, "weight_decay value")
        if differentiable:
            raise ValueError("SGD(differentiable=True) is not supported: jitgrad's optimisers update "
                             "parameters outside autograd")
        defaults = {"lr": lr, "momentum": momentum, "dampening": dampening, "weight_decay": weight_decay,
                    "nesterov": nesterov, "maximize": maximize, "foreach": foreach,
                    "differentiable": differentiable, "fused": fused}
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._evaluate(closure)
        scratch = self._scratch.like
        for group in self.param_groups:
            lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
            weight_decay, nesterov, maximize = group["weight_decay"], group["nesterov"], group["maximize"]
            for p in group["params"]:
                grad = p._grad
                if grad is None:
                    continue
                if p.is_cuda:
                    sgd_update(p, self.state[p], lr, momentum, dampening, weight_decay, nesterov, maximize)
                    continue
                data = writable_data(p, "SGD")
                work = scratch(data)
                g = effective_grad(data, grad._data, weight_decay, maximize, work)
                in_scratch = g is work
                if momentum != 0:
                    spare = scratch(data, 1)
                    g = self._momentum(p, g, momentum, dampening, nesterov, spare)
                    in_scratch = g is spare     # else g is the buffer: work is free again
                if in_scratch:
                    g *= -lr
                else:
                    g = np.multiply(g, -lr, out=work)
                data += g
                p._version[0] += 1
        return loss

    def _momentum(self, p, g, momentum, dampening, nesterov, spare):
        """Update p's momentum buffer with g; the direction to step along (b, or g + momentum * b)."""
        state = self.state[p]
        buffer = state.get("momentum_buffer")
        if buffer is None:
            buffer = state["momentum_buffer"] = _wrap(np.array(g, copy=True), p.dtype)
            b = buffer._data
        else:
            b = buffer._data
            b *= momentum
            if dampening == 0:
                b += g
            else:
                b += np.multiply(g, 1 - dampening, out=spare)
            buffer._version[0] += 1
        if not nesterov:
            return b
        return np.add(g, np.multiply(b, momentum, out=spare), out=spare)
