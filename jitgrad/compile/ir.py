"""The compiler's IR: a ``networkx.MultiDiGraph`` a user can query with networkx itself.

Nodes (string ids, named after what they hold: ``x``, ``mul_3``, ``const_0``):
* ``kind="input"``: an argument of the compiled function — ``index``, ``shape``, ``dtype``,
  ``requires_grad``;
* ``kind="const"``: a tensor captured while tracing — ``value`` (a NumPy array), ``shape``,
  ``dtype``;
* ``kind="op"``: one registry op call — ``op`` (its name), ``attrs`` (its options, e.g.
  ``dim``), ``scalars`` (per argument position: the Python number or None passed there, or
  ``TENSOR`` where an edge brings a tensor), ``shape``, ``dtype`` (for ops with several
  outputs — ``multi_output`` True — ``shapes``/``dtypes`` lists, ``shape``/``dtype`` describe
  output 0; a multi-output op may have a single output, split into one piece), ``n_outputs``,
  ``requires_grad``.
Edges run producer -> consumer, one per tensor argument, keyed by the argument position
(``index``), with ``output`` = which output of the producer.

Graph attributes: ``name``, ``inputs`` (input node ids in argument order) and ``outputs``
(``(node, output)`` pairs in return order).
"""
from __future__ import annotations

import networkx as nx

TENSOR = "<tensor>"   # placeholder in ``scalars`` where an edge supplies the argument


def new_graph(name: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph.update(name=name, inputs=[], outputs=[])
    return g


def _unique(g, name: str) -> str:
    if name not in g:
        return name
    k = 1
    while f"{name}_{k}" in g:
        k += 1
    return f"{name}_{k}"


def add_input(g, name, shape, dtype, requires_grad=False) -> str:
    node = _unique(g, name)
    g.add_node(node, kind="input", name=node, index=len(g.graph["inputs"]), shape=tuple(shape), dtype=dtype,
               requires_grad=bool(requires_grad), is_leaf=True)
    g.graph["inputs"].append(node)
    return node


def add_const(g, name, value, dtype) -> str:
    node = _unique(g, name)
    g.add_node(node, kind="const", value=value, shape=tuple(value.shape), dtype=dtype, requires_grad=False)
    return node


def add_op(g, op, name, args, attrs, shape, dtype, requires_grad) -> str:
    """Add an op node; `args` holds symbolic tensors (becoming edges) and Python values."""
    node = _unique(g, name)
    scalars = []
    for a in args:
        scalars.append(TENSOR if hasattr(a, "ir_node") else a)
    data = dict(kind="op", op=op.name, attrs=dict(attrs), scalars=tuple(scalars),
                n_outputs=len(shape) if op.multi_output else 1, multi_output=op.multi_output,
                requires_grad=bool(requires_grad))
    if not op.multi_output:
        data.update(shape=tuple(shape), dtype=dtype)
    else:
        data.update(shapes=[tuple(s) for s in shape], dtypes=list(dtype), shape=tuple(shape[0]), dtype=dtype[0])
    g.add_node(node, **data)
    for index, a in enumerate(args):
        if hasattr(a, "ir_node"):
            g.add_edge(a.ir_node, node, key=index, index=index, output=a.ir_output)
    return node


def arguments(g, node):
    """The node's arguments in position order: ``(producer, output)`` for tensors, else the value."""
    args = list(g.nodes[node]["scalars"])
    for producer, _, data in g.in_edges(node, data=True):
        args[data["index"]] = (producer, data["output"])
    return args


def op_nodes(g):
    """Op nodes in an order where every node comes after its producers."""
    return [n for n in nx.lexicographical_topological_sort(g, key=_creation_order(g))
            if g.nodes[n]["kind"] == "op"]


def _creation_order(g):
    order = {n: i for i, n in enumerate(g.nodes)}
    return lambda n: order[n]


def output_meta(g, node, output=0):
    data = g.nodes[node]
    if not data.get("multi_output"):
        return data["shape"], data["dtype"]
    return data["shapes"][output], data["dtypes"][output]


def format_graph(g) -> str:
    """The graph as a table, read top to bottom (torch.fx style)."""
    rows = [("node", "op", "args", "shape", "dtype")]
    for n in g.graph["inputs"]:
        d = g.nodes[n]
        rows.append((n, "input" + (" (requires grad)" if d["requires_grad"] else ""), "",
                     str(list(d["shape"])), d["dtype"].name))
    for n, d in g.nodes(data=True):
        if d["kind"] == "const":
            rows.append((n, "const", "", str(list(d["shape"])), d["dtype"].name))
    for n in op_nodes(g):
        d = g.nodes[n]
        shown = []
        for a in arguments(g, n):
            if isinstance(a, tuple):
                shown.append(a[0] if a[1] == 0 else f"{a[0]}[{a[1]}]")
            elif a is not None:
                shown.append(repr(a))
        shown += [f"{k}={v!r}" for k, v in d["attrs"].items()]
        rows.append((n, d["op"], ", ".join(shown), str(list(d["shape"])), d["dtype"].name))
    outs = ", ".join(n if k == 0 else f"{n}[{k}]" for n, k in g.graph["outputs"])
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"return {outs}")
    return f"graph {g.graph['name']}:\n" + "\n".join(lines)
