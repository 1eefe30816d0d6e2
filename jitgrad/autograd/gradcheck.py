"""Finite-difference checks of analytical gradients (torch.autograd.gradcheck's contract)."""
from __future__ import annotations

import warnings

import numpy as np

from . import grad_mode
from .engine import grad as _grad
from ..tensor import Tensor


class GradcheckError(RuntimeError):
    """Raised when analytical and numerical Jacobians disagree."""


def _outputs(fn, inputs):
    out = fn(*inputs)
    outs = (out,) if isinstance(out, Tensor) else tuple(out)
    return [o for o in outs if isinstance(o, Tensor)]


def _numerical_jacobians(fn, inputs, diff_inputs, eps):
    """d out / d in by central differences, one column per input element."""
    with grad_mode.no_grad():
        base = [o._data.astype(np.float64) for o in _outputs(fn, inputs)]
        jac = {}
        for i in diff_inputs:
            x = inputs[i]._data
            flat = x.reshape(-1)  # a view for contiguous inputs; writes go to x
            if x.size and not np.shares_memory(flat, x):   # (an empty input has no columns at all)
                raise GradcheckError(f"gradcheck: input {i} must be contiguous")
            cols = [np.zeros((b.size, x.size)) for b in base]
            for k in range(x.size):
                old = flat[k]
                flat[k] = old + eps
                plus = [o._data.astype(np.float64).reshape(-1) for o in _outputs(fn, inputs)]
                flat[k] = old - eps
                minus = [o._data.astype(np.float64).reshape(-1) for o in _outputs(fn, inputs)]
                flat[k] = old
                for c, p, m in zip(cols, plus, minus):
                    c[:, k] = (p - m) / (2 * eps)
            jac[i] = cols
    return base, jac


def _analytical_jacobians(fn, inputs, diff_inputs):
    outs = _outputs(fn, inputs)
    diff = [inputs[i] for i in diff_inputs]
    jac = {i: [np.zeros((o._data.size, inputs[i]._data.size)) for o in outs] for i in diff_inputs}
    for oi, out in enumerate(outs):
        if not out.requires_grad:
            continue
        for row in range(out._data.size):
            seed = np.zeros(out._data.shape, out.dtype.np)
            seed.reshape(-1)[row] = 1
            from ..tensor import _wrap
            grads = _grad(out, diff, _wrap(seed, out.dtype), retain_graph=True, allow_unused=True)
            for i, g in zip(diff_inputs, grads):
                if g is not None:
                    jac[i][oi][row, :] = g._data.astype(np.float64).reshape(-1)
    return jac


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    """Compare autograd's Jacobian of `func` with central finite differences.

    `inputs` is a tensor or tuple of tensors; those with ``requires_grad=True`` are checked.
    Use float64 inputs: float32 differences are too coarse for these tolerances.
    Returns True, or raises GradcheckError (returns False with ``raise_exception=False``).
    """
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    diff_inputs = [i for i, t in enumerate(inputs) if isinstance(t, Tensor) and t.requires_grad]
    if not diff_inputs:
        raise ValueError("gradcheck expects at least one input tensor to require gradient")
    for i in diff_inputs:
        if inputs[i].dtype.name != "float64":
            warnings.warn(f"gradcheck: input {i} is {inputs[i].dtype.name}, not float64; the check may "
                          f"fail from rounding alone", UserWarning, stacklevel=2)
    _, numerical = _numerical_jacobians(func, inputs, diff_inputs, eps)
    analytical = _analytical_jacobians(func, inputs, diff_inputs)
    for i in diff_inputs:
        for oi, (a, n) in enumerate(zip(analytical[i], numerical[i])):
            if not np.allclose(a, n, rtol=rtol, atol=atol, equal_nan=True):
                worst = np.unravel_index(np.argmax(np.abs(a - n)), a.shape)
                msg = (f"Jacobian mismatch for output {oi} with respect to input {i},\n"
                       f"numerical:{n}\nanalytical:{a}\n"
                       f"largest difference at (output element, input element) {tuple(int(w) for w in worst)}: "
                       f"numerical {n[worst]:.6g} vs analytical {a[worst]:.6g}")
                if raise_exception:
                    raise GradcheckError(msg)
                return False
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  raise_exception=True, seed=0):
    """Check second derivatives: gradcheck of the (create_graph) gradient of `func`, with
    respect to the inputs *and* to the output gradients fed in (as torch's gradgradcheck: a
    vjp rule is linear in its incoming gradient, and that derivative is checked too)."""
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    rng = np.random.default_rng(seed)
    outs = [o for o in _outputs(func, inputs) if o.requires_grad]
    from ..tensor import _wrap
    if grad_outputs is None:
        grad_outputs = [_wrap(rng.standard_normal(o._data.shape).astype(o.dtype.np), o.dtype) for o in outs]
    grad_outputs = [g.detach().requires_grad_(g.dtype.is_floating_point) for g in grad_outputs]
    n = len(inputs)

    def first_grads(*xs_and_grads):
        xs, gos = xs_and_grads[:n], list(xs_and_grads[n:])
        # Finite differences call this under no_grad; the inner gradient needs a graph anyway.
        with grad_mode.enable_grad():
            got = _grad([o for o in _outputs(func, xs) if o.requires_grad],
                        [x for x in xs if isinstance(x, Tensor) and x.requires_grad],
                        gos, create_graph=True, allow_unused=True)
        return tuple(g for g in got if g is not None)

    return gradcheck(first_grads, list(inputs) + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)
