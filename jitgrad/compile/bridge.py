"""The autograd bridge: a compiled call's outputs get one grad_fn that runs the compiled
backward schedule, so ``loss = f(x, w); loss.backward()`` works as it does eagerly and
composes with eager ops before and after the call."""
from __future__ import annotations

import numpy as np

from ..autograd import grad_mode
from ..autograd.function import Node, SECOND_BACKWARD, _edge_of, _version_error, _zeros
from ..tensor import Tensor, _wrap
from .memory import MemoryOwners


class CompiledBackward(Node):
    """grad_fn of the outputs of a compiled function called with inputs that require grad."""

    def __init__(self, entry, args, saved, outputs):
        self.entry = entry
        self.saved = saved
        # saved arrays that are the memory of an input or output tensor: as eager backward
        # does, refuse to run if that tensor was changed in place since (a wrong gradient else)
        saved_memory = MemoryOwners([s for s in saved if s is not None])
        self.watched = [(t, t._version[0]) for t in list(args) + list(outputs)
                        if isinstance(t, Tensor) and saved_memory.overlaps(t._data)]
        # edges only for the tensor arguments the backward graph differentiates
        wanted = set(entry.wrt_positions)
        self.next_edges = [_edge_of(a) if i in wanted else None for i, a in enumerate(args)]
        self._out_meta = [(o._data.shape, o.dtype) for o in outputs]
        self.out_shape, self.out_dtype = self._out_meta[0]
        recorded = [o if o.dtype.is_floating_point else None for o in outputs]
        self._record(self.name(), args, recorded)

    def name(self) -> str:
        return "CompiledFunctionBackward"

    def apply(self, grads):
        if self._freed:
            raise RuntimeError(SECOND_BACKWARD)
        if grad_mode.state.enabled:
            raise RuntimeError(
                f"jitgrad.compile: {self.entry.name} was compiled, and its backward is not itself "
                f"differentiable (create_graph=True, double backward); call the function uncompiled "
                f"for higher-order gradients.")
        for t, version in self.watched:
            if t._version[0] != version:
                raise _version_error(t, version, self.name())
        on_cuda = self.entry.target == "cuda"
        grad_arrays = [g._data if g is not None else _zeros(shape, dt, on_cuda)._data
                       for g, (shape, dt) in zip(grads, self._out_meta)]
        inputs = grad_arrays + self.saved
        results = self.entry.backward.run(inputs)
        in_grads = [None] * len(self.next_edges)
        for position, arr, (shape, dt) in zip(self.entry.wrt_positions, results, self.entry.wrt_meta):
            if arr is not None:
                if arr.__class__ is np.ndarray:
                    arr = np.asarray(arr, dt.np)
                in_grads[position] = _wrap(arr.reshape(shape) if tuple(arr.shape) != tuple(shape) else arr, dt)
        self.handed_over = _fresh_positions(in_grads, inputs)
        return in_grads

    def _release_saved(self):
        self.saved = None
        self.watched = ()


def _fresh_positions(in_grads, inputs) -> list:
    """Gradients whose memory is neither an input's (a gradient passed through, a saved value)
    nor another gradient's: each is its leaf's alone to keep, rather than a copy."""
    grads = [(position, g._data) for position, g in enumerate(in_grads) if g is not None]
    memory = MemoryOwners([s for s in inputs if s is not None] + [arr for _, arr in grads])
    return [position for position, arr in grads if memory.count(arr) == 1]


def attach(entry, args, saved, outputs):
    """Make `outputs` (fresh tensors) the outputs of one CompiledBackward node."""
    if any(o.dtype.is_floating_point for o in outputs):
        CompiledBackward(entry, args, saved, outputs)
