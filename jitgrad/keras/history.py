"""What a fit loop remembers: one row of figures per epoch, readable as columns, printable as a
table, plottable when matplotlib is installed (``pip install jitgrad[plot]``)."""
from __future__ import annotations


class History:
    """Rows of ``{"epoch": 1, "train_loss": ..., "val_loss": ..., "lr": ...}``, one per epoch.

    ``history["val_acc"]`` is a column (a list), ``history.rows`` the rows, ``print(history)``
    the table; ``history.best(monitor, mode)`` the row where ``monitor`` was best."""

    def __init__(self):
        self.rows: list[dict] = []

    def append(self, row: dict) -> None:
        self.rows.append(dict(row))

    @property
    def columns(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.update(dict.fromkeys(row))
        return list(seen)

    def __getitem__(self, column: str) -> list:
        if column not in self.columns:
            raise KeyError(f"History has no column {column!r}; it has {self.columns}")
        return [row.get(column) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def best(self, monitor: str, mode: str = "min") -> dict:
        """The row in which ``monitor`` reached its minimum (``mode="min"``) or maximum."""
        values = self[monitor]
        pick = min if mode == "min" else max
        return self.rows[values.index(pick(v for v in values if v is not None))]

    def to_pandas(self):
        """The history as a pandas DataFrame (torchkeras's return type), when pandas is installed."""
        import pandas
        return pandas.DataFrame(self.rows)

    def __str__(self) -> str:
        if not self.rows:
            return "History(no epochs yet)"
        columns = self.columns
        cells = [[_format(row.get(c)) for c in columns] for row in self.rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths))]
        lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in cells]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"History(epochs={len(self.rows)}, columns={self.columns})"

    def plot(self, metric: str = "loss", ax=None):
        """Plot ``train_<metric>`` and ``val_<metric>`` against the epoch; returns the Axes."""
        try:
            import matplotlib.pyplot as plt
        except ImportError:
            raise ImportError("History.plot() needs matplotlib: pip install 'jitgrad[plot]'") from None
        names = [n for n in (f"train_{metric}", f"val_{metric}", metric) if n in self.columns]
        if not names:
            raise KeyError(f"History has no column for {metric!r}; it has {self.columns}")
        if ax is None:
            ax = plt.figure().add_subplot()
        epochs = self["epoch"]
        for name in names:
            ax.plot(epochs, self[name], "o-" if len(epochs) < 30 else "-", label=name)
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.legend()
        return ax


def _format(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e-3 and value != 0 else f"{value:.4f}"
    return str(value)
