"""Autograd: grad modes, custom Functions, the backward engine, the live graph, gradcheck.

Grad modes load eagerly (Tensor needs them); the rest loads on first use, because it
builds on Tensor and the op registry, which themselves import grad modes from here.
"""
import importlib

from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled

_LAZY = {
    "Function": "function", "FunctionCtx": "function",
    "backward": "engine", "grad": "engine",
    "gradcheck": "gradcheck", "gradgradcheck": "gradcheck", "GradcheckError": "gradcheck",
    "graph": "live_graph",
}

__all__ = sorted(_LAZY) + ["no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled",
                           "inference_mode"]


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jitgrad.autograd' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
