"""Creating tensors (SPEC B1): from data, filled, ranges, as torch 2.x does (random draws:
``random.py``).

These are not ops (they have no inputs to differentiate, except ``normal``'s tensors and the
alias ``Tensor(t)``), so they build tensors directly. Every one takes torch's ``dtype=``,
``device=`` and ``requires_grad=`` and refuses what torch refuses, with torch's error types:
negative sizes, values a dtype cannot hold (``full((2,), nan, dtype=int32)`` raises instead
of wrapping around), gradients on integer tensors.
"""
from __future__ import annotations

import math
import numbers
import operator
import warnings

import numpy as np

from . import dtypes, printing
from .ops.registry import MOVEMENT, PUBLIC, defop
from .tensor import Size, Tensor, _wrap, device as _device

FLOATING, INTEGER, COMPLEX = dtypes.FLOATING, dtypes.INTEGER, dtypes.COMPLEX
# torch's C++ names of the dtypes, as its overflow errors give them
_C_NAMES = {"bool": "bool", "int32": "int", "int64": "int64_t", "float32": "float", "float64": "double",
            "complex64": "c10::complex<float>", "complex128": "c10::complex<double>"}


def _type_name(x) -> str:
    """numpy.ndarray, float, Tensor: how torch's argument errors name a value's type."""
    cls = type(x)
    return f"numpy.{cls.__name__}" if cls.__module__ == "numpy" else cls.__name__


def _not_implemented(kernel: str, dt) -> NotImplementedError:
    return NotImplementedError(f'"{kernel}" not implemented for \'{dt.scalar_type}\' '
                               f"(jitgrad.{dt.name}); use a floating point dtype")


# ------------------------------------------------------------------ arguments
def _finish(data: np.ndarray, dt: dtypes.dtype, requires_grad: bool, device, op: str) -> Tensor:
    if device is not None and _device(device).type == "cuda":
        from .backends.cuda_device import to_device
        data = to_device(data)     # made on the host, then copied: creation is not the hot path
    t = _wrap(data, dt)
    if requires_grad:
        if dt.category < FLOATING:
            raise RuntimeError(f"Only Tensors of floating point and complex dtype can require gradients "
                               f"({op}() made a {dt.name} tensor; pass a floating point dtype)")
        t.requires_grad_()        # (refuses complex tensors: jitgrad has no complex autograd)
    return t


def _dtype_or(dtype, fallback: dtypes.dtype) -> dtypes.dtype:
    return dtypes.as_dtype(dtype) if dtype is not None else fallback


def _int_arg(value, op: str, name: str, position: int) -> int:
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{op}(): argument '{name}' (position {position}) must be int, not "
                        f"{_type_name(value)}") from None


def _size(args, op: str, size=None) -> tuple:
    """torch's size arguments: f(2, 3), f((2, 3)), f([2, 3]), f(Size([2, 3])) or f(size=(2, 3)),
    of ints (NumPy integers and 0-d integer tensors count)."""
    if size is not None:
        if args:
            raise TypeError(f"{op}() got multiple values for argument 'size'")
        args = (size,)
    if not args:
        raise TypeError(f'{op}() missing 1 required positional arguments: "size"')
    if len(args) == 1 and not isinstance(args[0], (numbers.Integral, Tensor)):
        if not isinstance(args[0], (tuple, list)):
            raise TypeError(f"{op}(): argument 'size' (position 1) must be tuple of ints, not "
                            f"{_type_name(args[0])}")
        args = args[0]
    shape = []
    for i, a in enumerate(args):
        try:
            shape.append(operator.index(a))
        except TypeError:
            raise TypeError(f"{op}(): argument 'size' failed to unpack the object at pos {i + 1} with "
                            f"error \"type must be tuple of ints,but got {_type_name(a)}\"") from None
    for s in shape:
        if s < 0:
            if op == "zeros":  # torch's zeros has a message of its own
                raise RuntimeError(f"zeros: Dimension size must be non-negative (got size {shape}).")
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {shape}")
    return tuple(shape)


