"""History (columns, table, best row, plot) and the metrics of the fit loop."""
import sys

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.keras import Accuracy, History, Mean


def history():
    h = History()
    h.append({"epoch": 1, "train_loss": 0.9, "val_loss": 0.7, "lr": 0.001})
    h.append({"epoch": 2, "train_loss": 0.5, "val_loss": 0.8, "lr": 0.001})
    return h


def test_columns_rows_and_the_best_row():
    h = history()
    assert len(h) == 2 and h.columns == ["epoch", "train_loss", "val_loss", "lr"]
    assert h["val_loss"] == [0.7, 0.8]
    assert h.best("val_loss")["epoch"] == 1 and h.best("train_loss", "max")["epoch"] == 1
    assert [row["epoch"] for row in h] == [1, 2]
    with pytest.raises(KeyError, match="History has no column 'val_acc'"):
        h["val_acc"]


def test_it_prints_as_a_table():
    assert str(history()).splitlines() == [
        "epoch  train_loss  val_loss      lr",
        "    1      0.9000    0.7000  0.0010",
        "    2      0.5000    0.8000  0.0010",
    ]
    assert str(History()) == "History(no epochs yet)"
    assert repr(history()) == "History(epochs=2, columns=['epoch', 'train_loss', 'val_loss', 'lr'])"


def test_plot_draws_train_and_validation_curves():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = history().plot("loss")
    assert [line.get_label() for line in ax.get_lines()] == ["train_loss", "val_loss"]
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), [0.7, 0.8])
    with pytest.raises(KeyError, match="no column for 'acc'"):
        history().plot("acc")


def test_plot_without_matplotlib_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install 'jitgrad\[plot\]'"):
        history().plot()


def test_accuracy_by_argmax_and_by_threshold():
    acc = Accuracy()
    acc.update(jg.tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]), jg.tensor([1, 1, 1]))
    assert acc.compute() == pytest.approx(2 / 3)
    acc.reset()
    acc.update(jg.tensor([0.7, 0.2, 0.6, 0.4]), jg.tensor([1.0, 0.0, 0.0, 0.0]))
    assert acc.compute() == pytest.approx(3 / 4)
    logits = Accuracy(threshold=0.0)
    logits.update(jg.tensor([[2.0], [-1.0]]), jg.tensor([[1.0], [1.0]]))
    assert logits.compute() == pytest.approx(1 / 2)
    assert np.isnan(Accuracy().compute())
    with pytest.raises(ValueError, match=r"predictions of shape \[2, 3\] do not match targets of shape \[3\]"):
        Accuracy().update(jg.zeros(2, 3), jg.tensor([0, 1, 2]))


def test_mean_weights_by_count():
    m = Mean()
    m.update(1.0, weight=3)
    m.update(jg.tensor(5.0), weight=1)
    assert m.compute() == pytest.approx(2.0)
