"""CPU code generation: one Numba kernel per fused group, written as readable Python.

For a group with iteration shape (n0, n1, ...) the kernel is a loop nest whose body evaluates
each member op's ``scalar`` expression on local variables named after the graph nodes
(``v_mul_3``); its outermost loop runs over ``range(start, stop)``, and when the loop is large
enough for threads to pay a ``prange`` launcher beside it (``kernel_0_parallel``) gives each
of Numba's threads one share of that range (``_launcher`` says why). Operands smaller
than the iteration shape are read by broadcasting index arithmetic (index 0 on their size-1
dims), never materialised. Values the rest of the graph needs are stored to ``out_<node>``
arrays; a closing full reduction accumulates in float64.

Typing keeps float32 float32: numbers in the expressions and Python-number arguments become
the op's dtype (``float32(0.9)``), every value is cast to its node's dtype, and float32
transcendentals use the vectorisable ``fastmath_f32`` implementations. Fastmath flags
exclude ``nnan``/``ninf``: NaN and inf checks keep working.

Generated modules are written to the kernel cache directory under their content hash and
imported from there, so Numba's ``cache=True`` stores their machine code beside them and a
new process skips LLVM (``cache.py``).
"""
from __future__ import annotations

import ast
import hashlib
import pathlib
import re

import numba
import numpy as np

from . import cache, cpu_scalars, fastmath_f32
from .cpu_scalars import GENERIC, TRANSCENDENTALS
from ..compile import ir
from ..ops import REGISTRY
from ..ops.registry import REDUCE

FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}   # no nnan / ninf
PARALLEL_MIN_ELEMENTS = 1 << 17
_SCALARS_HASH = hashlib.sha256(b"".join(
    pathlib.Path(m.__file__).read_bytes() for m in (cpu_scalars, fastmath_f32))).hexdigest()[:16]
PRANGE_ONLY = {"prange": True, "comprehension": False, "numpy": False, "reduction": False, "setitem": False,
               "stencil": False, "fusion": False, "inplace_binop": False}
_TYPE_NAMES = {"float32": "float32", "float64": "float64", "int32": "int32", "int64": "int64",
               "bool": "bool_"}


def _ident(node: str) -> str:
    return re.sub(r"\W", "_", str(node))


def _var(producer, output=0) -> str:
    return f"v_{_ident(producer)}" + (f"_{output}" if output else "")


class _TypeNumbers(ast.NodeTransformer):
    """Numbers in a scalar expression become the op's dtype: ``1 - y`` -> ``float32(1) - y``."""

    def __init__(self, type_name):
        self.type_name = type_name

    def visit_Constant(self, node):
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return ast.Call(func=ast.Name(self.type_name, ast.Load()), args=[node], keywords=[])
        return node


class _Substitute(ast.NodeTransformer):
    """Placeholders -> operand expressions; vocabulary calls -> the dtype's implementation."""

    def __init__(self, operands, suffix, per_dtype):
        self.operands = operands
        self.suffix = suffix
        self.per_dtype = per_dtype

    def visit_Name(self, node):
        if node.id in self.operands:
            return ast.parse(self.operands[node.id], mode="eval").body
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if self.per_dtype and isinstance(node.func, ast.Name) and node.func.id in TRANSCENDENTALS:
            node.func = ast.Name(f"{node.func.id}_{self.suffix}", ast.Load())
        return node


def _number(value, type_name):
    if value is None or isinstance(value, bool):
        return repr(value)
    return f"{type_name}({value!r})"


def _pow_special(exponent, base):
    """x ** 2 as x * x: Numba's pow() is a libm call that blocks vectorisation."""
    return {2: f"({base} * {base})", 3: f"({base} * {base} * {base})", 1: base,
            0.5: f"sqrt_{{suffix}}({base})", -1: f"(1 / {base})"}.get(exponent)


