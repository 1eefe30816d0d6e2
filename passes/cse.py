"""Common-subexpression elimination: two op nodes with the same op, attributes and
arguments compute the same value; keep the first and point the other's users at it."""
from __future__ import annotations

import networkx as nx

from jitgrad.compile import ir
from ._rewrite import redirect


def _key(g, node):
    data = g.nodes[node]
    try:
        attrs = tuple(sorted((k, _freeze(v)) for k, v in data["attrs"].items()))
        args = tuple(_freeze(a) for a in ir.arguments(g, node))
        # requires_grad too: the same op under no_grad (or on a detached value) stops gradients
        key = (data["op"], attrs, args, data["requires_grad"])
        hash(key)
        return key
    except TypeError:       # an attribute with no value identity (e.g. an index array)
        return None


def _freeze(value):
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, (bool, int, float)):
        # by type and repr: 2 == 2.0 == True and 0.0 == -0.0, yet x * 2 and x * 2.0 differ in
        # dtype for an integer x, and x * -0.0 and x * 0.0 in sign; two nans are one constant
        return (type(value).__name__, repr(value))
    if hasattr(value, "shape") and hasattr(value, "tobytes"):   # NumPy arrays in attributes
        return ("array", value.shape, str(value.dtype), value.tobytes())
    return value


def cse(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    result = g.copy()
    seen: dict = {}
    changed = False
    for node in ir.op_nodes(g):
        key = _key(result, node)   # arguments read from `result`: earlier merges already applied
        if key is None:
            continue
        first = seen.setdefault(key, node)
        if first != node:
            redirect(result, node, first)
            changed = True
    return result if changed else g
