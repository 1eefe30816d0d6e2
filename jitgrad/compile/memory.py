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
    base = arr.base
    return arr if base is None else base


def _allocated_by_numpy(owner) -> bool:
    return type(owner) is np.ndarray and owner.flags.owndata


class MemoryOwners:
    """The memory behind some arrays, to ask how many of them another array may share it with."""

    def __init__(self, arrays):
        self.arrays = arrays
        self.owners = Counter(id(_owner(a)) for a in arrays)
        self.foreign = [a for a in arrays if not _allocated_by_numpy(_owner(a))]

    def count(self, arr) -> int:
        owner = _owner(arr)
        if not _allocated_by_numpy(owner):
            return sum(bool(np.may_share_memory(arr, a)) for a in self.arrays)
        return self.owners[id(owner)] + sum(bool(np.may_share_memory(arr, a)) for a in self.foreign)

    def overlaps(self, arr) -> bool:
        return self.count(arr) > 0
