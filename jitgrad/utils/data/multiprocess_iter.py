"""One epoch of a DataLoader with worker processes.

Tasks (entries of the index sampler) go to the workers round-robin, ``prefetch_factor``
per worker ahead of what the loop has consumed. Results come back through each worker's
pipe in whatever order the workers finish; they wait in a buffer until their turn, so batches
come out in the sampler's order (or as they arrive with ``in_order=False``). An exception
from a worker is re-raised here when its batch's turn comes, and the epoch can go on. With
``persistent_workers`` the pool outlives the epoch and each task carries its epoch number,
so whatever an abandoned epoch still had in flight is dropped.
"""
from __future__ import annotations

import itertools
import multiprocessing.connection
import time

from .worker import ExceptionWrapper, IterableEnded
from .worker_pool import JOIN_TIMEOUT


class MultiProcessIter:
    def __init__(self, loader, pool, epoch: int, base_iter_state):
        self._state = base_iter_state
        self._pool = pool
        self._epoch = epoch
        self._persistent = loader.persistent_workers
        self._in_order = loader.in_order
        self._timeout = loader.timeout
        self._sampler_iter = iter(loader._index_sampler)
        self._workers = itertools.cycle(range(pool.num_workers))
        self._active = [True] * pool.num_workers
        self._worker_of = {}   # task id -> worker, for tasks sent and not yet yielded
        self._arrived = {}     # task id -> result, for results waiting for their turn
        self._next_task = 0
        self._next_yield = 0   # in order: the task whose result comes out next
        for _ in range(loader.prefetch_factor * pool.num_workers):
            self._send_task()

    def __iter__(self):
        return self

    def __len__(self):
        return len(self._state.index_sampler)

    def __next__(self):
        if self._pool.closed:
            raise StopIteration
        if self._persistent and self._pool.epoch != self._epoch:
            raise RuntimeError("this DataLoader iterator is stale: with persistent_workers=True a new "
                               "iter(loader) restarts the workers' epoch; iterate the newest iterator")
        result = self._next_result()
        self._state.count_yield()
        return result

    def _send_task(self) -> None:
        for _ in range(len(self._active)):
            worker = next(self._workers)
            if self._active[worker]:
                break
        else:
            return  # every worker's copy of the iterable dataset has ended
        try:
            index = next(self._sampler_iter)
        except StopIteration:
            return
        self._pool.index_queues[worker].put((self._epoch, self._next_task, index))
        self._worker_of[self._next_task] = worker
        self._next_task += 1

    def _next_result(self):
        while True:
            if self._in_order:
                while self._next_yield < self._next_task and self._next_yield not in self._worker_of:
                    self._next_yield += 1  # dropped: its worker's stream had already ended
                ready = self._next_yield if self._next_yield in self._arrived else None
            else:
                ready = next(iter(self._arrived), None)
            if ready is None and not self._worker_of:
                self._finish()
            if ready is not None:
                del self._worker_of[ready]
                result = self._arrived.pop(ready)
                self._send_task()
                if isinstance(result, ExceptionWrapper):
                    result.reraise()
                return result
            self._receive()

    def _finish(self):
        if not self._persistent:
            self._pool.shutdown()
        raise StopIteration

    def _receive(self) -> None:
        epoch, task, worker, result = self._get()
        if epoch != self._epoch:
            return  # left over from an abandoned epoch of persistent workers
        if isinstance(result, IterableEnded):
            self._active[worker] = False
            # a worker answers in order, so its results before this one have all arrived
            for waiting in [t for t, w in self._worker_of.items() if w == worker and t not in self._arrived]:
                del self._worker_of[waiting]
            return
        self._arrived[task] = result

    def _get(self):
        """The next message from any worker; a worker that died, or the timeout, is an error."""
        deadline = time.monotonic() + self._timeout if self._timeout > 0 else None
        conns = self._pool.result_conns
        sentinels = [p.sentinel for p in self._pool.processes]
        while True:
            wait = None if deadline is None else max(deadline - time.monotonic(), 0.0)
            ready = multiprocessing.connection.wait(conns + sentinels, wait)
            for worker, conn in enumerate(conns):  # what a worker sent before it died still counts
                if conn in ready:
                    try:
                        return conn.recv()
                    except EOFError:
                        self._worker_died(worker)
            for worker, sentinel in enumerate(sentinels):
                if sentinel in ready:
                    self._worker_died(worker)
            if deadline is not None and time.monotonic() >= deadline:
                raise RuntimeError(f"DataLoader timed out after {self._timeout} seconds")

    def _worker_died(self, worker: int):
        process = self._pool.processes[worker]
        process.join(JOIN_TIMEOUT)  # its pipe may close a moment before it can be reaped
        self._pool.shutdown()
        raise RuntimeError(f"DataLoader worker (pid(s) {process.pid}) exited unexpectedly (exit code "
                           f"{process.exitcode}; a negative code is the signal that ended it)")
