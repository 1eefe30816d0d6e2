"""The shipped digits dataset: shapes, dtypes, the fixed split, and its licence file."""
import pathlib

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.datasets import load_digits


def test_all_images_in_the_files_order():
    images, labels = load_digits()
    assert images.shape == (1797, 8, 8) and images.dtype == jg.float32 and labels.dtype == jg.int64
    assert float(images.min()) == 0.0 and float(images.max()) == 1.0
    assert np.bincount(labels.numpy()).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert labels[:10].tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    raw, _ = load_digits(scale=False, dtype=jg.float64)
    assert raw.dtype == jg.float64 and float(raw.max()) == 16.0
    # the first image of the UCI file, row by row
    assert raw[0, 0].tolist() == [0, 0, 5, 13, 9, 1, 0, 0]


def test_the_split_is_fixed_and_disjoint():
    (x_train, _), (x_test, y_test) = load_digits(train=True), load_digits(train=False)
    assert x_train.shape[0] == 1437 and x_test.shape[0] == 360
    again, _ = load_digits(train=False)
    assert np.array_equal(again.numpy(), x_test.numpy())
    everything = {im.tobytes() for im in load_digits()[0].numpy()}
    train_set = {im.tobytes() for im in x_train.numpy()}
    test_set = {im.tobytes() for im in x_test.numpy()}
    assert train_set | test_set == everything
    assert len(np.unique(y_test.numpy())) == 10


def test_bad_arguments():
    with pytest.raises(TypeError, match="train must be True, False or None"):
        load_digits(train="yes")
    with pytest.raises(TypeError, match="dtype must be a floating dtype, not int64"):
        load_digits(dtype=jg.int64)


def test_the_licence_travels_with_the_data():
    folder = pathlib.Path(jg.datasets.__file__).parent
    text = (folder / "DIGITS_LICENSE.txt").read_text()
    assert "CC BY 4.0" in text and "Alpaydin" in text
