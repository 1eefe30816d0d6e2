"""The Optimizer base as torch 2.13's: parameter groups and their defaults, torch's errors and
messages (recorded as literals), zero_grad, state_dict/load_state_dict in torch's format, repr."""
import copy
import pickle

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.optim import SGD, Adam, AdamW, Optimizer


def leaf(*values):
    return jg.tensor(np.array(values, dtype=np.float64), requires_grad=True)


def two_params():
    return leaf(1.0, 2.0), leaf(3.0, 4.0, 5.0)


SGD_DEFAULTS = {"lr": 0.001, "momentum": 0, "dampening": 0, "weight_decay": 0, "nesterov": False,
                "maximize": False, "foreach": None, "differentiable": False, "fused": None}
ADAM_DEFAULTS = {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-08, "weight_decay": 0, "amsgrad": False,
                 "maximize": False, "foreach": None, "capturable": False, "differentiable": False,
                 "fused": None, "decoupled_weight_decay": False}


def test_groups_get_the_defaults_in_torchs_order():
    p, q = two_params()
    opt = SGD([p, q])
    assert len(opt.param_groups) == 1
    group = opt.param_groups[0]
    assert group["params"][0] is p and group["params"][1] is q
    assert list(group) == ["params"] + list(SGD_DEFAULTS)
    assert {k: group[k] for k in SGD_DEFAULTS} == SGD_DEFAULTS
    assert opt.defaults == SGD_DEFAULTS
    assert Adam([p]).defaults == ADAM_DEFAULTS
    assert AdamW([p]).defaults == {**ADAM_DEFAULTS, "weight_decay": 0.01, "decoupled_weight_decay": True}


def test_dict_groups_keep_their_own_options():
    p, q = two_params()
    opt = SGD([{"params": [p]}, {"params": q, "lr": 0.5, "momentum": 0.9}], lr=0.1)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert [g["momentum"] for g in opt.param_groups] == [0, 0.9]
    assert len(opt.param_groups[1]["params"]) == 1 and opt.param_groups[1]["params"][0] is q


def test_add_param_group_and_named_parameters():
    p, q = two_params()
    opt = SGD([p], lr=0.1)
    opt.add_param_group({"params": q, "lr": 0.5})
    assert opt.param_groups[1]["lr"] == 0.5 and opt.param_groups[1]["momentum"] == 0
    named = SGD([("a", p), ("b", q)])
    assert named.param_groups[0]["param_names"] == ["a", "b"]
    assert named.state_dict()["param_groups"][0]["param_names"] == ["a", "b"]


def test_accepts_any_leaf_tensor_subclass():
    class MyParameter(jg.Tensor):
        pass
    p = jg.Tensor._make_subclass(MyParameter, jg.ones(3), True)
    p.grad = jg.ones(3)
    SGD([p], lr=0.5).step()
    assert type(p) is MyParameter
    np.testing.assert_array_equal(p.detach().numpy(), [0.5, 0.5, 0.5])


# torch 2.13's errors and messages, word for word
def test_construction_errors():
    p, q = two_params()
    with pytest.raises(TypeError, match="params argument given to the optimizer should be an iterable of "
                                        "Tensors or dicts, but got jitgrad.Tensor"):
        SGD(p)
    with pytest.raises(ValueError, match="^optimizer got an empty parameter list$"):
        SGD([])
    with pytest.raises(ValueError, match="^can't optimize a non-leaf Tensor$"):
        SGD([p, p * 2])
    with pytest.raises(ValueError, match="^some parameters appear in more than one parameter group$"):
        SGD([{"params": [p]}, {"params": [p, q]}])
    with pytest.raises(TypeError, match="^optimizer can only optimize Tensors, but one of the params is int$"):
        SGD([p, 3])
    with pytest.raises(TypeError, match="^param_group must be a dict, but got <class 'list'>$"):
        SGD([p]).add_param_group([q])
    with pytest.raises(ValueError, match="^some parameters appear in more than one parameter group$"):
        SGD([p]).add_param_group({"params": p})
    with pytest.raises(TypeError, match="optimizer parameters need to be organized in ordered collections"):
        SGD([{"params": {p}}])
    with pytest.raises(ValueError, match="^all optimizer params should be with/without names. Some param "
                                         "names are missing$"):
        SGD([("a", p), q])
    with pytest.raises(ValueError, match="^all optimizer param groups should be with/without names. cannot "
                                         "add param group without names to the optimizer$"):
        SGD([("a", p)]).add_param_group({"params": [q]})
    with pytest.warns(UserWarning, match="duplicate parameters"):
        SGD([p, p])


