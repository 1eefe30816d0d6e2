"""``linear`` (``nn.functional``; SPEC C1): ``input @ weight.T + bias``, as torch's.

A composition: the product is ``matmul`` (one BLAS call, any leading batch dims) and the
bias is a broadcast ``add``, which the compiler fuses into the kernel that follows.
"""
from __future__ import annotations

from .matmul import matmul


def linear(input, weight, bias=None):
    """torch.nn.functional.linear: y = input @ weight.T + bias; weight (out, in) or (in,)."""
    if weight.ndim not in (1, 2):
        raise RuntimeError(f"linear: weight must be 1-D or 2-D, but got weight of size {list(weight.shape)}")
    if input.ndim == 0:
        raise RuntimeError("linear: input must have at least one dimension, but got a 0-D tensor")
    if input.shape[-1] != weight.shape[-1]:
        rows = input.shape[0] if input.ndim > 1 else 1
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{input.shape[-1]} and "
                           f"{weight.shape[-1]}x{weight.shape[0] if weight.ndim == 2 else 1})")
    out = matmul(input, weight.t() if weight.ndim == 2 else weight)
    return out if bias is None else out + bias