def _sequence_size(size, op: str, position: int) -> tuple:
    """full(), randint(), normal(): the size is one sequence, never loose ints."""
    if isinstance(size, (numbers.Integral, Tensor)):
        raise TypeError(f"{op}(): argument 'size' (position {position}) must be tuple of ints, not "
                        f"{_type_name(size)}")
    return _size((size,), op)


def _number(value, op: str, name: str, position: int):
    """A Python number from a number or a 0-d tensor (torch's Scalar arguments)."""
    if isinstance(value, Tensor):
        if value._data.size != 1 or value._data.ndim:
            raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Number, not Tensor "
                            f"(of shape {list(value._data.shape)}; only 0-d tensors are numbers)")
        return value.item()
    if isinstance(value, np.generic) and value.dtype.kind in "biufc":
        return value.item()
    if not isinstance(value, numbers.Number):
        raise TypeError(f"{op}(): argument '{name}' (position {position}) must be Number, not "
                        f"{_type_name(value)}")
    return value


def _fits(value, dt: dtypes.dtype) -> bool:
    """Can dtype `dt` hold the Python number `value`? (torch checks before filling.)"""
    if dt.category == COMPLEX or dt is dtypes.bool_:
        return True
    if isinstance(value, complex):
        if value.imag != 0:
            return False
        value = value.real
    if dt.category == FLOATING:
        return not math.isfinite(value) or abs(value) <= np.finfo(dt.np).max
    if isinstance(value, float) and not math.isfinite(value):
        return False
    info = np.iinfo(dt.np)
    return info.min <= math.trunc(value) <= info.max


def _checked_fill(value, dt: dtypes.dtype, op: str):
    """`value` ready to fill a `dt` array, or torch's error when `dt` cannot hold it."""
    if not _fits(value, dt):
        raise RuntimeError(f"value cannot be converted to type {_C_NAMES[dt.name]} without overflow "
                           f"({op}() was asked to fill a {dt.name} tensor with {value!r})")
    if isinstance(value, complex) and dt.category < COMPLEX:
        return bool(value) if dt is dtypes.bool_ else value.real  # a zero imaginary part, dropped
    return value


# ------------------------------------------------------------------ from data
_SEQUENCES = (list, tuple, range)
_WIDE = {dtypes.BOOL: dtypes.bool_, INTEGER: dtypes.int64, FLOATING: dtypes.float64, COMPLEX: dtypes.complex128}
_PYTHON_NUMBERS = {bool, int, float, complex}


def _nested_shape(data) -> list:
    """The shape torch reads off nested sequences: each depth's first element decides."""
    shape = []
    while isinstance(data, _SEQUENCES):
        shape.append(len(data))
        if not data:
            return shape
        data = data[0]
    if isinstance(data, (np.ndarray, Tensor)):
        shape.extend(data.shape)
    return shape


def _leaf_kind(x):
    if type(x) in _PYTHON_NUMBERS or isinstance(x, numbers.Number) and not isinstance(x, np.generic):
        return dtypes.scalar_dtype(x)
    if isinstance(x, np.generic):
        return dtypes.from_numpy_dtype(x.dtype)
    if isinstance(x, str):
        raise ValueError(f"too many dimensions 'str': tensor() takes numbers, not strings ({x!r})")
    raise RuntimeError(f"Could not infer dtype of {type(x).__name__}: tensor() takes numbers, nested "
                       f"lists of numbers, NumPy arrays and tensors")


