"""Dtypes and torch's type-promotion rules.

A jitgrad dtype wraps a NumPy dtype and knows its *category* (bool < integer < floating),
which is what torch's promotion looks at first. Promotion follows torch 2.x:

* operands are split into three tiers — tensors with dimensions, zero-dim tensors, and
  Python numbers ("wrapped numbers");
* a lower tier only changes the result when it is of a *higher category* than every operand
  above it (``int32_tensor + int64_scalar_tensor`` stays int32, ``int32_tensor + 2.5`` is
  float32, ``float32_tensor + float64_zero_dim`` stays float32);
* a Python float is read as the default dtype (float32), a Python int as int64.
"""
from __future__ import annotations

import numpy as np

BOOL, INTEGER, FLOATING, COMPLEX = 0, 1, 2, 3


class dtype:
    """A tensor element type: ``jitgrad.float32`` and friends (singletons, compare by identity)."""

    __slots__ = ("name", "np", "category", "itemsize", "is_floating_point", "is_complex", "_rank")

    def __init__(self, name: str, np_dtype, category: int, rank: int):
        self.name = name
        self.np = np.dtype(np_dtype)
        self.category = category
        self.itemsize = self.np.itemsize
        self.is_floating_point = category == FLOATING
        self.is_complex = category == COMPLEX
        self._rank = rank  # order used by promote_types inside one category

    def __repr__(self):
        return f"jitgrad.{self.name}"

    def __reduce__(self):  # pickles as the singleton
        return (_by_name, (self.name,))

    @property
    def is_signed(self):
        return self.category != BOOL


bool_ = dtype("bool", np.bool_, BOOL, 0)
int32 = dtype("int32", np.int32, INTEGER, 2)
int64 = dtype("int64", np.int64, INTEGER, 3)
float32 = dtype("float32", np.float32, FLOATING, 5)
float64 = dtype("float64", np.float64, FLOATING, 6)
complex64 = dtype("complex64", np.complex64, COMPLEX, 7)
complex128 = dtype("complex128", np.complex128, COMPLEX, 8)

ALL = (bool_, int32, int64, float32, float64, complex64, complex128)
_BY_NP = {d.np: d for d in ALL}
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update({"float": float32, "double": float64, "int": int32, "long": int64,
                 "bool_": bool_, "cfloat": complex64, "cdouble": complex128})

# torch's default float dtype; Python floats and float-producing ops on ints use it.
default_float = float32


def _by_name(name: str) -> dtype:
    return _BY_NAME[name]


def from_numpy_dtype(np_dtype) -> dtype:
    """The jitgrad dtype for a NumPy dtype, or TypeError naming the supported ones."""
    found = _BY_NP.get(np.dtype(np_dtype))
    if found is None:
        raise TypeError(f"can't convert np.ndarray of type {np.dtype(np_dtype)}. The only supported "
                        f"types are: {', '.join(d.name for d in ALL)}.")
    return found


def as_dtype(spec) -> dtype:
    """Accept a jitgrad dtype, a NumPy dtype/type, a Python type or a name like 'float32'."""
    if isinstance(spec, dtype):
        return spec
    if spec is float:
        return default_float
    if spec is int:
        return int64
    if spec is bool:
        return bool_
    if spec is complex:
        return complex64
    if isinstance(spec, str):
        name = spec.removeprefix("jitgrad.").removeprefix("torch.")
        if name in _BY_NAME:
            return _BY_NAME[name]
        raise TypeError(f"unknown dtype {spec!r}; valid: {', '.join(d.name for d in ALL)}")
    try:
        return from_numpy_dtype(spec)
    except TypeError:
        raise TypeError(f"unknown dtype {spec!r}; valid: {', '.join(d.name for d in ALL)}") from None


def promote_types(a: dtype, b: dtype) -> dtype:
    """torch.promote_types: the smallest dtype both can be cast to without losing category."""
    if a is b:
        return a
    if a.category == COMPLEX or b.category == COMPLEX:
        wide = float64 if (a is float64 or b is float64 or a is complex128 or b is complex128) else None
        return complex128 if wide else complex64
    return a if a._rank >= b._rank else b


def _scalar_dtype(value) -> dtype:
    # bool before int: bool is a subclass of int
    if isinstance(value, bool):
        return bool_
    if isinstance(value, int):
        return int64
    if isinstance(value, complex):
        return complex64
    return default_float


def _combine(higher: dtype | None, lower: dtype | None) -> dtype | None:
    """torch's combine_categories: a lower tier wins only with a higher category."""
    if higher is None:
        return lower
    if lower is None:
        return higher
    if higher.category >= COMPLEX:
        return higher
    if lower.category == COMPLEX:
        # a real tensor meeting a complex lower tier becomes complex of the tensor's width
        return complex128 if higher is float64 else promote_types(lower, complex64)
    if higher.category == FLOATING:
        return higher
    if higher is bool_ or lower.category == FLOATING:
        return promote_types(higher, lower)
    return higher


_cache: dict = {}


def result_type(*operands) -> dtype:
    """torch.result_type over tensors and Python numbers (None operands are ignored)."""
    key = []
    for op in operands:
        dt = getattr(op, "dtype", None)
        if isinstance(dt, dtype):
            key.append((dt, op.ndim == 0))
        elif op is not None:
            key.append((_scalar_dtype(op), None))
    key = tuple(key)
    found = _cache.get(key)
    if found is None:
        tiers = {False: None, True: None, None: None}
        for dt, tier in key:
            tiers[tier] = dt if tiers[tier] is None else promote_types(tiers[tier], dt)
        found = _combine(tiers[False], _combine(tiers[True], tiers[None]))
        _cache[key] = found
    return found


def can_cast(source: dtype, target: dtype) -> bool:
    """torch.can_cast: may an in-place op write a result of `source` into `target`?"""
    return source.category <= target.category
