"""Sequential, ModuleList, ModuleDict, ParameterList and ParameterDict: behaviour and reprs
as torch 2.13's (recorded as literals)."""
from collections import OrderedDict

import pytest

import jitgrad as jg
from jitgrad import nn


def kinds(container):
    return [(k, type(v).__name__) for k, v in container._modules.items()]


def test_sequential_from_ordered_dict_indexing_and_slicing():
    s = nn.Sequential(OrderedDict([("a", nn.ReLU()), ("b", nn.Tanh())]))
    assert repr(s) == "Sequential(\n  (a): ReLU()\n  (b): Tanh()\n)"
    assert isinstance(s[0], nn.ReLU) and isinstance(s[-1], nn.Tanh) and len(s) == 2
    assert repr(s[1:]) == "Sequential(\n  (b): Tanh()\n)"
    s[0] = nn.Sigmoid()
    assert kinds(s) == [("a", "Sigmoid"), ("b", "Tanh")]
    assert [type(m).__name__ for m in s] == ["Sigmoid", "Tanh"]


def test_sequential_insert_pop_append_delete_renumber():
    s = nn.Sequential(nn.ReLU(), nn.Tanh())
    s.insert(1, nn.Sigmoid())
    assert kinds(s) == [("0", "ReLU"), ("1", "Sigmoid"), ("2", "Tanh")]
    assert isinstance(s.pop(1), nn.Sigmoid) and list(s._modules) == ["0", "1"]
    assert s.append(nn.ReLU()) is s and kinds(s)[-1] == ("2", "ReLU")
    del s[0]
    assert kinds(s) == [("0", "Tanh"), ("1", "ReLU")]
    assert repr(nn.Sequential()) == "Sequential()"


def test_sequential_runs_in_order():
    s = nn.Sequential(nn.ReLU(), nn.Tanh())
    x = jg.tensor([-1.0, 0.5], dtype=jg.float64)
    assert s(x).tolist() == pytest.approx([0.0, 0.46211715726000974])


@pytest.mark.parametrize("make, error, message", [
    (lambda: nn.Sequential(nn.ReLU())[3], IndexError, "index 3 is out of range"),
    (lambda: nn.ModuleList([nn.ReLU()])[-2], IndexError, "index -2 is out of range"),
    (lambda: nn.Sequential(nn.ReLU(), 5), TypeError, "int is not a Module subclass"),
    (lambda: nn.ModuleList().extend(nn.ReLU()), TypeError,
     "ModuleList.extend should be called with an iterable, but got ReLU"),
    (lambda: nn.ParameterList()(), RuntimeError, "ParameterList should not be called."),
    (lambda: nn.ParameterDict()(), RuntimeError, "ParameterDict should not be called."),
])
def test_container_errors(make, error, message):
    with pytest.raises(error) as info:
        make()
    assert str(info.value) == message


def test_module_list_repr_groups_repeats():
    assert repr(nn.ModuleList([nn.ReLU(), nn.ReLU(), nn.Linear(2, 3)])) == (
        "ModuleList(\n  (0-1): 2 x ReLU()\n  (2): Linear(in_features=2, out_features=3, bias=True)\n)")
    assert repr(nn.ModuleList([nn.ReLU()] * 3)) == "ModuleList(\n  (0-2): 3 x ReLU()\n)"
    assert repr(nn.ModuleList()) == "ModuleList()"


def test_module_list_operations():
    ml = nn.ModuleList([nn.ReLU(), nn.Tanh()])
    ml.insert(1, nn.Sigmoid())
    assert kinds(ml) == [("0", "ReLU"), ("1", "Sigmoid"), ("2", "Tanh")]
    ml += [nn.ReLU()]
    assert len(ml) == 4 and isinstance(ml[-1], nn.ReLU)
    del ml[0]
    assert list(ml._modules) == ["0", "1", "2"]
    assert repr(ml[0:1]) == "ModuleList(\n  (0): Sigmoid()\n)"
    with pytest.raises(NotImplementedError, match="missing the required \"forward\" function"):
        ml(1)