def _collect(x, depth: int, shape: list, kinds: set) -> bool:
    """Check `x` against `shape` from `depth` on, adding the dtypes of its leaves to `kinds`;
    True when it holds tensors (which NumPy cannot read from a nested list directly)."""
    if isinstance(x, _SEQUENCES):
        if depth == len(shape):
            raise TypeError(f"tensor(): expected a number at dim {depth}, got a {type(x).__name__} of "
                            f"length {len(x)} (the nested data is ragged)")
        if len(x) != shape[depth]:
            raise ValueError(f"expected sequence of length {shape[depth]} at dim {depth} (got {len(x)})")
        if depth + 1 == len(shape):
            types = set(map(type, x))
            if types <= _PYTHON_NUMBERS:  # the common case, one pass: a row of Python numbers
                for t in types:
                    kinds.add(dtypes.bool_ if t is bool else dtypes.int64 if t is int else
                              dtypes.default_float if t is float else dtypes.default_complex())
                return False
        holds_tensors = False
        for item in x:
            holds_tensors |= _collect(item, depth + 1, shape, kinds)
        return holds_tensors
    if isinstance(x, (np.ndarray, Tensor)):
        if tuple(x.shape) != tuple(shape[depth:]):
            raise ValueError(f"expected sequence of length {shape[depth]} at dim {depth} (got an array "
                             f"of shape {list(x.shape)})")
        kinds.add(x.dtype if isinstance(x, Tensor) else dtypes.from_numpy_dtype(x.dtype))
        return isinstance(x, Tensor)
    if depth != len(shape):
        raise TypeError(f"not a sequence: tensor() found {type(x).__name__} {x!r} at dim {depth}, where "
                        f"the first element has {len(shape) - depth} more dims (the data is ragged)")
    kinds.add(_leaf_kind(x))
    return False


def _arrays_for_numpy(data):
    """Nested data with its tensors replaced by their arrays."""
    if isinstance(data, Tensor):
        return np.asarray(data._data)
    if isinstance(data, _SEQUENCES):
        return [_arrays_for_numpy(d) for d in data]
    return data


def _cast(arr: np.ndarray, dt: dtypes.dtype) -> np.ndarray:
    """`arr` as `dt` (possibly the same array), refusing values `dt` cannot hold: torch raises
    for them where a plain cast would wrap around or drop an imaginary part."""
    kind = arr.dtype.kind
    if kind == "c" and dt.category < COMPLEX and dt is not dtypes.bool_:
        if np.any(arr.imag != 0):
            raise TypeError(f"must be real number, not complex: the data holds complex values with "
                            f"an imaginary part, which a {dt.name} tensor cannot keep")
        arr, kind = arr.real, "f"
    if dt.category == INTEGER and kind in "fiu" and arr.size and arr.dtype != dt.np:
        info = np.iinfo(dt.np)
        if kind == "f":
            # 2**63 is a float, int64's max is not: compare with the first value out of range
            ok = np.all((arr >= float(info.min)) & (arr < -float(info.min)))
        else:
            ok = arr.min() >= info.min and arr.max() <= info.max
        if not ok:
            raise RuntimeError(f"value cannot be converted to type {dt.name} without overflow (the data "
                               f"holds values outside [{info.min}, {info.max}], or nan/inf)")
    if arr.dtype == dt.np:
        return arr
    with np.errstate(over="ignore"):  # float64 -> float32 overflows to inf, silently as in torch
        return arr.astype(dt.np)


def _copied(arr: np.ndarray, source: np.ndarray) -> np.ndarray:
    return arr.copy(order="K") if np.may_share_memory(arr, source) else arr  # keeps the layout, as torch


