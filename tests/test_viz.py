"""Tests for jitgrad.viz on hand-built networkx graphs (independent of the core).

Only ``test_tensor_path`` needs jitgrad's Tensor/autograd core.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import stat
import subprocess
import sys

import networkx as nx
import pydot
import pytest

import jitgrad.viz as viz

# pydot's DOT parser (used here to read our output back) trips pyparsing 3.3's
# camelCase-API deprecation warnings; they are not about jitgrad.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated - use:DeprecationWarning")

HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(
    not HAVE_DOT, reason="Graphviz 'dot' is not installed (apt-get install graphviz)"
)
posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="the fake 'dot' is a POSIX shell script"
)


# --------------------------------------------------------------------------
# helpers


def unquote(value: str | None) -> str | None:
    """Undo DOT double-quoting: '"a\\"b\\nc"' -> 'a"b<newline>c'."""
    if value is None:
        return None
    if not (len(value) >= 2 and value[0] == value[-1] == '"'):
        return value
    body, out, i = value[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Parsed:
    """DOT text parsed back with pydot, with plain-Python accessors."""

    def __init__(self, text: str):
        graphs = pydot.graph_from_dot_data(text)
        assert graphs is not None and len(graphs) == 1, text
        self.text = text
        self.graph = graphs[0]
        self.nodes: dict[str, dict[str, str]] = {}
        self.cluster_of: dict[str, str] = {}
        self.clusters: dict[str, dict[str, str]] = {}
        self._collect(self.graph, None)
        self.edges = [
            (e.get_source(), e.get_destination(), {k: unquote(v) for k, v in e.get_attributes().items()})
            for e in self.graph.get_edges()
        ]

    def _collect(self, g, cluster):
        for n in g.get_nodes():
            name = n.get_name()
            if name in ("node", "edge", "graph"):  # attribute-default statements
                continue
            self.nodes[name] = {k: unquote(v) for k, v in n.get_attributes().items()}
            if cluster is not None:
                self.cluster_of[name] = cluster
        for sg in g.get_subgraphs():
            name = sg.get_name()
            self.clusters[name] = {k: unquote(v) for k, v in sg.get_attributes().items()}
            self._collect(sg, name)

    def by_label(self, label: str) -> str:
        hits = [n for n, a in self.nodes.items() if a.get("label") == label]
        assert len(hits) == 1, (label, self.nodes)
        return hits[0]

    def label_lines(self, node: str) -> list[str]:
        return self.nodes[node]["label"].split("\n")

    def styles(self, node: str) -> set[str]:
        return set((self.nodes[node].get("style") or "").split(","))

    def graph_attr(self, key: str):
        return unquote(self.graph.get(key))


def eager_graph() -> nx.DiGraph:
    """What `loss = (w * x).sum()` with a Parameter `w` and a leaf `x` would record."""
    G = nx.DiGraph()
    G.add_node("x", kind="tensor", shape=(2, 3), dtype="jitgrad.float32",
               requires_grad=True, is_leaf=True, name="x")
    G.add_node("w", kind="tensor", shape=(2, 3), dtype="float32",
               requires_grad=True, is_leaf=True, param=True, name="w")
    G.add_node("mul", kind="function", op="MulBackward0")
    G.add_node("t", kind="tensor", shape=(2, 3), dtype="float32",
               requires_grad=True, is_leaf=False)
    G.add_node("sum", kind="function", op="SumBackward0")
    G.add_node("loss", kind="tensor", shape=(), dtype="float32",
               requires_grad=True, is_leaf=False, name="loss")
    G.add_edge("x", "mul", index=0)
    G.add_edge("w", "mul", index=1)
    G.add_edge("mul", "t", index=0)
    G.add_edge("t", "sum", index=0)
    G.add_edge("sum", "loss", index=0)
    return G


# --------------------------------------------------------------------------
# to_dot structure and style


def test_eager_graph_nodes_edges_labels_colours():
    p = Parsed(viz.to_dot(eager_graph()))
    assert p.graph.get_type() == "digraph"
    assert p.graph_attr("rankdir") == "BT"
    assert set(p.nodes) == {f"n{i}" for i in range(6)}

    x = p.by_label("x\n(2, 3)\nfloat32")  # "jitgrad.float32" shown as "float32"
    w = p.by_label("w\n(2, 3)\nfloat32")
    mul = p.by_label("MulBackward0")
    t = p.by_label("(2, 3)\nfloat32")
    s = p.by_label("SumBackward0")
    loss = p.by_label("loss\n()\nfloat32")

    edges = {(u, v) for u, v, _ in p.edges}
    assert edges == {(x, mul), (w, mul), (mul, t), (t, s), (s, loss)}

    for fn in (mul, s):
        assert p.nodes[fn]["shape"] == "box"
        assert p.nodes[fn]["fillcolor"] == "lightgrey"
        assert "filled" in p.styles(fn)
    for tn in (x, w, t, loss):
        assert p.nodes[tn]["shape"] == "ellipse"
    assert p.nodes[x]["fillcolor"] == "lightblue"
    assert p.nodes[w]["fillcolor"] == "khaki"
    assert p.nodes[t]["fillcolor"] == "white"
    assert p.nodes[loss]["fillcolor"] == "darkolivegreen1"

    # the output (no successors) and only it is bold
    assert "bold" in p.styles(loss)
    for other in (x, w, mul, t, s):
        assert "bold" not in p.styles(other)


def test_edge_index_label_only_for_multi_input_targets():
    p = Parsed(viz.to_dot(eager_graph()))
    mul = p.by_label("MulBackward0")
    labels = {(u, v): a.get("label") for u, v, a in p.edges}
    into_mul = sorted(lbl for (u, v), lbl in labels.items() if v == mul)
    assert into_mul == ["0", "1"]
    assert all(lbl is None for (u, v), lbl in labels.items() if v != mul)


def test_multigraph_parallel_edges_x_times_x():
    G = nx.MultiDiGraph()
    G.add_node("x", kind="tensor", shape=(2,), dtype="float32", requires_grad=True, is_leaf=True)
    G.add_node("mul", kind="function", op="MulBackward0")
    G.add_edge("x", "mul", index=0)
    G.add_edge("x", "mul", index=1)
    text = viz.to_dot(G)
    p = Parsed(text)
    assert not text.startswith("strict")  # parallel edges must survive
    assert sorted(a["label"] for _, _, a in p.edges) == ["0", "1"]
    assert all("key" not in a for _, _, a in p.edges)
    assert p.label_lines(p.by_label("(2)\nfloat32")) == ["(2)", "float32"]


@pytest.mark.parametrize(
    "shape, dtype, expected",
    [
        ((), "float32", "()\nfloat32"),
        ((5,), "jitgrad.float64", "(5)\nfloat64"),
        ((2, 3, 4), "int64", "(2, 3, 4)\nint64"),
        ([1, 1], "numpy.int32", "(1, 1)\nint32"),
        ((2,), float, "(2)\nfloat"),
        ((2,), "<class 'numpy.float32'>", "(2)\nfloat32"),
        (None, None, "tensor"),
    ],
)
def test_tensor_label_shape_and_dtype(shape, dtype, expected):
    G = nx.DiGraph()
    attrs = {"kind": "tensor"}
    if shape is not None:
        attrs["shape"] = shape
    if dtype is not None:
        attrs["dtype"] = dtype
    G.add_node(0, **attrs)
    p = Parsed(viz.to_dot(G))
    assert p.nodes["n0"]["label"] == expected


def test_shape_with_numpy_ints():
    np = pytest.importorskip("numpy")
    G = nx.DiGraph()
    G.add_node("a", kind="tensor", shape=np.zeros((2, 3)).shape, dtype=np.dtype("float32"))
    G.add_node("b", kind="tensor", shape=(np.int64(4),), dtype=np.float64)
    p = Parsed(viz.to_dot(G))
    assert p.nodes["n0"]["label"] == "(2, 3)\nfloat32"
    assert p.nodes["n1"]["label"] == "(4)\nfloat64"


def test_leaf_defaults_from_in_degree_when_is_leaf_missing():
    G = nx.DiGraph()
    G.add_node("a", kind="tensor", requires_grad=True, name="a")
    G.add_node("f", kind="function", op="ExpBackward0")
    G.add_node("b", kind="tensor", requires_grad=True, name="b")
    G.add_node("g", kind="function", op="NegBackward0")
    G.add_edges_from([("a", "f"), ("f", "b"), ("b", "g")])
    p = Parsed(viz.to_dot(G))
    assert p.nodes[p.by_label("a")]["fillcolor"] == "lightblue"
    assert p.nodes[p.by_label("b")]["fillcolor"] == "white"
    # the output here is a function node: bold, still grey
    g = p.by_label("NegBackward0")
    assert "bold" in p.styles(g) and p.nodes[g]["fillcolor"] == "lightgrey"


def test_leaf_without_requires_grad_is_not_blue():
    G = nx.DiGraph()
    G.add_node("c", kind="tensor", requires_grad=False, is_leaf=True, name="c")
    G.add_node("f", kind="function", op="AddBackward0")
    G.add_edge("c", "f")
    p = Parsed(viz.to_dot(G))
    assert p.nodes[p.by_label("c")]["fillcolor"] == "white"


def test_compiler_ir_kinds():
    G = nx.DiGraph()
    G.add_node("a", kind="input", name="a", shape=(4,), dtype="float32", requires_grad=True)
    G.add_node("k", kind="const", shape=(), dtype="float32", name="2.0")
    G.add_node("m", kind="op", op="mul", shape=(4,), dtype="float32")
    G.add_node("o", kind="output", name="out", shape=(4,), dtype="float32")
    G.add_edge("a", "m", index=0)
    G.add_edge("k", "m", index=1)
    G.add_edge("m", "o", index=0)
    p = Parsed(viz.to_dot(G))
    a = p.by_label("a\n(4)\nfloat32")
    k = p.by_label("2.0\n()\nfloat32")
    m = p.by_label("mul")
    o = p.by_label("out\n(4)\nfloat32")
    assert p.nodes[a]["shape"] == "ellipse" and p.nodes[a]["fillcolor"] == "lightblue"
    assert p.nodes[k]["shape"] == "ellipse" and "dashed" in p.styles(k)
    assert p.nodes[m]["shape"] == "box" and p.nodes[m]["fillcolor"] == "lightgrey"
    assert p.nodes[o]["shape"] == "ellipse" and "bold" in p.styles(o)
    assert p.nodes[o]["fillcolor"] == "darkolivegreen1"


def test_unknown_or_missing_kind_falls_back_to_node_key():
    G = nx.DiGraph()
    G.add_node("plain")
    G.add_node("mystery", kind="widget", op="frob")
    G.add_node(("tuple", 1), kind=["unhashable"])
    G.add_node("x" * 100)
    p = Parsed(viz.to_dot(G))
    assert p.nodes["n0"]["label"] == "plain"
    assert p.nodes["n1"]["label"] == "frob"
    assert p.nodes["n2"]["label"] == "('tuple', 1)"
    assert p.nodes["n3"]["label"].endswith("...") and len(p.nodes["n3"]["label"]) <= 40


def test_unknown_attributes_are_not_emitted():
    G = eager_graph()
    G.nodes["x"]["secret"] = 'EVIL"; n99 [label=pwned'
    G.nodes["x"]["data"] = object()
    G.nodes["mul"]["saved_tensors"] = ["SAVED"]
    G.edges["x", "mul"]["grad"] = "EDGEJUNK"
    G.graph["note"] = "GRAPHJUNK"
    G.graph["name"] = "NAMEJUNK"
    text = viz.to_dot(G)
    for junk in ("EVIL", "secret", "object at", "SAVED", "saved_tensors", "EDGEJUNK",
                 "GRAPHJUNK", "NAMEJUNK", "note"):
        assert junk not in text
    assert set(Parsed(text).nodes) == {f"n{i}" for i in range(6)}


def test_undirected_graph_is_supported():
    G = nx.path_graph(3)
    p = Parsed(viz.to_dot(G))
    assert p.graph.get_type() == "graph"
    assert {(u, v) for u, v, _ in p.edges} == {("n0", "n1"), ("n1", "n2")}
    assert [p.nodes[f"n{i}"]["label"] for i in range(3)] == ["0", "1", "2"]


def test_rankdir_override():
    p = Parsed(viz.to_dot(eager_graph(), rankdir="TB"))
    assert p.graph_attr("rankdir") == "TB"


def test_rejects_other_types():
    with pytest.raises(TypeError, match="networkx graph"):
        viz.to_dot([1, 2, 3])


def test_input_graph_is_not_modified():
    G = eager_graph()
    before_nodes = {n: dict(d) for n, d in G.nodes(data=True)}
    before_edges = {(u, v): dict(d) for u, v, d in G.edges(data=True)}
    before_graph = dict(G.graph)
    viz.to_dot(G)
    assert {n: dict(d) for n, d in G.nodes(data=True)} == before_nodes
    assert {(u, v): dict(d) for u, v, d in G.edges(data=True)} == before_edges
    assert G.graph == before_graph


def test_output_is_deterministic():
    assert viz.to_dot(eager_graph()) == viz.to_dot(eager_graph())


# --------------------------------------------------------------------------
# clusters


def clustered_graph() -> nx.DiGraph:
    G = nx.DiGraph(clusters={"k0": "fused: mul+add"})
    G.add_node("a", kind="input", name="a", shape=(3,), dtype="float32")
    G.add_node("b", kind="input", name="b", shape=(3,), dtype="float32")
    G.add_node("mul", kind="op", op="mul", cluster="k0")
    G.add_node("add", kind="op", op="add", cluster="k0")
    G.add_node("exp", kind="op", op="exp", cluster=7)
    G.add_node("neg", kind="op", op="neg", cluster=7)
    G.add_node("out", kind="output", name="out", shape=(3,), dtype="float32")
    G.add_edges_from([("a", "mul"), ("b", "mul"), ("mul", "add"), ("b", "add"),
                      ("add", "exp"), ("exp", "neg"), ("neg", "out")])
    return G


def test_clusters_group_nodes_with_labels():
    text = viz.to_dot(clustered_graph())
    p = Parsed(text)
    assert set(p.clusters) == {"cluster_0", "cluster_1"}
    assert p.clusters["cluster_0"]["label"] == "fused: mul+add"
    assert p.clusters["cluster_1"]["label"] == "7"  # default: str(value)

    mul, add = p.by_label("mul"), p.by_label("add")
    exp, neg = p.by_label("exp"), p.by_label("neg")
    assert p.cluster_of[mul] == p.cluster_of[add] == "cluster_0"
    assert p.cluster_of[exp] == p.cluster_of[neg] == "cluster_1"
    for outside in ("a\n(3)\nfloat32", "b\n(3)\nfloat32", "out\n(3)\nfloat32"):
        assert p.by_label(outside) not in p.cluster_of
    # each node declared exactly once
    for name in p.nodes:
        assert text.count(f"{name} [") == 1
    # edges crossing cluster boundaries are kept
    assert len(p.edges) == 7


def test_no_clusters_no_subgraphs():
    p = Parsed(viz.to_dot(eager_graph()))
    assert p.clusters == {}


def test_unhashable_cluster_value():
    G = nx.DiGraph()
    G.add_node("a", kind="op", op="mul", cluster=["k"])
    G.add_node("b", kind="op", op="add", cluster=["k"])
    p = Parsed(viz.to_dot(G))
    assert p.cluster_of == {"n0": "cluster_0", "n1": "cluster_0"}


# --------------------------------------------------------------------------
# special characters

NASTY_NAMES = [
    'w<1>:"x",y',
    "<lambda>",
    "<b>html?</b>",
    '"already quoted"',
    "trailing backslash\\",
    "back\\nslash-n",
    "two\nlines",
    "a; b -> c [x=1] {}",
    "graph",
    "θ ∇ loss",
    "",
]


def special_graph() -> tuple[nx.DiGraph, list[str]]:
    G = nx.DiGraph(clusters={"k": 'fused "k0" <a:b>, c\\'})
    # node keys that are DOT keywords / syntax
    keys = ["graph", "node", "a:b", "edge", "->", ("t", 1), 'q"uote', "strict",
            "subgraph", "digraph", ""]
    assert len(keys) == len(NASTY_NAMES)
    names = NASTY_NAMES
    for key, name in zip(keys, names):
        G.add_node(key, kind="tensor", name=name, shape=(1,), dtype="float32")
    G.add_node("fn", kind="function", op="<Mul:Backward, 0>", cluster="k")
    G.add_node("fn2", kind="function", op='Op"with"quotes\\', cluster="k")
    for i, key in enumerate(keys):
        G.add_edge(key, "fn", index=i)
    G.add_edge("fn", "fn2", index=0)
    return G, names


def expected_label(name: str) -> str:
    return (f"{name}\n" if name else "") + "(1)\nfloat32"


def test_special_characters_survive_round_trip():
    G, names = special_graph()
    p = Parsed(viz.to_dot(G))
    assert set(p.nodes) == {f"n{i}" for i in range(G.number_of_nodes())}
    labels = sorted(a["label"] for a in p.nodes.values())
    want = sorted([expected_label(n) for n in names] + ["<Mul:Backward, 0>", 'Op"with"quotes\\'])
    assert labels == want
    assert p.clusters["cluster_0"]["label"] == 'fused "k0" <a:b>, c\\'
    # edges still connect the right (relabelled) nodes
    fn = p.by_label("<Mul:Backward, 0>")
    assert sum(1 for _, v, _ in p.edges if v == fn) == len(names)


@pytest.mark.parametrize("name", NASTY_NAMES)
def test_each_nasty_name_alone(name):
    G = nx.DiGraph()
    G.add_node(name, kind="tensor", name=name, shape=(1,), dtype="float32")
    G.add_node("f", kind="function", op=name or "x")
    G.add_edge(name, "f")
    p = Parsed(viz.to_dot(G))
    assert p.nodes["n0"]["label"] == expected_label(name)
    assert p.nodes["n1"]["label"] == (name or "x")


def test_labels_are_always_double_quoted():
    # pydot would pass `<...>` through raw (an HTML label) -- we never let it.
    G, _ = special_graph()
    for line in viz.to_dot(G).splitlines():
        if "label=" in line:
            assert "label=\"" in line, line


# --------------------------------------------------------------------------
# save


def test_save_dot(tmp_path):
    G = eager_graph()
    out = viz.save(G, tmp_path / "graph.dot")
    assert out == tmp_path / "graph.dot"
    assert isinstance(out, pathlib.Path)
    assert out.read_text(encoding="utf-8") == viz.to_dot(G)


def test_save_dot_str_path_and_parent_dirs(tmp_path):
    target = tmp_path / "a" / "b" / "g.DOT"
    out = viz.save(eager_graph(), str(target))
    assert out == target and target.is_file()
    Parsed(target.read_text(encoding="utf-8"))


def test_save_dot_unicode(tmp_path):
    G, _ = special_graph()
    out = viz.save(G, tmp_path / "u.dot")
    assert "θ ∇ loss" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["g.jpg", "g", "g.txt", "g.svgz"])
def test_save_unknown_suffix(tmp_path, name):
    with pytest.raises(ValueError) as err:
        viz.save(eager_graph(), tmp_path / name)
    msg = str(err.value)
    for suffix in (".dot", ".svg", ".png", ".pdf"):
        assert suffix in msg
    assert not (tmp_path / name).exists()


def assert_missing_dot_message(msg: str):
    assert "'dot'" in msg or "`dot`" in msg
    assert "Graphviz" in msg
    assert "apt-get install graphviz" in msg
    assert ".dot" in msg


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_render_without_dot_raises(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(viz.shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(RuntimeError) as err:
        viz.save(eager_graph(), tmp_path / f"g{suffix}")
    assert_missing_dot_message(str(err.value))
    assert not (tmp_path / f"g{suffix}").exists()


def test_render_without_dot_on_path(tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(RuntimeError) as err:
        viz.save(eager_graph(), tmp_path / "g.svg")
    assert_missing_dot_message(str(err.value))
    # .dot still works without Graphviz
    assert viz.save(eager_graph(), tmp_path / "g.dot").is_file()


FAKE_DOT = """#!/bin/sh
# fake Graphviz: record argv and stdin, then write the -o file
log="{log}"
: > "$log.args"
for a in "$@"; do printf '%s\\n' "$a" >> "$log.args"; done
cat > "$log.stdin"
out=""
prev=""
for a in "$@"; do
  if [ "$prev" = "-o" ]; then out="$a"; fi
  prev="$a"
