"""Text of ``repr(tensor)``, the same as PyTorch 2.x prints, and ``set_printoptions``.

``tensor_repr`` lays out an array with given suffixes; ``describe`` decides, for a tensor,
which suffixes torch shows (dtype when it is not one the values imply, requires_grad,
grad_fn) and calls it. Tensor.__repr__ is ``describe``.
"""
from __future__ import annotations

import contextlib

import numpy as np

from . import dtypes

__all__ = ["tensor_repr", "describe", "set_printoptions", "get_printoptions", "printoptions"]


class _Options:
    """torch's print options; the profiles below are torch's."""

    __slots__ = ("precision", "threshold", "edgeitems", "linewidth", "sci_mode")

    def __init__(self):
        self.precision = 4
        self.threshold = 1000  # more elements than this and the middle of each axis becomes "..."
        self.edgeitems = 3  # elements kept at each end of a summarised axis
        self.linewidth = 80
        self.sci_mode = None  # None: chosen from the values; True/False forces it


OPTIONS = _Options()
_PROFILES = {
    "default": dict(precision=4, threshold=1000, edgeitems=3, linewidth=80),
    "short": dict(precision=2, threshold=1000, edgeitems=2, linewidth=80),
    "full": dict(precision=4, threshold=float("inf"), edgeitems=3, linewidth=80),
}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None,
                     sci_mode=None):
    """torch.set_printoptions. As in torch, ``sci_mode`` is reset to automatic unless given."""
    if profile is not None:
        if profile not in _PROFILES:
            raise ValueError(f"set_printoptions: unknown profile {profile!r}; valid: {sorted(_PROFILES)}")
        for name, value in _PROFILES[profile].items():
            setattr(OPTIONS, name, value)
    for name, value in (("precision", precision), ("threshold", threshold),
                        ("edgeitems", edgeitems), ("linewidth", linewidth)):
        if value is not None:
            setattr(OPTIONS, name, value)
    OPTIONS.sci_mode = sci_mode


def get_printoptions() -> dict:
    """The current options, as keyword arguments for set_printoptions."""
    return {name: getattr(OPTIONS, name) for name in _Options.__slots__}


@contextlib.contextmanager
def printoptions(**kwargs):
    """Change the print options inside a ``with`` block only."""
    old = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**old)


class _Formatter:
    """Picks one number style and one width for every element it will print.

    torch chooses the style from the elements that are actually shown (so a
    summarised tensor is judged by its edges only) and right-aligns all of
    them to the widest one, so the columns line up.
    """

    def __init__(self, shown):
        self.floating = shown.dtype.kind == "f"
        self.precision = OPTIONS.precision
        self.int_mode, self.sci_mode, self.width = True, False, 1
        if not self.floating:
            self.width = max((len(str(v)) for v in shown.ravel().tolist()), default=1)
            return
        flat = shown.astype(np.float64).ravel()
        # nan, inf and zeros say nothing about the scale, so they are left out
        # of both the style choice and the width (and may stick out as a result).
        nonzero = flat[np.isfinite(flat) & (flat != 0)].tolist()
        if not nonzero:
            return
        mags = [abs(v) for v in nonzero]
        lo, hi = min(mags), max(mags)
        self.int_mode = all(v == int(v) for v in nonzero)
        if OPTIONS.sci_mode is None:
            # Python float division gives inf rather than raising on overflow.
            self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        else:
            self.sci_mode = OPTIONS.sci_mode
        p = self.precision
        if self.sci_mode:
            self.width = max(len(f"{v:.{p}e}") for v in nonzero)
        elif self.int_mode:
            # +1 for the trailing "." that marks the tensor as floating.
            self.width = max(len(f"{v:.0f}") + 1 for v in nonzero)
        else:
            self.width = max(len(f"{v:.{p}f}") for v in nonzero)

    def format(self, v):
        if not self.floating:
            text = str(v)  # ints as digits, bools as True/False
        elif self.sci_mode:
            text = f"{v:.{self.precision}e}"
        elif self.int_mode:
            text = f"{v:.0f}"
            if v == v and abs(v) != float("inf"):  # "nan"/"inf" get no dot
                text += "."
        else:
            text = f"{v:.{self.precision}f}"
        return text.rjust(self.width)


def _shown_elements(values, summarize):
    """The sub-array of elements the number style is chosen from (torch's summarized data)."""
    if not summarize or values.ndim == 0:
        return values
    edge = OPTIONS.edgeitems
    if not edge:
        # torch's quirk: a 1-D tensor is then judged by all its elements, others by none
        return values if values.ndim == 1 else values[(slice(0, 0),) * values.ndim]
    keep = [np.r_[0:edge, n - edge:n] if n > 2 * edge else np.arange(n) for n in values.shape]
    return values[np.ix_(*keep)]


