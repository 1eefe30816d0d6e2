"""Samplers (SPEC C5), as torch.utils.data's: they say in which order a map-style dataset is
read. ``SequentialSampler`` and ``RandomSampler`` (the DataLoader's defaults for
``shuffle=False``/``True``), ``SubsetRandomSampler``, ``WeightedRandomSampler``, and
``BatchSampler``, which groups any sampler's indices into lists.

Random samplers draw from a ``jitgrad.Generator`` when given one, so a seeded generator
gives the same orders again, and each epoch (each ``iter``) a new one. Without one, each
epoch seeds a fresh generator from jitgrad's default, so ``jitgrad.manual_seed`` makes
them reproducible too. The orders are jitgrad's, not bit-identical to torch's.
"""
from __future__ import annotations

import itertools

import numpy as np

from ... import dtypes, random as _random
from ...creation import tensor

_CHUNK = 32  # with replacement, indices are drawn lazily in chunks, so num_samples may be huge


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Sampler:
    """Base class: subclasses define ``__iter__`` over indices and, usually, ``__len__``."""

    def __init__(self, data_source=None):
        pass  # torch takes and ignores data_source too

    def __iter__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    """0, 1, …, len(data_source) - 1."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


def _epoch_generator(generator) -> _random.Generator:
    if generator is not None:
        return generator
    seed = _random.randint(0, 2**63 - 1, (), generator=None).item()
    return _random.Generator().manual_seed(seed)


class RandomSampler(Sampler):
    """A random permutation of the indices each epoch; with ``replacement=True``,
    `num_samples` independent uniform draws. Without replacement, a `num_samples` larger
    than the dataset chains several permutations."""

    def __init__(self, data_source, replacement: bool = False, num_samples: int | None = None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(replacement, bool):
            raise TypeError(f"replacement should be a boolean value, but got replacement={replacement}")
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError(f"num_samples should be a positive integer value, but got "
                             f"num_samples={self.num_samples}")

    @property
    def num_samples(self) -> int:
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self):
        n = len(self.data_source)
        if n == 0:
            raise ValueError(f"RandomSampler: cannot draw {self.num_samples} samples from an empty data source")
        generator = _epoch_generator(self.generator)
        count = self.num_samples
        if self.replacement:
            for start in range(0, count, _CHUNK):
                size = min(_CHUNK, count - start)
                yield from _random.randint(0, n, (size,), generator=generator).tolist()
        else:
            for _ in range(count // n):
                yield from _random.randperm(n, generator=generator).tolist()
            if count % n:
                yield from _random.randperm(n, generator=generator).tolist()[:count % n]

    def __len__(self) -> int:
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given indices in a random order each epoch."""

    def __init__(self, indices, generator=None):
        self.indices = indices
        self.generator = generator

    def __iter__(self):
        for i in _random.randperm(len(self.indices), generator=self.generator).tolist():
            yield self.indices[i]

    def __len__(self) -> int:
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """`num_samples` indices of ``range(len(weights))``, index i with probability
    proportional to ``weights[i]``; without replacement each index at most once (as torch's
    multinomial: once the positive weights run out, zero-weight indices follow in order)."""

    def __init__(self, weights, num_samples: int, replacement: bool = True, generator=None):
        if not _is_int(num_samples) or num_samples <= 0:
            raise ValueError(f"num_samples should be a positive integer value, but got num_samples={num_samples}")
        if not isinstance(replacement, bool):
            raise ValueError(f"replacement should be a boolean value, but got replacement={replacement}")
        array = np.asarray(weights.numpy() if hasattr(weights, "numpy") else weights, dtype=np.float64)
        if array.ndim != 1:
            raise ValueError(f"weights should be a 1d sequence but given weights have shape {tuple(array.shape)}")
        self.weights = tensor(array, dtype=dtypes.float64)
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self):
        w = self.weights.numpy()
        if not self.replacement and self.num_samples > w.size:
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        if not np.all(w >= 0):  # NaN fails this too, as in torch
            raise RuntimeError("invalid multinomial distribution (encountering probability entry < 0)")
        if not np.all(np.isfinite(w)):
            raise RuntimeError("invalid multinomial distribution (encountering probability entry = infinity or NaN)")
        if not w.sum() > 0:
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        rng = _random._rng(self.generator, "WeightedRandomSampler")
        if self.replacement:
            drawn = rng.choice(w.size, size=self.num_samples, replace=True, p=w / w.sum())
        else:
            # exponential race: index i finishes at Exp(1) / w_i; the first num_samples to
            # finish are a weighted draw without replacement (zero weights never finish)
            with np.errstate(divide="ignore"):
                finish = rng.standard_exponential(w.size) / w
            drawn = np.argsort(finish, kind="stable")[:self.num_samples]
        yield from drawn.tolist()

    def __len__(self) -> int:
        return self.num_samples


class BatchSampler(Sampler):
    """Lists of `batch_size` indices from `sampler`; the last one shorter unless `drop_last`."""

    def __init__(self, sampler, batch_size: int, drop_last: bool):
        if not _is_int(batch_size) or batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer value, but got batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        indices = iter(self.sampler)
        while batch := list(itertools.islice(indices, self.batch_size)):
            if self.drop_last and len(batch) < self.batch_size:
                return
            yield batch

    def __len__(self) -> int:
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return -(-len(self.sampler) // self.batch_size)
