"""Grad mode: whether ops record themselves for backward. Thread-local, as in torch."""
from __future__ import annotations

import functools
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
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__.__new__(self.__class__)._configured(self._target):
                return fn(*args, **kwargs)
        return wrapper

    def _configured(self, target):
        self._target = target
        return self


class no_grad(_GradModeContext):
    """Ops inside do not record: no graph, no grad_fn, outputs do not require grad."""
    _target = False


class enable_grad(_GradModeContext):
    _target = True


class set_grad_enabled(_GradModeContext):
    """``set_grad_enabled(False)`` works as a call, a context manager and a decorator."""

    def __init__(self, mode: bool):
        self._target = bool(mode)
        self._previous = state.enabled
        state.enabled = self._target  # as a plain call it takes effect at once, like torch

    def __enter__(self):
        pass  # __init__ already switched; __exit__ restores what was there before


def inference_mode(mode: bool = True):
    return no_grad() if mode else enable_grad()
