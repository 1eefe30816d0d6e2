"""The CUDA target's steps that are not generated kernels: library products, movement, host.

* ``MatmulStep``: matmul/bmm as ``cuda_library.matmul`` (a tiled shared-memory kernel).
* ``ReshapeStep``: reshape/view/squeeze/unsqueeze/flatten of a (always C-contiguous) device
  array is a view of the same memory, no kernel at all. The view keeps a reference to its
  base, so that a schedule's pool never hands the base's memory out while the view lives.
* ``GatherStep``: any other op that only moves elements (permute, transpose, expand, slicing,
  diagonal, narrow, casts) is one gather kernel. Its index table is the op's own NumPy
  forward applied to the input's element numbers — ``forward(arange(n).reshape(shape))`` —
  so the result follows NumPy's (and so eager's) semantics by construction; it is computed
  once, uploaded on the first run, and reused.
* ``CompositeStep``: softmax and log_softmax as the few ops they are made of (max, subtract,
  exp, sum, divide or log), traced into a graph of their own and lowered for CUDA like any
  other: a tree reduction, a fused group closed by a sum, one elementwise kernel.
* ``HostStep``: everything else runs its NumPy forward on host copies of its inputs and
  uploads the results: correct, and slow; ``explain()`` and the ``cuda`` log show which.
"""
from __future__ import annotations

import numpy as np

from . import cuda_device
from ..compile import ir
from ..compile.executor import OpStep
from ..compile.logs import logger

MATMUL_OPS = ("matmul", "bmm")


def _softmax(x, dim):
    shifted = (x - x.amax(dim=dim, keepdim=True)).exp()
    return shifted / shifted.sum(dim=dim, keepdim=True)


def _log_softmax(x, dim):
    shifted = x - x.amax(dim=dim, keepdim=True)
    return shifted - shifted.exp().sum(dim=dim, keepdim=True).log()


# op -> the same computation in ops the CUDA target has kernels for (what torch's kernels do)
COMPOSITES = {"softmax": _softmax, "log_softmax": _log_softmax}
RESHAPES = ("reshape", "view", "squeeze", "unsqueeze", "alias", "flatten")
GATHERS = ("permute", "transpose", "t", "expand", "narrow", "diagonal", "getitem", "clone", "contiguous", "to")


def step_for(g, node):
    """The step that runs op `node` of graph `g` on the device (a node outside fused groups)."""
    data = g.nodes[node]
    tensors = [a for a in ir.arguments(g, node) if isinstance(a, tuple)]
    single = len(tensors) == 1 and not data["multi_output"]
    if data["op"] in MATMUL_OPS and len(tensors) == 2:
        return MatmulStep(g, node)
    if single and data["op"] in RESHAPES:
        return ReshapeStep(g, node)
    if single and data["op"] in GATHERS and not data["dtype"].is_complex:
        return GatherStep(g, node)
    if single and data["op"] in COMPOSITES and data["dtype"].is_floating_point and \
            data["dtype"] is ir.output_meta(g, *tensors[0])[1]:
        return CompositeStep(g, node)
    return HostStep(g, node)


class _DeviceOpStep(OpStep):
    uses_pool = False

    def emit(self, em) -> list[str]:
        run = em.bind(self.run, f"{self.op.name}_on_device")
        args = ", ".join(em.buffer(a) for a in self.reads)
        return [f"{em.buffer(self.writes[0])} = {run}({args})"]


class MatmulStep(_DeviceOpStep):
    def run(self, x, y):
        from .cuda_library import matmul
        return matmul(x, y)

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [CUDA tiled matmul]"


class ReshapeStep(_DeviceOpStep):
    def __init__(self, g, node):
        super().__init__(g, node)
        self.shape = tuple(g.nodes[node]["shape"])

    def run(self, x):
        return reshaped(x, self.shape)

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [CUDA view]"


def reshaped(x, shape):
    """A view of contiguous device array `x` with another shape, holding on to its base."""
    view = x.reshape(*shape) if shape else x.reshape(1).reshape(())
    view._jitgrad_base = getattr(x, "_jitgrad_base", x)
    return view


class GatherStep(_DeviceOpStep):
    def __init__(self, g, node):
        super().__init__(g, node)
        (source,) = self.reads
        self.in_shape = tuple(ir.output_meta(g, *source)[0])
        self.out_dtype = g.nodes[node]["dtype"].np
        self.table = index_table(self.op, self.in_shape, self.args, self.attrs)
        self._device_table = None

    def run(self, x):
        from .cuda_library import gather
        if self._device_table is None:
            self._device_table = cuda_device.to_device(self.table)
        return gather(x, self._device_table, self.out_dtype)

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [CUDA gather]"


def index_table(op, in_shape, args, attrs) -> np.ndarray:
    """Which input element each output element is: the op's forward on the element numbers.
    A cast moves nothing (its forward would convert the numbers themselves)."""
    numbers = np.arange(int(np.prod(in_shape)), dtype=np.int64).reshape(in_shape)
    if op.name == "to":
        return numbers
    values = [numbers if isinstance(a, tuple) else a for a in args]
    return np.array(op.forward(*values, **attrs), dtype=np.int64, order="C")   # (0-d stays 0-d)


class CompositeStep(_DeviceOpStep):
    def __init__(self, g, node):
        from ..autograd import grad_mode
        from ..compile import lowering
        from ..compile.trace import Tracer
        super().__init__(g, node)
        shape, dtype = ir.output_meta(g, *self.reads[0])
        tracer = Tracer(f"{node}_composite")
        with tracer, grad_mode.no_grad():
            out = COMPOSITES[self.op.name](tracer.input("x", shape, dtype), self.attrs["dim"])
        tracer.graph.graph["outputs"] = [(out.ir_node, out.ir_output)]
        self.schedule = lowering.lower(tracer.graph, "cuda")

    def run(self, x):
        return self.schedule.run([x])[0]

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [CUDA: {len(self.schedule.steps)} steps of its own]"


class HostStep(OpStep):
    """An op with no CUDA kernel: its NumPy forward, on host copies, uploaded again."""

    def emit(self, em) -> list[str]:
        forward = em.bind(self.op.forward, f"{self.op.name}_forward")
        host, upload = em.bind(cuda_device.to_host, "to_host"), em.bind(_upload, "to_device")
        parts = [f"{host}({em.buffer(a)})" if isinstance(a, tuple) else em.value(a, f"{self.node}_arg")
                 for a in self.args]
        parts += [f"{k}={em.value(v, f'{self.node}_{k}')}" for k, v in self.attrs.items()]
        names = [em.buffer(w) for w in self.writes]
        dtypes = [em.bind(np.dtype(dt), np.dtype(dt).name) for dt in self.dtypes]
        lines = [f"{', '.join(names)}, = {forward}({', '.join(parts)})," if not self.multi_output else
                 f"{', '.join(names)}, = {forward}({', '.join(parts)})"]
        lines += [f"{n} = {upload}(as_dtype({n}, {dt}), {self.node!r})" for n, dt in zip(names, dtypes)]
        return lines

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [NumPy on the host: copies to and from the GPU]"


def _upload(arr, node):
    logger("cuda").info("host round trip for %s (%s)", node, arr.shape)
    return cuda_device.to_device(np.asarray(arr))
