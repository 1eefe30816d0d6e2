"""Symbolic backward: from a forward IR graph, the backward IR graph.

Walk the forward op nodes newest-first, as the eager engine does, and apply each op's vjp
rules — the same rules eager backward runs — to symbolic tensors, so that tracing them
writes the backward graph. Forward values a rule reads become inputs of the backward graph
("saved" values the forward must hand over); nothing else is kept.

    backward, saved = autodiff(forward, wrt=["x", "w"])

The backward graph's inputs are the gradients of the forward outputs (in output order)
followed by the saved values (``backward.graph["saved"]`` lists which forward value each
is); its outputs are the gradients of ``wrt``, ``None`` where no gradient reaches.
"""
from __future__ import annotations

from jitgrad import creation
from jitgrad.autograd.engine import _fit
from jitgrad.compile import ir
from jitgrad.compile.trace import Tracer
from jitgrad.ops import REGISTRY
from jitgrad.tensor import _wrap


class _NodeName:
    """What _fit needs to name the op in an error message."""

    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name


def autodiff(forward, wrt):
    tracer = Tracer(forward.graph["name"] + "_backward")
    backward = tracer.graph
    saved: list = []                 # forward (node, output) pairs, in backward-input order
    saved_inputs: dict = {}          # (node, output) -> symbolic input of the backward graph

    def value(node, output=0):
        """A forward value as seen from the backward graph (saved on first use)."""
        key = (node, output)
        if key not in saved_inputs:
            data = forward.nodes[node]
            if data["kind"] == "const":  # constants need no saving: copy them in
                saved_inputs[key] = tracer._const(_wrap(data["value"], data["dtype"]))
            else:
                shape, dtype = ir.output_meta(forward, node, output)
                name = f"saved_{node}" if output == 0 else f"saved_{node}_{output}"
                saved_inputs[key] = tracer.input(name, shape, dtype)
                saved.append(key)
        return saved_inputs[key]

    with tracer:
        grads: dict = {}
        for node, output in forward.graph["outputs"]:
            shape, dtype = ir.output_meta(forward, node, output)
            g = tracer.input(f"grad_{node}" if output == 0 else f"grad_{node}_{output}", shape, dtype)
            _accumulate(grads, (node, output), g)
        # saved values are added after the output gradients, in the order first needed
        for node in reversed(ir.op_nodes(forward)):
            data = forward.nodes[node]
            if not data["requires_grad"]:
                continue
            outs = [grads.get((node, k)) for k in range(data["n_outputs"])]
            if all(g is None for g in outs):
                continue
            op = REGISTRY[data["op"]]
            if op.reads_grads:              # its rules read every output's gradient
                outs = [gk if gk is not None else creation.zeros(*ir.output_meta(forward, node, k)[0],
                                                                 dtype=ir.output_meta(forward, node, k)[1])
                        for k, gk in enumerate(outs)]
            g = outs[0]
            if g is None:                   # only a non-differentiable output got a gradient
                continue
            args = ir.arguments(forward, node)
            inputs = _LazyInputs(args, value)
            out = None
            if op.saves_output:
                out = value(node, 0) if not data["multi_output"] else \
                    tuple(value(node, k) for k in range(data["n_outputs"]))
            for i, arg in enumerate(args):
                rule = op.rules[i]
                if rule is None or not isinstance(arg, tuple):
                    continue
                source, source_output = arg
                if not forward.nodes[source]["requires_grad"]:
                    continue
                gi = rule(g, inputs, out, data["attrs"], outs, i)
                shape, dtype = ir.output_meta(forward, source, source_output)
                gi = _fit(gi, shape, dtype, _NodeName(data["op"]), i)
                _accumulate(grads, arg, gi)
        results = [grads.get((node, 0)) for node in wrt]
    backward.graph["outputs"] = [(r.ir_node, r.ir_output) if r is not None else None for r in results]
    backward.graph["saved"] = list(saved)
    backward.graph["grad_inputs"] = len(forward.graph["outputs"])
    return backward, saved


def _accumulate(grads, key, g):
    grads[key] = g if key not in grads else grads[key] + g


class _LazyInputs:
    """The rule's view of the op's arguments: forward values are saved only when read."""

    def __init__(self, args, value):
        self._args = args
        self._value = value

    def __getitem__(self, i):
        arg = self._args[i]
        return self._value(*arg) if isinstance(arg, tuple) else arg

    def __len__(self):
        return len(self._args)

    def __iter__(self):
        return (self[i] for i in range(len(self._args)))
