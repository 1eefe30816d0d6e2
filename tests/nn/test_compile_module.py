"""jitgrad.compile on modules: a compiled MLP (Linear-ReLU-Linear, with a loss) gives
eager's outputs and parameter gradients; parameters are lifted to inputs (updates in place
are seen, freezing retraces) and train()/eval() are guarded."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad import nn
from jitgrad.compile.trace import TraceError


def make_mlp(dtype=jg.float64):
    jg.manual_seed(5)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).to(dtype)


def grads(model):
    return [p.grad.numpy().copy() for p in model.parameters()]


@pytest.mark.parametrize("dtype, rtol", [(jg.float64, 1e-12), (jg.float32, 1e-5)])
def test_compiled_mlp_with_loss_matches_eager(dtype, rtol):
    model = make_mlp(dtype)
    loss_fn = nn.CrossEntropyLoss()
    x = jg.randn(6, 4, dtype=dtype)
    y = jg.tensor([0, 2, 1, 1, 0, 2])

    def step(x, y):
        return loss_fn(model(x), y)

    eager = step(x, y)
    eager.backward()
    expected = grads(model)
    model.zero_grad()
    compiled = jg.compile(step)(x, y)
    compiled.backward()
    np.testing.assert_allclose(compiled.item(), eager.item(), rtol=rtol)
    for got, want in zip(grads(model), expected):
        np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol)


def test_compiled_module_outputs_and_gradients():
    model = make_mlp()
    compiled = jg.compile(model)
    assert repr(compiled) == "<jitgrad.compile(Sequential, target='cpu'): 0 entries>"
    x = jg.randn(5, 4, dtype=jg.float64, requires_grad=True)
    out = compiled(x)
    np.testing.assert_allclose(out.detach().numpy(), model(x).detach().numpy(), rtol=1e-12)
    (out * out).sum().backward()
    got = grads(model) + [x.grad.numpy().copy()]
    model.zero_grad()
    x.grad = None
    eager = model(x)
    (eager * eager).sum().backward()
    for a, b in zip(got, grads(model) + [x.grad.numpy()]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def test_parameter_updates_are_read_at_every_call_and_freezing_retraces():
    model = make_mlp()
    compiled = jg.compile(model)
    x = jg.randn(3, 4, dtype=jg.float64)
    compiled(x)
    with jg.no_grad():
        for p in model.parameters():
            p -= 0.25                     # what an optimiser step does
    np.testing.assert_allclose(compiled(x).detach().numpy(), model(x).detach().numpy(), rtol=1e-12)
    assert len(compiled.entries) == 1
    model[0].requires_grad_(False)
    compiled(x).sum().backward()
    assert model[0].weight.grad is None and model[2].weight.grad is not None
    compiled(jg.randn(7, 4, dtype=jg.float64))      # a new batch size: a retrace, named after the module
    assert compiled.retraces == 2          # freezing made the first entry stale, then the new size


def test_train_and_eval_are_guarded():
    model = nn.Sequential(nn.Linear(4, 3), nn.Dropout(0.5)).eval()
    compiled = jg.compile(model)
    x = jg.randn(2, 4)
    np.testing.assert_array_equal(compiled(x).detach().numpy(), model(x).detach().numpy())
    model.train()
    # dropout in training mode draws random numbers: refused clearly, never reused from eval
    with pytest.raises(TraceError, match="Sequential draws random numbers"):
        compiled(x)


def test_a_refused_batchnorm_call_counts_no_batch_and_eval_mode_compiles():
    bn = nn.BatchNorm1d(3)
    x = jg.randn(4, 3)
    with pytest.raises(TraceError, match="updates running_mean and running_var in place"):
        jg.compile(bn)(x)
    assert bn.num_batches_tracked.item() == 0 and bn.running_mean.tolist() == [0.0, 0.0, 0.0]
    bn(x)                                               # eager training: one batch counted
    assert bn.num_batches_tracked.item() == 1
    bn.eval()
    np.testing.assert_allclose(jg.compile(bn)(x).detach().numpy(), bn(x).detach().numpy(), rtol=1e-6)


def test_modules_a_compiled_function_closes_over_are_guarded_too():
    net = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3)).eval()
    compiled = jg.compile(lambda x: net(x).sum())
    x = jg.randn(4, 3)
    compiled(x)
    net.train()       # batch statistics now, and a running update the compiler refuses
    with pytest.raises(TraceError, match="updates running_mean and running_var in place"):
        compiled(x)


def test_the_modules_of_a_bound_methods_object_are_guarded():
    class Trainer:
        def __init__(self):
            self.net = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.5)).eval()

        def loss(self, x):
            return self.net(x).sum()
    trainer = Trainer()
    compiled = jg.compile(trainer.loss)
    x = jg.randn(2, 3)
    assert compiled(x).item() == pytest.approx(trainer.loss(x).item())
    trainer.net.train()
    with pytest.raises(TraceError, match="draws random numbers"):
        compiled(x)
