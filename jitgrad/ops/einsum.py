"""einsum and bilinear (SPEC B8).

``einsum`` is one registry op. Its public function checks the equation as torch does (same
errors, same messages) and rewrites it once per (equation, shapes) — cached — into a
*canonical* equation: one letter per dimension (``...`` spelled out as letters of its own),
the output always explicit, every letter's size the same in every operand (an operand whose
size-1 dims broadcast is first ``expand``-ed, so the op never broadcasts and its gradients
never have to sum). The op's forward is ``np.einsum`` on that equation, along a contraction
path chosen once by ``np.einsum_path`` for three operands or more (and for large pairs), so
contractions run as BLAS-sized pairwise products.

The op takes any number of tensors. The vjp of operand k is itself an einsum — of the output's gradient
with the other operands, back to operand k's letters — so it is differentiable again and
traceable: a letter repeated in operand k (a diagonal) gets a fresh output letter tied to
the first by an identity matrix, placing the gradient on the diagonal; a letter only
operand k has (summed away) is broadcast back with ``expand``.
"""
from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np

from .registry import OTHER, PUBLIC, defop
from .. import dtypes
from ..tensor import Tensor, _wrap

# torch numbers labels A-Z then a-z: implicit outputs are sorted in this order
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ELLIPSIS = "..."
# below this many multiply-adds, np.einsum's plain loop beats planning a BLAS path (~7 µs)
_BLAS_PAIR_WORK = 1 << 14


def _error(message):
    return RuntimeError(f"einsum(): {message}")


class _Plan(NamedTuple):
    """What one (equation, shapes) pair becomes: the op's attrs and how to prepare operands."""
    attrs: dict             # equation (canonical), optimize (np.einsum's path or False), shapes
    expand_to: tuple        # per operand: the shape to broadcast it to first, or None
    contracts: bool         # several operands and a summed letter (torch has no bool product)


# ------------------------------------------------------------------ parsing, torch's rules
def _parse_terms(equation, n):
    """The left-hand side's terms: a list of letters (and _ELLIPSIS) per operand."""
    arrow = equation.find("->")
    lhs = equation if arrow < 0 else equation[:arrow]
    terms, found_ellipsis, i = [[]], False, 0
    while i < len(lhs):
        c = lhs[i]
        if c == ".":
            k = len(terms) - 1
            if found_ellipsis:
                raise _error(f"found '.' for operand {k} for which an ellipsis was already found")
            if lhs[i:i + 3] != _ELLIPSIS:
                raise _error(f"found '.' for operand {k} that is not part of any ellipsis")
            terms[-1].append(_ELLIPSIS)
            found_ellipsis, i = True, i + 2
        elif c == ",":
            if len(terms) == n:
                raise _error("fewer operands were provided than specified in the equation")
            terms.append([])
            found_ellipsis = False
        elif c in LETTERS:
            terms[-1].append(c)
        elif c != " ":
            raise _error(f"invalid subscript given at index {i} in the equation string, subscripts must "
                         f"be in [a-zA-Z]")
        i += 1
    if len(terms) != n:
        raise _error("more operands were provided than specified in the equation")
    return terms, arrow


def _parse_output(equation, arrow, counts, any_ellipsis):
    """The output's letters (and _ELLIPSIS): explicit after '->', else torch's implicit rule —
    the ellipsis first, then every letter that appears exactly once, in A-Z, a-z order."""
    if arrow < 0:
        return ([_ELLIPSIS] if any_ellipsis else []) + [c for c in LETTERS if counts.get(c) == 1]
    output, found_ellipsis, start = [], False, arrow + 2
    rhs, i = equation[start:], 0
    while i < len(rhs):
        c = rhs[i]
        if c == ".":
            if found_ellipsis:
                raise _error("found '.' for output but an ellipsis (...) was already found")
            if rhs[i:i + 3] != _ELLIPSIS:
                raise _error("found '.' for output that is not part of any ellipsis (...)")
            output.append(_ELLIPSIS)
            found_ellipsis, i = True, i + 2
        elif c in LETTERS:
            if not counts.get(c):
                raise _error(f"output subscript {c} does not appear in the equation for any input operand")
            if c in output:
                raise _error(f"output subscript {c} appears more than once in the output")
            output.append(c)
        elif c != " ":
            raise _error(f"invalid subscript given at index {start + i} in the equation string, subscripts "
                         f"must be in [a-zA-Z]")
        i += 1
    return output


