"""CUDA code generation: one ``numba.cuda`` kernel per fused group, written as readable Python.

The same fused groups as on the CPU (``passes.fusion``, with the ops CUDA kernels can inline:
``cuda_scalars``), the same scalar expressions (``cpu.expression``), a different loop:

* an elementwise group is a **grid-stride loop** over the flat index of its iteration shape,
  each thread unravelling its index into one coordinate per dim (operands smaller than the
  shape read index 0 on their broadcast dims, as on the CPU);
* a group closed by a reduction (``sum``/``mean``/``sum_to_size`` — and, alone, ``amax``/
  ``amin``/``max``/``min``) is a **block-level tree reduction**: each block takes one output
  element (one position of the kept dims) — or a share of it, when there are few outputs and
  many values each —, its threads stride over the reduced positions evaluating the group's
  body and accumulating, then halve a shared-memory array of partial results until thread 0
  holds the block's. Blocks sharing one output write partials that a second kernel
  (``cuda_library.finish_rows``) combines, so no host round trip and no atomics (the same
  answer every run).

Matrix products call ``cuda_library.matmul`` (tiled in shared memory); movement ops
(permute, expand, slicing, ...) one ``cuda_library.gather`` whose index table is the op's
own NumPy forward applied to the input's element numbers — exactly NumPy's semantics, at the
price of an index read per element. Anything else runs as its NumPy forward on a host copy:
a ``HostStep``, shown as such by ``explain()``.

Sizes are kernel arguments, never literals, so a new batch size reuses a kernel's source.
Generated modules go through the same content-hashed cache as the CPU's (``cache.py``).
"""
from __future__ import annotations

import math

import numpy as np

from . import cache, cuda_device, cuda_library, cuda_scalars
from .cpu import KernelSpec, _ident, _reduced_dims, _var, expression, _TYPE_NAMES
from ..compile import ir
from ..ops import REGISTRY

# Tree reductions whose rows hold at least this many values per block get more blocks
MIN_VALUES_PER_BLOCK = 4096

# (identity element as source, how two partial results combine) per reduction
_COMBINE = {
    "sum": ("0", "({0} + {1})"),
    "max": ("-math.inf", cuda_scalars.VOCABULARY["maximum"]),
    "min": ("math.inf", cuda_scalars.VOCABULARY["minimum"]),
}
_KIND = {"sum": "sum", "mean": "sum", "sum_to_size": "sum", "amax": "max", "max_all": "max",
         "amin": "min", "min_all": "min"}
REDUCTIONS = tuple(_KIND)


class CudaKernelSpec(KernelSpec):
    """A fused group as the CPU generator sees it, plus what CUDA needs: a reduction alone (no
    body) iterates over its input's shape."""

    def __init__(self, g, name, members):
        super().__init__(g, name, members)
        if self.reduction is not None and not self.body:
            source = ir.arguments(g, self.reduction)[0]
            self.shape = tuple(ir.output_meta(g, *source)[0])
            self.reduced_dims = _reduced_dims(g.nodes[self.reduction], len(self.shape))
        self.kind = _KIND[g.nodes[self.reduction]["op"]] if self.reduction is not None else None
        self.threads = cuda_library.tree_threads()   # per block of its reduction (in the source)


def _body_line(g, m) -> str:
    type_name = _TYPE_NAMES[g.nodes[m]["dtype"].name]
    return f"{_var(m)} = {type_name}({cuda_scalars.inline(expression(g, m, per_dtype=False))})"


def _unravel(flat, dims, sizes, loop) -> list[str]:
    """Lines turning a flat index into one coordinate per dim (last dim fastest)."""
    if not dims:
        return []
    lines = [f"rest = {flat}"]
    for d in reversed(dims[1:]):
        lines += [f"{loop[d]} = rest % {sizes[d]}", f"rest //= {sizes[d]}"]
    lines.append(f"{loop[dims[0]]} = rest")
    return lines


def _reads(spec, loop) -> list[str]:
    g, shape = spec.graph, spec.shape or (1,)
    lines = []
    for (p, k), param in zip(spec.inputs, _in_params(spec)):
        in_shape = ir.output_meta(g, p, k)[0] or (1,)
        offset = len(shape) - len(in_shape)
        index = ", ".join("0" if s == 1 and shape[offset + j] != 1 else loop[offset + j]
                          for j, s in enumerate(in_shape))
        lines.append(f"{_var(p, k)} = {param}[{index}]")
    return lines


def _in_params(spec):
    return [f"in_{_ident(p)}" + (f"_{k}" if k else "") for p, k in spec.inputs]


def _out_params(spec):
    return [f"out_{_ident(m)}" for m in spec.outputs]


