"""Text layout of ``repr(tensor)``, matching PyTorch 2.x's default print options.

Only the layout lives here; the Tensor class decides which suffixes
(dtype, requires_grad, grad_fn) to show and passes them in.
"""

import numpy as np

__all__ = ["tensor_repr"]

# torch's defaults (torch.set_printoptions(profile="default")).
_PRECISION = 4
_THRESHOLD = 1000  # more elements than this and the middle of each axis becomes "..."
_EDGEITEMS = 3  # elements kept at each end of a summarised axis
_LINEWIDTH = 80
_PREFIX = "tensor("


class _Formatter:
    """Picks one number style and one width for every element it will print.

    torch chooses the style from the elements that are actually shown (so a
    summarised tensor is judged by its edges only) and right-aligns all of
    them to the widest one, so the columns line up.
    """

    def __init__(self, shown):
        self.floating = shown.dtype.kind == "f"
        self.int_mode, self.sci_mode, self.width = True, False, 1
        if not self.floating:
            self.width = max(len(str(v)) for v in shown.ravel().tolist())
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
        # Python float division gives inf rather than raising on overflow.
        self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        if self.sci_mode:
            self.width = max(len(f"{v:.{_PRECISION}e}") for v in nonzero)
        elif self.int_mode:
            # +1 for the trailing "." that marks the tensor as floating.
            self.width = max(len(f"{v:.0f}") + 1 for v in nonzero)
        else:
            self.width = max(len(f"{v:.{_PRECISION}f}") for v in nonzero)

    def format(self, v):
        if not self.floating:
            text = str(v)  # ints as digits, bools as True/False
        elif self.sci_mode:
            text = f"{v:.{_PRECISION}e}"
        elif self.int_mode:
            text = f"{v:.0f}"
            if v == v and abs(v) != float("inf"):  # "nan"/"inf" get no dot
                text += "."
        else:
            text = f"{v:.{_PRECISION}f}"
        return text.rjust(self.width)


def _shown_elements(values, summarize):
    """The sub-array of elements that will be printed (each axis cut to its edges)."""
    if not summarize:
        return values
    keep = [
        np.r_[0:_EDGEITEMS, n - _EDGEITEMS : n] if n > 2 * _EDGEITEMS else np.arange(n)
        for n in values.shape
    ]
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
        sign = "" if im[0] in "+-" else "+"
        return real.format(v.real) + sign + im

    return format_complex, real.width + 2 + imag.width + 1  # +1 for the "j"


def _layout(values, indent, summarize, fmt, item_len):
    """Nested-bracket text of ``values``; ``indent`` is the column of its "["."""
    if values.ndim == 0:
        return fmt(values.item())
    n = values.shape[0]
    if summarize and n > 2 * _EDGEITEMS:
        rows = [*range(_EDGEITEMS), None, *range(n - _EDGEITEMS, n)]  # None -> "..."
    else:
        rows = range(n)

    if values.ndim == 1:
        items = [" ..." if i is None else fmt(values[i].item()) for i in rows]
        # Rows wrap at a fixed count of elements, continuation lines starting
        # one column right of the "[" so they line up under the first element.
        per_line = max(1, (_LINEWIDTH - indent) // item_len)
        lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
        return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"

    parts = [
        "..." if i is None else _layout(values[i], indent + 1, summarize, fmt, item_len)
        for i in rows
    ]
    # Sub-blocks of a k-D tensor are separated by k-2 blank lines.
    return "[" + ("," + "\n" * (values.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def _append_suffixes(text, suffixes):
    indent = len(_PREFIX)
    # torch counts the last line as 2 characters longer than it is; we follow
    # it so suffixes wrap onto a new line at exactly the same point.
    col = len(text) - text.rfind("\n") + 1
    pieces = [text]
    for suffix in suffixes:
        if col + len(suffix) + 2 > _LINEWIDTH:
            pieces.append(",\n" + " " * indent + suffix)
            col = indent + len(suffix)
        else:
            pieces.append(", " + suffix)
            col += len(suffix) + 2
    return "".join(pieces) + ")"


def tensor_repr(values: np.ndarray, suffixes: list[str] = ()) -> str:
    """torch-style ``repr`` of a tensor holding ``values``.

    ``suffixes`` (e.g. "dtype=jitgrad.float64", "requires_grad=True") are
    appended in order, wrapping onto a new line as torch does when a line
    would pass 80 columns.
    """
    values = np.asarray(values)
    suffixes = list(suffixes)
    if values.size == 0:
        body = "[]"
        # "[]" alone reads as shape (0,), so any other empty shape is spelt out.
        if values.ndim != 1:
            suffixes.insert(0, f"size={tuple(values.shape)}")
    else:
        summarize = values.size > _THRESHOLD
        fmt, item_len = _element_formatter(values, summarize)
        body = _layout(values, len(_PREFIX), summarize, fmt, item_len)
    return _append_suffixes(_PREFIX + body, suffixes)
