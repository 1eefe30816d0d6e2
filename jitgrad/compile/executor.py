"""Run an IR graph: a straight-line schedule of steps over named buffers.

A step is either one registry op, run with its NumPy forward (what eager runs, without the
per-op dispatch and graph recording), or a compiled kernel covering a fused group of ops
(``KernelStep``, from the backend). The schedule is built once per compiled entry; each
buffer is released right after its last use, so peak memory follows the graph, not its size.
"""
from __future__ import annotations

import sys
import threading

import numpy as np

from . import ir
from ..ops import REGISTRY


class OpStep:
    """One op, evaluated with its NumPy forward."""

    def __init__(self, g, node):
        data = g.nodes[node]
        self.node = node
        self.op = REGISTRY[data["op"]]
        self.args = ir.arguments(g, node)   # (producer, output) pairs or Python values
        self.attrs = data["attrs"]
        self.n_outputs = data["n_outputs"]
        self.dtypes = [d.np for d in data["dtypes"]] if self.n_outputs > 1 else [data["dtype"].np]
        self.reads = [a for a in self.args if isinstance(a, tuple)]
        self.writes = [(node, k) for k in range(self.n_outputs)]

    def run(self, env, pool=None):
        arrays = [env[a] if isinstance(a, tuple) else a for a in self.args]
        out = self.op.forward(*arrays, **self.attrs)
        outs = out if self.n_outputs > 1 else (out,)
        for key, arr, dt in zip(self.writes, outs, self.dtypes):
            arr = np.asarray(arr)
            env[key] = arr if arr.dtype == dt else arr.astype(dt)

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [NumPy]"


class Schedule:
    """The steps that compute a graph's outputs from its inputs.

    Buffer planning: each intermediate is released right after the step that reads it last.
    Kernel outputs that never leave the schedule go back to a pool (by shape and dtype) that
    the next kernel — in this call or the next — takes its output arrays from, so a call
    allocates fresh memory only for what it returns (fresh large allocations are slow here:
    the pages must be faulted in). Returned buffers rejoin the pool once the caller has
    dropped them. A buffer is pooled only when nothing else holds it (a view of it, a
    tensor): its reference count says so.
    """

    def __init__(self, g, steps):
        self.graph = g
        self.steps = steps
        self.inputs = [(n, 0) for n in g.graph["inputs"]]
        self.outputs = list(g.graph["outputs"])
        self.consts = {(n, 0): d["value"] for n, d in g.nodes(data=True) if d["kind"] == "const"}
        keep = {o for o in self.outputs if o is not None}
        last_use = {}
        for i, step in enumerate(steps):
            for key in step.reads:
                last_use[key] = i
        self.frees = [[] for _ in steps]
        for key, i in last_use.items():
            if key not in keep:
                self.frees[i].append(key)
        kernel_writes = {key for step in steps if getattr(step, "uses_pool", False) for key in step.writes}
        self.poolable = kernel_writes - keep
        self.returned_from_kernels = [o in kernel_writes for o in self.outputs]
        self.pool: dict = {}
        self.escaped: list = []         # returned kernel buffers, reclaimed once nobody holds them
        self._lock = threading.Lock()   # the pool is shared by calls; run them one at a time

    def run(self, arrays):
        with self._lock:
            self._reclaim()
            env = dict(self.consts)
            env.update(zip(self.inputs, arrays))
            pool, poolable = self.pool, self.poolable
            for step, frees in zip(self.steps, self.frees):
                step.run(env, pool)
                for key in frees:
                    arr = env.pop(key)
                    # 2 references: `arr` and getrefcount's argument. More: a view or a caller has it
                    if key in poolable and sys.getrefcount(arr) == 2:
                        pool.setdefault((arr.shape, arr.dtype.str), []).append(arr)
            results = [env[o] if o is not None else None for o in self.outputs]
            self.escaped += [r for r, pooled in zip(results, self.returned_from_kernels) if pooled]
            return results

    def _reclaim(self):
        """Returned buffers whose tensors are gone (the caller dropped the result, backward freed
        its saved values) go back to the pool: what a caching allocator does."""
        still_held = []
        for arr in self.escaped:
            # references: the list, `arr`, getrefcount's argument; a view or a tensor adds one
            if sys.getrefcount(arr) == 3:
                self.pool.setdefault((arr.shape, arr.dtype.str), []).append(arr)
            else:
                still_held.append(arr)
        self.escaped = still_held
