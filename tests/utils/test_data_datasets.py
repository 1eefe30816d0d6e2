"""jitgrad.utils.data datasets: TensorDataset, Subset, ConcatDataset, ChainDataset, the
abstract bases and random_split, with the results and errors torch 2.13 gives (recorded as
literals; torch is not needed)."""
import warnings

import numpy as np
import pytest

import jitgrad as jg
import jitgrad.utils.data as data
from jitgrad.utils.data import (ChainDataset, ConcatDataset, Dataset, IterableDataset, Subset, TensorDataset,
                                random_split)


def test_import_paths_as_torch():
    import jitgrad.utils.data as by_import
    assert jg.utils.data is by_import
    for name in ("Dataset", "IterableDataset", "TensorDataset", "Subset", "ConcatDataset", "ChainDataset",
                 "random_split", "Sampler", "SequentialSampler", "RandomSampler", "SubsetRandomSampler",
                 "WeightedRandomSampler", "BatchSampler", "DataLoader", "default_collate", "default_convert",
                 "get_worker_info"):
        assert hasattr(data, name), name


def test_tensor_dataset_samples_and_length():
    x = jg.arange(10.0)
    y = jg.arange(10)
    ds = TensorDataset(x, y)
    assert len(ds) == 10
    a, b = ds[3]
    assert (a.item(), b.item()) == (3.0, 3) and (a.dtype, b.dtype) == (jg.float32, jg.int64)
    assert [t.item() for t in ds[-1]] == [9.0, 9]
    a, b = ds[1:3]  # torch indexes every tensor with whatever index it is given
    assert a.tolist() == [1.0, 2.0] and b.tolist() == [1, 2]
    assert ds.tensors[0] is x


def test_tensor_dataset_errors_as_torch():
    # torch: AssertionError 'Size mismatch between tensors'
    with pytest.raises(AssertionError, match=r"^Size mismatch between tensors: .*got sizes \[3, 4\]"):
        TensorDataset(jg.ones(3), jg.ones(4))
    with pytest.raises(IndexError, match="index 10 is out of bounds for dimension 0 with size 10"):
        TensorDataset(jg.arange(10))[10]
    with pytest.raises(IndexError, match="tuple index out of range"):
        len(TensorDataset())


def test_abstract_bases_as_torch():
    with pytest.raises(NotImplementedError, match="Subclasses of Dataset should implement __getitem__."):
        Dataset()[0]
    with pytest.raises(TypeError, match="object of type 'Dataset' has no len()"):
        len(Dataset())

    class Stream(IterableDataset):
        def __iter__(self):
            return iter(range(3))

    with pytest.raises(NotImplementedError, match="Subclasses of Dataset should implement __getitem__."):
        Stream()[0]
    chained = Stream() + Stream()
    assert isinstance(chained, ChainDataset) and list(chained) == [0, 1, 2, 0, 1, 2]
    assert isinstance(TensorDataset(jg.ones(2)) + TensorDataset(jg.ones(3)), ConcatDataset)


def test_subset():
    ds = TensorDataset(jg.arange(10.0), jg.arange(10))
    s = Subset(ds, [5, 2, 7])
    assert len(s) == 3 and s.indices == [5, 2, 7] and s.dataset is ds
    assert [t.item() for t in s[0]] == [5.0, 5] and [t.item() for t in s[-1]] == [7.0, 7]
    a, b = s[[0, 2]]
    assert a.tolist() == [5.0, 7.0] and b.tolist() == [5, 7]
    assert [[t.item() for t in sample] for sample in s.__getitems__([2, 1])] == [[7.0, 7], [2.0, 2]]
    with pytest.raises(IndexError, match="list index out of range"):
        s[3]


def test_concat_dataset_as_torch():
    c = ConcatDataset([TensorDataset(jg.arange(3)), TensorDataset(jg.arange(10, 12))])
    assert len(c) == 5 and c.cumulative_sizes == [3, 5]
    assert [c[i][0].item() for i in range(5)] == [0, 1, 2, 10, 11]
    assert c[-1][0].item() == 11 and c[-5][0].item() == 0
    with pytest.raises(IndexError, match="index 5 is out of range for a ConcatDataset of length 5"):
        c[5]
    with pytest.raises(ValueError, match="absolute value of index should not exceed dataset length"):
        c[-6]
    with pytest.raises(AssertionError, match="datasets should not be an empty iterable"):
        ConcatDataset([])

    class Stream(IterableDataset):
        def __iter__(self):
            return iter(())

    with pytest.raises(AssertionError, match="ConcatDataset does not support IterableDataset"):
        ConcatDataset([Stream()])


# torch 2.13's split sizes for a dataset of 10 (the remainder goes one by one from split 0)
SPLIT_SIZES = [
    ([3, 7], [3, 7]),
    ([0.3, 0.7], [3, 7]),
    ([0.33, 0.33, 0.34], [4, 3, 3]),
    ([0.25] * 4, [3, 3, 2, 2]),
    ([0.1] * 10, [1] * 10),
    ([1.0], [10]),
]


@pytest.mark.parametrize("lengths, sizes", SPLIT_SIZES)
def test_random_split_sizes_as_torch(lengths, sizes):
    splits = random_split(range(10), lengths, generator=jg.Generator().manual_seed(0))
    assert [len(s) for s in splits] == sizes and all(isinstance(s, Subset) for s in splits)
    assert sorted(i for s in splits for i in s) == list(range(10))  # a partition


def test_random_split_reproducible_with_a_generator():
    first = [list(s) for s in random_split(range(20), [0.5, 0.5], generator=jg.Generator().manual_seed(3))]
    again = [list(s) for s in random_split(range(20), [0.5, 0.5], generator=jg.Generator().manual_seed(3))]
    other = [list(s) for s in random_split(range(20), [0.5, 0.5], generator=jg.Generator().manual_seed(4))]
    assert first == again and first != other
    jg.manual_seed(5)
    by_default = [list(s) for s in random_split(range(20), [10, 10])]
    jg.manual_seed(5)
    assert [list(s) for s in random_split(range(20), [10, 10])] == by_default
    assert [len(s) for s in random_split(range(7), [0.5, 0.5])] == [4, 3]
    assert [len(s) for s in random_split(range(11), [0.3, 0.3, 0.4])] == [4, 3, 4]


def test_random_split_warns_of_empty_splits_as_torch():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        splits = random_split(range(3), [0.9, 0.05, 0.05])
    assert [len(s) for s in splits] == [3, 0, 0]
    assert [str(w.message) for w in caught] == [
        "Length of split at index 1 is 0. This might result in an empty dataset.",
        "Length of split at index 2 is 0. This might result in an empty dataset."]


def test_random_split_errors():
    torch_message = "^Sum of input lengths does not equal the length of the input dataset!"
    for lengths in ([3, 6], [0.5, 0.6], [0.4, 0.4]):
        with pytest.raises(ValueError, match=torch_message):
            random_split(range(10), lengths)
    with pytest.raises(ValueError, match="Fraction at index 0 is not between 0 and 1"):
        random_split(range(10), [1.2, -0.2])
    # torch accepts a negative length and hands out overlapping splits; jitgrad refuses
    with pytest.raises(ValueError, match=r"length at index 1 is negative \(-1\)"):
        random_split(range(10), [2, -1, 9])


def test_tensor_dataset_of_numpy_backed_tensors_keeps_values():
    x = np.arange(12, dtype=np.float64).reshape(6, 2)
    ds = TensorDataset(jg.tensor(x))
    np.testing.assert_array_equal(ds[4][0].numpy(), x[4])
