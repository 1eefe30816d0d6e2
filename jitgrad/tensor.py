"""Tensor: a NumPy array plus what autograd needs (requires_grad, grad, grad_fn, version).

Only what is not an op lives here. Every op — ``+``, ``exp``, ``sum``, ``reshape``, … — is
declared once in ``jitgrad/ops/`` and the registry attaches it to this class as a method.
"""
from __future__ import annotations

import numpy as np

from . import dtypes
from .autograd import grad_mode
from .printing import describe

_new = object.__new__


def _device_of(data) -> "device":
    """A tensor's device, from its data: a NumPy array (or NumPy scalar) is on the CPU."""
    from .backends.cuda_device import is_device_array
    return CUDA if is_device_array(data) else CPU


class Size(tuple):
    """torch.Size: a tuple of ints that prints as ``jitgrad.Size([2, 3])``."""

    __slots__ = ()

    def __repr__(self):
        return f"jitgrad.Size({list(self)})"

    def numel(self) -> int:
        n = 1
        for s in self:
            n *= s
        return n


class device:
    """torch.device: where a tensor's data lives — ``'cpu'`` or ``'cuda'`` (``'cuda:0'``, the
    first GPU; see ``backends/cuda_device.py``). Naming a device asks for no GPU; making a
    tensor there does, and raises a clear RuntimeError where there is none."""

    __slots__ = ("type", "index")

    def __init__(self, spec="cpu", index=None):
        if isinstance(spec, device):
            spec, index = spec.type, spec.index
        kind, _, num = str(spec).partition(":")
        if kind not in ("cpu", "cuda"):
            raise RuntimeError(f"Expected one of cpu, cuda device type at start of device string: {spec}")
        if num:
            if not num.isdigit():
                raise RuntimeError(f"Invalid device string: '{spec}'")
            index = int(num)
        self.type = kind
        self.index = index

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        return isinstance(other, device) and other.type == self.type and (other.index or 0) == (self.index or 0)

    def __hash__(self):
        return hash((self.type, self.index or 0))

    def __repr__(self):
        return f"device(type='{self.type}')" if self.index is None else \
            f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"


CPU = device("cpu")
CUDA = device("cuda", 0)


def _wrap(data: np.ndarray, dtype: dtypes.dtype) -> "Tensor":
    """The one fast constructor every op goes through: no checks, no copies."""
    t = _new(Tensor)
    t._data = data
    t.dtype = dtype
    t._requires_grad = False
    t.grad_fn = None
    t._version = [0]
    t._node = None
    return t


