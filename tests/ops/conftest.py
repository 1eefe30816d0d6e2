"""Shared checks for the op tests, offered as fixtures (the test modules never import each other).

Each test module keeps two tables that drive its parametrised tests and that
``test_registry_coverage.py`` reads to prove every registered op is tested:

* ``GRAD_CASES``: ``pytest.param(op_name, fn, arrays, second_order)``. Float64 NumPy arrays
  become inputs that require grad; bool/int arrays become constant tensors; anything else
  (Python numbers, None) is passed as is. ``gradcheck`` runs on ``fn`` and, with
  ``second_order``, ``gradgradcheck`` too.
* ``FORWARD_CASES``: ``pytest.param(op_name, fn, reference, arrays)``: ``fn`` on jitgrad tensors
  must match ``reference`` (NumPy) on the same arrays — values, dtype and shape — once with
  float32 and once with float64 inputs.

Both checks assert that ``fn`` really runs the named op (it must appear in the autograd graph
of the result when the op is differentiable), so a table entry cannot claim an op it does
not exercise.
"""
from __future__ import annotations

import importlib.util
import pathlib

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.autograd import gradcheck, gradgradcheck
from jitgrad.ops import REGISTRY

FLOAT_DTYPES = {"float32": (jg.float32, np.float32), "float64": (jg.float64, np.float64)}


def ops_in_graph(outputs) -> set:
    """Names of the registry ops whose nodes the autograd graph of `outputs` holds."""
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    todo = [o.grad_fn for o in outputs if isinstance(o, jg.Tensor) and o.grad_fn is not None]
    seen, names = set(), set()
    while todo:
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        op = getattr(node, "op", None)
        if op is not None:
            names.add(op.name)
        todo.extend(fn for fn, _ in getattr(node, "next_functions", ()))
    return names


def assert_runs_op(op_name, fn, inputs):
    """fn(*inputs) records a node of the named op (inputs: floats already requiring grad)."""
    assert op_name in REGISTRY, f"{op_name!r} is not a registered op"
    found = ops_in_graph(fn(*inputs))
    assert op_name in found, f"this case never runs {op_name!r} (its graph holds {sorted(found)})"


