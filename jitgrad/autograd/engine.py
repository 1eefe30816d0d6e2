"""The backward engine: walk the graph from the roots, call each node's vjp, accumulate.

As micrograd, in one loop — with the parts torch users rely on: nodes run newest-first,
which is after all their output gradients have arrived and is torch's order (so hooks fire
as they do there), tensor hooks and retain_grad, gradients summed back to each input's shape
and cast to its dtype, leaves accumulate into ``.grad``, and the graph is freed as it is
consumed unless ``retain_graph=True``.
"""
from __future__ import annotations

import heapq
import math

import numpy as np

from . import grad_mode
from .function import SECOND_BACKWARD, _zeros
from .hooks import run_hooks
from ..tensor import Tensor, _wrap
from ..ops.dims import broadcastable_to, sum_to_size_forward


def _as_tuple(x):
    if x is None:
        return ()
    if isinstance(x, Tensor):
        return (x,)
    return tuple(x)


def _root_grads(outputs, grad_outputs, create_graph):
    """Pair each output with its starting gradient, with torch's checks."""
    grad_outputs = list(_as_tuple(grad_outputs)) if grad_outputs is not None else [None] * len(outputs)
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(f"got {len(outputs)} tensors and {len(grad_outputs)} gradients")
    roots = []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if not isinstance(out, Tensor):
            raise TypeError(f"outputs must be Tensors, got {type(out).__name__} at position {i}")
        if not out._requires_grad:
            raise RuntimeError(f"element {i} of tensors does not require grad and does not have a grad_fn")
        if g is None:
            if out._data.size != 1:
                raise RuntimeError(f"grad can be implicitly created only for scalar outputs "
                                   f"(output {i} has shape {list(out._data.shape)}); pass gradient=")
            g = _wrap(np.ones(out._data.shape, out.dtype.np), out.dtype)
            if out._data.__class__ is not np.ndarray:      # a CUDA output: its gradient on the GPU
                g = g.to(out.device)
        elif not isinstance(g, Tensor):
            raise TypeError(f"gradient must be a Tensor, got {type(g).__name__}")
        elif g._data.shape != out._data.shape:
            raise RuntimeError(f"Mismatch in shape: grad_output[{i}] has a shape of "
                               f"{list(g._data.shape)} and output[{i}] has a shape of {list(out._data.shape)}.")
        elif not create_graph:
            g = g.detach()
        roots.append((out.grad_fn, out._output_nr, out, g))
    return roots


def _fit(grad, shape, dtype, fn, index):
    """Bring a vjp's result to its input's shape (summing broadcast dims) and dtype."""
    if not isinstance(grad, Tensor):
        raise TypeError(f"function {fn.name()} returned a gradient of type {type(grad).__name__} at "
                        f"index {index}; expected a Tensor or None")
    if grad._data.shape != shape:
        # with no graph to record, NumPy directly (the ops would only add dispatch)
        recording = grad_mode.state.enabled or grad._data.__class__ is not np.ndarray   # (CUDA: through ops)
        if broadcastable_to(grad._data.shape, shape):     # a reduction's gradient: broadcast back
            grad = grad.expand(shape) if recording else _expanded(grad, shape)
        elif broadcastable_to(shape, grad._data.shape):   # the input was broadcast: sum back
            grad = grad.sum_to_size(shape) if recording else _wrap(sum_to_size_forward(grad._data, shape), grad.dtype)
        else:
            raise RuntimeError(f"Function {fn.name()} returned an invalid gradient at index {index} - "
                               f"got {list(grad._data.shape)} but expected shape compatible with {list(shape)}")
    if grad.dtype is not dtype:
        grad = grad.to(dtype)
    return grad


_SMALL = 1 << 12


def _expanded(grad, shape):
    """grad broadcast to `shape` when no graph is recorded: NumPy directly, a copy for small
    tensors (np.broadcast_to's Python layers cost more than copying a few numbers)."""
    data = grad._data
    if math.prod(shape) > _SMALL:
        return _wrap(np.broadcast_to(data, shape), grad.dtype)
    out = np.empty(shape, data.dtype)
    out[...] = data
    return _wrap(out, grad.dtype)


def _copy_of(grad):
    data = grad._data
    if data.__class__ is np.ndarray:
        return _wrap(data.copy(), grad.dtype)
    return grad.clone().detach()      # a CUDA gradient: copied on the GPU


