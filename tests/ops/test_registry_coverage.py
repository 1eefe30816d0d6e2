"""Every op in the registry is tested: a new op declared without tests fails here.

The op test modules keep their cases in tables (``GRAD_CASES``, ``FORWARD_CASES``, see
conftest.py); this module reads those tables and compares them with ``jitgrad.ops.REGISTRY``:

* each differentiable op needs a gradcheck case, and a second-order (gradgradcheck) case unless
  ``FIRST_ORDER_ONLY`` below says why not;
* each op, differentiable or not (comparisons, logic), needs a forward case against NumPy.

The cases themselves prove they run the op they name (conftest.py checks the graph), so a
table entry cannot cover an op by its label alone.
"""
import importlib.util
import pathlib
from types import SimpleNamespace

import pytest

from jitgrad.ops import REGISTRY

HERE = pathlib.Path(__file__).parent
# every op test module that keeps the tables
CASE_MODULES = sorted(p.stem for p in HERE.glob("test_*.py") if "\nGRAD_CASES = " in p.read_text())

# op name -> why it has no second-order check (none needed so far: keep it that way if you can)
FIRST_ORDER_ONLY: dict[str, str] = {}


def _load(stem):
    # by path, under a private name: works whatever pytest's import mode, and never clashes
    spec = importlib.util.spec_from_file_location(f"_jitgrad_op_tables_{stem}", HERE / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tables():
    grad, forward = [], []
    for stem in CASE_MODULES:
        module = _load(stem)
        grad += [p.values for p in module.GRAD_CASES]
        forward += [p.values for p in module.FORWARD_CASES]
    return SimpleNamespace(gradcheck={v[0] for v in grad}, gradgradcheck={v[0] for v in grad if v[3]},
                           forward={v[0] for v in forward})


def uncovered(registry, tables, first_order_only=FIRST_ORDER_ONLY):
    """{problem: sorted op names} for every registered op the tables leave untested."""
    differentiable = {name for name, op in registry.items() if op.differentiable}
    problems = {
        "no gradcheck case": differentiable - tables.gradcheck,
        "no gradgradcheck case (or FIRST_ORDER_ONLY entry)":
            differentiable - tables.gradgradcheck - set(first_order_only),
        "no forward case": set(registry) - tables.forward,
    }
    return {problem: sorted(names) for problem, names in problems.items() if names}


def test_every_registered_op_has_its_cases(tables):
    missing = uncovered(REGISTRY, tables)
    assert not missing, (f"ops without tests: {missing}; add rows to GRAD_CASES / FORWARD_CASES in "
                         f"tests/ops/test_<kind>.py")


def test_tables_name_only_registered_ops(tables):
    stale = (tables.gradcheck | tables.forward) - set(REGISTRY)
    assert not stale, f"test tables name ops the registry does not have: {sorted(stale)}"


def test_tables_give_gradchecks_only_to_differentiable_ops(tables):
    wrong = {name for name in tables.gradcheck if name in REGISTRY and not REGISTRY[name].differentiable}
    assert not wrong, f"gradcheck cases for ops without vjp rules: {sorted(wrong)}"


def test_first_order_exemptions_are_still_needed(tables):
    # an exemption for an op that now has a second-order case (or no longer exists) is stale
    stale = {name for name in FIRST_ORDER_ONLY if name in tables.gradgradcheck or name not in REGISTRY}
    assert not stale, f"remove from FIRST_ORDER_ONLY: {sorted(stale)}"


def test_a_new_op_without_tests_is_reported(tables):
    # what CI sees the day someone declares an op and forgets its tests
    fake = SimpleNamespace(differentiable=True)
    new_comparison = SimpleNamespace(differentiable=False)
    registry = dict(REGISTRY, frobnicate=fake, xor=new_comparison)
    assert uncovered(registry, tables) == {
        "no gradcheck case": ["frobnicate"],
        "no gradgradcheck case (or FIRST_ORDER_ONLY entry)": ["frobnicate"],
        "no forward case": ["frobnicate", "xor"],
    }
    exempted = uncovered(registry, tables, {"frobnicate": "kinked"})
    assert exempted == {"no gradcheck case": ["frobnicate"], "no forward case": ["frobnicate", "xor"]}