class Tensor:
    # Hot attributes live in slots; rarely set ones are class-level defaults that an
    # instance overrides through its __dict__ (so most tensors never allocate one).
    __slots__ = ("_data", "dtype", "_requires_grad", "grad_fn", "_version", "_node",
                 "__dict__", "__weakref__")

    _grad = None
    _output_nr = 0          # which output of grad_fn this tensor is
    _base = None            # the tensor this one is a view of
    _hooks = None           # leaf tensors: {handle_id: fn}
    _retains_grad = False
    _is_param = False       # nn.Parameter sets this

    __array_priority__ = 1000  # numpy_array * tensor -> Tensor.__rmul__, not an object array

    def __new__(cls, *args, size=None, dtype=None, device=None, requires_grad=False):
        """torch's legacy constructor: ``Tensor(data)`` copies data as float32, ``Tensor(2, 3)``
        (or ``size=``, or a Size) is an uninitialised float32 tensor of that size, ``Tensor()``
        is empty and ``Tensor(t)`` is an alias of t (same memory, same dtype). ``dtype=`` and
        ``requires_grad=`` are jitgrad's additions."""
        from .creation import legacy_new
        made = legacy_new(args, size, dtype, device)
        if cls is not Tensor:
            made = made._as_subclass(cls)
        if requires_grad:
            made.requires_grad_(True)
        return made

    @staticmethod
    def _make_subclass(cls, data: "Tensor", require_grad: bool = False):
        """torch's hook for Tensor subclasses (nn.Parameter): a leaf of class `cls` on data's memory."""
        made = data.detach()._as_subclass(cls)
        if require_grad:
            made.requires_grad_(True)
        return made

    def _as_subclass(self, cls):
        t = _new(cls)
        t._data, t.dtype, t._requires_grad, t.grad_fn = self._data, self.dtype, self._requires_grad, None
        t._version = self._version
        t._node = None
        return t

    # ------------------------------------------------------------------ metadata
    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim: int | None = None):
        if dim is None:
            return Size(self._data.shape)
        if self._data.ndim == 0:
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        return self._data.shape[_wrap_dim(dim, self._data.ndim, "size")]

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return self._data.size

    nelement = numel

    def element_size(self) -> int:
        return self.dtype.itemsize

    @property
    def device(self) -> device:
        return CPU if self._data.__class__ is np.ndarray else _device_of(self._data)

    @property
    def is_cuda(self) -> bool:
        return self.device.type == "cuda"

    @property
    def is_cpu(self) -> bool:
        return not self.is_cuda

    def get_device(self) -> int:
        return 0 if self.is_cuda else -1  # torch's answer for CPU tensors is -1

    @property
    def itemsize(self) -> int:
        return self.dtype.itemsize

    @property
    def nbytes(self) -> int:
        return self._data.size * self.dtype.itemsize

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    def is_complex(self) -> bool:
        return self.dtype.is_complex

    def is_contiguous(self) -> bool:
        flags = self._data.flags
        return flags["C_CONTIGUOUS"] if isinstance(flags, dict) else flags.c_contiguous   # (a dict on CUDA arrays)

    def stride(self, dim: int | None = None):
        if self._data.size:
            strides = tuple(s // self.dtype.itemsize for s in self._data.strides)
        else:   # NumPy gives an empty array zero strides; torch, those of a contiguous tensor
            strides, step = [], 1
            for size in reversed(self._data.shape):
                strides.insert(0, step)
                step *= max(size, 1)
            strides = tuple(strides)
        return strides if dim is None else strides[_wrap_dim(dim, self._data.ndim, "stride")]

    @property
    def _version_count(self) -> int:
        return self._version[0]

    # ------------------------------------------------------------------ autograd flags
    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool):
        # torch's two messages differ; both are kept, word for word
        self._set_requires_grad(value, "only Tensors of floating point and complex dtype can require "
                                       "gradients")

    def requires_grad_(self, requires_grad: bool = True) -> "Tensor":
        return self._set_requires_grad(requires_grad, "only Tensors of floating point dtype can "
                                                      "require gradients")

    def _set_requires_grad(self, requires_grad, refusal: str) -> "Tensor":
        requires_grad = bool(requires_grad)
        if self.grad_fn is not None:
            if not requires_grad:
                raise RuntimeError("you can only change requires_grad flags of leaf variables. If you "
                                   "want to use a computed variable in a subgraph that doesn't require "
                                   "differentiation use var_no_grad = var.detach().")
            return self
        if requires_grad and self.dtype.category < dtypes.FLOATING:
            raise RuntimeError(f"{refusal} (got {self.dtype}); convert first, e.g. "
                               f"x.float().requires_grad_()")
        if requires_grad and self.dtype.is_complex:
            raise RuntimeError(COMPLEX_AUTOGRAD)
        self._requires_grad = requires_grad
        return self

    @property
    def grad(self):
        if self.grad_fn is not None and not self._retains_grad and self._requires_grad:
            import warnings
            warnings.warn("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. "
                          "Its .grad attribute won't be populated during autograd.backward(). If you "
                          "indeed want the gradient for a non-leaf Tensor, use .retain_grad() on the "
                          "non-leaf Tensor.", UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type "
                                f"{type(value).__name__}")
            if value._data.shape != self._data.shape:
                raise RuntimeError(f"attempting to assign a gradient of size '{list(value._data.shape)}' "
                                   f"to a tensor of size '{list(self._data.shape)}'. Please ensure that "
                                   f"the gradient and the tensor are the same size")
            if value.dtype is not self.dtype:
                raise RuntimeError(f"assigned grad has data of a different type: {value.dtype} "
                                   f"vs tensor {self.dtype}")
        self._grad = value

    @grad.deleter
    def grad(self):
        self._grad = None

    def retain_grad(self) -> None:
        """Keep the gradient of a non-leaf tensor in ``.grad`` after backward."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None or self._retains_grad:
            return
        self._retains_grad = True
        from .autograd.hooks import add_retain_grad_hook
        add_retain_grad_hook(self)

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    def register_hook(self, hook):
        """``hook(grad) -> Tensor or None`` runs when this tensor's gradient is computed."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        from .autograd.hooks import add_tensor_hook
        return add_tensor_hook(self, hook)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        from .autograd.engine import backward
        backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self) -> "Tensor":
        """Same data and version counter, cut from the graph (torch's semantics)."""
        t = _wrap(self._data, self.dtype)
        t._version = self._version
        return t

    def detach_(self) -> "Tensor":
        if self._base is not None and self._base._requires_grad:
            raise RuntimeError("Can't detach views in-place. Use detach() instead.")
        self.grad_fn = None
        self._requires_grad = False
        self._node = None
        return self

    @property
    def data(self) -> "Tensor":
        """A detached tensor on the same memory, whose in-place changes autograd does not see."""
        return _wrap(self._data, self.dtype)

    @data.setter
    def data(self, value: "Tensor"):
        if not isinstance(value, Tensor):
            raise TypeError(f"Tensor.data must be set to a Tensor, got {type(value).__name__}")
        self._data = value._data
        self.dtype = value.dtype

    # ------------------------------------------------------------------ leaving the library
    def numpy(self, *, force: bool = False) -> np.ndarray:
        """The tensor's own memory as a NumPy array (force=True: also when it requires grad)."""
        if self._requires_grad and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. "
                               "Use tensor.detach().numpy() instead.")
        return self._host_memory()

    def _host_memory(self) -> np.ndarray:
        """The data as a NumPy array: its own memory; a CUDA tensor's raises torch's TypeError."""
        if self._data.__class__ is not np.ndarray and self.is_cuda:
            raise TypeError("can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the "
                            "tensor to host memory first.")
        return self._data

    def _host_values(self) -> np.ndarray:
        """The values as a NumPy array, copied from the GPU for a CUDA tensor (item, tolist, bool)."""
        if self._data.__class__ is not np.ndarray and self.is_cuda:
            from .backends.cuda_device import to_host
            return to_host(self._data)
        return self._data

    def __array__(self, dtype=None, copy=None):
        data = self._host_memory()
        arr = data if dtype is None else data.astype(dtype, copy=False)
        return arr.copy() if copy else arr

    def item(self):
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._host_values().reshape(()).item()

    def tolist(self):
        return self._host_values().tolist()

    def __bool__(self):
        if self._data.size != 1:
            amount = "no values" if self._data.size == 0 else "more than one value"
            raise RuntimeError(f"Boolean value of Tensor with {amount} is ambiguous "
                               f"(shape {list(self._data.shape)}); use .any() or .all()")
        return bool(self._host_values().reshape(()))

    def _python_scalar(self):
        if self._data.size != 1:
            raise ValueError(f"only one element tensors can be converted to Python scalars (got "
                             f"shape {list(self._data.shape)}, {self._data.size} elements)")
        return self.item()

    def __float__(self):
        value = self._python_scalar()
        if isinstance(value, complex):
            raise RuntimeError(f"value cannot be converted to type double without overflow "
                               f"(a {self.dtype} tensor holds {value}); use complex() or .real")
        return float(value)

    def __int__(self):
        value = self._python_scalar()
        if isinstance(value, complex):
            raise RuntimeError(f"value cannot be converted to type int64_t without overflow "
                               f"(a {self.dtype} tensor holds {value}); use .real first")
        return int(value)

    def __complex__(self):
        return complex(self._python_scalar())

    def __index__(self):
        if self.dtype.category > dtypes.INTEGER or self._data.size != 1:
            raise TypeError(f"only integer tensors of a single element can be converted to an index "
                            f"(got {self.dtype}, shape {list(self._data.shape)})")
        return int(self.item())

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    __hash__ = object.__hash__  # defining __eq__ (an op) would otherwise remove hashing

    # ------------------------------------------------------------------ printing
    def __repr__(self):
        # torch names a subclass in the prefix, except parameters (nn.Parameter adds a header)
        cls = type(self)
        plain = cls is Tensor or self._is_param
        return describe(self, "tensor(" if plain else f"{cls.__name__}(")

    __str__ = __repr__

    def __format__(self, spec):
        # torch: a 0-d tensor formats as its number; any other takes no format spec
        if self._data.ndim == 0:
            return format(self.item(), spec)
        if spec:
            raise TypeError(f"unsupported format string passed to Tensor.__format__ ({spec!r} for a "
                            f"tensor of shape {list(self._data.shape)}; only 0-d tensors take one)")
        return repr(self)

    def __reduce_ex__(self, protocol):
        return (_rebuild, (self._host_values(), self.dtype.name, self._requires_grad))

    # ------------------------------------------------------------------ in-place updates
    def _bump_version(self):
        self._version[0] += 1

    def _check_inplace(self):
        """torch's rules for writing into a tensor that autograd may still need."""
        if not grad_mode.state.enabled:
            return
        if self.grad_fn is None and self._requires_grad:
            raise RuntimeError("a leaf Variable that requires grad is being used in an in-place "
                               "operation. Wrap the update in `with jitgrad.no_grad():`, or clone() first.")
        base = self._base
        if base is not None and base._requires_grad:
            raise RuntimeError("in-place modification of a view of a tensor that requires grad is not "
                               "supported by jitgrad's autograd (it would need to rewrite the base's "
                               "history); use an out-of-place op, or .clone() the view first")


