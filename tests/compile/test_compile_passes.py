"""The graph passes on small hand-built graphs: dce, cse, simplify (with constant folding), the
pipeline as a plain list, and the symbolic autodiff pass."""
import networkx as nx
import numpy as np
import pytest

import jitgrad as jg
import passes
from jitgrad.compile import ir
from jitgrad.compile.trace import Tracer, symbolic
from jitgrad.ops import REGISTRY
from passes import PIPELINE, autodiff, cse, dce, run_pipeline, simplify


def build(fn, *specs):
    """Trace fn on inputs given as (name, shape, dtype[, requires_grad]); its results are the
    graph's outputs."""
    tracer = Tracer("g")
    with tracer:
        inputs = [tracer.input(name, shape, dtype, *rest) for name, shape, dtype, *rest in specs]
        result = fn(*inputs)
    outs = result if isinstance(result, tuple) else (result,)
    tracer.graph.graph["outputs"] = [(o.ir_node, o.ir_output) for o in outs]
    return tracer.graph


def ops_of(g):
    return [g.nodes[n]["op"] for n in ir.op_nodes(g)]


X = ("x", (2, 3), jg.float32)
Y = ("y", (3,), jg.float32)


# ------------------------------------------------------------------ dce
def test_dce_removes_what_no_output_needs_and_keeps_inputs():
    def fn(x, y):
        x.exp()                       # dead
        (x * y).sum()                 # dead chain
        return x + 1
    g = build(fn, X, Y)
    assert ops_of(g) == ["exp", "mul", "sum", "add"]
    out = dce(g)
    assert ops_of(out) == ["add"]
    assert out.graph["inputs"] == ["x", "y"] and "y" in out          # unused input stays
    assert ops_of(g) == ["exp", "mul", "sum", "add"]                  # pure: input untouched
    assert dce(out) is out                                            # nothing to do


# ------------------------------------------------------------------ cse
def test_cse_merges_duplicates_and_their_users():
    g = build(lambda x: (x * 2).exp() + (x * 2).exp(), X)
    out = cse(g)
    assert ops_of(out) == ["mul", "exp", "add"]
    (add,) = [n for n in out if out.nodes[n].get("op") == "add"]
    (exp,) = [n for n in out if out.nodes[n].get("op") == "exp"]
    assert ir.arguments(out, add) == [(exp, 0), (exp, 0)]
    assert cse(out) is out


def test_cse_keeps_ops_that_differ_in_attributes_or_numbers():
    def fn(x):
        return x.sum(0), x.sum(1), x.sum(0, keepdim=True), x * 2, x * 3, x * 2.0, x * -0.0, x * 0.0
    g = build(fn, X)
    assert cse(g) is g


def test_cse_keeps_int_and_float_numbers_apart():
    # 2 == 2.0, but an integer tensor times 2.0 is a float tensor
    g = build(lambda i: (i * 2, i * 2.0, i * 2), ("i", (3,), jg.int64))
    out = cse(g)
    assert ops_of(out) == ["mul", "mul"]
    assert sorted(out.nodes[n]["dtype"].name for n in ir.op_nodes(out)) == ["float32", "int64"]
    first, second, third = out.graph["outputs"]
    assert first == third != second


def test_cse_keeps_a_no_grad_copy_apart():
    def fn(x):
        with jg.no_grad():
            stopped = x * 2
        return stopped + x * 2
    g = build(fn, ("x", (3,), jg.float64, True))
    assert [g.nodes[n]["requires_grad"] for n in ir.op_nodes(g)] == [False, True, True]
    assert cse(g) is g                  # merged, the gradient would either leak or be lost


def test_simplify_keeps_an_identity_computed_under_no_grad():
    def fn(x):
        with jg.no_grad():
            return x * 1
    g = build(fn, ("x", (3,), jg.float64, True))
    assert simplify(g) is g
    with_grad = build(lambda x: x * 1, ("x", (3,), jg.float64, True))
    assert ops_of(simplify(with_grad)) == []


