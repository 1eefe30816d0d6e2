"""Dtypes and torch's type-promotion rules.

A jitgrad dtype wraps a NumPy dtype and knows its *category* (bool < integer < floating <
complex), which is what torch's promotion looks at first. Promotion follows torch 2.x:

* operands are split into three tiers — tensors with dimensions, zero-dim tensors, and
  Python numbers ("wrapped numbers");
* a lower tier only changes the result when it is of a *higher category* than every operand
  above it (``int32_tensor + int64_scalar_tensor`` stays int32, ``int32_tensor + 2.5`` is
  float32, ``float32_tensor + float64_zero_dim`` stays float32); a complex lower tier makes a
  floating tensor complex of the tensor's own width (``float32_tensor + complex128_zero_dim``
  is complex64);
* a Python float is read as the default dtype (float32), a Python complex as the default
  complex dtype (complex64), a Python int as int64; NumPy scalars count as the Python number
  of their kind (``int32_tensor + np.int64(2)`` stays int32).
"""
from __future__ import annotations

import numbers

import numpy as np

BOOL, INTEGER, FLOATING, COMPLEX = 0, 1, 2, 3


class dtype:
    """A tensor element type: ``jitgrad.float32`` and friends (singletons, compare by identity)."""

    __slots__ = ("name", "np", "category", "itemsize", "is_floating_point", "is_complex", "_rank", "scalar_type")

    def __init__(self, name: str, np_dtype, category: int, rank: int, scalar_type: str):
        self.name = name
        self.scalar_type = scalar_type   # torch's ScalarType name, as its messages say it ("Float")
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

    def to_complex(self) -> "dtype":
        """float32 -> complex64, float64 -> complex128 (complex dtypes are their own)."""
        found = _TO_COMPLEX.get(self)
        if found is None:
            raise RuntimeError(f"Unknown Complex ScalarType for {self.name}: only float32, float64 "
                               f"and the complex dtypes have one")
        return found

    def to_real(self) -> "dtype":
        """complex64 -> float32, complex128 -> float64 (real dtypes are their own)."""
        return _TO_REAL.get(self, self)


bool_ = dtype("bool", np.bool_, BOOL, 0, "Bool")
int32 = dtype("int32", np.int32, INTEGER, 2, "Int")
int64 = dtype("int64", np.int64, INTEGER, 3, "Long")
float32 = dtype("float32", np.float32, FLOATING, 5, "Float")
float64 = dtype("float64", np.float64, FLOATING, 6, "Double")
complex64 = dtype("complex64", np.complex64, COMPLEX, 7, "ComplexFloat")
complex128 = dtype("complex128", np.complex128, COMPLEX, 8, "ComplexDouble")

ALL = (bool_, int32, int64, float32, float64, complex64, complex128)
_BY_NP = {d.np: d for d in ALL}
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update({"float": float32, "double": float64, "int": int32, "long": int64,
                 "bool_": bool_, "cfloat": complex64, "cdouble": complex128})
_TO_COMPLEX = {float32: complex64, float64: complex128, complex64: complex64, complex128: complex128}
_TO_REAL = {complex64: float32, complex128: float64}
# Python's types as dtype= arguments, as torch reads them (float is double there, not the default)
_PYTHON_TYPES = {float: float64, int: int64, bool: bool_, complex: complex128}

# torch's default float dtype (set_default_dtype changes it); Python floats and float-producing
# ops on ints use it, and Python complex numbers its complex counterpart.
default_float = float32


def get_default_dtype() -> dtype:
    return default_float


def set_default_dtype(d) -> None:
    """torch.set_default_dtype: the dtype of Python floats (float32 or float64)."""
    global default_float
    d = as_dtype(d)
    if d.category != FLOATING:
        raise TypeError(f"only floating-point types are supported as the default type (got {d}); "
                        f"use jitgrad.float32 or jitgrad.float64")
    default_float = d


