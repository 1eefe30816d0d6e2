"""The Keras-like fit loop (SPEC C7): training, validation, metrics, early stopping, restoring
the best weights, the compiled step, evaluate/predict, and the progress bar."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad import nn
from jitgrad.datasets import load_digits
from jitgrad.keras import Accuracy, KerasModel


def batches(x, y, size):
    return [(x[i:i + size], y[i:i + size]) for i in range(0, x.shape[0], size)]


@pytest.fixture(scope="module")
def digits():
    (x_train, y_train), (x_test, y_test) = load_digits(train=True), load_digits(train=False)
    return batches(x_train, y_train, 64), batches(x_test, y_test, 120)


def mlp(seed=0):
    jg.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))


def test_fit_learns_the_digits_and_records_a_history(digits):
    train, test = digits
    net = mlp()
    model = KerasModel(net, nn.CrossEntropyLoss(), {"acc": Accuracy()}, jg.optim.Adam(net.parameters(), lr=1e-2))
    history = model.fit(train, test, epochs=4, progress=False)
    assert history.columns == ["epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr"]
    assert history["epoch"] == [1, 2, 3, 4]
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_acc"][-1] > 0.85            # four epochs of a small MLP
    assert history["lr"] == [1e-2] * 4
    # the best epoch's weights are back in the network at the end
    best = history.best("val_loss", "min")
    assert model.evaluate(test)["loss"] == pytest.approx(best["val_loss"], rel=1e-6)
    assert not net.training                          # fit leaves the network in eval mode


def test_the_epoch_loss_is_the_mean_over_samples_not_over_batches():
    x = jg.tensor([[1.0], [2.0], [3.0]])
    y = jg.tensor([[0.0], [0.0], [0.0]])
    net = nn.Linear(1, 1)
    with jg.no_grad():
        net.weight.fill_(1.0)
        net.bias.fill_(0.0)
    model = KerasModel(net, nn.MSELoss(), optimizer=jg.optim.SGD(net.parameters(), lr=0.0))
    figures = model.evaluate([(x[:2], y[:2]), (x[2:], y[2:])])     # batches of 2 and 1
    assert figures["loss"] == pytest.approx((1 + 4 + 9) / 3)


def test_a_plain_function_metric_is_averaged_over_samples():
    x, y = jg.tensor([[1.0], [2.0], [4.0]]), jg.tensor([[0.0], [0.0], [0.0]])
    net = nn.Linear(1, 1)
    with jg.no_grad():
        net.weight.fill_(1.0)
        net.bias.fill_(0.0)
    mae = lambda preds, targets: (preds - targets).abs().mean()    # noqa: E731
    model = KerasModel(net, nn.MSELoss(), {"mae": mae}, jg.optim.SGD(net.parameters(), lr=0.0))
    assert model.evaluate([(x[:1], y[:1]), (x[1:], y[1:])])["mae"] == pytest.approx(7 / 3)


def test_early_stopping_stops_after_patience_epochs_without_improvement(digits, capsys):
    train, test = digits
    net = mlp()
    # lr 0: nothing changes, so the second epoch cannot improve on the first
    model = KerasModel(net, nn.CrossEntropyLoss(), optimizer=jg.optim.SGD(net.parameters(), lr=0.0))
    history = model.fit(train[:3], test, epochs=10, patience=2, progress=True)
    assert len(history) == 3
    assert "val_loss has not improved for 2 epochs" in capsys.readouterr().out


def test_fit_continues_the_history_of_an_earlier_call(digits):
    train, test = digits
    net = mlp()
    model = KerasModel(net, nn.CrossEntropyLoss(), optimizer=jg.optim.Adam(net.parameters(), lr=1e-2))
    model.fit(train[:2], epochs=1, progress=False)
    history = model.fit(train[:2], epochs=2, progress=False)
    assert history["epoch"] == [1, 2, 3]
    assert "val_loss" not in history.columns


def test_the_compiled_step_trains_as_the_eager_one(digits):
    train, test = digits
    histories = []
    for compiled in (False, True):
        net = mlp(seed=3)
        model = KerasModel(net, nn.CrossEntropyLoss(), {"acc": Accuracy()},
                           jg.optim.SGD(net.parameters(), lr=0.1, momentum=0.9), compile=compiled)
        histories.append(model.fit(train[:8], test, epochs=2, progress=False))
    eager, compiled = histories
    for column in ("train_loss", "val_loss", "val_acc"):
        np.testing.assert_allclose(compiled[column], eager[column], rtol=1e-4)


def test_evaluate_and_predict_leave_the_training_mode_as_they_found_it(digits):
    train, test = digits
    net = mlp()
    model = KerasModel(net, nn.CrossEntropyLoss(), {"acc": Accuracy()})
    net.train()
    figures = model.evaluate(test)
    assert set(figures) == {"loss", "acc"} and net.training
    preds = model.predict(test)
    assert preds.shape == (360, 10) and not preds.requires_grad and net.training
    assert model.predict(test[0][0]).shape == (120, 10)
    assert model.predict([features for features, _ in test]).shape == (360, 10)


def test_the_progress_bar_shows_each_epoch(digits, capsys):
    train, _ = digits
    net = mlp()
    KerasModel(net, nn.CrossEntropyLoss()).fit(train[:2], epochs=2, progress=True)
    err = capsys.readouterr().err
    assert "Epoch 1/2" in err and "Epoch 2/2" in err and "2/2" in err


def test_bad_calls_say_what_would_be_valid(digits):
    train, test = digits
    net = mlp()
    model = KerasModel(net, nn.CrossEntropyLoss())
    with pytest.raises(ValueError, match="mode must be 'min' or 'max'"):
        model.fit(train, epochs=1, mode="best")
    with pytest.raises(ValueError, match="val_\\* columns need val_data"):
        model.fit(train[:1], epochs=1, patience=2, progress=False)
    with pytest.raises(ValueError, match="patience must be a positive int"):
        model.fit(train, epochs=1, patience=0)
    with pytest.raises(ValueError, match=r"\(features, labels\) pair, got Tensor"):
        model.evaluate([train[0][0]])
    with pytest.raises(TypeError, match="loss_fn must be callable"):
        KerasModel(net, "cross_entropy")
    with pytest.raises(TypeError, match="metric 'acc' must be callable"):
        KerasModel(net, nn.CrossEntropyLoss(), {"acc": 0.5})
    with pytest.raises(ValueError, match="gave no batches"):
        model.predict([])