@functools.lru_cache(maxsize=4096)
def _plan(equation: str, shapes: tuple) -> _Plan:
    """Check the equation against the operands' shapes, in torch's order and with its messages,
    and spell it canonically (see the module docstring)."""
    terms, arrow = _parse_terms(equation, len(shapes))
    counts: dict = {}
    ellipsis_dims = 0
    for k, (term, shape) in enumerate(zip(terms, shapes)):
        has_ellipsis = _ELLIPSIS in term
        letters = len(term) - has_ellipsis
        if has_ellipsis and letters > len(shape):
            raise _error(f"the number of subscripts in the equation ({letters}) is more than the number of "
                         f"dimensions ({len(shape)}) for operand {k}")
        if not has_ellipsis and letters != len(shape):
            raise _error(f"the number of subscripts in the equation ({letters}) does not match the number "
                         f"of dimensions ({len(shape)}) for operand {k} and no ellipsis was given")
        if has_ellipsis:
            ellipsis_dims = max(ellipsis_dims, len(shape) - letters)
        for c in term:
            if c is not _ELLIPSIS:
                counts[c] = counts.get(c, 0) + 1
    output = _parse_output(equation, arrow, counts, any(_ELLIPSIS in t for t in terms))

    # the ellipsis's dims (aligned to the right, as broadcasting aligns them) get unused letters
    free = [c for c in LETTERS if c not in counts]
    if ellipsis_dims > len(free):
        raise _error(f"the equation uses {len(counts)} subscripts and its ellipsis covers {ellipsis_dims} "
                     f"dimensions: more than the {len(LETTERS)} letters [a-zA-Z] there are to name them")
    ellipsis_letters = free[:ellipsis_dims]

    def spelled(term, ndim):
        covered = ndim - (len(term) - 1) if _ELLIPSIS in term else 0
        out = []
        for c in term:
            out += ellipsis_letters[ellipsis_dims - covered:] if c is _ELLIPSIS else [c]
        return out

    canonical = [spelled(t, len(s)) for t, s in zip(terms, shapes)]
    out_letters = spelled(output, ellipsis_dims + len(output) - 1) if _ELLIPSIS in output else output

    sizes: dict = {}
    for k, (letters, shape) in enumerate(zip(canonical, shapes)):
        first: dict = {}
        for d, (c, size) in enumerate(zip(letters, shape)):
            if c in first:
                if size != shape[first[c]]:
                    raise _error(f"subscript {c} is repeated for operand {k} but the sizes don't match, "
                                 f"{size} != {shape[first[c]]}")
                continue
            first[c] = d
            seen = sizes.get(c)
            if seen is None or seen == 1:
                sizes[c] = size
            elif size != 1 and size != seen:
                if c in ellipsis_letters:
                    raise _error(f"dimension {ellipsis_letters.index(c)} covered by ellipsis in operand {k} "
                                 f"has size {size} which does not broadcast with previously seen ellipsis "
                                 f"with size {seen} for the respective dimension")
                raise _error(f"subscript {c} has size {size} for operand {k} which does not broadcast with "
                             f"previously seen size {seen}")

    targets = tuple(tuple(sizes[c] for c in letters) for letters in canonical)
    expand_to = tuple(None if target == shape else target for target, shape in zip(targets, shapes))
    canonical_equation = ",".join("".join(t) for t in canonical) + "->" + "".join(out_letters)
    return _Plan({"equation": canonical_equation, "optimize": _path(canonical_equation, targets, sizes),
                  "shapes": targets},
                 expand_to, len(shapes) > 1 and any(c not in out_letters for c in sizes))


def _path(equation, shapes, sizes):
    """np.einsum's contraction order for these shapes (decided once), or False for the plain loop."""
    if len(shapes) < 2 or (len(shapes) == 2 and math.prod(sizes.values()) < _BLAS_PAIR_WORK):
        return False
    stand_ins = [np.broadcast_to(np.empty((), np.float64), s) for s in shapes]   # shapes, no memory
    return tuple(np.einsum_path(equation, *stand_ins, optimize="greedy")[0])


@functools.lru_cache(maxsize=4096)
def _split(equation):
    inputs, output = equation.split("->")
    return inputs.split(","), output


@functools.lru_cache(maxsize=4096)
def _widens(equation) -> bool:
    """A one-operand einsum that sums: torch runs it as sum(), which gives int64 for ints and bools."""
    inputs, output = _split(equation)
    return len(inputs) == 1 and len(set(inputs[0])) > len(output)


