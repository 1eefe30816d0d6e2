"""``jitgrad.compile``: trace once per guard set, derive the backward, optimise, lower, run.

    @jitgrad.compile
    def f(x, w):
        return (x @ w).tanh().sum()

    loss = f(x, w)          # first call with these shapes/dtypes/requires_grad: trace + build
    loss.backward()         # runs the compiled backward
    f.explain(x, w)         # what the compiler did

Guards: an entry is specialised on each tensor argument's shape, dtype and whether it
requires grad (under the current grad mode), and on the value of every other argument
(positional or keyword). A call that matches no entry retraces, logging which guard failed
(JITGRAD_LOGS=recompiles); after ``MAX_RETRACES`` retraces the function runs eagerly from
then on, with one warning.

Tensors the function reads from outside (globals, closures) are captured while tracing: one
that requires grad (a parameter) becomes an extra input of the graph, read afresh at every
call and given its gradient by backward; any other becomes a constant, and changing it in
place afterwards makes the next call retrace.
"""
from __future__ import annotations

import functools
import inspect
import warnings

import numpy as np

from . import bridge, ir
from .logs import logger
from .memory import MemoryOwners
from .trace import SymbolicTensor, TraceError, Tracer
from .. import dtypes, random
from ..autograd import grad_mode
from ..tensor import Tensor, _wrap

MAX_RETRACES = 8
TARGETS = ("cpu", "cuda")


def compile(fn=None, *, target: str = "cpu", passes=None):
    """Compile `fn` (a function of tensors) — usable as ``@compile``, ``@compile(target=...)``
    or ``compile(fn, target=...)``. `passes` replaces the optimisation pipeline
    (default: ``passes.PIPELINE``, a plain list of graph -> graph functions)."""
    if target not in TARGETS:
        raise ValueError(f"jitgrad.compile: unknown target {target!r}; available: {', '.join(TARGETS)}")
    if fn is None:
        return functools.partial(compile, target=target, passes=passes)
    if not callable(fn):
        raise TypeError(f"jitgrad.compile expects a function, got {type(fn).__name__}")
    return CompiledFunction(fn, target, passes)


def _flat(args, kwargs) -> list:
    """The call's values in one list: positional arguments, then keyword ones by name."""
    return list(args) + [kwargs[name] for name in sorted(kwargs)] if kwargs else list(args)


def _guard(args, kwargs):
    """What an entry is specialised on: one item per argument (see ``_flat``), the keyword
    names, and the default float dtype (what ``tensor(1.5)`` inside the function would be)."""
    recording = grad_mode.state.enabled
    key = []
    for a in _flat(args, kwargs):
        if isinstance(a, Tensor):
            key.append(("tensor", tuple(a._data.shape), a.dtype.name, bool(a._requires_grad and recording),
                        a._data.__class__ is np.ndarray))     # (on the CPU)
        else:
            key.append(("value", type(a).__name__, _hashable(a)))
    return tuple(key), tuple(sorted(kwargs)), dtypes.default_float.name


def _hashable(value):
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def _module_roots(fn) -> tuple:
    """The nn.Modules a compiled callable runs: itself, the object of a bound method and the
    modules among that object's attributes, and modules in a closure's cells (``lambda x:
    loss(net(x))``). Their train()/eval() flags change what forward computes (dropout, batch
    norm), so they are guarded like arguments."""
    def is_module(obj):
        return callable(getattr(obj, "modules", None)) and hasattr(obj, "training")
    candidates = [fn]
    owner = getattr(fn, "__self__", None)
    if owner is not None:
        candidates += [owner, *getattr(owner, "__dict__", {}).values()]
    for cell in getattr(fn, "__closure__", None) or ():
        try:
            candidates.append(cell.cell_contents)
        except ValueError:      # a cell not yet filled
            pass
    roots = []
    for obj in candidates:
        if is_module(obj) and all(obj is not r for r in roots):
            roots.append(obj)
    return tuple(roots)


def _training_modes(roots) -> tuple:
    return tuple(m.training for root in roots for m in root.modules())


