"""The op registry: every op is declared once, here, and everything else reads it.

A declaration (``defop``) gives
* ``name`` and ``kind`` (elementwise, reduce, movement, matmul, index, other);
* ``inputs``: the names of its tensor arguments, e.g. ``"x y"`` — or ``"*tensors"`` for an op
  taking any number of them (cat, stack, einsum): one vjp rule then serves every position,
  and may name ``k`` (the position it is asked about) and ``tensors`` (all the inputs);
* ``forward``: the NumPy implementation, ``forward(*arrays, **attrs)``;
* ``vjp``: one rule per differentiable input, written with jitgrad ops so that it is itself
  differentiable (``create_graph=True``) and traceable (the compiler's symbolic backward).
  A rule's *parameter names* say what it needs: ``g`` (the output's gradient), ``grads`` (every
  output's gradient, zeros where none arrived: for ops with several differentiable outputs),
  ``out`` (the output), any input name, any attribute name. ``{"x": lambda g, y: g * y}`` is mul's rule
  for x. For backward the registry saves exactly the inputs named by the rules of the
  inputs that need a gradient — nothing else is kept alive;
* ``dtype``: the result dtype rule (torch promotion, "float", "bool", "same", "attrs" — the
  ``dtype`` attribute the public function decided —, or a callable);
* ``shape``: the output shape rule, used by the compiler's tracer and for error messages
  (elementwise ops have a default); an op without one has a result whose shape depends on
  its inputs' values (masked_select), and the tracer refuses it with a clear error;
* ``scalar``: for elementwise ops, the expression the code generator inlines in a fused loop,
  with inputs by name (``"math.exp({x})"``);
* ``parse``: turns a user call into ``(tensor_args, attrs)`` for ops with options
  (``pass_attrs`` for ops called as ``op(*tensors, **attrs)``);
* ``methods``/``rmethods``: the Tensor methods it becomes (``rmethods`` swap the operands);
* ``n_outputs``: how many results, or a function of the call's attributes when that varies
  (split); with several, the dtype and shape rules give one per output;
* ``real_only``: the op orders or rounds values (max, sort, floor, <): complex inputs are
  refused, with NotImplementedError or the exception type given, as torch refuses them.

From a declaration the registry generates the op's eager dispatcher (``_make_dispatcher``):
the code every op call — and every vjp op backward runs — goes through. Keep it short. A call
with a CUDA tensor leaves it early for ``backends/cuda_eager.py`` (one flag test per call
until the first CUDA tensor exists).
"""
from __future__ import annotations

import inspect
import linecache

import numpy as np

from .. import dtypes
from ..backends import cuda_device
from .dims import broadcast_shapes
from ..autograd import grad_mode
from ..tensor import COMPLEX_AUTOGRAD, Tensor

ELEMENTWISE, REDUCE, MOVEMENT, MATMUL, INDEX, OTHER = (
    "elementwise", "reduce", "movement", "matmul", "index", "other")

REGISTRY: dict[str, "Op"] = {}
PUBLIC: dict[str, object] = {}   # functions exported as jitgrad.<name>

_EMPTY: dict = {}
new = object.__new__
_grad_state = grad_mode.state