done
if [ -n "$FAKE_DOT_FAIL" ]; then echo "syntax error in line 1" >&2; exit 3; fi
printf 'FAKE-RENDER\\n' > "$out"
"""


@pytest.fixture
def fake_dot(tmp_path, monkeypatch):
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    log = tmp_path / "dotlog"
    script = bindir / "dot"
    script.write_text(FAKE_DOT.format(log=log))
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + os.environ.get("PATH", ""))
    assert shutil.which("dot") == str(script)
    return log


@posix_only
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_render_calls_dot(tmp_path, fake_dot, fmt):
    G = eager_graph()
    target = tmp_path / "out" / f"graph.{fmt}"
    out = viz.save(G, target)
    assert out == target
    assert target.read_text() == "FAKE-RENDER\n"
    args = pathlib.Path(f"{fake_dot}.args").read_text().splitlines()
    assert f"-T{fmt}" in args
    assert args[args.index("-o") + 1] == str(target)
    assert pathlib.Path(f"{fake_dot}.stdin").read_text(encoding="utf-8") == viz.to_dot(G)


@posix_only
def test_render_uppercase_suffix(tmp_path, fake_dot):
    viz.save(eager_graph(), tmp_path / "G.SVG")
    assert "-Tsvg" in pathlib.Path(f"{fake_dot}.args").read_text().splitlines()


@posix_only
def test_render_failure_reports_stderr(tmp_path, fake_dot, monkeypatch):
    monkeypatch.setenv("FAKE_DOT_FAIL", "1")
    with pytest.raises(RuntimeError, match="syntax error in line 1"):
        viz.save(eager_graph(), tmp_path / "g.svg")


# --------------------------------------------------------------------------
# real Graphviz (skipped when it is not installed)


@needs_dot
def test_real_dot_renders_svg(tmp_path):
    out = viz.save(eager_graph(), tmp_path / "g.svg")
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg
    for text in ("MulBackward0", "SumBackward0", "(2, 3)", "float32"):
        assert text in svg


@needs_dot
def test_real_dot_accepts_special_characters(tmp_path):
    G, names = special_graph()
    text = viz.to_dot(G)
    proc = subprocess.run(["dot", "-Tsvg"], input=text.encode("utf-8"), capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr.decode().strip() == "", proc.stderr.decode()  # no warnings either
    svg = proc.stdout.decode("utf-8")
    assert "&lt;Mul:Backward, 0&gt;" in svg
    assert "θ ∇ loss" in svg
    assert "fused &quot;k0&quot; &lt;a:b&gt;, c\\" in svg
    assert "cluster_0" in svg


@needs_dot
@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_real_dot_binary_formats(tmp_path, suffix, magic):
    out = viz.save(clustered_graph(), tmp_path / f"g{suffix}")
    assert out.read_bytes().startswith(magic)


# --------------------------------------------------------------------------
# the Tensor path (needs jitgrad's core: Tensor + jitgrad.autograd.graph)


def test_tensor_path():
    import jitgrad
    import jitgrad.viz

    x = jitgrad.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    dot = jitgrad.viz.to_dot(y)
    Parsed(dot)
    assert "MulBackward0" in dot
    assert "SumBackward0" in dot
