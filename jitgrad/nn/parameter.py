"""``nn.Parameter``: a Tensor that a Module registers as one of its parameters.

A Parameter is an ordinary leaf tensor of a subclass (it shares the given tensor's memory and
requires grad unless told otherwise); ops on it return plain Tensors, as in torch, so only
the leaf itself is a Parameter. Module.__setattr__ recognises it, and the live graph and
viz mark it (``Tensor._is_param``).
"""
from __future__ import annotations

import numpy as np

from ..tensor import Tensor, _wrap
from .. import dtypes


class Parameter(Tensor):
    """``Parameter(data=None, requires_grad=True)``: a leaf on data's memory (an empty float
    tensor when data is None)."""

    __slots__ = ()
    _is_param = True

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = _wrap(np.empty((0,), dtypes.default_float.np), dtypes.default_float)
        elif not isinstance(data, Tensor):
            raise TypeError(f"Parameter(): argument 'data' must be a Tensor, not {type(data).__name__}")
        made = data.detach()._as_subclass(cls)
        if requires_grad:
            # the property setter: torch's message for a tensor that cannot require grad
            made.requires_grad = True
        return made

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __deepcopy__(self, memo):
        found = memo.get(id(self))
        if found is not None:
            return found
        copied = Parameter(_wrap(self._data.copy(), self.dtype), self._requires_grad)
        if self._grad is not None:
            copied._grad = _wrap(self._grad._data.copy(), self._grad.dtype)
        memo[id(self)] = copied
        return copied

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self._data, self.dtype.name, self._requires_grad))


def _rebuild_parameter(data, dtype_name, requires_grad):
    return Parameter(_wrap(np.array(data), dtypes.as_dtype(dtype_name)), requires_grad)
