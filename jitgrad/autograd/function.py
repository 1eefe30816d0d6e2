"""Backward graph nodes (``grad_fn``): one for each registry op call, one for each custom
``Function.apply`` call.

A node knows its inputs' edges (``next_edges``: per input, ``None``, a leaf tensor to
accumulate into, or ``(node, output_nr)``), what its backward needs (saved tensors, checked
against their version counters) and how to compute input gradients from output gradients.
Nodes hold no reference to their outputs (that would be a reference cycle, keeping memory
alive until the cyclic collector runs); a saved *output* is kept as its bare array and turned
back into a tensor, whose ``grad_fn`` is this node, only while backward runs.
"""
from __future__ import annotations

import numpy as np

from . import grad_mode, live_graph
from .. import dtypes
from ..tensor import Tensor, _wrap

_next_block = live_graph.next_block
_remove_function = live_graph.remove_function
_record_single = live_graph.record_single

SECOND_BACKWARD = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward.")


def _zeros(shape, dtype, on_cuda=False) -> Tensor:
    """The gradient of an output that received none (on the GPU for a CUDA op's output)."""
    zeros = np.zeros(shape, dtype.np)
    if on_cuda:
        from ..backends.cuda_device import to_device
        zeros = to_device(zeros)
    return _wrap(zeros, dtype)


def _edge_of(t: Tensor):
    """Where gradient for input `t` goes: its producer node, or the leaf itself."""
    if t.grad_fn is not None:
        return (t.grad_fn, t._output_nr)
    return t


class AccumulateGrad:
    """Stand-in shown in ``next_functions`` for a leaf, as torch shows it."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        self.variable = variable

    def name(self):
        return "AccumulateGrad"

    def __repr__(self):
        return "<AccumulateGrad>"


class Node:
    """Common part of every grad_fn."""

    # Rarely set fields are class-level defaults an instance overrides through its __dict__,
    # so recording an op (the hot path) stores only what every node needs.
    __slots__ = ("next_edges", "_id", "_freed", "out_shape", "out_dtype", "__dict__", "__weakref__")
    # out_shape/out_dtype describe output 0; a node with more outputs also has _out_meta, a
    # (shape, dtype) per output. Consumers fit the gradients they send back to these.
    _n_out = 1
    on_cuda = False     # the op ran on CUDA tensors: missing output gradients are zeros there
    _pre_hooks = None   # {output_nr: {handle_id: hook}} for tensor hooks on outputs
    _retain = None      # {output_nr: weakref to the tensor} for retain_grad
    # positions of the last apply()'s gradients that nothing else holds: a leaf may keep such
    # a gradient as its .grad instead of a copy (a compiled backward's fresh buffers)
    handed_over = ()

    def name(self) -> str:
        return type(self).__name__

    def output_meta(self, k: int):
        """(shape, dtype) of output k: what a gradient flowing into it must look like."""
        return (self.out_shape, self.out_dtype) if k == 0 else self._out_meta[k]

    @property
    def next_functions(self):
        result = []
        for e in self.next_edges:
            if e is None:
                result.append((None, 0))
            elif isinstance(e, Tensor):
                result.append((AccumulateGrad(e), 0))
            else:
                result.append(e)
        return tuple(result)

    def _record(self, name: str, args, outputs):
        """Register in the live graph; called once the node's fields are set."""
        self._id = live_graph.allocate_ids(1 + len(outputs))
        self._n_out = len(outputs)
        self._freed = False
        for k, out in enumerate(outputs):
            if out is not None:
                out._requires_grad = True
                out.grad_fn = self
                if k:
                    out._output_nr = k
        live_graph.record(self._id, name, args, self.next_edges, outputs)

    def release(self):
        """Free what backward needed and leave the live graph (backward without retain_graph)."""
        if not self._freed:
            self._freed = True
            self._release_saved()
            live_graph.remove_function(self._id)

    def _release_saved(self):
        pass

    def __del__(self):
        try:
            if not self._freed:
                live_graph.remove_function(self._id)
        except (AttributeError, TypeError):  # half-built node, or interpreter shutdown
            pass

    def __repr__(self):
        return f"<{self.name()} object at {id(self):#x}>"


def _only_first(recorded) -> bool:
    """Whether only the first of several outputs is recorded (a loop: no generator to build)."""
    for r in recorded[1:]:
        if r is not None:
            return False
    return True


def _version_error(t, expected, owner: str):
    return RuntimeError(
        f"one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [{t.dtype!r} {list(t._data.shape)}], which is an input of {owner}, is at version "
        f"{t._version[0]}; expected version {expected} instead. Hint: the operation that failed to "
        f"compute its gradient is {owner}; clone() the tensor before changing it in place.")


