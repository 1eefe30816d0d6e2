"""The live networkx graph: what each op adds, node attributes, edge direction, graph(t) as
the part backward walks, removal on backward and on deallocation (reference counting only:
the cyclic collector is off in these tests), and the seed's §4.3/§4.4 examples."""
from __future__ import annotations

import gc
import weakref

import networkx as nx
import numpy as np
import pytest

import jitgrad as jg
import jitgrad as torch  # the seed's code, verbatim
from jitgrad.autograd import graph


@pytest.fixture(autouse=True)
def refcount_only():
    """Collect older cycles first, then keep the cyclic collector off: every removal below
    must come from reference counting."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def size():
    return graph().number_of_nodes()


def functions(g=None):
    g = graph() if g is None else g
    return sorted(d["op"] for _, d in g.nodes(data=True) if d["kind"] == "function")


def node_of(t):
    """The node of tensor t: the one sink of the part of the graph that leads to it."""
    sub = graph(t)
    sinks = [n for n in sub if sub.out_degree(n) == 0]
    assert len(sinks) == 1
    return sinks[0]


# ---------------------------------------------------------------------------- building

def test_each_op_adds_its_nodes_at_once():
    G = graph()
    n0 = size()
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    c = jg.tensor([3.0, 4.0])
    y = x * c                                   # leaf x, MulBackward0, y
    assert size() == n0 + 3
    z = y.exp()                                 # ExpBackward0, z
    assert size() == n0 + 5
    s = z.sum()                                 # SumBackward0, s
    assert size() == n0 + 7
    assert functions(graph(s)) == ["ExpBackward0", "MulBackward0", "SumBackward0"]
    assert G is graph()                         # one live graph object, updated in place
    assert isinstance(G, nx.DiGraph)


def test_no_grad_and_constant_ops_add_nothing():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    (x * 1).sum()
    n0 = size()
    with jg.no_grad():
        y = x * 2
    c = jg.ones(2) * 2 + 1
    assert size() == n0
    assert graph(y).number_of_nodes() == 0 and graph(c).number_of_nodes() == 0


def test_node_attributes():
    x = jg.tensor([[1.0, 2.0, 3.0]], dtype=jg.float64, requires_grad=True)
    y = x * 2
    G = graph()
    ny, nx_ = node_of(y), node_of(x)
    (fn,) = G.predecessors(ny)
    assert G.nodes[fn]["kind"] == "function" and G.nodes[fn]["op"] == "MulBackward0"
    out = G.nodes[ny]
    assert out["kind"] == "tensor" and tuple(out["shape"]) == (1, 3) and out["dtype"] == jg.float64
    assert out["requires_grad"] is True and out["is_leaf"] is False
    leaf = G.nodes[nx_]
    assert leaf["kind"] == "tensor" and leaf["is_leaf"] is True and leaf["requires_grad"] is True
    assert tuple(leaf["shape"]) == (1, 3) and leaf["dtype"] == jg.float64


def test_edges_run_input_to_function_to_output():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = jg.tensor([3.0, 4.0], requires_grad=True)
    c = jg.tensor([5.0, 6.0])                  # does not require grad: not in the graph
    y = a * b + c
    G = graph(y)
    na, nb, ny = node_of(a), node_of(b), node_of(y)
    (add,) = G.predecessors(ny)
    assert G.nodes[add]["op"] == "AddBackward0"
    (prod,) = G.predecessors(add)               # c contributes no edge
    (mul,) = G.predecessors(prod)
    assert G.nodes[mul]["op"] == "MulBackward0"
    assert set(G.predecessors(mul)) == {na, nb}
    assert list(G.successors(mul)) == [prod]
    # every edge joins a tensor and a function
    for u, v in G.edges:
        assert {G.nodes[u]["kind"], G.nodes[v]["kind"]} == {"tensor", "function"}


def test_tensor_used_twice_has_two_out_edges():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    p = y.exp()
    q = y.sin()
    G = graph()
    ops = sorted(G.nodes[f]["op"] for f in G.successors(node_of(y)))
    assert ops == ["ExpBackward0", "SinBackward0"]
    del p, q


def test_graph_of_tensor_is_its_ancestors_only():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    branch = (y.sin() * 3).sum()               # not an ancestor of s
    s = y.exp().sum()
    sub = graph(s)
    key = node_of(s)
    assert set(sub.nodes) == nx.ancestors(graph(), key) | {key}
    assert "SinBackward0" not in functions(sub)
    assert functions(sub) == ["ExpBackward0", "MulBackward0", "SumBackward0"]
    assert nx.is_directed_acyclic_graph(sub)
    # a copy: changing it leaves the live graph alone
    n = size()
    sub.remove_node(key)
    assert size() == n and key in graph()
    del branch


def test_graph_of_leaf_and_of_constant():
    x = jg.tensor(1.0, requires_grad=True)
    g = graph(x)
    assert g.number_of_nodes() == 1
    (attrs,) = [d for _, d in g.nodes(data=True)]
    assert attrs["is_leaf"] is True
    assert graph(jg.tensor(1.0)).number_of_nodes() == 0


def test_custom_function_node_is_named_after_the_class():
    class Double(jg.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = jg.tensor([1.0, -1.0], requires_grad=True)
    y = Double.apply(x)
    assert functions(graph(y)) == ["DoubleBackward"]
    assert set(graph(y).predecessors(next(graph(y).predecessors(node_of(y))))) == {node_of(x)}


# ---------------------------------------------------------------------------- removal

def test_backward_removes_the_graph_it_used():
    n0 = size()
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    s = (y * y).sum()
    assert size() == n0 + 7
    s.backward()
    assert size() == n0 + 1                     # only the leaf x is left
    assert functions(graph(s)) == []            # s comes back alone
    assert graph(s).number_of_nodes() == 1
    assert size() == n0 + 1                     # and asking changed nothing


def test_retain_graph_keeps_it_until_the_last_backward():
    n0 = size()
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    s = (x * x).sum()
    s.backward(retain_graph=True)
    assert size() == n0 + 5
    s.backward()
    assert size() == n0 + 1


def test_autograd_grad_removes_the_graph_too():
    n0 = size()
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    s = (x.exp() * x).sum()
    jg.autograd.grad(s, x)
    assert size() == n0 + 1


def test_backward_leaves_unrelated_graph_alone():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    other = x.sin()
    n_other = graph(other).number_of_nodes()
    (x * 3).sum().backward()
    assert graph(other).number_of_nodes() == n_other == 3


def test_dropping_tensors_removes_their_nodes_without_gc():
    n0 = size()
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y.exp()
    s = z.sum()
    assert size() == n0 + 7
    del s                                       # SumBackward0 and s go
    assert size() == n0 + 5
    del y                                       # z's ExpBackward0 holds MulBackward0, which
    assert size() == n0 + 5                     # keeps y's node in the graph
    del z
    assert size() == n0 + 1
    del x
    assert size() == n0


def test_weakref_to_grad_fn_dies_with_its_output():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    y = (x * 3).exp()
    ref_exp = weakref.ref(y.grad_fn)
    ref_mul = weakref.ref(y.grad_fn.next_functions[0][0])
    del y
    assert ref_exp() is None and ref_mul() is None


def test_dropping_output_frees_saved_arrays_without_gc():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    saved = weakref.ref(h._data)                # h is saved by the multiplication below
    s = (h * h).sum()
    del h
    assert saved() is not None
    del s
    assert saved() is None


# ---------------------------------------------------------------------------- the seed's §4.3 / §4.4

def test_seed_section_4_3_and_4_4_leaf_and_non_leaf(capsys):
    n0 = size()
    x = torch.tensor(3.0,requires_grad=True)
    y1 = x + 1
    y2 = 2*x
    loss = (y1-y2)**2
    assert functions(graph(loss)) == ["AddBackward0", "MulBackward0", "PowBackward0", "SubBackward0"]

    loss.backward()
    with pytest.warns(UserWarning):
        print("loss.grad:", loss.grad) # loss.grad: None
        print("y1.grad:", y1.grad) # y1.grad: None
        print("y2.grad:", y2.grad) # y2.grad: None
    print(x.grad) # tensor(4.)

    print(x.is_leaf) # True
    print(y1.is_leaf) # False
    print(y2.is_leaf) # False
    print(loss.is_leaf) # False

    assert capsys.readouterr().out.splitlines() == [
        "loss.grad: None", "y1.grad: None", "y2.grad: None", "tensor(4.)",
        "True", "False", "False", "False"]
    assert size() == n0 + 1                     # backward freed all but the leaf


def test_seed_section_4_4_hooks(capsys):
    # 正向传播
    x = torch.tensor(3.0,requires_grad=True)
    y1 = x + 1
    y2 = 2*x
    loss = (y1-y2)**2

    # 非叶子节点梯度显示控制
    y1.register_hook(lambda grad: print('y1 grad: ', grad))
    y2.register_hook(lambda grad: print('y2 grad: ', grad))
    loss.retain_grad()

    # 反向传播
    loss.backward()
    print("loss.grad:", loss.grad)
    print("x.grad:", x.grad)

    assert capsys.readouterr().out.splitlines() == [
        "y2 grad:  tensor(4.)",
        "y1 grad:  tensor(-4.)",
        "loss.grad: tensor(1.)",
        "x.grad: tensor(4.)",
    ]
    assert x.grad.item() == 4.0
    np.testing.assert_equal(loss.grad.item(), 1.0)
