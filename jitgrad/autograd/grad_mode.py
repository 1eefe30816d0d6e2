"""Grad mode: whether ops record themselves for backward. Thread-local, as in torch."""
from __future__ import annotations

import functools
import inspect
import threading


class _State(threading.local):
    enabled = True  # class attribute = the default every new thread starts with


state = _State()


def is_grad_enabled() -> bool:
    return state.enabled


class _GradModeContext:
    """Base for no_grad / enable_grad / set_grad_enabled: context manager and decorator."""

    _target: bool

    def __enter__(self):
        self._previous = state.enabled
        state.enabled = self._target

    def __exit__(self, *exc):
        state.enabled = self._previous
        return False

    def __call__(self, fn):
        if inspect.isgeneratorfunction(fn):
            return self._wrap_generator(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self._clone():  # a fresh context per call: calls may nest or run in threads
                return fn(*args, **kwargs)
        return wrapper

    def _wrap_generator(self, fn):
        """The mode holds while the generator's body runs, not between its yields (torch's)."""
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            gen = fn(*args, **kwargs)
            resume = functools.partial(gen.send, None)
            while True:
                try:
                    with self._clone():
                        item = resume()
                except StopIteration as stop:
                    return stop.value
                try:
                    sent = yield item
                except GeneratorExit:
                    with self._clone():
                        gen.close()
                    raise
                except BaseException as exc:
                    resume = functools.partial(gen.throw, exc)
                else:
                    resume = functools.partial(gen.send, sent)
        return wrapper

    def _clone(self):
        return type(self)()


class _NoArgContext(_GradModeContext):
    """Also usable as a bare decorator, ``@no_grad`` as well as ``@no_grad()``, like torch."""

    def __new__(cls, orig_func=None):
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)


class no_grad(_NoArgContext):
    """Ops inside do not record: no graph, no grad_fn, outputs do not require grad."""
    _target = False


class enable_grad(_NoArgContext):
    _target = True


class set_grad_enabled(_GradModeContext):
    """``set_grad_enabled(False)`` works as a call, a context manager and a decorator."""

    def __init__(self, mode: bool):
        self._target = bool(mode)
        self._previous = state.enabled
        state.enabled = self._target  # as a plain call it takes effect at once, like torch

    def __enter__(self):
        state.enabled = self._target  # __exit__ restores what was there before __init__

    def __call__(self, fn):
        state.enabled = self._previous  # as a decorator it switches nothing until called
        return super().__call__(fn)

    def _clone(self):
        return type(self)(self._target)


def inference_mode(mode: bool = True):
    if callable(mode):  # bare @inference_mode
        return no_grad(mode)
    return no_grad() if mode else enable_grad()
