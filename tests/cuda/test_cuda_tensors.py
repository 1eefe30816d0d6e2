"""CUDA tensors and eager ops on them, on Numba's CUDA simulator: values and gradients equal
the CPU's, device rules and errors are torch's."""
import numpy as np
import pytest

import jitgrad as jg
import jitgrad.nn.functional as F
from jitgrad.backends import cuda_eager

pytestmark = pytest.mark.skipif(not jg.cuda.is_available(), reason="no GPU and no CUDA simulator")

RNG = np.random.default_rng(0)
A = RNG.standard_normal((3, 4)).astype(np.float32)
B = RNG.standard_normal((4,)).astype(np.float32)
M = RNG.standard_normal((4, 5)).astype(np.float32)


def test_device_of_created_and_moved_tensors():
    x = jg.zeros(2, 3, device="cuda")
    assert x.device == jg.device("cuda:0") and x.is_cuda and not x.is_cpu and x.get_device() == 0
    assert str(x.device) == "cuda:0" and x.cpu().device == "cpu"
    assert jg.ones_like(x).device == "cuda" and jg.zeros_like(x, device="cpu").device == "cpu"
    y = jg.tensor(A)
    assert y.cuda().cuda().device == "cuda" and y.to("cuda").to("cpu").tolist() == y.tolist()
    z = y.cuda()
    assert z.cuda() is z and z.to("cuda") is z           # already there: the tensor itself, as torch
    assert jg.randn(2, device="cuda").device == "cuda" and jg.arange(3, device="cuda").tolist() == [0, 1, 2]


def test_printing_and_leaving_the_gpu():
    x = jg.tensor([1.0, 2.5], device="cuda")
    assert repr(x) == "tensor([1.0000, 2.5000], device='cuda:0')"
    assert repr(jg.tensor([1, 2], device="cuda", dtype=jg.int32)) == \
        "tensor([1, 2], device='cuda:0', dtype=jitgrad.int32)"
    assert x.sum().item() == 3.5 and x.tolist() == [1.0, 2.5] and bool(x[1] > 2)
    with pytest.raises(TypeError, match="can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu()"):
        x.numpy()
    with pytest.raises(TypeError, match="Tensor.cpu"):
        np.asarray(x)


def test_mixing_devices_is_torch_s_error_but_a_0d_cpu_tensor_is_a_number():
    with pytest.raises(RuntimeError, match="Expected all tensors to be on the same device, but found at least "
                                           "two devices, cuda:0 and cpu!"):
        jg.ones(3, device="cuda") + jg.ones(3)
    assert (jg.ones(3, device="cuda") * jg.tensor(2.0)).tolist() == [2.0, 2.0, 2.0]


ELEMENTWISE = [
    lambda x, y: x + y, lambda x, y: x * y - 1.5, lambda x, y: x / (y.abs() + 1), lambda x, y: (x > y) | (x < 0),
    lambda x, y: jg.maximum(x, y), lambda x, y: jg.where(x > 0, x, y), lambda x, y: x.clamp(min=-0.3),
    lambda x, y: (x.exp() + y.tanh()).sigmoid(), lambda x, y: x ** 2 + (-y).relu(), lambda x, y: x.sign() * y,
    lambda x, y: (x * 3).int(), lambda x, y: x.double() * 2,
]


@pytest.mark.parametrize("fn", ELEMENTWISE)
def test_elementwise_ops_equal_the_cpu(fn):
    expected = fn(jg.tensor(A), jg.tensor(B))
    got = fn(jg.tensor(A).cuda(), jg.tensor(B).cuda())
    assert got.device == "cuda" and got.dtype is expected.dtype and got.shape == expected.shape
    np.testing.assert_allclose(got.cpu().numpy(), expected.numpy(), rtol=1e-6, atol=1e-7)


REDUCTIONS = [
    lambda x: x.sum(), lambda x: x.sum(dim=0), lambda x: x.sum(dim=1, keepdim=True), lambda x: x.mean(dim=-1),
    lambda x: x.amax(dim=0), lambda x: x.amin(dim=1), lambda x: x.max(), lambda x: x.min(),
    lambda x: (x > 0).sum(), lambda x: x.cumsum(dim=1), lambda x: x.sort(dim=1).values, lambda x: x.std(),
]


@pytest.mark.parametrize("fn", REDUCTIONS)
def test_reductions_equal_the_cpu(fn):
    expected = fn(jg.tensor(A))
    got = fn(jg.tensor(A).cuda())
    assert got.device == "cuda" and got.dtype is expected.dtype and got.shape == expected.shape
    np.testing.assert_allclose(got.cpu().numpy(), expected.numpy(), rtol=1e-5, atol=1e-6)


