"""Dead-code elimination: drop every node no output depends on."""
from __future__ import annotations

import networkx as nx


def dce(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    live = set()
    for out in g.graph["outputs"]:
        if out is not None:
            live.add(out[0])
            live |= nx.ancestors(g, out[0])
    live |= set(g.graph["inputs"])          # inputs stay: they are the call's signature
    dead = [n for n in g if n not in live]
    if not dead:
        return g
    result = g.copy()
    result.remove_nodes_from(dead)
    return result
