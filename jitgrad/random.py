"""Random numbers (SPEC B1): generators and the random creation functions — rand, randn,
randint, randperm, normal and their ``_like`` forms — as torch 2.x has them.

Random numbers come from a ``Generator`` (NumPy's PCG64 underneath) that ``manual_seed``
reseeds; like torch's, the default one starts from the same seed in every process. Draws are
reproducible within jitgrad, not bit-identical to torch's.
"""
from __future__ import annotations

import numbers
import os
import warnings

import numpy as np

from . import dtypes
from .autograd.function import Function
from .creation import (COMPLEX, FLOATING, _C_NAMES, _dtype_or, _finish, _int_arg, _like_array, _like_device,
                       _like_shape, _not_implemented, _sequence_size, _size, _type_name, zeros_like)
from .ops.dims import broadcast_shapes
from .ops.registry import PUBLIC
from .tensor import Tensor, _wrap, device as _device

# ------------------------------------------------------------------ random generators
_DEFAULT_SEED = 67280421310721  # torch's default generator starts from this seed too


def _as_seed(seed) -> int:
    seed = int(seed)
    if not -2**63 <= seed < 2**64:
        raise ValueError(f"Overflow when unpacking long long: seed {seed} is outside [-2**63, 2**64)")
    return seed % 2**64  # torch reads a negative seed as its unsigned 64-bit pattern


