"""The scalar vocabulary of the ops' ``scalar`` expressions, for CUDA kernels: written inline.

The CPU kernels call small ``@njit`` functions (``cpu_scalars``). A CUDA kernel cannot call
those, and a ``@cuda.jit(device=True)`` function would make ``numba.cuda.compile_ptx`` ask the
driver for the current GPU, so that kernels could not be type-checked on a machine without
one. So each vocabulary call is expanded in place, as an expression over its operands — which
the code generator has already bound to local variables (``v_add_3``) or literals, so
repeating an operand inside the expansion repeats no work.

Each entry matches the NumPy forward: ``maximum`` propagates NaN as ``np.maximum`` does, etc.
Functions whose CPU meaning relies on raising (integer division by zero) or on correctly
rounded strict arithmetic (rounding, remainders) have no entry: the ops using them run as
NumPy on the host (eager) or as a host step (compiled), never as a silently different kernel.
"""
from __future__ import annotations

import ast

# name -> expression over the operands {0}, {1}, ...
VOCABULARY = {
    "maximum": "({0} if ({0} > {1} or {0} != {0}) else {1})",
    "minimum": "({0} if ({0} < {1} or {0} != {0}) else {1})",
    "where": "({1} if {0} else {2})",
    "sign": "((({0} > 0) * 1 - ({0} < 0) * 1) if {0} == {0} else {0})",
    "logical_and": "(bool({0}) and bool({1}))",
    "logical_or": "(bool({0}) or bool({1}))",
    "logical_xor": "(bool({0}) != bool({1}))",
    "logical_not": "(not bool({0}))",
    "subtract": "({0} - {1})",
    "power": "({0} ** {1})",
    "exp": "math.exp({0})",
    "log": "math.log({0})",
    "sqrt": "math.sqrt({0})",
    "sin": "math.sin({0})",
    "cos": "math.cos({0})",
    "tanh": "math.tanh({0})",
    "sigmoid": "(1 / (1 + math.exp(-{0})))",
    "abs": "abs({0})",
}


class Unsupported(Exception):
    """An expression calls a function CUDA kernels have no inline form of."""


def clamp_expression(operands) -> str:
    """clamp(x, lo, hi): each bound may be None (absent), known when the kernel is generated."""
    x, lo, hi = operands
    if lo != "None":
        x = VOCABULARY["maximum"].format(x, lo)
    if hi != "None":
        x = VOCABULARY["minimum"].format(x, hi)
    return x


class _Inline(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        if not isinstance(node.func, ast.Name) or node.func.id in _TYPE_CASTS:
            return node
        name = node.func.id
        operands = [ast.unparse(a) for a in node.args]
        if name == "clamp":
            text = clamp_expression(operands)
        elif name in VOCABULARY:
            text = VOCABULARY[name].format(*operands)
        else:
            raise Unsupported(name)
        return ast.parse(text, mode="eval").body


_TYPE_CASTS = {"float32", "float64", "int32", "int64", "bool_", "bool", "uint8", "int8", "int16"}


def inline(expression: str) -> str:
    """The expression with every vocabulary call expanded; Unsupported if one has no entry."""
    tree = _Inline().visit(ast.parse(expression, mode="eval"))
    return ast.unparse(ast.fix_missing_locations(tree))


def supports(scalar_template: str) -> bool:
    """Can an op with this ``scalar`` template run in a CUDA kernel?"""
    try:
        inline(scalar_template.replace("{", "(").replace("}", ")"))
    except Unsupported:
        return False
    return True
