"""In-place ops under autograd: leaf errors, no_grad updates, version-counter checks at
backward, history rebase. Behaviour and messages checked against torch 2.13."""
from __future__ import annotations

import numpy as np
import pytest

import jitgrad as jg

MODIFIED = "one of the variables needed for gradient computation has been modified by an inplace operation"
LEAF = "a leaf Variable that requires grad is being used in an in-place operation"


def assert_close(t, expected):
    np.testing.assert_allclose(np.asarray(t.detach()), np.asarray(expected, dtype=np.float64),
                               rtol=1e-6, atol=1e-6)


def _iadd(t):
    t += 1


def _isub(t):
    t -= 1


def _setitem(t):
    t[0] = 5.0


INPLACE = {
    "add_": lambda t: t.add_(1),
    "sub_": lambda t: t.sub_(1),
    "mul_": lambda t: t.mul_(2),
    "zero_": lambda t: t.zero_(),
    "fill_": lambda t: t.fill_(2.0),
    "+=": _iadd,
    "-=": _isub,
    "__setitem__": _setitem,
}


# ---------------------------------------------------------------------------- leaves

@pytest.mark.parametrize("name", list(INPLACE))
def test_inplace_on_leaf_requiring_grad_raises_and_changes_nothing(name):
    x = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=LEAF):
        INPLACE[name](x)
    assert_close(x, [1, 2, 3])
    assert x._version_count == 0
    assert x.is_leaf and x.grad_fn is None


@pytest.mark.parametrize("name", list(INPLACE))
def test_inplace_on_leaf_under_no_grad_works(name):
    x = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    expected = np.array([1.0, 2.0, 3.0])
    expected = {"add_": expected + 1, "sub_": expected - 1, "mul_": expected * 2,
                "zero_": expected * 0, "fill_": expected * 0 + 2, "+=": expected + 1,
                "-=": expected - 1, "__setitem__": np.array([5.0, 2.0, 3.0])}[name]
    with jg.no_grad():
        INPLACE[name](x)
    assert_close(x, expected)
    assert x.is_leaf and x.requires_grad and x.grad_fn is None
    assert x._version_count == 1
    (x * x).sum().backward()                  # the new values are used
    assert_close(x.grad, 2 * expected)


@pytest.mark.parametrize("name", list(INPLACE))
def test_inplace_on_plain_tensor_works_and_bumps_version(name):
    t = jg.tensor([1.0, 2.0, 3.0])
    v = t._version_count
    INPLACE[name](t)
    assert t._version_count == v + 1
    assert not t.requires_grad and t.is_leaf


def test_inplace_methods_return_self():
    x = jg.ones(2)
    for op in (lambda t: t.add_(1), lambda t: t.mul_(2), lambda t: t.sub_(1),
               lambda t: t.zero_(), lambda t: t.fill_(1.0)):
        assert op(x) is x


def test_sgd_update_under_no_grad():
    w = jg.tensor([1.0, -1.0], requires_grad=True)
    x = jg.tensor([2.0, 3.0])
    for _ in range(2):
        loss = (w * x).sum()
        loss.backward()
        with jg.no_grad():
            w -= 0.5 * w.grad
        w.grad.zero_()
    assert_close(w, [1 - 2 * 1.0, -1 - 2 * 1.5])
    assert w.is_leaf and w.requires_grad
    assert_close(w.grad, [0, 0])


def test_result_type_must_fit_in_place():
    with pytest.raises(RuntimeError, match="can't be cast to the desired output type"):
        jg.tensor([1, 2]).add_(1.5)


# ---------------------------------------------------------------------------- version errors

@pytest.mark.parametrize("name", list(INPLACE))
def test_changing_a_saved_tensor_raises_at_backward(name):
    a = jg.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 2
    c = b * b                           # saves b
    INPLACE[name](b)
    with pytest.raises(RuntimeError, match=MODIFIED):
        c.sum().backward()


def test_changing_a_saved_output_raises_at_backward():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a.exp()                         # exp saves its output
    c = b.sum()
    b.add_(1)
    with pytest.raises(RuntimeError, match=MODIFIED) as info:
        c.backward()
    assert "version 1" in str(info.value) and "expected version 0" in str(info.value)


def test_changing_a_saved_leaf_under_no_grad_raises_at_backward():
    w = jg.ones(3, requires_grad=True)
    y = (w * w).sum()
    with jg.no_grad():
        w.add_(1)
    with pytest.raises(RuntimeError, match=MODIFIED):
        y.backward()


def test_changing_an_unsaved_leaf_is_fine():
    # w * x with only w requiring grad saves x, not w (as torch does)
    w = jg.tensor([1.0, 2.0], requires_grad=True)
    x = jg.tensor([3.0, 4.0])
    y = (w * x).sum()
    with jg.no_grad():
        w.add_(1)
    y.backward()
    assert_close(w.grad, [3, 4])
    w2 = jg.tensor([1.0, 2.0], requires_grad=True)
    y2 = (w2 * 3).sum()
    with jg.no_grad():
        w2.mul_(10)
    y2.backward()
    assert_close(w2.grad, [3, 3])