class OpNode(Node):
    """The grad_fn of a registry op call: runs the op's vjp rules."""

    __slots__ = ("op", "saved", "versions", "attrs", "out_saved", "_name")

    def __init__(self, op, args, attrs, outputs, recorded=None):
        # The per-op recording cost is most of eager autograd's overhead: one pass over the
        # arguments collects edges and metadata; versions only when something is saved.
        rules = op.rules
        n = len(args)
        edges = [None] * n  # per input: None, a leaf to accumulate into, or (node, output_nr)
        active = 0          # bit i set: input i gets a gradient
        i = 0
        for a in args:
            if isinstance(a, Tensor) and a._requires_grad and rules[i] is not None:
                producer = a.grad_fn
                edges[i] = a if producer is None else (producer, a._output_nr)
                active |= 1 << i
            i += 1
        self.next_edges = edges
        self.op = op
        self.attrs = attrs
        keep = op.save_plan(active, n)
        if keep:
            # only what the rules of inputs that need a gradient read (x * w with a constant w
            # saves w, not x — as torch does)
            saved = [None] * len(args)
            versions = [None] * len(args)
            for j in keep:
                a = saved[j] = args[j]
                if isinstance(a, Tensor):
                    versions[j] = a._version[0]
            self.saved = saved
            self.versions = versions
        else:
            self.saved = None
        if op.saves_output:
            self.out_saved = tuple([(o._data, o.dtype, o._version, o._version[0]) for o in outputs])
        else:
            self.out_saved = None
        name = op.static_grad_fn_name or op.grad_fn_name(args, attrs)
        self._name = name
        self._freed = False
        recorded = outputs if recorded is None else recorded
        n_out = len(recorded)
        if n_out == 1 or (recorded[0] is not None and _only_first(recorded)):
            # one differentiable output (max(dim)'s values beside its int indices, say): the
            # one-output path; the others are never recorded, so they need no node ids
            if n_out > 1:
                self._out_meta = [(o._data.shape, o.dtype) for o in outputs]
                self._n_out = n_out
            self._id = first = _next_block()
            out = recorded[0]
            out._requires_grad = True
            out.grad_fn = self
            self.out_shape = out._data.shape
            self.out_dtype = out.dtype
            _record_single(first, name, args, edges, out, self.out_shape)
        else:
            self._out_meta = [(o._data.shape, o.dtype) for o in outputs]
            self.out_shape, self.out_dtype = self._out_meta[0]
            self._record(name, args, recorded)

    def name(self) -> str:
        return self._name

    def release(self):
        if not self._freed:
            self._freed = True
            self.saved = self.out_saved = None
            _remove_function(self._id)

    def _unpack_output(self):
        outs = []
        for k, (data, dtype, version_cell, version) in enumerate(self.out_saved):
            if version_cell[0] != version:
                raise RuntimeError(
                    f"one of the variables needed for gradient computation has been modified by an "
                    f"inplace operation: output {k} of {self._name} is at version {version_cell[0]}; "
                    f"expected version {version} instead. clone() it before changing it in place.")
            out = _wrap(data, dtype)
            out._version = version_cell
            # only a graph-recording backward (create_graph) differentiates through `out`
            if dtype.category >= dtypes.FLOATING and grad_mode.state.enabled:
                out._requires_grad = True
                out.grad_fn = self
                out._node = self._id + 1 + k
                if k:
                    out._output_nr = k
            outs.append(out)
        return outs[0] if len(outs) == 1 else tuple(outs)

    def apply(self, grads):
        if self._freed:
            raise RuntimeError(SECOND_BACKWARD)
        op = self.op
        g = grads[0]
        if g is None:  # a multi-output op whose differentiable output got no gradient
            g = _zeros(self.out_shape, self.out_dtype, self.on_cuda)
        inputs = self.saved
        if inputs is None:
            inputs = ()
        else:  # only the inputs an active rule reads were saved, and have a version
            for t, v in zip(inputs, self.versions):
                if v is not None and t._version[0] != v:
                    raise _version_error(t, v, self._name)
        out = self._unpack_output() if self.out_saved is not None else None
        attrs = self.attrs
        if op.reads_grads:   # every output's gradient, zeros where none arrived
            grads = [gk if gk is not None else _zeros(*self.output_meta(k), self.on_cuda) for k, gk in enumerate(grads)]
        rules = op.rules
        return [None if edge is None or rules[i] is None else rules[i](g, inputs, out, attrs, grads, i)
                for i, edge in enumerate(self.next_edges)]


# ---------------------------------------------------------------------------- custom Functions

