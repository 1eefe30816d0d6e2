"""Graph -> graph passes over the compiler's IR (``jitgrad.compile.ir``).

Each pass is a small pure function ``pass_(g) -> g'`` (it returns the input unchanged, or a
modified copy). ``PIPELINE`` is the plain list the compiler runs, in order; replace or
reorder it, or pass ``jitgrad.compile(fn, passes=[...])``.
"""
from .autodiff import autodiff
from .cse import cse
from .dce import dce
from .simplify import simplify

PIPELINE = [simplify, cse, dce]


def run_pipeline(g, pipeline=None):
    for pass_ in (PIPELINE if pipeline is None else pipeline):
        g = pass_(g)
    return g


__all__ = ["PIPELINE", "run_pipeline", "autodiff", "cse", "dce", "simplify"]