def test_module_dict():
    md = nn.ModuleDict([("x", nn.ReLU())])
    md["y"] = nn.Tanh()
    assert list(md.keys()) == ["x", "y"] and "x" in md
    assert isinstance(md.pop("x"), nn.ReLU) and len(md) == 1
    md.update({"z": nn.Sequential(nn.Linear(1, 2), nn.Tanh())})
    assert repr(md) == """ModuleDict(
  (y): Tanh()
  (z): Sequential(
    (0): Linear(in_features=1, out_features=2, bias=True)
    (1): Tanh()
  )
)"""


def test_parameter_list_and_dict_register_and_convert():
    pl = nn.ParameterList([nn.Parameter(jg.ones(2)), jg.zeros(3)])
    assert [n for n, _ in pl.named_parameters()] == ["0", "1"]
    assert type(pl[1]) is nn.Parameter and pl[1].requires_grad and len(pl) == 2
    assert type(pl[0:1]) is nn.ParameterList and len(pl[0:1]) == 1
    pd = nn.ParameterDict({"a": jg.ones(2)})
    pd["b"] = nn.Parameter(jg.zeros(1))
    assert list(pd.keys()) == ["a", "b"] and [n for n, _ in pd.named_parameters()] == ["a", "b"]
    assert type(pd["a"]) is nn.Parameter and "a" in pd and len(pd) == 2
    m = nn.Module()
    m.pl, m.pd = pl, pd
    assert list(m.state_dict()) == ["pl.0", "pl.1", "pd.a", "pd.b"]
    del pd["a"]
    assert list(pd.keys()) == ["b"] and [n for n, _ in pd.named_parameters()] == ["b"]


def test_parameter_container_reprs_as_the_seed():
    pl = nn.ParameterList([nn.Parameter(jg.rand(8, i)) for i in range(1, 3)])
    assert repr(pl) == ("ParameterList(\n    (0): Parameter containing: [jitgrad.float32 of size 8x1]\n"
                        "    (1): Parameter containing: [jitgrad.float32 of size 8x2]\n)")
    pd = nn.ParameterDict({"a": nn.Parameter(jg.rand(2, 2)), "b": nn.Parameter(jg.zeros(2, dtype=jg.float64))})
    assert repr(pd) == ("ParameterDict(\n    (a): Parameter containing: [torch.FloatTensor of size 2x2]\n"
                        "    (b): Parameter containing: [torch.DoubleTensor of size 2]\n)")
    # one entry: torch's Module.__repr__ puts a single extra line inline
    assert repr(nn.ParameterList([nn.Parameter(jg.rand(2))])) == \
        "ParameterList(  (0): Parameter containing: [jitgrad.float32 of size 2])"
    mixed = nn.ParameterList([nn.Parameter(jg.rand(2)), 5])
    assert repr(mixed) == ("ParameterList(\n    (0): Parameter containing: [jitgrad.float32 of size 2]\n"
                           "    (1): Object of type: int\n)")
    assert repr(nn.ParameterList()) == "ParameterList()" and repr(nn.ParameterDict()) == "ParameterDict()"


def test_seed_module_with_parameter_containers():
    """The seed's section 5.1 example: five named parameters in this order."""
    module = nn.Module()
    module.w = nn.Parameter(jg.randn(2, 2))
    module.params_list = nn.ParameterList([nn.Parameter(jg.rand(8, i)) for i in range(1, 3)])
    module.params_dict = nn.ParameterDict({"a": nn.Parameter(jg.rand(2, 2)), "b": nn.Parameter(jg.zeros(2))})
    named = list(module.named_parameters())
    assert [n for n, _ in named] == ["w", "params_list.0", "params_list.1", "params_dict.a", "params_dict.b"]
    assert repr(named[-1]) == "('params_dict.b', Parameter containing:\ntensor([0., 0.], requires_grad=True))"
