"""The op registry: every op is declared once, here-shaped, and everything else reads it.

A declaration (``defop``) gives
* ``name`` and ``kind`` (elementwise, reduce, movement, matmul, index, other);
* ``inputs``: the names of its tensor arguments, e.g. ``"x y"``;
* ``forward``: the NumPy implementation, ``forward(*arrays, **attrs)``;
* ``vjp``: one rule per differentiable input, written with jitgrad ops so that it is itself
  differentiable (``create_graph=True``) and traceable (the compiler's symbolic backward).
  A rule's *parameter names* say what it needs: ``g`` (the output's gradient), ``out`` (the
  output), any input name, any attribute name. ``{"x": lambda g, y: g * y}`` is mul's rule
  for x. The registry saves for backward exactly the inputs some rule names — nothing else
  is kept alive;
* ``dtype``: the result dtype rule (torch promotion, "float", "bool", "same", …);
* ``shape``: the output shape rule, used by the compiler's tracer and for error messages;
* ``scalar``: for elementwise ops, the expression the code generator inlines in a fused loop,
  with inputs by name (``"math.exp({x})"``);
* ``parse``: turns a user call into ``(tensor_args, attrs)`` for ops with options;
* ``methods``/``rmethods``: the Tensor methods it becomes (``rmethods`` swap the operands).

``apply`` is the eager path every op call runs through: keep it short.
"""
from __future__ import annotations

import inspect

import numpy as np

from .. import dtypes
from .dims import broadcast_shapes, broadcastable_to  # noqa: F401  (re-exported)
from ..autograd import grad_mode
from ..tensor import Tensor, _wrap

ELEMENTWISE, REDUCE, MOVEMENT, MATMUL, INDEX, OTHER = (
    "elementwise", "reduce", "movement", "matmul", "index", "other")

REGISTRY: dict[str, "Op"] = {}
PUBLIC: dict[str, object] = {}   # functions exported as jitgrad.<name>

_EMPTY: dict = {}
_grad_state = grad_mode.state


class Op:
    """One declared op. See the module docstring for the fields."""

    def __init__(self, name, kind, forward, inputs, vjp, scalar, dtype, shape, parse,
                 grad_fn, view, n_outputs):
        self.name = name
        self.kind = kind
        self.forward = forward
        self.inputs = tuple(inputs.split()) if isinstance(inputs, str) else tuple(inputs)
        self.scalar = scalar
        self.dtype_rule = dtype
        self.shape_rule = shape or _DEFAULT_SHAPE_RULES.get(kind)
        self.parse = parse
        self.view = view
        self.n_outputs = n_outputs
        self._grad_fn_name = grad_fn or "".join(p.capitalize() for p in name.split("_")) + "Backward0"
        self.vjp = vjp or {}
        unknown = set(self.vjp) - set(self.inputs)
        if unknown:
            raise ValueError(f"{name}: vjp rules for unknown inputs {sorted(unknown)}")
        # rules[i] = (fn, plan) where plan lists where each parameter of fn comes from
        self.rules = tuple(_plan(self, self.vjp[n]) if n in self.vjp else None for n in self.inputs)
        used = {src for rule in self.rules if rule for src in rule[1]}
        self.saved_inputs = tuple(("in", i) in used for i in range(len(self.inputs)))
        self.saves_any_input = any(self.saved_inputs)
        self.saves_output = ("out", None) in used
        self.differentiable = any(self.rules)

    def grad_fn_name(self, args, attrs) -> str:
        name = self._grad_fn_name
        return name(args, attrs) if callable(name) else name

    def result_dtype(self, args, attrs):
        rule = self.dtype_rule
        if rule == "same":
            return args[0].dtype
        if callable(rule):
            return rule(*args, **attrs)
        dt = _promote(args)
        if rule == "promote":
            return dt
        if rule == "bool":
            return dtypes.bool_
        if rule == "float":
            return dt if dt.category >= dtypes.FLOATING else dtypes.default_float
        raise ValueError(f"{self.name}: unknown dtype rule {rule!r}")

    def out_shape(self, args, attrs):
        """Shape rule on the arguments' shapes (Python numbers count as 0-d)."""
        shapes = tuple(_shape_of(a) for a in args)
        return self.shape_rule(*shapes, **attrs)

    def __repr__(self):
        return f"<op {self.name} ({self.kind})>"


def _shape_of(a):
    if a is None:
        return None
    return tuple(a.shape) if hasattr(a, "shape") else ()


def _plan(op, fn):
    """Map each parameter name of a vjp rule to its source in a backward call."""
    plan = []
    for pname in inspect.signature(fn).parameters:
        if pname == "g":
            plan.append(("g", None))
        elif pname == "out":
            plan.append(("out", None))
        elif pname in op.inputs:
            plan.append(("in", op.inputs.index(pname)))
        else:
            plan.append(("attr", pname))
    return fn, tuple(plan)