def _explain_guard_failure(names, old_key, new_key) -> str:
    (old, old_kw, old_default, old_modes), (new, new_kw, new_default, new_modes) = old_key, new_key
    if old_modes != new_modes:
        return f"module training modes {old_modes} -> {new_modes} (train()/eval())"
    if old_default != new_default:
        return f"default dtype {old_default} -> {new_default}"
    if old_kw != new_kw:
        return f"keyword arguments {list(old_kw)} -> {list(new_kw)}"
    if len(old) != len(new):
        return f"number of arguments {len(old)} -> {len(new)}"
    names = list(names[:len(old) - len(new_kw)]) + list(new_kw) if new_kw else names
    reasons = []
    for i, (a, b) in enumerate(zip(old, new)):
        if a == b:
            continue
        label = names[i] if i < len(names) else f"argument {i}"
        if a[0] == b[0] == "tensor":
            for field, x, y in zip(("shape", "dtype", "requires_grad"), a[1:], b[1:]):
                if x != y:
                    reasons.append(f"{label}.{field} {x} -> {y}")
        else:
            reasons.append(f"{label} {a[-1]!r} -> {b[-1]!r}")
    return "; ".join(reasons)


class CompiledFunction:
    """The callable ``jitgrad.compile`` returns; holds one compiled entry per guard set."""

    def __init__(self, fn, target, passes):
        self.fn = fn
        self.target = target
        self.passes = passes
        self.entries: dict = {}
        self.retraces = 0
        self.eager_fallback = False
        self._last_key = None
        try:
            self._names = list(inspect.signature(fn).parameters)
        except (TypeError, ValueError):
            self._names = []
        # a callable object (an nn.Module) has no __name__, and its __dict__ (parameters,
        # submodules) is not the compiled function's to copy
        plain = inspect.isfunction(fn) or inspect.ismethod(fn)
        functools.update_wrapper(self, fn, updated=functools.WRAPPER_UPDATES if plain else ())
        self.__name__ = getattr(fn, "__name__", type(fn).__name__)
        self._modules = _module_roots(fn)

    def __call__(self, *args, **kwargs):
        if self.eager_fallback:
            return self.fn(*args, **kwargs)
        key = _guard(args, kwargs) + (_training_modes(self._modules),)
        entry = self.entries.get(key)
        stale = entry.stale() if entry is not None else None
        if entry is None or stale:
            entry = self._new_entry(key, args, kwargs, stale)
            if entry is None:
                return self.fn(*args, **kwargs)
        return entry.run(args, kwargs)

    def _new_entry(self, key, args, kwargs, reason=None):
        if self.entries:
            self.retraces += 1
            reason = reason or _explain_guard_failure(self._names, self._last_key, key)
            logger("recompiles").info("recompiling %s: %s", self.__name__, reason)
            if self.retraces > MAX_RETRACES:
                warnings.warn(f"jitgrad.compile: {self.__name__} was retraced {MAX_RETRACES} times "
                              f"(last: {reason}); running it eagerly from now on. Pass values that "
                              f"change between calls as tensors of a fixed shape to avoid retracing.",
                              RuntimeWarning, stacklevel=3)
                self.eager_fallback = True
                return None
        self._last_key = key
        entry = build_entry(self.fn, args, kwargs, self._names, self.target, self.passes)
        self.entries[key] = entry
        return entry

    def explain(self, *args, **kwargs):
        """A report of what the compiler does for these arguments (see ``explain.Report``)."""
        from .explain import Report
        key = _guard(args, kwargs) + (_training_modes(self._modules),)
        entry = self.entries.get(key)
        if entry is None or entry.stale():
            entry = build_entry(self.fn, args, kwargs, self._names, self.target, self.passes)
        return Report(entry)

    def __repr__(self):
        return f"<jitgrad.compile({self.__name__}, target={self.target!r}): {len(self.entries)} entries>"