class Op:
    """One declared op. See the module docstring for the fields."""

    def __init__(self, name, kind, forward, inputs, vjp, scalar, dtype, shape, parse,
                 grad_fn, view, n_outputs, real_only=False):
        self.name = name
        self.real_only = real_only
        self.kind = kind
        self.forward = forward
        inputs = tuple(inputs.split()) if isinstance(inputs, str) else tuple(inputs)
        # "*tensors": any number of tensor inputs, all under that one name
        self.variadic = inputs[0][1:] if len(inputs) == 1 and inputs[0].startswith("*") else None
        self.inputs = () if self.variadic else inputs
        self.scalar = scalar
        if not callable(dtype) and dtype not in _DTYPE_RULES and dtype != "attrs":
            raise ValueError(f"{name}: unknown dtype rule {dtype!r}; valid: {sorted(_DTYPE_RULES)} "
                             f"or a callable")
        self.dtype_rule = dtype
        self.shape_rule = shape or _DEFAULT_SHAPE_RULES.get(kind)
        self.parse = parse
        self.view = view
        self.n_outputs = n_outputs
        self.multi_output = callable(n_outputs) or n_outputs > 1
        self._grad_fn_name = grad_fn or "".join(p.capitalize() for p in name.split("_")) + "Backward0"
        self.static_grad_fn_name = None if callable(self._grad_fn_name) else self._grad_fn_name
        self.vjp = vjp or {}
        names = (self.variadic,) if self.variadic else self.inputs
        unknown = set(self.vjp) - set(names)
        if unknown:
            raise ValueError(f"{name}: vjp rules for unknown inputs {sorted(unknown)}")
        plans = [_plan(self, self.vjp[n]) if n in self.vjp else None for n in names]
        used = {src for plan in plans if plan for src in plan[1]}
        # reads[i]: the inputs that input i's rule needs, saved only when i needs a gradient
        self.reads = tuple(tuple(key for source, key in plan[1] if source == "in") if plan else ()
                           for plan in plans)
        self._save_plans = {}
        self.reads_all_inputs = ("all", None) in used      # a variadic rule naming every input
        self.reads_grads = ("grads", None) in used
        # rules[i](g, inputs, out, attrs, grads, i) calls input i's rule with the arguments it
        # names; a variadic op has one rule, for every position
        invokers = tuple(_invoker(*plan) if plan else None for plan in plans)
        self.rules = _EveryPosition(invokers[0]) if self.variadic else invokers
        self.saved_inputs = tuple(("in", i) in used for i in range(len(self.inputs)))
        self.saves_output = ("out", None) in used
        self.differentiable = any(invokers)

    def save_plan(self, active: int, n_inputs: int) -> tuple:
        """Inputs to save when the inputs in bitmask `active` need gradients (cached)."""
        if self.variadic:
            return tuple(range(n_inputs)) if active and self.reads_all_inputs else ()
        plan = self._save_plans.get(active)
        if plan is None:
            plan = tuple(sorted({j for i, reads in enumerate(self.reads) if active >> i & 1 for j in reads}))
            self._save_plans[active] = plan
        return plan

    def output_count(self, attrs) -> int:
        return self.n_outputs(attrs) if callable(self.n_outputs) else self.n_outputs

    def grad_fn_name(self, args, attrs) -> str:
        name = self._grad_fn_name
        return name(args, attrs) if callable(name) else name

    def result_dtype(self, args, attrs):
        """The output dtype (a tuple of them for multi-output ops) for these arguments."""
        if self.real_only and any(isinstance(a, Tensor) and a.dtype.is_complex for a in args):
            raise _complex_refusal(self, args)
        rule = self.dtype_rule
        if callable(rule):
            return rule(*args, **attrs)
        if rule == "attrs":
            return attrs["dtype"]
        return _DTYPE_RULES[rule](args)

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


class _EveryPosition:
    """A variadic op's rules: the same rule, whichever input is asked for."""

    __slots__ = ("rule",)

    def __init__(self, rule):
        self.rule = rule

    def __getitem__(self, i):
        return self.rule


def _plan(op, fn):
    """Map each parameter name of a vjp rule to its source in a backward call."""
    plan = []
    for pname in inspect.signature(fn).parameters:
        if pname in ("g", "grads", "out"):
            plan.append((pname, None))
        elif op.variadic and pname == op.variadic:
            plan.append(("all", None))
        elif op.variadic and pname == "k":
            plan.append(("k", None))
        elif pname in op.inputs:
            plan.append(("in", op.inputs.index(pname)))
        else:
            plan.append(("attr", pname))
    return fn, tuple(plan)


def _invoker(fn, plan):
    """Compile a call adapter for a vjp rule, so backward does no per-parameter dispatch."""
    names = {"g": "g", "grads": "grads", "out": "out", "all": "inputs", "k": "k"}
    parts = [names[source] if source in names else f"inputs[{key}]" if source == "in" else f"attrs[{key!r}]"
             for source, key in plan]
    namespace = {"rule": fn}
    exec(f"def invoke(g, inputs, out, attrs, grads, k):\n    return rule({', '.join(parts)})", namespace)
    return namespace["invoke"]


def _promote(args) -> dtypes.dtype:
    """torch promotion over the arguments (the dispatchers answer the common cases inline)."""
    if len(args) == 1:
        return args[0].dtype
    return dtypes.result_type(*args)


def _promote_to_float(args):
    dt = _promote(args)
    return dt if dt.category >= dtypes.FLOATING else dtypes.default_float


_DTYPE_RULES = {
    "same": lambda args: args[0].dtype,                 # the first input's dtype
    "promote": _promote,                                  # torch's type promotion
    "float": _promote_to_float,                           # promotion, ints become float32
    "bool": lambda args: dtypes.bool_,                    # comparisons and logic
}


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


