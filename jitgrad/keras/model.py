"""``KerasModel``: the seed's torchkeras.KerasModel on jitgrad — wrap a network, a loss, metrics
and an optimizer, then ``fit`` / ``evaluate`` / ``predict`` on data loaders.

``compile=True`` runs each training step's forward and backward through ``jitgrad.compile``
(fused Numba kernels); evaluation and prediction stay eager under ``no_grad``, because a
module's ``training`` flag is Python state that a compiled trace would have specialised on.
"""
from __future__ import annotations

import copy
import math

from .history import History
from .metrics import Mean
from .progress import progress_bar
from .. import autograd
from ..creation import from_numpy
from ..ops.join import cat
from ..tensor import Tensor


class KerasModel:
    """``KerasModel(net, loss_fn, metrics_dict={"acc": Accuracy()}, optimizer=Adam(...))``.

    Batches are ``(features, labels)`` pairs, as a ``DataLoader`` over a ``TensorDataset`` gives
    them. Without an optimizer, Adam with lr 1e-3 (torchkeras's default) trains every parameter
    that requires grad. History columns: ``epoch``, ``train_loss``, ``train_<metric>``,
    ``val_loss``, ``val_<metric>`` (with validation data) and ``lr``."""

    def __init__(self, net, loss_fn, metrics_dict=None, optimizer=None, lr_scheduler=None, *, compile=False):
        if not callable(loss_fn):
            raise TypeError(f"KerasModel: loss_fn must be callable (e.g. nn.CrossEntropyLoss()), not "
                            f"{type(loss_fn).__name__}")
        self.net, self.loss_fn = net, loss_fn
        self.metrics_dict = {name: _as_metric(name, m) for name, m in (metrics_dict or {}).items()}
        if optimizer is None:
            from ..optim import Adam
            optimizer = Adam([p for p in net.parameters() if p.requires_grad], lr=1e-3)
        self.optimizer, self.lr_scheduler = optimizer, lr_scheduler
        self.history = History()
        self.compiled = bool(compile)
        if self.compiled:
            from ..compile import compile as jit
            self._loss_and_preds = jit(self._forward)
        else:
            self._loss_and_preds = self._forward

    def _forward(self, features, labels):
        preds = self.net(features)
        return self.loss_fn(preds, labels), preds

    # ------------------------------------------------------------------ one batch
    def train_step(self, features, labels):
        """One optimisation step; returns the batch's loss (a float) and detached predictions."""
        loss, preds = self._loss_and_preds(features, labels)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item(), preds.detach()

    def eval_step(self, features, labels):
        with autograd.no_grad():
            preds = self.net(features)
            return self.loss_fn(preds, labels).item(), preds

    # ------------------------------------------------------------------ epochs
    def _run_epoch(self, data, metrics, *, train: bool, bar=None) -> dict:
        loss_mean = Mean()
        for metric in metrics.values():
            metric.reset()
        step = self.train_step if train else self.eval_step
        for batch in data:
            features, labels = _unpack(batch)
            loss, preds = step(features, labels)
            loss_mean.update(loss, weight=len(labels))
            for metric in metrics.values():
                _update(metric, preds, labels)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(loss=f"{loss_mean.compute():.4f}", refresh=False)
        figures = {"loss": loss_mean.compute()}
        figures.update({name: metric.compute() for name, metric in metrics.items()})
        return figures

    def fit(self, train_data, val_data=None, epochs: int = 10, *, patience: int | None = None,
            monitor: str = "val_loss", mode: str = "min", min_delta: float = 0.0,
            restore_best_weights: bool = True, progress: bool = True) -> History:
        """Train for ``epochs`` epochs (continuing the history of earlier calls).

        When the ``monitor`` column exists (``val_loss`` needs ``val_data``), the weights of the
        best epoch are kept and, with ``restore_best_weights``, loaded back at the end; with
        ``patience``, training stops after that many epochs without an improvement of more
        than ``min_delta``."""
        if mode not in ("min", "max"):
            raise ValueError(f"fit(): mode must be 'min' or 'max', not {mode!r}")
        if patience is not None and (not isinstance(patience, int) or patience < 1):
            raise ValueError(f"fit(): patience must be a positive int or None, not {patience!r}")
        train_metrics = self.metrics_dict
        val_metrics = copy.deepcopy(self.metrics_dict)
        first = len(self.history) + 1
        best, best_state, waited = None, None, 0
        for epoch in range(first, first + epochs):
            self.net.train()
            with progress_bar(total=_length(train_data), desc=f"Epoch {epoch}/{first + epochs - 1}",
                              enabled=progress) as bar:
                row = {"epoch": epoch}
                lr = self.optimizer.param_groups[0]["lr"]
                row.update({f"train_{k}": v for k, v in self._run_epoch(train_data, train_metrics, train=True,
                                                                          bar=bar).items()})
                if val_data is not None:
                    row.update({f"val_{k}": v for k, v in self.evaluate(val_data, _metrics=val_metrics).items()})
                row["lr"] = lr
                if bar is not None:
                    bar.set_postfix({k: f"{v:.4f}" for k, v in row.items() if k not in ("epoch", "lr")})
            self.history.append(row)
            if self.lr_scheduler is not None:
                self.lr_scheduler.step()
            if monitor not in row:
                if patience is not None:
                    raise ValueError(f"fit(): cannot stop early on {monitor!r}: the history has only "
                                     f"{list(row)} (val_* columns need val_data)")
                continue
            value = row[monitor]
            if best is None or _improved(value, best, mode, min_delta):
                best, waited = value, 0
                best_state = {k: v.detach().clone() for k, v in self.net.state_dict().items()}
            else:
                waited += 1
                if patience is not None and waited >= patience:
                    if progress:
                        print(f"{monitor} has not improved for {patience} epochs: stopping early "
                              f"(best {best:.4f})")
                    break
        if restore_best_weights and best_state is not None:
            self.net.load_state_dict(best_state)
        self.net.eval()
        return self.history

    def evaluate(self, val_data, *, _metrics=None) -> dict:
        """``{"loss": ..., <metric>: ...}`` over ``val_data``, in eval mode and without gradients."""
        metrics = _metrics if _metrics is not None else copy.deepcopy(self.metrics_dict)
        was_training = getattr(self.net, "training", False)
        self.net.eval()
        try:
            return self._run_epoch(val_data, metrics, train=False)
        finally:
            self.net.train(was_training)

    def predict(self, data) -> Tensor:
        """The network's outputs, concatenated over the batches of ``data`` (a tensor, or batches
        that are features alone or ``(features, labels)`` pairs), in eval mode without gradients."""
        was_training = getattr(self.net, "training", False)
        self.net.eval()
        try:
            with autograd.no_grad():
                if isinstance(data, Tensor):
                    return self.net(data)
                outputs = [self.net(_unpack(batch)[0] if isinstance(batch, (tuple, list)) else batch)
                           for batch in data]
        finally:
            self.net.train(was_training)
        if not outputs:
            raise ValueError("predict(): the data gave no batches")
        return cat(outputs, dim=0)

    def __repr__(self) -> str:
        return (f"KerasModel(net={type(self.net).__name__}, loss_fn={self.loss_fn!r}, "
                f"metrics={list(self.metrics_dict)}, compiled={self.compiled})")


def _as_metric(name, metric):
    if all(hasattr(metric, a) for a in ("update", "compute", "reset")):
        return metric
    if callable(metric):
        return Mean(metric)
    raise TypeError(f"KerasModel: metric {name!r} must be callable (preds, targets) -> number, or have "
                    f"update/compute/reset; got {type(metric).__name__}")


def _update(metric, preds, labels):
    if isinstance(metric, Mean):
        metric.update_from(preds, labels)
    else:
        metric.update(preds, labels)


def _unpack(batch):
    if isinstance(batch, (tuple, list)) and len(batch) == 2:
        features, labels = batch
        return _tensor(features), _tensor(labels)
    raise ValueError(f"KerasModel: expected each batch to be a (features, labels) pair, got "
                     f"{type(batch).__name__}" + (f" of length {len(batch)}" if hasattr(batch, "__len__") else ""))


def _tensor(x):
    return x if isinstance(x, Tensor) else from_numpy(x) if hasattr(x, "__array__") else x


def _length(data):
    try:
        return len(data)
    except TypeError:
        return None


def _improved(value, best, mode, min_delta):
    if math.isnan(value):
        return False
    return value < best - min_delta if mode == "min" else value > best + min_delta