def test_changing_a_constant_saved_for_another_input_raises():
    w = jg.tensor([1.0, 2.0], requires_grad=True)
    x = jg.tensor([3.0, 4.0])
    y = (w * x).sum()
    x.add_(1)                           # x is what w's gradient needs
    with pytest.raises(RuntimeError, match=MODIFIED):
        y.backward()


def test_changing_an_input_of_an_op_that_saves_nothing_is_fine():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    c = b + 1                           # add saves nothing
    b.mul_(3)
    c.sum().backward()
    assert_close(a.grad, [2, 2])


def test_detach_shares_the_version_counter_but_data_does_not():
    w = jg.ones(3, requires_grad=True)
    y = (w * w).sum()
    w.detach().add_(1)
    with pytest.raises(RuntimeError, match=MODIFIED):
        y.backward()

    v = jg.ones(3, requires_grad=True)
    y = (v * v).sum()
    v.data.add_(1)                      # hidden from autograd, as in torch
    y.backward()
    assert_close(v.grad, [4, 4, 4])


# ---------------------------------------------------------------------------- history rebase

def test_rebase_mul():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    b.mul_(3)
    assert b.grad_fn.name() == "MulBackward0"
    b.sum().backward()
    assert_close(a.grad, [6, 6])
    assert_close(b, [6, 12])


def test_rebase_add_with_grad_requiring_operand():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    b.add_(a)
    assert b.grad_fn.name() == "AddBackward0"
    b.sum().backward()
    assert_close(a.grad, [3, 3])


def test_rebase_isub():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    b -= a * 5
    b.sum().backward()
    assert_close(a.grad, [-3, -3])


@pytest.mark.parametrize("overwrite", [lambda t: t.zero_(), lambda t: t.fill_(2.0)])
def test_rebase_overwrite_cuts_gradient(overwrite):
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a * 1
    overwrite(b)
    assert b.requires_grad and not b.is_leaf
    b.sum().backward()
    assert_close(a.grad, [0, 0])


def test_setitem_into_plain_tensor_makes_it_part_of_the_graph():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = jg.zeros(2)
    b[0] = a[1] * 3
    assert b.requires_grad and not b.is_leaf
    b.sum().backward()
    assert_close(a.grad, [0, 3])
    assert_close(b, [6, 0])


def test_inplace_with_grad_requiring_other_into_plain_tensor():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = jg.zeros(2)
    b.add_(a)
    assert b.grad_fn.name() == "AddBackward0" and not b.is_leaf
    (b * 3).sum().backward()
    assert_close(a.grad, [3, 3])


def test_chained_rebases():
    a = jg.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    b.add_(1)
    b.mul_(3)
    b.sum().backward()                  # d/da 3(2a + 1) = 6
    assert_close(a.grad, [6, 6])


# ---------------------------------------------------------------------------- untracked writes

@pytest.mark.parametrize("update, expected", [
    (lambda p, g: p.add_(g), lambda p, g: p + g),
    (lambda p, g: p.sub_(g, alpha=0.5), lambda p, g: p - 0.5 * g),
    (lambda p, g: p.add_(g[0], alpha=2), lambda p, g: p + 2 * g[0]),      # broadcast operand
    (lambda p, g: p.add_(3.0, alpha=2), lambda p, g: p + 6.0),
    (lambda p, g: p.mul_(0.9), lambda p, g: p * np.float32(0.9)),
    (lambda p, g: p.div_(g), lambda p, g: p / g),
    (lambda p, g: p.pow_(2), lambda p, g: p ** 2),
    (lambda p, g: p.neg_(), lambda p, g: -p),
    (lambda p, g: p.add_(jg.tensor(g.numpy(), dtype=jg.float64)), lambda p, g: p + g),  # other dtype
], ids=["add", "sub-alpha", "add-broadcast", "add-number-alpha", "mul", "div", "pow", "neg", "add-float64"])
def test_untracked_updates_write_into_the_tensor_itself(update, expected):
    rng = np.random.default_rng(0)
    p = jg.tensor(rng.standard_normal((3, 4)).astype(np.float32))
    g = jg.tensor(rng.uniform(0.5, 1.5, (3, 4)).astype(np.float32))
    memory, version = p.numpy(), p._version_count
    want = expected(p.numpy().copy(), g.numpy())
    assert update(p, g) is p
    assert p.numpy() is memory or np.shares_memory(p.numpy(), memory)
    assert p._version_count == version + 1 and p.dtype is jg.float32
    np.testing.assert_allclose(p.numpy(), want.astype(np.float32), rtol=1e-6)