@pytest.mark.parametrize("make, message", [
    (lambda ps: SGD(ps, lr=-0.1), "Invalid learning rate: -0.1"),
    (lambda ps: SGD(ps, momentum=-0.5), "Invalid momentum value: -0.5"),
    (lambda ps: SGD(ps, weight_decay=-1), "Invalid weight_decay value: -1"),
    (lambda ps: SGD(ps, nesterov=True), "Nesterov momentum requires a momentum and zero dampening"),
    (lambda ps: SGD(ps, momentum=0.9, dampening=0.1, nesterov=True),
     "Nesterov momentum requires a momentum and zero dampening"),
    (lambda ps: Adam(ps, lr=-1e-3), "Invalid learning rate: -0.001"),
    (lambda ps: Adam(ps, eps=-1), "Invalid epsilon value: -1"),
    (lambda ps: Adam(ps, betas=(1.0, 0.999)), "Invalid beta parameter at index 0: 1.0"),
    (lambda ps: Adam(ps, betas=(0.9, -0.1)), "Invalid beta parameter at index 1: -0.1"),
    (lambda ps: Adam(ps, weight_decay=-0.1), "Invalid weight_decay value: -0.1"),
    (lambda ps: Adam(ps, betas=(0, 0.9)), "betas must be either both floats or both Tensors"),
    (lambda ps: AdamW(ps, lr=-2), "Invalid learning rate: -2"),
])
def test_hyperparameter_errors(make, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        make(list(two_params()))


def test_tensor_hyperparameters_are_refused_clearly():
    with pytest.raises(TypeError, match="learning rate as a Python number"):
        SGD(list(two_params()), lr=jg.tensor(0.1))


def test_step_is_the_subclasses_business():
    with pytest.raises(NotImplementedError, match="step"):
        Optimizer(list(two_params()), {"lr": 0.1}).step()


def test_zero_grad():
    p, q = two_params()
    opt = SGD([p, q])
    (p.sum() * 2 + q.sum()).backward()
    grad = p.grad
    opt.zero_grad(set_to_none=False)
    assert p.grad is grad and not grad.requires_grad
    np.testing.assert_array_equal(grad.numpy(), [0.0, 0.0])
    (p.sum() * 3).backward()        # accumulates into the zeroed gradient
    np.testing.assert_array_equal(p.grad.numpy(), [3.0, 3.0])
    opt.zero_grad()
    assert p.grad is None and q.grad is None


def test_zero_grad_in_place_on_a_read_only_gradient():
    p = jg.zeros(1000, requires_grad=True)
    p.grad = jg.ones(1).expand(1000)     # a broadcast view: its memory cannot be written
    SGD([p]).zero_grad(set_to_none=False)
    np.testing.assert_array_equal(p.grad.numpy(), np.zeros(1000))
    p.sum().backward()
    np.testing.assert_array_equal(p.grad.numpy(), np.ones(1000))


def test_closure_runs_with_grad_enabled_and_its_loss_is_returned():
    p = leaf(1.0, -2.0)
    opt = SGD([p], lr=0.25)

    def closure():
        opt.zero_grad()
        loss = (p * p).sum()
        loss.backward()
        return loss

    with jg.no_grad():
        loss = opt.step(closure)
    assert loss.item() == 5.0
    np.testing.assert_array_equal(p.detach().numpy(), [0.5, -1.0])


# torch 2.13: print(torch.optim.SGD([p], lr=0.1, momentum=0.9)) and an Adam with two groups
SGD_REPR = """SGD (
Parameter Group 0
    dampening: 0
    differentiable: False
    foreach: None
    fused: None
    lr: 0.1
    maximize: False
    momentum: 0.9
    nesterov: False
    weight_decay: 0
)"""
ADAM_GROUP = """    amsgrad: False
    betas: (0.9, 0.999)
    capturable: False
    decoupled_weight_decay: False
    differentiable: False
    eps: 1e-08
    foreach: None
    fused: None
    lr: {}
    maximize: False
    weight_decay: 0
"""


def test_repr_as_torchs():
    p, q = two_params()
    assert repr(SGD([p, q], lr=0.1, momentum=0.9)) == SGD_REPR
    adam = Adam([{"params": [p]}, {"params": [q], "lr": 0.5}])
    expected = ("Adam (\nParameter Group 0\n" + ADAM_GROUP.format(0.001) + "\nParameter Group 1\n"
                + ADAM_GROUP.format(0.5) + ")")
    assert repr(adam) == expected


def test_state_dict_format():
    p, q = two_params()
    opt = Adam([{"params": [p]}, {"params": [q], "lr": 0.5}])
    assert opt.state_dict() == {"state": {}, "param_groups": [
        {**ADAM_DEFAULTS, "params": [0]}, {**ADAM_DEFAULTS, "lr": 0.5, "params": [1]}]}
    p.grad, q.grad = jg.ones(2, dtype=jg.float64), jg.ones(3, dtype=jg.float64)
    opt.step()
    state = opt.state_dict()["state"]
    assert sorted(state) == [0, 1] and list(state[0]) == ["step", "exp_avg", "exp_avg_sq"]
    # torch: {'step': tensor(1.), 'exp_avg': tensor([0.1000, 0.1000]), 'exp_avg_sq': tensor([0.0010, 0.0010])}
    assert state[0]["step"].dtype is jg.float32 and state[0]["step"].item() == 1.0
    np.testing.assert_allclose(state[0]["exp_avg"].numpy(), [0.1, 0.1], rtol=1e-15)
    np.testing.assert_allclose(state[1]["exp_avg_sq"].numpy(), [0.001] * 3, rtol=1e-15)
    assert state[0]["exp_avg"] is opt.state[p]["exp_avg"]     # not a copy, as torch's

    sgd = SGD([p], momentum=0.9)
    sgd.step()
    assert list(sgd.state_dict()["state"][0]) == ["momentum_buffer"]
    plain = SGD([p])
    plain.step()
    assert plain.state_dict()["state"] == {}        # torch keeps no buffer without momentum


def trajectory(opt_factory, steps, resume_at=None):
    """A parameter trained `steps` times, optionally through a state_dict round trip (and a
    pickle of it) at step `resume_at`."""
    p = leaf(0.5, -1.5, 2.0)
    opt = opt_factory([p])
    for i in range(steps):
        if i == resume_at:
            saved = pickle.loads(pickle.dumps(opt.state_dict()))
            p = jg.tensor(p.detach().numpy().copy(), requires_grad=True)
            opt = opt_factory([p])
            opt.load_state_dict(saved)
        p.grad = jg.tensor(np.sin(p.detach().numpy()) + 0.3)
        opt.step()
    return p.detach().numpy()


@pytest.mark.parametrize("factory", [
    lambda ps: SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
    lambda ps: Adam(ps, lr=0.1, amsgrad=True),
    lambda ps: AdamW(ps, lr=0.1),
], ids=["sgd", "adam", "adamw"])
def test_load_state_dict_resumes_exactly(factory):
    np.testing.assert_array_equal(trajectory(factory, 6, resume_at=3), trajectory(factory, 6))


def test_load_state_dict_copies_casts_and_restores_options():
    p = leaf(1.0, 2.0)
    source = SGD([p], lr=0.3, momentum=0.9)
    p.grad = jg.ones(2, dtype=jg.float64)
    source.step()
    q = jg.zeros(2, requires_grad=True)      # float32
    target = SGD([q], lr=0.01)
    target.load_state_dict(source.state_dict())
    buffer = target.state[q]["momentum_buffer"]
    assert buffer.dtype is jg.float32 and buffer is not source.state[p]["momentum_buffer"]
    assert target.param_groups[0]["lr"] == 0.3 and target.param_groups[0]["params"][0] is q


def test_load_state_dict_errors():
    p, q = two_params()
    opt = SGD([p, q])
    with pytest.raises(ValueError, match="^loaded state dict has a different number of parameter groups$"):
        opt.load_state_dict(SGD([{"params": [p]}, {"params": [q]}]).state_dict())
    with pytest.raises(ValueError, match="^loaded state dict contains a parameter group that doesn't match "
                                         "the size of optimizer's group$"):
        opt.load_state_dict(SGD([p]).state_dict())


def test_deepcopy_and_pickle():
    p = leaf(1.0, 2.0)
    opt = Adam([p], lr=0.1)
    p.grad = jg.ones(2, dtype=jg.float64)
    opt.step()
    clone = copy.deepcopy(opt)
    assert clone.param_groups[0]["lr"] == 0.1
    clone_p = clone.param_groups[0]["params"][0]
    np.testing.assert_array_equal(clone.state[clone_p]["exp_avg"].numpy(), opt.state[p]["exp_avg"].numpy())
    clone_p.grad = jg.ones(2, dtype=jg.float64)
    clone.step()                              # its own scratch buffers and state
    assert clone.state[clone_p]["step"].item() == 2.0 and opt.state[p]["step"].item() == 1.0
    assert pickle.loads(pickle.dumps(opt)).param_groups[0]["lr"] == 0.1
