"""The 8x8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0;
see DIGITS_LICENSE.txt beside this file): 1,797 images, 10 classes, 45 kB on disk.

Small enough to ship and to train on in seconds, real enough that accuracy means something:
a linear model reaches about 95% on the held-out split, an MLP or a small CNN 97-99%.
"""
from __future__ import annotations

import pathlib

import numpy as np

from .. import dtypes
from ..creation import from_numpy

_FILE = pathlib.Path(__file__).with_name("digits.npz")
N_IMAGES, TEST_SIZE = 1797, 360        # a 80/20 split
_SPLIT_SEED = 0                        # the split is fixed: figures in the README stay comparable


def load_digits(train: bool | None = None, *, dtype=dtypes.float32, scale: bool = True):
    """``(images, labels)`` as tensors: images of shape (N, 8, 8) in ``dtype`` (divided by 16 into
    [0, 1] unless ``scale=False``), labels int64 in 0..9.

    ``train=True`` gives the 1,437 training images, ``train=False`` the 360 test images (the same
    fixed, shuffled split every time), ``None`` all 1,797 in the file's order."""
    if train not in (None, True, False):
        raise TypeError(f"load_digits(): train must be True, False or None, not {train!r}")
    dt = dtypes.as_dtype(dtype)
    if not dt.is_floating_point:
        raise TypeError(f"load_digits(): dtype must be a floating dtype, not {dt.name}")
    with np.load(_FILE) as archive:
        images, labels = archive["images"], archive["labels"]
    if train is not None:
        order = np.random.default_rng(_SPLIT_SEED).permutation(N_IMAGES)
        keep = order[TEST_SIZE:] if train else order[:TEST_SIZE]
        images, labels = images[keep], labels[keep]
    pixels = images.astype(dt.np)
    if scale:
        pixels /= 16
    return from_numpy(pixels), from_numpy(labels.astype(np.int64))
