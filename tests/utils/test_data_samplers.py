"""jitgrad.utils.data samplers: orders, lengths, reproducibility with a seeded generator,
and the errors torch 2.13 gives (recorded as literals; torch is not needed)."""
import collections

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.utils.data import (BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler,
                                WeightedRandomSampler)


def test_sequential_sampler():
    s = SequentialSampler(range(4))
    assert list(s) == [0, 1, 2, 3] and len(s) == 4


def test_sampler_base_as_torch():
    with pytest.raises(NotImplementedError):
        iter(Sampler())
    with pytest.raises(TypeError, match="object of type 'Sampler' has no len()"):
        len(Sampler())


def test_random_sampler_is_a_permutation_and_reproducible():
    g = jg.Generator().manual_seed(0)
    first, second = list(RandomSampler(range(10), generator=g)), None
    assert sorted(first) == list(range(10))
    second = list(RandomSampler(range(10), generator=g))  # the generator has moved on: a new order
    assert first != second
    g.manual_seed(0)
    assert list(RandomSampler(range(10), generator=g)) == first
    # without a generator: a fresh one per epoch, seeded from jitgrad's default generator
    jg.manual_seed(1)
    s = RandomSampler(range(10))
    epochs = [list(s), list(s)]
    jg.manual_seed(1)
    assert [list(s), list(s)] == epochs and epochs[0] != epochs[1]


def test_random_sampler_num_samples_and_replacement():
    s = RandomSampler(range(4), num_samples=9)  # without replacement: whole permutations, then a part
    drawn = list(s)
    assert len(s) == 9 and len(drawn) == 9
    assert sorted(collections.Counter(drawn).values()) == [2, 2, 2, 3]
    assert sorted(drawn[:4]) == [0, 1, 2, 3] and sorted(drawn[4:8]) == [0, 1, 2, 3]
    r = RandomSampler(range(3), replacement=True, num_samples=100, generator=jg.Generator().manual_seed(2))
    drawn = list(r)
    assert len(drawn) == 100 and set(drawn) == {0, 1, 2}
    assert len(list(RandomSampler(range(3), replacement=True))) == 3


def test_random_sampler_errors_as_torch():
    with pytest.raises(TypeError, match="replacement should be a boolean value, but got replacement=1"):
        RandomSampler(range(4), replacement=1)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=0"):
        RandomSampler(range(4), num_samples=0)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=0"):
        RandomSampler([])
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got "
                                         "num_samples=2.0"):
        RandomSampler(range(4), num_samples=2.0)


def test_subset_random_sampler():
    s = SubsetRandomSampler([4, 7, 9], generator=jg.Generator().manual_seed(0))
    assert len(s) == 3 and sorted(s) == [4, 7, 9]


def test_batch_sampler_as_torch():
    assert list(BatchSampler(range(5), 2, False)) == [[0, 1], [2, 3], [4]]
    assert list(BatchSampler(range(5), 2, True)) == [[0, 1], [2, 3]]
    assert list(BatchSampler(range(4), 2, True)) == [[0, 1], [2, 3]]
    assert (len(BatchSampler(range(5), 2, False)), len(BatchSampler(range(5), 2, True))) == (3, 2)
    assert list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False)) == [
        [0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    with pytest.raises(ValueError, match="batch_size should be a positive integer value, but got batch_size=0"):
        BatchSampler(range(5), 0, False)
    with pytest.raises(ValueError, match="batch_size should be a positive integer value, but got batch_size=True"):
        BatchSampler(range(5), True, False)
    with pytest.raises(ValueError, match="drop_last should be a boolean value, but got drop_last=0"):
        BatchSampler(range(5), 2, 0)


def test_weighted_random_sampler():
    g = jg.Generator().manual_seed(0)
    s = WeightedRandomSampler([1.0, 3.0, 0.0, 4.0], 4000, generator=g)
    counts = np.bincount(list(s), minlength=4) / 4000
    np.testing.assert_allclose(counts, [0.125, 0.375, 0.0, 0.5], atol=0.03)
    assert s.weights.dtype is jg.float64 and len(s) == 4000
    # without replacement each index once; zero weights only after the positive ones (torch: [1, 0, 2])
    assert list(WeightedRandomSampler([0, 1, 0], 3, replacement=False)) == [1, 0, 2]
    assert sorted(WeightedRandomSampler([0, 1, 1, 0], 2, replacement=False)) == [1, 2]
    assert list(WeightedRandomSampler([0, 1, 0], 3)) == [1, 1, 1]
    # heavier weights come first more often
    firsts = [next(iter(WeightedRandomSampler([1.0, 9.0], 2, replacement=False, generator=g))) for _ in range(400)]
    assert 0.8 < np.mean(firsts) < 0.97


def test_weighted_random_sampler_errors_as_torch():
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=0"):
        WeightedRandomSampler([1, 2], 0)
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got "
                                         "num_samples=True"):
        WeightedRandomSampler([1, 2], True)
    with pytest.raises(ValueError, match="replacement should be a boolean value, but got replacement=0"):
        WeightedRandomSampler([1, 2], 2, replacement=0)
    with pytest.raises(ValueError, match=r"weights should be a 1d sequence but given weights have shape \(1, 2\)"):
        WeightedRandomSampler([[1, 2]], 2)
    cases = [(([1, 2], 3, False), "cannot sample n_sample > prob_dist.size(-1) samples without replacement"),
             (([1, -2], 3), "invalid multinomial distribution (encountering probability entry < 0)"),
             (([1, float("nan")], 3), "invalid multinomial distribution (encountering probability entry < 0)"),
             (([1, float("inf")], 3), "invalid multinomial distribution (encountering probability entry = "
                                      "infinity or NaN)"),
             (([0, 0], 3), "invalid multinomial distribution (sum of probabilities <= 0)")]
    for args, message in cases:
        with pytest.raises(RuntimeError) as info:
            list(WeightedRandomSampler(*args))
        assert str(info.value) == message
