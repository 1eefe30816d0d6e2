"""Algebraic simplification and constant folding.

* ``x * 1``, ``1 * x``, ``x / 1``, ``x + 0``, ``0 + x``, ``x - 0``, ``x ** 1`` -> ``x``, when the
  Python number leaves x's shape, dtype and requires_grad unchanged (so ``int_tensor * 1.0``,
  which becomes float, is kept, and so is ``x * 1`` computed under no_grad);
* an op whose tensor arguments are all constants is evaluated now and becomes a constant.
"""
from __future__ import annotations

import networkx as nx
import numpy as np

from jitgrad.compile import ir
from jitgrad.ops import REGISTRY
from ._rewrite import redirect

# op -> {argument position of the Python number: the value that makes the op an identity}
_IDENTITIES = {
    "mul": {0: 1, 1: 1},
    "add": {0: 0, 1: 0},
    "sub": {1: 0},
    "div": {1: 1},
    "pow": {1: 1},
}


def _identity_source(g, node):
    """The (producer, output) the node merely passes through, or None."""
    data = g.nodes[node]
    rules = _IDENTITIES.get(data["op"])
    if not rules:
        return None
    args = ir.arguments(g, node)
    for position, neutral in rules.items():
        value = args[position]
        if isinstance(value, tuple) or isinstance(value, bool) or value != neutral:
            continue
        other = args[1 - position]
        if not isinstance(other, tuple):
            continue
        shape, dtype = ir.output_meta(g, *other)
        # and the same requires_grad: x * 1 computed under no_grad stops gradients, x does not
        if (shape == data["shape"] and dtype is data["dtype"]
                and g.nodes[other[0]]["requires_grad"] == data["requires_grad"]):
            return other
    return None


def _fold(g, node):
    """Evaluate an op on constants; returns the new constant's id, or None."""
    data = g.nodes[node]
    if data["multi_output"]:
        return None
    args = ir.arguments(g, node)
    tensor_args = [a for a in args if isinstance(a, tuple)]
    if not tensor_args or any(g.nodes[p]["kind"] != "const" for p, _ in tensor_args):
        return None
    values = [g.nodes[a[0]]["value"] if isinstance(a, tuple) else a for a in args]
    with np.errstate(all="ignore"):
        value = np.asarray(REGISTRY[data["op"]].forward(*values, **data["attrs"])).astype(data["dtype"].np)
    return ir.add_const(g, f"{node}_folded", value, data["dtype"])


def simplify(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    result = g.copy()
    changed = False
    for node in ir.op_nodes(g):
        source = _identity_source(result, node)
        if source is not None:
            redirect(result, node, source[0], new_output_of=source[1])
            changed = True
            continue
        const = _fold(result, node)
        if const is not None:
            redirect(result, node, const, new_output_of=0)
            changed = True
    return result if changed else g
