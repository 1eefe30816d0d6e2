"""no_grad / enable_grad / set_grad_enabled: context managers, decorators (with and without
parentheses, generators), restoring on exceptions, thread-locality. Checked against torch 2.13."""
from __future__ import annotations

import threading

import pytest

import jitgrad as jg


@pytest.fixture(autouse=True)
def grad_mode_restored():
    assert jg.is_grad_enabled()
    yield
    assert jg.is_grad_enabled(), "a test left grad mode off"


def leaf():
    return jg.tensor([1.0, 2.0], requires_grad=True)


def test_no_grad_context_records_nothing():
    x = leaf()
    size = jg.autograd.graph().number_of_nodes()
    with jg.no_grad():
        assert not jg.is_grad_enabled()
        y = x * 2
    assert not y.requires_grad and y.grad_fn is None and y.is_leaf
    assert jg.autograd.graph().number_of_nodes() == size
    assert (x * 2).requires_grad


def test_enable_grad_inside_no_grad():
    x = leaf()
    with jg.no_grad():
        with jg.enable_grad():
            assert jg.is_grad_enabled()
            y = x * 2
        assert not jg.is_grad_enabled()
    assert y.requires_grad and y.grad_fn is not None


def test_restored_after_exception():
    with pytest.raises(ValueError):
        with jg.no_grad():
            raise ValueError("boom")
    assert jg.is_grad_enabled()


def test_set_grad_enabled_as_function_call():
    x = leaf()
    try:
        jg.set_grad_enabled(False)
        assert not jg.is_grad_enabled()
        assert not (x * 2).requires_grad
    finally:
        jg.set_grad_enabled(True)
    assert (x * 2).requires_grad


def test_set_grad_enabled_as_context_manager_restores_previous():
    x = leaf()
    with jg.set_grad_enabled(False):
        assert not (x * 2).requires_grad
        with jg.set_grad_enabled(True):
            assert (x * 2).requires_grad
        assert not jg.is_grad_enabled()
    with jg.no_grad():
        with jg.set_grad_enabled(True):
            assert jg.is_grad_enabled()
        assert not jg.is_grad_enabled()


@pytest.mark.parametrize("mode", [True, False])
def test_set_grad_enabled_mode_argument(mode):
    x = leaf()
    with jg.no_grad() if mode else jg.enable_grad():
        with jg.set_grad_enabled(mode):
            assert (x * 2).requires_grad is mode


def test_no_grad_decorator_with_and_without_parentheses():
    x = leaf()

    @jg.no_grad()
    def f():
        """doc"""
        return x * 2, jg.is_grad_enabled()

    @jg.no_grad
    def g():
        return x * 2

    y, enabled = f()
    assert not enabled and not y.requires_grad
    assert not g().requires_grad
    assert jg.is_grad_enabled()
    assert f.__name__ == "f" and f.__doc__ == "doc"


def test_enable_grad_decorator_inside_no_grad():
    x = leaf()

    @jg.enable_grad()
    def f():
        return x * 2

    @jg.enable_grad
    def g():
        return x * 2

    with jg.no_grad():
        assert f().requires_grad and g().requires_grad
        assert not jg.is_grad_enabled()


def test_set_grad_enabled_decorator_does_not_switch_at_decoration():
    @jg.set_grad_enabled(False)
    def f():
        return jg.is_grad_enabled()

    assert jg.is_grad_enabled()          # decorating changed nothing
    assert f() is False
    assert jg.is_grad_enabled()


def test_decorated_function_restores_on_exception():
    @jg.no_grad()
    def f():
        raise KeyError("x")

    with pytest.raises(KeyError):
        f()
    assert jg.is_grad_enabled()


def test_decorated_generator_mode_holds_only_inside_the_body():
    @jg.no_grad()
    def gen():
        yield jg.is_grad_enabled()
        yield jg.is_grad_enabled()

    it = gen()
    assert next(it) is False
    assert jg.is_grad_enabled()            # between yields the caller's mode is back
    assert next(it) is False
    assert list(it) == []


def test_decorated_function_nested_calls():
    @jg.no_grad()
    def inner():
        return jg.is_grad_enabled()

    @jg.enable_grad()
    def outer():
        before = jg.is_grad_enabled()
        result = inner()
        return before, result, jg.is_grad_enabled()

    with jg.no_grad():
        assert outer() == (True, False, True)


def test_grad_mode_is_thread_local():
    x = leaf()
    entered, checked = threading.Event(), threading.Event()
    seen = {}

    def worker():
        with jg.no_grad():
            seen["worker_in_no_grad"] = jg.is_grad_enabled()
            entered.set()
            checked.wait(5)
            seen["worker_still"] = jg.is_grad_enabled()

    t = threading.Thread(target=worker)
    t.start()
    assert entered.wait(5)
    # the worker's no_grad() must not leak into this thread
    assert jg.is_grad_enabled()
    assert (x * 2).requires_grad
    checked.set()
    t.join(5)
    assert seen == {"worker_in_no_grad": False, "worker_still": False}


def test_new_thread_starts_with_grad_enabled():
    x = leaf()
    seen = {}

    def worker():
        seen["enabled"] = jg.is_grad_enabled()
        seen["records"] = (x * 2).requires_grad

    with jg.no_grad():
        t = threading.Thread(target=worker)
        t.start()
        t.join(5)
    assert seen == {"enabled": True, "records": True}


def test_grad_mode_exported_at_top_level_and_in_autograd():
    assert jg.no_grad is jg.autograd.no_grad
    assert jg.enable_grad is jg.autograd.enable_grad
    assert jg.set_grad_enabled is jg.autograd.set_grad_enabled
