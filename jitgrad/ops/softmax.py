"""softmax and log_softmax along a dim (``jitgrad.softmax``, ``Tensor.softmax``, and what
``nn.functional`` will use), as torch's.

Ops of their own rather than compositions of exp and sum: the forward is the numerically
stable form (shift by the max), and each vjp reads only the output — ``y * (g - sum(g * y))``
for softmax, ``g - exp(y) * sum(g)`` for log_softmax — as torch's SoftmaxBackward0 does.
"""
from __future__ import annotations

import numpy as np

from .registry import OTHER, defop
from .. import dtypes
from ..tensor import _wrap_dim


def _parse(name):
    def parse(input, dim=None, dtype=None):
        if dim is None:
            raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
        attrs = {"dim": _wrap_dim(int(dim), input.ndim, name)}
        if dtype is not None:
            attrs["dtype"] = dtypes.as_dtype(dtype)
        return (input,), attrs
    return parse


def _dtype_rule(name):
    def rule(x, dim, dtype=None):
        dt = dtype or x.dtype
        if not dt.is_floating_point:
            raise NotImplementedError(f"{name}(): not implemented for {dt.name} tensors; pass "
                                      f"dtype=jitgrad.float32, or call .float() first")
        return dt
    return rule


def _shifted(x, dim, dtype):
    """x minus its max along dim (in the asked-for dtype): exp of it cannot overflow."""
    if dtype is not None:
        x = x.astype(dtype.np)
    if x.ndim == 0 or x.size == 0:
        return x - x                      # softmax of a 0-d tensor is 1, of an empty one empty
    return x - np.max(x, axis=dim, keepdims=True)


def _softmax_forward(x, dim, dtype=None):
    e = np.exp(_shifted(x, dim, dtype))
    return e / np.add.reduce(e, axis=dim if e.ndim else None, keepdims=True)


def _log_softmax_forward(x, dim, dtype=None):
    s = _shifted(x, dim, dtype)
    return s - np.log(np.add.reduce(np.exp(s), axis=dim if s.ndim else None, keepdims=True))


softmax = defop("softmax", OTHER, _softmax_forward, "x",
                {"x": lambda g, out, dim: out * (g - (g * out).sum(dim=dim, keepdim=True))},
                dtype=_dtype_rule("softmax"), shape=lambda s, dim, dtype=None: s, parse=_parse("softmax"),
                grad_fn="SoftmaxBackward0", methods=("softmax",))
log_softmax = defop("log_softmax", OTHER, _log_softmax_forward, "x",
                    {"x": lambda g, out, dim: g - out.exp() * g.sum(dim=dim, keepdim=True)},
                    dtype=_dtype_rule("log_softmax"), shape=lambda s, dim, dtype=None: s,
                    parse=_parse("log_softmax"), grad_fn="LogSoftmaxBackward0", methods=("log_softmax",))
