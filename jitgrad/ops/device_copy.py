"""Moving a tensor between devices: ``t.to("cuda")``, ``t.cuda()``, ``t.cpu()``, as torch's.

One op, ``to_device``, differentiable (its gradient goes back to the source device:
``ToCopyBackward0``, as torch names it). Its public function makes the copy directly rather
than through the generated dispatcher, which only ever makes NumPy results. A tensor already
on the device asked for is returned itself, as torch does.
"""
from __future__ import annotations

from .registry import OTHER, TraceHook, defop
from ..autograd import grad_mode
from ..autograd.function import OpNode
from ..tensor import Tensor, _wrap, device as _device


def _copy(x, device):
    from ..backends.cuda_eager import copy_to
    return copy_to(x, _device(device))


def _forward(x, device, source):
    raise RuntimeError("to_device has no NumPy forward: it is called through its public function")


to_device_op = defop("to_device", OTHER, _forward, "x",
                     {"x": lambda g, source: to_device(g, source)},
                     dtype="same", shape=lambda s, device, source: s, export=False,
                     grad_fn="ToCopyBackward0").op


def to_device(x: Tensor, device) -> Tensor:
    target = _device(device)
    if TraceHook.active and type(x).__name__ == "SymbolicTensor":
        from ..compile.trace import TraceError
        raise TraceError(f"x.to({str(target)!r}) inside a compiled function: a compiled function runs on the "
                         f"device of its target (jitgrad.compile(fn, target='cuda') for the GPU); move the "
                         f"inputs and the model before the call instead")
    if x.device.type == target.type:
        return x
    result = _wrap(_copy(x, target), x.dtype)
    if x._requires_grad and grad_mode.state.enabled:
        OpNode(to_device_op, (x,), {"device": target.type, "source": x.device.type}, (result,))
    return result


def _cuda(self, device=None, non_blocking=False):
    return to_device(self, "cuda" if device is None else device)


def _cpu(self):
    return to_device(self, "cpu")


Tensor.cuda = _cuda
Tensor.cpu = _cpu
