"""jitgrad.compile(fn, target="cuda") on Numba's CUDA simulator: outputs and gradients equal
eager's on the CPU, for every test program (tests/cuda/programs.py)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import jitgrad as jg
from programs import MLP, MLP_LABELS, PROGRAMS

pytestmark = pytest.mark.skipif(not jg.cuda.is_available(), reason="no GPU and no CUDA simulator")


def _inputs(shapes, grads, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(s).astype(np.float32) for s in shapes], grads


def _run(fn, arrays, grads, device, compiled):
    tensors = [jg.tensor(a).to(device).requires_grad_(g) if g else jg.tensor(a).to(device)
               for a, g in zip(arrays, grads)]
    run = jg.compile(fn, target=device) if compiled else fn
    out = run(*tensors)
    values = out.cpu().detach().numpy()
    if any(grads):
        out.sum().backward() if out.ndim else out.backward()
    return values, [t.grad.cpu().numpy() if g else None for t, g in zip(tensors, grads)], out


@pytest.mark.parametrize("name, fn, shapes, grads", PROGRAMS, ids=[p[0] for p in PROGRAMS])
def test_compiled_for_cuda_equals_eager_on_the_cpu(name, fn, shapes, grads):
    arrays, grads = _inputs(shapes, grads)
    expected, expected_grads, _ = _run(fn, arrays, grads, "cpu", compiled=False)
    values, got_grads, out = _run(fn, arrays, grads, "cuda", compiled=True)
    assert out.device == "cuda"
    np.testing.assert_allclose(values, expected, rtol=2e-5, atol=2e-6)
    for got, want in zip(got_grads, expected_grads):
        if want is not None:
            np.testing.assert_allclose(got, want, rtol=2e-4, atol=2e-6)


def test_mlp_loss_and_gradients():
    name, fn, shapes, grads = MLP
    arrays, grads = _inputs(shapes, grads, seed=3)
    results = {}
    for device in ("cpu", "cuda"):
        labels = jg.tensor(MLP_LABELS).to(device)
        tensors = [jg.tensor(a).to(device).requires_grad_(g) for a, g in zip(arrays, grads)]
        loss = jg.compile(fn, target=device)(*tensors, labels)
        loss.backward()
        results[device] = [loss.item()] + [t.grad.cpu().numpy() for t, g in zip(tensors, grads) if g]
    for got, want in zip(results["cuda"], results["cpu"]):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_explain_shows_cuda_kernels_and_their_source():
    f = jg.compile(lambda x: (x.exp() + 1).sum(), target="cuda")
    report = str(f.explain(jg.ones(3, 4, device="cuda")))
    assert "cuda.grid(1)" in report or "cuda.shared.array" in report
    assert "CUDA kernel" in report


def test_a_cpu_tensor_given_to_a_cuda_compiled_function_is_refused():
    f = jg.compile(lambda x: x * 2, target="cuda")
    with pytest.raises(RuntimeError, match=r"target='cuda'.*is on cpu.*\.to\('cuda'\)"):
        f(jg.ones(3))


def test_reductions_large_enough_to_split_over_blocks(monkeypatch):
    from jitgrad.backends import cuda
    monkeypatch.setattr(cuda, "MIN_VALUES_PER_BLOCK", 8)   # several blocks per output: two stages
    x = np.random.default_rng(1).standard_normal(200).astype(np.float32)
    x[17] = np.nan
    f = jg.compile(lambda t: (t.sum() + t.mean(), (t * 2).amax()), target="cuda")
    total, top = f(jg.tensor(x).cuda())
    assert np.isnan(total.item()) and np.isnan(top.item())
    x[17] = 0.5
    total, top = f(jg.tensor(x).cuda())
    np.testing.assert_allclose(total.item(), x.sum() + x.mean(), rtol=1e-5)
    np.testing.assert_allclose(top.item(), 2 * x.max())


_UNARY = ["exp", "tanh", "sigmoid", "relu", "abs", "neg", "sin"]


@settings(max_examples=8, deadline=None)
@given(ops=st.lists(st.sampled_from(_UNARY), min_size=1, max_size=4),
       shape=st.sampled_from([(3,), (2, 3), (1, 4), (2, 1, 3)]), reduce=st.booleans())
def test_random_chains_compiled_for_cuda_equal_eager(ops, shape, reduce):
    def fn(x, y):
        for op in ops:
            x = getattr(x, op)() * y
        return x.sum() if reduce else x
    rng = np.random.default_rng(len(ops))
    x, y = rng.standard_normal(shape).astype(np.float32), rng.standard_normal(shape[-1:]).astype(np.float32)
    expected = fn(jg.tensor(x), jg.tensor(y)).numpy()
    got = jg.compile(fn, target="cuda")(jg.tensor(x).cuda(), jg.tensor(y).cuda()).cpu().numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