class FunctionCtx:
    """What ``forward(ctx, ...)`` and ``backward(ctx, ...)`` receive: the node itself."""

    def save_for_backward(self, *tensors):
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(f"save_for_backward can only save tensors (or None), got "
                                f"{type(t).__name__}")
        self._to_save = tensors

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable = tuple(id(t) for t in tensors)

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def set_materialize_grads(self, value: bool):
        self._materialize = bool(value)

    @property
    def saved_tensors(self):
        if self._freed:
            raise RuntimeError(SECOND_BACKWARD)
        result = []
        for entry in self._saved:
            if entry is None:
                result.append(None)
            elif entry[0] == "in":
                _, t, version = entry
                if t._version[0] != version:
                    raise _version_error(t, version, self.name())
                result.append(t)
            else:  # a saved output: rebuilt with this node as its grad_fn
                _, k, data, dtype, cell, version = entry
                if cell[0] != version:
                    raise RuntimeError(f"one of the variables needed for gradient computation has "
                                       f"been modified by an inplace operation: output {k} of "
                                       f"{self.name()} is at version {cell[0]}; expected version "
                                       f"{version} instead. clone() it before changing it in place.")
                t = _wrap(data, dtype)
                t._version, t._requires_grad, t.grad_fn = cell, True, self
                t._output_nr = k
                result.append(t)
        return tuple(result)


class BackwardCFunction(Node, FunctionCtx):
    """Base of the per-Function node classes (``MyReLUBackward``); has a __dict__ for ctx.x = …"""

    _forward_cls = None
    _materialize = True
    _non_differentiable = ()
    _to_save = ()

    def apply(self, grads):
        if self._freed:
            raise RuntimeError(SECOND_BACKWARD)
        if self._materialize:
            grads = [g if g is not None else _zeros(shape, dt) for g, (shape, dt) in zip(grads, self._out_meta)]
        result = self._forward_cls.backward(self, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        n_in = len(self.next_edges)
        if len(result) != n_in:
            if len(result) > n_in and all(r is None for r in result[n_in:]):
                result = result[:n_in]
            else:
                raise RuntimeError(f"function {self.name()} returned an incorrect number of gradients "
                                   f"(expected {n_in}, got {len(result)})")
        return list(result)

    def _release_saved(self):
        self._saved = ()


class Function:
    """Subclass with static ``forward(ctx, *args)`` and ``backward(ctx, *grad_outputs)``;
    call it through ``.apply``. The output's ``grad_fn`` is a ``<Name>Backward`` node."""

    _backward_cls = BackwardCFunction

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._backward_cls = type(f"{cls.__name__}Backward", (BackwardCFunction,), {"_forward_cls": cls})

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for your "
                                  "custom autograd.Function to use it with backward mode AD.")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        ctx = cls._backward_cls()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
        ctx._freed = False
        record = grad_mode.state.enabled and any(ctx.needs_input_grad)
        with grad_mode.no_grad():
            raw = cls.forward(ctx, *args, **kwargs)
        if not record:
            return raw
        single = not isinstance(raw, tuple)
        outputs = [raw] if single else list(raw)
        inputs_by_id = {id(a) for a in args if isinstance(a, Tensor)}
        recorded = []
        for k, out in enumerate(outputs):
            if not isinstance(out, Tensor):
                recorded.append(None)
                continue
            if id(out) in inputs_by_id:  # returning an input: the output is a new alias of it
                alias = _wrap(out._data, out.dtype)
                alias._version = out._version
                outputs[k] = out = alias
            differentiable = (id(out) not in ctx._non_differentiable
                              and out.dtype.category >= dtypes.FLOATING)
            recorded.append(out if differentiable else None)
        ctx.next_edges = tuple(_edge_of(a) if need else None
                               for a, need in zip(args, ctx.needs_input_grad))
        ctx._out_meta = tuple((o._data.shape, o.dtype) if isinstance(o, Tensor) else ((), dtypes.float32)
                              for o in outputs)
        ctx.out_shape, ctx.out_dtype = ctx._out_meta[0]
        position = {id(o): k for k, o in enumerate(raw if not single else [raw]) if isinstance(o, Tensor)}
        saved = []
        for t in ctx._to_save:
            if t is None:
                saved.append(None)
            elif id(t) in position and t is not None and id(t) not in inputs_by_id:
                k = position[id(t)]
                saved.append(("out", k, t._data, t.dtype, t._version, t._version[0]))
            else:
                saved.append(("in", t, t._version[0]))
        ctx._saved = tuple(saved)
        ctx._to_save = ()
        ctx._record(ctx.name(), args, recorded)
        return outputs[0] if single else tuple(outputs)
