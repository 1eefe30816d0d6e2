"""Losses (``nn.functional``; SPEC C1): ``mse_loss``, ``binary_cross_entropy``, ``nll_loss`` and
``cross_entropy``, with torch 2.x's signatures, reductions, weights and errors.

``mse_loss``, ``binary_cross_entropy`` and ``nll_loss`` are ops of their own (torch's
``MseLossBackward0``, ``BinaryCrossEntropyBackward0``, ``NllLossBackward0``); their vjp
rules are jitgrad ops again, so they differentiate twice and trace. ``nll_loss``'s gradient
is ``nll_loss_grad``, which puts each (weighted, normalised) gradient at its target class;
the gradient of that, in its incoming gradient, is ``nll_loss`` itself. ``cross_entropy``
is ``nll_loss(log_softmax(input, 1))`` as in torch, plus torch's label-smoothing term, or,
for class-probability targets, torch's formula written with jitgrad ops.

Checks that need values (targets out of range, probabilities outside [0, 1]) run in the
ops' forwards, so that compiled code makes them too.
"""
from __future__ import annotations

import warnings

import numpy as np

from .dims import broadcast_shapes
from .elementwise import where
from .movement import broadcast_tensors
from .registry import OTHER, TorchWorded, defop, pass_attrs
from .select import index_select
from .softmax import log_softmax
from .. import dtypes
from ..autograd import grad_mode

REDUCTIONS = ("none", "mean", "sum")


class TargetOutOfBoundsError(IndexError, TorchWorded):
    """A class index outside [0, classes), in torch's words (passed on as is by the dispatcher)."""


def _constant_weight(name, weight):
    """torch has no derivative for these losses' class weights: refuse to give a silent zero."""
    if weight is not None and weight.requires_grad and grad_mode.state.enabled:
        raise RuntimeError(f"{name}: the derivative for 'weight' is not implemented (as in torch); pass "
                           f"weight.detach(), or compute the loss under jitgrad.no_grad()")


