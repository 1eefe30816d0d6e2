"""In-place ops (``add_``, ``x += y``, ``x[idx] = v``, …) as torch users expect them.

Each one computes the out-of-place op, writes the result into the tensor's own memory and
bumps its version counter (so a saved copy of the old value is detected at backward instead
of silently giving a wrong gradient). Under grad mode the tensor's history is rebased onto
the new node, as torch does; on a leaf that requires grad it is an error unless inside
``no_grad()``.
"""
from __future__ import annotations

import numpy as np

from . import elementwise as ew
from .index import _check_values, _normalize_index, index_put
from .registry import PUBLIC
from .. import dtypes
from ..autograd import grad_mode
from ..tensor import Tensor, _wrap


def _records(self, others) -> bool:
    return grad_mode.state.enabled and (self._requires_grad or any(
        isinstance(o, Tensor) and o._requires_grad for o in others))


def _stored_on_gpu(self, value) -> bool:
    """A CUDA tensor's store (NumPy cannot write device memory): True when self is one."""
    if self._data.__class__ is np.ndarray or not self.is_cuda:
        return False
    from ..backends.cuda_eager import assign
    assign(self, value)
    self._version[0] += 1
    return True


def _write(self, result: Tensor, op_name: str):
    """Store `result` in self's memory, keeping self's dtype and shape as torch does."""
    if not dtypes.can_cast(result.dtype, self.dtype):
        raise RuntimeError(f"{op_name}: result type {result.dtype.name} can't be cast to the desired "
                           f"output type {self.dtype.name}")
    if result._data.shape != self._data.shape:
        raise RuntimeError(f"{op_name}: output with shape {list(self._data.shape)} doesn't match the "
                           f"broadcast shape {list(result._data.shape)}")
    if _stored_on_gpu(self, result):
        return
    try:
        np.copyto(self._data, result._data, casting="unsafe")
    except ValueError as err:  # e.g. a read-only expanded view
        raise RuntimeError(f"{op_name}: unsupported operation: {err}. clone() the tensor first.") from None
    self._version[0] += 1


def _rebase(self, result: Tensor):
    """Make self the output of result's grad_fn (torch's history rewrite for in-place ops)."""
    if result.grad_fn is not None:
        self.grad_fn = result.grad_fn
        self._node = result._node
        self._requires_grad = True
        if result._output_nr:
            self._output_nr = result._output_nr
        # The node saved result's array as its output: point it at self's memory and version
        saved = getattr(result.grad_fn, "out_saved", None)
        if saved is not None:
            result.grad_fn.out_saved = ((self._data, self.dtype, self._version, self._version[0]),) + saved[1:]


_TAKES_ALPHA = (np.add, np.subtract)


def _write_through_ufunc(self, ufunc, others, alpha=1) -> bool:
    """The untracked common case (an optimizer's update): a float tensor and operands of its
    own dtype, or Python numbers, broadcasting to its shape — one NumPy pass into its own
    memory, as torch's in-place kernels do. False when anything else would need the general
    path (its promotion, casting and error messages)."""
    data = self._data
    if data.__class__ is not np.ndarray or not (self.dtype.is_floating_point and data.flags.writeable):
        return False
    operands = []
    for o in others:
        if isinstance(o, Tensor):
            if o.dtype is not self.dtype or (o._data.shape != data.shape and
                                             np.broadcast_shapes(o._data.shape, data.shape) != data.shape):
                return False
            operands.append(o._data if alpha == 1 else np.multiply(o._data, alpha))
        elif type(o) in (float, int):
            operands.append(o * alpha)
        else:
            return False
    ufunc(data, *operands, out=data)
    self._version[0] += 1
    return True


def _inplace(fn, op_name, ufunc=None):
    """`fn`'s in-place form; `ufunc`, when given, computes fn into the tensor's own memory on
    the untracked fast path (it must mean the same as `fn` on float tensors)."""
    def method(self, *others, **kwargs):
        self._check_inplace()
        records = _records(self, others)
        plain = not kwargs or (ufunc in _TAKES_ALPHA and set(kwargs) == {"alpha"})
        if not records and ufunc is not None and plain and _write_through_ufunc(self, ufunc, others, **kwargs):
            return self
        if records:
            # The recorded node may save `self` as an input; give it an unchanged copy
            source = self
            if getattr(fn, "op", None) is not None and fn.op.saved_inputs[:1] == (True,):
                source = _alias_copy(self)
            result = fn(source, *others, **kwargs)
            _write(self, result, op_name)
            _rebase(self, result)
        else:
            with grad_mode.no_grad():
                result = fn(self, *others, **kwargs)
            _write(self, result, op_name)
        return self
    method.__name__ = op_name
    return method


def _alias_copy(t: Tensor) -> Tensor:
    """Same place in the graph as `t`, own copy of its values."""
    c = _wrap(t._data.copy(), t.dtype)
    c._requires_grad, c.grad_fn = t._requires_grad, t.grad_fn
    if t._output_nr:
        c._output_nr = t._output_nr
    c._node = t._node
    return c


