"""``DataLoader`` (SPEC C5), as torch.utils.data's: batches from a dataset, in the order of
a sampler, collated by ``collate_fn``, read in the main process or by worker processes.

The arguments combine as torch's do, with torch's errors: ``shuffle`` picks a
``RandomSampler`` (drawing from ``generator``), ``batch_size``/``drop_last`` wrap the
sampler in a ``BatchSampler``, and a ``batch_sampler`` of one's own excludes all of those;
``batch_size=None`` turns auto-batching off (samples come one by one through
``default_convert``). Each ``iter(loader)`` is a new epoch: the loader draws a base seed
from `generator` (jitgrad's default one when None) for its workers, and a shuffling
sampler draws a new order. See ``worker_pool`` for how workers are started and stopped.
"""
from __future__ import annotations

import math
import os
import warnings

from ... import random as _random
from .collate import default_collate, default_convert
from .dataset import IterableDataset
from .fetch import make_fetcher
from .multiprocess_iter import MultiProcessIter
from .sampler import BatchSampler, RandomSampler, SequentialSampler
from .worker_pool import WorkerPool, resolve_context


class _InfiniteConstantSampler:
    """An iterable dataset's sampler: None forever (the stream decides when to stop)."""

    def __iter__(self):
        while True:
            yield None


class _EpochState:
    """What both iterators share: the sampler, and the check that an iterable dataset does
    not yield more than the length it reported."""

    def __init__(self, loader):
        self.index_sampler = loader._index_sampler
        self.dataset = loader.dataset
        self.reported_length = loader._iterable_len_called
        self.num_workers = loader.num_workers
        self.yielded = 0

    def count_yield(self):
        self.yielded += 1
        if self.reported_length is not None and self.yielded > self.reported_length:
            message = (f"Length of IterableDataset {self.dataset} was reported to be {self.reported_length}"
                       f"(when accessing len(dataloader)), but {self.yielded} samples have been fetched. ")
            if self.num_workers > 0:
                message += ("For multiprocessing data-loading, this could be caused by not properly configuring "
                            "the IterableDataset replica at each worker (use get_worker_info() in __iter__).")
            warnings.warn(message, stacklevel=3)


class _SingleProcessIter:
    def __init__(self, loader, state):
        if loader.timeout != 0:
            raise AssertionError(f"_SingleProcessDataLoaderIter requires timeout == 0 (timeout only bounds the wait "
                                 f"for worker processes); got timeout={loader.timeout} with num_workers=0")
        self._state = state
        self._sampler_iter = iter(state.index_sampler)
        self._fetcher = make_fetcher(loader.dataset, loader._auto_collation, loader.collate_fn, loader.drop_last)

    def __iter__(self):
        return self

    def __len__(self):
        return len(self._state.index_sampler)

    def __next__(self):
        index = next(self._sampler_iter)
        data = self._fetcher.fetch(index)  # an iterable dataset's end is StopIteration here
        self._state.count_yield()
        return data


def _available_cpus():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


