"""Graphviz pictures of jitgrad graphs (torchviz-style).

``to_dot(x)`` turns either a jitgrad ``Tensor`` (anything with a ``grad_fn``
attribute; its graph comes from :func:`jitgrad.autograd.graph`) or any
``networkx`` graph into DOT text; ``save(x, path)`` writes ``.dot`` text or
renders ``.svg`` / ``.png`` / ``.pdf`` with Graphviz's ``dot`` program.

Layout
------
Edges are drawn exactly as the graph stores them, i.e. from inputs towards
the outputs (a graph *output* is a node with no successors).  The graph is laid
out with ``rankdir=BT`` (bottom to top), so leaves and parameters sit at the
bottom and data flows *up* to the loss at the top.  (torchviz keeps Graphviz's
default top-to-bottom order, which puts the loss at the bottom; pass
``rankdir="TB"`` to ``to_dot``/``save`` to get that instead.)

Styling
-------
* ``kind="function"`` (eager ``grad_fn`` nodes) and ``kind="op"`` (compiler IR)
  are light-grey boxes labelled with their ``op`` string.
* ``kind="tensor"``, ``"input"``, ``"output"`` and ``"const"`` nodes are
  ellipses labelled ``name`` / ``(shape)`` / ``dtype``, one per line, each line
  only when known.  Shapes print like torchviz: ``(2, 3)``, ``(3)``, and ``()``
  for 0-d.  ``dtype`` shows only its last dotted component (``float32``).
* fill colours: parameters (``param=True``) ``khaki``; leaves that require
  grad ``lightblue``; other graph outputs ``darkolivegreen1``; everything else
  white.  ``const`` nodes get a dashed border.
* graph outputs (no successors) get a bold border.
* nodes sharing a ``cluster`` value are boxed in one ``subgraph cluster_<k>``
  labelled ``G.graph["clusters"][value]`` (default ``str(value)``).
* an edge's ``index`` (argument position) is shown as a small label only when
  its target has more than one incoming edge.

Only the attributes above are read; anything else on the graph is ignored and
never copied into the DOT output.

Implementation notes: the DOT is produced by ``networkx``'s pydot bridge
(``networkx.drawing.nx_pydot.to_pydot``) applied to a fresh copy whose nodes
are relabelled ``n0, n1, ...`` (so arbitrary node keys -- tensors, tuples,
strings such as ``"graph"`` or ``"a:b"`` -- can never clash with DOT syntax)
and which carries only Graphviz attributes.  Free-text values (labels) are
handed to pydot already double-quoted and escaped, because pydot passes through
values that look like ``"..."`` or ``<...>`` unchanged (the latter would be
read as an HTML label) and does not escape backslashes.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

__all__ = ["to_dot", "save", "RENDER_FORMATS", "SAVE_SUFFIXES"]

#: suffixes rendered through Graphviz's ``dot`` program
RENDER_FORMATS = (".svg", ".png", ".pdf")
#: every suffix :func:`save` accepts
SAVE_SUFFIXES = (".dot",) + RENDER_FORMATS

_FUNCTION_KINDS = frozenset({"function", "op"})
_TENSOR_KINDS = frozenset({"tensor", "input", "output", "const"})

_FUNCTION_FILL = "lightgrey"
_LEAF_FILL = "lightblue"
_PARAM_FILL = "khaki"
_OUTPUT_FILL = "darkolivegreen1"
_PLAIN_FILL = "white"
_CLUSTER_FILL = "aliceblue"

_GRAPH_ATTRS = {"ranksep": "0.25", "nodesep": "0.25"}
_NODE_DEFAULTS = {"fontname": "monospace", "fontsize": "10", "height": "0.2"}
_EDGE_DEFAULTS = {"arrowsize": "0.7"}
_EDGE_LABEL_FONTSIZE = "8"

_FALLBACK_LABEL_MAX = 40


# --------------------------------------------------------------------------
# quoting


def _escape(text: Any) -> str:
    """Escape one line of free text for use inside a DOT double-quoted string.

    Backslashes are doubled (Graphviz would otherwise read ``\\n``, ``\\N``,
    ``\\G``... as escapes), double quotes become ``\\"``, line breaks become
    Graphviz's centred-newline escape ``\\n`` and NULs are dropped.
    """
    s = str(text).replace("\x00", "")
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return s


def _quoted_lines(lines: Iterable[Any]) -> str:
    """A complete DOT quoted string showing ``lines`` one per line."""
    return '"' + "\\n".join(_escape(line) for line in lines) + '"'


# --------------------------------------------------------------------------
# label pieces


def _fmt_shape(shape: Any) -> str | None:
    if shape is None:
        return None
    try:
        dims = list(shape)
    except TypeError:  # a bare int, or something exotic
        dims = [shape]
    parts = []
    for d in dims:
        try:
            parts.append(str(int(d)))
        except (TypeError, ValueError):
            parts.append(str(d))  # symbolic dimension
    return "(" + ", ".join(parts) + ")"


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _fmt_dtype(dtype: Any) -> str | None:
    """``jitgrad.float32`` -> ``float32``; ``<class 'numpy.float32'>`` -> ``float32``."""
    if dtype is None:
        return None
    if isinstance(dtype, type):
        return dtype.__name__
    s = str(dtype).strip()
    idents = _IDENT.findall(s)
    return idents[-1] if idents else s


def _fallback_label(node: Hashable) -> str:
    s = str(node)
    if len(s) > _FALLBACK_LABEL_MAX:
        s = s[: _FALLBACK_LABEL_MAX - 3] + "..."
    return s


def _tensor_lines(data: dict) -> list[str]:
    lines = []
    name = data.get("name")
    if name is not None and str(name) != "":
        lines.append(str(name))
    shape = _fmt_shape(data.get("shape"))
    if shape is not None:
        lines.append(shape)
    dtype = _fmt_dtype(data.get("dtype"))
    if dtype:
        lines.append(dtype)
    return lines


# --------------------------------------------------------------------------
# graph conversion


def _as_graph(x: Any) -> nx.Graph:
    if isinstance(x, nx.Graph):
        return x
    if hasattr(x, "grad_fn"):
        from jitgrad.autograd import graph  # lazy: the core imports us, not vice versa

        return graph(x)
    raise TypeError(
        f"to_dot/save expect a jitgrad Tensor or a networkx graph, got {type(x).__name__}"
    )


def _is_output(G: nx.Graph, node: Hashable) -> bool:
    if G.is_directed():
        return G.out_degree(node) == 0
    return False


def _in_count(G: nx.Graph, node: Hashable) -> int:
    return G.in_degree(node) if G.is_directed() else G.degree(node)


def _node_attrs(G: nx.Graph, node: Hashable, data: dict) -> dict[str, str]:
    kind = data.get("kind")
    if not isinstance(kind, str):
        kind = None
    output = _is_output(G, node)
    styles = ["filled"]

    if kind in _FUNCTION_KINDS:
        op = data.get("op")
        label = [str(op)] if op is not None else [str(data.get("name") or kind)]
        attrs = {"shape": "box", "fillcolor": _FUNCTION_FILL}
    elif kind in _TENSOR_KINDS:
        label = _tensor_lines(data) or [str(kind)]
        requires_grad = bool(data.get("requires_grad", False))
        is_leaf = data.get("is_leaf")
        if is_leaf is None:
            is_leaf = _in_count(G, node) == 0 if G.is_directed() else True
        if data.get("param"):
            fill = _PARAM_FILL
        elif requires_grad and is_leaf:
            fill = _LEAF_FILL
        elif output or kind == "output":
            fill = _OUTPUT_FILL
        else:
            fill = _PLAIN_FILL
        attrs = {"shape": "ellipse", "fillcolor": fill}
        if kind == "const":
            styles.append("dashed")
    else:
        # Unknown or missing kind: show whatever is known, else the node key.
        lines = []
        if data.get("op") is not None:
            lines.append(str(data["op"]))
        lines.extend(_tensor_lines(data))
        label = lines or [_fallback_label(node)]
        attrs = {"shape": "ellipse", "fillcolor": _PLAIN_FILL}

    if output or kind == "output":
        styles.append("bold")
        attrs["penwidth"] = "2"
    attrs["style"] = ",".join(styles)
    attrs["label"] = _quoted_lines(label)
    return attrs


def _to_pydot(x: Any, rankdir: str = "BT"):
    """The pydot graph for ``x`` (a Tensor or a networkx graph)."""
    from networkx.drawing.nx_pydot import to_pydot
    import pydot

    G = _as_graph(x)
    directed, multi = G.is_directed(), G.is_multigraph()
    H = (nx.MultiDiGraph if multi else nx.DiGraph)() if directed else (
        nx.MultiGraph if multi else nx.Graph
    )()
    H.graph["graph"] = {"rankdir": rankdir, **_GRAPH_ATTRS}
    H.graph["node"] = dict(_NODE_DEFAULTS)
    H.graph["edge"] = dict(_EDGE_DEFAULTS)

    ids: dict[Hashable, str] = {}
    clusters: dict[Hashable, list[str]] = {}  # cluster value -> node ids, first-seen order
    for i, (node, data) in enumerate(G.nodes(data=True)):
        nid = f"n{i}"
        ids[node] = nid
        H.add_node(nid, **_node_attrs(G, node, data))
        cval = data.get("cluster")
        if cval is not None:
            if not isinstance(cval, Hashable):
                cval = str(cval)
            clusters.setdefault(cval, []).append(nid)

    edges = G.edges(keys=True, data=True) if multi else G.edges(data=True)
    for edge in edges:
        u, v, data = edge[0], edge[1], edge[-1]
        attrs: dict[str, str] = {}
        index = data.get("index")
        if index is not None and _in_count(G, v) > 1:
            attrs["label"] = _quoted_lines([index])
            attrs["fontsize"] = _EDGE_LABEL_FONTSIZE
        H.add_edge(ids[u], ids[v], **attrs)

    P = to_pydot(H)
    if multi:
        # to_pydot copies the networkx edge key into a DOT "key" attribute,
        # which Graphviz does not know; drop it.
        for e in P.get_edges():
            e.get_attributes().pop("key", None)

    labels = G.graph.get("clusters", {}) or {}
    for k, (cval, members) in enumerate(clusters.items()):
        sub = pydot.Cluster(
            str(k),
            label=_quoted_lines([labels.get(cval, str(cval))]),
            style="rounded,filled",
            fillcolor=_CLUSTER_FILL,
            color="steelblue",
            # with rankdir=BT Graphviz flips cluster label positions; "b" puts the
            # label at the visual top (above the kernel's last op).
            labelloc="b" if rankdir.upper() == "BT" else "t",
            fontname=_NODE_DEFAULTS["fontname"],
            fontsize=_NODE_DEFAULTS["fontsize"],
        )
        for nid in members:
            (node,) = P.get_node(nid)
            P.del_node(nid)
            sub.add_node(node)
        P.add_subgraph(sub)
    return P


def to_dot(x: Any, *, rankdir: str = "BT") -> str:
    """DOT text for a jitgrad Tensor's autograd graph or any networkx graph."""
    return _to_pydot(x, rankdir=rankdir).to_string()


