"""Compiled results equal eager results, values and gradients (SPEC D2, D7).

* Every case of the op test tables (``GRAD_CASES`` / ``FORWARD_CASES`` in tests/ops/*.py) is run
  eagerly and through ``jitgrad.compile``: same outputs (dtype, shape, values to float
  tolerance) and, for the gradient table, the same ``.grad`` after ``.backward()``. Cases the
  compiler cannot trace are listed with the reason — here in ``EXPECTED_FAILURES``, or in the
  op test module's own ``COMPILE_EXPECTED_FAILURES`` — and must still raise a clear
  ``TraceError`` (strict xfail), so the day one starts working the list has to shrink.
* Random chains of elementwise, broadcast and reduction ops (hypothesis).

Cost: each distinct fused group is one Numba kernel (~0.3 s of LLVM the first time, then read
from the on-disk kernel cache). The gradient table runs in float64 and the forward table in
float32 only (its float64 paths are the gradient table's), and the hypothesis programs are
derandomized so that a second run finds all their kernels cached.
"""
import importlib.util
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import jitgrad as jg
from jitgrad.compile import TraceError
from jitgrad.ops import REGISTRY

OPS_TESTS = pathlib.Path(__file__).parent.parent / "ops"
# every op test module that keeps the tables
CASE_MODULES = sorted(p.stem for p in OPS_TESTS.glob("test_*.py") if "\nGRAD_CASES = " in p.read_text())


# "<table>:<case id>" -> why the compiler cannot run it. Each must still raise TraceError.
EXPECTED_FAILURES = {
    "grad:bool-mask-from-values": "a[a > 0]: a mask computed inside the function decides the "
                                  "result's shape (data-dependent shape)",
    "forward:mask": "jg.tensor(a > 0) reads a traced tensor's values (and the mask's shape is "
                    "data-dependent)",
    "grad:setitem-row": "y[i] = v is an in-place op; compiled functions are pure",
    "grad:setitem-column-0d-value": "y[:, 0] = v is an in-place op; compiled functions are pure",
    "grad:setitem-mask": "y[mask] = v is an in-place op; compiled functions are pure",
    "grad:setitem-number": "y[[0, 2]] = 5.0 is an in-place op; compiled functions are pure",
}


# op -> why no compiled case can work (its cases are all expected failures, with a TraceError)
NOT_TRACEABLE = {"to_device": "a compiled function runs on its target's device; it refuses .cuda()/.cpu() "
                              "inside, saying to move the inputs before the call"}


