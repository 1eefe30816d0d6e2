"""Kernels large enough to run on several threads (a prange launcher over shares of the
outermost loop) give eager's values and gradients, for every form a fused group takes: plain
elementwise, a full reduction (shares' partial sums), a reduction over trailing dims (shares
own whole rows) and over leading or middle dims (an accumulator array; shared only when
dim 0 is kept). NumPy's floating-point semantics hold in serial and threaded kernels alike."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad.backends.cpu import PARALLEL_MIN_ELEMENTS

SHAPE = (64, 1030, 3)          # 197,760 elements: above PARALLEL_MIN_ELEMENTS, odd share bounds
assert np.prod(SHAPE) >= PARALLEL_MIN_ELEMENTS

CASES = [
    pytest.param(lambda x: jg.tanh(x) * 2.0 + x, True, id="elementwise"),
    pytest.param(lambda x: jg.exp(-x * x).sum(), True, id="sum-all"),
    pytest.param(lambda x: jg.sigmoid(x).mean(), True, id="mean-all"),
    pytest.param(lambda x: (x * x).sum(dim=-1), True, id="sum-trailing"),
    pytest.param(lambda x: jg.exp(x).mean(dim=(1, 2), keepdim=True), True, id="mean-trailing-two"),
    pytest.param(lambda x: (x + 1.0).sum(dim=1), True, id="sum-middle-dim"),
    pytest.param(lambda x: jg.relu(x).sum(dim=0), False, id="sum-first-dim"),
]


def _launcher_used(compiled):
    return "_parallel(" in next(iter(compiled.entries.values())).forward.source


@pytest.mark.parametrize("fn, threaded", CASES)
def test_threaded_kernels_match_eager(fn, threaded):
    rng = np.random.default_rng(5)
    x = jg.tensor(rng.standard_normal(SHAPE).astype(np.float32), requires_grad=True)
    compiled = jg.compile(fn)
    out = compiled(x)
    want = fn(x)
    assert out.shape == want.shape
    np.testing.assert_allclose(out.detach().numpy(), want.detach().numpy(), rtol=2e-5, atol=1e-5)
    assert _launcher_used(compiled) == threaded
    (got,) = jg.autograd.grad(compiled(x).sum(), x)
    (expected,) = jg.autograd.grad(fn(x).sum(), x)
    np.testing.assert_allclose(got.numpy(), expected.numpy(), rtol=2e-5, atol=1e-5)


@pytest.mark.parametrize("n", [7, PARALLEL_MIN_ELEMENTS + 3], ids=["serial", "threaded"])
def test_division_by_zero_gives_inf_and_nan_as_eager(n):
    x = np.zeros(n, np.float32)
    x[0], x[1] = 1.0, -1.0
    x, y = jg.tensor(x), jg.zeros(n)
    f = jg.compile(lambda a, b: jg.tanh(a) / b * 2.0)
    got, want = f(x, y).numpy(), (jg.tanh(x) / y * 2.0).numpy()
    np.testing.assert_array_equal(got, want)
    assert got[0] == np.inf and got[1] == -np.inf and np.isnan(got[2])


@pytest.mark.parametrize("n", [7, PARALLEL_MIN_ELEMENTS + 3], ids=["serial", "threaded"])
def test_an_error_a_kernel_raises_reaches_the_caller_as_eager_raises_it(n):
    f = jg.compile(lambda a, b: a // b + 1)
    a, b = jg.ones(n, dtype=jg.int64), jg.ones(n, dtype=jg.int64)
    b[3] = 0
    for _ in range(2):                      # the first call (which compiles) and a later one
        with pytest.raises(RuntimeError, match="ZeroDivisionError"):
            f(a, b)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        a // b
    assert f(a, jg.ones(n, dtype=jg.int64)).tolist()[:2] == [2, 2]   # the kernel was kept, and works


def test_kernel_source_names_the_scalar_functions_it_was_built_with():
    from jitgrad.backends import cpu
    f = jg.compile(lambda a: jg.exp(a) * 2.0)
    f(jg.ones(3))
    (kernel,) = next(iter(f.entries.values())).forward.steps
    assert f"# scalar functions: {cpu._SCALARS_HASH}" in kernel.source   # a change to them: new cache entry
