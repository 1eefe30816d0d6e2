"""Fetchers: what the DataLoader does with one entry of its index sampler, in the main
process or in a worker — read the samples and collate them.

For a map-style dataset an entry is a list of indices (or one index without
auto-batching); a dataset with ``__getitems__`` gets the whole list in one call. For an
iterable dataset an entry only says how many samples to take from the stream; the end of
the stream is StopIteration, also for a short last batch under ``drop_last``.

A ``TensorDataset`` (also under ``Subset``s, as ``random_split`` gives) with
``default_collate`` is read with one gather per tensor, ``[t[indices] for t in tensors]``:
the same list of tensors (values, dtypes, shapes) that stacking the samples one by one
gives, for a tenth of the time on small samples.
"""
from __future__ import annotations

from .collate import default_collate
from .dataset import IterableDataset, Subset, TensorDataset


def _tensor_source(dataset):
    """The TensorDataset under any Subsets of it, and the Subsets' index lists, outermost
    first; None for any other dataset."""
    index_maps = []
    while type(dataset) is Subset:
        index_maps.append(dataset.indices)
        dataset = dataset.dataset
    return (dataset.tensors, index_maps) if type(dataset) is TensorDataset else None


class MapFetcher:
    def __init__(self, dataset, auto_collation: bool, collate_fn, drop_last: bool):
        self.dataset, self.auto_collation, self.collate_fn = dataset, auto_collation, collate_fn
        self._getitems = getattr(dataset, "__getitems__", None) if auto_collation else None
        self._gather = _tensor_source(dataset) if auto_collation and collate_fn is default_collate else None

    def fetch(self, index):
        if not self.auto_collation:
            return self.collate_fn(self.dataset[index])
        if self._gather is not None:
            tensors, index_maps = self._gather
            rows = list(index)
            for index_map in index_maps:
                rows = [index_map[i] for i in rows]
            return [t[rows] for t in tensors]
        if self._getitems is not None:
            return self.collate_fn(self._getitems(index))
        return self.collate_fn([self.dataset[i] for i in index])


class IterableFetcher:
    def __init__(self, dataset, auto_collation: bool, collate_fn, drop_last: bool):
        self.auto_collation, self.collate_fn, self.drop_last = auto_collation, collate_fn, drop_last
        self._stream = iter(dataset)
        self._ended = False

    def fetch(self, index):
        if self._ended:
            raise StopIteration
        if not self.auto_collation:
            return self.collate_fn(next(self._stream))
        samples = []
        for _ in index:
            try:
                samples.append(next(self._stream))
            except StopIteration:
                self._ended = True
                break
        if not samples or (self.drop_last and len(samples) < len(index)):
            raise StopIteration
        return self.collate_fn(samples)


def make_fetcher(dataset, auto_collation: bool, collate_fn, drop_last: bool):
    kind = IterableFetcher if isinstance(dataset, IterableDataset) else MapFetcher
    return kind(dataset, auto_collation, collate_fn, drop_last)