add, sub = PUBLIC["add"], PUBLIC["sub"]          # torch.add / torch.sub: with alpha=
Tensor.add = add
Tensor.sub = Tensor.subtract = sub
Tensor.mul = Tensor.multiply = ew.mul
Tensor.div = Tensor.divide = ew.div               # rounding_mode= too
Tensor.true_divide = ew.true_divide

# torch's in-place methods: name -> (the out-of-place function, the ufunc of the untracked fast
# path on float tensors, or None), and the augmented assignments that are the same thing
_IN_PLACE = {
    "add_": (add, np.add), "sub_": (sub, np.subtract), "subtract_": (sub, np.subtract),
    "mul_": (ew.mul, np.multiply), "multiply_": (ew.mul, np.multiply),
    "div_": (ew.div, np.true_divide), "divide_": (ew.div, np.true_divide),
    "true_divide_": (ew.true_divide, np.true_divide), "neg_": (ew.neg, np.negative),
    "negative_": (ew.neg, np.negative), "pow_": (ew.pow, None), "floor_divide_": (ew.floor_divide, None),
    "remainder_": (ew.remainder, None), "fmod_": (ew.fmod, None), "abs_": (ew.abs, None),
    "absolute_": (ew.abs, None), "sign_": (ew.sign, None), "clamp_": (ew.clamp, None), "clip_": (ew.clamp, None),
    "relu_": (ew.relu, None), "exp_": (ew.exp, None), "log_": (ew.log, None), "sqrt_": (ew.sqrt, None),
    "sin_": (ew.sin, None), "cos_": (ew.cos, None), "tanh_": (ew.tanh, None), "sigmoid_": (ew.sigmoid, None),
    "floor_": (ew.floor, None), "ceil_": (ew.ceil, None), "trunc_": (ew.trunc, None), "fix_": (ew.trunc, None),
    "round_": (ew.round, None), "bitwise_and_": (ew.bitwise_and, None), "bitwise_or_": (ew.bitwise_or, None),
    "bitwise_xor_": (ew.bitwise_xor, None), "bitwise_not_": (ew.bitwise_not, None),
    "logical_and_": (ew.logical_and, None), "logical_or_": (ew.logical_or, None),
    "logical_xor_": (ew.logical_xor, None), "logical_not_": (ew.logical_not, None),
}
_AUGMENTED = {"__iadd__": "add_", "__isub__": "sub_", "__imul__": "mul_", "__itruediv__": "div_",
              "__ipow__": "pow_", "__ifloordiv__": "floor_divide_", "__imod__": "remainder_",
              "__iand__": "bitwise_and_", "__ior__": "bitwise_or_", "__ixor__": "bitwise_xor_"}
for _name, (_fn, _ufunc) in _IN_PLACE.items():
    setattr(Tensor, _name, _inplace(_fn, _name, _ufunc))
for _operator, _name in _AUGMENTED.items():
    setattr(Tensor, _operator, getattr(Tensor, _name))


def _overwrite(x, value):
    # where() rather than x * 0 + value: the old values (even inf/nan) must not leak in,
    # and the gradient w.r.t. the overwritten x is exactly zero.
    everywhere = _wrap(np.ones(x._data.shape, np.bool_), dtypes.bool_)
    return ew.where(everywhere, value, x)


_fill = _inplace(_overwrite, "fill_")
_copy = _inplace(_overwrite, "copy_")


def _assign_untracked(self, value) -> bool:
    """The common case (optimizer updates, zero_grad): nothing to record, just write."""
    if _records(self, (value,)):
        return False
    if _stored_on_gpu(self, value):
        return True
    try:
        self._data[...] = value._data if isinstance(value, Tensor) else value
    except ValueError as err:
        raise RuntimeError(f"cannot write into this tensor: {err}. clone() it first.") from None
    self._version[0] += 1
    return True


def fill_(self, value):
    """Set every element to `value` (differentiable w.r.t. a 0-d tensor value)."""
    if isinstance(value, Tensor) and value._data.ndim:
        raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor with "
                           f"{value._data.ndim} dimensions.")
    return self if _assign_untracked(self, value) else _fill(self, value)


def zero_(self):
    return fill_(self, 0)


def copy_(self, src):
    """Copy `src` (broadcast, cast to self's dtype as torch does) into self; gradient flows to src."""
    if _assign_untracked(self, src):
        return self
    if isinstance(src, Tensor) and src.dtype is not self.dtype:
        src = src.to(self.dtype)
    return _copy(self, src)


def _setitem(self, index, value):
    """x[index] = value: the index read with torch's rules (which need x's shape), then the write."""
    self._check_inplace()
    index = _normalize_index(index, self._data.shape)
    _check_values(self._data.shape, index, value)
    if _records(self, (value,)):
        result = index_put(self, index, value)
        _write(self, result, "__setitem__")
        _rebase(self, result)
        return
    try:
        self._data[index] = value._data if isinstance(value, Tensor) else value
    except ValueError as err:
        raise RuntimeError(f"__setitem__: {err}") from None
    self._version[0] += 1


Tensor.fill_ = fill_
Tensor.zero_ = zero_
Tensor.copy_ = copy_
Tensor.__setitem__ = _setitem
