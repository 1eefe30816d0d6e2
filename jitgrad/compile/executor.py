"""Run an IR graph: a straight-line schedule of steps, generated as one Python function.

A step is either one registry op, run with its NumPy forward (what eager runs, without the
per-op dispatch and graph recording), or a compiled kernel covering a fused group of ops
(``KernelStep``, from the backend). Each step writes its own lines of Python; the
``Schedule`` strings them into one function whose local variables are the buffers, named
after the graph nodes they hold, and deletes each buffer right after its last use, so peak
memory follows the graph, not its size. Reading that source (``schedule.source``, or
``explain()``) shows exactly what a compiled call does; running it costs a function call
per step and nothing else — no dictionary of buffers, no interpretive loop.
"""
from __future__ import annotations

import keyword
import linecache
import re
import sys
import threading

import numpy as np

from . import ir
from ..ops import REGISTRY


def _as_dtype(arr, dtype):
    """An op's NumPy result as an array of the dtype the graph says it has."""
    arr = np.asarray(arr)
    return arr if arr.dtype == dtype else arr.astype(dtype)


def _is_literal(value) -> bool:
    """Can `value` be written into the source as its repr and read back as itself?"""
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, float):
        return bool(np.isfinite(value))
    if isinstance(value, tuple):
        return all(_is_literal(v) for v in value)
    return False


class Emitter:
    """What a step needs to write its lines: names for buffers and for namespace values."""

    def __init__(self, namespace, buffer_names):
        self.namespace = namespace
        self.buffer_names = buffer_names
        self._taken = set(buffer_names.values())

    def buffer(self, key) -> str:
        return self.buffer_names[key]

    def value(self, value, hint: str) -> str:
        """A Python value as source: itself where it is a literal, else a namespace name."""
        if _is_literal(value):
            return repr(value)
        return self.bind(value, hint)

    def bind(self, value, hint: str) -> str:
        for name, bound in self.namespace.items():
            if bound is value:
                return name
        name = self.fresh_name(hint)
        self.namespace[name] = value
        return name

    def fresh_name(self, hint: str) -> str:
        name, k = _identifier(hint), 1
        while name in self.namespace or name in self._taken:
            name, k = f"{_identifier(hint)}_{k}", k + 1
        self._taken.add(name)
        return name

    def call_arguments(self, args, attrs, hint) -> str:
        parts = [self.buffer(a) if isinstance(a, tuple) else self.value(a, f"{hint}_arg")
                 for a in args]
        parts += [f"{k}={self.value(v, f'{hint}_{k}')}" for k, v in attrs.items()]
        return ", ".join(parts)


def _identifier(text: str) -> str:
    name = re.sub(r"\W", "_", str(text))
    if not name or name[0].isdigit() or keyword.iskeyword(name):
        name = "v_" + name
    return name


class OpStep:
    """One op, evaluated with its NumPy forward."""

    uses_pool = False

    def __init__(self, g, node):
        data = g.nodes[node]
        self.node = node
        self.op = REGISTRY[data["op"]]
        self.args = ir.arguments(g, node)   # (producer, output) pairs or Python values
        self.attrs = data["attrs"]
        self.n_outputs = data["n_outputs"]
        self.multi_output = data["multi_output"]
        self.dtypes = [d.np for d in data["dtypes"]] if self.multi_output else [data["dtype"].np]
        self.reads = [a for a in self.args if isinstance(a, tuple)]
        self.writes = [(node, k) for k in range(self.n_outputs)]

    def emit(self, em: Emitter) -> list[str]:
        forward = em.bind(self.op.forward, f"{self.op.name}_forward")
        call = f"{forward}({em.call_arguments(self.args, self.attrs, self.node)})"
        names = [em.buffer(w) for w in self.writes]
        dtypes = [em.bind(np.dtype(dt), np.dtype(dt).name) for dt in self.dtypes]
        if not self.multi_output:
            return [f"{names[0]} = as_dtype({call}, {dtypes[0]})"]
        lines = [f"{', '.join(names)}, = {call}"]
        lines += [f"{n} = as_dtype({n}, {dt})" for n, dt in zip(names, dtypes)]
        return lines

    def describe(self):
        return f"{self.node} = {self.op.name}(...)  [NumPy]"