def _promote(args) -> dtypes.dtype:
    """torch promotion with the common cases answered before the general rule."""
    first = args[0]
    if len(args) == 1:
        return first.dtype
    if len(args) == 2:
        second = args[1]
        a_t, b_t = isinstance(first, Tensor), isinstance(second, Tensor)
        if a_t and b_t:
            if first.dtype is second.dtype:
                return first.dtype
        elif a_t and type(second) is float and first.dtype.category >= dtypes.FLOATING:
            return first.dtype
        elif b_t and type(first) is float and second.dtype.category >= dtypes.FLOATING:
            return second.dtype
    return dtypes.result_type(*args)


def _elementwise_shape(*shapes, **_attrs):
    return broadcast_shapes(*shapes)


_DEFAULT_SHAPE_RULES = {ELEMENTWISE: _elementwise_shape}


def _describe(args) -> str:
    parts = []
    for a in args:
        if isinstance(a, Tensor):
            parts.append(f"Tensor(shape={list(a._data.shape)}, dtype={a.dtype.name})")
        elif a is not None:
            parts.append(repr(a))
    return ", ".join(parts)


def _op_error(op, args, attrs, err):
    """Turn a NumPy failure into an error naming the op, shapes and dtypes."""
    if op.shape_rule is not None:
        try:
            op.out_shape(args, attrs)
        except (RuntimeError, IndexError, TypeError, ValueError) as clear:
            return type(clear)(f"{op.name}: {clear}")
    kind = IndexError if isinstance(err, IndexError) else RuntimeError
    return kind(f"{op.name}({_describe(args)}) failed: {err}")


def apply(op: Op, args: tuple, attrs: dict = _EMPTY):
    """Run `op` eagerly on NumPy and, under grad mode, record it for backward."""
    datas = []
    needs_grad = False
    for a in args:
        if isinstance(a, Tensor):
            datas.append(a._data)
            if a._requires_grad:
                needs_grad = True
        else:
            datas.append(a)
    out_dtype = op.result_dtype(args, attrs)
    try:
        out = op.forward(*datas, **attrs)
    except (ValueError, IndexError, TypeError, np.exceptions.AxisError) as err:
        raise _op_error(op, args, attrs, err) from None
    if op.n_outputs != 1:
        return _finish_multi(op, args, attrs, out, out_dtype, needs_grad)
    if type(out) is not np.ndarray:
        out = np.asarray(out)
    if out.dtype is not out_dtype.np:
        out = out.astype(out_dtype.np)
    result = _wrap(out, out_dtype)
    if op.view and datas[0] is not None and np.may_share_memory(out, datas[0]):
        base = args[0]
        result._version = base._version
        result._base = base._base if base._base is not None else base
    if needs_grad and _grad_state.enabled and out_dtype.category >= dtypes.FLOATING and op.differentiable:
        OpNode(op, args, attrs, (result,))
    return result


def _finish_multi(op, args, attrs, outs, out_dtypes, needs_grad):
    results = []
    for arr, dt in zip(outs, out_dtypes):
        arr = np.asarray(arr)
        if arr.dtype != dt.np:
            arr = arr.astype(dt.np)
        results.append(_wrap(arr, dt))
    if needs_grad and _grad_state.enabled and op.differentiable:
        OpNode(op, args, attrs, tuple(results),
               recorded=tuple(r if r.dtype.category >= dtypes.FLOATING else None for r in results))
    return tuple(results)


def defop(name, kind, forward, inputs="x", vjp=None, *, scalar=None, dtype="promote", shape=None,
          parse=None, grad_fn=None, view=False, n_outputs=1, methods=(), rmethods=(),
          export=True, wrap=None, doc=None):
    """Declare an op; returns its public function (also attached as Tensor methods)."""
    if name in REGISTRY:
        raise ValueError(f"op {name!r} declared twice")
    op = Op(name, kind, forward, inputs, vjp, scalar, dtype, shape, parse, grad_fn, view, n_outputs)
    REGISTRY[name] = op

    if parse is None:
        def public(*args):
            return apply(op, args)
    else:
        def public(*args, **kwargs):
            tensors, attrs = parse(*args, **kwargs)
            return apply(op, tensors, attrs)
    if wrap is not None:       # e.g. wrap multiple outputs in a named tuple
        inner = public

        def public(*args, **kwargs):
            return wrap(inner(*args, **kwargs))
    public.__name__ = public.__qualname__ = name
    public.__doc__ = doc or f"jitgrad op `{name}` ({kind})."
    public.op = op
    for m in methods:
        setattr(Tensor, m, public)
    for m in rmethods:
        setattr(Tensor, m, _swapped(public, m))
    if export:
        PUBLIC[name] = public
    return public


def _swapped(fn, name):
    def reflected(self, other):
        return fn(other, self)
    reflected.__name__ = name
    return reflected


from ..autograd.function import OpNode  # noqa: E402  (the node type depends on Op above)