class DataLoader:
    """Batches from `dataset`, torch's arguments in torch's order (see the module docstring
    for how they combine). ``num_workers > 0`` reads in that many processes,
    ``prefetch_factor`` (default 2) batches ahead each, started by ``multiprocessing_context``
    (see ``worker_pool`` for the default) and kept between epochs with
    ``persistent_workers``; ``timeout`` bounds each wait for a worker's batch;
    ``in_order=False`` yields batches as workers finish them. ``pin_memory`` only warns:
    there is no accelerator memory to pin."""

    __initialized = False
    _FROZEN = ("batch_size", "batch_sampler", "sampler", "drop_last", "dataset", "persistent_workers")

    def __init__(self, dataset, batch_size: int | None = 1, shuffle: bool | None = None, sampler=None,
                 batch_sampler=None, num_workers: int = 0, collate_fn=None, pin_memory: bool = False,
                 drop_last: bool = False, timeout: float = 0, worker_init_fn=None, multiprocessing_context=None,
                 generator=None, *, prefetch_factor: int | None = None, persistent_workers: bool = False,
                 pin_memory_device: str = "", in_order: bool = True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable "
                             "multiprocessing.")
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError("prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 "
                             "to enable multiprocessing, otherwise set prefetch_factor to None.")
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        elif prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError("prefetch_factor option should be non-negative")
        if persistent_workers and num_workers == 0:
            raise ValueError("persistent_workers option needs num_workers > 0")

        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order

        iterable = isinstance(dataset, IterableDataset)
        if iterable:
            # an iterable dataset decides its own order: no sampler of any kind
            if shuffle not in (False, None):
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified shuffle option, but got "
                                 f"shuffle={shuffle}")
            if sampler is not None:
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified sampler option, but got "
                                 f"sampler={sampler}")
            if batch_sampler is not None:
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified batch_sampler option, but "
                                 f"got batch_sampler={batch_sampler}")
        else:
            shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, "
                                 "and drop_last")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive with "
                             "drop_last")
        if sampler is None:
            if iterable:
                sampler = _InfiniteConstantSampler()
            elif shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)

        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        if collate_fn is None:
            collate_fn = default_collate if batch_sampler is not None else default_convert
        self.collate_fn = collate_fn
        self.persistent_workers = persistent_workers
        self._iterable_len_called = None
        self._pool = None     # the workers kept between epochs with persistent_workers
        self.__initialized = True
        self._check_worker_number()

    # ------------------------------------------------------------------ attributes
    @property
    def multiprocessing_context(self):
        return self.__multiprocessing_context

    @multiprocessing_context.setter
    def multiprocessing_context(self, context):
        self.__multiprocessing_context = resolve_context(context, self.num_workers)

    def __setattr__(self, name, value):
        if self.__initialized and name in self._FROZEN:
            raise ValueError(f"{name} attribute should not be set after {type(self).__name__} is initialized")
        super().__setattr__(name, value)

    @property
    def _auto_collation(self) -> bool:
        return self.batch_sampler is not None

    @property
    def _index_sampler(self):
        return self.batch_sampler if self._auto_collation else self.sampler

    def _check_worker_number(self):
        if self.num_workers == 0:
            return
        cpus = _available_cpus()
        if cpus is None or self.num_workers > cpus:
            suggestion = ("DataLoader is not able to compute a suggested max number of worker in current system."
                          if cpus is None else
                          f"Our suggested max number of worker in current system is {cpus}, which is smaller "
                          f"than what this DataLoader is going to create.")
            warnings.warn(f"This DataLoader will create {self.num_workers} worker processes in total. "
                          f"{suggestion} Please be aware that excessive worker creation might get DataLoader "
                          f"running slow or even freeze, lower the worker number to avoid potential "
                          f"slowness/freeze if necessary.", stacklevel=3)

    # ------------------------------------------------------------------ iteration
    def __len__(self) -> int:
        if isinstance(self.dataset, IterableDataset):
            length = self._iterable_len_called = len(self.dataset)
            if self.batch_size is not None:
                length = length // self.batch_size if self.drop_last else math.ceil(length / self.batch_size)
            return length
        return len(self._index_sampler)

    def __iter__(self):
        if self.pin_memory:
            warnings.warn("'pin_memory' argument is set as true but no accelerator is found, then device pinned "
                          "memory won't be used.", stacklevel=2)
        state = _EpochState(self)
        # drawn every epoch, as torch: the generator (or the default one) advances by one draw
        base_seed = _random.randint(0, 2**63 - 1, (), generator=self.generator).item()
        if self.num_workers == 0:
            return _SingleProcessIter(self, state)
        if self.prefetch_factor == 0:  # torch's check, when an epoch starts; nothing in flight would end it at once
            raise AssertionError("prefetch_factor must be greater than 0 for MultiProcessingDataLoaderIter "
                                 "(got prefetch_factor=0)")
        if not self.persistent_workers:
            return MultiProcessIter(self, WorkerPool(self, base_seed), 0, state)
        if self._pool is None or self._pool.closed:
            self._pool = WorkerPool(self, base_seed)
        else:
            self._pool.epoch += 1
        return MultiProcessIter(self, self._pool, self._pool.epoch, state)