# ------------------------------------------------------------------ the op
def _einsum_forward(*arrays, equation, optimize, shapes):
    if arrays[0].dtype.kind in "bi" and _widens(equation):
        return np.einsum(equation, *arrays, dtype=np.int64, optimize=optimize)
    return np.einsum(equation, *arrays, optimize=optimize)


def _einsum_dtype(*operands, equation, optimize, shapes):
    dt = operands[0].dtype
    if dt in (dtypes.int32, dtypes.bool_) and _widens(equation):
        return dtypes.int64
    return dt


def _einsum_shape(*_operand_shapes, equation, optimize, shapes):
    return _output_shape(equation, shapes)


@functools.lru_cache(maxsize=4096)
def _output_shape(equation, shapes):
    inputs, output = _split(equation)
    sizes = {c: s for term, shape in zip(inputs, shapes) for c, s in zip(term, shape)}
    return tuple(sizes[c] for c in output)


class _GradPlan(NamedTuple):
    """How operand k's gradient is computed (see the module docstring)."""
    equation: str | None    # einsum of g, the other operands and identity matrices; None: g itself
    others: tuple           # the other operands' positions
    eye_sizes: tuple        # one identity matrix per repeated occurrence of a letter
    unsqueezed: tuple | None  # the shape with 1 for each letter only operand k has, or None


@functools.lru_cache(maxsize=4096)
def _grad_plan(equation, shapes, k):
    inputs, output = _split(equation)
    term = inputs[k]
    others = tuple(j for j in range(len(inputs)) if j != k)
    present = set(output).union(*(inputs[j] for j in others))
    fresh = iter(c for c in LETTERS if c not in equation)
    letters, eyes = [], []
    for c in term:
        if c in letters:   # a diagonal: a new letter, tied to c by an identity matrix
            new = next(fresh, None)
            if new is None:
                raise _error(f"cannot form the gradient of operand {k} of {equation!r}: its repeated "
                             f"subscripts need more letters than [a-zA-Z] has left")
            eyes.append(c + new)
            letters.append(new)
        else:
            letters.append(c)
    provided = present | {e[0] for e in eyes} | {e[1] for e in eyes}
    kept = "".join(c for c in letters if c in provided)
    unsqueezed = None
    if len(kept) < len(term):   # letters only operand k has: the gradient broadcasts over them
        unsqueezed = tuple(s if c in provided else 1 for c, s in zip(letters, shapes[k]))
    if not others and not eyes and kept == output:
        return _GradPlan(None, others, (), unsqueezed)
    grad_equation = ",".join([output] + [inputs[j] for j in others] + eyes) + "->" + kept
    return _GradPlan(grad_equation, others, tuple(shapes[k][term.index(e[0])] for e in eyes), unsqueezed)


def _operand_grad(k, g, operands, equation, shapes):
    plan = _grad_plan(equation, shapes, k)
    grad = g
    if plan.equation is not None:
        eyes = [_wrap(np.eye(n, dtype=g.dtype.np), g.dtype) for n in plan.eye_sizes]
        grad = einsum(plan.equation, g, *[operands[j] for j in plan.others], *eyes)
    if plan.unsqueezed is not None:
        grad = grad.reshape(plan.unsqueezed).expand(shapes[k])
    return grad


_einsum_op = defop("einsum", OTHER, _einsum_forward, "*operands",
                   {"operands": lambda g, k, operands, equation, shapes: _operand_grad(k, g, operands, equation,
                                                                                       shapes)},
                   dtype=_einsum_dtype, shape=_einsum_shape, parse=lambda operands, **attrs: (operands, attrs),
                   view=True, export=False).op
_einsum_call = _einsum_op.call


# ------------------------------------------------------------------ the public function
def _subscript(n) -> str:
    if n is Ellipsis:
        return _ELLIPSIS
    if isinstance(n, int) and 0 <= n < 26:
        return chr(ord("A") + n)
    if isinstance(n, int) and 26 <= n < 52:
        return chr(ord("a") + n - 26)
    raise ValueError("einsum(): subscript in subscript list is not within the valid range [0, 52)")