class Entry:
    """One specialisation: graphs, schedules, and how to map results back to Python."""

    def __init__(self, name):
        self.name = name
        self.traced_graph = None      # as traced, before any pass
        self.forward_graph = None     # after passes; outputs = user outputs + saved values
        self.backward_graph = None
        self.forward = None           # schedules
        self.backward = None
        self.structure = None         # how to rebuild the returned value
        self.n_user_outputs = 0
        self.tensor_positions = []    # which call arguments are tensors
        self.wrt_positions = []       # which tensor arguments get gradients
        self.wrt_meta = []
        self.output_is_fresh = []     # False where an output is an input or a constant
        self.lifted = []              # captured tensors that require grad: inputs after the call's
        self.lifted_meta = []         # (shape, dtype, requires_grad) of each when traced
        self.captured = []            # (name, version cell, version) of captured constants
        self.target = "cpu"

    def stale(self):
        """Why this entry no longer fits tensors it captured (None when it does)."""
        for name, cell, version in self.captured:
            if cell[0] != version:
                return f"captured tensor {name} was modified in place"
        for k, (t, meta) in enumerate(zip(self.lifted, self.lifted_meta)):
            if _lifted_meta(t) != meta:
                return f"captured parameter {k} (shape, dtype, requires_grad) {meta} -> {_lifted_meta(t)}"
        return None

    def run(self, args, kwargs=None):
        values = _flat(args, kwargs) + self.lifted
        arrays = [values[i]._data for i in self.tensor_positions]
        results = self.forward.run(arrays)
        user, saved = results[:self.n_user_outputs], results[self.n_user_outputs:]
        tensors, handed_out, input_memory = [], set(), None
        for arr, (shape, dtype), fresh, from_kernel in zip(user, self.output_meta, self.output_is_fresh,
                                                          self.forward.returned_from_kernels):
            if arr.__class__ is not np.ndarray:     # CUDA: every step's result is fresh memory but views
                if not fresh or id(arr) in handed_out or not from_kernel:
                    from ..backends.cuda_device import copy
                    arr = copy(arr)
                handed_out.add(id(arr))
                tensors.append(_wrap(arr, dtype))
                continue
            # every output is a tensor of its own: never an input's or a constant's memory (a
            # pass may reduce an output to either, a view op may return a view of an input),
            # and never the memory of another output (cse may merge two outputs). A kernel's
            # output is memory of the schedule's own.
            if not from_kernel and fresh and input_memory is None:
                input_memory = MemoryOwners(arrays)
            if not fresh or id(arr) in handed_out or (not from_kernel and input_memory.overlaps(arr)):
                arr = np.array(arr, copy=True)
            handed_out.add(id(arr))
            tensors.append(_wrap(arr, dtype))
        if self.backward is not None and grad_mode.state.enabled:
            bridge.attach(self, values, saved, tensors)
        return _rebuild(self.structure, iter(tensors))


def _check_devices(name, target, tensors):
    """Every tensor a compiled function reads must be on its target's device."""
    for label, t in tensors:
        if t.device.type != target:
            raise RuntimeError(
                f"jitgrad.compile({name}, target={target!r}): {label} is on {t.device}, the compiled code "
                f"runs on {target}: move it with .to({target!r}) (models: model.to({target!r})), or compile "
                f"with target={t.device.type!r}")


def _lifted_meta(t):
    return tuple(t._data.shape), t.dtype, bool(t._requires_grad and grad_mode.state.enabled)


def _flatten(result):
    """Outputs as a list of tensors plus a structure to rebuild the returned value."""
    if isinstance(result, Tensor):
        return [result], "tensor"
    if isinstance(result, (tuple, list)):
        items, structure = [], []
        for r in result:
            sub_items, sub = _flatten(r)
            items += sub_items
            structure.append(sub)
        return items, (type(result), structure)
    return [], ("value", result)


def _rebuild(structure, tensors):
    if structure == "tensor":
        return next(tensors)
    kind, content = structure
    if kind == "value":
        return content
    items = [_rebuild(s, tensors) for s in content]
    return kind._make(items) if hasattr(kind, "_make") else kind(items)   # namedtuples too