def _reduction(size_average, reduce, reduction):
    """torch's legacy size_average/reduce arguments, when given, decide the reduction."""
    if size_average is not None or reduce is not None:
        return legacy_reduction(size_average, reduce, stacklevel=4)
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def legacy_reduction(size_average, reduce, stacklevel: int) -> str:
    """The reduction torch's deprecated size_average/reduce flags stand for, with torch's warning
    (`stacklevel` points it at the user's call)."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = "none" if not reduce else "mean" if size_average else "sum"
    warnings.warn(f"size_average and reduce args will be deprecated, please use reduction='{reduction}' "
                  f"instead.", UserWarning, stacklevel=stacklevel)
    return reduction


def _reduce(losses, reduction):
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()


def _spread(g, like, reduction):
    """The incoming gradient of a reduced loss, per element of the unreduced one."""
    return g / like.numel() if reduction == "mean" else g


def _reduced_shape(*shapes, reduction, **_):
    return tuple(shapes[0]) if reduction == "none" else ()


# ------------------------------------------------------------------ mse_loss
def _mse_forward(x, target, reduction):
    return _reduce(np.square(x - target), reduction)


mse = defop("mse_loss", OTHER, _mse_forward, "x target",
            {"x": lambda g, x, target, reduction: _spread(g, x, reduction) * 2 * (x - target),
             "target": lambda g, x, target, reduction: _spread(g, x, reduction) * 2 * (target - x)},
            dtype="float", shape=_reduced_shape, parse=pass_attrs, export=False, grad_fn="MseLossBackward0")


def _broadcast_pair(input, target):
    if tuple(target.shape) != tuple(input.shape):
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
                      f"This will likely lead to incorrect results due to broadcasting. Please ensure they have "
                      f"the same size.", UserWarning, stacklevel=3)
        return broadcast_tensors(input, target)
    return input, target


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """torch.nn.functional.mse_loss: the (optionally weighted) mean, sum or elementwise squared error."""
    reduction = _reduction(size_average, reduce, reduction)
    input, target = _broadcast_pair(input, target)
    if weight is None:
        return mse(input, target, reduction=reduction)
    if tuple(weight.shape) != tuple(input.shape):
        if weight.numel() != 1:
            raise ValueError("Weights and input must have the same size.")
        weight = weight.expand(*input.shape)
    return _reduce(mse(input, target, reduction="none") * weight, reduction)


# ------------------------------------------------------------------ binary_cross_entropy
_LOG_FLOOR = -100.0         # torch clamps each log at -100: a certain wrong answer costs 100, not inf
_GRAD_EPS = 1e-12           # and keeps the gradient's denominator x (1 - x) at least this


def _bce_forward(x, target, weight, reduction):
    if x.size and not ((x >= 0) & (x <= 1)).all():
        raise RuntimeError("all elements of input should be between 0 and 1")
    losses = -(target * np.maximum(np.log(x), _LOG_FLOOR) + (1 - target) * np.maximum(np.log1p(-x), _LOG_FLOOR))
    if weight is not None:
        losses = losses * weight
    return _reduce(losses, reduction)


def _bce_dx(g, x, target, weight, reduction):
    grad = _spread(g, x, reduction) * (x - target) / ((1 - x) * x).clamp(min=_GRAD_EPS)
    return grad if weight is None else grad * weight


def _bce_dtarget(g, x, target, weight, reduction):
    grad = _spread(g, x, reduction) * ((1 - x).log().clamp(min=_LOG_FLOOR) - x.log().clamp(min=_LOG_FLOOR))
    return grad if weight is None else grad * weight


bce = defop("binary_cross_entropy", OTHER, _bce_forward, "x target weight", {"x": _bce_dx, "target": _bce_dtarget},
            dtype="same", shape=_reduced_shape, parse=pass_attrs, export=False,
            grad_fn="BinaryCrossEntropyBackward0")


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """torch.nn.functional.binary_cross_entropy of probabilities `input` against `target`."""
    reduction = _reduction(size_average, reduce, reduction)
    _constant_weight("binary_cross_entropy", weight)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input size "
                         f"({input.shape}) is deprecated. Please ensure they have the same size.")
    for other in (target, weight):
        if other is not None and other.dtype is not input.dtype:
            raise RuntimeError(f"Found dtype {other.dtype.scalar_type} but expected {input.dtype.scalar_type}")
    if weight is not None and tuple(weight.shape) != tuple(input.shape):
        try:
            broadcast_shapes(tuple(weight.shape), tuple(input.shape))
        except (RuntimeError, ValueError):
            raise RuntimeError(f"binary_cross_entropy: weight of shape {list(weight.shape)} cannot be broadcast to "
                               f"the input's shape {list(input.shape)}") from None
        weight = weight.expand(*input.shape)
    return bce(input, target, weight, reduction=reduction)


# ------------------------------------------------------------------ nll_loss
def _target_parts(target, weight, ignore_index, classes, dtype):
    """Per target element: whether it counts, its class (0 where ignored) and its weight."""
    counted = target != ignore_index
    outside = counted & ((target < 0) | (target >= classes))
    if outside.any():
        raise TargetOutOfBoundsError(f"Target {target[outside].flat[0]} is out of bounds.")
    picked = np.where(counted, target, 0)
    weights = (weight[picked] if weight is not None else np.ones(picked.shape, dtype)) * counted
    return counted, picked, weights.astype(dtype, copy=False)


def _nll_forward(x, target, weight, reduction, ignore_index, classes):
    _, picked, weights = _target_parts(target, weight, ignore_index, classes, x.dtype)
    losses = -np.take_along_axis(x, picked[:, None], axis=1)[:, 0] * weights
    if reduction == "none":
        return losses
    total = losses.sum()
    return total if reduction == "sum" else total / weights.sum()    # all ignored: 0 / 0, nan as torch


def _nll_grad_forward(grad, target, weight, reduction, ignore_index, classes):
    counted, picked, weights = _target_parts(target, weight, ignore_index, classes, grad.dtype)
    if reduction == "mean":      # ignored targets get no gradient, even when all are (torch's zeros)
        weights = np.where(counted, weights / weights.sum(), 0).astype(grad.dtype, copy=False)
    out = np.zeros((target.shape[0], classes) + target.shape[1:], grad.dtype)
    np.put_along_axis(out, picked[:, None], (-grad * weights)[:, None], axis=1)
    return out


def _nll_shape(x, target, weight, reduction, ignore_index, classes):
    return tuple(target) if reduction == "none" else ()


def _nll_attrs(reduction, ignore_index, classes):
    return dict(reduction=reduction, ignore_index=ignore_index, classes=classes)


nll = defop("nll_loss", OTHER, _nll_forward, "x target weight",
            {"x": lambda g, target, weight, reduction, ignore_index, classes: nll_grad(
                g, target, weight, **_nll_attrs(reduction, ignore_index, classes))},
            dtype="same", shape=_nll_shape, parse=pass_attrs, export=False, grad_fn="NllLossBackward0")
nll_grad = defop("nll_loss_grad", OTHER, _nll_grad_forward, "grad target weight",
                 {"grad": lambda g, target, weight, reduction, ignore_index, classes: nll(
                     g, target, weight, **_nll_attrs(reduction, ignore_index, classes))},
                 dtype="same", parse=pass_attrs, export=False, grad_fn="NllLossBackwardBackward0",
                 shape=lambda g, t, w, reduction, ignore_index, classes: (t[0], classes) + tuple(t[1:]))


def _check_class_target(name, input, target, weight):
    """torch's checks of class-index targets, in torch's order; returns whether the input had
    no batch dim."""
    if input.ndim < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.ndim})")
    unbatched = input.ndim == 1
    classes = input.shape[0] if unbatched else input.shape[1]
    if unbatched:
        if target.ndim > 1 or (target.ndim == 1 and target.shape[0] != 1):
            raise RuntimeError(f"{name}: a 1-D input (one sample of {classes} classes) needs a 0-D target, but got "
                               f"target of size {list(target.shape)}")
    else:
        if target.ndim == 0 or input.shape[0] != target.shape[0]:
            got = target.shape[0] if target.ndim else 1
            raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target batch_size ({got}).")
        if input.ndim == 2 and target.ndim != 1:
            raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
        expected = [input.shape[0]] + list(input.shape[2:])
        if input.ndim > 2 and list(target.shape) != expected:
            raise RuntimeError(f"Expected target size {expected}, got {list(target.shape)}")
    if target.dtype is not dtypes.int64:
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {target.dtype.scalar_type}")
    _check_class_weight(input, weight, classes)
    return unbatched


def _check_class_weight(input, weight, classes):
    if weight is None:
        return
    if tuple(weight.shape) != (classes,):
        raise RuntimeError(f"weight tensor should be defined either for all {classes} classes or no classes but "
                           f"got weight tensor of shape: {list(weight.shape)}")
    if weight.dtype is not input.dtype:
        raise RuntimeError(f"expected scalar type {input.dtype.scalar_type} but found {weight.dtype.scalar_type} "
                           f"(the class weights must have the input's dtype)")


def _nll(input, target, weight, ignore_index, reduction, unbatched):
    _constant_weight("nll_loss", weight)
    if unbatched:
        input, target = input.unsqueeze(0), target.reshape(1)
    out = nll(input, target, weight, reduction=reduction, ignore_index=int(ignore_index), classes=input.shape[1])
    return out.squeeze(0) if unbatched and reduction == "none" else out


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    """torch.nn.functional.nll_loss: input (N, C), (C,) or (N, C, d1, ...) log-probabilities,
    target class indices (N,), () or (N, d1, ...)."""
    reduction = _reduction(size_average, reduce, reduction)
    unbatched = _check_class_target("nll_loss", input, target, weight)
    return _nll(input, target, weight, ignore_index, reduction, unbatched)


# ------------------------------------------------------------------ cross_entropy
def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """torch.nn.functional.cross_entropy with class-index or class-probability targets."""
    reduction = _reduction(size_average, reduce, reduction)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    class_dim = 0 if input.ndim == 1 else 1
    if input.ndim >= 1 and tuple(target.shape) == tuple(input.shape):
        return _cross_entropy_probabilities(input, target, weight, reduction, label_smoothing, class_dim)
    unbatched = _check_class_target("cross_entropy", input, target, weight)
    log_p = log_softmax(input, class_dim)
    loss = _nll(log_p, target, weight, ignore_index, reduction, unbatched)
    if label_smoothing == 0.0:
        return loss
    return (1 - label_smoothing) * loss + _smoothing_term(log_p, target, weight, ignore_index, reduction,
                                                          class_dim) * (label_smoothing / input.shape[class_dim])


def _class_weights(weight, ndim, class_dim):
    shape = [1] * ndim
    shape[class_dim] = weight.shape[0]
    return weight.reshape(shape)


def _smoothing_term(log_p, target, weight, ignore_index, reduction, class_dim):
    """torch's label-smoothing part: every class's (weighted) log-probability, summed."""
    per_class = log_p if weight is None else log_p * _class_weights(weight, log_p.ndim, class_dim)
    counted = target != ignore_index
    smooth = where(counted, -per_class.sum(dim=class_dim), 0.0)
    if reduction == "none":
        return smooth
    if reduction == "sum":
        return smooth.sum()
    if weight is None:
        return smooth.sum() / counted.sum()
    picked = index_select(weight, 0, where(counted, target, 0).reshape(-1)).reshape(tuple(target.shape))
    return smooth.sum() / where(counted, picked, 0.0).sum()


def _cross_entropy_probabilities(input, target, weight, reduction, label_smoothing, class_dim):
    if not target.dtype.is_floating_point:
        raise RuntimeError(f"Expected floating point type for target with class probabilities, got "
                           f"{target.dtype.scalar_type}")
    classes = input.shape[class_dim]
    _check_class_weight(input, weight, classes)
    if label_smoothing > 0:
        target = target * (1 - label_smoothing) + label_smoothing / classes
    terms = log_softmax(input, class_dim) * target
    if weight is not None:
        terms = terms * _class_weights(weight, input.ndim, class_dim)
    if reduction == "none":
        return -terms.sum(dim=class_dim)
    if reduction == "sum":
        return -terms.sum()
    if input.numel() == 0:
        return -terms.sum() * float("nan")
    return -terms.sum() / (input.numel() // classes)

