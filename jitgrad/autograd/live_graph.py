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

import itertools
import threading
import weakref

import networkx as nx

LIVE = nx.DiGraph()
_nodes, _succ, _pred = LIVE._node, LIVE._succ, LIVE._pred

# Ids come in blocks of 8: a Function takes a block, its outputs the ids after it. One C-level
# next() per recorded op (this is on the eager hot path); ordering by id is creation order,
# which the engine uses to run ready nodes newest-first as torch does.
ID_BLOCK = 8
_ids = itertools.count(0, ID_BLOCK)


next_block = _ids.__next__
_block_lock = threading.Lock()


def allocate_ids(count: int) -> int:
    """Reserve `count` consecutive node ids; returns the first."""
    first = next_block()
    if count <= ID_BLOCK:
        return first
    with _block_lock:  # a Function with 8+ outputs takes several consecutive blocks
        while True:
            last = first
            for _ in range((count - 1) // ID_BLOCK):
                last = next_block()
            if last - first == ID_BLOCK * ((count - 1) // ID_BLOCK):
                return first
            first = next_block()  # another thread took a block in between: try again


def remove_node(key: int) -> None:
    succ = _succ.pop(key, None)
    if succ is None:
        return
    for child in succ:
        del _pred[child][key]
    for parent in _pred.pop(key):
        del _succ[parent][key]
    del _nodes[key]




def _ensure_input_node(t) -> int:
    """The node of an input tensor, registering it if it is not (or no longer) in the graph."""
    key = t._node
    if key is not None and key in _succ:
        return key
    key = allocate_ids(1)
    t._node = key
    _nodes[key] = {"kind": "tensor", "shape": t._data.shape, "dtype": t.dtype, "requires_grad": True,
                   "is_leaf": t.grad_fn is None, "param": t._is_param}
    _succ[key] = {}
    _pred[key] = {}
    # The tensor owns this node (a leaf, or an output whose Function was freed by backward).
    weakref.finalize(t, remove_node, key).atexit = False
    return key


# Attribute dicts that never vary are shared between nodes and edges: one allocation fewer
# per op each. The live graph is jitgrad's to write; query it, or .copy() it to edit (copies
# get their own dicts).
_EDGE_DATA = tuple({"index": i} for i in range(16))
_EDGE0 = _EDGE_DATA[0]
_function_attrs: dict = {}


def record(fn_id: int, name: str, inputs, edges, outputs) -> None:
    """Add a Function node, edges from its inputs that have a backward edge, and its outputs."""
    _nodes[fn_id] = {"kind": "function", "op": name}
    fn_succ = _succ[fn_id] = {}
    fn_pred = _pred[fn_id] = {}
    index = 0
    for t, edge in zip(inputs, edges):
        if edge is not None:
            key = t._node
            if key is None or key not in _succ:
                key = _ensure_input_node(t)
            _succ[key][fn_id] = fn_pred[key] = {"index": index}
        index += 1
    key = fn_id
    index = 0
    for out in outputs:
        key += 1
        if out is not None:
            out._node = key
            _nodes[key] = {"kind": "tensor", "shape": out._data.shape, "dtype": out.dtype,
                           "requires_grad": True, "is_leaf": False}
            _succ[key] = {}
            _pred[key] = {fn_id: fn_succ.setdefault(key, {"index": index})}
        index += 1


def record_single(fn_id: int, name: str, inputs, edges, out, shape) -> None:
    """``record`` for the common one-output Function (no loop over outputs)."""
    attrs = _function_attrs.get(name)
    if attrs is None:
        attrs = _function_attrs[name] = {"kind": "function", "op": name}
    _nodes[fn_id] = attrs
    key = fn_id + 1
    _succ[fn_id] = {key: _EDGE0}
    fn_pred = _pred[fn_id] = {}
    index = 0
    for t, edge in zip(inputs, edges):
        if edge is not None:
            src = t._node
            if src is None or src not in _succ:
                src = _ensure_input_node(t)
            _succ[src][fn_id] = fn_pred[src] = _EDGE_DATA[index] if index < 16 else {"index": index}
        index += 1
    out._node = key
    _nodes[key] = {"kind": "tensor", "shape": shape, "dtype": out.dtype,
                   "requires_grad": True, "is_leaf": False}
    _succ[key] = {}
    _pred[key] = {fn_id: _EDGE0}


def remove_function(fn_id: int) -> None:
    """Remove a Function node and the output tensor nodes it owns."""
    succ = _succ.pop(fn_id, None)
    if succ is None:
        return
    del _nodes[fn_id]
    for parent in _pred.pop(fn_id):
        del _succ[parent][fn_id]
    for out in succ:
        consumers = _succ.pop(out)
        if consumers:   # usually none: backward frees consumers first
            for consumer in consumers:
                del _pred[consumer][out]
        del _pred[out]
        del _nodes[out]


def graph(tensor=None) -> nx.DiGraph:
    """The live graph, or (given a tensor) a copy of the part its ``backward()`` would walk.

    Asking never changes the live graph: a tensor not (or no longer) in it comes back alone.
    """
    if tensor is None:
        return LIVE
    key = tensor._node
    if key is None or key not in _succ:
        sub = nx.DiGraph()
        if tensor.requires_grad:
            sub.add_node(key if key is not None else f"tensor@{id(tensor):#x}", kind="tensor",
                         shape=tensor._data.shape, dtype=tensor.dtype, requires_grad=True,
                         is_leaf=tensor.grad_fn is None, param=tensor._is_param)
        return sub
    keep = nx.ancestors(LIVE, key)
    keep.add(key)
    return LIVE.subgraph(keep).copy()