def _arguments(args):
    """(equation, operands) from torch's three call forms: einsum(eq, a, b), einsum(eq, [a, b])
    and the sublist form einsum(a, [0, 1], b, [1, 2], [0, 2])."""
    if len(args) < 2:
        raise ValueError("einsum(): must specify the equation string and at least one operand, or at least "
                         "one operand and its subscripts list")
    if isinstance(args[0], Tensor):
        equation = ",".join("".join(_subscript(s) for s in sub) for sub in args[1::2])
        if len(args) % 2:
            equation += "->" + "".join(_subscript(s) for s in args[-1])
        operands = args[:-1:2] if len(args) % 2 else args[::2]
    else:
        equation, operands = args[0], args[1:]
        if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
            return _arguments((equation, *operands[0]))
    if not isinstance(equation, str):
        raise TypeError(f"einsum(): argument 'equation' (position 1) must be str, not {type(equation).__name__}")
    for i, t in enumerate(operands):
        if not isinstance(t, Tensor):
            raise TypeError(f"einsum(): expected Tensor as element {i} in argument 1, but got "
                            f"{type(t).__name__} (every operand must be a tensor)")
    return equation, operands


def einsum(*args) -> Tensor:
    """torch.einsum: ``einsum("ij,jk->ik", a, b)``, ``einsum("ij,jk", [a, b])`` or the sublist
    form ``einsum(a, [0, 1], b, [1, 2], [0, 2])``. Sums the product of the operands over the
    subscripts that do not appear in the output (torch's rules: implicit output, ``...``,
    diagonals, broadcasting of size-1 dims). All operands must have the same dtype."""
    equation, operands = _arguments(args)
    dt = operands[0].dtype
    for i, t in enumerate(operands):
        if t.dtype is not dt:
            raise RuntimeError(f"expected scalar type {dt.scalar_type} but found "
                               f"{t.dtype.scalar_type}: einsum() needs operands of one dtype, and "
                               f"operand {i} is {t.dtype.name} where operand 0 is {dt.name} (cast them with "
                               f".to())")
    plan = _plan(equation, tuple(t._data.shape for t in operands))
    if plan.contracts and dt is dtypes.bool_:
        raise NotImplementedError(f"einsum(): \"bmm\" not implemented for 'Bool': {equation!r} sums products of "
                                  f"bool operands, which torch does not do; cast them to an integer or float "
                                  f"dtype first")
    if any(plan.expand_to):
        operands = [t if s is None else t.expand(s) for t, s in zip(operands, plan.expand_to)]
    return _einsum_call(tuple(operands), plan.attrs)


# ------------------------------------------------------------------ bilinear
def _size(t, dim):
    if t.ndim == 0:
        raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
    if not -t.ndim <= dim < t.ndim:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-t.ndim}, {t.ndim - 1}], but "
                         f"got {dim})")
    return t._data.shape[dim]


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """torch.nn.functional.bilinear: ``y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j]
    (+ bias[o])``; input1 and input2 share their leading (batch) dims, weight is
    (out_features, in1_features, in2_features)."""
    named = [("input1", input1), ("input2", input2), ("weight", weight)] + \
        ([("bias", bias)] if bias is not None else [])
    if len({t.dtype for _, t in named}) > 1:
        raise RuntimeError("bilinear(): All tensors must have the same dtype, got " +
                           ", ".join(f"{name}: {t.dtype.name}" for name, t in named))
    if input1.ndim != input2.ndim:
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {input1.ndim} and {input2.ndim}")
    for i in range(input1.ndim - 1):
        if input1.shape[i] != input2.shape[i]:
            raise RuntimeError(f"bilinear(): input batch dimensions do not match at dim {i}: got "
                               f"{input1.shape[i]} and {input2.shape[i]}")
    if _size(input1, -1) != _size(weight, 1):
        raise RuntimeError(f"bilinear(): input1 size does not match weight size: got {input1.shape[-1]} but "
                           f"expected {weight.shape[1]}")
    if _size(input2, -1) != _size(weight, 2):
        raise RuntimeError(f"bilinear(): input2 size does not match weight size: got {input2.shape[-1]} but "
                           f"expected {weight.shape[2]}")
    if weight.ndim != 3:
        raise RuntimeError(f"bilinear(): weight must be 3-D (out_features, in1_features, in2_features), got "
                           f"shape {list(weight.shape)}")
    if bias is not None and _size(bias, 0) != weight.shape[0]:
        raise RuntimeError(f"bilinear(): bias size does not match weight size: got {bias.shape[0]} but "
                           f"expected {weight.shape[0]}")
    out = einsum("...i,oij,...j->...o", input1, weight, input2)
    return out if bias is None else out + bias


PUBLIC["einsum"] = einsum
PUBLIC["bilinear"] = bilinear
