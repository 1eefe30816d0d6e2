"""``jitgrad.compile`` as a user meets it: guards and retracing, the eager fallback, clear
errors for what cannot be traced, the autograd bridge, captured tensors, JITGRAD_LOGS."""
import inspect
import logging
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.compile import MAX_RETRACES, TraceError
from jitgrad.ops.registry import TraceHook

RECOMPILES = "jitgrad.compile.recompiles"
MODIFIED = "one of the variables needed for gradient computation has been modified by an inplace operation"
rng = np.random.default_rng(5)


def T(*shape, dtype=jg.float64, requires_grad=False):
    return jg.tensor(rng.uniform(-1, 1, shape), dtype=dtype, requires_grad=requires_grad)


def assert_close(got, expected, rtol=1e-9):
    np.testing.assert_allclose(np.asarray(got.detach()), np.asarray(expected.detach()), rtol=rtol, atol=rtol)


def recompile_messages(caplog):
    return [r.getMessage() for r in caplog.records if r.name == RECOMPILES]


def line_of(fn, text):
    """(file, line number) of the first line of fn's source containing `text`."""
    lines, start = inspect.getsourcelines(fn)
    return inspect.getsourcefile(fn), start + next(i for i, line in enumerate(lines) if text in line)


# ------------------------------------------------------------------ decorator forms
def test_decorator_forms_and_arguments():
    @jg.compile
    def f(x):
        return x * 2

    @jg.compile(target="cpu")
    def g(x):
        return x * 2

    x = T(3)
    assert_close(f(x), x * 2)
    assert_close(g(x), x * 2)
    assert f.__name__ == "f" and "jitgrad.compile(f" in repr(f)
    with pytest.raises(ValueError, match="unknown target"):
        jg.compile(lambda x: x, target="tpu")
    with pytest.raises(TypeError, match="expects a function"):
        jg.compile(3)


# ------------------------------------------------------------------ guards and retracing
def test_same_shapes_reuse_the_entry():
    f = jg.compile(lambda x, y: (x * y).sum(1))
    for _ in range(3):
        x, y = T(2, 3), T(3)
        assert_close(f(x, y), (x * y).sum(1))
    assert len(f.entries) == 1 and f.retraces == 0


def test_new_shape_retraces_and_logs_the_argument_and_field(caplog):
    caplog.set_level(logging.INFO, logger=RECOMPILES)

    @jg.compile
    def scaled(x, y):
        return x * y

    scaled(T(2, 3), T(3))
    x = T(4, 3)
    y = T(3)
    assert_close(scaled(x, y), x * y)
    assert len(scaled.entries) == 2 and scaled.retraces == 1
    (message,) = recompile_messages(caplog)
    assert "scaled" in message and "x.shape (2, 3) -> (4, 3)" in message and "y." not in message


def test_dtype_and_requires_grad_changes_retrace(caplog):
    caplog.set_level(logging.INFO, logger=RECOMPILES)
    f = jg.compile(lambda x: (x * x).sum())
    f(T(3))
    f(T(3, dtype=jg.float32))
    x = T(3, requires_grad=True)
    out = f(x)
    assert out.requires_grad and out.grad_fn is not None
    out.backward()
    assert_close(x.grad, 2 * x)
    messages = recompile_messages(caplog)
    assert len(messages) == 2 and f.retraces == 2
    assert "x.dtype float64 -> float32" in messages[0]
    assert "x.requires_grad False -> True" in messages[1] and "x.dtype float32 -> float64" in messages[1]


def test_grad_mode_is_part_of_the_guard():
    f = jg.compile(lambda x: x.exp())
    x = T(3, requires_grad=True)
    with jg.no_grad():
        out = f(x)
    assert not out.requires_grad and out.grad_fn is None
    out = f(x)
    assert out.requires_grad
    assert len(f.entries) == 2