class Schedule:
    """The steps that compute a graph's outputs from its inputs, as one generated function.

    Buffer planning: each intermediate is deleted right after the step that reads it last.
    Kernel outputs that never leave the schedule go back to a pool (by shape and dtype) that
    the next kernel — in this call or the next — takes its output arrays from (``take``), so
    a call allocates fresh memory only for what it returns (fresh large allocations are slow
    here: the pages must be faulted in). Returned buffers rejoin the pool once the caller has
    dropped them. A buffer is pooled only when nothing else holds it (a view of it, a
    tensor): its reference count says so.
    """

    def __init__(self, g, steps, allocate=np.empty, place=None):
        """`allocate(shape, dtype)` makes a kernel's output array; `place(array)` puts a
        constant where the steps read it (the GPU's memory, for the CUDA target)."""
        self.graph = g
        self._allocate = allocate
        self.steps = steps
        self.inputs = [(n, 0) for n in g.graph["inputs"]]
        self.outputs = list(g.graph["outputs"])
        consts = {(n, 0): d["value"] if place is None else place(d["value"])
                  for n, d in g.nodes(data=True) if d["kind"] == "const"}
        keep = {o for o in self.outputs if o is not None}
        last_use = {}
        for i, step in enumerate(steps):
            for key in step.reads:
                last_use[key] = i
        frees = [[] for _ in steps]
        for key, i in last_use.items():
            if key not in keep and key not in consts and key not in self.inputs:
                frees[i].append(key)
        kernel_writes = {key for step in steps if step.uses_pool for key in step.writes}
        poolable = kernel_writes - keep
        self.returned_from_kernels = [o in kernel_writes for o in self.outputs]
        self.pool: dict = {}
        self.escaped: list = []         # returned kernel buffers, reclaimed once nobody holds them
        self._lock = threading.Lock()   # the pool is shared by calls; run them one at a time

        namespace = {"as_dtype": _as_dtype, "take": self._take, "give": self._give,
                     "refcount": sys.getrefcount, "np": np}
        names = {}
        for key in self.inputs + list(consts) + [w for step in steps for w in step.writes]:
            node, k = key
            name = _identifier(node if k == 0 else f"{node}_{k}")
            while name in namespace or name in names.values():
                name += "_"
            names[key] = name
        for key, value in consts.items():
            namespace[names[key]] = value
        em = Emitter(namespace, names)
        function = em.fresh_name(f"run_{g.graph.get('name', 'graph')}")
        lines = [f"def {function}({', '.join(names[k] for k in self.inputs)}):"]
        for step, freed in zip(steps, frees):
            lines += [f"    {line}" for line in step.emit(em)]
            for key in freed:
                if key in poolable:   # 2 references: the variable and refcount's argument
                    lines.append(f"    if refcount({names[key]}) == 2: give({names[key]})")
                lines.append(f"    del {names[key]}")
        lines.append(f"    return [{', '.join(names[o] if o is not None else 'None' for o in self.outputs)}]")
        self.source = "\n".join(lines) + "\n"
        filename = f"<jitgrad schedule {function}>"
        linecache.cache[filename] = (len(self.source), None, self.source.splitlines(True), filename)
        exec(compile(self.source, filename, "exec"), namespace)
        self._function = namespace[function]
        self.namespace = namespace

    def run(self, arrays):
        with self._lock:
            self._reclaim()
            try:
                results = self._function(*arrays)
            except SystemError as err:   # how an error raised inside a prange launcher surfaces
                if err.__cause__ is None:
                    raise
                raise err.__cause__ from None
            self.escaped += [r for r, pooled in zip(results, self.returned_from_kernels) if pooled]
            return results

    def _take(self, shape, dtype):
        free = self.pool.get((shape, dtype))
        return free.pop() if free else self._allocate(shape, dtype)

    def _give(self, arr):
        self.pool.setdefault((arr.shape, arr.dtype), []).append(arr)

    def _reclaim(self):
        """Returned buffers whose tensors are gone (the caller dropped the result, backward freed
        its saved values) go back to the pool: what a caching allocator does."""
        still_held = []
        for arr in self.escaped:
            # references: the list, `arr`, getrefcount's argument; a view or a tensor adds one
            if sys.getrefcount(arr) == 3:
                self._give(arr)
            else:
                still_held.append(arr)
        self.escaped = still_held
