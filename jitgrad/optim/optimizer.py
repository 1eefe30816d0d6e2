"""``Optimizer``: the base of every optimiser, as ``torch.optim.Optimizer``.

It keeps parameter groups (each a dict of a ``params`` list and that group's options, the
optimiser's defaults filled in), per-parameter ``state``, ``zero_grad``, and ``state_dict`` /
``load_state_dict`` in torch's format: parameters stand as their position across the groups,
``{'state': {0: {...}}, 'param_groups': [{..., 'params': [0, 1]}]}``.

Subclasses update parameters in place on their NumPy arrays, outside autograd (no graph
nodes): each update is a few ufuncs with ``out=`` into the parameter's own memory or into a
reusable scratch buffer, then one bump of the parameter's version counter — the counter its
views and saved copies share, so a backward that saved the old value still refuses to run, as
it does after ``p -= lr * p.grad`` under ``no_grad()``.
"""
from __future__ import annotations

import copy
from collections import defaultdict
from itertools import chain

import numpy as np

from ..autograd.grad_mode import enable_grad
from ..tensor import Tensor, _wrap, typename


def _typename(obj) -> str:
    # a plain tensor is named by its class here, not by its legacy type as typename() would
    return "jitgrad.Tensor" if type(obj) is Tensor else typename(obj)


class Optimizer:
    """Base class of all optimisers.

    Args:
        params: an iterable of Tensors, of ``(name, Tensor)`` pairs, or of dicts each holding
            ``params`` and that group's own options.
        defaults: the options a group takes when it does not set them.
    """

    def __init__(self, params, defaults: dict):
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors "
                            "or dicts, but got " + _typename(params))
        self.state: defaultdict = defaultdict(dict)
        self.param_groups: list[dict] = []
        self._scratch = _Scratch()
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)

    # ------------------------------------------------------------------ groups
    def add_param_group(self, param_group: dict) -> None:
        """Add a group of parameters (with its own options) to ``param_groups``; fine-tuning
        can unfreeze layers and add them while training."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, but the "
                            "ordering of tensors in sets will change between runs. Please use a list instead.")
        else:
            params = list(params)
        tensors, names = [], []
        for param in params:
            if isinstance(param, tuple):    # named_parameters()
                names.append(param[0])
                param = param[1]
            tensors.append(param)
        param_group["params"] = tensors
        if names:
            if len(names) != len(tensors):
                raise ValueError("all optimizer params should be with/without names. Some param names are "
                                 "missing")
            param_group["param_names"] = names

        for param in tensors:
            if not isinstance(param, Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is "
                                + _typename(param))
            if not (param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            param_group.setdefault(name, default)

        ids = {id(p) for p in tensors}
        if len(ids) != len(tensors):
            import warnings
            warnings.warn("optimizer contains a parameter group with duplicate parameters; in future, "
                          "this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more "
                          "information", stacklevel=3)
        for group in self.param_groups:
            if ("param_names" in param_group) != ("param_names" in group):
                which = "with names" if "param_names" in param_group else "without names"
                raise ValueError(f"all optimizer param groups should be with/without names. cannot add "
                                 f"param group {which} to the optimizer")
            if any(id(p) in ids for p in group["params"]):
                raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    # ------------------------------------------------------------------ stepping
    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the parameters' gradients: ``.grad = None`` (the default), or zeros in place."""
        for group in self.param_groups:
            for p in group["params"]:
                grad = p._grad
                if grad is None:
                    continue
                if set_to_none:
                    p._grad = None
                    continue
                if grad.grad_fn is not None:
                    grad.detach_()
                else:
                    grad._requires_grad = False
                if grad.is_cuda:
                    grad.zero_()
                elif grad._data.flags.writeable:
                    grad._data.fill(0)
                    grad._version[0] += 1
                else:   # a read-only gradient (a broadcast view): the parameter gets its own zeros
                    p._grad = _wrap(np.zeros(grad._data.shape, grad._data.dtype), grad.dtype)

    def step(self, closure=None):
        """One update of every parameter that has a gradient; ``closure`` (re-evaluating the
        model and returning the loss) runs first, with grad mode on, and its loss is returned."""
        raise NotImplementedError(f"{type(self).__name__}.step() is not implemented; an optimiser "
                                  f"subclass defines its update rule there")

    @staticmethod
    def _evaluate(closure):
        if closure is None:
            return None
        with enable_grad():
            return closure()

    # ------------------------------------------------------------------ saving and loading
    def state_dict(self) -> dict:
        """``{'state': {index: {...}}, 'param_groups': [{options..., 'params': [indices]}]}``:
        the state's tensors are the optimiser's own (not copies), as torch returns them."""
        index_of: dict[int, int] = {}
        start = 0
        packed_groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            for i, p in enumerate(group["params"], start):
                index_of.setdefault(id(p), i)
            packed["params"] = [index_of[id(p)] for p in group["params"]]
            start += len(packed["params"])
            packed_groups.append(packed)
        packed_state = {(index_of[id(k)] if isinstance(k, Tensor) else k): v for k, v in self.state.items()}
        return {"state": packed_state, "param_groups": packed_groups}

    def load_state_dict(self, state_dict: dict) -> None:
        """Restore what ``state_dict()`` saved, matching parameters by position. State tensors
        are copied, cast to their parameter's dtype when it is a floating one ('step' kept)."""
        groups = self.param_groups
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match the size "
                             "of optimizer's group")
        param_of = dict(zip(chain.from_iterable(g["params"] for g in saved_groups),
                            chain.from_iterable(g["params"] for g in groups)))
        state = defaultdict(dict)
        for key, value in state_dict["state"].items():
            if key in param_of:
                param = param_of[key]
                state[param] = _cast(param, value)
            else:
                state[key] = value
        for group, saved in zip(groups, saved_groups):
            saved["params"] = group["params"]
            if "param_names" in group and "param_names" not in saved:
                saved["param_names"] = group["param_names"]
        self.__setstate__({"state": state, "param_groups": saved_groups})

    def __getstate__(self):
        return {"defaults": self.defaults, "state": self.state, "param_groups": self.param_groups}

    def __setstate__(self, state: dict):
        self.__dict__.update(state)
        self._scratch = _Scratch()

    def __repr__(self):
        text = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"