def generate(spec: CudaKernelSpec) -> str:
    """The kernel's module source."""
    g = spec.graph
    shape = spec.shape or (1,)
    ndim = len(shape)
    loop = [f"i{d}" for d in range(ndim)]
    sizes = [f"n{d}" for d in range(ndim)]
    # a reduction's result is stored by row, after the loop: it comes last, with the partials
    params = _in_params(spec) + [p for m, p in zip(spec.outputs, _out_params(spec)) if m != spec.reduction] + sizes
    stores = [f"{param}[{', '.join(loop)}] = {_var(m)}"
              for m, param in zip(spec.outputs, _out_params(spec)) if m != spec.reduction]
    body = _reads(spec, loop) + [_body_line(g, m) for m in spec.body]
    if spec.reduction is None:
        lines = [f"def {spec.name}({', '.join(params)}, total):",
                 "    flat = cuda.grid(1)",
                 "    step = cuda.gridsize(1)",
                 "    while flat < total:"]
        lines += ["        " + line for line in _unravel("flat", list(range(ndim)), sizes, loop) + body + stores]
        lines.append("        flat += step")
    else:
        lines = _reduction_kernel(spec, params, loop, sizes, body, stores)
    ops = ", ".join(f"{m} = {g.nodes[m]['op']}" for m in spec.members)
    header = [f'"""jitgrad CUDA kernel {spec.name} of graph {g.graph["name"]!r}: {ops}."""',
              "import math", "from numba import cuda",
              "from numba import float32, float64, int32, int64, uint8, bool_", "", "",
              "@cuda.jit(cache=True)"]
    return "\n".join(header + lines) + "\n"


def _reduction_kernel(spec, params, loop, sizes, body, stores) -> list[str]:
    """One block per (output, share): threads stride over the share's reduced positions, then
    a shared-memory tree; thread 0 stores the block's result (or its partial)."""
    g = spec.graph
    reduction = g.nodes[spec.reduction]
    out_type = _TYPE_NAMES[reduction["dtype"].name]
    kept = [d for d in range(len(loop)) if d not in spec.reduced_dims]
    reduced = list(spec.reduced_dims)
    identity, combine = _COMBINE[spec.kind]
    if spec.kind != "sum" and not reduction["dtype"].is_floating_point:
        info = np.iinfo(reduction["dtype"].np) if reduction["dtype"].name != "bool" else None
        identity = ("False" if spec.kind == "max" else "True") if info is None else \
            str(info.min if spec.kind == "max" else info.max)
    threads = spec.threads
    source, _ = ir.arguments(g, spec.reduction)[0]
    accumulate = combine.format("acc", _var(source))
    merge = combine.format("cache[t]", "cache[t + s]")
    scale = f" / {out_type}(n_reduced)" if reduction["op"] == "mean" else ""
    lines = [f"def {spec.name}({', '.join(params)}, n_reduced, shares, out_{_ident(spec.reduction)}, partial):",
             f"    cache = cuda.shared.array({threads}, {out_type})",
             "    t = cuda.threadIdx.x",
             "    row = cuda.blockIdx.x // shares",
             "    share = cuda.blockIdx.x % shares",
             f"    acc = {out_type}({identity})",
             f"    j = share * {threads} + t",
             "    while j < n_reduced:"]
    inner = _unravel("row", kept, sizes, loop) if kept else []
    inner += _unravel("j", reduced, sizes, loop) + body + stores + [f"acc = {out_type}({accumulate})",
                                                                   f"j += shares * {threads}"]
    lines += ["        " + line for line in inner]
    lines += ["    cache[t] = acc",
              "    cuda.syncthreads()",
              f"    s = {threads // 2}",
              "    while s > 0:",
              "        if t < s:",
              f"            cache[t] = {out_type}({merge})",
              "        cuda.syncthreads()",
              "        s //= 2",
              "    if t == 0:",
              "        if shares == 1:",
              f"            out_{_ident(spec.reduction)}[row] = cache[0]{scale}",
              "        else:",
              "            partial[row, share] = cache[0]"]
    return lines


