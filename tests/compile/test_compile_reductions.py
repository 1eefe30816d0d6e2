"""Reductions closing a fused group: one kernel computes the elementwise chain and the sum,
over trailing dims (scalar accumulators), leading or middle dims (an accumulator array in
memory order), or everything (a parallel reduction)."""
import numpy as np
import pytest

import jitgrad as jg

CASES = [
    pytest.param(lambda x: jg.exp(x - 1.0).sum(dim=-1), id="sum-last-dim"),
    pytest.param(lambda x: jg.exp(x - 1.0).sum(dim=-1, keepdim=True), id="sum-last-dim-keepdim"),
    pytest.param(lambda x: (x * x).sum(dim=0), id="sum-first-dim"),
    pytest.param(lambda x: jg.tanh(x).mean(dim=(0, 2)), id="mean-outer-dims"),
    pytest.param(lambda x: jg.sigmoid(x).mean(dim=1, keepdim=True), id="mean-middle-dim"),
    pytest.param(lambda x: jg.relu(x).sum_to_size(7, 1), id="sum_to_size"),
    pytest.param(lambda x: (x * 2.0 + 1.0).sum(), id="sum-all"),
    pytest.param(lambda x: (x * 2.0 + 1.0).mean(), id="mean-all"),
]


@pytest.mark.parametrize("fn", CASES)
def test_reduction_fuses_into_one_kernel_and_matches_eager(fn):
    x = jg.tensor(np.random.default_rng(3).standard_normal((5, 7, 3)).astype(np.float32), requires_grad=True)
    compiled = jg.compile(fn)
    out = compiled(x)
    want = fn(x)
    np.testing.assert_allclose(out.detach().numpy(), want.detach().numpy(), rtol=2e-6, atol=2e-6)
    assert out.shape == want.shape
    forward = next(iter(compiled.entries.values())).forward
    kernels = [s for s in forward.steps if hasattr(s, "source")]
    assert len(forward.steps) == len(kernels) == 1, [s.describe() for s in forward.steps]
    (got,) = jg.autograd.grad(compiled(x).sum(), x)
    (expected,) = jg.autograd.grad(fn(x).sum(), x)
    np.testing.assert_allclose(got.numpy(), expected.numpy(), rtol=2e-6, atol=2e-6)


def test_large_full_reduction_runs_in_parallel_and_accumulates_in_float64():
    n = 1 << 18
    x = jg.tensor(np.full(n, 0.1, np.float32))
    compiled = jg.compile(lambda t: (t * 2.0).sum())
    total = compiled(x).item()
    forward = next(iter(compiled.entries.values())).forward
    (kernel,) = forward.steps
    assert "prange" in kernel.source and "acc_sum_1 = 0.0" in kernel.source
    assert "kernel_0_parallel(" in forward.source      # the schedule calls the threaded launcher
    # a float32 accumulator would drift visibly over 262,144 terms; float64 stays within an ulp
    np.testing.assert_allclose(total, np.float32(0.1) * 2 * n, rtol=1e-6)