class TorchWorded(Exception):
    """Mixed into an error a forward raises in torch's own words: passed on as it is."""


def _op_error(op, args, attrs, err):
    """Turn a NumPy failure into an error naming the op, shapes and dtypes."""
    if isinstance(err, TorchWorded):
        return err
    if op.shape_rule is not None:
        try:
            op.out_shape(args, attrs)
        except (RuntimeError, IndexError, TypeError, ValueError) as clear:
            return type(clear)(f"{op.name}: {clear}")
    kind = IndexError if isinstance(err, IndexError) else RuntimeError
    return kind(f"{op.name}({_describe(args)}) failed: {err}")


# The eager hot path, generated once per op from this template with the op's arity and dtype
# rule filled in: unrolled argument handling saves ~0.5 µs per call over a generic loop, and
# every op call — forward, and the vjp ops backward runs — goes through it.
class TraceHook:
    """Set by the compiler while it traces: ops given symbolic tensors append to its graph
    instead of computing. One attribute test per op call when not tracing."""

    active = 0             # how many tracers are running (in any thread)
    record = None          # record(op, args, attrs) -> result, or NOT_TRACED to run eagerly


NOT_TRACED = object()

_DISPATCH_TEMPLATE = """
{header}
    if trace_hook.active:
        traced = trace_hook.record(op, ARGS, attrs)
        if traced is not NOT_TRACED:
            return traced
{per_arg}
{device_check}
{complex_check}
    {dtype_line}
    try:
        out = forward({datas}, **attrs)
    except (ValueError, IndexError, TypeError, AxisError) as err:
        raise op_error(op, ARGS, attrs, err) from None
{finish}
"""

_FINISH_SINGLE = """
    if type(out) is not ndarray:
        out = asarray(out)
    if out.dtype is not dt.np:
        out = out.astype(dt.np)
    result = new(Tensor)            # tensor._wrap, inlined: this runs on every op call
    result._data = out
    result.dtype = dt
    result._requires_grad = False
    result.grad_fn = None
    result._version = [0]
    result._node = None
{view}
    if ({any_grad}) and grad_state.enabled and dt.category >= FLOATING:
        if dt.is_complex:
            raise RuntimeError(COMPLEX_AUTOGRAD)
        OpNode(op, ARGS, attrs, (result,))
    return result
"""

_FINISH_VIEW = """
    if d0 is not None and may_share_memory(out, d0):  # a view: share the base's version counter
        result._version = a0._version
        result._base = a0._base if a0._base is not None else a0
"""

_DTYPE_LINES = {
    "attrs": 'dt = attrs["dtype"]',          # decided by the op's public function
    "same": "dt = a0.dtype",
    "promote": "dt = promote(ARGS)",
    "float": "dt = promote_to_float(ARGS)",
    "bool": "dt = bool_",
}

# Two operands: the common cases of torch promotion answered inline — equal tensor dtypes,
# or a float tensor with a Python number (k0/k1 are the operands' dtypes, None for numbers).
_BINARY_FAST_DTYPE = {
    "promote": """if k0 is not None and (k0 is k1 or (k1 is None and k0.category >= FLOATING
                                        and a1.__class__ in (float, int))):
        dt = k0
    else:
        dt = promote(ARGS)""",
    "float": """if k0 is not None and k0.category >= FLOATING and (k0 is k1 or (k1 is None
                                                       and a1.__class__ in (float, int))):
        dt = k0
    else:
        dt = promote_to_float(ARGS)""",
}