def _from_data(data, dtype, op: str) -> tuple[np.ndarray, dtypes.dtype]:
    """A new array holding `data` (any nesting of numbers, sequences, arrays, tensors), and
    its dtype: `dtype`, or torch's inference (Python floats -> float32, ints -> int64, …)."""
    if isinstance(data, Tensor):
        arr = np.asarray(data._data)   # a traced tensor refuses here, with the tracer's error
        dt = _dtype_or(dtype, data.dtype)
        return _copied(_cast(arr, dt), arr), dt
    if isinstance(data, np.ndarray):
        if data.dtype.kind not in "biufc":
            raise TypeError(f"can't convert np.ndarray of type numpy.{data.dtype.type.__name__}. The only "
                            f"supported types are: {', '.join(d.name for d in dtypes.ALL)}.")
        dt = dtypes.as_dtype(dtype) if dtype is not None else dtypes.from_numpy_dtype(data.dtype)
        return _copied(_cast(data, dt), data), dt
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type 'str' ({op}() takes numbers, not strings)")
    if dtype is None and type(data) in (float, bool):  # a Python number: nothing to check
        dt = dtypes.default_float if type(data) is float else dtypes.bool_
        return np.array(data, dt.np), dt
    shape = _nested_shape(data)
    kinds: set = set()
    holds_tensors = _collect(data, 0, shape, kinds)
    natural = dtypes.default_float
    if kinds:
        natural = kinds.pop()
        for k in kinds:
            natural = dtypes.promote_types(natural, k)
    dt = _dtype_or(dtype, natural)
    if holds_tensors:
        data = _arrays_for_numpy(data)
    # straight to a float or complex dtype of at least the data's category; anything else is
    # built at full precision (16777217.0 must not pass through float32 on its way to int64)
    # and cast with checks
    build = dt if dt.category >= max(natural.category, FLOATING) else _WIDE[natural.category]
    try:
        arr = np.array(data, dtype=build.np)
    except OverflowError:
        raise ValueError("Overflow when unpacking long long: the data holds an integer outside "
                         "int64's range (pass dtype=jitgrad.float64 to store it as a float)") from None
    return _cast(arr, dt), dt


def tensor(data, dtype=None, device=None, requires_grad=False) -> Tensor:
    """A new tensor holding a copy of `data` (nested lists, numbers, arrays, tensors)."""
    if isinstance(data, Tensor):
        warnings.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach()."
                      "clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
                      "jitgrad.tensor(sourceTensor).", UserWarning, stacklevel=2)
    arr, dt = _from_data(data, dtype, "tensor")
    return _finish(arr, dt, requires_grad, device, "tensor")


def scalar_tensor(value, dtype=None, device=None, requires_grad=False) -> Tensor:
    """A 0-d tensor of the default float dtype (or `dtype`), as torch.scalar_tensor."""
    value = _number(value, "scalar_tensor", "s", 1)
    dt = _dtype_or(dtype, dtypes.default_float)
    return _finish(np.array(_checked_fill(value, dt, "scalar_tensor"), dt.np), dt, requires_grad,
                   device, "scalar_tensor")


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing the array's memory (writes through either are seen by both)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {_type_name(array)})")
    dt = dtypes.from_numpy_dtype(array.dtype)
    if array.dtype != dt.np:
        raise ValueError("given numpy array has byte order different from the native byte order. "
                         "Conversion between byte orders is currently not supported (use "
                         "jitgrad.tensor(array), which copies, or array.astype(array.dtype.newbyteorder('=')))")
    return _wrap(array, dt)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    """Like tensor(), but shares memory with a NumPy array or tensor when it can."""
    if device is not None:
        _device(device)
    if isinstance(data, Tensor):
        return data if dtype is None or dtypes.as_dtype(dtype) is data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray) and data.dtype.kind in "biufc" and data.dtype.isnative and (
            dtype is None or dtypes.as_dtype(dtype).np == data.dtype):
        return from_numpy(data)
    arr, dt = _from_data(data, dtype, "as_tensor")
    return _wrap(arr, dt)


# Tensor(t) is an alias of t: a view on the same memory and version counter, differentiable
_alias = defop("alias", MOVEMENT, lambda x: x.view(), "x", {"x": lambda g: g}, dtype="same",
               shape=lambda s: s, view=True, grad_fn="AliasBackward0", export=False)


def _legacy_signature_error(args) -> TypeError:
    got = ", ".join(type(a).__name__ for a in args)
    return TypeError(f"new() received an invalid combination of arguments - got ({got}), but expected "
                     f"one of: (*, device), (Tensor other), (tuple of ints size, *, device), "
                     f"(object data, *, device)")


