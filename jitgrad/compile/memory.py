"""Which arrays may share memory, cheaply: by the object that owns their memory.

NumPy points every view straight at the array that owns the memory (``base`` chains are
collapsed), so two arrays whose owners are different NumPy arrays that allocated their own
data cannot overlap — one set lookup per array instead of a bounds check per pair. Memory
owned by anything else (a buffer from another library) falls back to ``np.may_share_memory``.
A shared owner counts as sharing even when the two views are disjoint, as eager autograd's
version counter, shared by all views of a tensor, does.
"""
from __future__ import annotations

from collections import Counter

import numpy as np


def _owner(arr):
    base = getattr(arr, "base", None)       # (a CUDA device array has none: its views name theirs)
    if base is None:
        base = getattr(arr, "_jitgrad_base", None)
    return arr if base is None else base


def _allocated_by_numpy(owner) -> bool:
    return type(owner) is np.ndarray and owner.flags.owndata


def _may_share(a, b) -> bool:
    if a.__class__ is np.ndarray and b.__class__ is np.ndarray:
        return bool(np.may_share_memory(a, b))
    if (a.__class__ is np.ndarray) != (b.__class__ is np.ndarray):
        return False          # host and GPU memory never overlap
    return _owner(a) is _owner(b)   # CUDA arrays: every view made here names its base


class MemoryOwners:
    """The memory behind some arrays, to ask how many of them another array may share it with."""

    def __init__(self, arrays):
        self.arrays = arrays
        self.owners = Counter(id(_owner(a)) for a in arrays)
        self.foreign = [a for a in arrays if not _allocated_by_numpy(_owner(a))]

    def count(self, arr) -> int:
        owner = _owner(arr)
        if not _allocated_by_numpy(owner):
            return sum(_may_share(arr, a) for a in self.arrays)
        return self.owners[id(owner)] + sum(_may_share(arr, a) for a in self.foreign)

    def overlaps(self, arr) -> bool:
        return self.count(arr) > 0