def _make_dispatcher(op: Op, public_name: str | None = None):
    """The op's eager entry point: ``call(args, attrs)``, or — for ops without options —
    the public function itself, ``name(a0, a1)``, saving a call layer on every use."""
    n = len(op.inputs)
    names = [f"a{i}" for i in range(n)]
    per_arg = "\n".join(
        f"    if isinstance(a{i}, Tensor):\n        d{i} = a{i}._data\n        g{i} = a{i}._requires_grad\n"
        f"        k{i} = a{i}.dtype\n"
        f"    else:\n        d{i} = a{i}\n        g{i} = False\n        k{i} = None" for i in range(n))
    rule = op.dtype_rule
    dtype_line = "dt = dtype_rule(*ARGS, **attrs)" if callable(rule) else _DTYPE_LINES[rule]
    if n == 2 and rule in _BINARY_FAST_DTYPE:
        dtype_line = _BINARY_FAST_DTYPE[rule]
    any_grad = " or ".join(f"g{i}" for i in range(n)) if op.differentiable else "False"
    if not op.multi_output:
        finish = _FINISH_SINGLE.format(view=_FINISH_VIEW if op.view else "", any_grad=any_grad)
    else:
        finish = f"    return finish_multi(op, ARGS, attrs, out, dt, {any_grad})"
    if public_name is None:
        header = f"def call(args, attrs):\n    {', '.join(names)}, = args"
        args = "args"
    else:
        params = ", ".join(op.inputs)      # help(jitgrad.mul) shows mul(x, y)
        header = f"def {public_name}({params}):\n    {', '.join(names)}, = {params},\n    attrs = EMPTY"
        args = f"({', '.join(names)},)"     # built only where needed: not on the no-grad path
    # CUDA tensors (once any exists) go to the CUDA target's eager runner
    device_check = "    if device_state.active and (" + " or ".join(
        f"(d{i}.__class__ is not ndarray and is_device_array(d{i}))" for i in range(n)) + \
        "):\n        return cuda_dispatch(op, ARGS, attrs)" if n else ""
    complex_check = ""
    if op.real_only:
        complex_check = ("    if " + " or ".join(f"(k{i} is not None and k{i}.is_complex)" for i in range(n)) +
                         ":\n        raise complex_refusal(op, ARGS)")
    source = _DISPATCH_TEMPLATE.format(header=header, per_arg=per_arg, complex_check=complex_check,
                                       device_check=device_check,
                                       dtype_line=dtype_line, datas=", ".join(f"d{i}" for i in range(n)),
                                       finish=finish).replace("ARGS", args)
    namespace = {"op": op, "forward": op.forward, "dtype_rule": rule, "Tensor": Tensor, "new": object.__new__,
                 "ndarray": np.ndarray, "asarray": np.asarray, "may_share_memory": np.may_share_memory,
                 "AxisError": np.exceptions.AxisError, "op_error": _op_error, "grad_state": _grad_state,
                 "FLOATING": dtypes.FLOATING, "OpNode": OpNode, "promote": _promote,
                 "promote_to_float": _promote_to_float, "bool_": dtypes.bool_,
                 "finish_multi": _finish_multi, "EMPTY": _EMPTY, "trace_hook": TraceHook,
                 "NOT_TRACED": NOT_TRACED, "COMPLEX_AUTOGRAD": COMPLEX_AUTOGRAD,
                 "complex_refusal": _complex_refusal, "device_state": cuda_device.STATE,
                 "is_device_array": cuda_device.is_device_array, "cuda_dispatch": _cuda_dispatch,
                 # NumPy's warnings from the forward call are attributed to this module, which
                 # jitgrad.ops silences (torch gives inf/nan without a word)
                 "__name__": __name__}
    filename = f"<jitgrad dispatch {op.name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)  # readable tracebacks
    exec(compile(source, filename, "exec"), namespace)
    return namespace[public_name or "call"]


def _cuda_dispatch(op, args, attrs):
    from ..backends.cuda_eager import dispatch
    return dispatch(op, args, attrs)


def _complex_refusal(op, args):
    """torch's refusal of complex inputs to an op that orders values (or rounds them)."""
    dt = next(a.dtype for a in args if isinstance(a, Tensor) and a.dtype.is_complex)
    error = op.real_only if isinstance(op.real_only, type) else NotImplementedError
    return error(f"\"{op.name}\" not implemented for '{dt.scalar_type}': it compares or rounds values, and "
                 f"complex numbers have no order; apply it to .real, .imag or .abs()")