def legacy_new(args, size, dtype, device) -> Tensor:
    """The arguments of ``Tensor(...)``, read as torch's legacy constructor reads them."""
    if device is not None:
        _device(device)
    dt = _dtype_or(dtype, dtypes.default_float)
    if size is None and len(args) == 1:
        (data,) = args
        if isinstance(data, Tensor):
            return _alias(data) if dtype is None or dt is data.dtype else data.to(dt)
        if not isinstance(data, (numbers.Integral, Size)):
            if isinstance(data, numbers.Number):
                raise TypeError(f"new(): data must be a sequence (got {_type_name(data)}); for a "
                                f"tensor of that size pass ints, for a 0-d tensor use jitgrad.tensor()")
            arr, dt = _from_data(data, dt, "Tensor")
            return _finish(arr, dt, False, device, "Tensor")
    if size is None and not all(isinstance(a, (numbers.Integral, Size)) for a in args):
        raise _legacy_signature_error(args)
    shape = _size(args, "Tensor", size) if (args or size is not None) else (0,)
    return _finish(np.empty(shape, dt.np), dt, False, device, "Tensor")


# ------------------------------------------------------------------ filled
def _filled(name: str, fill):
    def make(*size_args, size=None, dtype=None, device=None, requires_grad=False) -> Tensor:
        dt = _dtype_or(dtype, dtypes.default_float)
        return _finish(fill(_size(size_args, name, size), dt.np), dt, requires_grad, device, name)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = f"torch.{name}(*size, dtype=None, device=None, requires_grad=False)"
    return make


zeros = _filled("zeros", np.zeros)
ones = _filled("ones", np.ones)
empty = _filled("empty", np.empty)


def _fill_value(value, op: str):
    return _number(value, op, "fill_value", 2)


def _full(size, fill_value, dtype, device, requires_grad, op: str) -> Tensor:
    value = _fill_value(fill_value, op)
    dt = _dtype_or(dtype, dtypes.scalar_dtype(value))
    data = np.full(_sequence_size(size, op, 1), _checked_fill(value, dt, op), dt.np)
    return _finish(data, dt, requires_grad, device, op)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    """A tensor of `size` filled with `fill_value`; its dtype follows the value (int64, bool,
    the default float or complex) unless `dtype` is given."""
    return _full(size, fill_value, dtype, device, requires_grad, "full")


def _like_shape(input, op: str) -> tuple:
    if not isinstance(input, Tensor):
        raise TypeError(f"{op}(): argument 'input' (position 1) must be Tensor, not {_type_name(input)}")
    return input._data.shape


def _like_array(input, dt: dtypes.dtype, op: str) -> np.ndarray:
    """Uninitialised memory shaped like `input`, in its memory order (torch's preserve_format)."""
    _like_shape(input, op)
    data = input._data
    if type(data) is np.ndarray and not data.flags.c_contiguous:
        return np.empty_like(data, dtype=dt.np, order="K")
    return np.empty(data.shape, dt.np)


def _like_device(input, device):
    """torch's *_like functions make their tensor on the input's device unless told otherwise."""
    return device if device is not None or not isinstance(input, Tensor) else input.device


def _like(name: str, fill_with):
    def make(input, *, dtype=None, device=None, requires_grad=False) -> Tensor:
        dt = _dtype_or(dtype, getattr(input, "dtype", None))
        data = _like_array(input, dt, name)
        if fill_with is not None:
            data[...] = fill_with
        return _finish(data, dt, requires_grad, _like_device(input, device), name)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = f"torch.{name}(input, *, dtype=None, device=None, requires_grad=False)"
    return make


zeros_like = _like("zeros_like", 0)
ones_like = _like("ones_like", 1)
empty_like = _like("empty_like", None)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    value = _fill_value(fill_value, "full_like")
    dt = _dtype_or(dtype, getattr(input, "dtype", None))
    data = _like_array(input, dt, "full_like")
    data[...] = _checked_fill(value, dt, "full_like")
    return _finish(data, dt, requires_grad, _like_device(input, device), "full_like")


def fill_(input: Tensor, value) -> Tensor:
    """torch.fill_(t, value): t.fill_(value), as a function."""
    return input.fill_(value)


def zero_(input: Tensor) -> Tensor:
    return input.zero_()