def test_python_scalars_are_specialised_on_value(caplog):
    caplog.set_level(logging.INFO, logger=RECOMPILES)
    f = jg.compile(lambda x, k: x * k)
    x = T(3)
    assert_close(f(x, 2.0), x * 2.0)
    assert_close(f(x, 3.0), x * 3.0)
    assert_close(f(x, 2.0), x * 2.0)
    assert len(f.entries) == 2
    assert recompile_messages(caplog) == ["recompiling <lambda>: k 2.0 -> 3.0"]
    # 2 and 2.0 are different specialisations: an integer tensor times 2.0 becomes float
    i = jg.tensor([1, 2, 3])
    assert f(i, 2).numpy().dtype == np.int64 and f(i, 2.0).numpy().dtype == np.float32


def test_tensors_passed_by_keyword_are_inputs(caplog):
    caplog.set_level(logging.INFO, logger=RECOMPILES)
    f = jg.compile(lambda x, w=None, scale=1.0: x * w * scale)
    x, w = T(2, 3), T(3, requires_grad=True)
    assert_close(f(x, w=w), x * w)
    with jg.no_grad():
        w.mul_(2)                              # read at every call, not captured at the first
    assert_close(f(x, w=w), x * w)
    w2 = T(3)
    assert_close(f(x, w=w2, scale=0.5), x * w2 * 0.5)
    out = f(x, w=w)
    out.sum().backward()
    assert_close(w.grad, x.sum(0))
    messages = recompile_messages(caplog)
    assert any("keyword arguments ['w'] -> ['scale', 'w']" in m for m in messages), messages
    f(x, scale=0.5, w=T(2, 3))
    assert "w.shape (3,) -> (2, 3)" in recompile_messages(caplog)[-1]


def test_after_max_retraces_it_warns_once_and_runs_eagerly():
    f = jg.compile(lambda x, w: x @ w)     # matmul: no kernels to build, retracing stays cheap
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for k in range(1, MAX_RETRACES + 4):
            x, w = T(k, 3), T(3, 2)
            assert_close(f(x, w), x @ w)
    assert [w.category for w in caught] == [RuntimeWarning]
    assert "retraced 8 times" in str(caught[0].message) and "eagerly" in str(caught[0].message)
    assert f.eager_fallback and len(f.entries) == MAX_RETRACES + 1
    # still right, gradients included
    x, w = T(2, 3, requires_grad=True), T(3, 2, requires_grad=True)
    f(x, w).sum().backward()
    assert_close(x.grad, jg.ones(2, 2, dtype=jg.float64) @ w.t())


# ------------------------------------------------------------------ what cannot be traced
def _raises_at(fn, text, *args, match=None):
    with pytest.raises(TraceError) as info:
        jg.compile(fn)(*args)
    filename, line = line_of(fn, text)
    message = str(info.value)
    assert f"{filename}:{line}" in message, message
    if match:
        assert match in message, message
    assert TraceHook.active == 0            # tracing is over: eager ops compute again
    assert_close(T(2) * 0, jg.zeros(2, dtype=jg.float64))
    return message


def test_data_dependent_control_flow_names_the_line_and_suggests_where():
    def f(x):
        if x.sum() > 0:
            return x
        return -x

    message = _raises_at(f, "if x.sum() > 0", T(3), match="jitgrad.where")
    assert "if x.sum() > 0:" in message


def test_item_numpy_float_are_clear_errors():
    def uses_item(x):
        return x * x.sum().item()

    def uses_numpy(x):
        return jg.tensor(x.numpy() * 2)

    def uses_float(x):
        return x * float(x[0])

    _raises_at(uses_item, "item()", T(3), match="item()")
    _raises_at(uses_numpy, "numpy()", T(3), match="numpy()")
    _raises_at(uses_float, "float(x[0])", T(3), match="float()")


def test_inplace_ops_are_clear_errors():
    def iadd(x):
        y = x * 2
        y += 1
        return y

    def add_(x):
        return (x * 2).add_(1)

    def setitem(x):
        y = x * 2
        y[0] = 5.0
        return y

    _raises_at(iadd, "y += 1", T(3), match="in-place")
    _raises_at(add_, "add_(1)", T(3), match="in-place")
    _raises_at(setitem, "y[0] = 5.0", T(3), match="in-place")


