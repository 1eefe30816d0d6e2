"""DataLoader in the main process (num_workers=0): how its arguments combine, torch 2.13's
errors for the ones that conflict, batches, len(), epochs and seeded shuffling (torch's
messages recorded as literals; torch is not needed). Worker processes: test_data_workers.py."""
import math
import warnings

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.utils.data import (BatchSampler, DataLoader, Dataset, IterableDataset, RandomSampler,
                                SequentialSampler, Subset, TensorDataset, default_collate, default_convert,
                                random_split)


def make_dataset(n=10):
    return TensorDataset(jg.arange(float(n)), jg.arange(n))


def as_lists(loader):
    return [[t.tolist() for t in batch] for batch in loader]


MUTUALLY_EXCLUSIVE = "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last"

# (keyword arguments, error type, torch's message)
ARGUMENT_ERRORS = [
    pytest.param(dict(batch_sampler=[[0, 1]], batch_size=2), ValueError, MUTUALLY_EXCLUSIVE, id="bs-batch_size"),
    pytest.param(dict(batch_sampler=[[0, 1]], shuffle=True), ValueError, MUTUALLY_EXCLUSIVE, id="bs-shuffle"),
    pytest.param(dict(batch_sampler=[[0, 1]], drop_last=True), ValueError, MUTUALLY_EXCLUSIVE, id="bs-drop_last"),
    pytest.param(dict(batch_sampler=[[0]], sampler=[0, 1]), ValueError, MUTUALLY_EXCLUSIVE, id="bs-sampler"),
    pytest.param(dict(sampler=[0, 1], shuffle=True), ValueError, "sampler option is mutually exclusive with shuffle",
                 id="sampler-shuffle"),
    pytest.param(dict(batch_size=None, drop_last=True), ValueError,
                 "batch_size=None option disables auto-batching and is mutually exclusive with drop_last",
                 id="none-drop_last"),
    pytest.param(dict(num_workers=-1), ValueError,
                 "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.",
                 id="num_workers"),
    pytest.param(dict(timeout=-1), ValueError, "timeout option should be non-negative", id="timeout"),
    pytest.param(dict(prefetch_factor=2), ValueError,
                 "prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable "
                 "multiprocessing, otherwise set prefetch_factor to None.", id="prefetch-no-workers"),
    pytest.param(dict(num_workers=1, prefetch_factor=-1), ValueError, "prefetch_factor option should be non-negative",
                 id="prefetch-negative"),
    pytest.param(dict(persistent_workers=True), ValueError, "persistent_workers option needs num_workers > 0",
                 id="persistent"),
    pytest.param(dict(batch_size=0), ValueError, "batch_size should be a positive integer value, but got batch_size=0",
                 id="batch_size-0"),
    pytest.param(dict(batch_size=2.0), ValueError,
                 "batch_size should be a positive integer value, but got batch_size=2.0", id="batch_size-float"),
    pytest.param(dict(drop_last=1), ValueError, "drop_last should be a boolean value, but got drop_last=1",
                 id="drop_last-int"),
    pytest.param(dict(multiprocessing_context="fork"), ValueError,
                 "multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got "
                 "num_workers=0", id="context-no-workers"),
    pytest.param(dict(num_workers=1, multiprocessing_context="bogus"), ValueError,
                 "multiprocessing_context option should specify a valid start method in ['fork', 'spawn', "
                 "'forkserver'], but got multiprocessing_context='bogus'", id="context-name"),
    pytest.param(dict(num_workers=1, multiprocessing_context=3), TypeError,
                 "multiprocessing_context option should be a valid context object or a string specifying the start "
                 "method, but got multiprocessing_context=3", id="context-type"),
]


@pytest.mark.parametrize("kwargs, kind, message", ARGUMENT_ERRORS)
def test_argument_errors_as_torch(kwargs, kind, message):
    with pytest.raises(kind) as info:
        DataLoader(make_dataset(), **kwargs)
    assert str(info.value) == message