class Generator:
    """torch.Generator: a seedable stream of random numbers for ``generator=`` arguments."""

    def __init__(self, device="cpu"):
        self.device = _device(device)
        self.manual_seed(_DEFAULT_SEED)

    def manual_seed(self, seed) -> "Generator":
        self._seed = _as_seed(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def seed(self) -> int:
        """Reseed from the operating system's entropy; returns the new seed."""
        new = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(new)
        return new

    def initial_seed(self) -> int:
        return self._seed

    def get_state(self) -> dict:
        """The generator's state (NumPy's bit-generator state dict, where torch gives bytes)."""
        return self._rng.bit_generator.state

    def set_state(self, state: dict) -> "Generator":
        self._rng.bit_generator.state = state
        return self

    def __repr__(self):
        return f"<jitgrad.Generator seed={self._seed}>"


_DEFAULT = Generator()


def manual_seed(seed) -> Generator:
    """Seed jitgrad's default generator (rand, randn, randperm, dropout, shuffling, …)."""
    return _DEFAULT.manual_seed(seed)


def seed() -> int:
    return _DEFAULT.seed()


def initial_seed() -> int:
    return _DEFAULT.initial_seed()


def get_rng_state() -> dict:
    return _DEFAULT.get_state()


def set_rng_state(state: dict) -> None:
    _DEFAULT.set_state(state)


def default_generator() -> np.random.Generator:
    """The NumPy generator behind the default Generator (the compiler watches its state)."""
    return _DEFAULT._rng


def _rng(generator, op: str) -> np.random.Generator:
    if generator is None:
        return _DEFAULT._rng
    if isinstance(generator, Generator):
        return generator._rng
    if isinstance(generator, np.random.Generator):
        return generator
    raise TypeError(f"{op}(): argument 'generator' must be jitgrad.Generator, not "
                    f"{_type_name(generator)}")


# ------------------------------------------------------------------ random draws
def _uniform(rng, shape, dt):
    if dt.category == COMPLEX:  # torch: real and imaginary parts each uniform in [0, 1)
        part = dt.to_real().np
        return (rng.random(shape, dtype=part) + 1j * rng.random(shape, dtype=part)).astype(dt.np)
    return rng.random(shape, dtype=dt.np)


def _standard_normal(rng, shape, dt):
    if dt.category == COMPLEX:  # torch: each part normal with variance 1/2, |z|² of mean 1
        part = dt.to_real().np
        z = rng.standard_normal(shape, dtype=part) + 1j * rng.standard_normal(shape, dtype=part)
        return (z * np.sqrt(0.5)).astype(dt.np)
    return rng.standard_normal(shape, dtype=dt.np)


def _random(name: str, kernel: str, draw):
    def make(*size_args, size=None, generator=None, dtype=None, device=None, requires_grad=False) -> Tensor:
        dt = _dtype_or(dtype, dtypes.default_float)
        if dt.category < FLOATING:
            raise _not_implemented(kernel, dt)
        data = draw(_rng(generator, name), _size(size_args, name, size), dt)
        return _finish(data, dt, requires_grad, device, name)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = f"torch.{name}(*size, generator=None, dtype=None, device=None, requires_grad=False)"
    return make


rand = _random("rand", "check_uniform_bounds", _uniform)
randn = _random("randn", "normal_kernel_cpu", _standard_normal)


def _random_like(name: str, kernel: str, draw):
    def make(input, *, dtype=None, device=None, requires_grad=False) -> Tensor:
        dt = _dtype_or(dtype, getattr(input, "dtype", None))
        data = _like_array(input, dt, name)
        if dt.category < FLOATING:
            raise _not_implemented(kernel, dt)
        data[...] = draw(_DEFAULT._rng, data.shape, dt)
        return _finish(data, dt, requires_grad, _like_device(input, device), name)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = f"torch.{name}(input, *, dtype=None, device=None, requires_grad=False)"
    return make


rand_like = _random_like("rand_like", "check_uniform_bounds", _uniform)
randn_like = _random_like("randn_like", "normal_kernel_cpu", _standard_normal)


def _randint_bounds(low: int, high: int, dt: dtypes.dtype):
    """torch's checks of [low, high) against what `dt` can hold."""
    if not (-2**63 <= low and high < 2**63):
        raise ValueError(f"Overflow when unpacking long long: randint bounds [{low}, {high}) must be int64")
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    if dt.category == COMPLEX:
        raise RuntimeError("check_random_bounds handles only integral, floating-point and boolean types "
                           f"(got {dt.name})")
    if dt.category == FLOATING:
        digits = np.finfo(dt.np).nmant + 1
        for what, v in (("from", low), ("to - 1", high - 1)):
            if not -2**digits <= v <= 2**digits:
                warnings.warn(f"{what} is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision "
                              f"limitations {_C_NAMES[dt.name]} can support discrete uniform distribution "
                              f"only within this range.", UserWarning, stacklevel=3)
        return
    lo, hi = (0, 1) if dt is dtypes.bool_ else (int(np.iinfo(dt.np).min), int(np.iinfo(dt.np).max))
    if low < lo:
        raise RuntimeError(f"from is out of bounds for {_C_NAMES[dt.name]} (from={low}, {dt.name} holds "
                           f"[{lo}, {hi}])")
    if high - 1 > hi:
        raise RuntimeError(f"to - 1 is out of bounds for {_C_NAMES[dt.name]} (to={high}, {dt.name} holds "
                           f"[{lo}, {hi}])")


def _randint_args(args, low, high, size):
    """torch's two overloads: randint(high, size) and randint(low, high, size), by position
    or keyword."""
    given = {"low": low, "high": high, "size": size}
    if len(args) > 3:
        raise TypeError(f"randint() takes at most 3 positional arguments (low, high, size), got {len(args)}")
    if len(args) == 3:
        names = ("low", "high", "size")
    elif len(args) == 2:
        names = ("low", "high") if size is not None else ("high", "size")
    elif len(args) == 1:
        names = ("low",) if high is not None else ("high",)
    else:
        names = ()
    for name, value in zip(names, args):
        if given[name] is not None:
            raise TypeError(f"randint() got multiple values for argument '{name}'")
        given[name] = value
    if given["high"] is None or given["size"] is None:
        raise TypeError("randint() received an invalid combination of arguments - expected one of: "
                        "(int high, tuple of ints size, *, generator, dtype, device, requires_grad), "
                        "(int low, int high, tuple of ints size, *, generator, dtype, device, requires_grad)")
    low = 0 if given["low"] is None else _int_arg(given["low"], "randint", "low", 1)
    high = _int_arg(given["high"], "randint", "high", 2 if given["low"] is not None else 1)
    return low, high, _sequence_size(given["size"], "randint", 3 if given["low"] is not None else 2)


def randint(*args, low=None, high=None, size=None, generator=None, dtype=None, device=None,
            requires_grad=False) -> Tensor:
    """Integers drawn uniformly from [low, high) (low defaults to 0), int64 unless `dtype`."""
    low, high, shape = _randint_args(args, low, high, size)
    dt = _dtype_or(dtype, dtypes.int64)
    _randint_bounds(low, high, dt)
    data = _rng(generator, "randint").integers(low, high, shape, dtype=np.int64)
    return _finish(data.astype(dt.np), dt, requires_grad, device, "randint")


def randint_like(input, *args, low=None, high=None, dtype=None, device=None, requires_grad=False) -> Tensor:
    dt = _dtype_or(dtype, getattr(input, "dtype", None))
    return randint(*args, low=low, high=high, size=_like_shape(input, "randint_like"), dtype=dt,
                   device=device, requires_grad=requires_grad)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False) -> Tensor:
    """A random permutation of 0 … n-1, int64 unless `dtype`."""
    n = _int_arg(n, "randperm", "n", 1)
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    dt = _dtype_or(dtype, dtypes.int64)
    if dt is dtypes.bool_ or dt.category == COMPLEX:
        raise _not_implemented("randperm", dt)
    if dt.category == FLOATING and n > 2 ** (np.finfo(dt.np).nmant + 1) + 1:
        raise RuntimeError(f"n cannot be greater than 2^{np.finfo(dt.np).nmant + 1}+1 for "
                           f"{dt.scalar_type} type.")
    data = _rng(generator, "randperm").permutation(n).astype(dt.np)
    return _finish(data, dt, requires_grad, device, "randperm")