def _make_variadic_call(op):
    """The eager entry point of an op taking any number of tensors: ``call(tensors, attrs)``.
    A loop over the arguments rather than generated code (these ops are few, and heavy)."""
    forward, result_dtype, differentiable, view = op.forward, op.result_dtype, op.differentiable, op.view
    dtype_from_attrs = op.dtype_rule == "attrs" and not op.real_only   # decided by the public function

    def call(args, attrs):
        if TraceHook.active:
            traced = TraceHook.record(op, args, attrs)
            if traced is not NOT_TRACED:
                return traced
        if args.__class__ is not tuple:
            args = tuple(args)
        if cuda_device.STATE.active and any(isinstance(a, Tensor) and cuda_device.is_device_array(a._data)
                                            for a in args):
            return _cuda_dispatch(op, args, attrs)
        dt = attrs["dtype"] if dtype_from_attrs else result_dtype(args, attrs)   # refuses complex to real_only
        datas = [a._data if isinstance(a, Tensor) else a for a in args]
        try:
            out = forward(*datas, **attrs)
        except (ValueError, IndexError, TypeError, np.exceptions.AxisError) as err:
            raise _op_error(op, args, attrs, err) from None
        # recording is decided after the forward, as in the generated dispatchers: grad mode
        # first, so the no-grad path never looks at the inputs again
        needs_grad = False
        if differentiable and _grad_state.enabled:
            for a in args:
                if isinstance(a, Tensor) and a._requires_grad:
                    needs_grad = True
                    break
        if op.multi_output:
            return _finish_multi(op, args, attrs, out, dt, needs_grad)
        if out.__class__ is not np.ndarray:
            out = np.asarray(out)
        if out.dtype is not dt.np:
            out = out.astype(dt.np)
        result = new(Tensor)          # tensor._wrap, inlined
        result._data, result.dtype, result._requires_grad, result.grad_fn = out, dt, False, None
        result._version, result._node = [0], None
        if view:   # a view of one of the inputs: share that input's version counter
            base = next((a for a, d in zip(args, datas) if isinstance(a, Tensor) and np.may_share_memory(out, d)),
                        None)
            if base is not None:
                _share_version(result, base)
        if needs_grad and dt.category >= dtypes.FLOATING:
            if dt.is_complex:
                raise RuntimeError(COMPLEX_AUTOGRAD)
            OpNode(op, args, attrs, (result,))
        return result
    return call


def _share_version(view, base):
    """A view of `base`: in-place writes to either bump one version counter (saved-tensor checks)."""
    view._version = base._version
    view._base = base._base if base._base is not None else base


def _finish_multi(op, args, attrs, outs, out_dtypes, needs_grad):
    results, recorded, any_complex = [], [], False
    base = args[0] if op.view and isinstance(args[0], Tensor) else None
    for arr, dt in zip(outs, out_dtypes):
        if arr.__class__ is not np.ndarray:
            arr = np.asarray(arr)
        if arr.dtype is not dt.np:      # (`is`: NumPy's dtype `!=` costs more than the rest here)
            arr = arr.astype(dt.np)
        result = new(Tensor)            # tensor._wrap, inlined
        result._data, result.dtype, result._requires_grad, result.grad_fn = arr, dt, False, None
        result._version, result._node = [0], None
        if base is not None and np.may_share_memory(arr, base._data):
            _share_version(result, base)
        results.append(result)
        # only floating outputs carry gradients (max(dim)'s int64 indices do not)
        recorded.append(result if dt.category >= dtypes.FLOATING else None)
        any_complex = any_complex or dt.is_complex
    results = tuple(results)
    if needs_grad and _grad_state.enabled and op.differentiable:
        if any_complex:
            raise RuntimeError(COMPLEX_AUTOGRAD)
        OpNode(op, args, attrs, results, recorded=tuple(recorded))
    return results


def pass_attrs(*tensors, **attrs):
    """``parse=`` for ops called as ``op(tensor, ..., attr=value, ...)``: the positional
    arguments are the tensors, the keywords the attributes."""
    return tensors, attrs


def defop(name, kind, forward, inputs="x", vjp=None, *, scalar=None, dtype="promote", shape=None,
          parse=None, grad_fn=None, view=False, n_outputs=1, methods=(), rmethods=(),
          export=True, wrap=None, doc=None, real_only=False):
    """Declare an op; returns its public function (also attached as Tensor methods)."""
    if name in REGISTRY:
        raise ValueError(f"op {name!r} declared twice")
    op = Op(name, kind, forward, inputs, vjp, scalar, dtype, shape, parse, grad_fn, view, n_outputs, real_only)
    REGISTRY[name] = op
    op.call = call = _make_variadic_call(op) if op.variadic else _make_dispatcher(op)
    if op.variadic and parse is None:
        raise ValueError(f"{name}: an op taking any number of tensors needs a parse= that collects them")

    if parse is None:
        public = _make_dispatcher(op, public_name=name)
        if wrap is not None:       # e.g. wrap multiple outputs in a named tuple
            inner = public

            def public(*args, **kwargs):
                return wrap(inner(*args, **kwargs))
    elif wrap is None:
        def public(*args, **kwargs):
            tensors, attrs = parse(*args, **kwargs)
            return call(tensors, attrs)
    else:
        def public(*args, **kwargs):   # one call layer, not two: max(dim) and friends are small-tensor ops
            tensors, attrs = parse(*args, **kwargs)
            return wrap(call(tensors, attrs))
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