# --------------------------------------------------------------------------
# files


def save(x: Any, path: str | pathlib.Path, *, rankdir: str = "BT") -> pathlib.Path:
    """Write ``x``'s graph to ``path`` and return it as a ``pathlib.Path``.

    ``.dot`` writes DOT text and needs nothing else; ``.svg``, ``.png`` and
    ``.pdf`` are rendered by Graphviz's ``dot`` program, which must be on
    ``PATH``.  Missing parent directories are created.
    """
    path = pathlib.Path(path)
    suffix = path.suffix.lower()
    if suffix not in SAVE_SUFFIXES:
        raise ValueError(
            f"cannot save a graph as {path.name!r}: unknown suffix {path.suffix!r}; "
            f"valid suffixes are {', '.join(SAVE_SUFFIXES)}"
        )

    text = to_dot(x, rankdir=rankdir)
    if suffix == ".dot":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError(
            f"cannot render {path.name!r}: the Graphviz 'dot' program was not found "
            "on PATH. Install Graphviz (e.g. `apt-get install graphviz`, "
            "`brew install graphviz`, or `conda install graphviz`), or save to a "
            "'.dot' file instead, which works without Graphviz."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [dot, f"-T{suffix[1:]}", "-o", str(path)],
        input=text.encode("utf-8"),
        capture_output=True,
    )
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(
            f"Graphviz 'dot' failed (exit {proc.returncode}) rendering {path.name!r}: {err}"
        )
    return path