# ------------------------------------------------------------------ ranges
def arange(start=0, end=None, step=1, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    """Integers give int64, any float argument gives the default float dtype (torch's rule).
    The count is torch's: ceil((end - start) / step) in double precision (for int64, in
    integers from the truncated arguments)."""
    if end is None:  # arange(end): the only argument is the end, at position 1
        if type(start) is int and type(step) is int and dtype is None and start >= 0 and step > 0:
            # the common arange(n): NumPy's count is torch's for integers
            return _finish(np.arange(0, start, step, dtype=np.int64), dtypes.int64, requires_grad, device,
                           "arange")
        args = ((0, "start", 0), (start, "end", 1), (step, "step", 3))
    else:
        args = ((start, "start", 1), (end, "end", 2), (step, "step", 3))
    values = [_number(v, "arange", name, position) for v, name, position in args]
    if any(isinstance(v, complex) for v in values):
        raise RuntimeError(f"value cannot be converted to type double without overflow: arange() takes "
                           f"real numbers, got {values}")
    if dtype is None:
        integral = all(isinstance(v, numbers.Integral) for v in values)
        dt = dtypes.int64 if integral else dtypes.default_float
    else:
        dt = dtypes.as_dtype(dtype)
    if dt is dtypes.bool_ or dt.category == COMPLEX:
        raise _not_implemented("arange_cpu", dt)
    s, e, st = (float(v) for v in values)
    if st == 0:
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(s) and math.isfinite(e)):
        raise RuntimeError(f"unsupported range: {values[0]} -> {values[1]}")
    if (st > 0 and e < s) or (st < 0 and e > s):
        raise RuntimeError(f"upper bound and lower bound inconsistent with step sign (arange({values[0]}, "
                           f"{values[1]}, {values[2]}))")
    if dt.category == FLOATING:
        count = math.ceil((e - s) / st)
        data = (s + st * np.arange(count, dtype=np.float64)).astype(dt.np)
    else:
        # torch computes integers from the truncated arguments
        xs, xe, xst = (math.trunc(v) for v in values)
        if dt is dtypes.int64:
            if xst == 0:
                raise ValueError(f"step must be nonzero: step {values[2]} truncates to 0 for int64")
            sign = 1 if xst > 0 else -1
            count = (xe - xs + xst - sign) // xst
        else:  # torch counts in double precision and steps by the truncated step, even 0
            count = math.ceil((e - s) / st)
        data = (xs + xst * np.arange(count, dtype=np.int64)).astype(dt.np)
    return _finish(data, dt, requires_grad, device, "arange")