def _rebuild(data, dtype_name, requires_grad):
    t = _wrap(np.array(data), dtypes.as_dtype(dtype_name))
    t._requires_grad = requires_grad
    return t


def typename(value) -> str:
    """torch.typename: a tensor's legacy type name (``torch.FloatTensor``), else the class's
    dotted name (builtins bare) — what torch's error messages name a wrong argument by."""
    if isinstance(value, Tensor):
        return value.type()
    cls = type(value)
    module = cls.__module__
    return cls.__qualname__ if module in ("builtins", None) else f"{module}.{cls.__qualname__}"


# torch differentiates complex functions (Wirtinger calculus); jitgrad's vjp rules are real ones
COMPLEX_AUTOGRAD = ("jitgrad does not differentiate complex tensors: they cannot require gradients, and no "
                    "gradient flows into a complex result. Take .real/.imag/.abs() of real tensors, or work "
                    "on complex values under jitgrad.no_grad() or after .detach().")


def _wrap_dim(dim: int, ndim: int, op: str = "op") -> int:
    """Normalise a possibly negative dim, with torch's IndexError when out of range."""
    rank = max(ndim, 1)
    if not -rank <= dim < rank:
        raise IndexError(f"{op}: Dimension out of range (expected to be in range of "
                         f"[{-rank}, {rank - 1}], but got {dim})")
    return dim % rank