def test_max_propagates_nan_as_torch():
    x = jg.tensor([1.0, float("nan"), 3.0], device="cuda")
    assert np.isnan(x.max().item()) and np.isnan(x.amax(dim=0).item())


MOVEMENT = [
    lambda x: x.t(), lambda x: x.permute(1, 0), lambda x: x.reshape(2, 6), lambda x: x.view(-1),
    lambda x: x.unsqueeze(0).squeeze(0), lambda x: x[1:, ::2], lambda x: x[:, 1], lambda x: x.expand(2, 3, 4),
    lambda x: x.flatten(), lambda x: x.T.contiguous(), lambda x: jg.cat([x, x], dim=1),
]


@pytest.mark.parametrize("fn", MOVEMENT)
def test_movement_ops_equal_the_cpu(fn):
    expected = fn(jg.tensor(A))
    got = fn(jg.tensor(A).cuda())
    assert got.device == "cuda" and got.shape == expected.shape
    np.testing.assert_array_equal(got.cpu().numpy(), expected.numpy())


@pytest.mark.parametrize("shapes", [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)),
                                    ((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 2))])
def test_matmul_equals_the_cpu(shapes):
    a, b = (RNG.standard_normal(s).astype(np.float32) for s in shapes)
    got = jg.tensor(a).cuda() @ jg.tensor(b).cuda()
    np.testing.assert_allclose(got.cpu().numpy(), a @ b, rtol=1e-5, atol=1e-6)


def test_gradients_on_the_gpu_equal_the_cpu():
    grads = {}
    for device in ("cpu", "cuda"):
        x = jg.tensor(A).to(device).requires_grad_()
        w = jg.tensor(M).to(device).requires_grad_()
        b = jg.tensor(B[:1]).to(device).requires_grad_()
        loss = F.cross_entropy((x @ w + b).tanh(), jg.tensor([0, 4, 2]).to(device)) + x.amax(dim=1).mean()
        loss.backward()
        assert x.grad.device == device and loss.grad_fn is not None
        grads[device] = [loss.item()] + [t.grad.cpu().numpy() for t in (x, w, b)]
    for got, want in zip(grads["cuda"], grads["cpu"]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_the_copy_to_the_gpu_is_differentiable():
    x = jg.tensor(B, requires_grad=True)
    y = (x.cuda() * 3).sum()
    assert y.grad_fn is not None
    y.backward()
    assert x.grad.device == "cpu" and x.grad.tolist() == [3.0] * 4


@pytest.mark.parametrize("make_optimizer", [
    lambda params: jg.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True),
    lambda params: jg.optim.AdamW(params, lr=0.01, amsgrad=True)], ids=["sgd", "adamw"])
def test_a_model_trains_on_the_gpu_as_on_the_cpu(make_optimizer):
    losses = {}
    for device in ("cpu", "cuda"):
        jg.manual_seed(0)
        net = jg.nn.Sequential(jg.nn.Linear(4, 8), jg.nn.ReLU(), jg.nn.Linear(8, 2)).to(device)
        assert all(p.device == device for p in net.parameters())
        opt = make_optimizer(net.parameters())
        x, labels = jg.tensor(A).to(device), jg.tensor([0, 1, 1]).to(device)
        losses[device] = []
        for _ in range(4):
            loss = F.cross_entropy(net(x), labels)
            opt.zero_grad(set_to_none=device == "cpu")
            loss.backward()
            opt.step()
            losses[device].append(loss.item())
        assert all(p.device == device for p in net.parameters())
    assert losses["cuda"][-1] < losses["cuda"][0]
    np.testing.assert_allclose(losses["cuda"], losses["cpu"], rtol=1e-5)


def test_in_place_ops_write_into_gpu_memory():
    x = jg.zeros(3, device="cuda")
    x.fill_(2.0)
    x.add_(jg.ones(3, device="cuda"))
    x.mul_(2)
    x[1] = 7.0
    assert x.tolist() == [6.0, 7.0, 6.0] and x.device == "cuda" and x._version[0] == 4


def test_single_op_programs_are_built_once_per_signature():
    x = jg.tensor(A).cuda()
    (x * 2.5).exp()
    before = cuda_eager.cached_programs()
    for _ in range(3):
        (x * 2.5).exp()
    assert cuda_eager.cached_programs() == before
