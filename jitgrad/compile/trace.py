"""Tracing: run the user's function on symbolic tensors and record every op into an IR graph.

A ``SymbolicTensor`` is a Tensor whose data is only a shape and a dtype. Ops called on one
(through the same registry dispatchers eager code uses) do not compute: the registry's
``TraceHook`` hands them to ``Tracer.record``, which appends a node to the IR and returns a
new symbolic tensor whose shape and dtype come from the op's declared rules. Anything that
needs a value (``bool``, ``item``, ``numpy``, Python ``if`` on a tensor) raises an error that
points at the user's line.

The IR is a ``networkx.MultiDiGraph`` (see ``ir.py``): nodes are inputs, constants and op
calls; an edge per tensor argument, keyed by argument position.
"""
from __future__ import annotations

import itertools
import os
import sys
import threading

import numpy as np

from . import ir
from ..autograd import grad_mode
from ..ops.registry import NOT_TRACED, TraceHook
from ..tensor import Tensor, _new

_JITGRAD_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_PASSES_DIR = os.path.join(os.path.dirname(_JITGRAD_DIR), "passes")


class AbstractArray:
    """What a symbolic tensor has instead of data: enough of ndarray's surface (shape, ndim,
    size, dtype) for the ops' argument parsing to work unchanged."""

    __slots__ = ("shape", "dtype")

    def __init__(self, shape, np_dtype):
        self.shape = tuple(shape)
        self.dtype = np_dtype

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        n = 1
        for s in self.shape:
            n *= s
        return n

    @property
    def flags(self):
        return _ContiguousFlags

    def __array__(self, dtype=None, copy=None):
        # e.g. jitgrad.tensor(symbolic) or np.asarray(t._data): without this, NumPy would wrap
        # the stand-in itself in a 0-d object array and the trace would go on with a wrong value
        raise _value_error("reading a traced tensor's data (jitgrad.tensor(t), np.asarray)",
                           "Use the tensor itself inside compiled functions.")

    def __repr__(self):
        return f"AbstractArray(shape={self.shape}, dtype={self.dtype})"


class _ContiguousFlags:
    c_contiguous = True
    writeable = False


