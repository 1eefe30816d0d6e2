"""Learning-rate schedulers against torch 2.13: the lr sequences of thirteen epochs for two
parameter groups (lr 0.1 and 0.03), recorded as literals; initial_lr, state_dict, resuming,
the closed form of step(epoch), and torch's warnings and errors."""
import warnings

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.optim import SGD
from jitgrad.optim import lr_scheduler as S

SCHEDULERS = {
    "step": lambda o: S.StepLR(o, step_size=3, gamma=0.5),
    "multistep": lambda o: S.MultiStepLR(o, milestones=[2, 5, 5], gamma=0.1),
    "exponential": lambda o: S.ExponentialLR(o, gamma=0.9),
    "lambda": lambda o: S.LambdaLR(o, lr_lambda=lambda e: 1 / (e + 1)),
    "lambda-per-group": lambda o: S.LambdaLR(o, lr_lambda=[lambda e: 0.5 ** e, lambda e: e + 1]),
    "cosine": lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.01),
    "cosine-default": lambda o: S.CosineAnnealingLR(o, T_max=4),
}

# torch 2.13: [scheduler.get_last_lr()] at construction, then after each of 12 steps
TORCH_LRS = {
    "step": [
        [0.1, 0.03],
        [0.1, 0.03],
        [0.1, 0.03],
        [0.05, 0.015],
        [0.05, 0.015],
        [0.05, 0.015],
        [0.025, 0.0075],
        [0.025, 0.0075],
        [0.025, 0.0075],
        [0.0125, 0.00375],
        [0.0125, 0.00375],
        [0.0125, 0.00375],
        [0.00625, 0.001875]],
    "multistep": [
        [0.1, 0.03],
        [0.1, 0.03],
        [0.010000000000000002, 0.003],
        [0.010000000000000002, 0.003],
        [0.010000000000000002, 0.003],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05],
        [0.00010000000000000005, 3.0000000000000008e-05]],
    "exponential": [
        [0.1, 0.03],
        [0.09000000000000001, 0.027],
        [0.08100000000000002, 0.0243],
        [0.07290000000000002, 0.02187],
        [0.06561000000000002, 0.019683000000000003],
        [0.05904900000000002, 0.017714700000000003],
        [0.05314410000000002, 0.015943230000000003],
        [0.04782969000000002, 0.014348907000000003],
        [0.043046721000000024, 0.012914016300000003],
        [0.03874204890000002, 0.011622614670000003],
        [0.03486784401000002, 0.010460353203000003],
        [0.03138105960900001, 0.009414317882700002],
        [0.028242953648100012, 0.008472886094430003]],
    "lambda": [
        [0.1, 0.03],
        [0.05, 0.015],
        [0.03333333333333333, 0.009999999999999998],
        [0.025, 0.0075],
        [0.020000000000000004, 0.006],
        [0.016666666666666666, 0.004999999999999999],
        [0.014285714285714285, 0.004285714285714285],
        [0.0125, 0.00375],
        [0.011111111111111112, 0.003333333333333333],
        [0.010000000000000002, 0.003],
        [0.009090909090909092, 0.002727272727272727],
        [0.008333333333333333, 0.0024999999999999996],
        [0.007692307692307693, 0.002307692307692308]],
    "lambda-per-group": [
        [0.1, 0.03],
        [0.05, 0.06],
        [0.025, 0.09],
        [0.0125, 0.12],
        [0.00625, 0.15],
        [0.003125, 0.18],
        [0.0015625, 0.21],
        [0.00078125, 0.24],
        [0.000390625, 0.27],
        [0.0001953125, 0.3],
        [9.765625e-05, 0.32999999999999996],
        [4.8828125e-05, 0.36],
        [2.44140625e-05, 0.39]],
    "cosine": [
        [0.1, 0.03],
        [0.09140576474687263, 0.028090169943749473],
        [0.06890576474687263, 0.02309016994374947],
        [0.04109423525312736, 0.016909830056250526],
        [0.018594235253127367, 0.011909830056250527],
        [0.01, 0.01],
        [0.018594235253127367, 0.011909830056250525],
        [0.04109423525312739, 0.016909830056250526],
        [0.06890576474687267, 0.023090169943749475],
        [0.09140576474687269, 0.02809016994374948],
        [0.10000000000000006, 0.03],
        [0.09140576474687272, 0.02809016994374948],
        [0.06890576474687268, 0.023090169943749475]],
    "cosine-default": [
        [0.1, 0.03],
        [0.08535533905932738, 0.02560660171779821],
        [0.05, 0.014999999999999998],
        [0.014644660940672627, 0.004393398282201788],
        [0.0, 0.0],
        [0.014644660940672622, 0.004393398282201786],
        [0.05000000000000001, 0.015000000000000001],
        [0.0853553390593274, 0.02560660171779822],
        [0.10000000000000003, 0.03000000000000001],
        [0.0853553390593274, 0.025606601717798223],
        [0.05000000000000003, 0.01500000000000001],
        [0.014644660940672672, 0.004393398282201802],
        [0.0, 0.0]],
}


def optimizer():
    a, b = jg.zeros(1, requires_grad=True), jg.zeros(1, requires_grad=True)
    return SGD([{"params": [a]}, {"params": [b], "lr": 0.03}], lr=0.1)


def lr_sequence(scheduler, opt, steps=12):
    seen = [scheduler.get_last_lr()]
    for _ in range(steps):
        opt.step()
        scheduler.step()
        seen.append(scheduler.get_last_lr())
    return seen