def test_cse_of_compiled_function_keeps_dtypes():
    f = jg.compile(lambda i: (i * 2, i * 2.0))
    a, b = f(jg.tensor([1, 2, 3]))
    assert a.dtype is jg.int64 and b.dtype is jg.float32
    assert a.numpy().dtype == np.int64 and b.numpy().dtype == np.float32   # the data, not only the label


# ------------------------------------------------------------------ simplify
@pytest.mark.parametrize("expr", [lambda x: x * 1, lambda x: 1 * x, lambda x: x / 1, lambda x: x + 0,
                                  lambda x: 0 + x, lambda x: x - 0, lambda x: x ** 1, lambda x: x * 1.0],
                         ids=["x*1", "1*x", "x/1", "x+0", "0+x", "x-0", "x**1", "x*1.0"])
def test_simplify_removes_identities(expr):
    g = build(lambda x: expr(x).exp(), X)
    out = simplify(g)
    assert ops_of(out) == ["exp"]
    (exp,) = ir.op_nodes(out)
    assert ir.arguments(out, exp) == [("x", 0)]


def test_simplify_keeps_identities_that_change_dtype_or_shape():
    keeps = [
        build(lambda i: i * 1.0, ("i", (3,), jg.int64)),     # int * 1.0 is float
        build(lambda b: b + 0, ("b", (3,), jg.bool)),       # bool + 0 is int
        build(lambda x: x * True, X),                        # a bool is not the number 1 here
        build(lambda x: x - 1, X),
        build(lambda x: 0 - x, X),
        build(lambda x: 1 / x, X),
    ]
    for g in keeps:
        assert simplify(g) is g


def test_simplify_output_that_becomes_an_input():
    g = build(lambda x: x * 1, X)
    out = simplify(g)
    assert out.graph["outputs"] == [("x", 0)] and ops_of(out) == []


def _const_graph():
    """exp(c * 3) + x with c a constant: built with ir.add_* (tracing computes constant-only
    ops at once, so only a hand-built graph has them)."""
    g = ir.new_graph("folding")
    x = symbolic((3,), jg.float64, False, ir.add_input(g, "x", (3,), jg.float64))
    c = symbolic((3,), jg.float64, False, ir.add_const(g, "c", np.array([0.0, 1.0, 2.0]), jg.float64))
    mul = ir.add_op(g, REGISTRY["mul"], "mul", [c, 3], {}, (3,), jg.float64, False)
    m = symbolic((3,), jg.float64, False, mul)
    exp = symbolic((3,), jg.float64, False, ir.add_op(g, REGISTRY["exp"], "exp", [m], {}, (3,), jg.float64, False))
    add = ir.add_op(g, REGISTRY["add"], "add", [exp, x], {}, (3,), jg.float64, False)
    g.graph["outputs"] = [(add, 0)]
    return g


def test_simplify_folds_constants():
    g = _const_graph()
    out = simplify(g)
    assert ops_of(out) == ["add"]
    (add,) = ir.op_nodes(out)
    (folded, _), x = ir.arguments(out, add)
    assert x == ("x", 0) and out.nodes[folded]["kind"] == "const"
    np.testing.assert_allclose(out.nodes[folded]["value"], np.exp(np.array([0.0, 1.0, 2.0]) * 3))
    assert out.nodes[folded]["dtype"] is jg.float64
    assert ops_of(g) == ["mul", "exp", "add"]            # pure
    assert simplify(out) is out


def test_passes_return_their_input_when_there_is_nothing_to_do():
    g = build(lambda x, y: (x * y).tanh().sum(0), X, Y)
    for pass_ in (dce, cse, simplify):
        assert pass_(g) is g


# ------------------------------------------------------------------ the pipeline
def test_pipeline_is_a_plain_list_of_graph_functions():
    assert isinstance(PIPELINE, list) and all(callable(p) for p in PIPELINE)
    assert passes.run_pipeline is run_pipeline
    g = build(lambda x: (x * 1).exp() + (x * 1).exp(), X)
    assert ops_of(run_pipeline(g)) == ["exp", "add"]
    assert run_pipeline(g, []) is g


