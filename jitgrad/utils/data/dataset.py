"""Datasets (SPEC C5), as torch.utils.data's: the map-style ``Dataset`` (``len`` and
``[index]``) and the stream-style ``IterableDataset``, the ready-made ``TensorDataset``,
``Subset``, ``ConcatDataset`` and ``ChainDataset``, and ``random_split``.

Errors keep torch's types — ``TensorDataset`` and ``ConcatDataset`` check their arguments
with AssertionError as torch's do — with messages that also say what was found.
"""
from __future__ import annotations

import bisect
import itertools
import math
import numbers
import warnings

from ... import random as _random
from ...tensor import Tensor


class Dataset:
    """A map-style dataset: subclasses define ``__getitem__`` (and usually ``__len__``,
    which samplers need). ``a + b`` concatenates two datasets."""

    def __getitem__(self, index):
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")

    def __add__(self, other: "Dataset") -> "ConcatDataset":
        return ConcatDataset([self, other])


class IterableDataset(Dataset):
    """A stream-style dataset: subclasses define ``__iter__``. With worker processes every
    worker iterates its own copy; use ``get_worker_info()`` in ``__iter__`` to split the
    stream between them."""

    def __iter__(self):
        raise NotImplementedError("Subclasses of IterableDataset should implement __iter__.")

    def __add__(self, other: "IterableDataset") -> "ChainDataset":
        return ChainDataset([self, other])


class TensorDataset(Dataset):
    """Sample ``i`` is ``tuple(t[i] for t in tensors)``: every tensor has the same size in
    dimension 0."""

    def __init__(self, *tensors: Tensor):
        sizes = [t.size(0) for t in tensors]
        if any(size != sizes[0] for size in sizes):
            raise AssertionError(f"Size mismatch between tensors: TensorDataset needs every tensor to have "
                                 f"the same size in dimension 0, got sizes {sizes}")
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self) -> int:
        return self.tensors[0].size(0)


class Subset(Dataset):
    """The samples of `dataset` at `indices`, in that order."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, idx):
        if isinstance(idx, list):
            return self.dataset[[self.indices[i] for i in idx]]
        return self.dataset[self.indices[idx]]

    def __getitems__(self, indices: list) -> list:
        # a batch in one call when the underlying dataset can fetch one (the fetcher asks)
        inner = [self.indices[i] for i in indices]
        if callable(getattr(self.dataset, "__getitems__", None)):
            return self.dataset.__getitems__(inner)
        return [self.dataset[i] for i in inner]

    def __len__(self) -> int:
        return len(self.indices)


class ConcatDataset(Dataset):
    """Map-style datasets one after another; ``cumulative_sizes[k]`` is where dataset k ends."""

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise AssertionError("datasets should not be an empty iterable")
        for d in self.datasets:
            if isinstance(d, IterableDataset):
                raise AssertionError("ConcatDataset does not support IterableDataset")
        self.cumulative_sizes = list(itertools.accumulate(len(d) for d in self.datasets))

    def __len__(self) -> int:
        return self.cumulative_sizes[-1]

    def __getitem__(self, idx):
        length = len(self)
        if idx < 0:
            if -idx > length:
                raise ValueError("absolute value of index should not exceed dataset length")
            idx += length
        if idx >= length:
            raise IndexError(f"index {idx} is out of range for a ConcatDataset of length {length}")
        which = bisect.bisect_right(self.cumulative_sizes, idx)
        start = self.cumulative_sizes[which - 1] if which else 0
        return self.datasets[which][idx - start]


class ChainDataset(IterableDataset):
    """Iterable datasets one after another, chained lazily."""

    def __init__(self, datasets):
        self.datasets = datasets

    def __iter__(self):
        for d in self.datasets:
            if not isinstance(d, IterableDataset):
                raise AssertionError("ChainDataset only supports IterableDataset")
            yield from d

    def __len__(self) -> int:
        total = 0
        for d in self.datasets:
            if not isinstance(d, IterableDataset):
                raise AssertionError("ChainDataset only supports IterableDataset")
            total += len(d)
        return total


def _lengths_from_fractions(fractions, n: int) -> list[int]:
    """torch's rule: floor(n * f) each, then the remainder one by one from the first split."""
    lengths = []
    for i, frac in enumerate(fractions):
        if not 0 <= frac <= 1:
            raise ValueError(f"Fraction at index {i} is not between 0 and 1")
        lengths.append(math.floor(n * frac))
    for i in range(n - sum(lengths)):
        lengths[i % len(lengths)] += 1
    for i, length in enumerate(lengths):
        if length == 0:
            warnings.warn(f"Length of split at index {i} is 0. This might result in an empty dataset.",
                          stacklevel=3)
    return lengths


def random_split(dataset, lengths, generator=None) -> list[Subset]:
    """Split `dataset` at random into non-overlapping ``Subset``s of the given `lengths`:
    integers summing to ``len(dataset)``, or fractions summing to 1 (floored, the remainder
    spread one by one from the first split). `generator` (a ``jitgrad.Generator``; the
    default one when None) draws the permutation."""
    n = len(dataset)
    total = sum(lengths)
    if math.isclose(total, 1) and total <= 1:
        lengths = _lengths_from_fractions(lengths, n)
    elif all(isinstance(length, numbers.Integral) for length in lengths):
        # torch slices silently with a negative length; that hands out overlapping splits
        for i, length in enumerate(lengths):
            if length < 0:
                raise ValueError(f"random_split(): length at index {i} is negative ({length}); lengths "
                                 f"must be non-negative integers summing to len(dataset) = {n}")
    if sum(lengths) != n:
        raise ValueError(f"Sum of input lengths does not equal the length of the input dataset! (got lengths "
                         f"{list(lengths)}: integers must sum to len(dataset) = {n}, fractions to 1)")
    order = _random.randperm(n, generator=generator).tolist()
    return [Subset(dataset, order[end - length:end])
            for end, length in zip(itertools.accumulate(lengths), lengths)]