def _accumulate(leaf, grad, create_graph, owned=False):
    old = leaf._grad
    if old is None:
        # A copy, unless the gradient is this leaf's alone: the same gradient tensor may reach
        # several leaves (add's vjp passes g through)
        leaf._grad = grad if create_graph or owned else _copy_of(grad)
    elif create_graph or old._data.__class__ is not np.ndarray or old._data.shape != grad._data.shape or \
            not old._data.flags.writeable:
        leaf._grad = old + grad
    else:
        np.add(old._data, grad._data, out=old._data)
        old._version[0] += 1


def _to_leaf(leaf, g, create_graph, targets, captured, hooked, owned=False):
    """A gradient reaching a leaf: accumulate it (backward) or capture it (autograd.grad).
    A leaf with hooks waits in `hooked` for its whole gradient, so that its hooks run once,
    on the sum, as torch runs them."""
    key = id(leaf)
    if targets is not None and key not in targets:
        return
    if leaf._hooks:
        entry = hooked.get(key)
        if entry is None:
            hooked[key] = [leaf, g]
        else:
            entry[1] = entry[1] + g
    elif targets is None:
        _accumulate(leaf, g, create_graph, owned)
    else:
        captured[key] = g if key not in captured else captured[key] + g


def _retain(fn, k, grad, create_graph):
    ref = fn._retain.get(k) if fn._retain else None
    t = ref() if ref is not None else None
    if t is None:
        return
    if t._grad is None:
        t._grad = grad if create_graph else _copy_of(grad)
    else:
        t._grad = t._grad + grad


def _output_hooks(fn, grads, create_graph, targets, captured):
    """Tensor hooks and retain_grad of fn's outputs, and autograd.grad's captures."""
    for k, g in enumerate(grads):
        if g is None:
            continue
        if fn._pre_hooks and k in fn._pre_hooks:
            grads[k] = g = run_hooks(fn._pre_hooks[k], g)
        if fn._retain:
            _retain(fn, k, g, create_graph)
        if targets is not None and (fn, k) in targets:
            key = (fn, k)
            captured[key] = g if key not in captured else captured[key] + g


def _needed(roots, targets):
    """For autograd.grad: the nodes from which some target can be reached (only they run)."""
    order = []           # post-order: a node after everything it leads to
    seen = set()
    stack = [(fn, False) for fn, *_ in roots if fn is not None]
    while stack:
        fn, expanded = stack.pop()
        if expanded:
            order.append(fn)
            continue
        if fn in seen:
            continue
        seen.add(fn)
        stack.append((fn, True))
        for edge in fn.next_edges:
            if type(edge) is tuple and edge[0] not in seen:
                stack.append((edge[0], False))
    needed = set()
    for fn in order:
        for edge in fn.next_edges:
            if edge is None:
                continue
            if type(edge) is tuple:
                if edge[0] in needed or edge in targets:
                    needed.add(fn)
                    break
            elif id(edge) in targets:
                needed.add(fn)
                break
    return needed


