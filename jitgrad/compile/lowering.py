"""From an optimised graph to a runnable schedule for a target.

The CPU target fuses elementwise ops (``passes.fusion``) and turns each fused group into one
generated Numba kernel (``jitgrad.backends.cpu``); everything else — matmul on NumPy's BLAS,
reductions that do not close a group, movement and indexing — runs as the op's NumPy
forward. The CUDA target (``jitgrad.backends.cuda``) fuses the same way, among the ops whose
expressions CUDA kernels can inline, and gives every other op a device step (a library
product, a view, a gather, or — where there is none — its NumPy forward on the host). Steps
run in a topological order of the graph with each kernel contracted to one
node (fusion keeps that graph acyclic), ties broken by program order.
"""
from __future__ import annotations

import logging

import networkx as nx

from . import ir
from .executor import OpStep, Schedule
from .logs import logger


def lower(g, target: str = "cpu"):
    fused, steps, schedule_options = lower_steps(g, target)
    return Schedule(fused, steps, **schedule_options)


def lower_steps(g, target: str = "cpu"):
    """The fused graph and its steps, before they are strung into a schedule (which, for the
    CUDA target, puts constants on the GPU): what the PTX checks compile without one."""
    if target not in ("cpu", "cuda"):
        raise ValueError(f"no lowering for target {target!r}")
    from passes.fusion import fusion
    if target == "cpu":
        from ..backends.cpu import KernelSpec, KernelStep

        def make_kernel(graph, name, members):
            return KernelStep(KernelSpec(graph, name, members))
        fused, make_step, schedule_options = fusion(g), OpStep, {}
    else:
        from ..backends import cuda, cuda_device, cuda_steps

        def make_kernel(graph, name, members):
            return cuda.CudaKernelStep(cuda.CudaKernelSpec(graph, name, members))

        def make_step(graph, node):
            if graph.nodes[node]["op"] in cuda.REDUCTIONS and cuda.runs_alone(graph, node):
                return make_kernel(graph, cuda.kernel_name(node), [node])
            return cuda_steps.step_for(graph, node)
        fused = fusion(g, unfusible=cuda.why_not_on_cuda)
        schedule_options = {"allocate": cuda_device.empty, "place": cuda_device.to_device}
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
            steps.append(make_kernel(fused, step, kernels[step]))
        else:
            steps.append(make_step(fused, step))
    return fused, steps, schedule_options