def user_frame():
    """(filename, line number, source line) of the innermost frame outside jitgrad."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if not (name.startswith(_JITGRAD_DIR) or name.startswith(_PASSES_DIR) or name.startswith("<jitgrad")):
            import linecache
            return name, frame.f_lineno, linecache.getline(name, frame.f_lineno).strip()
        frame = frame.f_back
    return "<unknown>", 0, ""


class TraceError(RuntimeError):
    """The traced function did something that has no meaning on symbolic tensors."""


def _trace_error(problem: str, advice: str):
    filename, line, source = user_frame()
    where = f"{filename}:{line}" + (f": `{source}`" if source else "")
    return TraceError(f"jitgrad.compile: {problem} (at {where}). {advice}")


def _value_error(what: str, instead: str):
    return _trace_error(f"{what} needs the tensor's value, which does not exist while the function "
                        f"is traced", instead)


class SymbolicTensor(Tensor):
    """A tensor of known shape and dtype, standing for a node of the graph being traced."""

    __slots__ = ()

    def _check_inplace(self):
        raise _trace_error("an in-place op cannot be traced: compiled functions are pure",
                           "Use the out-of-place op (x = x + y instead of x += y).")

    def __bool__(self):
        raise _value_error("Python control flow on a tensor (if/while/and/or/bool())",
                           "Use jitgrad.where(condition, a, b) for a data-dependent choice, or pass "
                           "the value in as a Python argument (the function is specialised on it).")

    def item(self):
        raise _value_error("item()", "Keep it a tensor, or pass the value in as a Python argument.")

    def tolist(self):
        raise _value_error("tolist()", "Return the tensor and convert it after the call.")

    def numpy(self, *, force=False):
        raise _value_error("numpy()", "Return the tensor and convert it after the call.")

    def __array__(self, dtype=None, copy=None):
        raise _value_error("converting to a NumPy array", "Use jitgrad ops inside compiled "
                                                          "functions; convert results after the call.")

    def __float__(self):
        raise _value_error("float()", "Keep it a tensor, or pass the value in as a Python argument.")

    __int__ = __index__ = __float__

    def detach(self):
        # a copy recorded without grad: a node of its own, which autodiff does not go through
        with grad_mode.no_grad():
            return self.clone()

    data = property(detach, lambda self, value: self._check_inplace())

    def detach_(self):
        self._check_inplace()

    def requires_grad_(self, requires_grad=True):
        raise _trace_error("requires_grad_() cannot be traced: inside a compiled function, which "
                           "tensors need gradients follows from the inputs",
                           "Use detach() to stop gradients.")

    def __repr__(self):
        node = self.__dict__.get("ir_node", "?")
        return (f"SymbolicTensor({node}, shape={tuple(self._data.shape)}, dtype={self.dtype.name}"
                f"{', requires_grad=True' if self._requires_grad else ''})")

    __str__ = __repr__


def symbolic(shape, dtype, requires_grad, node, output=0) -> SymbolicTensor:
    t = _new(SymbolicTensor)
    t._data = AbstractArray(shape, dtype.np)
    t.dtype = dtype
    t._requires_grad = bool(requires_grad)
    t.grad_fn = None
    t._version = [0]
    t._node = None
    t.ir_node = node
    t.ir_output = output
    return t


class Tracer:
    """Records op calls on symbolic tensors into an IR graph."""

    def __init__(self, name: str = "traced", capture: bool = False):
        self.graph = ir.new_graph(name)
        self._ids = itertools.count()
        self._consts: dict = {}
        # capture=True (tracing a user's function): a real tensor that requires grad (a
        # parameter read from a closure or global) becomes an extra input, listed in `lifted`,
        # so that it is read at every call and gets its gradient; the version of every other
        # captured tensor is noted in `captured` so that the caller can tell when it changed
        self.capture = capture
        self.lifted: list = []
        self.captured: list = []

    # ------------------------------------------------------------------ graph building
    def input(self, name: str, shape, dtype, requires_grad=False) -> SymbolicTensor:
        node = ir.add_input(self.graph, name, shape, dtype, requires_grad)
        return symbolic(shape, dtype, requires_grad, node)

    def _const(self, t: Tensor) -> SymbolicTensor:
        """A real tensor met while tracing becomes a constant of the graph (once per tensor)."""
        found = self._consts.get(id(t))
        if found is not None and found[0] is t:
            return found[1]
        if self.capture and t._requires_grad:
            requires_grad = grad_mode.state.enabled and t.dtype.is_floating_point
            sym = self.input(f"captured_{len(self.lifted)}", t._data.shape, t.dtype, requires_grad)
            self.lifted.append(t)
            self._consts[id(t)] = (t, sym)
            return sym
        node = ir.add_const(self.graph, f"const_{next(self._ids)}", np.array(t._host_values()), t.dtype)
        if self.capture:
            self.captured.append((node, t._version, t._version[0]))
        sym = symbolic(t._data.shape, t.dtype, False, node)
        self._consts[id(t)] = (t, sym)
        return sym

    def record(self, op, args, attrs):
        if not any(isinstance(a, SymbolicTensor) for a in args) and not self._reads_captured(op, args):
            return NOT_TRACED   # only constants: compute now, eagerly (constant folding for free)
        if _holds_abstract(attrs):
            raise _value_error(f"{op.name} with a traced tensor (an argument of the compiled function, or "
                               f"computed inside it) as an option, e.g. an index or mask,",
                               "Its value decides the result's shape or elements at trace time: index with "
                               "Python ints/slices or a tensor from outside the function (a constant), use "
                               "index_select/gather/take (they take index tensors as inputs), or "
                               "jitgrad.where(mask, x, 0) instead of x[mask].")
        if op.shape_rule is None:      # declared without one: the shape depends on the values
            raise _value_error(f"{op.name}, whose result's shape depends on its inputs' values,",
                               "Compute it outside the compiled function and pass the result in, or use "
                               "a fixed-shape formulation (jitgrad.where(mask, x, 0) instead of "
                               "masked_select).")
        tensors = [self._const(a) if isinstance(a, Tensor) and not isinstance(a, SymbolicTensor) else a
                   for a in args]
        dtype = op.result_dtype(tensors, attrs)
        shape = op.out_shape(tensors, attrs)
        requires_grad = grad_mode.state.enabled and op.differentiable and any(
            isinstance(t, SymbolicTensor) and t._requires_grad and op.rules[i] is not None
            for i, t in enumerate(tensors))
        node = ir.add_op(self.graph, op, f"{op.name}_{next(self._ids)}", tensors, attrs, shape, dtype,
                         requires_grad)
        if not op.multi_output:
            return symbolic(shape, dtype, requires_grad and dtype.is_floating_point, node)
        return tuple(symbolic(s, d, requires_grad and d.is_floating_point, node, k)
                     for k, (s, d) in enumerate(zip(shape, dtype)))

    def _reads_captured(self, op, args) -> bool:
        """Whether an op on real tensors alone must still be traced: tracing a user's function,
        an op on a tensor from outside it (``weight.t()`` in a layer) computed eagerly would be
        baked into the compiled code — a parameter's gradient lost, or a buffer's later values
        (BatchNorm's running statistics) never seen. Traced, the tensor becomes a lifted input
        or a version-checked constant. Ops whose result shape depends on values stay eager."""
        return self.capture and op.shape_rule is not None and any(isinstance(a, Tensor) for a in args)

    # ------------------------------------------------------------------ activation
    def __enter__(self):
        stack = getattr(_local, "stack", None)
        if stack is None:
            stack = _local.stack = []
        stack.append(self)
        with _active_lock:
            TraceHook.active += 1          # a count: tracers in other threads stay active
        TraceHook.record = _record_in_current_tracer
        return self

    def __exit__(self, *exc):
        _local.stack.pop()
        with _active_lock:
            TraceHook.active -= 1
        return False


def _holds_abstract(value) -> bool:
    """Whether an op attribute holds a symbolic tensor's stand-in data (a traced index)."""
    if isinstance(value, AbstractArray):
        return True
    if isinstance(value, dict):
        return any(_holds_abstract(v) for v in value.values())
    if isinstance(value, (tuple, list)):
        return any(_holds_abstract(v) for v in value)
    return False


_local = threading.local()
_active_lock = threading.Lock()


def _record_in_current_tracer(op, args, attrs):
    stack = getattr(_local, "stack", None)
    if not stack:
        return NOT_TRACED                  # another thread is tracing; this one runs eagerly
    return stack[-1].record(op, args, attrs)