def _run(roots, retain_graph, create_graph, targets=None):
    """Execute backward. With `targets` (autograd.grad) gradients are captured, not accumulated.

    Order: a node's consumers are always created after it, so they have larger ids. Running
    nodes newest-first (a max-heap on id) therefore runs every node after all the nodes that
    send it gradient — no dependency-counting pass — and it is torch's order too.
    """
    captured = {}
    hooked = {}          # id(leaf) -> [leaf, gradient so far], for leaves with hooks
    needed = None if targets is None else _needed(roots, targets)
    buffers: dict = {}   # node -> its outputs' gradients so far; a node is queued when it gets one
    ready = []
    for fn, k, out, g in roots:
        if fn is None:  # backward() called on a leaf itself
            _to_leaf(out, g, create_graph, targets, captured, hooked)
            continue
        buf = buffers.get(fn)
        if buf is None:
            buf = buffers[fn] = [None] * fn._n_out
            heapq.heappush(ready, (-fn._id, fn))
        buf[k] = g if buf[k] is None else buf[k] + g

    heappush, heappop = heapq.heappush, heapq.heappop
    observe = targets is not None
    previous = grad_mode.state.enabled
    grad_mode.state.enabled = create_graph
    try:
        fn = heappop(ready)[1] if ready else None
        while fn is not None:
            grads = buffers.pop(fn)
            if observe or fn._pre_hooks or fn._retain:
                _output_hooks(fn, grads, create_graph, targets, captured)
            run_it = needed is None or fn in needed
            if run_it and (grads[0] is not None or any(g is not None for g in grads)):
                in_grads = fn.apply(grads)
            else:
                if run_it and fn._freed:
                    raise RuntimeError(SECOND_BACKWARD)
                in_grads = [None] * len(fn.next_edges)
            handoff = None       # a single newly queued child can run next without the heap
            i = 0
            for edge in fn.next_edges:
                if edge is not None:
                    g = in_grads[i]
                    if type(edge) is tuple:
                        child, k = edge
                        if g is not None:   # fit to the input's shape and dtype: child's output k
                            if k:
                                shape, dtype = child._out_meta[k]
                            else:
                                shape, dtype = child.out_shape, child.out_dtype
                            if g.__class__ is not Tensor or g._data.shape != shape or g.dtype is not dtype:
                                g = _fit(g, shape, dtype, fn, i)
                        buf = buffers.get(child)
                        if buf is None:
                            buf = buffers[child] = [None] * child._n_out
                            if handoff is None:
                                handoff = child
                            else:
                                heappush(ready, (-child._id, child))
                        if g is not None:
                            buf[k] = g if buf[k] is None else buf[k] + g
                    elif g is not None:
                        if g.__class__ is not Tensor or g._data.shape != edge._data.shape or \
                                g.dtype is not edge.dtype:
                            g = _fit(g, edge._data.shape, edge.dtype, fn, i)
                            owned = False
                        else:
                            owned = i in fn.handed_over
                        _to_leaf(edge, g, create_graph, targets, captured, hooked, owned)
                i += 1
            if run_it and not retain_graph:
                fn.release()
            if handoff is not None and (not ready or ready[0][0] > -handoff._id):
                fn = handoff
            else:
                if handoff is not None:
                    heappush(ready, (-handoff._id, handoff))
                fn = heappop(ready)[1] if ready else None
        for leaf, g in hooked.values():
            g = run_hooks(leaf._hooks, g)
            if targets is None:
                _accumulate(leaf, g, create_graph)
            else:
                captured[id(leaf)] = g
    finally:
        grad_mode.state.enabled = previous
    return captured


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """``jitgrad.autograd.backward``: accumulate d(tensors)/d(leaves) into the leaves' ``.grad``."""
    outputs = _as_tuple(tensors)
    if retain_graph is None:
        retain_graph = create_graph
    roots = _root_grads(outputs, grad_tensors, create_graph)
    if inputs is None:
        _run(roots, retain_graph, create_graph)
        return
    inputs = _as_tuple(inputs)
    grads = grad(outputs, inputs, grad_tensors, retain_graph, create_graph, allow_unused=True)
    for t, g in zip(inputs, grads):
        if g is not None:
            _accumulate(t, g, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """``jitgrad.autograd.grad``: the gradients of `outputs` w.r.t. `inputs`, as a tuple.

    Nothing is accumulated into ``.grad``. ``create_graph=True`` records the backward pass
    itself, so the results can be differentiated again (higher-order gradients).
    """
    if is_grads_batched:
        raise RuntimeError("autograd.grad: is_grads_batched=True is not supported by jitgrad")
    if allow_unused is None:
        allow_unused = materialize_grads
    outputs = _as_tuple(outputs)
    inputs = _as_tuple(inputs)
    if not inputs:
        raise RuntimeError("grad requires at least one input")
    if retain_graph is None:
        retain_graph = create_graph
    keys = []
    for i, t in enumerate(inputs):
        if not isinstance(t, Tensor):
            raise TypeError(f"inputs must be Tensors, got {type(t).__name__} at position {i}")
        if not t._requires_grad:
            raise RuntimeError(f"One of the differentiated Tensors (input {i}) does not require grad")
        keys.append(id(t) if t.grad_fn is None else (t.grad_fn, t._output_nr))
    roots = _root_grads(outputs, grad_outputs, create_graph)
    captured = _run(roots, retain_graph, create_graph, targets=set(keys))
    result = []
    for i, (t, key) in enumerate(zip(inputs, keys)):
        g = captured.get(key)
        if g is None:
            if materialize_grads:
                g = _zeros(t._data.shape, t.dtype, t.is_cuda)
            elif not allow_unused:
                raise RuntimeError(f"One of the differentiated Tensors (input {i}) appears to not have "
                                   f"been used in the graph. Set allow_unused=True if this is the desired "
                                   f"behavior.")
        result.append(g)
    return tuple(result)
