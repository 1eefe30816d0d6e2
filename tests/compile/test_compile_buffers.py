"""Buffer planning: intermediates are reused across calls, results never are."""
import numpy as np

import jitgrad as jg


def two_kernels(x, w):
    h = jg.tanh(x * 2.0 + 1.0)          # kernel 0: its output only feeds the matmul
    return jg.sigmoid(h @ w) * 3.0      # kernel 1 after the BLAS call


def test_intermediate_kernel_buffers_are_pooled_and_reused():
    f = jg.compile(two_kernels)
    x, w = jg.randn(64, 32), jg.randn(32, 16)
    first = f(x, w)
    schedule = next(iter(f.entries.values())).forward
    pooled = [(id(a), a.shape) for arrays in schedule.pool.values() for a in arrays]
    assert len(pooled) == 1 and pooled[0][1] == (64, 32)   # (holding the array would stop its reuse)
    second = f(x * 0.5, w)
    again = [id(a) for arrays in schedule.pool.values() for a in arrays]
    assert again == [pooled[0][0]]                          # the same memory served the second call
    np.testing.assert_allclose(first.numpy(), two_kernels(x, w).numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(second.numpy(), two_kernels(x * 0.5, w).numpy(), rtol=1e-5, atol=1e-6)


def test_returned_and_saved_values_are_fresh_each_call():
    f = jg.compile(lambda x: jg.exp(x) * 2.0)
    x = jg.randn(100)
    a, b = f(x), f(x + 1)
    assert not np.shares_memory(a.numpy(), b.numpy())
    np.testing.assert_allclose(a.numpy(), (jg.exp(x) * 2.0).numpy(), rtol=1e-6)


def test_a_buffer_still_viewed_elsewhere_is_not_recycled():
    # the kernel output is reshaped (a view) before being returned: the base must stay owned
    f = jg.compile(lambda x: (jg.tanh(x) + 1.0).reshape(-1))
    x = jg.randn(8, 4)
    a = f(x)
    b = f(x * 2)
    np.testing.assert_allclose(a.numpy(), (jg.tanh(x) + 1.0).reshape(-1).numpy(), rtol=1e-5)
    assert not np.shares_memory(a.numpy(), b.numpy())