def expression(g, node, per_dtype=True) -> str:
    """The Python expression computing `node` from its operands' variables. `per_dtype`: call
    transcendentals by their per-dtype names (``exp_float32``), as the CPU vocabulary has them;
    the CUDA generator keeps the plain names and expands them itself."""
    data = g.nodes[node]
    op = REGISTRY[data["op"]]
    args = ir.arguments(g, node)
    out_type = data["dtype"]
    # numbers take the op's dtype when it is floating, else the floating operand's, else stay
    number_type = out_type
    if not out_type.is_floating_point:
        floating = [ir.output_meta(g, *a)[1] for a in args if isinstance(a, tuple)]
        floating = [d for d in floating if d.is_floating_point]
        number_type = floating[0] if floating else None
    type_name = _TYPE_NAMES[number_type.name] if number_type is not None else None
    suffix = number_type.name if number_type is not None and number_type.is_floating_point else "float64"
    operands = {}
    for name, a in zip(op.inputs, args):
        placeholder = f"__{name}__"
        if isinstance(a, tuple):
            operands[placeholder] = _var(*a)
        else:
            operands[placeholder] = _number(a, type_name) if type_name else repr(a)
    if op.name == "pow" and not isinstance(args[1], tuple):
        special = _pow_special(args[1], operands["__x__"])
        if special is not None:
            return special.replace("_{suffix}", f"_{suffix}" if per_dtype else "")
    template = op.scalar.format(**{name: f"__{name}__" for name in op.inputs})
    tree = ast.parse(template, mode="eval")
    if type_name is not None:
        tree = _TypeNumbers(type_name).visit(tree)
    tree = _Substitute(operands, suffix, per_dtype).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


class KernelSpec:
    """Everything about one fused group that the generated code and the runtime need."""

    def __init__(self, g, name, members):
        self.name = name
        self.members = members
        member_set = set(members)
        # fusion lets only a closing reduction in, and only as the last member
        self.reduction = members[-1] if REGISTRY[g.nodes[members[-1]]["op"]].kind == REDUCE else None
        body = [m for m in members if m != self.reduction]
        self.shape = tuple(g.nodes[body[0]]["shape"]) if body else ()
        self.reduced_dims = _reduced_dims(g.nodes[self.reduction], len(self.shape)) \
            if self.reduction is not None else ()
        self.inputs = []      # (producer, output) read from outside the group
        for m in members:
            for a in ir.arguments(g, m):
                if isinstance(a, tuple) and a[0] not in member_set and a not in self.inputs:
                    self.inputs.append(a)
        graph_outputs = {o for o in g.graph["outputs"] if o is not None}
        self.outputs = [m for m in members
                        if (m, 0) in graph_outputs or any(u not in member_set for u in g.successors(m))]
        self.body = body
        self.graph = g
        ndim = len(self.shape or (1,))
        # A full reduction's kernel returns its float64 sum (of its share of the outer loop)
        # instead of storing it: the caller adds the threads' shares and stores the result.
        self.returns_sum = self.reduction is not None and len(self.reduced_dims) == ndim
        # Reduced dims trailing: kept dims loop outside; else loops in memory order, into an
        # accumulator array of the kept shape
        n_kept = ndim - len(self.reduced_dims)
        self.accumulates_array = self.reduction is not None and \
            list(self.reduced_dims) != list(range(n_kept, ndim))
        # Threads pay off only on large loops: below this, handing work to a thread costs more
        # than the work. Each thread takes a share of the outermost loop, so that loop must not
        # be a reduced dim of an accumulator array (threads would add into the same entries).
        self.parallel = int(np.prod(self.shape or (1,))) >= PARALLEL_MIN_ELEMENTS and not (
            self.accumulates_array and 0 in self.reduced_dims)