class CudaKernelStep:
    """A schedule step that launches one generated kernel (and, for a reduction split over
    several blocks per output, the kernel finishing it)."""

    uses_pool = True

    def __init__(self, spec: CudaKernelSpec):
        g = spec.graph
        self.spec = spec
        self.name = spec.name
        self.ops = list(spec.members)
        self.source = generate(spec)
        self.function = cache.load_kernel(self.source, spec.name)
        self.reads = list(spec.inputs)
        self.writes = [(m, 0) for m in spec.outputs]
        self._zero_d = [not ir.output_meta(g, *r)[0] for r in self.reads]
        self._graph = g
        shape = spec.shape or (1,)
        self._sizes = shape
        self._out_meta = []
        for m in spec.outputs:
            data = g.nodes[m]
            flat = m == spec.reduction    # stored by output row; reshaped to the op's shape after
            stored = (math.prod(shape[d] for d in range(len(shape)) if d not in spec.reduced_dims),) \
                if flat else (data["shape"] or (1,))
            self._out_meta.append((stored, tuple(data["shape"]), data["dtype"].np))
        # what every launch passes besides the arrays: fixed by the graph, so worked out once
        self._total = math.prod(shape)
        if spec.reduction is not None:
            self._position = spec.outputs.index(spec.reduction)
            self._n_rows = self._out_meta[self._position][0][0]
            self._n_reduced = math.prod(shape[d] for d in spec.reduced_dims)
            # few long rows: several blocks share a row, and a second kernel combines their partials
            self._shares = 1 if self._n_rows >= 64 else max(1, min(1024, self._n_reduced // MIN_VALUES_PER_BLOCK))
            self._scale = 1.0 / self._n_reduced if g.nodes[spec.reduction]["op"] == "mean" else 1.0
        self.bytes_read = int(sum(ir.output_meta(g, *r)[1].itemsize * math.prod(ir.output_meta(g, *r)[0])
                                  for r in self.reads))
        self.bytes_written = int(sum(np.dtype(dt).itemsize * math.prod(s) for s, _, dt in self._out_meta))

    def emit(self, em) -> list[str]:
        launch = em.bind(self.launch, f"launch_{self.name}")
        lines = [f"{em.buffer(key)} = take({stored!r}, {em.bind(np.dtype(dt), np.dtype(dt).name)})"
                 for key, (stored, _, dt) in zip(self.writes, self._out_meta)]
        reads = [em.buffer(r) + (".reshape(1)" if zero_d else "") for r, zero_d in zip(self.reads, self._zero_d)]
        outs = [em.buffer(w) for w in self.writes]
        lines.append(f"{launch}({', '.join(reads)}, {', '.join(outs)})")
        for key, (stored, node_shape, _) in zip(self.writes, self._out_meta):
            if stored != (node_shape or (1,)) or not node_shape:
                lines.append(f"{em.buffer(key)} = {em.buffer(key)}.reshape({node_shape!r})")
        return lines

    def launch(self, *arrays):
        sizes = self._sizes
        if self.spec.reduction is None:
            if self._total:
                blocks, threads = cuda_library.launch_shape(self._total)
                self.function[blocks, threads](*arrays, *sizes, self._total)
            return
        arrays = list(arrays)
        result = arrays.pop(len(self.reads) + self._position)   # the other outputs are stored element by element
        n_rows, shares = self._n_rows, self._shares
        partial = cuda_device.empty((n_rows, shares), result.dtype) if shares > 1 else result.reshape(n_rows, 1)
        if n_rows:
            self.function[n_rows * shares, self.spec.threads](*arrays, *sizes, self._n_reduced, shares, result,
                                                              partial)
            if shares > 1:
                cuda_library.finish_rows(partial, result, self.spec.kind, self._scale)

    def signature(self):
        """Numba argument types of a launch, for compiling to PTX without a GPU."""
        import numba
        from numba import types
        g, spec = self._graph, self.spec

        def array(shape, dtype):
            return types.Array(numba.from_dtype(np.dtype(dtype)), max(1, len(shape)), "C")
        args = [array(ir.output_meta(g, *r)[0], ir.output_meta(g, *r)[1].np) for r in self.reads]
        args += [array(node_shape, dt) for m, (_, node_shape, dt) in zip(spec.outputs, self._out_meta)
                 if m != spec.reduction]
        args += [types.int64] * len(self._sizes)
        if spec.reduction is None:
            args.append(types.int64)
        else:
            dt = g.nodes[spec.reduction]["dtype"].np
            args += [types.int64, types.int64, array((1,), dt), array((1, 1), dt)]
        return tuple(args)

    def describe(self):
        return f"{self.name}: {' '.join(self.ops)}  [CUDA kernel]"


def kernel_name(node) -> str:
    return f"kernel_{_ident(node)}"


def why_not_on_cuda(g, node):
    """Why an op with a scalar expression cannot join a CUDA kernel (None when it can)."""
    op = REGISTRY[g.nodes[node]["op"]]
    if not cuda_scalars.supports(op.scalar):
        return f"{op.name}: its scalar expression has no CUDA form (integer division, rounding, ...)"
    return None


def runs_alone(g, node) -> bool:
    """Can reduction `node` (outside any fused group) be a tree-reduction kernel of its own?"""
    data = g.nodes[node]
    args = [a for a in ir.arguments(g, node) if isinstance(a, tuple)]
    if data.get("multi_output") or len(args) != 1 or data["attrs"].get("dtype") is not None:
        return False
    in_shape, in_dtype = ir.output_meta(g, *args[0])
    return bool(in_shape) and not in_dtype.is_complex and not data["dtype"].is_complex
