"""``CompiledFunction.explain``: the report's attributes, its text, and its graphs as DOT."""
import networkx as nx
import numpy as np

import jitgrad as jg
import jitgrad.viz
from jitgrad.compile.explain import Report


def mlp_step(x, w):
    return ((x @ w).tanh() * 2 + 1).sum()


def test_report_attributes():
    f = jg.compile(mlp_step)
    x, w = jg.ones(3, 4), jg.ones(4, 2, requires_grad=True)
    report = f.explain(x, w)
    assert isinstance(report, Report)
    for g in (report.traced_graph, report.forward_graph, report.backward_graph, report.fused_graph):
        assert isinstance(g, nx.MultiDiGraph) and nx.is_directed_acyclic_graph(g)
    assert isinstance(report.fused_graph.graph["clusters"], dict)
    assert report.kernel_count == len(report.kernels) >= 1          # the tanh * 2 + 1 chain (and its sum)
    forward_kernels = {k.name for k in report.kernels if k.graph == "forward"}
    clustered = {d["cluster"] for _, d in report.fused_graph.nodes(data=True) if "cluster" in d}
    assert clustered == forward_kernels == set(report.fused_graph.graph["clusters"])
    for k in report.kernels:
        assert k.source.strip() and k.ops and k.bytes_read >= 0 and k.bytes_written > 0
        graph = report.fused_graph if k.graph == "forward" else report.backward_graph
        assert all(op in graph for op in k.ops)
    assert isinstance(report.not_fused, dict)
    assert any(report.forward_graph.nodes[n].get("op") == "matmul" for n in report.not_fused)
    assert all(isinstance(why, str) and why for why in report.not_fused.values())
    assert isinstance(report.bytes_moved, int) and report.bytes_moved >= sum(
        k.bytes_read + k.bytes_written for k in report.kernels)
    # explain() reuses the compiled entry of matching arguments, else builds one without storing it
    f(x, w)
    assert f.explain(x, w).forward_graph is next(iter(f.entries.values())).forward_graph
    assert len(f.entries) == 1


def test_report_text():
    report = jg.compile(mlp_step).explain(jg.ones(3, 4), jg.ones(4, 2, requires_grad=True))
    text = str(report)
    assert repr(report) == text
    for part in ("forward graph", "backward graph", "fusion groups", "kernels:", "bytes moved per call",
                 "not fused", "matmul"):
        assert part in text, part
    for k in report.kernels:
        assert k.source.strip() in text and k.name in text
    assert set(report.schedules) == {"forward", "backward"}
    for source in report.schedules.values():
        assert source.strip() in text


def test_schedule_source_names_buffers_after_nodes_and_frees_them():
    f = jg.compile(mlp_step)
    x, w = jg.ones(3, 4), jg.ones(4, 2, requires_grad=True)
    report = f.explain(x, w)
    forward = report.schedules["forward"]
    assert forward.startswith("def run_mlp_step(x, w):")
    matmul = next(n for n, d in report.forward_graph.nodes(data=True) if d.get("op") == "matmul")
    assert f"{matmul} = as_dtype(matmul_forward(x, w), float32)" in forward
    assert f"del {matmul}" in forward                  # released after its last reader
    kernel = next(k for k in report.kernels if k.graph == "forward")
    assert f"{kernel.name}(" in forward and "take(" in forward
    compile(forward, "<schedule>", "exec")             # it is plain Python


def test_report_without_gradients_or_kernels():
    report = jg.compile(lambda x: x.sum(0)).explain(jg.ones(2, 3))
    assert report.backward_graph is None and report.kernel_count == 0 and report.kernels == []
    assert report.bytes_moved == (2 * 3 + 3) * 4      # read x once, write the result once (float32)
    assert "backward graph: none" in str(report)


def test_fused_graph_saves_as_dot(tmp_path):
    report = jg.compile(mlp_step).explain(jg.ones(3, 4), jg.ones(4, 2, requires_grad=True))
    path = tmp_path / "f.dot"
    jitgrad.viz.save(report.fused_graph, path)
    text = path.read_text()
    assert text.startswith("digraph") and "subgraph cluster_" in text
    for g, name in ((report.backward_graph, "b.dot"), (report.traced_graph, "t.dot")):
        jitgrad.viz.save(g, tmp_path / name)
        assert (tmp_path / name).read_text().startswith("digraph")


def test_explained_function_still_gives_eager_results():
    f = jg.compile(mlp_step)
    x, w = jg.tensor(np.linspace(-1, 1, 12).reshape(3, 4)), jg.tensor(np.ones((4, 2)) / 3, requires_grad=True)
    f.explain(x, w)
    np.testing.assert_allclose(f(x, w).item(), mlp_step(x, w).item(), rtol=1e-9)
