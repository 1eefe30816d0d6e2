"""Tensor hooks and retain_grad.

A leaf keeps its hooks itself; a non-leaf's hooks live on its grad_fn, keyed by which output
the tensor is, because that is where its gradient appears during backward. retain_grad holds
the tensor only weakly: a strong reference from its own grad_fn would be a reference cycle.
"""
from __future__ import annotations

import itertools
import weakref

_handle_ids = itertools.count()


class RemovableHandle:
    """Returned by ``register_hook``; ``.remove()`` unregisters the hook."""

    __slots__ = ("_hooks_ref", "id")

    def __init__(self, hooks: dict):
        self.id = next(_handle_ids)
        self._hooks_ref = weakref.ref(hooks)

    def remove(self):
        hooks = self._hooks_ref()
        if hooks is not None:
            hooks.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


class _HookDict(dict):
    """A dict that can be weakly referenced (plain dicts cannot)."""
    __slots__ = ("__weakref__",)


def _hooks_for(tensor) -> dict:
    fn = tensor.grad_fn
    if fn is None:
        if tensor._hooks is None:
            tensor._hooks = _HookDict()
        return tensor._hooks
    if fn._pre_hooks is None:
        fn._pre_hooks = {}
    return fn._pre_hooks.setdefault(tensor._output_nr, _HookDict())


def add_tensor_hook(tensor, hook) -> RemovableHandle:
    hooks = _hooks_for(tensor)
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook
    return handle


def add_retain_grad_hook(tensor) -> None:
    fn = tensor.grad_fn
    if fn._retain is None:
        fn._retain = {}
    fn._retain[tensor._output_nr] = weakref.ref(tensor)


def run_hooks(hooks: dict, grad):
    """Each hook sees the gradient and may return a replacement."""
    for hook in list(hooks.values()):
        replaced = hook(grad)
        if replaced is not None:
            grad = replaced
    return grad
