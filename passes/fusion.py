"""Elementwise fusion: group elementwise ops into kernels, one loop each.

A group is a connected set of ops with a scalar expression — elementwise ops, and the
broadcasts, casts and copies that are elementwise in a loop — with one *iteration shape* (their output
shape); its operands may be smaller and are read by broadcasting index arithmetic, never
materialised. Groups grow greedily in program order: an op joins (and may merge) the groups
of its producers when the result stays acyclic — no value outside the group both depends on
the group and feeds it. A reduction of a group value (``sum``/``mean`` over any dims, or
``sum_to_size``) may close the group: the loop nest accumulates it.

The pass only annotates: node attribute ``cluster`` (the kernel's name), graph attributes
``clusters`` (name -> label, what DOT draws as a box), ``kernels`` (name -> member nodes in
program order) and ``not_fused`` (node -> why it runs on its own).
"""
from __future__ import annotations

import networkx as nx

from jitgrad.compile import ir
from jitgrad.ops import REGISTRY

CLOSING_REDUCTIONS = ("sum", "mean", "sum_to_size")


def _why_not_fusible(g, node, unfusible=None):
    """None if the op can be part of a fused loop, else the reason (`unfusible`: a target's
    own refusals, ``unfusible(g, node) -> reason or None``)."""
    data = g.nodes[node]
    op = REGISTRY[data["op"]]
    refusal = unfusible(g, node) if op.scalar is not None and unfusible is not None else None
    if refusal is not None:
        return refusal
    if op.scalar is None:   # elementwise ops, and broadcasts/casts/copies, declare one
        return f"{op.kind} op without a scalar expression: runs as a library call / NumPy"
    if op.multi_output:
        return "several outputs"
    if data["dtype"].is_complex:
        return "complex dtype"
    return None


def _closes_group(g, node, group_shape):
    """A sum/mean (over any dims) or sum_to_size of a value with the group's shape can be
    accumulated by the group's loop nest."""
    data = g.nodes[node]
    return (data["op"] in CLOSING_REDUCTIONS and not data["attrs"].get("dtype")
            and data["dtype"].is_floating_point
            and ir.output_meta(g, *ir.arguments(g, node)[0])[0] == group_shape)


def _acyclic(g, assign) -> bool:
    """Is the graph with every group contracted to one node still acyclic?"""
    contracted = nx.DiGraph()
    for u, v in g.edges():
        cu, cv = assign.get(u, u), assign.get(v, v)
        if cu != cv:
            contracted.add_edge(cu, cv)
    return nx.is_directed_acyclic_graph(contracted)


def fusion(g: nx.MultiDiGraph, unfusible=None) -> nx.MultiDiGraph:
    assign: dict = {}        # node -> group id
    shapes: dict = {}        # group id -> iteration shape
    closed: set = set()      # groups that already end in a reduction
    not_fused: dict = {}
    next_group = 0
    for node in ir.op_nodes(g):
        data = g.nodes[node]
        producers = {p for p, _ in g.in_edges(node) if p in assign}
        candidates = []
        for p in sorted(producers, key=lambda n: assign[n]):
            gid = assign[p]
            if gid not in candidates and gid not in closed:
                candidates.append(gid)
        reason = _why_not_fusible(g, node, unfusible)
        if reason is not None:
            # a reduction of a whole group value can still close that group
            joined = False
            for gid in candidates:
                if _closes_group(g, node, shapes[gid]) and _acyclic(g, {**assign, node: gid}):
                    assign[node] = gid
                    closed.add(gid)
                    joined = True
                    break
            if not joined:
                not_fused[node] = reason
            continue
        target = None
        for gid in candidates:
            if shapes[gid] != data["shape"]:
                continue
            if target is None:
                trial = {**assign, node: gid}
                if _acyclic(g, trial):
                    assign, target = trial, gid
            else:   # the op links two groups: merge them when that stays acyclic
                trial = {n: (target if c == gid else c) for n, c in assign.items()}
                if _acyclic(g, trial):
                    assign = trial
        if target is None:
            target = next_group
            next_group += 1
            shapes[target] = data["shape"]
            assign[node] = target
    return _annotate(g, assign, not_fused)


def _annotate(g, assign, not_fused):
    result = g.copy()
    members: dict = {}
    for node in ir.op_nodes(g):
        if node in assign:
            members.setdefault(assign[node], []).append(node)
    kernels, clusters = {}, {}
    for k, (gid, nodes) in enumerate(sorted(members.items(), key=lambda item: item[1][0])):
        name = f"kernel_{k}"
        kernels[name] = nodes
        clusters[name] = f"{name}: " + " ".join(g.nodes[n]["op"] for n in nodes)
        for n in nodes:
            result.nodes[n]["cluster"] = name
    result.graph.update(kernels=kernels, clusters=clusters, not_fused=not_fused)
    return result
