"""nn.Module's machinery against what torch 2.13 does (orders, names, reprs, state_dict keys
and error texts recorded as literals; torch is not needed)."""
import copy
import pickle
from collections import OrderedDict

import numpy as np
import pytest

import jitgrad as jg
from jitgrad import nn


class Shared(nn.Module):
    """Two Linears sharing a weight, a persistent and a non-persistent buffer, a nested
    Sequential: the case that shows torch's orders and de-duplication."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = nn.Linear(2, 2)
        self.b.weight = self.a.weight
        self.register_buffer("buf", jg.zeros(2))
        self.register_buffer("tmp", jg.zeros(1), persistent=False)
        self.c = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 3), nn.ReLU()),
                               nn.Linear(3, 1))


# ---------------------------------------------------------------------- Parameter
def test_parameter_repr_and_flags():
    p = nn.Parameter(jg.tensor([1.0, 2.0]))
    assert repr(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    assert repr(nn.Parameter(jg.tensor([1.0, 2.0]), requires_grad=False)) == \
        "Parameter containing:\ntensor([1., 2.])"
    assert repr(nn.Parameter()) == "Parameter containing:\ntensor([], requires_grad=True)"
    assert repr(nn.Parameter(jg.tensor([1, 2]), requires_grad=False)) == "Parameter containing:\ntensor([1, 2])"
    assert isinstance(p, jg.Tensor) and p.is_leaf and p.requires_grad


def test_parameter_shares_memory_and_ops_give_plain_tensors():
    t = jg.tensor([1.0, 2.0])
    p = nn.Parameter(t)
    p.detach()[0] = 5.0
    assert t.tolist() == [5.0, 2.0]
    for result in (p * 2, p.detach(), p.clone(), p.data, p.sum()):
        assert type(result) is jg.Tensor
    (p * p).sum().backward()
    assert p.grad.tolist() == [10.0, 4.0]


def test_parameter_of_integers_cannot_require_grad():
    with pytest.raises(RuntimeError, match="only Tensors of floating point and complex dtype can require"):
        nn.Parameter(jg.tensor([1, 2]))


def test_parameter_deepcopy_and_pickle_keep_the_class():
    p = nn.Parameter(jg.tensor([1.0, 2.0]))
    for q in (copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert type(q) is nn.Parameter and q.requires_grad and q.tolist() == [1.0, 2.0]
        q.detach()[0] = 9.0
        assert p.tolist() == [1.0, 2.0]


# ---------------------------------------------------------------------- walking the tree
def test_named_parameters_orders_and_deduplicates_as_torch():
    m = Shared()
    assert [n for n, _ in m.named_parameters()] == [
        "a.weight", "a.bias", "b.bias", "c.0.weight", "c.0.bias", "c.2.0.weight", "c.2.0.bias", "c.3.weight",
        "c.3.bias"]
    assert [n for n, _ in m.named_parameters(remove_duplicate=False)] == [
        "a.weight", "a.bias", "b.weight", "b.bias", "c.0.weight", "c.0.bias", "c.2.0.weight", "c.2.0.bias",
        "c.3.weight", "c.3.bias"]
    assert [n for n, _ in m.named_parameters(prefix="pre", recurse=False)] == []
    assert [n for n, _ in m.a.named_parameters(prefix="pre")] == ["pre.weight", "pre.bias"]
    assert len(list(m.parameters())) == 9


def test_buffers_and_modules_orders():
    m = Shared()
    assert [n for n, _ in m.named_buffers()] == ["buf", "tmp"]
    assert [n for n, _ in m.named_modules()] == ["", "a", "b", "c", "c.0", "c.1", "c.2", "c.2.0", "c.2.1", "c.3"]
    assert [n for n, _ in m.named_modules(prefix="x")] == [
        "x", "x.a", "x.b", "x.c", "x.c.0", "x.c.1", "x.c.2", "x.c.2.0", "x.c.2.1", "x.c.3"]
    assert [n for n, _ in m.named_children()] == ["a", "b", "c"]
    assert list(m.children()) == [m.a, m.b, m.c]


def test_a_module_reached_twice_is_listed_once():
    relu = nn.ReLU()
    s = nn.Sequential(relu, relu, nn.Tanh())
    assert [n for n, _ in s.named_modules()] == ["", "0", "2"]
    assert [n for n, _ in s.named_modules(remove_duplicate=False)] == ["", "0", "1", "2"]
    assert [n for n, _ in s.named_children()] == ["0", "2"]


# ---------------------------------------------------------------------- state_dict
def test_state_dict_keys_values_and_metadata():
    m = Shared()
    sd = m.state_dict()
    assert type(sd) is OrderedDict and hasattr(sd, "_metadata")
    assert list(sd) == ["buf", "a.weight", "a.bias", "b.weight", "b.bias", "c.0.weight", "c.0.bias",
                        "c.2.0.weight", "c.2.0.bias", "c.3.weight", "c.3.bias"]
    assert all(type(v) is jg.Tensor and not v.requires_grad for v in sd.values())
    assert np.shares_memory(sd["a.weight"].numpy(), m.a.weight.detach().numpy())
    assert m.state_dict(keep_vars=True)["a.weight"] is m.a.weight


def test_load_state_dict_copies_and_reports_success():
    m, other = Shared(), Shared()
    weight = m.a.weight
    result = m.load_state_dict(other.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    assert m.a.weight is weight   # copied into, not replaced
    np.testing.assert_array_equal(m.c[3].weight.detach().numpy(),
                                  other.c[3].weight.detach().numpy())


def test_load_state_dict_missing_and_unexpected_keys():
    m = Shared()
    sd = OrderedDict(m.state_dict())
    del sd["a.weight"]
    sd["zzz"] = jg.zeros(1)
    sd["yyy"] = jg.zeros(1)
    with pytest.raises(RuntimeError) as info:
        m.load_state_dict(sd)
    assert str(info.value) == ('Error(s) in loading state_dict for Shared:\n\tMissing key(s) in state_dict: '
                               '"a.weight". \n\tUnexpected key(s) in state_dict: "zzz", "yyy". ')
    result = m.load_state_dict(sd, strict=False)
    assert result.missing_keys == ["a.weight"] and result.unexpected_keys == ["zzz", "yyy"]
    assert repr(result) == "_IncompatibleKeys(missing_keys=['a.weight'], unexpected_keys=['zzz', 'yyy'])"


def test_load_state_dict_size_mismatch():
    m = Shared()
    sd = OrderedDict(m.state_dict())
    sd["a.bias"] = jg.zeros(5)
    with pytest.raises(RuntimeError) as info:
        m.load_state_dict(sd)
    assert str(info.value) == ("Error(s) in loading state_dict for Shared:\n\tsize mismatch for a.bias: copying a "
                               "param with shape jitgrad.Size([5]) from checkpoint, the shape in current model is "
                               "jitgrad.Size([2]).")
    sd["zz"] = jg.zeros(1)
    with pytest.raises(RuntimeError) as info:
        m.load_state_dict(sd)
    assert str(info.value).startswith('Error(s) in loading state_dict for Shared:\n\tUnexpected key(s) in '
                                      'state_dict: "zz". \n\tsize mismatch for a.bias:')


def test_load_state_dict_assign_and_type_errors():
    lin = nn.Linear(2, 1)
    new = {"weight": jg.ones(1, 2), "bias": jg.zeros(1)}
    lin.load_state_dict(new, assign=True)
    assert type(lin.weight) is nn.Parameter and lin.weight.tolist() == [[1.0, 1.0]]
    with pytest.raises(TypeError, match="Expected state_dict to be dict-like"):
        lin.load_state_dict([1, 2])


def test_non_persistent_buffer_is_not_saved_or_loaded():
    m = nn.Module()
    m.register_buffer("kept", jg.zeros(1))
    m.register_buffer("scratch", jg.zeros(1), persistent=False)
    assert list(m.state_dict()) == ["kept"]
    m.load_state_dict({"kept": jg.ones(1)})
    assert m.kept.tolist() == [1.0]


# ---------------------------------------------------------------------- attributes and registration
def test_assignment_files_members():
    m = nn.Module()
    m.p = nn.Parameter(jg.zeros(1))
    m.register_buffer("bb", jg.zeros(1))
    m.sub = nn.ReLU()
    m.plain = 3
    assert list(m._parameters) == ["p"] and list(m._buffers) == ["bb"] and list(m._modules) == ["sub"]
    assert "plain" in m.__dict__ and m.plain == 3
    m.bb = None
    m.sub = None
    assert m._buffers == {"bb": None} and m._modules == {"sub": None}
    del m.p
    assert m._parameters == {}
    m.sub = nn.Parameter(jg.zeros(1))    # a name moves from one store to another
    assert "sub" in m._parameters and "sub" not in m._modules


ERRORS = [
    pytest.param(lambda m: setattr(nn.Linear(2, 3), "weight", jg.zeros(3, 2)), TypeError,
                 "cannot assign 'torch.FloatTensor' as parameter 'weight' (jitgrad.nn.Parameter or None expected)",
                 id="tensor-as-parameter"),
    pytest.param(lambda m: nn.Linear(2, 3).foo, AttributeError, "'Linear' object has no attribute 'foo'",
                 id="no-attribute"),
    pytest.param(lambda m: m.register_buffer("a.b", jg.zeros(1)), KeyError, "'buffer name can\\'t contain \".\"'",
                 id="buffer-dot"),
    pytest.param(lambda m: m.register_buffer("", jg.zeros(1)), KeyError,
                 "'buffer name can\\'t be empty string \"\"'", id="buffer-empty"),
    pytest.param(lambda m: m.register_buffer(1, jg.zeros(1)), TypeError, "buffer name should be a string. Got int",
                 id="buffer-name-type"),
    pytest.param(lambda m: m.register_buffer("x", 5), TypeError,
                 "cannot assign 'int' object to buffer 'x' (jitgrad Tensor or None required)", id="buffer-value"),
    pytest.param(lambda m: m.register_parameter("a.b", None), KeyError, "'parameter name can\\'t contain \".\"'",
                 id="parameter-dot"),
    pytest.param(lambda m: m.register_parameter("x", jg.zeros(1)), TypeError,
                 "cannot assign 'torch.FloatTensor' object to parameter 'x' (jitgrad.nn.Parameter or None required)",
                 id="parameter-value"),
    pytest.param(lambda m: m.add_module("a.b", None), KeyError, "'module name can\\'t contain \".\", got: a.b'",
                 id="module-dot"),
    pytest.param(lambda m: m.add_module("x", 5), TypeError, "int is not a Module subclass", id="module-value"),
    pytest.param(lambda m: m.add_module(3, nn.ReLU()), TypeError, "module name should be a string. Got int",
                 id="module-name-type"),
    pytest.param(lambda m: m.register_parameter("foo", None), KeyError, "\"attribute 'foo' already exists\"",
                 id="parameter-name-taken"),
    pytest.param(lambda m: m.add_module("foo", None), KeyError, "\"attribute 'foo' already exists\"",
                 id="module-name-taken"),
    pytest.param(lambda m: setattr(m, "p", 3), TypeError,
                 "cannot assign 'int' as parameter 'p' (jitgrad.nn.Parameter or None expected)",
                 id="int-as-parameter"),
    pytest.param(lambda m: setattr(m, "sub", 3), TypeError,
                 "cannot assign 'int' as child module 'sub' (jitgrad.nn.Module or None expected)",
                 id="int-as-module"),
    pytest.param(lambda m: delattr(m, "nope"), AttributeError, "'Module' object has no attribute 'nope'",
                 id="delattr-missing"),
    pytest.param(lambda m: m.train("x"), ValueError, "training mode is expected to be boolean", id="train-mode"),
    pytest.param(lambda m: m(1), NotImplementedError, 'Module [Module] is missing the required "forward" function',
                 id="no-forward"),
    pytest.param(lambda m: m.to(jg.int64), TypeError,
                 "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=jitgrad.int64",
                 id="to-int"),
]


@pytest.mark.parametrize("action, error, message", ERRORS)
def test_errors_as_torch(action, error, message):
    m = nn.Module()
    m.foo = 3
    m.p = nn.Parameter(jg.zeros(1))
    m.sub = nn.ReLU()
    with pytest.raises(error) as info:
        action(m)
    assert str(info.value) == message


@pytest.mark.parametrize("kind", ["parameters", "module", "buffer"])
def test_assigning_before_init_is_an_error(kind):
    class Early(nn.Module):
        def __init__(self):
            if kind == "parameters":
                self.w = nn.Parameter(jg.zeros(1))
            elif kind == "module":
                self.m = nn.ReLU()
            else:
                self.register_buffer("x", jg.zeros(1))

    with pytest.raises(AttributeError, match=f"cannot assign {kind} before Module.__init__\\(\\) call"):
        Early()


def test_non_leaf_parameter_is_refused():
    m = nn.Module()
    w = jg.ones(1, requires_grad=True)
    fake = nn.Parameter(jg.ones(1))
    fake.grad_fn = (w * 2).grad_fn
    with pytest.raises(ValueError, match="Cannot assign non-leaf Tensor to parameter 'x'"):
        m.register_parameter("x", fake)


def test_dir_lists_members_but_not_container_indices():
    names = dir(nn.Linear(1, 1))
    assert "weight" in names and "_parameters" in names and "zero_grad" in names
    assert names == sorted(names)
    assert not any(n[0].isdigit() for n in dir(nn.Sequential(nn.ReLU())))


# ---------------------------------------------------------------------- modes and gradients
def test_train_eval_recurse():
    m = Shared()
    assert m.eval() is m
    assert not any(x.training for x in m.modules())
    m.train()
    assert all(x.training for x in m.modules())


def test_requires_grad_freezes_and_zero_grad():
    m = Shared()
    m.c.requires_grad_(False)
    assert [n for n, p in m.named_parameters() if p.requires_grad] == ["a.weight", "a.bias", "b.bias"]
    x = jg.ones(4, 2)
    (m.a(x).sum() + m.b(x).sum()).backward()
    assert m.a.weight.grad.tolist() == [[8.0, 8.0], [8.0, 8.0]]   # shared: both uses add up
    m.zero_grad(set_to_none=False)
    assert m.a.weight.grad.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    m.zero_grad()
    assert m.a.weight.grad is None and m.b.bias.grad is None


def test_apply_visits_children_first():
    m = Shared()
    seen = []
    assert m.apply(lambda mod: seen.append(type(mod).__name__)) is m
    assert seen == ["Linear", "Linear", "Linear", "ReLU", "Linear", "ReLU", "Sequential", "Linear", "Sequential",
                    "Shared"]


def test_to_double_float_keep_parameter_identity():
    m = nn.BatchNorm1d(3)
    weight = m.weight
    m.weight.grad = jg.ones(3)
    assert m.double() is m and m.weight is weight
    assert m.weight.dtype is jg.float64 and m.weight.grad.dtype is jg.float64 and type(m.weight) is nn.Parameter
    assert m.running_mean.dtype is jg.float64 and m.num_batches_tracked.dtype is jg.int64
    m.to(jg.float32)
    assert m.weight.dtype is jg.float32 and m.running_var.dtype is jg.float32
    m.to("cpu")
    m.to(jg.zeros(1, dtype=jg.float64))
    assert m.bias.dtype is jg.float64
    m.float()
    assert m.bias.dtype is jg.float32


# ---------------------------------------------------------------------- hooks
def test_forward_hooks_order_replace_and_remove():
    lin = nn.Linear(2, 2)
    calls = []

    def pre(module, args):
        calls.append("pre")
        return (args[0] * 0,)

    def post(module, args, output):
        calls.append("post")
        return output + 1

    h1 = lin.register_forward_pre_hook(pre)
    h2 = lin.register_forward_hook(post)
    h3 = lin.register_forward_hook(lambda m, a, o: calls.append("first"), prepend=True)
    out = lin(jg.ones(1, 2))
    assert calls == ["pre", "first", "post"]
    np.testing.assert_allclose(out.detach().numpy(), lin.bias.detach().numpy()[None] + 1, rtol=1e-6)
    for h in (h1, h2, h3):
        h.remove()
    calls.clear()
    lin(jg.ones(1, 2))
    assert calls == [] and not lin._forward_hooks and not lin._forward_pre_hooks


def test_hooks_with_kwargs_and_context_manager():
    class Scale(nn.Module):
        def forward(self, x, factor=1.0):
            return x * factor

    m = Scale()
    seen = []
    with m.register_forward_pre_hook(lambda mod, args, kwargs: (args, {"factor": 3.0}), with_kwargs=True):
        with m.register_forward_hook(lambda mod, args, kwargs, out: seen.append(kwargs), with_kwargs=True):
            assert m(jg.tensor([2.0])).tolist() == [6.0]
    assert seen == [{"factor": 3.0}]
    assert m(jg.tensor([2.0])).tolist() == [2.0]


def test_call_without_hooks_is_forward():
    lin = nn.Linear(3, 2)
    x = jg.ones(4, 3)
    np.testing.assert_array_equal(lin(x).detach().numpy(), lin.forward(x).detach().numpy())


# ---------------------------------------------------------------------- repr
def test_repr_nested_as_torch():
    assert repr(nn.Module()) == "Module()"
    s = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 3), nn.ReLU()), nn.Linear(3, 1))
    assert repr(s) == """Sequential(
  (0): Linear(in_features=2, out_features=3, bias=True)
  (1): ReLU()
  (2): Sequential(
    (0): Linear(in_features=3, out_features=3, bias=True)
    (1): ReLU()
  )
  (3): Linear(in_features=3, out_features=1, bias=True)
)"""

    class WithExtra(nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = nn.Tanh()

        def extra_repr(self):
            return "size=3"

    assert repr(WithExtra()) == "WithExtra(\n  size=3\n  (inner): Tanh()\n)"


def test_deepcopy_of_a_module_is_independent():
    m = Shared()
    clone = copy.deepcopy(m)
    assert clone.b.weight is clone.a.weight and clone.a.weight is not m.a.weight
    with jg.no_grad():
        clone.a.weight.fill_(7.0)
    assert not (m.a.weight.detach().numpy() == 7.0).any()


def test_a_module_pickles_with_its_parameters_and_buffers():
    m = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))
    back = pickle.loads(pickle.dumps(m))
    assert repr(back) == repr(m) and list(back.state_dict()) == list(m.state_dict())
    assert type(back[0].weight) is nn.Parameter and back[0].weight.requires_grad
    np.testing.assert_array_equal(back[0].weight.detach().numpy(), m[0].weight.detach().numpy())


def test_the_live_graph_marks_parameters():
    lin = nn.Linear(2, 1)
    loss = lin(jg.ones(3, 2)).sum()
    graph = jg.autograd.graph(loss)
    params = [d for _, d in graph.nodes(data=True) if d.get("kind") == "tensor" and d.get("param")]
    assert sorted(tuple(d["shape"]) for d in params) == [(1,), (1, 2)]