def _element_formatter(values, summarize):
    """Returns (format one Python scalar, character budget per element on a row)."""
    shown = _shown_elements(values, summarize)
    if values.dtype.kind != "c":
        fmt = _Formatter(shown)
        return fmt.format, fmt.width + 2  # +2 for the ", " separator

    # Complex: real and imaginary parts are styled independently.
    real, imag = _Formatter(shown.real), _Formatter(shown.imag)

    def format_complex(v):
        im = (imag.format(v.imag) + "j").lstrip()
        sign = "" if im[0] in "+-" else "+"  # "-" of negative parts, -0.0 included
        return real.format(v.real) + sign + im

    return format_complex, real.width + 2 + imag.width + 1  # +1 for the "j"


def _layout(values, indent, summarize, fmt, item_len):
    """Nested-bracket text of ``values``; ``indent`` is the column of its "["."""
    if values.ndim == 0:
        return fmt(values.item())
    n, edge = values.shape[0], OPTIONS.edgeitems
    if summarize and n > 2 * edge:
        rows = [*range(edge), None, *range(n - edge, n)]  # None -> "..."
    else:
        rows = range(n)

    if values.ndim == 1:
        if summarize and not edge:
            items = ["..."]
        else:
            items = [" ..." if i is None else fmt(values[i].item()) for i in rows]
        # Rows wrap at a fixed count of elements, continuation lines starting
        # one column right of the "[" so they line up under the first element.
        per_line = max(1, (OPTIONS.linewidth - indent) // item_len)
        lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
        return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"

    parts = [
        "..." if i is None else _layout(values[i], indent + 1, summarize, fmt, item_len)
        for i in rows
    ]
    # Sub-blocks of a k-D tensor are separated by k-2 blank lines.
    return "[" + ("," + "\n" * (values.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def _append_suffixes(text, suffixes, indent):
    # torch counts the last line as 2 characters longer than it is; we follow
    # it so suffixes wrap onto a new line at exactly the same point.
    col = len(text) - text.rfind("\n") + 1
    pieces = [text]
    for suffix in suffixes:
        if col + len(suffix) + 2 > OPTIONS.linewidth:
            pieces.append(",\n" + " " * indent + suffix)
            col = indent + len(suffix)
        else:
            pieces.append(", " + suffix)
            col += len(suffix) + 2
    return "".join(pieces) + ")"


def tensor_repr(values: np.ndarray, suffixes=(), prefix: str = "tensor(") -> str:
    """torch-style ``repr`` of a tensor holding ``values``.

    ``suffixes`` (e.g. "dtype=jitgrad.float64", "requires_grad=True") are appended in
    order, after the "size=" that an empty tensor of other than one dim (or a tensor printed
    with edgeitems=0) gets, wrapping onto a new line as torch does when a line would pass the
    line width.
    """
    values = np.asarray(values)
    sizes = []
    if values.size == 0:
        body = "[]"
        # "[]" alone reads as shape (0,), so any other empty shape is spelt out.
        if values.ndim != 1:
            sizes.append(f"size={tuple(values.shape)}")
    else:
        summarize = values.size > OPTIONS.threshold
        if not OPTIONS.edgeitems:
            sizes.append(f"size={tuple(values.shape)}")
        fmt, item_len = _element_formatter(values, summarize)
        body = _layout(values, len(prefix), summarize, fmt, item_len)
    return _append_suffixes(prefix + body, sizes + list(suffixes), len(prefix))


def describe(t, prefix: str = "tensor(") -> str:
    """``repr(t)`` for a Tensor: its values with the suffixes torch shows."""
    data, dt = t._data, t.dtype
    suffixes = []
    if data.__class__ is not np.ndarray and t.is_cuda:   # torch names the device first
        from .backends.cuda_device import to_host
        data = to_host(data)
        suffixes.append("device='cuda:0'")
    if data.size == 0:
        # no values to tell an int64 or bool tensor apart: every non-default dtype is shown
        if dt is not dtypes.default_float:
            suffixes.append(f"dtype={dt!r}")
    elif dt is not dtypes.default_float and dt is not dtypes.default_complex() \
            and dt is not dtypes.int64 and dt is not dtypes.bool_:
        suffixes.append(f"dtype={dt!r}")
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{t.grad_fn.name()}>")
    elif t._requires_grad:
        suffixes.append("requires_grad=True")
    return tensor_repr(data, suffixes, prefix)
