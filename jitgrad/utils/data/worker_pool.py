"""The main-process side of a DataLoader's workers: choosing how to start them, starting
them, and shutting them down so that none is left behind.

Start method. On Linux the default is ``fork``: a worker is ready in milliseconds and
inherits the dataset without pickling it. Fork is unsafe in one case that jitgrad users
meet: once a parallel Numba kernel has run (``jitgrad.compile`` launches Numba's threading
layer for large tensors), the parent holds OpenMP threads, and a forked child that runs a
parallel kernel again is killed by GNU OpenMP ("fork() called from a process already using
GNU OpenMP"). In that case the default is ``forkserver``: the fork server is a fresh
process (its first start imports jitgrad, once per program, about a second) and workers
fork from it, clean. Elsewhere the platform's default start method is used. A caller picks
for itself with ``multiprocessing_context=`` ("fork", "spawn", "forkserver" or a context);
spawn and forkserver pickle the dataset, collate_fn and worker_init_fn, so those must be
importable (no lambdas), as with torch.

Channels. Tasks go through one ``Queue`` per worker (its feeder thread means the main
process never blocks on a put, whatever the size of an index list); results come back
through one pipe per worker, written by the worker itself, read here with
``multiprocessing.connection.wait``, which also wakes at once when a worker dies.

Shutdown, when an epoch ends, when its iterator is dropped (``break``, garbage
collection) or at interpreter exit through ``weakref.finalize``: set the done event, send
each worker ``None``, close the result pipes (a worker blocked writing a batch nobody will
read gets BrokenPipeError and leaves), join each worker briefly, terminate any that stays.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import weakref

from .worker import worker_loop

JOIN_TIMEOUT = 5.0


def _numba_threads_launched() -> bool:
    parallel = sys.modules.get("numba.np.ufunc.parallel")
    if parallel is None or not getattr(parallel, "_is_initialized", False):
        return False
    try:
        # TBB is fork-safe; GNU OpenMP is not (Numba's docs), and workqueue is not trusted either
        return parallel.threading_layer() != "tbb"
    except ValueError:
        return False


def default_context():
    """The start method jitgrad's workers use when the caller names none (see above)."""
    if sys.platform != "linux":
        return multiprocessing.get_context()
    if _numba_threads_launched():
        context = multiprocessing.get_context("forkserver")
        # the server imports jitgrad once; every worker forked from it then has it for free
        context.set_forkserver_preload(["__main__", "jitgrad.utils.data"])
        return context
    return multiprocessing.get_context("fork")


def resolve_context(multiprocessing_context, num_workers: int):
    """Check ``multiprocessing_context=`` as torch does: a start method's name or a context."""
    if multiprocessing_context is None:
        return None
    if num_workers == 0:
        raise ValueError("multiprocessing_context can only be used with multi-process loading (num_workers > 0), "
                         f"but got num_workers={num_workers}")
    if isinstance(multiprocessing_context, str):
        methods = multiprocessing.get_all_start_methods()
        if multiprocessing_context not in methods:
            raise ValueError(f"multiprocessing_context option should specify a valid start method in {methods!r}, "
                             f"but got multiprocessing_context={multiprocessing_context!r}")
        return multiprocessing.get_context(multiprocessing_context)
    if not isinstance(multiprocessing_context, multiprocessing.context.BaseContext):
        raise TypeError("multiprocessing_context option should be a valid context object or a string specifying "
                        f"the start method, but got multiprocessing_context={multiprocessing_context}")
    return multiprocessing_context


class WorkerPool:
    """``num_workers`` worker processes, one index queue each, one shared result queue."""

    def __init__(self, loader, base_seed: int):
        context = loader.multiprocessing_context or default_context()
        auto_collation = loader._auto_collation
        self.num_workers = loader.num_workers
        self.epoch = 0  # persistent workers serve several epochs; tasks carry the one they belong to
        self.done_event = context.Event()
        self.index_queues = []
        self.result_conns = []
        self.processes = []
        self._owner_pid = os.getpid()
        forks = context.get_start_method() == "fork"
        for worker_id in range(self.num_workers):
            index_queue = context.Queue()
            index_queue.cancel_join_thread()  # tasks left unread at shutdown are simply dropped
            reader, writer = context.Pipe(duplex=False)
            inherited = list(self.result_conns) if forks else []
            process = context.Process(
                target=worker_loop, daemon=True,
                args=(loader.dataset, auto_collation, loader.collate_fn, loader.drop_last, base_seed,
                      loader.worker_init_fn, worker_id, self.num_workers, index_queue, writer, self.done_event,
                      self._owner_pid, inherited))
            process.start()
            writer.close()  # the worker has its own copy; ours would hide its end from wait()
            self.index_queues.append(index_queue)
            self.result_conns.append(reader)
            self.processes.append(process)
        self._finalizer = weakref.finalize(self, _shutdown, self._owner_pid, self.done_event, self.index_queues,
                                           self.result_conns, self.processes)

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def shutdown(self) -> None:
        self._finalizer()


def _shutdown(owner_pid, done_event, index_queues, result_conns, processes) -> None:
    if os.getpid() != owner_pid:
        return  # a copy of the pool inherited by a forked child: the workers are not its own
    done_event.set()
    for index_queue in index_queues:
        index_queue.put(None)
    for conn in result_conns:
        conn.close()
    for process in processes:
        process.join(JOIN_TIMEOUT)
    for process in processes:
        if process.is_alive():
            process.terminate()
            process.join()
    for index_queue in index_queues:
        index_queue.close()
