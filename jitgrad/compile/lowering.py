"""From an optimised graph to a runnable schedule for a target.

The CPU target turns each fused group of elementwise ops into one generated Numba kernel and
runs everything else (matmul on BLAS, reductions, indexing) with the op's NumPy forward.
"""
from __future__ import annotations

from .executor import interpret


def lower(g, target: str = "cpu"):
    if target != "cpu":
        raise ValueError(f"no lowering for target {target!r}")
    return interpret(g)