def test_untracked_updates_keep_torch_errors():
    with pytest.raises(RuntimeError, match="can't be cast to the desired output type"):
        jg.tensor([1, 2]).mul_(0.5)
    with pytest.raises(RuntimeError, match="doesn't match the broadcast shape"):
        jg.zeros(3).add_(jg.ones(2, 3))
    with pytest.raises(RuntimeError):
        jg.zeros(1).expand(3).add_(1.0)          # an expanded view is read-only
    t = jg.tensor([1, 2])
    t.add_(3)
    assert t.tolist() == [4, 5] and t.dtype is jg.int64


FLOATS = [1.5, -2.25, 0.75]
INTS = [5, -7, 3]
BOOLS = [True, False, True]
# torch's in-place methods: (name, self's values and dtype, arguments); each must equal the
# out-of-place function written into self's memory, in self's dtype
IN_PLACE_CASES = [
    ("add_", FLOATS, jg.float32, (2.0,)), ("sub_", FLOATS, jg.float32, (jg.ones(3),)),
    ("subtract_", INTS, jg.int64, (jg.tensor([1, 2, 3]),)), ("mul_", INTS, jg.int64, (3,)),
    ("multiply_", FLOATS, jg.float64, (0.5,)), ("div_", FLOATS, jg.float32, (4.0,)),
    ("divide_", FLOATS, jg.float32, (jg.tensor([2.0, 4.0, 8.0]),)), ("true_divide_", FLOATS, jg.float64, (3,)),
    ("neg_", INTS, jg.int32, ()), ("negative_", FLOATS, jg.float32, ()), ("pow_", FLOATS, jg.float32, (2,)),
    ("floor_divide_", INTS, jg.int64, (2,)), ("remainder_", INTS, jg.int64, (3,)), ("fmod_", FLOATS, jg.float32, (1.0,)),
    ("abs_", INTS, jg.int64, ()), ("absolute_", FLOATS, jg.float32, ()), ("sign_", FLOATS, jg.float32, ()),
    ("clamp_", FLOATS, jg.float32, (-1.0, 1.0)), ("clip_", INTS, jg.int64, (0, 4)), ("relu_", FLOATS, jg.float32, ()),
    ("exp_", FLOATS, jg.float32, ()), ("log_", [1.0, 2.0, 4.0], jg.float64, ()), ("sqrt_", [1.0, 4.0, 9.0], jg.float32, ()),
    ("sin_", FLOATS, jg.float32, ()), ("cos_", FLOATS, jg.float32, ()), ("tanh_", FLOATS, jg.float32, ()),
    ("sigmoid_", FLOATS, jg.float64, ()), ("floor_", FLOATS, jg.float32, ()), ("ceil_", FLOATS, jg.float32, ()),
    ("trunc_", FLOATS, jg.float32, ()), ("fix_", FLOATS, jg.float32, ()), ("round_", FLOATS, jg.float32, ()),
    ("bitwise_and_", INTS, jg.int64, (6,)), ("bitwise_or_", INTS, jg.int32, (jg.tensor([1, 1, 1], dtype=jg.int32),)),
    ("bitwise_xor_", BOOLS, jg.bool, (jg.tensor([True, True, False]),)), ("bitwise_not_", INTS, jg.int64, ()),
    ("logical_and_", FLOATS, jg.float32, (jg.tensor([1.0, 0.0, 2.0]),)), ("logical_or_", BOOLS, jg.bool, (False,)),
    ("logical_xor_", INTS, jg.int64, (jg.tensor([0, 1, 1]),)), ("logical_not_", FLOATS, jg.float32, ()),
]


@pytest.mark.parametrize("name, values, dtype, args", IN_PLACE_CASES, ids=[c[0] for c in IN_PLACE_CASES])
def test_every_in_place_method_writes_the_out_of_place_result_into_self(name, values, dtype, args):
    t = jg.tensor(values, dtype=dtype)
    expected = getattr(jg.tensor(values, dtype=dtype), name[:-1])(*args)
    memory, version = t.numpy(), t._version_count
    assert getattr(t, name)(*args) is t
    assert t.dtype is dtype and t._version_count == version + 1 and np.shares_memory(t.numpy(), memory)
    np.testing.assert_allclose(t.numpy(), expected.numpy().astype(dtype.np), rtol=1e-6)


@pytest.mark.parametrize("statement, expected", [
    ("t += 2", [7, -5, 5]), ("t -= 2", [3, -9, 1]), ("t *= 2", [10, -14, 6]), ("t //= 2", [2, -4, 1]),
    ("t %= 3", [2, 2, 0]), ("t &= 6", [4, 0, 2]), ("t |= 1", [5, -7, 3]), ("t ^= 1", [4, -8, 2]),
    ("t **= 2", [25, 49, 9]),
])
def test_augmented_assignments_are_in_place(statement, expected):
    t = jg.tensor(INTS)
    before = t
    namespace = {"t": t}
    exec(statement, namespace)
    assert namespace["t"] is before and before.tolist() == expected and before._version_count == 1