def _cast(param, value, key=None):
    """A copy of a saved state entry for `param`: tensors in its dtype (floating params only;
    'step' counters keep theirs), containers rebuilt, anything else as is."""
    if isinstance(value, Tensor):
        data = value._data
        if key != "step" and param.dtype.is_floating_point and value.dtype is not param.dtype:
            return _wrap(data.astype(param._data.dtype), param.dtype)
        return _wrap(data.copy(), value.dtype)
    if isinstance(value, dict):
        return {k: _cast(param, v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_cast(param, v) for v in value)
    return value


class _Scratch:
    """Reusable work buffers for the updates, so that a step allocates nothing: ``like(a, slot)``
    is an array of a's shape and dtype, backed by one flat buffer per (dtype, slot) that grows
    to the largest parameter and is then reused by every parameter of every step."""

    def __init__(self):
        self._buffers: dict = {}

    def like(self, array: np.ndarray, slot: int = 0) -> np.ndarray:
        key = (array.dtype, slot)
        buffer = self._buffers.get(key)
        if buffer is None or buffer.size < array.size:
            buffer = self._buffers[key] = np.empty(array.size, array.dtype)
        return buffer[:array.size].reshape(array.shape)


def writable_data(param: Tensor, optimizer: str) -> np.ndarray:
    """The parameter's own array, which the update writes into."""
    data = param._data
    if not data.flags.writeable:
        raise RuntimeError(f"{optimizer}.step(): a parameter of shape {list(data.shape)} is a read-only "
                           f"view (e.g. from expand()); optimise a tensor that owns its memory "
                           f"(clone() it first)")
    return data


def effective_grad(param: np.ndarray, grad: np.ndarray, weight_decay: float, maximize: bool,
                   scratch: np.ndarray) -> np.ndarray:
    """torch's ``grad = -grad if maximize``, then ``grad = grad.add(param, alpha=weight_decay)``:
    the gradient array itself when neither applies (read only), else `scratch` holding it."""
    if weight_decay != 0:
        np.multiply(param, weight_decay, out=scratch)
        # weight_decay * param - grad is exactly torch's (-grad) + weight_decay * param
        return (np.subtract if maximize else np.add)(scratch, grad, out=scratch)
    if maximize:
        return np.negative(grad, out=scratch)
    return grad


def check_hyperparameter(value, what: str, below: float | None = None):
    """torch's argument checks: ``ValueError("Invalid learning rate: -0.1")`` and the like
    (`what` is torch's wording: "learning rate", "momentum value", ...)."""
    if isinstance(value, Tensor):
        raise TypeError(f"jitgrad.optim takes {what} as a Python number, not a Tensor (got shape "
                        f"{list(value.shape)}); pass float(value)")
    if not 0.0 <= value or (below is not None and not value < below):
        raise ValueError(f"Invalid {what}: {value}")
