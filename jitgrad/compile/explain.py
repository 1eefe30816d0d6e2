"""``CompiledFunction.explain(*args)``: what the compiler did for one specialisation.

    report = f.explain(x, w)
    print(report)                  # graphs, fusion groups, kernels, bytes, generated source
    report.fused_graph             # networkx graphs, to query or jitgrad.viz.save(...)
    report.kernels[0].source
    report.schedules["forward"]    # the Python function a call runs: one line per step

Everything is read off the compiled ``Entry`` and its schedules, duck-typed: a schedule step
with a ``.source`` is a generated kernel (``name``, ``ops``, ``bytes_read``,
``bytes_written``); any other step runs on its own and has ``reads``/``writes`` buffer keys.
Names from the backward graph are prefixed ``backward:`` (both graphs number their nodes and
kernels from 0).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import ir

BACKWARD = "backward:"


@dataclass
class Kernel:
    name: str
    source: str
    ops: list
    bytes_read: int
    bytes_written: int
    graph: str            # "forward" or "backward"


def _nbytes(g, key) -> int:
    """Size of the buffer holding output `key` = (node, output) of graph `g`."""
    shape, dtype = ir.output_meta(g, *key)
    return int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype.np).itemsize


def _step_bytes(g, step) -> int:
    """A kernel's own count; for another step an estimate: it reads each input buffer once and
    writes each output once (NumPy's temporaries inside one op are not counted, and a view op
    is counted as if it copied)."""
    if hasattr(step, "source"):
        return int(step.bytes_read) + int(step.bytes_written)
    keys = list(getattr(step, "reads", ())) + list(getattr(step, "writes", ()))
    return sum(_nbytes(g, key) for key in keys if key is not None and key[0] in g)


class Report:
    """The explain() report of one compiled entry (see the module docstring)."""

    def __init__(self, entry):
        self.name = entry.name
        self.traced_graph = entry.traced_graph
        self.forward_graph = entry.forward_graph
        self.backward_graph = entry.backward_graph
        self.fused_graph = self._fused(entry)
        self.kernels: list[Kernel] = []
        self.not_fused: dict = {}
        self.bytes_per_graph = {}
        self.schedules: dict = {}
        for label, schedule in (("forward", entry.forward), ("backward", entry.backward)):
            if schedule is None:
                continue
            if hasattr(schedule, "source"):
                self.schedules[label] = schedule.source
            prefix = BACKWARD if label == "backward" else ""
            g = getattr(schedule, "graph", None)
            steps = getattr(schedule, "steps", [])
            for step in steps:
                if hasattr(step, "source"):
                    self.kernels.append(Kernel(prefix + step.name, step.source, list(step.ops),
                                               int(step.bytes_read), int(step.bytes_written), label))
            if g is not None:
                self.not_fused.update({prefix + str(n): why for n, why in g.graph.get("not_fused", {}).items()})
                self.bytes_per_graph[label] = sum(_step_bytes(g, step) for step in steps)
        self.kernel_count = len(self.kernels)
        # per call: the forward, plus the backward when gradients are asked for
        self.bytes_moved = sum(self.bytes_per_graph.values())

    @staticmethod
    def _fused(entry):
        g = getattr(entry.forward, "graph", None)
        if g is not None and any("cluster" in d for _, d in g.nodes(data=True)):
            return g
        g = entry.forward_graph.copy()           # not fused (yet): no clusters to show
        g.graph.setdefault("clusters", {})
        return g

    def __str__(self):
        out = [f"jitgrad.compile explain: {self.name}", "", "== forward graph (after passes) ==",
               ir.format_graph(self.forward_graph), ""]
        if self.backward_graph is not None:
            out += ["== backward graph (after passes) ==", ir.format_graph(self.backward_graph), ""]
        else:
            out += ["== backward graph: none (no gradients needed) ==", ""]
        out.append("== fusion groups ==")
        out += [f"{k.name} ({k.graph}): {' '.join(k.ops)}" for k in self.kernels] or ["(none)"]
        bytes_line = ", ".join(f"{label} {_human(n)}" for label, n in self.bytes_per_graph.items())
        out += ["", f"kernels: {self.kernel_count}",
                f"bytes moved per call: {_human(self.bytes_moved)} ({bytes_line}; NumPy steps estimated "
                f"as reading their inputs and writing their outputs once)", ""]
        for label, source in self.schedules.items():
            out += [f"== {label} schedule (what a call runs) ==", source.rstrip(), ""]
        for k in self.kernels:
            out += [f"== {k.name} ({k.graph}): reads {_human(k.bytes_read)}, writes "
                    f"{_human(k.bytes_written)} ==", k.source.rstrip(), ""]
        out.append("== not fused ==")
        out += [f"{node}: {why}" for node, why in self.not_fused.items()] or ["(nothing: every op is in a kernel)"
                                                                          if self.kernels else "(no fusion ran)"]
        return "\n".join(out)

    __repr__ = __str__


def _human(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KiB" if n < 1024 ** 2 else f"{n / 1024 ** 2:.1f} MiB"