def test_iterable_dataset_takes_no_sampler_as_torch():
    class Stream(IterableDataset):
        def __iter__(self):
            return iter(range(5))

    for kwargs, message in [
            (dict(shuffle=True), "DataLoader with IterableDataset: expected unspecified shuffle option, but got "
                                 "shuffle=True"),
            (dict(sampler=[0]), "DataLoader with IterableDataset: expected unspecified sampler option, but got "
                                "sampler=[0]"),
            (dict(batch_sampler=[[0]]), "DataLoader with IterableDataset: expected unspecified batch_sampler option, "
                                        "but got batch_sampler=[[0]]")]:
        with pytest.raises(ValueError) as info:
            DataLoader(Stream(), **kwargs)
        assert str(info.value) == message
    assert [b.tolist() for b in DataLoader(Stream(), batch_size=2)] == [[0, 1], [2, 3], [4]]
    assert [b.tolist() for b in DataLoader(Stream(), batch_size=2, drop_last=True)] == [[0, 1], [2, 3]]
    assert list(DataLoader(Stream(), batch_size=None)) == [0, 1, 2, 3, 4]
    with pytest.raises(TypeError, match="object of type 'Stream' has no len()"):
        len(DataLoader(Stream(), batch_size=2))


def test_iterable_dataset_length_and_its_warning_as_torch():
    class Sized(IterableDataset):
        def __iter__(self):
            return iter(range(5))

        def __len__(self):
            return 3  # wrong on purpose

    loader = DataLoader(Sized(), batch_size=None)
    assert (len(DataLoader(Sized(), batch_size=2)), len(DataLoader(Sized(), batch_size=2, drop_last=True))) == (2, 1)
    assert len(loader) == 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert list(loader) == [0, 1, 2, 3, 4]
    assert [str(w.message).split(" was reported to be ")[1] for w in caught] == [  # torch warns per extra sample
        "3(when accessing len(dataloader)), but 4 samples have been fetched. ",
        "3(when accessing len(dataloader)), but 5 samples have been fetched. "]


def test_defaults_and_derived_attributes_as_torch():
    ds = make_dataset()
    loader = DataLoader(ds)
    assert type(loader.sampler) is SequentialSampler and type(loader.batch_sampler) is BatchSampler
    assert loader.collate_fn is default_collate and loader.prefetch_factor is None and loader.batch_size == 1
    assert type(DataLoader(ds, shuffle=True).sampler) is RandomSampler
    no_batching = DataLoader(ds, batch_size=None)
    assert no_batching.batch_sampler is None and no_batching.collate_fn is default_convert
    assert DataLoader(ds, num_workers=2).prefetch_factor == 2
    assert DataLoader(ds, batch_sampler=[[0]]).batch_size is None
    with pytest.raises(ValueError, match="batch_size attribute should not be set after DataLoader is initialized"):
        loader.batch_size = 4
    loader.num_workers = 0  # torch freezes only the sampling attributes


def test_batches_and_len_as_torch():
    ds = make_dataset()
    loader = DataLoader(ds, batch_size=4)
    assert as_lists(loader) == [[[0.0, 1.0, 2.0, 3.0], [0, 1, 2, 3]], [[4.0, 5.0, 6.0, 7.0], [4, 5, 6, 7]],
                                [[8.0, 9.0], [8, 9]]]
    assert len(loader) == 3 and len(DataLoader(ds, batch_size=3, drop_last=True)) == 3
    assert len(DataLoader(ds, batch_size=None)) == 10
    assert as_lists(DataLoader(ds, batch_size=3, drop_last=True))[-1] == [[6.0, 7.0, 8.0], [6, 7, 8]]
    assert [[t.item() for t in s] for s in DataLoader(ds, batch_size=None)][:2] == [[0.0, 0], [1.0, 1]]
    assert as_lists(DataLoader(ds, batch_sampler=[[3, 1], [0]])) == [[[3.0, 1.0], [3, 1]], [[0.0], [0]]]
    assert as_lists(DataLoader(ds, sampler=[9, 0, 4], batch_size=2)) == [[[9.0, 0.0], [9, 0]], [[4.0], [4]]]
    assert as_lists(loader) == as_lists(loader)  # re-iterable: each iter() is a new epoch
    x, y = next(iter(loader))
    assert (x.dtype, y.dtype, tuple(x.shape)) == (jg.float32, jg.int64, (4,))