def _reduced_dims(data, ndim) -> tuple:
    """Which iteration dims a closing reduction sums over."""
    if data["op"] == "sum_to_size":
        target = data["attrs"]["shape"]
        lead = ndim - len(target)
        return tuple(range(lead)) + tuple(lead + i for i, t in enumerate(target) if t == 1)
    dims = data["attrs"].get("dim")
    return tuple(range(ndim)) if dims is None else tuple(dims)


def generate(spec: KernelSpec) -> str:
    """The kernel's module source."""
    g = spec.graph
    shape = spec.shape or (1,)
    ndim = len(shape)
    loop = [f"i{d}" for d in range(ndim)]
    in_params = [f"in_{_ident(p)}" + (f"_{k}" if k else "") for p, k in spec.inputs]
    out_params = [f"out_{_ident(m)}" for m in spec.outputs if m != spec.reduction or not spec.returns_sum]
    # sizes are arguments, not literals: a retrace for another batch size generates the same
    # source, so the on-disk cache already holds its machine code. `start`/`stop` bound the
    # outermost loop: the share of the work one thread does (all of it when run serially).
    sizes = [f"n{d}" for d in range(ndim)]
    lines = [f"def {spec.name}({', '.join(in_params + out_params + sizes)}, start, stop):"]
    # A closing reduction. Over trailing dims (or all): kept dims loop outside, reduced dims
    # inside, one float64 accumulator per kept position (a single one for a full reduction,
    # returned). Over other dims (a bias gradient's sum over the batch): loops stay in memory
    # order, so the inner loop is contiguous and vectorises, accumulating into a float64 array
    # of the kept shape.
    reduced = spec.reduced_dims
    kept = [d for d in range(ndim) if d not in reduced]
    reduce_var = f"acc_{_ident(spec.reduction)}" if spec.reduction is not None else None
    array_acc = spec.accumulates_array
    trailing = reduce_var is not None and not array_acc
    order = kept + list(reduced) if trailing else list(range(ndim))
    if array_acc:
        kept_sizes = ", ".join(sizes[d] for d in kept)
        lines.append(f"    {reduce_var} = np.zeros(({kept_sizes},), np.float64)")
    elif reduce_var and not kept:
        lines.append(f"    {reduce_var} = 0.0")
    indent = "    "
    kept_indent = indent
    for depth, d in enumerate(order):
        # unsigned bounds: Numba then knows the index is not negative and emits no wraparound
        # test, which would keep LLVM from vectorising the loop
        bounds = "uint64(start), uint64(stop)" if depth == 0 else sizes[d]
        lines.append(f"{indent}for {loop[d]} in range({bounds}):")
        indent += "    "
        if trailing and kept and depth == len(kept) - 1:
            lines.append(f"{indent}{reduce_var} = 0.0")
            kept_indent = indent
    for (p, k), param in zip(spec.inputs, in_params):
        in_shape = ir.output_meta(g, p, k)[0] or (1,)
        offset = ndim - len(in_shape)
        index = ", ".join("0" if s == 1 and shape[offset + j] != 1 else loop[offset + j]
                          for j, s in enumerate(in_shape))
        lines.append(f"{indent}{_var(p, k)} = {param}[{index}]")
    for m in spec.body:
        type_name = _TYPE_NAMES[g.nodes[m]["dtype"].name]
        lines.append(f"{indent}{_var(m)} = {type_name}({expression(g, m)})")
    for m, param in zip(spec.outputs, out_params):
        if m == spec.reduction:
            continue
        lines.append(f"{indent}{param}[{', '.join(loop)}] = {_var(m)}")
    if reduce_var:
        source, _ = ir.arguments(g, spec.reduction)[0]
        target = ", ".join(loop[d] for d in kept) or "0"
        count = " * ".join(sizes[d] for d in reduced) or "1"
        scale = "" if g.nodes[spec.reduction]["op"] != "mean" else f" / ({count})"
        out = f"out_{_ident(spec.reduction)}"
        if spec.returns_sum:
            lines.append(f"{indent}{reduce_var} += {_var(source)}")
            lines.append(f"    return {reduce_var}")
        elif array_acc:
            # this share's rows of the kept shape: rows start..stop of dim 0, or all of them
            # when dim 0 is reduced (then the kernel runs whole, on one thread)
            rows = "0, 1" if 0 in reduced else "start, stop"
            inner = " * ".join(sizes[d] for d in kept[1:]) if 0 not in reduced else \
                " * ".join(sizes[d] for d in kept)
            lines.append(f"{indent}{reduce_var}[{target}] += {_var(source)}")
            lines.append(f"    {out}_flat = {out}.ravel()")
            lines.append(f"    {reduce_var}_flat = {reduce_var}.ravel()")
            lines.append(f"    row_lo, row_hi = {rows}")
            lines.append(f"    row = {inner or '1'}")
            lines.append("    for j in range(row_lo * row, row_hi * row):")
            lines.append(f"        {out}_flat[j] = {reduce_var}_flat[j]{scale}")
        else:
            lines.append(f"{indent}{reduce_var} += {_var(source)}")
            lines.append(f"{kept_indent}{out}[{target}] = {reduce_var}{scale}")
    ops = ", ".join(f"{m} = {g.nodes[m]['op']}" for m in spec.members)
    header = [
        f'"""jitgrad kernel {spec.name} of graph {g.graph["name"]!r}: {ops}."""',
        # Numba's cache does not notice a change in the functions a kernel inlines: naming their
        # source's hash here gives a kernel a new cache entry whenever they change
        f"# scalar functions: {_SCALARS_HASH}",
        "import numpy as np",
        "from numba import njit, prange",
        "from numpy import float32, float64, int32, int64, uint64, bool_",
        "from jitgrad.backends.cpu_scalars import " + ", ".join(
            sorted(GENERIC + tuple(f"{n}_{s}" for n in TRANSCENDENTALS for s in ("float32", "float64")))),
        "",
        "",
        # error_model numpy: x / 0 is inf as in NumPy (Python's model raises, and its checks
        # keep divisions from vectorising)
        "@njit(fastmath={" + ", ".join(map(repr, sorted(FASTMATH))) + "}, error_model='numpy', cache=True)",
    ]
    launcher = _launcher(spec, in_params + out_params + sizes) if spec.parallel else []
    return "\n".join(header + lines + launcher) + "\n"