@pytest.mark.parametrize("name", SCHEDULERS)
def test_lr_sequence_matches_torch(name):
    opt = optimizer()
    scheduler = SCHEDULERS[name](opt)
    seen = lr_sequence(scheduler, opt)
    np.testing.assert_allclose(seen, TORCH_LRS[name], rtol=1e-12, atol=1e-15)
    assert [g["lr"] for g in opt.param_groups] == seen[-1]
    assert scheduler.last_epoch == 12


def test_construction_records_initial_lr():
    opt = optimizer()
    S.StepLR(opt, step_size=2)
    assert [g["initial_lr"] for g in opt.param_groups] == [0.1, 0.03]
    assert list(opt.param_groups[0])[-1] == "initial_lr"    # after the optimiser's own keys, as torch
    opt.param_groups[0]["lr"] = 0.5
    S.ExponentialLR(opt, gamma=0.5)                          # a second scheduler keeps the first's record
    assert opt.param_groups[0]["initial_lr"] == 0.1


def test_state_dict_keys_as_torchs():
    # torch 2.13: StepLR(SGD([p], lr=0.1), 3).state_dict()
    p = jg.zeros(1, requires_grad=True)
    state = S.StepLR(SGD([p], lr=0.1), 3).state_dict()
    assert state == {"step_size": 3, "gamma": 0.1, "base_lrs": [0.1], "last_epoch": 0, "_step_count": 1,
                     "_is_initial": False, "_get_lr_called_within_step": False, "_last_lr": [0.1]}
    assert list(state) == ["step_size", "gamma", "base_lrs", "last_epoch", "_step_count", "_is_initial",
                           "_get_lr_called_within_step", "_last_lr"]
    state = S.LambdaLR(SGD([p], lr=0.1), lambda e: 0.5 ** e).state_dict()
    assert list(state)[-1] == "lr_lambdas" and state["lr_lambdas"] == [None]


def test_state_dict_round_trip_resumes_the_sequence():
    opt = optimizer()
    scheduler = SCHEDULERS["cosine"](opt)
    lr_sequence(scheduler, opt, steps=4)
    saved_optimizer, saved_scheduler = opt.state_dict(), scheduler.state_dict()
    opt2 = optimizer()
    scheduler2 = SCHEDULERS["cosine"](opt2)
    opt2.load_state_dict(saved_optimizer)
    scheduler2.load_state_dict(saved_scheduler)
    np.testing.assert_allclose(lr_sequence(scheduler2, opt2, steps=8)[1:], TORCH_LRS["cosine"][5:],
                               rtol=1e-12, atol=1e-15)


def test_callable_object_lambda_state_is_saved():
    class Decay:
        def __init__(self):
            self.factor = 0.5

        def __call__(self, epoch):
            return self.factor ** epoch

    opt = optimizer()
    decay = Decay()
    scheduler = S.LambdaLR(opt, [decay, lambda e: 1.0])
    decay.factor = 0.25
    saved = scheduler.state_dict()
    assert saved["lr_lambdas"] == [{"factor": 0.25}, None]
    fresh = Decay()
    S.LambdaLR(optimizer(), [fresh, lambda e: 1.0]).load_state_dict(saved)
    assert fresh.factor == 0.25


def test_resuming_with_last_epoch():
    # torch 2.13: two steps of cosine, then a new optimizer loading that state and
    # CosineAnnealingLR(..., last_epoch=2): get_last_lr() == [0.06890576474687263, 0.02309016994374947]
    opt = optimizer()
    scheduler = SCHEDULERS["cosine"](opt)
    lr_sequence(scheduler, opt, steps=2)
    opt2 = optimizer()
    opt2.load_state_dict(opt.state_dict())
    resumed = S.CosineAnnealingLR(opt2, T_max=5, eta_min=0.01, last_epoch=2)
    assert resumed.get_last_lr() == pytest.approx([0.06890576474687263, 0.02309016994374947], rel=1e-12)
    assert resumed.last_epoch == 3


def test_resuming_without_initial_lr_is_torchs_key_error():
    with pytest.raises(KeyError, match="param 'initial_lr' is not specified in param_groups\\[0\\] when "
                                       "resuming scheduler with last_epoch >= 0"):
        S.StepLR(optimizer(), 3, last_epoch=3)


def test_needs_an_optimizer():
    with pytest.raises(TypeError, match="^int is not an Optimizer$"):
        S.StepLR(3, 3)


def test_step_with_an_epoch_uses_the_closed_form():
    # torch 2.13 (with its deprecation warning): cosine.step(3), steplr.step(7)
    opt = optimizer()
    cosine = SCHEDULERS["cosine"](opt)
    opt.step()
    with pytest.warns(UserWarning, match="The epoch parameter in `scheduler.step\\(\\)` was not necessary"):
        cosine.step(3)
    assert cosine.get_last_lr() == pytest.approx([0.04109423525312737, 0.016909830056250526], rel=1e-12)
    opt = optimizer()
    step = SCHEDULERS["step"](opt)
    opt.step()
    with pytest.warns(UserWarning):
        step.step(7)
    assert step.get_last_lr() == [0.025, 0.0075]


def test_warns_when_stepped_before_the_optimizer():
    opt = optimizer()
    scheduler = S.StepLR(opt, 3)
    order = "Detected call of `lr_scheduler.step\\(\\)` before `optimizer.step\\(\\)`"
    with pytest.warns(UserWarning, match=order):
        scheduler.step()
    opt = optimizer()
    scheduler = S.StepLR(opt, 3)
    opt.step()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scheduler.step()
    with pytest.warns(UserWarning, match="please use `get_last_lr\\(\\)`"):
        scheduler.get_lr()
