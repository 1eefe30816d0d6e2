"""Memory: a long training loop returns the live graph to its starting size and does not
grow traced memory; everything is released by reference counting (no reference cycles)."""
from __future__ import annotations

import gc
import tracemalloc
import weakref

import numpy as np

import jitgrad as jg
from jitgrad.autograd import graph

STEPS = 5_000
WARMUP = 200
CHECK_EVERY = 1_000
# A leak of even one small object per step (a 56-byte tuple, a graph node's attribute dict,
# a gradient array) would add hundreds of KiB over the measured steps; noise is a few KiB.
TOLERANCE_BYTES = 32 * 1024


def _collect_and_measure() -> tuple[int, int]:
    """(objects the cyclic collector found, traced bytes). gc.collect() also empties
    CPython's free lists (tuples, floats, ...), which otherwise fill up to a fixed bound
    over the first few thousand steps and read as growth."""
    found = gc.collect()
    return found, tracemalloc.get_traced_memory()[0]


def test_training_loop_keeps_graph_and_memory_flat():
    gc.collect()
    n0 = graph().number_of_nodes()
    jg.manual_seed(0)
    X = jg.randn(32, 3)
    Y = X @ jg.tensor([[1.0], [-2.0], [0.5]]) + 0.25
    w = jg.zeros(3, 1, requires_grad=True)
    b = jg.zeros(1, requires_grad=True)
    lr = 0.1

    def step(i):
        nonlocal w, b                           # `w -= ...` rebinds w (to the same tensor)
        loss = ((X @ w + b - Y) ** 2).mean()
        loss.backward()
        with jg.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        if i % 2:
            w.grad.zero_()
            b.grad.zero_()
        else:
            w.grad = None
            b.grad = None
        return loss

    for i in range(WARMUP):
        step(i)
    size_after_warmup = graph().number_of_nodes()
    assert size_after_warmup == n0 + 2           # just the leaves w and b

    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        _, start = _collect_and_measure()
        samples, created_cycles = [], 0
        for i in range(WARMUP, STEPS):
            loss = step(i)
            assert graph().number_of_nodes() == size_after_warmup
            del loss
            if (i + 1) % CHECK_EVERY == 0:
                found, traced = _collect_and_measure()
                samples.append(traced)
                created_cycles += found
    finally:
        tracemalloc.stop()
        gc.enable()

    assert created_cycles == 0                  # all freed by reference counting alone
    assert max(samples) - start < TOLERANCE_BYTES, (start, samples)
    assert samples[-1] - samples[0] < TOLERANCE_BYTES, samples
    # it trained
    np.testing.assert_allclose(w.detach().numpy().ravel(), [1.0, -2.0, 0.5], atol=1e-3)
    np.testing.assert_allclose(b.item(), 0.25, atol=1e-3)

    del w, b
    assert graph().number_of_nodes() == n0


def test_loop_creates_no_reference_cycles():
    x = jg.randn(4, 3)
    w = jg.randn(3, 2, requires_grad=True)
    gc.collect()
    gc.disable()
    try:
        for _ in range(50):
            h = (x @ w).tanh()
            loss = (h * h).sum() + h.exp().mean()
            loss.backward()
            w.grad = None
            h2 = x @ w                                # a graph dropped without backward
            del h, loss, h2
        found = gc.collect()
    finally:
        gc.enable()
    assert found == 0


def test_dropping_the_only_reference_frees_saved_arrays_without_gc():
    gc.collect()
    gc.disable()
    try:
        n0 = graph().number_of_nodes()
        x = jg.randn(1000, requires_grad=True)
        h = x.exp()                                   # exp saves its output
        r = h.tanh()                                  # tanh saves its output too
        saved = [weakref.ref(h._data), weakref.ref(r._data)]
        out = (r * h).sum()                           # mul saves both inputs
        fn = weakref.ref(out.grad_fn)
        del h, r
        assert all(ref() is not None for ref in saved)    # kept alive for backward
        del out
        assert fn() is None
        assert all(ref() is None for ref in saved)
        assert graph().number_of_nodes() == n0 + 1        # only the leaf x
        del x
        assert graph().number_of_nodes() == n0
    finally:
        gc.enable()


def test_backward_frees_saved_arrays_while_outputs_live():
    gc.collect()
    gc.disable()
    try:
        x = jg.randn(100, requires_grad=True)
        h = x * 2
        arr = weakref.ref(h._data)
        out = (h * h).sum()
        del h
        out.backward()          # frees what the graph saved, though `out` is still alive
        assert arr() is None
        assert out.requires_grad
    finally:
        gc.enable()