def _launcher(spec, params) -> list[str]:
    """A prange loop over the kernel's shares of its outermost loop, one per thread.

    The body stays a plain function, compiled once and vectorised on its own; the parallel
    loop around it is a few lines. Numba's parallel compilation of a large fused body
    directly (the float32 transcendentals inlined) takes several times as long — its
    reduction analysis copies the whole body — and the work done is the same.
    """
    args = ", ".join(params)
    share = f"{spec.name}({args}, n0 * s // shares, n0 * (s + 1) // shares)"
    # `threads` comes from the caller: get_num_threads() inside would keep Numba from caching.
    # Only prange is asked for: Numba's other parallel passes find nothing here but take time.
    lines = ["", "", f"@njit(parallel={PRANGE_ONLY!r}, cache=True)", f"def {spec.name}_parallel({args}, threads):",
             "    shares = min(threads, n0)"]
    if spec.returns_sum:
        lines += ["    partial = np.zeros(shares, np.float64)",
                  "    for s in prange(shares):", f"        partial[s] = {share}",
                  "    return partial.sum()"]
    else:
        lines += ["    for s in prange(shares):", f"        {share}"]
    return lines


class KernelStep:
    """A schedule step that runs one generated kernel."""

    def __init__(self, spec: KernelSpec):
        g = spec.graph
        self.name = spec.name
        self.ops = list(spec.members)
        self.source = generate(spec)
        self.entry_point = spec.name + ("_parallel" if spec.parallel else "")
        self.function = cache.load_kernel(self.source, self.entry_point)
        self.reads = list(spec.inputs)
        self.writes = [(m, 0) for m in spec.outputs]
        self._out_meta = []
        for m in spec.outputs:
            data = g.nodes[m]
            if m == spec.reduction:   # the kept dims, in order; reshaped to the op's shape after
                shape = tuple(spec.shape[d] for d in range(len(spec.shape))
                              if d not in spec.reduced_dims) or (1,)
            else:
                shape = data["shape"] or (1,)
            self._out_meta.append((shape, data["shape"], data["dtype"].np))
        self._zero_d = [not ir.output_meta(g, *r)[0] for r in self.reads]
        self._sizes = spec.shape or (1,)
        self.spec = spec
        self._graph = g
        itemsizes = [ir.output_meta(g, *r)[1].itemsize * int(np.prod(ir.output_meta(g, *r)[0]))
                     for r in self.reads]
        self.bytes_read = int(sum(itemsizes))
        self.bytes_written = int(sum(np.dtype(dt).itemsize * int(np.prod(s)) for s, _, dt in self._out_meta))

    uses_pool = True     # its outputs may come from, and go back to, the schedule's pool

    def emit(self, em) -> list[str]:
        """Take each output array from the pool, call the kernel (through its launcher, in
        threads, when large), give outputs the node's shape. The first call goes
        through ``first_call`` (loading or compiling the machine code), which then puts the
        kernel itself in its place."""
        function = em.bind(self._first_call_then(em.namespace), self.entry_point)
        lines = []
        for key, (shape, _, dt) in zip(self.writes, self._out_meta):
            lines.append(f"{em.buffer(key)} = take({shape!r}, {em.bind(np.dtype(dt), np.dtype(dt).name)})")
        reads = [em.buffer(r) + (".reshape(1)" if zero_d else "") for r, zero_d in zip(self.reads, self._zero_d)]
        outs = [em.buffer(w) for w, m in zip(self.writes, self.spec.outputs)
                if m != self.spec.reduction or not self.spec.returns_sum]
        arguments = ", ".join(reads + outs + [str(n) for n in self._sizes])
        # the whole outermost loop (over dim 0), or the launcher that shares it among threads
        call = f"{function}({arguments}, {em.bind(numba.get_num_threads, 'get_num_threads')}())" \
            if self.spec.parallel else f"{function}({arguments}, 0, {self._sizes[0]})"
        if self.spec.returns_sum:
            count = int(np.prod(self._sizes))
            scale = f" / {count}" if self._graph.nodes[self.spec.reduction]["op"] == "mean" else ""
            lines.append(f"{em.buffer((self.spec.reduction, 0))}[0] = {call}{scale}")
        else:
            lines.append(call)
        for key, (shape, node_shape, _) in zip(self.writes, self._out_meta):
            if shape != node_shape:
                lines.append(f"{em.buffer(key)} = {em.buffer(key)}.reshape({node_shape!r})")
        return lines

    def _first_call_then(self, namespace):
        def first_call(*args):
            result = self._first_call(args)
            for name, bound in namespace.items():
                if bound is first_call:
                    namespace[name] = self.function
            return result
        return first_call

    def _first_call(self, args):
        """The first call compiles, or loads cached machine code, for these argument types, then
        runs. A cache entry Numba cannot read (torn write, disk corruption) is dropped and the
        kernel compiled again; an error the kernel itself raises (integer division by zero)
        is the caller's, as at any later call."""
        signature = tuple(numba.typeof(a) for a in args)
        try:
            self.function.compile(signature)
        except Exception:          # noqa: BLE001 - retried once from a clean cache below
            cache.forget(self.source)
            self.function = cache.load_kernel(self.source, self.entry_point)
            self.function.compile(signature)
        return self.function(*args)

    def describe(self):
        return f"{self.name}: {' '.join(self.ops)}  [Numba kernel]"
