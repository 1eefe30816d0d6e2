"""From an optimised graph to a runnable schedule for a target.

The CPU target fuses elementwise ops (``passes.fusion``) and turns each fused group into one
generated Numba kernel (``jitgrad.backends.cpu``); everything else — matmul on NumPy's BLAS,
reductions that do not close a group, movement and indexing — runs as the op's NumPy
forward. Steps run in a topological order of the graph with each kernel contracted to one
node (fusion keeps that graph acyclic), ties broken by program order.
"""
from __future__ import annotations

import logging

import networkx as nx

from . import ir
from .executor import OpStep, Schedule
from .logs import logger


def lower(g, target: str = "cpu"):
    if target != "cpu":
        raise ValueError(f"no lowering for target {target!r}")
    from passes.fusion import fusion
    from ..backends.cpu import KernelSpec, KernelStep

    fused = fusion(g)
    kernels = fused.graph["kernels"]
    log = logger("fusion")
    if log.isEnabledFor(logging.INFO):
        for name, members in kernels.items():
            log.info("%s: %s -> %s", g.graph["name"], name, " ".join(members))
        for node, reason in fused.graph["not_fused"].items():
            log.info("%s: %s not fused: %s", g.graph["name"], node, reason)
    ops = ir.op_nodes(fused)
    unit = {n: fused.nodes[n].get("cluster", n) for n in ops}     # op -> its step's id
    position = {}
    for i, n in enumerate(ops):
        position.setdefault(unit[n], i)
    steps_graph = nx.DiGraph()
    steps_graph.add_nodes_from(position)
    for u, v in fused.edges():
        if u in unit and v in unit and unit[u] != unit[v]:
            steps_graph.add_edge(unit[u], unit[v])
    steps = []
    for step in nx.lexicographical_topological_sort(steps_graph, key=position.__getitem__):
        if step in kernels:
            steps.append(KernelStep(KernelSpec(fused, step, kernels[step])))
        else:
            steps.append(OpStep(fused, step))
    return Schedule(fused, steps)
