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


def test_fresh_gradients_become_grad_without_a_copy_and_accumulate():
    f = jg.compile(lambda a, b: (jg.tanh(a) * b).sum())
    a, b = jg.randn(50, requires_grad=True), jg.randn(50, requires_grad=True)
    loss = f(a, b)
    node = loss.grad_fn
    loss.backward()
    assert sorted(node.handed_over) == [0, 1]             # both results were the backward's own
    first = a.grad.numpy().copy()
    f(a, b).backward()                                    # accumulates into the kept arrays
    np.testing.assert_allclose(a.grad.numpy(), 2 * first, rtol=1e-6)
    want = (1 - np.tanh(a.detach().numpy()) ** 2) * b.detach().numpy() * 2
    np.testing.assert_allclose(a.grad.numpy(), want, rtol=1e-5)


def test_gradients_passed_through_are_copied_not_shared():
    # d(a + b) passes the incoming gradient to both: neither .grad may be that memory
    f = jg.compile(lambda a, b: a + b)
    a, b = jg.zeros(4, requires_grad=True), jg.zeros(4, requires_grad=True)
    g = jg.ones(4)
    out = f(a, b)
    node = out.grad_fn
    out.backward(g)
    assert node.handed_over == []
    for t in (a.grad, b.grad):
        assert not np.shares_memory(t.numpy(), g.numpy())
    assert not np.shares_memory(a.grad.numpy(), b.grad.numpy())
    a.grad.add_(1.0)
    np.testing.assert_array_equal(b.grad.numpy(), np.ones(4))
    np.testing.assert_array_equal(g.numpy(), np.ones(4))
