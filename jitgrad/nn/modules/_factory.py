"""What every layer's constructor does with torch's ``device=`` and ``dtype=`` arguments."""
from __future__ import annotations

from ... import creation, dtypes
from ...tensor import device as as_device


def empty(*shape, device=None, dtype=None):
    """An uninitialised tensor for a parameter (float32 unless `dtype`), on the CPU."""
    if device is not None:
        as_device(device)          # raises for anything but the CPU
    return creation.empty(*shape, dtype=dtypes.as_dtype(dtype) if dtype is not None else None)
