"""Metrics for the fit loop, in torchmetrics' shape: ``update(preds, targets)`` per batch,
``compute()`` at the end of an epoch, ``reset()`` before the next. A plain function
``metric(preds, targets) -> number`` works too: the fit loop averages it over samples."""
from __future__ import annotations

import numpy as np


class Mean:
    """The sample-weighted mean of a per-batch figure (what a plain metric function becomes)."""

    def __init__(self, fn=None):
        self.fn = fn
        self.reset()

    def reset(self) -> None:
        self.total, self.count = 0.0, 0

    def update(self, value, weight: int = 1) -> None:
        value = float(value.item() if hasattr(value, "item") else value)
        self.total += value * weight
        self.count += weight

    def update_from(self, preds, targets) -> None:
        self.update(self.fn(preds, targets), weight=len(targets))

    def compute(self) -> float:
        return self.total / self.count if self.count else float("nan")


class Accuracy:
    """The fraction of correct predictions. Scores of shape (N, C) with C > 1 are classes by
    argmax; one score per sample is a positive where it exceeds ``threshold`` (0.5 for
    probabilities; pass 0.0 for logits)."""

    def __init__(self, threshold: float = 0.5):
        self.threshold = threshold
        self.reset()

    def reset(self) -> None:
        self.correct, self.count = 0, 0

    def update(self, preds, targets) -> None:
        scores = np.asarray(preds.detach().numpy() if hasattr(preds, "detach") else preds)
        truth = np.asarray(targets.numpy() if hasattr(targets, "numpy") else targets)
        if scores.ndim >= 2 and scores.shape[1] > 1:
            predicted = scores.argmax(axis=1)
        else:
            predicted = (scores.reshape(truth.shape) > self.threshold).astype(truth.dtype)
        if predicted.shape != truth.shape:
            raise ValueError(f"Accuracy: predictions of shape {list(scores.shape)} do not match targets of "
                             f"shape {list(truth.shape)}; expected scores (N, C) for targets (N,), or one "
                             f"score per target")
        self.correct += int((predicted == truth).sum())
        self.count += truth.size

    def compute(self) -> float:
        return self.correct / self.count if self.count else float("nan")

    def __repr__(self) -> str:
        return f"Accuracy(threshold={self.threshold})"
