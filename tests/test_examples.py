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


@pytest.mark.parametrize("name", ["dynamic_graph.py", "linear_regression.py", "compile_tour.py"])
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
