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
        key = (data["op"], attrs, args)
        hash(key)
        return key
    except TypeError:       # an attribute with no value identity (e.g. an index array)
        return None


def _freeze(value):
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, float) and value != value:   # nan != nan, but two nans are one constant
        return ("nan",)
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
