"""Creating tensors: from data, filled, ranges, random draws. Not ops (no inputs to
differentiate), so they build tensors directly.

Random numbers come from one NumPy ``Generator`` that ``manual_seed`` reseeds: draws are
reproducible within jitgrad, not bit-identical to torch's.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from . import dtypes
from .ops.dims import shape_arg
from .tensor import Tensor, _wrap, device as _device

_rng = np.random.default_rng()


def manual_seed(seed: int):
    """Seed jitgrad's random generator (rand, randn, randperm, dropout, shuffling, …)."""
    global _rng
    _rng = np.random.default_rng(int(seed))
    return _rng


def default_generator() -> np.random.Generator:
    return _rng


def _finish(data: np.ndarray, dtype: dtypes.dtype, requires_grad: bool, device=None) -> Tensor:
    if device is not None:
        _device(device)
    t = _wrap(data, dtype)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _infer_dtype(data) -> dtypes.dtype:
    """torch.tensor's inference: Python floats -> float32, ints -> int64, bools -> bool."""
    arr = np.asarray(data)
    kind = arr.dtype.kind
    if kind == "f":
        return dtypes.from_numpy_dtype(arr.dtype) if isinstance(data, (np.ndarray, np.generic)) \
            else dtypes.default_float
    if kind == "b":
        return dtypes.bool_
    if kind in "iu":
        return dtypes.from_numpy_dtype(arr.dtype) if isinstance(data, (np.ndarray, np.generic)) \
            else dtypes.int64
    if kind == "c":
        return dtypes.from_numpy_dtype(arr.dtype) if isinstance(data, np.ndarray) else dtypes.complex64
    raise TypeError(f"tensor(): could not infer dtype of {type(data).__name__} (numpy kind {kind!r}); "
                    f"pass numbers, nested lists of numbers, NumPy arrays or tensors")


def _unwrap_nested(data):
    """Lists may hold tensors (torch.tensor([t1, t2]) of 0-d tensors)."""
    if isinstance(data, Tensor):
        return data._data
    if isinstance(data, (list, tuple)):
        return [_unwrap_nested(d) for d in data]
    return data


def tensor(data, dtype=None, device=None, requires_grad=False) -> Tensor:
    """A new tensor holding a copy of `data` (nested lists, numbers, arrays, tensors)."""
    if isinstance(data, Tensor):
        arr, inferred = data._data, data.dtype
    else:
        data = _unwrap_nested(data)
        inferred = _infer_dtype(data)
        arr = np.asarray(data)
    dt = dtypes.as_dtype(dtype) if dtype is not None else inferred
    return _finish(np.array(arr, dtype=dt.np, copy=True), dt, requires_grad, device)


def scalar_tensor(value, dtype=None) -> Tensor:
    dt = dtypes.as_dtype(dtype) if dtype is not None else _infer_dtype(value)
    return _wrap(np.array(value, dt.np), dt)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    """Like tensor(), but shares memory with a NumPy array or tensor when it can."""
    if isinstance(data, Tensor):
        return data if dtype is None or dtypes.as_dtype(dtype) is data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray) and (dtype is None or dtypes.as_dtype(dtype).np == data.dtype):
        return from_numpy(data)
    return tensor(data, dtype=dtype, device=device)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing the array's memory (writes through either are seen by both)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    return _wrap(array, dtypes.from_numpy_dtype(array.dtype))


def _dtype_or_default(dtype, fallback=None) -> dtypes.dtype:
    return dtypes.as_dtype(dtype) if dtype is not None else (fallback or dtypes.default_float)


def _filled(fill):
    def make(*size, out=None, dtype=None, device=None, requires_grad=False):
        dt = _dtype_or_default(dtype)
        return _finish(fill(shape_arg(size, make.__name__), dt.np), dt, requires_grad, device)
    return make


zeros = _filled(np.zeros)
ones = _filled(np.ones)
empty = _filled(np.empty)
zeros.__name__, ones.__name__, empty.__name__ = "zeros", "ones", "empty"


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    if dtype is None:
        dt = _infer_dtype(fill_value)
    else:
        dt = dtypes.as_dtype(dtype)
    return _finish(np.full(shape_arg((size,), "full"), fill_value, dt.np), dt, requires_grad, device)


def _like(maker):
    def make(input, *, dtype=None, device=None, requires_grad=False):
        return maker(input.shape, dtype=dtype or input.dtype, device=device, requires_grad=requires_grad)
    return make


zeros_like, ones_like, empty_like = _like(zeros), _like(ones), _like(empty)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False):
    return full(input.shape, fill_value, dtype=dtype or input.dtype, device=device,
                requires_grad=requires_grad)


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    """Integers give int64, any float argument gives float32 (torch's rule)."""
    if end is None:
        start, end = 0, start
    values = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    if values[2] == 0:
        raise RuntimeError("arange: step must be nonzero")
    if dtype is None:
        is_int = all(isinstance(v, numbers.Integral) for v in values)
        dt = dtypes.int64 if is_int else dtypes.default_float
    else:
        dt = dtypes.as_dtype(dtype)
    # Count as torch does (ceil((end - start) / step)) in double precision, then fill.
    count = max(0, math.ceil((values[1] - values[0]) / values[2]))
    data = (values[0] + values[2] * np.arange(count, dtype=np.float64)) if dt.category >= dtypes.FLOATING \
        else np.arange(values[0], values[0] + values[2] * count, values[2])[:count]
    return _finish(data.astype(dt.np), dt, requires_grad, device)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    dt = _dtype_or_default(dtype)
    return _finish(np.linspace(start, end, int(steps)).astype(dt.np), dt, requires_grad, device)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False) -> Tensor:
    dt = _dtype_or_default(dtype)
    return _finish(np.eye(n, m if m is not None else n, dtype=dt.np), dt, requires_grad, device)


def _random(draw):
    def make(*size, generator=None, dtype=None, device=None, requires_grad=False):
        dt = _dtype_or_default(dtype)
        if dt.category < dtypes.FLOATING:
            raise RuntimeError(f"{make.__name__}: expected a floating point dtype, got {dt}")
        rng = generator if generator is not None else _rng
        data = draw(rng, shape_arg(size, make.__name__), dt.np)
        return _finish(data, dt, requires_grad, device)
    return make


rand = _random(lambda rng, shape, npdt: rng.random(shape, dtype=npdt))
randn = _random(lambda rng, shape, npdt: rng.standard_normal(shape, dtype=npdt))
rand.__name__, randn.__name__ = "rand", "randn"


def rand_like(input, *, dtype=None, requires_grad=False):
    return rand(input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, *, dtype=None, requires_grad=False):
    return randn(input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)
