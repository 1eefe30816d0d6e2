"""``jitgrad.cuda``, as ``torch.cuda``: is there a GPU, how many, wait for it.

Tensors go to the GPU with ``t.cuda()`` / ``t.to("cuda")`` / ``device="cuda"``; functions with
``jitgrad.compile(fn, target="cuda")``. The data lives in Numba device arrays
(``jitgrad/backends/cuda_device.py``); Numba's CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``)
stands in for a GPU in tests.
"""
from __future__ import annotations

from ..backends import cuda_device


def is_available() -> bool:
    return cuda_device.is_available()


def device_count() -> int:
    return cuda_device.device_count()


def current_device() -> int:
    cuda_device.numba_cuda()
    return 0


def synchronize(device=None) -> None:
    """Wait for every kernel launched so far (kernel launches return before they finish)."""
    cuda_device.synchronize()


def get_device_name(device=None) -> str:
    cuda = cuda_device.numba_cuda()
    if cuda_device.is_simulator():
        return "Numba CUDA simulator"
    name = cuda.get_current_device().name
    return name.decode() if isinstance(name, bytes) else name
