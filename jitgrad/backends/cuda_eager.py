"""Eager ops on CUDA tensors: each call runs a cached single-op program of the CUDA target.

An op called with a CUDA tensor is traced once per (op, argument shapes and dtypes, numbers
and options) — a graph of that one op — and lowered for ``target="cuda"``, exactly as a
compiled function would be: elementwise ops become a generated grid-stride kernel,
reductions a tree-reduction kernel, products the tiled matmul, movement ops a view or a
gather, and an op with no CUDA form its NumPy forward on a host copy. The schedule is cached,
so later calls cost a dictionary lookup and the launches. Python numbers are part of the
key: they are literals in the kernel's source, as in compiled graphs.

Gradients need nothing of their own: the op is recorded as on the CPU, and the vjp rules,
being jitgrad ops, run on the CUDA tensors they are given, through here again.
"""
from __future__ import annotations

import numpy as np

from . import cuda_device
from .. import dtypes
from ..autograd import grad_mode
from ..autograd.function import OpNode
from ..compile.logs import logger
from ..tensor import COMPLEX_AUTOGRAD, Tensor, _wrap

_schedules: dict = {}
_HOST = object()          # a cached verdict: this call runs on the host


def mixed_devices_error(op_name) -> RuntimeError:
    return RuntimeError(f"Expected all tensors to be on the same device, but found at least two devices, "
                        f"cuda:0 and cpu! (when checking argument for {op_name}; move them with .cuda() "
                        f"or .cpu())")


def _arguments(op, args):
    """The call's arguments with 0-d CPU tensors as numbers (torch lets those mix with CUDA
    tensors), checking that every other tensor is on the GPU."""
    out = []
    for a in args:
        if isinstance(a, Tensor) and not cuda_device.is_device_array(a._data):
            if a._data.ndim != 0 or a._requires_grad:
                raise mixed_devices_error(op.name)
            a = a._data.item()
        out.append(a)
    return out


def _key(op, args, attrs):
    parts = [("tensor", tuple(a._data.shape), a.dtype.name) if isinstance(a, Tensor) else
             ("value", type(a).__name__, repr(a)) for a in args]
    return op.name, tuple(parts), repr(sorted(attrs.items()))


def dispatch(op, args, attrs):
    """Run `op` on arguments of which at least one is a CUDA tensor; returns its result(s)."""
    values = _arguments(op, args)
    key = _key(op, values, attrs)
    schedule = _schedules.get(key)
    if schedule is None:
        schedule = _schedules[key] = _build(op, values, attrs)
    if schedule is _HOST:
        return _on_host(op, args, values, attrs)
    arrays = [v._data for v in values if isinstance(v, Tensor)]
    outs, out_dtypes = schedule.run(arrays), schedule.out_dtypes
    results = tuple(_wrap(arr, dt) for arr, dt in zip(outs, out_dtypes))
    return _finish(op, args, attrs, results)


def _build(op, values, attrs):
    """Trace the single op and lower it for CUDA (or decide it runs on the host)."""
    from ..compile import lowering
    from ..compile.trace import TraceError, Tracer
    from .cuda_steps import HostStep
    tracer = Tracer(f"cuda_{op.name}")
    try:
        with tracer, grad_mode.no_grad():
            symbolic = [tracer.input(f"x{i}", v._data.shape, v.dtype) if isinstance(v, Tensor) else v
                        for i, v in enumerate(values)]
            result = op.call(tuple(symbolic), attrs)
    except TraceError as err:
        logger("cuda").info("%s runs on the host: %s", op.name, err)
        return _HOST
    outputs = result if isinstance(result, tuple) else (result,)
    graph = tracer.graph
    graph.graph["outputs"] = [(o.ir_node, o.ir_output) for o in outputs]
    schedule = lowering.lower(graph, "cuda")
    schedule.out_dtypes = [o.dtype for o in outputs]
    if all(isinstance(step, HostStep) for step in schedule.steps):
        return _HOST       # the same work, without the graph: NumPy directly
    return schedule


def _on_host(op, args, values, attrs):
    """NumPy on host copies of the arguments, then the results back on the GPU."""
    host = tuple(_wrap(cuda_device.to_host(v._data), v.dtype) if isinstance(v, Tensor) else v for v in values)
    with grad_mode.no_grad():
        result = op.call(host, attrs)
    outputs = result if isinstance(result, tuple) else (result,)
    results = tuple(_wrap(cuda_device.to_device(o._data), o.dtype) for o in outputs)
    return _finish(op, args, attrs, results)


def _finish(op, args, attrs, results):
    """Views share their base's version counter; record the op when a gradient is wanted."""
    if op.view:
        base = next((a for a in args if isinstance(a, Tensor)), None)
        for r in results:
            if getattr(r._data, "_jitgrad_base", None) is _base_array(base):
                r._version = base._version
                r._base = base._base if base._base is not None else base
    wants_grad = op.differentiable and grad_mode.state.enabled and any(
        isinstance(a, Tensor) and a._requires_grad for a in args)
    if wants_grad:
        recorded = tuple(r if r.dtype.category >= dtypes.FLOATING else None for r in results)
        if any(r is not None and r.dtype.is_complex for r in recorded):
            raise RuntimeError(COMPLEX_AUTOGRAD)
        if any(r is not None for r in recorded):
            node = OpNode(op, tuple(args), attrs, results, recorded=recorded) if op.multi_output else \
                OpNode(op, tuple(args), attrs, results)
            node.on_cuda = True
    return results if op.multi_output else results[0]


def _base_array(t):
    data = t._data
    return getattr(data, "_jitgrad_base", data)


def cached_programs() -> int:
    """How many single-op CUDA programs this process has built (for tests and curiosity)."""
    return len(_schedules)


def copy_to(t: Tensor, device) -> np.ndarray:
    """t's data on `device` ('cpu' or 'cuda'): a host array or a device array (a copy)."""
    on_gpu = cuda_device.is_device_array(t._data)
    if device.type == "cuda":
        return cuda_device.to_device(t._data) if not on_gpu else cuda_device.copy(t._data)
    return cuda_device.to_host(t._data).copy() if on_gpu else t._data.copy()


def assign(t: Tensor, value):
    """Write `value` (a number, or a tensor broadcasting to t's shape) into CUDA tensor t's memory,
    cast to t's dtype: the in-place ops' store."""
    from .cuda_library import fill
    if not isinstance(value, Tensor):
        fill(t._data, value)
        return
    if value.device.type != "cuda":
        if value._data.ndim:
            raise mixed_devices_error("copy_")
        fill(t._data, value._data.item())
        return
    with grad_mode.no_grad():
        if value.dtype is not t.dtype:
            value = value.to(t.dtype)
        if tuple(value._data.shape) != tuple(t._data.shape):
            value = value.expand(tuple(t._data.shape)).contiguous()
    t._data.copy_to_device(value._data)