def build_entry(fn, args, kwargs, names, target, passes=None) -> Entry:
    """Trace `fn` on symbolic versions of `args`, derive its backward, optimise and lower."""
    from passes import PIPELINE, autodiff, run_pipeline
    from . import lowering

    name = getattr(fn, "__name__", type(fn).__name__)
    entry = Entry(name)
    entry.target = target
    tracer = Tracer(name, capture=True)
    recording = grad_mode.state.enabled
    values = _flat(args, kwargs)
    labels = list(names[:len(args)]) + sorted(kwargs)
    symbolic_args = []
    with tracer:
        for i, a in enumerate(values):
            if isinstance(a, Tensor):
                entry.tensor_positions.append(i)
                label = labels[i] if i < len(labels) and labels[i].isidentifier() else f"arg{i}"
                symbolic_args.append(tracer.input(label, a._data.shape, a.dtype,
                                                  a._requires_grad and recording))
            else:
                symbolic_args.append(a)
        n = len(args)
        rng = random.default_generator()
        rng_state = rng.bit_generator.state
        result = fn(*symbolic_args[:n], **dict(zip(sorted(kwargs), symbolic_args[n:])))
        if random.default_generator() is not rng or rng.bit_generator.state != rng_state:
            raise TraceError(
                f"jitgrad.compile: {name} draws random numbers (rand, randn, dropout, manual_seed, ...) "
                f"while it is traced; they would become constants, the same at every call. Draw them "
                f"outside the compiled function and pass them in as arguments.")
        outputs, entry.structure = _flatten(result)
        for k, out in enumerate(outputs):
            if not isinstance(out, SymbolicTensor):   # a real tensor returned as is: a constant
                outputs[k] = tracer._const(out)
    _check_devices(name, target, [(labels[i] if i < len(labels) else f"argument {i}", a)
                                  for i, a in enumerate(values) if isinstance(a, Tensor)] +
                   [(f"captured tensor {k} (a parameter?)", t) for k, t in enumerate(tracer.lifted)])
    entry.lifted = list(tracer.lifted)
    entry.lifted_meta = [_lifted_meta(t) for t in entry.lifted]
    entry.tensor_positions += [len(values) + k for k in range(len(entry.lifted))]
    entry.captured = list(tracer.captured)
    graph = tracer.graph
    graph.graph["outputs"] = [(o.ir_node, o.ir_output) for o in outputs]
    entry.traced_graph = graph.copy()
    entry.n_user_outputs = len(outputs)
    entry.output_meta = [(tuple(o._data.shape), o.dtype) for o in outputs]

    wrt = [n for n in graph.graph["inputs"] if graph.nodes[n]["requires_grad"]]
    if wrt and any(o._requires_grad for o in outputs):
        backward, _ = autodiff(graph, wrt)
        backward = _drop_unused_saved(run_pipeline(backward, passes if passes is not None else PIPELINE))
        graph.graph["outputs"] = graph.graph["outputs"] + backward.graph["saved"]
        entry.backward_graph = backward
        entry.wrt_positions = [entry.tensor_positions[graph.nodes[n]["index"]] for n in wrt]
        entry.wrt_meta = [(graph.nodes[n]["shape"], graph.nodes[n]["dtype"]) for n in wrt]
        entry.backward = lowering.lower(entry.backward_graph, target)
    entry.forward_graph = run_pipeline(graph, passes if passes is not None else PIPELINE)
    # after the passes: simplification may have turned an output into an input or a constant
    entry.output_is_fresh = [out is not None and entry.forward_graph.nodes[out[0]]["kind"] == "op"
                             for out in entry.forward_graph.graph["outputs"][:entry.n_user_outputs]]
    entry.forward = lowering.lower(entry.forward_graph, target)
    log = logger("graphs")
    if log.isEnabledFor(20):
        log.info("%s", ir.format_graph(entry.forward_graph))
        if entry.backward_graph is not None:
            log.info("%s", ir.format_graph(entry.backward_graph))
    return entry


def _drop_unused_saved(backward):
    """Saved values the optimised backward no longer reads need not be kept by the forward."""
    n_grads = backward.graph["grad_inputs"]
    inputs = backward.graph["inputs"]
    keep = [i for i, node in enumerate(inputs[n_grads:]) if backward.out_degree(node) or
            any(out is not None and out[0] == node for out in backward.graph["outputs"])]
    if len(keep) == len(inputs) - n_grads:
        return backward
    pruned = backward.copy()
    dropped = [inputs[n_grads + i] for i in range(len(inputs) - n_grads) if i not in keep]
    pruned.remove_nodes_from(dropped)
    pruned.graph["inputs"] = inputs[:n_grads] + [inputs[n_grads + i] for i in keep]
    pruned.graph["saved"] = [backward.graph["saved"][i] for i in keep]
    for position, node in enumerate(pruned.graph["inputs"]):
        pruned.nodes[node]["index"] = position
    return pruned