def test_values_of_traced_tensors_used_as_data_are_clear_errors():
    def mask_from_values(x):
        return x[x > 0]

    def tensor_of_traced(x):
        return x[jg.tensor(x > 0)]

    _raises_at(mask_from_values, "x[x > 0]", T(2, 3), match="getitem")
    _raises_at(tensor_of_traced, "jg.tensor(x > 0)", T(2, 3))


def test_indexing_with_outside_tensors_works():
    index, mask = jg.tensor([2, 0, 2]), jg.tensor([True, False, True])
    f = jg.compile(lambda x: x[index] * 2 + x[:, mask].sum())
    x, xc = T(3, 3, requires_grad=True), None
    xc = x.detach().clone().requires_grad_()
    out, expected = f(xc), x[index] * 2 + x[:, mask].sum()
    assert_close(out, expected)
    out.sum().backward()
    expected.sum().backward()
    assert_close(xc.grad, x.grad)


def test_random_draws_while_tracing_are_refused():
    f = jg.compile(lambda x: x * jg.rand(3))
    with pytest.raises(TraceError, match="draws random numbers"):
        f(T(3))


@pytest.mark.xfail(strict=True, raises=TraceError,
                   reason="compiler limitation: random ops are not graph ops; a draw while tracing would "
                          "be frozen into a constant, so it is refused (pass random tensors in instead)")
def test_random_draws_inside_are_fresh_at_every_call():
    f = jg.compile(lambda x: x * jg.rand(3))
    x = jg.ones(3)
    assert not np.array_equal(f(x).numpy(), f(x).numpy())


def test_detach_data_and_no_grad_inside_stop_gradients_as_eagerly():
    def fn(x, w):
        with jg.no_grad():
            scale = (x * 1).sum()              # * 1 under no_grad: simplify must keep it
        return (x * x.detach() * w + x.data * w + x * w * scale).sum()

    values = [np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.2, -1.0])]
    grads = []
    for run in (fn, jg.compile(fn)):
        x, w = (jg.tensor(v, requires_grad=True) for v in values)
        run(x, w).backward()
        grads.append((x.grad.numpy(), w.grad.numpy()))
    np.testing.assert_allclose(grads[1][0], grads[0][0], rtol=1e-12)
    np.testing.assert_allclose(grads[1][1], grads[0][1], rtol=1e-12)


def test_detach_in_place_and_requires_grad_are_clear_errors():
    def detach_(x):
        y = x * 2
        y.detach_()
        return y

    def requires_grad_(x):
        return (x * 2).detach().requires_grad_()

    _raises_at(detach_, "y.detach_()", T(3, requires_grad=True), match="in-place")
    _raises_at(requires_grad_, "requires_grad_()", T(3, requires_grad=True), match="detach()")


# ------------------------------------------------------------------ results and the autograd bridge
def test_results_keep_their_structure():
    f = jg.compile(lambda x: (x * 2, [x.sum(), (x.max(0),)], "label", 3))
    x = T(2, 3)
    doubled, (total, (maxed,)), label, three = f(x)
    assert_close(doubled, x * 2)
    assert_close(total, x.sum())
    assert_close(maxed.values, x.max(0).values)          # namedtuples stay namedtuples
    assert (maxed.indices.numpy() == x.max(0).indices.numpy()).all()
    assert (label, three) == ("label", 3)


def test_outputs_never_share_memory_with_inputs_constants_or_each_other():
    const = T(3)
    f = jg.compile(lambda x: (x * 1, x.t(), x * 2, x * 2, const * 2, x))
    x = T(3, 3)
    before = x.numpy().copy()
    outs = f(x)
    for o in outs:
        o.numpy()[...] = 7.0
    np.testing.assert_array_equal(x.numpy(), before)
    again = f(x)
    assert_close(again[4], const * 2)
    assert_close(again[2], x * 2)


def test_outputs_compose_with_eager_ops_before_and_after():
    f = jg.compile(lambda a, b: (a * b).tanh())
    x, w = T(2, 3, requires_grad=True), T(3, requires_grad=True)
    xe, we = x.detach().clone().requires_grad_(), w.detach().clone().requires_grad_()
    (f(x * 2, w) ** 2).sum().backward()
    (((xe * 2) * we).tanh() ** 2).sum().backward()
    assert_close(x.grad, xe.grad)
    assert_close(w.grad, we.grad)


