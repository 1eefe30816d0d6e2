"""DataLoader with worker processes (num_workers > 0): batches in the sampler's order
whichever worker finishes first, a worker's exception re-raised with its traceback as
torch 2.13 does, get_worker_info and distinct reproducible seeds, iterable datasets split
across workers (torch's batches recorded as literals), persistent workers, and no worker
left behind however the loop ends.

Most tests name the "fork" start method: their datasets run no Numba kernels, so fork is
safe even after other tests have launched Numba's threads, and it keeps them quick; the
default choice is tested on its own (and after compiled code, in the slow test)."""
import gc
import math
import os
import random
import sys
import time

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.utils.data import DataLoader, Dataset, IterableDataset, TensorDataset, get_worker_info

FORK = "fork"


class SlowFirst(Dataset):
    """Item 0 takes longest, so the worker holding it finishes after the other one."""

    def __len__(self):
        return 6

    def __getitem__(self, i):
        if i == 0:
            time.sleep(0.2)
        return i


class FailsAt(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 5:
            raise ValueError(f"bad index {i}")
        if i == 7:
            return {}["missing"]
        return i


class WhoAmI(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        info = get_worker_info()
        return (info.id, info.num_workers, info.seed, info.dataset is self, random.random(),
                float(np.random.rand()), jg.rand(()).item(), os.environ.get("JITGRAD_TEST_INIT"))


def mark_init(worker_id):
    os.environ["JITGRAD_TEST_INIT"] = f"init {worker_id}"


class Shard(IterableDataset):
    """range(n) split evenly between the workers, with get_worker_info."""

    def __init__(self, n):
        self.n = n

    def __iter__(self):
        info = get_worker_info()
        if info is None:
            return iter(range(self.n))
        share = math.ceil(self.n / info.num_workers)
        return iter(range(info.id * share, min(self.n, (info.id + 1) * share)))


class Uneven(IterableDataset):
    def __iter__(self):
        worker = get_worker_info().id
        return iter(range(worker * 100, worker * 100 + (2 if worker == 0 else 7)))


class Pid(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        return jg.tensor([i, os.getpid()])


class DiesAt(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i == 2:
            os._exit(3)
        return i


class Sleeps(Dataset):
    def __len__(self):
        return 2

    def __getitem__(self, i):
        time.sleep(0.5)
        return i


def all_exited(processes):
    return all(p.exitcode is not None for p in processes)  # exitcode is set once the child is reaped


def test_batches_in_sampler_order_and_tensors_cross_processes():
    assert [b.item() for b in DataLoader(SlowFirst(), num_workers=2, multiprocessing_context=FORK)] == list(range(6))
    arrived = [b.item() for b in DataLoader(SlowFirst(), num_workers=2, multiprocessing_context=FORK, in_order=False)]
    assert sorted(arrived) == list(range(6))
    x = jg.randn(37, 3, dtype=jg.float64)
    y = jg.randint(0, 9, (37,), dtype=jg.int32)
    mask = x[:, 0] > 0
    ds = TensorDataset(x, y, mask)

    def epoch(workers):
        context = {"multiprocessing_context": FORK} if workers else {}
        loader = DataLoader(ds, batch_size=8, shuffle=True, num_workers=workers,
                            generator=jg.Generator().manual_seed(5), **context)
        return list(loader)

    in_main, in_workers = epoch(0), epoch(2)
    assert len(in_workers) == 5
    for ours, theirs in zip(in_main, in_workers, strict=True):  # the same seeded order, the same tensors
        for a, b in zip(ours, theirs, strict=True):
            assert (a.dtype, a.shape, a.requires_grad) == (b.dtype, b.shape, b.requires_grad)
            np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_worker_exception_reraised_with_its_traceback_as_torch():
    it = iter(DataLoader(FailsAt(), batch_size=2, num_workers=2, multiprocessing_context=FORK))
    assert next(it).tolist() == [0, 1] and next(it).tolist() == [2, 3]
    with pytest.raises(ValueError) as info:  # batch [4, 5] is the third: worker 0's, round-robin
        next(it)
    message = str(info.value)
    assert message.startswith("Caught ValueError in DataLoader worker process 0.\n"
                              "Original Traceback (most recent call last):\n")
    assert 'raise ValueError(f"bad index {i}")' in message and message.endswith("ValueError: bad index 5\n")
    with pytest.raises(KeyError) as info:  # the epoch goes on, as torch's; KeyError's text stays readable
        next(it)
    assert str(info.value).startswith("Caught KeyError in DataLoader worker process 1.\nOriginal Traceback")
    assert str(info.value).endswith("KeyError: 'missing'\n")
    with pytest.raises(StopIteration):
        next(it)

    class LocalError(Exception):
        pass

    def failing_init(worker_id):
        raise RuntimeError("init failed")

    def unpicklable_batch(samples):
        return lambda: samples

    def local_error(samples):
        raise LocalError("local")

    with pytest.raises(AttributeError) as info:  # a batch that cannot cross back is an error, not a dead worker
        list(DataLoader(FailsAt(), num_workers=1, collate_fn=unpicklable_batch, multiprocessing_context=FORK))
    assert str(info.value).startswith("Caught AttributeError in DataLoader worker process 0.\n")
    assert "Can't pickle local object" in str(info.value)
    with pytest.raises(RuntimeError) as info:
        list(DataLoader(FailsAt(), num_workers=1, collate_fn=local_error, multiprocessing_context=FORK))
    assert str(info.value).startswith("Caught RuntimeError in DataLoader worker process 0 (as RuntimeError: "
                                      "test_worker_exception_reraised_with_its_traceback_as_torch.<locals>."
                                      "LocalError cannot be pickled).\nOriginal Traceback")
    assert str(info.value).endswith("LocalError: local\n")

    with pytest.raises(RuntimeError) as info:
        list(DataLoader(FailsAt(), num_workers=1, worker_init_fn=failing_init, multiprocessing_context=FORK))
    assert str(info.value).startswith("Caught RuntimeError in DataLoader worker process 0.\nOriginal Traceback")
    assert "init_fn(worker_id)" in str(info.value) and str(info.value).endswith("RuntimeError: init failed\n")


def test_worker_info_init_fn_and_distinct_reproducible_seeds():
    assert get_worker_info() is None

    def run():
        loader = DataLoader(WhoAmI(), batch_size=None, num_workers=2, worker_init_fn=mark_init,
                            generator=jg.Generator().manual_seed(11), multiprocessing_context=FORK)
        return list(loader)

    first, again = run(), run()
    assert first == again  # every random stream in the workers follows the loader's generator
    ids = [row[0] for row in first]
    assert ids == [0, 1, 0, 1]  # round-robin
    assert all(row[1] == 2 and row[3] for row in first)
    seeds = {row[0]: row[2] for row in first}
    assert seeds[1] == seeds[0] + 1  # torch: base_seed + worker_id
    assert [row[7] for row in first] == ["init 0", "init 1", "init 0", "init 1"]
    for column in (4, 5, 6):  # python, numpy and jitgrad draws differ between workers
        assert first[0][column] != first[1][column]
    assert "JITGRAD_TEST_INIT" not in os.environ  # set in the workers only


def test_worker_info_is_read_only_as_torch():
    from jitgrad.utils.data.worker import WorkerInfo
    info = WorkerInfo(id=1, num_workers=2, seed=7, dataset="ds")
    assert repr(info) == "WorkerInfo(id=1, num_workers=2, seed=7, dataset=ds)"
    with pytest.raises(RuntimeError, match="Cannot assign attributes to WorkerInfo objects"):
        info.id = 3


def test_iterable_dataset_split_across_workers_as_torch():
    def batches(ds, **kwargs):
        return [b.tolist() for b in DataLoader(ds, num_workers=2, multiprocessing_context=FORK, **kwargs)]

    assert batches(Shard(10), batch_size=2) == [[0, 1], [5, 6], [2, 3], [7, 8], [4], [9]]
    assert batches(Shard(10), batch_size=3, drop_last=True) == [[0, 1, 2], [5, 6, 7]]
    assert batches(Uneven(), batch_size=2) == [[0, 1], [100, 101], [102, 103], [104, 105], [106]]
    assert list(DataLoader(Uneven(), batch_size=None, num_workers=2, multiprocessing_context=FORK)) == [
        0, 100, 1, 101, 102, 103, 104, 105, 106]


def test_no_worker_left_behind():
    loader = DataLoader(Pid(), batch_size=2, num_workers=2, multiprocessing_context=FORK)
    it = iter(loader)
    processes = list(it._pool.processes)
    assert len({int(b[0, 1]) for b in it}) == 2 and all_exited(processes)  # the epoch ran out
    it = iter(loader)
    processes = list(it._pool.processes)
    for _ in it:
        break
    del it  # breaking out of the loop and dropping the iterator
    assert all_exited(processes)
    it = iter(DataLoader(FailsAt(), batch_size=2, num_workers=1, multiprocessing_context=FORK))
    processes = list(it._pool.processes)
    with pytest.raises(ValueError):
        list(it)
    del it
    gc.collect()  # the traceback held the iterator in a cycle
    assert all_exited(processes)


def test_persistent_workers_serve_every_epoch():
    loader = DataLoader(Pid(), batch_size=2, shuffle=True, num_workers=2, persistent_workers=True,
                        generator=jg.Generator().manual_seed(0), multiprocessing_context=FORK)
    orders, pids = [], set()
    for _ in range(3):
        batches = list(loader)
        orders.append([int(i) for b in batches for i in b[:, 0].tolist()])
        pids |= {int(p) for b in batches for p in b[:, 1].tolist()}
    assert len(pids) == 2  # the same two workers every epoch
    assert all(sorted(order) == list(range(8)) for order in orders) and orders[0] != orders[1]
    abandoned = iter(loader)
    next(abandoned)
    fresh = iter(loader)  # what the abandoned epoch still had in flight is dropped
    assert sorted(int(i) for b in fresh for i in b[:, 0].tolist()) == list(range(8))
    with pytest.raises(RuntimeError, match="this DataLoader iterator is stale"):
        next(abandoned)
    processes = list(loader._pool.processes)
    assert not all_exited(processes)
    del loader, abandoned, fresh
    gc.collect()
    assert all_exited(processes)


def test_dead_worker_and_timeout_are_errors():
    with pytest.raises(RuntimeError, match=r"DataLoader worker \(pid\(s\) \d+\) exited unexpectedly \(exit code 3;"):
        list(DataLoader(DiesAt(), num_workers=1, multiprocessing_context=FORK))
    with pytest.raises(RuntimeError, match="DataLoader timed out after 0.1 seconds"):
        list(DataLoader(Sleeps(), num_workers=1, timeout=0.1, multiprocessing_context=FORK))


def test_default_start_method():
    from jitgrad.utils.data.worker_pool import _numba_threads_launched, default_context
    if sys.platform == "linux":  # elsewhere the platform's own default
        expected = "forkserver" if _numba_threads_launched() else "fork"
        assert default_context().get_start_method() == expected
    assert [b.tolist() for b in DataLoader(Shard(6), batch_size=2, num_workers=2)] == [[0, 1], [3, 4], [2], [5]]


# ------------------------------------------------------------------ after compiled code
@jg.compile
def _squash(x):
    return (x * 2.0 + 1.0).tanh()


PARALLEL_SIZE = 1 << 18  # above the CPU backend's threshold for its threaded (prange) kernels


class CompiledTransform(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return _squash(jg.full((PARALLEL_SIZE,), i / 4)).sum()


@pytest.mark.slow
def test_workers_after_numba_threads_have_run_in_the_parent():
    # once Numba's OpenMP threads run here, a forked child running a parallel kernel would be
    # killed ("fork() called from a process already using GNU OpenMP"): the default moves to
    # forkserver, whose workers are clean
    from jitgrad.utils.data.worker_pool import _numba_threads_launched, default_context
    expected = [_squash(jg.full((PARALLEL_SIZE,), i / 4)).sum().item() for i in range(4)]
    assert _numba_threads_launched() and default_context().get_start_method() == "forkserver"
    loader = DataLoader(CompiledTransform(), batch_size=2, num_workers=2, timeout=60)
    got = [v for batch in loader for v in batch.tolist()]
    np.testing.assert_allclose(got, expected, rtol=1e-6)
