"""The GPU itself, as the rest of jitgrad sees it: is there one, moving arrays on and off it.

A CUDA tensor's data is a Numba device array (``numba.cuda``'s ``DeviceNDArray``; under Numba's
CUDA simulator, ``NUMBA_ENABLE_CUDASIM=1``, its ``FakeCUDAArray``, which runs kernels on the
CPU one thread at a time — for tests). ``numba.cuda`` is imported on first use only: importing
it initialises a driver, and most sessions never touch a GPU.

``STATE.active`` turns true when the first CUDA array is made. The ops' dispatchers test it
once per call (as they test for a tracer) and only then look at their arguments' types, so
CPU-only sessions pay one attribute read per op.
"""
from __future__ import annotations

import numpy as np

NO_CUDA = ("CUDA is not available: Numba found no usable NVIDIA GPU and driver "
           "(numba.cuda.is_available() is False). Use device='cpu', or, to run CUDA code without a "
           "GPU (slowly, for testing), set NUMBA_ENABLE_CUDASIM=1 before jitgrad is imported: "
           "Numba's CUDA simulator")


class _State:
    active = False          # has any CUDA array been made in this process
    array_types = ()        # the classes of device arrays (real or simulated)


STATE = _State()
_cuda = None


def numba_cuda():
    """The ``numba.cuda`` module, imported on first use; RuntimeError (torch's type) if no GPU."""
    global _cuda
    if _cuda is None:
        from numba import cuda
        if not cuda.is_available():
            raise RuntimeError(NO_CUDA)
        _cuda = cuda
        STATE.array_types = _device_array_types(cuda)
        STATE.active = True
    return _cuda


def _device_array_types(cuda):
    if is_simulator():
        from numba.cuda.simulator.cudadrv.devicearray import FakeCUDAArray
        return (FakeCUDAArray,)
    from numba.cuda.cudadrv.devicearray import DeviceNDArray
    return (DeviceNDArray,)


def is_available() -> bool:
    try:
        numba_cuda()
    except (RuntimeError, ImportError):
        return False
    return True


def is_simulator() -> bool:
    import numba
    return bool(numba.config.ENABLE_CUDASIM)


def is_device_array(data) -> bool:
    return STATE.active and isinstance(data, STATE.array_types)


def to_device(arr: np.ndarray):
    arr = np.asarray(arr)
    return numba_cuda().to_device(arr if arr.flags.c_contiguous else arr.copy())   # (0-d stays 0-d)


def to_host(data) -> np.ndarray:
    """A host copy of a device array (a NumPy array passes through)."""
    if isinstance(data, np.ndarray):
        return data
    return np.asarray(data.copy_to_host()).reshape(data.shape)


def copy(data):
    """A new device array holding device array `data`'s values (a GPU-to-GPU copy)."""
    out = empty(data.shape, data.dtype)
    out.copy_to_device(data)
    return out


def empty(shape, dtype):
    return numba_cuda().device_array(tuple(shape), np.dtype(dtype))


def synchronize():
    numba_cuda().synchronize()


def device_count() -> int:
    return len(numba_cuda().gpus) if is_available() else 0