def default_complex() -> dtype:
    return _TO_COMPLEX[default_float]


def _by_name(name: str) -> dtype:
    return _BY_NAME[name]


def _supported() -> str:
    return ", ".join(d.name for d in ALL)


def from_numpy_dtype(np_dtype) -> dtype:
    """The jitgrad dtype for a NumPy dtype, or TypeError naming the supported ones."""
    np_dtype = np.dtype(np_dtype)
    found = _BY_NP.get(np_dtype)
    if found is None:
        found = _BY_NP.get(np_dtype.newbyteorder("="))  # big-endian data: the caller converts
        if found is None or np_dtype.kind not in "biufc":
            raise TypeError(f"can't convert np.ndarray of type numpy.{np_dtype.type.__name__}. The only "
                            f"supported types are: {_supported()}.")
    return found


def as_dtype(spec) -> dtype:
    """Accept a jitgrad dtype, a Python type (float is float64, as in torch), a NumPy dtype or
    type, or a name like 'float32' / 'torch.float64'."""
    if isinstance(spec, dtype):
        return spec
    found = _PYTHON_TYPES.get(spec) if isinstance(spec, type) else None
    if found is not None:
        return found
    if isinstance(spec, str):
        name = spec.removeprefix("jitgrad.").removeprefix("torch.")
        if name in _BY_NAME:
            return _BY_NAME[name]
        raise TypeError(f"unknown dtype {spec!r}; valid: {_supported()}")
    try:
        return from_numpy_dtype(spec)
    except TypeError:
        raise TypeError(f"unknown dtype {spec!r}; valid: {_supported()}") from None


def promote_types(a: dtype, b: dtype) -> dtype:
    """torch.promote_types: the smallest dtype both can be cast to without losing category."""
    if a is b:
        return a
    if a.category == COMPLEX or b.category == COMPLEX:
        wide = float64 if (a is float64 or b is float64 or a is complex128 or b is complex128) else None
        return complex128 if wide else complex64
    return a if a._rank >= b._rank else b


def scalar_dtype(value) -> dtype:
    """The dtype torch gives a Python (or NumPy) number: bool, int64, the default float or
    the default complex."""
    # bool before int: bool is a subclass of int
    if isinstance(value, (bool, np.bool_)):
        return bool_
    if isinstance(value, numbers.Integral):
        return int64
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        return default_complex()
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
        # a floating tensor keeps its width (float32 -> complex64); below floating, lower wins
        return _TO_COMPLEX[higher] if higher.category == FLOATING else lower
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
            key.append((scalar_dtype(op), None))
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


class finfo:
    """torch.finfo: machine limits of a floating (or complex: of its parts) dtype."""

    def __init__(self, type=None):
        d = as_dtype(type) if type is not None else default_float
        if d.category < FLOATING:
            raise TypeError(f"jitgrad.finfo() requires a floating point input type (got {d}). "
                            f"Use jitgrad.iinfo to handle {d}")
        info = np.finfo(d.to_real().np)
        self.bits = info.bits
        self.eps, self.max, self.min = float(info.eps), float(info.max), float(info.min)
        self.tiny = self.smallest_normal = float(info.smallest_normal)
        self.resolution = float(info.resolution)
        self.dtype = d.to_real().name

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
                f"eps={self.eps:g}, smallest_normal={self.smallest_normal:g}, tiny={self.tiny:g}, "
                f"dtype={self.dtype})")


class iinfo:
    """torch.iinfo: the range of an integer dtype."""

    def __init__(self, type):
        d = as_dtype(type)
        if d.category != INTEGER:
            hint = "Use jitgrad.finfo to handle it" if d.category >= FLOATING else "bool has no range"
            raise TypeError(f"jitgrad.iinfo() requires an integer input type (got {d}). {hint}")
        info = np.iinfo(d.np)
        self.bits, self.min, self.max, self.dtype = info.bits, int(info.min), int(info.max), d.name

    def __repr__(self):
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"