def _load(stem):
    spec = importlib.util.spec_from_file_location(f"_jitgrad_compile_tables_{stem}", OPS_TESTS / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODULES = {stem: _load(stem) for stem in CASE_MODULES}
for _module in MODULES.values():
    EXPECTED_FAILURES.update(getattr(_module, "COMPILE_EXPECTED_FAILURES", {}))


def _cases(table):
    params = []
    for stem, module in MODULES.items():
        for p in getattr(module, table):
            key = f"{'grad' if table == 'GRAD_CASES' else 'forward'}:{p.id}"
            marks = []
            if key in EXPECTED_FAILURES:
                marks = [pytest.mark.xfail(strict=True, raises=TraceError, reason=EXPECTED_FAILURES[key])]
            params.append(pytest.param(*p.values, id=f"{stem[5:]}:{p.id}", marks=marks))
    return params


GRAD = _cases("GRAD_CASES")
FORWARD = _cases("FORWARD_CASES")


def _close(got, expected, rtol, what):
    assert isinstance(got, jg.Tensor), f"{what}: expected a Tensor, got {type(got).__name__}"
    assert got.dtype is expected.dtype, f"{what}: dtype {got.dtype} != eager {expected.dtype}"
    assert tuple(got.shape) == tuple(expected.shape), f"{what}: shape {tuple(got.shape)} != {tuple(expected.shape)}"
    e, g = expected.detach().numpy(), got.detach().numpy()
    assert g.dtype == got.dtype.np, f"{what}: a {got.dtype} tensor holds {g.dtype} data"
    if e.dtype.kind == "f":
        scale = float(np.max(np.abs(e[np.isfinite(e)]), initial=1.0))
        np.testing.assert_allclose(g, e, rtol=rtol, atol=rtol * scale, err_msg=what)
    else:
        np.testing.assert_array_equal(g, e, err_msg=what)


def _as_inputs(arrays, float_dtype=None, requires_grad=False):
    """The op tables' convention: float arrays become (grad-requiring) inputs, bool/int arrays
    constant tensors, anything else is passed as is."""
    out = []
    for a in arrays:
        if isinstance(a, np.ndarray) and a.dtype.kind == "f":
            out.append(jg.tensor(a.astype(float_dtype or a.dtype), requires_grad=requires_grad))
        elif isinstance(a, np.ndarray):
            out.append(jg.tensor(a))
        else:
            out.append(a)
    return out


def _outputs(result):
    return list(result) if isinstance(result, tuple) else [result]


@pytest.mark.parametrize("op, fn, arrays, second_order", GRAD)
def test_compiled_values_and_gradients_match_eager(op, fn, arrays, second_order):
    eager_in = _as_inputs(arrays, requires_grad=True)
    compiled_in = _as_inputs(arrays, requires_grad=True)
    compiled = jg.compile(fn)
    got, expected = compiled(*compiled_in), fn(*eager_in)
    _close(got, expected, 1e-9, "output")
    assert got.requires_grad == expected.requires_grad
    gradient = np.random.default_rng(7).uniform(-1, 1, tuple(expected.shape))
    expected.backward(jg.tensor(gradient, dtype=expected.dtype))
    got.backward(jg.tensor(gradient, dtype=got.dtype))
    for k, (c, e) in enumerate(zip(compiled_in, eager_in)):
        if isinstance(e, jg.Tensor) and e.requires_grad:
            if e.grad is None:
                assert c.grad is None, f"input {k}: eager gives no gradient, compiled gives one"
            else:
                _close(c.grad, e.grad, 1e-9, f"gradient of input {k}")
    assert len(compiled.entries) == 1 and compiled.retraces == 0


@pytest.mark.parametrize("op, fn, reference, arrays", FORWARD)
def test_compiled_forward_matches_eager_float32(op, fn, reference, arrays):
    inputs = _as_inputs(arrays, np.float32)
    got, expected = _outputs(jg.compile(fn)(*inputs)), _outputs(fn(*inputs))
    assert len(got) == len(expected)
    for k, (g, e) in enumerate(zip(got, expected)):
        _close(g, e, 2e-5, f"output {k}")


def test_every_registered_op_compiles_in_some_case():
    # the coverage guard of tests/ops, for the compiler: no op is covered only by expected failures
    working = {p.values[0] for p in GRAD + FORWARD if not p.marks} | set(NOT_TRACEABLE)
    assert set(REGISTRY) <= working, f"ops with no compiled case that works: {sorted(set(REGISTRY) - working)}"


def test_expected_failures_name_existing_cases():
    ids = {f"grad:{p.id.split(':', 1)[1]}" for p in GRAD} | {f"forward:{p.id.split(':', 1)[1]}" for p in FORWARD}
    assert set(EXPECTED_FAILURES) <= ids, f"stale entries: {sorted(set(EXPECTED_FAILURES) - ids)}"


# ------------------------------------------------------------------ random programs (hypothesis)
NUMBERS = st.sampled_from([-1.5, -0.5, 0.5, 2.0, 3])
UNARY = {
    "exp": lambda v: (v * 0.25).exp(),     # scaled: a chain of exps stays finite
    "tanh": jg.tanh, "sigmoid": jg.sigmoid, "relu": jg.relu, "abs": jg.abs, "sin": jg.sin, "cos": jg.cos,
    "neg": lambda v: -v,
}
BINARY = {
    "add": lambda v, o: v + o, "radd": lambda v, o: o + v, "sub": lambda v, o: v - o, "rsub": lambda v, o: o - v,
    "mul": lambda v, o: v * o, "rmul": lambda v, o: o * v,
    "div": lambda v, o: v / (o * o + 0.5 if isinstance(o, jg.Tensor) else o),   # divisor away from 0
    "maximum": lambda v, o: jg.maximum(v, o if isinstance(o, jg.Tensor) else jg.full_like(v, o)),
    "where": lambda v, o: jg.where(v > 0, v, o),
}
REDUCE = {   # keep two dims (keepdim=True) so that the chain can go on broadcasting
    "sum_rows": lambda v: v.sum(1, keepdim=True), "mean_cols": lambda v: v.mean(0, keepdim=True),
    "center": lambda v: v - v.mean(-1, keepdim=True),
}
FINAL = {
    "none": lambda v: v, "sum": lambda v: v.sum(), "mean": lambda v: v.mean(),
    "sum_dim0": lambda v: v.sum(0), "mean_dim1": lambda v: jg.mean(v, dim=1),
}


@st.composite
def programs(draw):
    m, n = draw(st.sampled_from([(2, 3), (3, 1), (1, 4), (3, 3)]))
    y_shape = draw(st.sampled_from([(1, n), (m, 1), (m, n)]))
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["unary", "binary", "binary", "reduce"]))
        if kind == "unary":
            steps.append(("unary", draw(st.sampled_from(sorted(UNARY))), None))
        elif kind == "reduce":
            steps.append(("reduce", draw(st.sampled_from(sorted(REDUCE))), None))
        else:
            operand = draw(st.one_of(st.just("x"), st.just("y"), NUMBERS))
            steps.append(("binary", draw(st.sampled_from(sorted(BINARY))), operand))
    final = draw(st.sampled_from(sorted(FINAL)))
    dtype = draw(st.sampled_from(["float64", "float32"]))
    y_grad = draw(st.booleans())
    return (m, n), y_shape, steps, final, dtype, y_grad


def _program(steps, final):
    def run(x, y):
        v = x
        for kind, name, operand in steps:
            if kind == "unary":
                v = UNARY[name](v)
            elif kind == "reduce":
                v = REDUCE[name](v)
            else:
                v = BINARY[name](v, {"x": x, "y": y}.get(operand, operand))
        return FINAL[final](v)
    return run


@settings(max_examples=30, deadline=None, derandomize=True)
@given(programs())
def test_random_elementwise_chains_match_eager(program):
    (m, n), y_shape, steps, final, dtype, y_grad = program
    rng = np.random.default_rng(m * 10 + n)
    xs, ys = rng.uniform(-1, 1, (m, n)).astype(dtype), rng.uniform(-1, 1, y_shape).astype(dtype)
    fn = _program(steps, final)
    ex, ey = jg.tensor(xs, requires_grad=True), jg.tensor(ys, requires_grad=y_grad)
    cx, cy = jg.tensor(xs, requires_grad=True), jg.tensor(ys, requires_grad=y_grad)
    expected, got = fn(ex, ey), jg.compile(fn)(cx, cy)
    rtol = 1e-9 if dtype == "float64" else 2e-4
    _close(got, expected, rtol, f"output of {steps} -> {final}")
    gradient = jg.tensor(rng.uniform(-1, 1, tuple(expected.shape)).astype(dtype))
    expected.backward(gradient)
    got.backward(gradient)
    _close(cx.grad, ex.grad, rtol, "x.grad")
    if y_grad:
        if ey.grad is None:
            assert cy.grad is None
        else:
            _close(cy.grad, ey.grad, rtol, "y.grad")
