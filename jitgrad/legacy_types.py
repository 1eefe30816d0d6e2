"""torch's legacy tensor types — ``FloatTensor``, ``DoubleTensor``, ``LongTensor``,
``IntTensor``, ``BoolTensor`` — as far as code still uses them: ``LongTensor([1, 2])`` and
``LongTensor(2, 3)`` build a tensor of that dtype, ``isinstance(t, LongTensor)`` tests the
dtype, and ``X.dtype`` is the dtype (what ``summary(..., input_dtype=LongTensor)`` reads)."""
from __future__ import annotations

from . import dtypes
from .tensor import Tensor


class _LegacyType(type):
    def __instancecheck__(cls, value):
        return isinstance(value, Tensor) and value.dtype is cls.dtype

    def __call__(cls, *args, **kwargs):
        return Tensor(*args, dtype=cls.dtype, **kwargs)

    def __repr__(cls):
        return f"<class 'jitgrad.{cls.__name__}'>"


def _legacy(name: str, dt: dtypes.dtype):
    return _LegacyType(name, (), {"dtype": dt, "__doc__": f"torch.{name}: tensors of dtype {dt}."})


FloatTensor = _legacy("FloatTensor", dtypes.float32)
DoubleTensor = _legacy("DoubleTensor", dtypes.float64)
LongTensor = _legacy("LongTensor", dtypes.int64)
IntTensor = _legacy("IntTensor", dtypes.int32)
BoolTensor = _legacy("BoolTensor", dtypes.bool_)