def test_compile_with_custom_passes():
    fn = lambda x: (x * 1).exp() + (x * 1).exp()   # noqa: E731
    x = jg.tensor([0.5, -1.0])
    plain = jg.compile(fn, passes=[])
    np.testing.assert_allclose(plain(x).numpy(), fn(x).numpy())
    entry = next(iter(plain.entries.values()))
    assert ops_of(entry.forward_graph) == ops_of(entry.traced_graph) == ["mul", "exp", "mul", "exp", "add"]
    seen = []

    def spy(g):
        seen.append(g.graph["name"])
        return g

    spied = jg.compile(fn, passes=[spy, cse])
    xg = jg.tensor([0.5, -1.0], requires_grad=True)
    spied(xg).sum().backward()
    np.testing.assert_allclose(xg.grad.numpy(), 2 * np.exp([0.5, -1.0]), rtol=1e-6)
    assert seen == ["<lambda>_backward", "<lambda>"]    # backward and forward graphs both go through
    assert ops_of(next(iter(spied.entries.values())).forward_graph) == ["mul", "exp", "add"]


# ------------------------------------------------------------------ autodiff
def test_autodiff_saves_only_what_the_needed_rules_read():
    # x * w with only w requiring grad: w's rule reads x; x's rule (which reads w) never runs
    g = build(lambda x, w: (x * w).sum(), ("x", (2, 3), jg.float32), ("w", (3,), jg.float32, True))
    backward, saved = autodiff(g, ["w"])
    assert saved == [("x", 0)] == backward.graph["saved"]
    assert backward.graph["inputs"][0].startswith("grad_") and backward.graph["grad_inputs"] == 1
    (grad_w,) = backward.graph["outputs"]
    assert ir.output_meta(backward, *grad_w) == ((3,), jg.float32)


def test_autodiff_saves_outputs_for_rules_that_read_them():
    g = build(lambda x: x.exp().sum(), ("x", (3,), jg.float64, True))
    backward, saved = autodiff(g, ["x"])
    (exp,) = [n for n in ir.op_nodes(g) if g.nodes[n]["op"] == "exp"]
    assert saved == [(exp, 0)]                   # exp's rule reads its output, not x


def test_autodiff_of_several_outputs_and_unused_inputs():
    g = build(lambda x, w, unused: ((x * w).sum(), x.sin()),
              ("x", (3,), jg.float64, True), ("w", (3,), jg.float64, True), ("unused", (3,), jg.float64, True))
    backward, _ = autodiff(g, ["x", "w", "unused"])
    assert backward.graph["grad_inputs"] == 2
    gx, gw, gu = backward.graph["outputs"]
    assert gx is not None and gw is not None and gu is None
    # the compiled function agrees with eager for a weighted sum of both outputs
    fn = lambda x, w, unused: ((x * w).sum(), x.sin())   # noqa: E731
    vals = [np.array([0.1, -0.7, 1.3]), np.array([2.0, 0.5, -1.0]), np.zeros(3)]
    results = []
    for run in (fn, jg.compile(fn)):
        ts = [jg.tensor(v, requires_grad=True) for v in vals]
        total, sines = run(*ts)
        (total * 3 + (sines * jg.tensor([1.0, 2.0, 3.0], dtype=jg.float64)).sum()).backward()
        results.append([t.grad.numpy() if t.grad is not None else None for t in ts])
    (ex, ew, eu), (cx, cw, cu) = results
    np.testing.assert_allclose(cx, ex)
    np.testing.assert_allclose(cw, ew)
    assert eu is None and cu is None


def test_forward_keeps_only_saved_values_the_optimised_backward_reads():
    # only w requires grad: the forward hands the backward x, and nothing else
    f = jg.compile(lambda x, w: (x * w).sum())
    x, w = jg.ones(2, 3), jg.ones(3, requires_grad=True)
    f(x, w).backward()
    entry = next(iter(f.entries.values()))
    assert entry.backward_graph.graph["saved"] == [("x", 0)]
    assert entry.forward_graph.graph["outputs"][1:] == [("x", 0)]
    assert nx.is_directed_acyclic_graph(entry.backward_graph)
    np.testing.assert_array_equal(w.grad.numpy(), [2.0, 2.0, 2.0])