def _endpoint(value, name: str, position: int):
    if isinstance(value, Tensor) and value._data.ndim:
        raise RuntimeError(f"linspace only supports 0-dimensional start and end tensors, but got {name} "
                           f"with {value._data.ndim} dimension(s).")
    return _number(value, "linspace", name, position)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    """`steps` values from start to end, computed as torch does: in the result's dtype, the
    first half counted up from start and the second half down from end."""
    s, e = _endpoint(start, "start", 1), _endpoint(end, "end", 2)
    steps = _int_arg(steps, "linspace", "steps", 3)
    if steps < 0:
        raise RuntimeError(f"number of steps must be non-negative (got {steps})")
    is_complex = isinstance(s, complex) or isinstance(e, complex)
    inferred = dtypes.default_complex() if is_complex else dtypes.default_float
    dt = _dtype_or(dtype, inferred)
    if dt is dtypes.bool_:
        raise _not_implemented("linspace_cpu", dt)
    if is_complex and dt.category < COMPLEX:
        raise RuntimeError(f"torch.linspace(): inferred dtype {_C_NAMES[inferred.name]} can't be safely "
                           f"cast to passed dtype {dt.scalar_type}")
    if dt.category == INTEGER:
        s, e = math.trunc(s), math.trunc(e)
        kind = np.float64  # torch steps integers in double precision, then truncates
    else:
        kind = dt.np.type
    if steps == 1:
        values = np.full(1, kind(s))
    else:
        span = kind(e) - kind(s)
        if dt.category == COMPLEX:  # divided part by part, as torch divides a complex by an int
            part = type(span.real)
            step = kind(complex(span.real / part(steps - 1), span.imag / part(steps - 1)))
        else:
            step = span / kind(steps - 1)
        i = np.arange(steps)
        with np.errstate(invalid="ignore", over="ignore"):
            values = np.where(i < steps // 2, _fused(kind(s), step, i), _fused(kind(e), -step, steps - i - 1))
    if dt.category == INTEGER:
        values = np.trunc(values)
    return _finish(values.astype(dt.np), dt, requires_grad, device, "linspace")


_WIDER = {np.float32: np.float64, np.float64: np.longdouble}


def _fused(a, b, n: np.ndarray) -> np.ndarray:
    """a + b * n with one rounding, in a's type: torch's compiled kernel fuses the multiply-add
    (x86's FMA), which decides the last bit, and so the truncated value of integer results."""
    kind = type(a)
    if kind in _WIDER:
        wide = _WIDER[kind]
        return (wide(a) + wide(b) * n.astype(wide)).astype(kind)
    part = np.float32 if kind is np.complex64 else np.float64  # complex: each part on its own
    return (_fused(part(a.real), part(b.real), n) + 1j * _fused(part(a.imag), part(b.imag), n)).astype(kind)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    n = _int_arg(n, "eye", "n", 1)
    m = n if m is None else _int_arg(m, "eye", "m", 2)
    for name, v in (("n", n), ("m", m)):
        if v < 0:
            raise RuntimeError(f"{name} must be greater or equal to 0, got {v}")
    dt = _dtype_or(dtype, dtypes.default_float)
    return _finish(np.eye(n, m, dtype=dt.np), dt, requires_grad, device, "eye")


# ------------------------------------------------------------------ Tensor.new_* (self's dtype)
def _new_tensor(self, data, dtype=None, device=None, requires_grad=False) -> Tensor:
    if isinstance(data, Tensor):
        warnings.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach()."
                      "clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
                      "tensor.new_tensor(sourceTensor).", UserWarning, stacklevel=2)
    arr, dt = _from_data(data, _dtype_or(dtype, self.dtype), "new_tensor")
    return _finish(arr, dt, requires_grad, _like_device(self, device), "new_tensor")


def _new_filled(name: str, fill):
    def method(self, *size_args, size=None, dtype=None, device=None, requires_grad=False) -> Tensor:
        dt = _dtype_or(dtype, self.dtype)
        return _finish(fill(_size(size_args, name, size), dt.np), dt, requires_grad, _like_device(self, device),
                       name)
    method.__name__ = method.__qualname__ = name
    return method


def _new_full(self, size, fill_value, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    return _full(size, fill_value, _dtype_or(dtype, self.dtype), device, requires_grad, "new_full")


Tensor.new_tensor = _new_tensor
Tensor.new_zeros = _new_filled("new_zeros", np.zeros)
Tensor.new_ones = _new_filled("new_ones", np.ones)
Tensor.new_empty = _new_filled("new_empty", np.empty)
Tensor.new_full = _new_full


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def is_floating_point(input: Tensor) -> bool:
    return input.dtype.is_floating_point


def is_complex(input: Tensor) -> bool:
    return input.dtype.is_complex


PUBLIC.update(
    tensor=tensor, scalar_tensor=scalar_tensor, from_numpy=from_numpy, as_tensor=as_tensor,
    zeros=zeros, ones=ones, empty=empty, full=full, zeros_like=zeros_like, ones_like=ones_like,
    empty_like=empty_like, full_like=full_like, fill_=fill_, zero_=zero_, arange=arange,
    linspace=linspace, eye=eye,
    is_tensor=is_tensor, is_floating_point=is_floating_point, is_complex=is_complex,
    get_default_dtype=dtypes.get_default_dtype, set_default_dtype=dtypes.set_default_dtype,
    finfo=dtypes.finfo, iinfo=dtypes.iinfo, set_printoptions=printing.set_printoptions,
)