@pytest.mark.parametrize("nested", [False, True], ids=["tensor-dataset", "subset-of-a-split"])
def test_tensor_dataset_batches_equal_sample_by_sample_collation(nested):
    # the loader gathers a TensorDataset's batch in one index per tensor; a collate_fn of
    # one's own takes the sample-by-sample path that torch always takes
    ds = TensorDataset(jg.randn(23, 3, 2), jg.randint(0, 5, (23,)))
    if nested:
        ds = Subset(random_split(ds, [0.5, 0.5], generator=jg.Generator().manual_seed(1))[1], [9, 2, 4, 0, 7, 5])

    def loader(**kwargs):
        return DataLoader(ds, batch_size=4, shuffle=True, generator=jg.Generator().manual_seed(7), **kwargs)

    for fast, slow in zip(loader(), loader(collate_fn=lambda samples: default_collate(samples)), strict=True):
        assert isinstance(fast, list) and isinstance(slow, list)
        for a, b in zip(fast, slow, strict=True):
            assert (a.dtype, a.shape) == (b.dtype, b.shape)
            np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_shuffle_reproducible_with_a_seeded_generator_and_new_each_epoch():
    ds = TensorDataset(jg.arange(20))

    def epochs(loader, count=3):
        return [[i for (batch,) in loader for i in batch.tolist()] for _ in range(count)]

    first = epochs(DataLoader(ds, batch_size=4, shuffle=True, generator=jg.Generator().manual_seed(0)))
    again = epochs(DataLoader(ds, batch_size=4, shuffle=True, generator=jg.Generator().manual_seed(0)))
    assert first == again
    assert all(sorted(order) == list(range(20)) for order in first)
    assert first[0] != first[1] and first[1] != first[2]
    assert epochs(DataLoader(ds, batch_size=4, shuffle=True, generator=jg.Generator().manual_seed(1))) != first
    jg.manual_seed(3)  # without a generator, jitgrad's default one decides
    by_default = epochs(DataLoader(ds, batch_size=4, shuffle=True))
    jg.manual_seed(3)
    assert epochs(DataLoader(ds, batch_size=4, shuffle=True)) == by_default


def test_map_dataset_and_custom_collate():
    class Squares(Dataset):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return {"x": np.full(2, i, dtype=np.float32), "y": i * i, "name": f"s{i}"}

    batches = list(DataLoader(Squares(), batch_size=2))
    assert len(batches) == 3 and batches[0]["name"] == ["s0", "s1"]
    assert batches[2]["x"].tolist() == [[4.0, 4.0]] and batches[1]["y"].tolist() == [4, 9]
    assert batches[0]["x"].dtype is jg.float32
    sums = list(DataLoader(Squares(), batch_size=2, collate_fn=lambda b: sum(s["y"] for s in b)))
    assert sums == [1, 13, 16]


def test_checks_when_an_epoch_starts_and_the_pin_memory_warning():
    with pytest.raises(AssertionError, match="_SingleProcessDataLoaderIter requires timeout == 0"):
        iter(DataLoader(make_dataset(), timeout=1))
    with pytest.raises(AssertionError, match="prefetch_factor must be greater than 0 for MultiProcessingDataLoaderIter"):
        iter(DataLoader(make_dataset(), num_workers=1, prefetch_factor=0))  # checked before any worker starts
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert len(list(DataLoader(make_dataset(), pin_memory=True))) == 10
    assert [str(w.message) for w in caught] == [
        "'pin_memory' argument is set as true but no accelerator is found, then device pinned memory won't be used."]


def test_len_of_a_sampler_without_len():
    loader = DataLoader(make_dataset(), sampler=iter(range(3)), batch_size=2)
    assert as_lists(loader) == [[[0.0, 1.0], [0, 1]], [[2.0], [2]]]
    with pytest.raises(TypeError):
        len(loader)
    assert math.ceil(10 / 3) == len(DataLoader(make_dataset(), batch_size=3))
