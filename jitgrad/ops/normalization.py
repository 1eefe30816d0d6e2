"""``batch_norm`` (``nn.functional``; SPEC C1, used by ``nn.BatchNorm1d``), as torch's.

In training the input is normalised by its batch statistics over every dim but the channel
dim (1) — the biased variance — and ``running_mean``/``running_var``, when given, are updated
in place with ``momentum`` (the running variance with the unbiased batch variance, as
torch's). In evaluation the running statistics normalise. A composition of jitgrad ops (mean,
var, rsqrt, mul, add), so it differentiates to any order and its elementwise part fuses
under ``jitgrad.compile``; the in-place update of the running statistics cannot be traced
(a ``TraceError`` says so), so compile a model in eval mode, or with running stats of None.
"""
from __future__ import annotations

import math

import numpy as np

from ..autograd import grad_mode


def _check_size(what, tensor, channels):
    if tensor is not None and tensor.numel() != channels:
        raise RuntimeError(f"{what} should contain {channels} elements not {tensor.numel()}")


def _update_running(running_mean, running_var, mean, var, momentum, count):
    """running = (1 - momentum) * running + momentum * batch, outside autograd."""
    if not isinstance(mean._data, np.ndarray):
        from ..compile.trace import TraceError
        raise TraceError("jitgrad.compile: batch_norm(training=True) updates running_mean and running_var in "
                         "place, which a compiled function cannot do; compile the model in eval mode, or pass "
                         "running_mean=None and running_var=None (batch statistics only)")
    with grad_mode.no_grad():
        if running_mean is not None:
            running_mean.mul_(1 - momentum).add_(mean.reshape(-1).to(running_mean.dtype), alpha=momentum)
        if running_var is not None:
            unbiased = var.reshape(-1) * (count / max(count - 1, 1))
            running_var.mul_(1 - momentum).add_(unbiased.to(running_var.dtype), alpha=momentum)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-05):
    """torch.nn.functional.batch_norm over an (N, C, ...) input."""
    if input.ndim < 2:
        raise ValueError(f"batch_norm: expected an input of 2 or more dims (N, C, ...), but got input of size "
                         f"{list(input.shape)}")
    channels = input.shape[1]
    for what, tensor in (("running_mean", running_mean), ("running_var", running_var), ("weight", weight),
                         ("bias", bias)):
        _check_size(what, tensor, channels)
    if not training and (running_mean is None or running_var is None):
        raise RuntimeError(f"{'running_mean' if running_mean is None else 'running_var'} must be defined in "
                           f"evaluation mode")
    dims = (0,) + tuple(range(2, input.ndim))
    shape = (1, channels) + (1,) * (input.ndim - 2)
    if training:
        count = math.prod(input.shape) // channels
        if count <= 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.shape}")
        mean = input.mean(dim=dims, keepdim=True)
        var = input.var(dim=dims, unbiased=False, keepdim=True)
        if running_mean is not None or running_var is not None:
            _update_running(running_mean, running_var, mean.detach(), var.detach(), momentum, count)
    else:
        mean, var = running_mean.reshape(shape), running_var.reshape(shape)
    out = (input - mean) / (var + eps).sqrt()
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return out