def as_input(value, float_dtype=None, requires_grad=False):
    """NumPy arrays become tensors (floats cast to `float_dtype`); other values pass through."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            arr = value.astype(float_dtype) if float_dtype is not None else value
            return jg.tensor(arr, requires_grad=requires_grad)
        return jg.tensor(value)
    return value


def _as_numpy(value, float_dtype):
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(float_dtype)
    return value


def assert_matches(got, expected, rtol):
    """A jitgrad tensor equals a NumPy result: same dtype, shape and (close) values."""
    expected = np.asarray(expected)
    assert isinstance(got, jg.Tensor), f"expected a Tensor, got {type(got).__name__}"
    assert got.dtype.np == expected.dtype, f"dtype {got.dtype} != numpy's {expected.dtype}"
    assert tuple(got.shape) == expected.shape, f"shape {tuple(got.shape)} != {expected.shape}"
    if expected.dtype.kind == "f":
        np.testing.assert_allclose(got.detach().numpy(), expected, rtol=rtol, atol=rtol * 1e-3)
    else:
        np.testing.assert_array_equal(got.numpy(), expected)


def _run_forward(op, fn, reference, arrays, dtype_name):
    jg_dtype, np_dtype = FLOAT_DTYPES[dtype_name]
    inputs = [as_input(a, np_dtype) for a in arrays]
    got = fn(*inputs)
    assert op in REGISTRY, f"{op!r} is not a registered op"
    outputs = got if isinstance(got, tuple) else (got,)
    if REGISTRY[op].differentiable and any(o.dtype.is_floating_point for o in outputs):
        assert_runs_op(op, fn, [as_input(a, np_dtype, requires_grad=True) for a in arrays])
    expected = reference(*[_as_numpy(a, np_dtype) for a in arrays])
    rtol = 2e-6 if dtype_name == "float32" else 1e-12
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and len(got) == len(expected)
        for g, e in zip(got, expected):
            assert_matches(g, e, rtol)
    else:
        assert_matches(got, expected, rtol)


def _run_grads(op, fn, arrays, second_order):
    inputs = [as_input(a, requires_grad=True) if isinstance(a, np.ndarray) and a.dtype == np.float64
              else as_input(a) for a in arrays]
    assert any(isinstance(t, jg.Tensor) and t.requires_grad for t in inputs), "nothing to check"
    assert_runs_op(op, fn, inputs)
    assert gradcheck(fn, inputs)
    if second_order:
        assert gradgradcheck(fn, inputs)


@pytest.fixture(scope="session")
def check_forward():
    """check_forward(op, fn, reference, arrays, dtype_name) — see the module docstring."""
    return _run_forward


@pytest.fixture(scope="session")
def check_grads():
    """check_grads(op, fn, arrays, second_order) — see the module docstring."""
    return _run_grads


@pytest.fixture(scope="session")
def grads_of():
    """grads_of(fn, *values): the float64 gradients of fn(*inputs).sum() as nested lists."""
    def run(fn, *values):
        inputs = [jg.tensor(v, dtype=jg.float64, requires_grad=True) for v in values]
        fn(*inputs).sum().backward()
        return [t.grad.tolist() for t in inputs]
    return run


# ---------------------------------------------------------------- results recorded from torch
# Tables of ``pytest.param(lambda lib: <expression>, expected)``: the expression was evaluated
# once with ``lib=torch`` (2.x) to record ``expected``; the tests evaluate it with jitgrad.
# A tensor is recorded as {"dtype": name, "values": tolist()}, a tuple as a list.

def plain(result):
    """A library-neutral form of a result (tensors, tuples of them, names, numbers)."""
    if isinstance(result, jg.Tensor):
        return {"dtype": result.dtype.name, "values": result.tolist()}
    if isinstance(result, jg.dtype):
        return result.name
    if isinstance(result, tuple):
        return [plain(r) for r in result]
    return result


def assert_same(got, expected, path="result"):
    if isinstance(expected, dict):
        assert isinstance(got, dict), f"{path}: expected a tensor, got {got!r}"
        assert got["dtype"] == expected["dtype"], f"{path}: dtype {got['dtype']} != torch's {expected['dtype']}"
        assert_same_values(got["values"], expected["values"], path)
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), f"{path}: {got!r} != {expected!r}"
        for i, (g, e) in enumerate(zip(got, expected)):
            assert_same(g, e, f"{path}[{i}]")
    else:
        assert_same_values(got, expected, path)


def assert_same_values(got, expected, path):
    g, e = np.asarray(got), np.asarray(expected)
    assert g.shape == e.shape, f"{path}: shape {g.shape} != torch's {e.shape}"
    if e.dtype.kind == "f" or g.dtype.kind == "f":
        np.testing.assert_allclose(g.astype(float), e.astype(float), rtol=1e-6, atol=1e-30,
                                   equal_nan=True, err_msg=path)
    else:
        assert got == expected, f"{path}: {got!r} != torch's {expected!r}"


@pytest.fixture(scope="session")
def check_torch_value():
    """check_torch_value(fn, expected): fn(jitgrad) gives what fn(torch) gave."""
    def run(fn, expected):
        assert_same(plain(fn(jg)), expected)
    return run


@pytest.fixture(scope="session")
def check_torch_grads():
    """check_torch_grads(fn, values, expected): float64 gradients of fn(jitgrad, *xs).sum()."""
    def run(fn, values, expected):
        inputs = [jg.tensor(v, dtype=jg.float64, requires_grad=True) for v in values]
        fn(jg, *inputs).sum().backward()
        assert_same([t.grad.tolist() for t in inputs], expected)
    return run


# ------------------------------------------------------------------ the tables, run
# Every module's tables are run by tests/ops/test_op_tables.py, which asks for `forward_case`
# and `grad_case`: they are parametrised here, at collection, from every module that has them.
HERE = pathlib.Path(__file__).parent


def _table_modules():
    modules = {}
    for path in sorted(HERE.glob("test_*.py")):
        if "\nGRAD_CASES = " in path.read_text():
            spec = importlib.util.spec_from_file_location(f"_jitgrad_op_cases_{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            modules[path.stem[5:]] = module
    return modules


def pytest_generate_tests(metafunc):
    for argument, table in (("forward_case", "FORWARD_CASES"), ("grad_case", "GRAD_CASES")):
        if argument in metafunc.fixturenames:
            cases = [pytest.param(p.values, id=f"{stem}:{p.id}", marks=p.marks)
                     for stem, module in _table_modules().items() for p in getattr(module, table)]
            metafunc.parametrize(argument, cases)
