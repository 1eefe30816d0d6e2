"""nn.init: torch's formulas (gains and fans recorded from torch 2.13), the statistics of
the draws (bounds and moments, with tolerances far beyond sampling noise), reproducibility
under jitgrad.manual_seed, and the layers' default initialisation."""
import math
import warnings

import numpy as np
import pytest

import jitgrad as jg
from jitgrad import nn
from jitgrad.nn import init


def values(t):
    return t.detach().numpy().astype(np.float64)


@pytest.mark.parametrize("name, param, expected", [
    ("linear", None, 1), ("conv2d", None, 1), ("sigmoid", None, 1), ("tanh", None, 1.6666666666666667),
    ("relu", None, 1.4142135623730951), ("leaky_relu", None, 1.4141428569978354),
    ("leaky_relu", 5 ** 0.5, 0.5773502691896257), ("selu", None, 0.75)])
def test_calculate_gain_as_torch(name, param, expected):
    assert init.calculate_gain(name, param) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("call, error, message", [
    (lambda: init.calculate_gain("foo"), ValueError, "Unsupported nonlinearity foo"),
    (lambda: init.calculate_gain("leaky_relu", "a"), ValueError, "negative_slope a not a valid number"),
    (lambda: init.kaiming_uniform_(jg.zeros(3)), ValueError,
     "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"),
    (lambda: init.xavier_uniform_(jg.zeros(3)), ValueError,
     "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"),
    (lambda: init.kaiming_uniform_(jg.zeros(3, 3), mode="x"), ValueError,
     "Mode x not supported, please use one of ['fan_in', 'fan_out']"),
])
def test_init_errors_as_torch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


def test_fans_count_the_receptive_field():
    assert init._calculate_fan_in_and_fan_out(jg.zeros(16, 3, 5)) == (15, 80)
    assert init._calculate_fan_in_and_fan_out(jg.zeros(4, 5)) == (5, 4)


def test_empty_tensor_is_a_no_op_with_torch_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = jg.zeros(0, 3)
        assert init.kaiming_uniform_(t) is t
    assert [str(w.message) for w in caught] == ["Initializing zero-element tensors is a no-op"]


def test_uniform_and_normal_statistics():
    t = jg.empty(200, 100)
    init.uniform_(t, -2.0, 3.0)
    v = values(t)
    assert v.min() >= -2.0 and v.max() <= 3.0 and v.min() < -1.9 and v.max() > 2.9
    assert abs(v.mean() - 0.5) < 0.05
    init.normal_(t, mean=1.0, std=2.0)
    v = values(t)
    assert abs(v.mean() - 1.0) < 0.05 and abs(v.std() - 2.0) < 0.05


@pytest.mark.parametrize("fill, shape, bound", [
    (lambda t: init.kaiming_uniform_(t, a=math.sqrt(5)), (300, 120), 1 / math.sqrt(120)),
    (lambda t: init.kaiming_uniform_(t, nonlinearity="relu", mode="fan_out"), (30, 40, 3), math.sqrt(6 / 90)),
    (lambda t: init.xavier_uniform_(t, gain=2.0), (300, 100), 2.0 * math.sqrt(6 / 400)),
])
def test_uniform_initialisers_fill_their_bounds(fill, shape, bound):
    v = values(fill(jg.empty(*shape)))
    assert np.abs(v).max() <= bound * (1 + 1e-6) and np.abs(v).max() > 0.98 * bound
    assert abs(v.std() - bound / math.sqrt(3)) < 0.03 * bound


@pytest.mark.parametrize("fill, shape, std", [
    (lambda t: init.kaiming_normal_(t, nonlinearity="relu"), (300, 200), math.sqrt(2 / 200)),
    (lambda t: init.xavier_normal_(t), (300, 100), math.sqrt(2 / 400)),
])
def test_normal_initialisers_have_their_std(fill, shape, std):
    v = values(fill(jg.empty(*shape)))
    assert abs(v.mean()) < 0.02 * std * 10 and abs(v.std() - std) < 0.03 * std


def test_constants_and_eye():
    t = jg.empty(2, 3)
    assert init.constant_(t, 2.5).tolist() == [[2.5] * 3] * 2
    assert init.ones_(t).tolist() == [[1.0] * 3] * 2
    assert init.zeros_(t).tolist() == [[0.0] * 3] * 2
    assert init.eye_(t).tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]


def test_initialising_a_parameter_is_not_recorded_and_bumps_its_version():
    p = nn.Parameter(jg.zeros(3, 4))
    before = p._version_count
    init.kaiming_uniform_(p)
    assert p.is_leaf and p.requires_grad and p.grad_fn is None and p._version_count > before
    with pytest.raises(NotImplementedError, match="check_uniform_bounds"):
        init.uniform_(jg.zeros(2, dtype=jg.int64))


def test_manual_seed_and_generator_make_layers_reproducible():
    jg.manual_seed(3)
    first = [values(p) for p in nn.Linear(5, 4).parameters()]
    jg.manual_seed(3)
    second = [values(p) for p in nn.Linear(5, 4).parameters()]
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    g1, g2 = jg.Generator().manual_seed(7), jg.Generator().manual_seed(7)
    np.testing.assert_array_equal(values(init.normal_(jg.empty(5), generator=g1)),
                                  values(init.normal_(jg.empty(5), generator=g2)))


def test_layers_default_initialisation_as_torch():
    lin = nn.Linear(400, 50)
    bound = 1 / math.sqrt(400)
    for p in (lin.weight, lin.bias):
        assert np.abs(values(p)).max() <= bound and np.abs(values(p)).max() > 0.9 * bound
    conv = nn.Conv1d(3, 64, 5)
    bound = 1 / math.sqrt(15)
    assert np.abs(values(conv.weight)).max() <= bound and np.abs(values(conv.bias)).max() <= bound
    emb = nn.Embedding(1000, 8, padding_idx=1)
    w = values(emb.weight)
    assert (w[1] == 0).all() and abs(w.std() - 1.0) < 0.05
    bn = nn.BatchNorm1d(3)
    assert bn.weight.tolist() == [1.0] * 3 and bn.bias.tolist() == [0.0] * 3
