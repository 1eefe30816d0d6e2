"""The examples run and print what the seed tutorial prints (the README and `make demo` use them)."""
import gc
import pathlib
import runpy

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_example(name, capsys):
    gc.collect()  # earlier tests' cyclic garbage must not leave the live graph mid-example
    runpy.run_path(str(ROOT / "examples" / name), run_name="__main__")
    return capsys.readouterr().out


def test_dynamic_graph_walkthrough_prints_the_seeds_values(capsys):
    out = run_example("dynamic_graph.py", capsys)
    assert "tensor([[4.5000, 4.5000]])" in out          # MyReLU: w.grad
    assert "tensor([[4.5000]])" in out                   # MyReLU: b.grad
    assert "<MyReLUBackward object at" in out
    assert out.index("y2 grad:  tensor(4.)") < out.index("y1 grad:  tensor(-4.)")  # torch's order
    assert "loss.grad: tensor(1.)" in out and "x.grad: tensor(4.)" in out
    assert "True False False False" in out               # is_leaf of x, y1, y2, loss
    assert "retain_graph=True" in out
    assert (ROOT / "out" / "dynamic_graph.dot").read_text().startswith("strict digraph")


def test_linear_regression_demo_converges_and_frees_its_graphs(capsys):
    out = run_example("linear_regression.py", capsys)
    losses = [float(line.split("full-data loss")[1]) for line in out.splitlines() if "full-data loss" in line]
    assert losses[0] > 1.0 and losses[-1] < 0.02           # noise variance is 0.01
    assert losses == sorted(losses, reverse=True) or losses[-1] < losses[0] / 100
    line = next(line for line in out.splitlines() if line.startswith("live graph nodes:"))
    end, start = int(line.split()[3]), int(line.split("at start ")[1].split(":")[0])
    assert end == start + 2                               # only the leaves w and b remain
    dot = (ROOT / "out" / "linear_regression_step.dot").read_text()
    for op in ("MmBackward0", "AddBackward0", "SubBackward0", "PowBackward0", "MeanBackward0"):
        assert op in dot


@pytest.mark.parametrize("name", ["dynamic_graph.py", "linear_regression.py", "compile_tour.py", "tensor_tour.py",
                                  "digits.py"])
def test_examples_use_only_the_public_api(name):
    source = (ROOT / "examples" / name).read_text()
    assert "._" not in source.replace("__", ""), "examples should read like user code"


def test_compile_tour_agrees_with_eager_and_reports(capsys):
    out = run_example("compile_tour.py", capsys)
    for line in out.splitlines():
        if "max |compiled - eager|" in line:
            assert float(line.rsplit("=", 1)[1]) < 1e-4, line
    assert "== fusion groups ==" in out and "kernel_0" in out
    dot = (ROOT / "out" / "compile_tour_fused.dot").read_text()
    assert "cluster_" in dot                      # kernels drawn as clusters


def test_tensor_tour_prints_the_seeds_values(capsys):
    out = run_example("tensor_tour.py", capsys)
    expected = [   # what the seed's section 5.1 prints for its non-random values
        "tensor([1, 3, 5, 7, 9])",
        "tensor([0.0000, 0.6978, 1.3956, 2.0933, 2.7911, 3.4889, 4.1867, 4.8844, 5.5822,\n        6.2800])",
        "[1, 1, 1]], dtype=jitgrad.int32)",
        "tensor([[1, 0, 0],\n        [0, 2, 0],\n        [0, 0, 3]])",
        "tensor([[1., 2.],\n        [0., 0.]])",
        "jitgrad.Size([100, 4, 256, 256])",
        "tensor([[ 1.,  2.,  5.,  6.,  9., 10.],\n        [ 3.,  4.,  7.,  8., 11., 12.]])",
        "tensor([[ 9., 10.]])\ntensor([[11., 12.]])",
        "tensor([[1., 2.],\n        [-0., 1.]])",
        "tensor([[ 0.,  0.],\n        [-1.,  0.]])",
        "tensor([[1.0000, 1.4142],\n        [   nan, 2.0000]])",
        "tensor([5., 8.]) tensor([1., 6.])",
        "tensor([ 0.6000, -0.7000])\ntensor([0.6000, 1.3000])",
        "tensor([ 0.9000, -0.8000,  1.0000, -1.0000,  0.7000])",
        "tensor(362880.)",
        "tensor(2.7386) tensor(7.5000) tensor(5.)",
        "values=tensor([ 9., 10., 11., 12.]),\nindices=tensor([2, 2, 2, 2]))",
        "tensor([     1,      2,      6,     24,    120,    720,   5040,  40320, 362880])",
        "indices=tensor([[1, 2, 0],\n        [0, 2, 1],\n        [2, 0, 1]]))",
        "tensor([[-2.0000,  1.0000],\n        [ 1.5000, -0.5000]])",
        "tensor(5.4772)",
        "tensor(-2.)",
        "eigenvalues=tensor([2.5000+2.7839j, 2.5000-2.7839j])",
        "tensor([9.5255, 0.5143])",
        "tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000],\n        [5.0000, 6.0000]])",
        "tensor([[19., 22.],\n        [43., 50.]])",
        "A.shape: jitgrad.Size([8, 5]) jitgrad.Size([8, 5])",
        "tensor([[1, 2, 3],\n        [2, 3, 4],\n        [3, 4, 5]])",
    ]
    for text in expected:
        assert text in out, text


def test_the_digits_demo_trains_the_mlp_past_95_percent_eagerly_and_compiled(capsys):
    demo = runpy.run_path(str(ROOT / "examples" / "digits.py"))      # its functions; main() not run yet
    figures = demo["main"]("mlp", epochs=20)
    out = capsys.readouterr()
    assert figures["eager_acc"] >= 0.95
    # same seed, same batches: the compiled run follows the eager one (to rounding)
    assert abs(figures["compiled_acc"] - figures["eager_acc"]) <= 2 / 360
    assert "faster compiled" in out.out and figures["eager_ms"] > 0 and figures["compiled_ms"] > 0
    assert "Epoch 20/20" in out.err                                  # tqdm's bar, on stderr
    dot = (ROOT / "out" / "digits_mlp.dot").read_text()
    assert "NllLossBackward0" in dot and "MmBackward0" in dot


def test_the_digits_cnn_learns(capsys):
    demo = runpy.run_path(str(ROOT / "examples" / "digits.py"))
    model, history, _ = demo["train"]("cnn", compiled=False, epochs=3, workers=0, progress=False)
    assert history["val_acc"][-1] > 0.8
    assert [type(m).__name__ for m in model.net][:3] == ["Conv2d", "ReLU", "MaxPool2d"]
