"""The worker side of multi-process loading: what runs inside each DataLoader worker
process, and ``get_worker_info()``, which tells code running there which worker it is in.

A worker seeds Python's ``random``, jitgrad's default generator and NumPy's global one from
the loader's base seed and its id (distinct per worker, reproducible from the main
process's seed), runs ``worker_init_fn(worker_id)``, then answers tasks from its index
queue — ``(epoch, task_id, index)`` — with ``(epoch, task_id, worker_id, batch)`` on its
own result pipe, until it reads ``None`` or the main process is gone. The result is
pickled and written by the worker's own thread: a queue's feeder thread would have to win
the GIL from the next fetch, which costs up to a switch interval (5 ms) per batch. A failure is sent
back as an ``ExceptionWrapper`` carrying the original traceback as text; the main process
re-raises it as the same exception type, as torch does.
"""
from __future__ import annotations

import os
import pickle
import queue
import random
import sys
import traceback

import numpy as np

from ... import random as _random
from .fetch import make_fetcher

# how often a waiting worker checks that the main process is still there (seconds)
STATUS_CHECK_INTERVAL = 5.0


class WorkerInfo:
    """What ``get_worker_info()`` returns inside a worker: ``id``, ``num_workers``, ``seed``
    and this worker's copy of the ``dataset``. Read-only."""

    __initialized = False

    def __init__(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        self.__keys = tuple(fields)
        self.__initialized = True

    def __setattr__(self, name, value):
        if self.__initialized:
            raise RuntimeError(f"Cannot assign attributes to {type(self).__name__} objects")
        super().__setattr__(name, value)

    def __repr__(self):
        fields = ", ".join(f"{k}={getattr(self, k)}" for k in self.__keys)
        return f"{type(self).__name__}({fields})"


_worker_info: WorkerInfo | None = None


def get_worker_info() -> WorkerInfo | None:
    """In a DataLoader worker process, this worker's ``WorkerInfo``; in the main process None."""
    return _worker_info


class _KeyErrorMessage(str):
    """KeyError's str() is the repr of its argument; this keeps a multi-line message readable."""

    def __repr__(self):
        return self


class ExceptionWrapper:
    """An exception caught in a worker, as its type and formatted traceback (a traceback
    object cannot cross processes)."""

    def __init__(self, exc_info, where: str):
        self.exc_type = exc_info[0]
        self.exc_msg = "".join(traceback.format_exception(*exc_info))
        self.where = where
        try:
            pickle.dumps(self.exc_type)
        except Exception:  # e.g. a class defined inside a function: the main process gets a RuntimeError
            self.where += f" (as RuntimeError: {self.exc_type.__qualname__} cannot be pickled)"
            self.exc_type = RuntimeError

    def reraise(self):
        message = f"Caught {self.exc_type.__name__} {self.where}.\nOriginal {self.exc_msg}"
        if self.exc_type is KeyError:
            message = _KeyErrorMessage(message)
        try:
            exception = self.exc_type(message)
        except Exception:  # a type whose constructor wants other arguments
            raise RuntimeError(message) from None
        raise exception


class IterableEnded:
    """Sent by a worker whose copy of an iterable dataset ran out, for the task that found it."""

    def __init__(self, worker_id: int):
        self.worker_id = worker_id


def _seed_worker(seed: int, base_seed: int, worker_id: int) -> None:
    random.seed(seed)
    _random.manual_seed(seed)
    np.random.seed(np.random.SeedSequence([base_seed, worker_id]).generate_state(4))


def _main_process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_loop(dataset, auto_collation, collate_fn, drop_last, base_seed, init_fn, worker_id, num_workers,
                index_queue, result_conn, done_event, main_pid, inherited_conns):
    """The body of one worker process. `inherited_conns` are other workers' result pipes
    that a forked worker got a copy of: closed at once, so that when the main process closes
    its end a worker blocked on a full pipe is woken (BrokenPipeError) instead of hanging."""
    global _worker_info
    for conn in inherited_conns:
        conn.close()
    seed = base_seed + worker_id
    _seed_worker(seed, base_seed, worker_id)
    _worker_info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed, dataset=dataset)
    where = f"in DataLoader worker process {worker_id}"
    init_error = None
    try:
        if init_fn is not None:
            init_fn(worker_id)
        fetcher = make_fetcher(dataset, auto_collation, collate_fn, drop_last)
    except Exception:
        init_error = ExceptionWrapper(sys.exc_info(), where)
    epoch = None
    ended = False
    try:
        while True:
            try:
                task = index_queue.get(timeout=STATUS_CHECK_INTERVAL)
            except queue.Empty:
                if done_event.is_set() or not _main_process_alive(main_pid):
                    break
                continue
            if task is None or done_event.is_set():
                break
            task_epoch, task_id, index = task
            if task_epoch != epoch:  # a new epoch of persistent workers: the stream starts again
                if epoch is not None and init_error is None:
                    fetcher = make_fetcher(dataset, auto_collation, collate_fn, drop_last)
                epoch, ended = task_epoch, False
            if ended:
                continue  # the main process learnt of the end from the task that found it
            if init_error is not None:
                result = init_error
            else:
                try:
                    result = fetcher.fetch(index)
                except StopIteration:
                    ended = True
                    result = IterableEnded(worker_id)
                except Exception:
                    result = ExceptionWrapper(sys.exc_info(), where)
            try:
                result_conn.send((task_epoch, task_id, worker_id, result))
            except BrokenPipeError:
                raise
            except Exception:  # the batch cannot be pickled: pickling fails before anything is written
                result_conn.send((task_epoch, task_id, worker_id, ExceptionWrapper(sys.exc_info(), where)))
            del result
    except (KeyboardInterrupt, BrokenPipeError):
        pass  # Ctrl-C reaches the main process too, and a closed pipe means it is shutting us down
    result_conn.close()