def test_backward_twice_and_double_backward_are_refused():
    f = jg.compile(lambda x: (x ** 3).sum())
    x = T(3, requires_grad=True)
    out = f(x)
    out.backward()
    with pytest.raises(RuntimeError, match="second time"):
        out.backward()
    (g,) = jg.autograd.grad(f(x), x, retain_graph=True)
    assert_close(g, 3 * x ** 2)
    with pytest.raises(RuntimeError, match="not itself differentiable"):
        jg.autograd.grad(f(x), x, create_graph=True)


def test_saved_tensors_modified_in_place_are_detected():
    f = jg.compile(lambda a, b: (a * b).exp().sum())
    a, b = T(3), T(3, requires_grad=True)
    out = f(a, b)
    a.add_(1)                                  # saved for b's gradient
    with pytest.raises(RuntimeError, match=MODIFIED):
        out.backward()
    g = jg.compile(lambda a: a.exp())
    x = T(3, requires_grad=True)
    y = g(x)                                   # exp saves its output
    with jg.no_grad():
        y.mul_(2)
    with pytest.raises(RuntimeError, match=MODIFIED):
        y.sum().backward()


def test_unused_and_non_differentiable_inputs_get_no_gradient():
    f = jg.compile(lambda x, unused, mask: jg.where(mask, x, 0.0).sum())
    x, unused = T(3, requires_grad=True), T(3, requires_grad=True)
    mask = jg.tensor([True, False, True])
    f(x, unused, mask).backward()
    np.testing.assert_array_equal(x.grad.numpy(), [1.0, 0.0, 1.0])
    assert unused.grad is None


# ------------------------------------------------------------------ tensors captured from outside
def test_captured_parameters_are_inputs_with_gradients():
    weight, bias = T(3, requires_grad=True), T(3)

    def model(x):
        return ((x * weight + bias).tanh() ** 2).sum()

    f = jg.compile(model)
    x = T(2, 3)
    f(x).backward()
    compiled_grad = weight.grad
    weight.grad = None
    model(x).backward()
    assert_close(compiled_grad, weight.grad)
    with jg.no_grad():
        weight.sub_(weight.grad * 0.1)         # an optimiser step: read afresh, no retrace
    assert_close(f(x), model(x))
    assert f.retraces == 0
    weight.requires_grad_(False)               # freezing is a guard: retrace
    assert not f(x).requires_grad and f.retraces == 1


def test_captured_constant_changed_in_place_retraces(caplog):
    caplog.set_level(logging.INFO, logger=RECOMPILES)
    table = T(3)
    f = jg.compile(lambda x: x + table)
    x = T(3)
    f(x)
    table.mul_(-1)
    assert_close(f(x), x + table)
    assert f.retraces == 1
    assert "was modified in place" in recompile_messages(caplog)[0]


# ------------------------------------------------------------------ JITGRAD_LOGS
def test_jitgrad_logs_recompiles_prints_on_stderr():
    script = ("import jitgrad as jg\n"
              "f = jg.compile(lambda x: x @ x.t())\n"
              "f(jg.ones(2, 3)); f(jg.ones(4, 3))\n")
    env = dict(os.environ, JITGRAD_LOGS="recompiles")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                          timeout=120, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert done.returncode == 0, done.stderr
    assert "[jitgrad jitgrad.compile.recompiles] recompiling <lambda>: x.shape (2, 3) -> (4, 3)" in done.stderr


def test_a_new_default_dtype_retraces():
    f = jg.compile(lambda x: x + jg.tensor(0.5))      # int + float: the default float dtype
    x = jg.tensor([1, 2])
    assert f(x).dtype is jg.float32
    previous = jg.get_default_dtype()
    jg.set_default_dtype(jg.float64)
    try:
        assert f(x).dtype is jg.float64 and len(f.entries) == 2      # the same x, traced again
    finally:
        jg.set_default_dtype(previous)
    assert f(x).dtype is jg.float32 and len(f.entries) == 2
