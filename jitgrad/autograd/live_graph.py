"""The live autograd graph: one ``networkx.DiGraph`` that every recorded op adds to at once.

Nodes are tensors and Functions (``kind`` = "tensor" / "function"); edges run the way data
flows, input tensor -> Function -> output tensor. Keys are integers; the ids of a Function's
outputs follow the Function's own id, so the Function can remove them when it goes.

Who removes what:
* a Function node and its output tensor nodes leave when backward frees the Function, or
  when the Function object is deallocated (reference counting: the last tensor or downstream
  Function that held it is gone);
* a leaf tensor node leaves when its tensor is deallocated (a ``weakref.finalize``, set once
  per leaf, not per op).

Why the adjacency dicts are written directly: ``DiGraph.add_node``/``add_edge`` validate and
merge attributes on every call, which costs ~6 µs per op here — more than the op. The dicts
below are networkx's documented storage (``G._node``, ``G._succ``, ``G._pred``) and we keep
its invariants: every node has an entry in all three, and an edge's attribute dict is the
same object in ``_succ[u][v]`` and ``_pred[v][u]``.
"""
from __future__ import annotations

import weakref

import networkx as nx

LIVE = nx.DiGraph()
_nodes, _succ, _pred = LIVE._node, LIVE._succ, LIVE._pred

_next_id = [0]


def allocate_ids(count: int) -> int:
    """Reserve `count` consecutive node ids; returns the first."""
    first = _next_id[0]
    _next_id[0] = first + count
    return first


def _add_node(key: int, attrs: dict) -> None:
    _nodes[key] = attrs
    _succ[key] = {}
    _pred[key] = {}


def _add_edge(src: int, dst: int, index: int) -> None:
    data = {"index": index}
    _succ[src][dst] = data
    _pred[dst][src] = data


def remove_node(key: int) -> None:
    succ = _succ.pop(key, None)
    if succ is None:
        return
    for child in succ:
        del _pred[child][key]
    for parent in _pred.pop(key):
        del _succ[parent][key]
    del _nodes[key]


def _tensor_attrs(t, is_leaf: bool) -> dict:
    return {"kind": "tensor", "shape": t._data.shape, "dtype": t.dtype,
            "requires_grad": True, "is_leaf": is_leaf, "param": t._is_param}


def _ensure_input_node(t) -> int:
    """The node of an input tensor, registering it if it is not (or no longer) in the graph."""
    key = t._node
    if key is not None and key in _succ:
        return key
    key = allocate_ids(1)
    t._node = key
    _add_node(key, _tensor_attrs(t, t.grad_fn is None))
    # The tensor owns this node (a leaf, or an output whose Function was freed by backward).
    weakref.finalize(t, remove_node, key).atexit = False
    return key


def record(fn_id: int, name: str, inputs, outputs) -> None:
    """Add a Function node, edges from its grad-requiring inputs, and its output tensors."""
    _add_node(fn_id, {"kind": "function", "op": name})
    for index, t in enumerate(inputs):
        if t is not None:
            _add_edge(_ensure_input_node(t), fn_id, index)
    for k, out in enumerate(outputs):
        if out is not None:
            key = fn_id + 1 + k
            out._node = key
            _add_node(key, _tensor_attrs(out, False))
            _add_edge(fn_id, key, k)


def remove_function(fn_id: int, n_outputs: int) -> None:
    remove_node(fn_id)
    for k in range(n_outputs):
        remove_node(fn_id + 1 + k)


def graph(tensor=None) -> nx.DiGraph:
    """The live graph, or (given a tensor) a copy of the part its ``backward()`` would walk."""
    if tensor is None:
        return LIVE
    key = tensor._node
    if key is None or key not in _succ:
        sub = nx.DiGraph()
        if tensor.requires_grad:
            sub.add_node(_ensure_input_node(tensor), **_nodes[tensor._node])
        return sub
    keep = nx.ancestors(LIVE, key)
    keep.add(key)
    return LIVE.subgraph(keep).copy()


def size() -> int:
    return len(_nodes)