def _zero_gradient_function(name: str):
    """torch.normal's backward: a node named `name` that gives each tensor argument a zero
    gradient (torch defines the derivative of a draw w.r.t. its parameters as zero)."""
    def forward(ctx, *args):
        *params, out = args
        ctx.params = params
        return out

    def backward(ctx, g):
        return tuple(zeros_like(p) if isinstance(p, Tensor) else None for p in ctx.params) + (None,)

    cls = type(name, (Function,), {"forward": staticmethod(forward), "backward": staticmethod(backward)})
    cls._backward_cls.__name__ = cls._backward_cls.__qualname__ = name
    return cls


_NORMAL_BACKWARD = {(True, False): _zero_gradient_function("NormalBackward1"),
                    (False, True): _zero_gradient_function("NormalBackward2"),
                    (True, True): _zero_gradient_function("NormalBackward3")}


def _normal_signature_error(mean, std, extra="") -> TypeError:
    got = ", ".join(type(a).__name__ for a in (mean, std)) + extra
    return TypeError(f"normal() received an invalid combination of arguments - got ({got}), but expected "
                     f"one of: (Tensor mean, Tensor std, *, generator), (Tensor mean, float std=1, *, "
                     f"generator), (float mean, Tensor std, *, generator), (float mean, float std, tuple "
                     f"of ints size, *, generator, dtype, device, requires_grad)")


def normal(mean, std=1.0, size=None, *, generator=None, dtype=None, device=None, requires_grad=False):
    """Draws from N(mean, std²), with torch's four overloads: tensor mean and/or std
    (broadcast together; the result has mean's dtype, or std's when mean is a number), or
    numbers with a `size`."""
    if size is not None:  # the numbers overload, which also takes 0-d tensors as numbers
        if any(isinstance(v, Tensor) and v._data.ndim for v in (mean, std)):
            raise _normal_signature_error(mean, std, ", tuple")
        mean, std = (v.item() if isinstance(v, Tensor) else v for v in (mean, std))
    tensors = (isinstance(mean, Tensor), isinstance(std, Tensor))
    for name, value, is_tensor in (("mean", mean, tensors[0]), ("std", std, tensors[1])):
        if not is_tensor and (not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_))):
            raise _normal_signature_error(mean, std)
    rng = _rng(generator, "normal")
    if not any(tensors):
        if size is None:
            raise _normal_signature_error(mean, std)
        shape = _sequence_size(size, "normal", 3)
        dt = _dtype_or(dtype, dtypes.default_float)
        if dt.category < FLOATING:
            raise _not_implemented("normal_kernel_cpu", dt)
        if not std >= 0.0:
            raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
        data = (mean + std * _standard_normal(rng, shape, dt)).astype(dt.np)
        return _finish(data, dt, requires_grad, device, "normal")
    if size is not None or dtype is not None or device is not None or requires_grad:
        raise _normal_signature_error(mean, std, ", size/dtype/device/requires_grad=...")
    dt = mean.dtype if tensors[0] else std.dtype
    if dt.category < FLOATING:
        raise _not_implemented("normal_kernel_cpu", dt)
    if tensors[1]:
        if std.dtype.category == COMPLEX:
            raise RuntimeError("normal expects standard deviation to be non-complex")
        if not np.all(np.asarray(std._data) >= 0):
            raise RuntimeError("normal expects all elements of std >= 0.0")
    elif not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    shape = broadcast_shapes(*(tuple(a.shape) for a, t in zip((mean, std), tensors) if t))
    noise = _standard_normal(rng, shape, dt)
    m = mean._data if tensors[0] else mean
    s = std._data if tensors[1] else std
    out = _wrap((m + s * noise).astype(dt.np), dt)
    needs_grad = [t and a._requires_grad for a, t in zip((mean, std), tensors)]
    if any(needs_grad):
        node = _NORMAL_BACKWARD[tensors]
        return node.apply(*(a for a, t in zip((mean, std), tensors) if t), out)
    return out


PUBLIC.update(rand=rand, randn=randn, rand_like=rand_like, randn_like=randn_like, randint=randint,
              randint_like=randint_like, randperm=randperm, normal=normal, Generator=Generator,
              manual_seed=manual_seed, seed=seed, initial_seed=initial_seed, get_rng_state=get_rng_state,
              set_rng_state=set_rng_state)
