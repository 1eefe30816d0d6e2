"""``jitgrad.summary(model, input_shape=..., input_dtype=...)``: the seed's (torchkeras's)
table of a model — each layer run, its output shape and parameter count, the parameter
totals and size estimates in MB — printed, and returned as a ``Summary``.

The model runs once on a batch of two inputs (uniform draws cast to `input_dtype`, so zeros
for integer inputs), under no_grad and in eval mode (so that BatchNorm's running statistics
and Dropout's RNG are left alone); a forward hook on every module that is not a container
records the rows, in the order the modules finish. Sizes assume 4 bytes per number, as
torchkeras does: the input of one sample, every row's output counted twice (forward and
backward), every parameter.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import creation, dtypes, random
from .autograd import grad_mode
from .nn.containers import ModuleDict, ModuleList, Sequential
from .tensor import Tensor

_WIDTH = 74
_ROW = "{:<30}  {:>20} {:>20}"
_BYTES_PER_NUMBER = 4.0
_MB = 1024.0 ** 2


@dataclass
class LayerRow:
    name: str                 # "Conv1d-2": class name and position in the run
    output_shape: list        # [-1, C, L] (-1: the batch), or a list of them for several outputs
    params: int
    trainable: int


@dataclass
class Summary:
    rows: list = field(default_factory=list)
    total_params: int = 0
    trainable_params: int = 0
    non_trainable_params: int = 0
    input_size_mb: float = 0.0
    forward_backward_size_mb: float = 0.0
    params_size_mb: float = 0.0
    total_size_mb: float = 0.0
    text: str = ""

    def __str__(self):
        return self.text


def _as_dtype(input_dtype):
    """A jitgrad dtype from a dtype, a legacy type (``jitgrad.LongTensor``) or its name."""
    if input_dtype is None:
        return dtypes.float32
    if isinstance(input_dtype, dtypes.dtype):
        return input_dtype
    legacy = getattr(input_dtype, "dtype", None)
    if isinstance(legacy, dtypes.dtype):
        return legacy
    if isinstance(input_dtype, str):
        return creation.ones(1).type(input_dtype).dtype
    return dtypes.as_dtype(input_dtype)


def _shapes(input_shape) -> list:
    """One shape per model input: (200,) is one input, [(3,), (4, 5)] two."""
    if isinstance(input_shape, int):
        return [(input_shape,)]
    if all(isinstance(s, int) for s in input_shape):
        return [tuple(input_shape)]
    return [tuple(s) for s in input_shape]


def _output_shape(output):
    if isinstance(output, Tensor):
        return [-1] + list(output.shape)[1:]
    if isinstance(output, (tuple, list)):
        return [_output_shape(o) for o in output if isinstance(o, Tensor)]
    return []


def _numel(shape) -> int:
    if shape and isinstance(shape[0], list):
        return sum(_numel(s) for s in shape)
    return abs(math.prod(shape)) if shape else 0


def summary(model, input_shape, input_dtype=None) -> Summary:
    """Print the seed's summary table of `model` run on inputs of `input_shape` (without the
    batch dim) and return its figures."""
    dt = _as_dtype(input_dtype)
    rows: list = []

    def record(module, args, output):
        own = [p for p in module.parameters(recurse=False)]
        rows.append(LayerRow(f"{type(module).__name__}-{len(rows) + 1}", _output_shape(output),
                             sum(p.numel() for p in own), sum(p.numel() for p in own if p.requires_grad)))

    handles = [m.register_forward_hook(record) for m in model.modules()
               if m is not model and not isinstance(m, (Sequential, ModuleList, ModuleDict))]
    modes = [(m, m.training) for m in model.modules()]
    shapes = _shapes(input_shape)
    state = random.get_rng_state()
    try:
        inputs = [random.rand(2, *shape).to(dt) for shape in shapes]
        model.eval()
        with grad_mode.no_grad():
            model(*inputs)
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes:
            module.training = training
        random.set_rng_state(state)    # a summary does not move the user's random stream

    params = list(model.parameters())
    result = Summary(rows=rows)
    result.total_params = sum(p.numel() for p in params)
    result.trainable_params = sum(p.numel() for p in params if p.requires_grad)
    result.non_trainable_params = result.total_params - result.trainable_params
    result.input_size_mb = sum(math.prod(s) for s in shapes) * _BYTES_PER_NUMBER / _MB
    result.forward_backward_size_mb = 2 * sum(_numel(r.output_shape) for r in rows) * _BYTES_PER_NUMBER / _MB
    result.params_size_mb = result.total_params * _BYTES_PER_NUMBER / _MB
    result.total_size_mb = result.input_size_mb + result.forward_backward_size_mb + result.params_size_mb
    result.text = _table(result)
    print(result.text)
    return result


def _table(s: Summary) -> str:
    lines = ["-" * _WIDTH, _ROW.format("Layer (type)", "Output Shape", "Param #"), "=" * _WIDTH]
    lines += [_ROW.format(r.name, str(r.output_shape), f"{r.params:,}") for r in s.rows]
    lines += ["=" * _WIDTH,
              f"Total params: {s.total_params:,}",
              f"Trainable params: {s.trainable_params:,}",
              f"Non-trainable params: {s.non_trainable_params:,}",
              "-" * _WIDTH,
              f"Input size (MB): {s.input_size_mb:0.6f}",
              f"Forward/backward pass size (MB): {s.forward_backward_size_mb:0.6f}",
              f"Params size (MB): {s.params_size_mb:0.6f}",
              f"Estimated Total Size (MB): {s.total_size_mb:0.6f}"]
    return "\n".join(lines)
