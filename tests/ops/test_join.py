"""Joining, splitting and padding: cat, stack, split, chunk, narrow, pad — values against NumPy,
gradients by finite differences, torch's dtypes, grad_fn names and errors, views sharing memory.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``, ``*_ERRORS``) were produced by evaluating each
expression with ``lib=torch`` 2.x (``F_pad(torch)`` is ``torch.nn.functional.pad``); torch is not
needed to run these tests.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes

import jitgrad as jg
from jitgrad.ops.pad import pad, pad_backward

rng = np.random.default_rng(2024)


def U(*shape):
    return rng.uniform(-2, 2, shape)


def W(*shape):
    """Distinct weights 1, 2, …: a gradient through them shows where each element went."""
    return jg.arange(1.0, math.prod(shape) + 1, dtype=jg.float64).reshape(shape)


def F_pad(lib):
    """torch.nn.functional.pad when the tables were recorded, jitgrad's pad op here."""
    return pad if lib is jg else lib.nn.functional.pad


I23 = np.arange(6).reshape(2, 3)      # a constant int64 tensor in a case
EMPTY = jg.zeros(0, dtype=jg.float64)

# ------------------------------------------------------------------ gradient table
GRAD_CASES = [
    pytest.param("cat", lambda a, b: jg.cat([a, b]) * W(3, 3), [U(2, 3), U(1, 3)], True, id="cat-dim0"),
    pytest.param("cat", lambda a, b: jg.cat([a, b, a], dim=1) * W(2, 5), [U(2, 2), U(2, 1)], True,
                 id="cat-three-reused"),
    pytest.param("cat", lambda a, b: jg.cat((a, b), axis=-1) ** 2, [U(2, 1, 2), U(2, 1, 3)], True, id="cat-axis-neg"),
    pytest.param("cat", lambda a: jg.cat([a]) * W(2, 3), [U(2, 3)], True, id="cat-one"),
    pytest.param("cat", lambda a, i: jg.cat([a, i]) * W(3, 3), [U(1, 3), I23], True, id="cat-with-int"),
    pytest.param("cat", lambda a, b: jg.cat([a.t(), b], 1) * W(3, 4), [U(2, 3), U(3, 2)], True, id="cat-transposed"),
    # empty inputs are constants here (gradcheck perturbs elements; JOIN_GRADS checks an empty's gradient)
    pytest.param("cat", lambda a: jg.cat([EMPTY, a, EMPTY]) * W(2, 2), [U(2, 2)], True, id="cat-legacy-empty"),
    pytest.param("cat", lambda a: jg.cat([a, EMPTY.reshape(2, 0)], 1) * W(2, 2), [U(2, 2)], True, id="cat-empty-dim"),
    pytest.param("cat", lambda *xs: jg.cat(xs) * W(7), [U(1) for _ in range(7)], True, id="cat-seven"),
    pytest.param("stack", lambda a, b: jg.stack([a, b]) * W(2, 2, 3), [U(2, 3), U(2, 3)], True, id="stack"),
    pytest.param("stack", lambda a, b: jg.stack([a, b, a], axis=-1) * W(2, 3), [U(2), U(2)], True, id="stack-neg"),
    pytest.param("stack", lambda a, b: jg.stack([a, b]) * W(2), [U(), U()], True, id="stack-0d"),
    pytest.param("split", lambda a: a.split(2, 1)[1] * W(2, 2), [U(2, 5)], True, id="split-one-piece"),
    pytest.param("split", lambda a: jg.cat(a.split(2)[::-1]) * W(5), [U(5)], True, id="split-reversed"),
    pytest.param("split", lambda a: jg.cat(jg.split(a, [1, 0, 2], dim=-1)[::-1], -1) * W(2, 3), [U(2, 3)], True,
                 id="split-sizes"),
    pytest.param("split", lambda a: a.t().split(1)[2] * W(1, 2), [U(2, 3)], True, id="split-transposed"),
    pytest.param("split", lambda a: a.chunk(3, dim=1)[2] * W(2, 1), [U(2, 5)], True, id="chunk-last"),
    pytest.param("split", lambda a: jg.chunk(a, 2)[0] * jg.chunk(a, 2)[1], [U(4, 2)], True, id="chunk-product"),
    pytest.param("narrow", lambda a: a.narrow(0, 1, 1) * W(1, 3), [U(2, 3)], True, id="narrow"),
    pytest.param("narrow", lambda a: jg.narrow(a, -1, -2, 2) ** 2, [U(2, 3)], True, id="narrow-neg"),
    pytest.param("pad", lambda a: pad(a, (1, 2)) * W(2, 6), [U(2, 3)], True, id="pad-constant"),
    pytest.param("pad", lambda a: pad(a, (1, 0, 2, 1), value=3.0) ** 2, [U(2, 3)], True, id="pad-constant-2d"),
    pytest.param("pad", lambda a: pad(a, (-1, 2, 0, -1)) * W(1, 4), [U(2, 3)], True, id="pad-constant-crop"),
    pytest.param("pad", lambda a: pad(a, (1, 1, 1, 1, 1, 1)) * W(3, 4, 3), [U(1, 2, 1)], True, id="pad-constant-3d"),
    pytest.param("pad", lambda a: pad(a.t(), (2, 1), mode="reflect") * W(4, 6), [U(3, 4)], True,
                 id="pad-reflect-transposed"),
    pytest.param("pad", lambda a: pad(a, (2, 2, 1, 2), mode="reflect") * W(1, 6, 7), [U(1, 3, 3)], True,
                 id="pad-reflect-2d"),
    pytest.param("pad", lambda a: pad(a, (1, 0, 0, 1, 1, 1), mode="reflect") * W(1, 4, 3, 3), [U(1, 2, 2, 2)], True,
                 id="pad-reflect-3d"),
    pytest.param("pad", lambda a: pad(a, (-2, 3), mode="reflect") * W(1, 5), [U(1, 4)], True, id="pad-reflect-crop"),
    pytest.param("pad", lambda a: pad(a, (3, 1), mode="replicate") * W(2, 6), [U(2, 2)], True, id="pad-replicate"),
    pytest.param("pad", lambda a: pad(a, (1, 1, 2, 0, 0, 1), mode="replicate") * W(1, 1, 3, 4, 3),
                 [U(1, 1, 2, 2, 1)], True, id="pad-replicate-3d"),
    pytest.param("pad", lambda a: pad(a, (-3, 2), mode="replicate") * W(1, 3), [U(1, 4)], True,
                 id="pad-replicate-crop"),
    pytest.param("pad", lambda a: pad(a, (3, 2), mode="circular") * W(2, 8), [U(2, 3)], True, id="pad-circular"),
    pytest.param("pad", lambda a: pad(a, (1, 1, 2, 1), mode="circular") * W(1, 5, 4), [U(1, 2, 2)], True,
                 id="pad-circular-2d"),
    pytest.param("pad", lambda a: pad(a, (2, -1), mode="circular") * W(1, 5), [U(1, 4)], True,
                 id="pad-circular-crop"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (2, 1)), mode="reflect", spatial=1),
                 [U(2, 6)], True, id="pad-backward-reflect"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (1, 2), (0, 3)), mode="replicate",
                                                        spatial=2), [U(1, 5, 5)], True, id="pad-backward-replicate"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (3, -1)), mode="circular", spatial=1),
                 [U(2, 6)], True, id="pad-backward-circular"),
]


# ------------------------------------------------------------------ forward table
def np_pad(a, pads, mode="constant", value=0):
    """NumPy's pad with torch's conventions: pairs from the last dim back; negative pads crop."""
    widths = [(0, 0)] * a.ndim
    for k in range(len(pads) // 2):
        widths[a.ndim - 1 - k] = (pads[2 * k], pads[2 * k + 1])
    crop = tuple(slice(max(-b, 0), n - max(-e, 0)) for n, (b, e) in zip(a.shape, widths))
    grow = [(max(b, 0), max(e, 0)) for b, e in widths]
    np_mode = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode]
    if mode == "constant":
        return np.pad(a[crop], grow, constant_values=value)
    if mode == "circular":   # wraps around what is left after cropping
        return np.pad(a[crop], grow, mode="wrap")
    # reflect and replicate read the input's own edges, even where the other side is cropped
    padded = np.pad(a, grow, mode=np_mode)
    return padded[tuple(slice(max(-b, 0), max(-b, 0) + n + b + e) for n, (b, e) in zip(a.shape, widths))]


def np_pad_backward(g, widths, mode):
    """The adjoint of padding: every output gradient added to the element it was read from."""
    for d, (b, e) in enumerate(widths):
        if b or e:
            n = g.shape[d] - b - e
            sources = np_pad(np.arange(n), (b, e), mode)   # which input element each output reads
            out = np.zeros(g.shape[:d] + (n,) + g.shape[d + 1:], g.dtype)
            np.add.at(out, (slice(None),) * d + (sources,), g)
            g = out
    return g


X234 = U(2, 3, 4)

FORWARD_CASES = [
    pytest.param("cat", lambda a, b: jg.cat([a, b], 1), lambda a, b: np.concatenate([a, b], 1),
                 [X234, U(2, 1, 4)], id="cat"),
    pytest.param("cat", lambda a, b: jg.cat([a, b, a], -1), lambda a, b: np.concatenate([a, b, a], -1),
                 [X234, U(2, 3, 2)], id="cat-three"),
    pytest.param("cat", lambda a: jg.cat([a.transpose(0, 2), a.transpose(0, 2)]),
                 lambda a: np.concatenate([a.transpose(2, 1, 0)] * 2), [X234], id="cat-transposed"),
    pytest.param("cat", lambda a, i: jg.cat([i, a]), lambda a, i: np.concatenate([i, a]).astype(a.dtype),
                 [U(1, 3), I23],
                 id="cat-int-first"),
    pytest.param("cat", lambda i: jg.cat([i, i + 1], 1), lambda i: np.concatenate([i, i + 1], 1), [I23],
                 id="cat-ints"),
    pytest.param("cat", lambda e, a: jg.cat([e, a]), lambda e, a: a, [U(0), X234], id="cat-legacy-empty"),
    pytest.param("cat", lambda a: jg.cat([a]), lambda a: a.copy(), [X234], id="cat-one"),
    pytest.param("stack", lambda a, b: jg.stack([a, b], 1), lambda a, b: np.stack([a, b], 1), [X234, X234 * 2],
                 id="stack"),
    pytest.param("stack", lambda a: jg.stack([a, a, a], axis=-1), lambda a: np.stack([a] * 3, -1), [X234],
                 id="stack-neg"),
    pytest.param("split", lambda a: a.split(2, -1), lambda a: (a[..., :2], a[..., 2:]), [X234], id="split"),
    pytest.param("split", lambda a: jg.split(a, [1, 2], 1), lambda a: (a[:, :1], a[:, 1:]), [X234], id="split-sizes"),
    pytest.param("split", lambda a: a.split(5), lambda a: (a,), [U(3)], id="split-one-piece"),
    pytest.param("split", lambda a: a.chunk(3, 1), lambda a: (a[:, :1], a[:, 1:2], a[:, 2:]), [X234], id="chunk"),
    pytest.param("split", lambda a: a.chunk(4), lambda a: tuple(a[k:k + 2] for k in range(0, 6, 2)), [U(6)],
                 id="chunk-fewer"),
    pytest.param("narrow", lambda a: a.t().narrow(0, 1, 2), lambda a: a.T[1:3], [U(2, 3)], id="narrow-transposed"),
    pytest.param("pad", lambda a: pad(a, (1, 2)), lambda a: np_pad(a, (1, 2)), [X234], id="pad-constant"),
    pytest.param("pad", lambda a: pad(a, (0, 1, 2, 0, 1, 1), value=-2.5), lambda a: np_pad(a, (0, 1, 2, 0, 1, 1),
                                                                                           value=-2.5),
                 [X234], id="pad-constant-value"),
    pytest.param("pad", lambda a: pad(a, (-1, 1, 1, -2)), lambda a: np_pad(a, (-1, 1, 1, -2)), [X234],
                 id="pad-constant-crop"),
    pytest.param("pad", lambda i: pad(i, (1, 1), value=7), lambda i: np_pad(i, (1, 1), value=7), [I23],
                 id="pad-constant-int"),
    pytest.param("pad", lambda a: pad(a, (3, 2), mode="reflect"), lambda a: np_pad(a, (3, 2), "reflect"), [X234],
                 id="pad-reflect"),
    pytest.param("pad", lambda a: pad(a, (1, 2, 2, 1), "reflect"), lambda a: np_pad(a, (1, 2, 2, 1), "reflect"),
                 [X234], id="pad-reflect-2d"),
    pytest.param("pad", lambda a: pad(a, (-2, 3), "reflect"), lambda a: np_pad(a, (-2, 3), "reflect"), [X234],
                 id="pad-reflect-crop"),
    pytest.param("pad", lambda a: pad(a, (2, 3, 0, 1), "replicate"), lambda a: np_pad(a, (2, 3, 0, 1), "replicate"),
                 [X234], id="pad-replicate"),
    pytest.param("pad", lambda a: pad(a, (1, -3), "replicate"), lambda a: np_pad(a, (1, -3), "replicate"), [X234],
                 id="pad-replicate-crop"),
    pytest.param("pad", lambda a: pad(a[None], (1, 1, 1, 1, 1, 1), "replicate"),
                 lambda a: np_pad(a[None], (1, 1, 1, 1, 1, 1), "replicate"), [X234], id="pad-replicate-3d"),
    pytest.param("pad", lambda a: pad(a, (4, 3, 1, 2), "circular"), lambda a: np_pad(a, (4, 3, 1, 2), "circular"),
                 [X234], id="pad-circular"),
    pytest.param("pad", lambda a: pad(a, (-1, 2), "circular"), lambda a: np_pad(a, (-1, 2), "circular"), [X234],
                 id="pad-circular-crop"),
    pytest.param("pad", lambda a: pad(a.transpose(1, 2), (1, 1), "reflect"),
                 lambda a: np_pad(a.transpose(0, 2, 1), (1, 1), "reflect"), [X234], id="pad-noncontiguous"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (0, 0), (3, 2)), mode="reflect", spatial=1),
                 lambda g: np_pad_backward(g, ((0, 0), (0, 0), (3, 2)), "reflect"), [U(2, 3, 9)],
                 id="pad-backward-reflect"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (1, 2), (2, 0)), mode="replicate",
                                                        spatial=2),
                 lambda g: np_pad_backward(g, ((0, 0), (1, 2), (2, 0)), "replicate"), [U(2, 6, 6)],
                 id="pad-backward-replicate"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (0, 0), (4, 3)), mode="circular",
                                                        spatial=1),
                 lambda g: np_pad_backward(g, ((0, 0), (0, 0), (4, 3)), "circular"), [U(2, 3, 11)],
                 id="pad-backward-circular"),
    pytest.param("pad_backward", lambda g: pad_backward(g, widths=((0, 0), (2, -1)), mode="circular", spatial=1),
                 lambda g: np_pad_backward(g, ((0, 0), (2, -1)), "circular"), [U(3, 5)],
                 id="pad-backward-circular-crop"),
]



# ------------------------------------------------------------------ any shape (hypothesis)
@settings(max_examples=30, deadline=None)
@given(shape=array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4), data=st.data())
def test_split_then_cat_gives_the_tensor_back(shape, data):
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    size = shape[dim]
    step = data.draw(st.integers(1, max(size, 1)))
    a = np.arange(math.prod(shape), dtype=np.float64).reshape(shape)
    x = jg.tensor(a, requires_grad=True)
    pieces = x.split(step, dim)
    assert [p.shape[dim] for p in pieces] == ([step] * (size // step) + [size % step] * (size % step > 0) or [0])
    back = jg.cat(pieces, dim)
    np.testing.assert_array_equal(back.detach().numpy(), a)
    (g,) = jg.autograd.grad((back * jg.tensor(a + 1)).sum(), x)
    np.testing.assert_array_equal(g.numpy(), a + 1)


def _draw_pads(data, mode, n):
    """A (before, after) pair torch accepts on a dim of size n (the error tests cover the rest)."""
    if mode == "constant":     # crop at most the whole dim
        before = data.draw(st.integers(-n, 4))
        return before, data.draw(st.integers(-(n - max(-before, 0)), 4))
    if mode == "reflect":      # pads smaller than the dim, and something left
        before = data.draw(st.integers(-(n - 1), n - 1))
        return before, data.draw(st.integers(max(-(n - 1), 1 - n - before), n - 1))
    if mode == "replicate":    # something left
        before = data.draw(st.integers(-(n - 1), 4))
        return before, data.draw(st.integers(1 - n - before, 4))
    before = data.draw(st.integers(-(n - 1), n))       # circular: wrap at most once around what is left
    if before >= 0:
        return before, data.draw(st.integers(max(before - n, -(n - 1)), n))
    return before, data.draw(st.integers(-(n + before - 1), n + before))


@settings(max_examples=40, deadline=None)
@given(data=st.data(), mode=st.sampled_from(["constant", "reflect", "replicate", "circular"]))
def test_pad_matches_numpy(data, mode):
    spatial = data.draw(st.integers(1, 3))
    dims = [spatial, spatial + 1, spatial + 2] if mode == "constant" else [spatial + 1, spatial + 2]
    shape = tuple(data.draw(st.integers(1, 4)) for _ in range(data.draw(st.sampled_from(dims))))
    pads = [p for k in range(spatial) for p in _draw_pads(data, mode, shape[-1 - k])]
    a = rng.uniform(-1, 1, shape)
    value = 0.5 if mode == "constant" else None
    got = pad(jg.tensor(a), pads, mode, value)
    np.testing.assert_array_equal(got.numpy(), np_pad(a, pads, mode, value or 0))


# ------------------------------------------------------------------ recorded from torch
def m23(lib):
    return lib.arange(6.).reshape(2, 3)


def m134(lib):
    return lib.arange(12.).reshape(1, 3, 4)


def r115(lib):
    return lib.arange(5.).reshape(1, 1, 5)


def w12(lib):
    return lib.arange(1., 13., dtype=lib.float64)


JOIN_VALUES = [
    pytest.param(lambda lib: lib.cat([m23(lib), m23(lib) + 6]),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0], [9.0, 10.0, 11.0]]}, id='cat_dim0'),
    pytest.param(lambda lib: lib.cat([m23(lib), lib.zeros(2, 1), m23(lib)], dim=1),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 2.0, 0.0, 0.0, 1.0, 2.0], [3.0, 4.0, 5.0, 0.0, 3.0, 4.0, 5.0]]}, id='cat_dim1_three'),
    pytest.param(lambda lib: lib.cat((m23(lib), m23(lib)), axis=-1).shape,
                 [2, 6], id='cat_axis_neg'),
    pytest.param(lambda lib: lib.concat([lib.ones(2), lib.zeros(1)]),
                 {'dtype': 'float32', 'values': [1.0, 1.0, 0.0]}, id='concat_alias'),
    pytest.param(lambda lib: lib.concatenate([lib.ones(2), lib.zeros(1)], axis=0),
                 {'dtype': 'float32', 'values': [1.0, 1.0, 0.0]}, id='concatenate_alias'),
    pytest.param(lambda lib: lib.cat([m23(lib)]),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]}, id='cat_one'),
    pytest.param(lambda lib: lib.cat([lib.tensor([1, 2], dtype=lib.int32), lib.tensor([3])]),
                 {'dtype': 'int64', 'values': [1, 2, 3]}, id='cat_promote_int_long'),
    pytest.param(lambda lib: lib.cat([lib.tensor([True]), lib.tensor([2], dtype=lib.int32)]),
                 {'dtype': 'int32', 'values': [1, 2]}, id='cat_promote_bool_int'),
    pytest.param(lambda lib: lib.cat([lib.tensor([2 ** 40 + 1]), lib.tensor([0.5])]),
                 {'dtype': 'float32', 'values': [1099511627776.0, 0.5]}, id='cat_promote_long_float'),
    pytest.param(lambda lib: lib.cat([lib.tensor([0.1]), lib.tensor([0.1], dtype=lib.float64)]),
                 {'dtype': 'float64', 'values': [0.10000000149011612, 0.1]}, id='cat_promote_float_double'),
    pytest.param(lambda lib: lib.cat([lib.zeros(0), m23(lib), lib.zeros(0)], dim=1),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]}, id='cat_legacy_empty_skipped'),
    pytest.param(lambda lib: lib.cat([lib.zeros(0, dtype=lib.float64), m23(lib)]),
                 {'dtype': 'float64', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]}, id='cat_legacy_empty_promotes'),
    pytest.param(lambda lib: lib.cat([lib.zeros(0), lib.zeros(0)]),
                 {'dtype': 'float32', 'values': []}, id='cat_two_empty'),
    pytest.param(lambda lib: lib.cat([lib.zeros(2, 0), m23(lib)], 1),
                 {'dtype': 'float32', 'values': [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]}, id='cat_empty_dim'),
    pytest.param(lambda lib: lib.cat([m23(lib).t(), m23(lib).t()], 1),
                 {'dtype': 'float32', 'values': [[0.0, 3.0, 0.0, 3.0], [1.0, 4.0, 1.0, 4.0], [2.0, 5.0, 2.0, 5.0]]}, id='cat_transposed'),
    pytest.param(lambda lib: lib.cat([m23(lib).t(), m23(lib).t()], 1).is_contiguous(),
                 True, id='cat_transposed_contiguous'),
    pytest.param(lambda lib: lib.cat([lib.tensor([i]) for i in range(7)]),
                 {'dtype': 'int64', 'values': [0, 1, 2, 3, 4, 5, 6]}, id='cat_many'),
    pytest.param(lambda lib: lib.cat([lib.tensor([1, 2]), lib.tensor([1.5])]).dtype,
                 'float32', id='cat_dtype_int_float'),
    pytest.param(lambda lib: lib.stack([m23(lib), m23(lib) * 2]),
                 {'dtype': 'float32', 'values': [[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], [[0.0, 2.0, 4.0], [6.0, 8.0, 10.0]]]}, id='stack_dim0'),
    pytest.param(lambda lib: lib.stack([m23(lib), m23(lib) * 2, m23(lib) * 3], axis=1),
                 {'dtype': 'float32', 'values': [[[0.0, 1.0, 2.0], [0.0, 2.0, 4.0], [0.0, 3.0, 6.0]], [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0], [9.0, 12.0, 15.0]]]}, id='stack_axis1'),
    pytest.param(lambda lib: lib.stack([m23(lib), m23(lib)], -1).shape,
                 [2, 3, 2], id='stack_neg'),
    pytest.param(lambda lib: lib.stack([lib.tensor(1.), lib.tensor(2)]),
                 {'dtype': 'float32', 'values': [1.0, 2.0]}, id='stack_0d'),
    pytest.param(lambda lib: lib.stack([lib.tensor([1, 2])]),
                 {'dtype': 'int64', 'values': [[1, 2]]}, id='stack_one'),
    pytest.param(lambda lib: lib.stack([lib.zeros(0), lib.zeros(0)], 1).shape,
                 [0, 2], id='stack_empty'),
    pytest.param(lambda lib: lib.arange(5).split(2),
                 [{'dtype': 'int64', 'values': [0, 1]}, {'dtype': 'int64', 'values': [2, 3]}, {'dtype': 'int64', 'values': [4]}], id='split_int'),
    pytest.param(lambda lib: m23(lib).split(2, dim=1),
                 [{'dtype': 'float32', 'values': [[0.0, 1.0], [3.0, 4.0]]}, {'dtype': 'float32', 'values': [[2.0], [5.0]]}], id='split_int_dim'),
    pytest.param(lambda lib: lib.split(m23(lib), split_size_or_sections=[1, 0, 2], dim=-1),
                 [{'dtype': 'float32', 'values': [[0.0], [3.0]]}, {'dtype': 'float32', 'values': [[], []]}, {'dtype': 'float32', 'values': [[1.0, 2.0], [4.0, 5.0]]}], id='split_sizes'),
    pytest.param(lambda lib: lib.arange(3).split(5),
                 [{'dtype': 'int64', 'values': [0, 1, 2]}], id='split_bigger_than_dim'),
    pytest.param(lambda lib: lib.zeros(0, 2).split(3),
                 [{'dtype': 'float32', 'values': []}], id='split_empty_dim'),
    pytest.param(lambda lib: lib.zeros(0).split(0),
                 [{'dtype': 'float32', 'values': []}], id='split_zero_of_empty'),
    pytest.param(lambda lib: tuple(p.shape for p in m23(lib).split(split_size=1, dim=0)),
                 [[1, 3], [1, 3]], id='split_method_keyword'),
    pytest.param(lambda lib: m23(lib).t().split(2),
                 [{'dtype': 'float32', 'values': [[0.0, 3.0], [1.0, 4.0]]}, {'dtype': 'float32', 'values': [[2.0, 5.0]]}], id='split_transposed'),
    pytest.param(lambda lib: lib.arange(6).chunk(3),
                 [{'dtype': 'int64', 'values': [0, 1]}, {'dtype': 'int64', 'values': [2, 3]}, {'dtype': 'int64', 'values': [4, 5]}], id='chunk_even'),
    pytest.param(lambda lib: lib.arange(5).chunk(3),
                 [{'dtype': 'int64', 'values': [0, 1]}, {'dtype': 'int64', 'values': [2, 3]}, {'dtype': 'int64', 'values': [4]}], id='chunk_uneven'),
    pytest.param(lambda lib: [c.shape[0] for c in lib.arange(6).chunk(4)],
                 [2, 2, 2], id='chunk_fewer_pieces'),
    pytest.param(lambda lib: [c.shape[0] for c in lib.arange(6).chunk(10)],
                 [1, 1, 1, 1, 1, 1], id='chunk_more_than_size'),
    pytest.param(lambda lib: [c.shape[0] for c in lib.arange(11).chunk(4)],
                 [3, 3, 3, 2], id='chunk_11_by_4'),
    pytest.param(lambda lib: lib.chunk(m23(lib), 2, axis=1),
                 [{'dtype': 'float32', 'values': [[0.0, 1.0], [3.0, 4.0]]}, {'dtype': 'float32', 'values': [[2.0], [5.0]]}], id='chunk_axis'),
    pytest.param(lambda lib: tuple(c.shape for c in lib.zeros(2, 0).chunk(3, 1)),
                 [[2, 0], [2, 0], [2, 0]], id='chunk_empty'),
    pytest.param(lambda lib: m23(lib).narrow(1, 1, 2),
                 {'dtype': 'float32', 'values': [[1.0, 2.0], [4.0, 5.0]]}, id='narrow'),
    pytest.param(lambda lib: lib.narrow(m23(lib), -1, -1, 1),
                 {'dtype': 'float32', 'values': [[2.0], [5.0]]}, id='narrow_negative'),
    pytest.param(lambda lib: m23(lib).narrow(1, 3, 0).shape,
                 [2, 0], id='narrow_empty_at_end'),
    pytest.param(lambda lib: m23(lib).narrow(0, lib.tensor(1), 1),
                 {'dtype': 'float32', 'values': [[3.0, 4.0, 5.0]]}, id='narrow_tensor_start'),
    pytest.param(lambda lib: lib.cat([m23(lib).requires_grad_(), m23(lib)]).grad_fn.name(),
                 'CatBackward0', id='name_cat'),
    pytest.param(lambda lib: lib.cat([m23(lib).requires_grad_()]).grad_fn.name(),
                 'CatBackward0', id='name_cat_one'),
    pytest.param(lambda lib: lib.stack([m23(lib).requires_grad_(), m23(lib), m23(lib)]).grad_fn.name(),
                 'StackBackward0', id='name_stack'),
    pytest.param(lambda lib: [p.grad_fn.name() for p in m23(lib).requires_grad_().split(2, 1)],
                 ['SplitBackward0', 'SplitBackward0'], id='name_split'),
    pytest.param(lambda lib: [p.grad_fn.name() for p in m23(lib).requires_grad_().split([2, 1], 1)],
                 ['SplitWithSizesBackward0', 'SplitWithSizesBackward0'], id='name_split_sizes'),
    pytest.param(lambda lib: [p.grad_fn.name() for p in m23(lib).requires_grad_().chunk(2, 1)],
                 ['SplitBackward0', 'SplitBackward0'], id='name_chunk'),
    pytest.param(lambda lib: [p.grad_fn.name() for p in lib.zeros(0, requires_grad=True).chunk(2)],
                 ['SplitWithSizesBackward0', 'SplitWithSizesBackward0'], id='name_chunk_empty'),
    pytest.param(lambda lib: m23(lib).requires_grad_().narrow(1, 0, 1).grad_fn.name(),
                 'SliceBackward0', id='name_narrow'),
    pytest.param(lambda lib: m23(lib).split(2, dim=1)[1].stride(),
                 [3, 1], id='split_stride'),
    pytest.param(lambda lib: type(m23(lib).split(1)).__name__,
                 'tuple', id='split_pieces_are_tuple'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (1, 2)),
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 1.0, 2.0, 3.0, 0.0, 0.0], [0.0, 4.0, 5.0, 6.0, 7.0, 0.0, 0.0], [0.0, 8.0, 9.0, 10.0, 11.0, 0.0, 0.0]]]}, id='pad_constant'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (1, 0, 0, 1), value=-1.5),
                 {'dtype': 'float32', 'values': [[[-1.5, 0.0, 1.0, 2.0, 3.0], [-1.5, 4.0, 5.0, 6.0, 7.0], [-1.5, 8.0, 9.0, 10.0, 11.0], [-1.5, -1.5, -1.5, -1.5, -1.5]]]}, id='pad_constant_value'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 1), (1, 0, 0, 1)),
                 {'dtype': 'float32', 'values': [[0.0, 1.0], [0.0, 0.0]]}, id='pad_constant_all_dims'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (-1, 1, 0, -2)),
                 {'dtype': 'float32', 'values': [[[1.0, 2.0, 3.0, 0.0]]]}, id='pad_constant_crop'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (-4, 0)).shape,
                 [1, 3, 0], id='pad_constant_crop_all'),
    pytest.param(lambda lib: F_pad(lib)(lib.tensor([1, 2], dtype=lib.int32), (1, 1), value=2.7),
                 {'dtype': 'int32', 'values': [2, 1, 2, 2]}, id='pad_constant_int_value_truncates'),
    pytest.param(lambda lib: F_pad(lib)(lib.tensor([True, False]), (1, 0), value=1),
                 {'dtype': 'bool', 'values': [True, True, False]}, id='pad_constant_bool'),
    pytest.param(lambda lib: F_pad(lib)(lib.tensor(3.), ()),
                 {'dtype': 'float32', 'values': 3.0}, id='pad_constant_0d'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), [0, 1], 'constant', 5),
                 {'dtype': 'float32', 'values': [[[0.0, 1.0, 2.0, 3.0, 5.0], [4.0, 5.0, 6.0, 7.0, 5.0], [8.0, 9.0, 10.0, 11.0, 5.0]]]}, id='pad_constant_list'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib).transpose(1, 2), (1, 1)),
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 4.0, 8.0, 0.0], [0.0, 1.0, 5.0, 9.0, 0.0], [0.0, 2.0, 6.0, 10.0, 0.0], [0.0, 3.0, 7.0, 11.0, 0.0]]]}, id='pad_constant_transposed'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (2, 3), mode='reflect'),
                 {'dtype': 'float32', 'values': [[[2.0, 1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 3.0, 2.0, 1.0]]]}, id='pad_reflect'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (1, 1, 2, 1), mode='reflect'),
                 {'dtype': 'float32', 'values': [[[9.0, 8.0, 9.0, 10.0, 11.0, 10.0], [5.0, 4.0, 5.0, 6.0, 7.0, 6.0], [1.0, 0.0, 1.0, 2.0, 3.0, 2.0], [5.0, 4.0, 5.0, 6.0, 7.0, 6.0], [9.0, 8.0, 9.0, 10.0, 11.0, 10.0], [5.0, 4.0, 5.0, 6.0, 7.0, 6.0]]]}, id='pad_reflect_2d'),
    pytest.param(lambda lib: F_pad(lib)(lib.arange(8.).reshape(1, 2, 2, 2), (1, 0, 0, 1, 1, 0), mode='reflect'),
                 {'dtype': 'float32', 'values': [[[[5.0, 4.0, 5.0], [7.0, 6.0, 7.0], [5.0, 4.0, 5.0]], [[1.0, 0.0, 1.0], [3.0, 2.0, 3.0], [1.0, 0.0, 1.0]], [[5.0, 4.0, 5.0], [7.0, 6.0, 7.0], [5.0, 4.0, 5.0]]]]}, id='pad_reflect_3d'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (-3, 4), mode='reflect'),
                 {'dtype': 'float32', 'values': [[[3.0, 4.0, 3.0, 2.0, 1.0, 0.0]]]}, id='pad_reflect_crop'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (1, 1), mode='reflect', value=0),
                 {'dtype': 'float32', 'values': [[[1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 3.0]]]}, id='pad_reflect_value_zero'),
    pytest.param(lambda lib: F_pad(lib)(m23(lib), (2, 2), mode='reflect'),
                 {'dtype': 'float32', 'values': [[2.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0], [5.0, 4.0, 3.0, 4.0, 5.0, 4.0, 3.0]]}, id='pad_reflect_2d_input'),
    pytest.param(lambda lib: F_pad(lib)(lib.arange(3).reshape(1, 3), (1, 1), mode='reflect'),
                 {'dtype': 'int64', 'values': [[1, 0, 1, 2, 1]]}, id='pad_reflect_int'),
    pytest.param(lambda lib: F_pad(lib)(lib.zeros(0, 2, 3), (1, 1), mode='reflect').shape,
                 [0, 2, 5], id='pad_reflect_empty_batch'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (2, 3), mode='replicate'),
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 4.0]]]}, id='pad_replicate'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (1, 2, 0, 1), mode='replicate'),
                 {'dtype': 'float32', 'values': [[[0.0, 0.0, 1.0, 2.0, 3.0, 3.0, 3.0], [4.0, 4.0, 5.0, 6.0, 7.0, 7.0, 7.0], [8.0, 8.0, 9.0, 10.0, 11.0, 11.0, 11.0], [8.0, 8.0, 9.0, 10.0, 11.0, 11.0, 11.0]]]}, id='pad_replicate_2d'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (-6, 2), mode='replicate'),
                 {'dtype': 'float32', 'values': [[[4.0]]]}, id='pad_replicate_crop'),
    pytest.param(lambda lib: F_pad(lib)(lib.arange(8.).reshape(1, 1, 2, 2, 2), (1, 1, 0, 0, 1, 0), mode='replicate').shape,
                 [1, 1, 3, 2, 4], id='pad_replicate_3d'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (2, 3), mode='circular'),
                 {'dtype': 'float32', 'values': [[[3.0, 4.0, 0.0, 1.0, 2.0, 3.0, 4.0, 0.0, 1.0, 2.0]]]}, id='pad_circular'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (5, 0), mode='circular'),
                 {'dtype': 'float32', 'values': [[[0.0, 1.0, 2.0, 3.0, 4.0, 0.0, 1.0, 2.0, 3.0, 4.0]]]}, id='pad_circular_whole'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib), (1, 1, 1, 0), mode='circular'),
                 {'dtype': 'float32', 'values': [[[11.0, 8.0, 9.0, 10.0, 11.0, 8.0], [3.0, 0.0, 1.0, 2.0, 3.0, 0.0], [7.0, 4.0, 5.0, 6.0, 7.0, 4.0], [11.0, 8.0, 9.0, 10.0, 11.0, 8.0]]]}, id='pad_circular_2d'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (-1, 2), mode='circular'),
                 {'dtype': 'float32', 'values': [[[1.0, 2.0, 3.0, 4.0, 1.0, 2.0]]]}, id='pad_circular_crop_left'),
    pytest.param(lambda lib: F_pad(lib)(r115(lib), (2, -1), mode='circular'),
                 {'dtype': 'float32', 'values': [[[2.0, 3.0, 0.0, 1.0, 2.0, 3.0]]]}, id='pad_circular_crop_right'),
    pytest.param(lambda lib: F_pad(lib)(lib.tensor([[True, False]]), (1, 0), mode='circular'),
                 {'dtype': 'bool', 'values': [[False, True, False]]}, id='pad_circular_bool'),
    pytest.param(lambda lib: F_pad(lib)(lib.zeros(1, 0, 3), (1, 1), mode='circular').shape,
                 [1, 0, 5], id='pad_circular_empty_dim'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib).requires_grad_(), (1, 1)).grad_fn.name(),
                 'ConstantPadNdBackward0', id='name_pad_constant'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib).requires_grad_(), (1, 1), mode='reflect').grad_fn.name(),
                 'ReflectionPad1DBackward0', id='name_pad_reflect_1d'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib).requires_grad_(), (1, 1, 1, 1), mode='reflect').grad_fn.name(),
                 'ReflectionPad2DBackward0', id='name_pad_reflect_2d'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 2, 2, 2, requires_grad=True), (1, 1, 1, 1, 1, 1), mode='replicate').grad_fn.name(),
                 'ReplicationPad3DBackward0', id='name_pad_replicate_3d'),
    pytest.param(lambda lib: F_pad(lib)(m134(lib).requires_grad_(), (1, 1), mode='replicate').grad_fn.name(),
                 'ReplicationPad1DBackward0', id='name_pad_replicate_1d'),
]
JOIN_GRADS = [
    pytest.param(lambda lib, a, b: lib.cat([a, b, a], 1) * w12(lib).reshape(2, 6)[:, :5], [[[1.0, 2.0], [3.0, 4.0]], [[5.0], [6.0]]],
                 [[[5.0, 7.0], [17.0, 19.0]], [[3.0], [9.0]]], id='cat_three_reuse'),
    pytest.param(lambda lib, e, a: lib.cat([e, a]) * 2, [[], [[1.0, 2.0]]],
                 [[], [[2.0, 2.0]]], id='cat_legacy_empty_grad'),
    pytest.param(lambda lib, a, b: lib.stack([a, b], 1) * w12(lib)[:8].reshape(2, 2, 2), [[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]],
                 [[[1.0, 2.0], [5.0, 6.0]], [[3.0, 4.0], [7.0, 8.0]]], id='stack_weights'),
    pytest.param(lambda lib, a: a.split(2)[1] * 3, [[1.0, 2.0, 3.0, 4.0, 5.0]],
                 [[0.0, 0.0, 3.0, 3.0, 0.0]], id='split_unused_pieces_zero'),
    pytest.param(lambda lib, a: lib.cat(a.split([1, 3, 1])[::-1]) * w12(lib)[:5], [[1.0, 2.0, 3.0, 4.0, 5.0]],
                 [[5.0, 2.0, 3.0, 4.0, 1.0]], id='split_reordered'),
    pytest.param(lambda lib, a: a.chunk(3, 1)[2] * w12(lib)[:2].reshape(2, 1), [[[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0]]],
                 [[[0.0, 0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0, 2.0]]], id='chunk_last'),
    pytest.param(lambda lib, a: a.narrow(-1, 1, 2) * w12(lib)[:2], [[1.0, 2.0, 3.0, 4.0]],
                 [[0.0, 1.0, 2.0, 0.0]], id='narrow_grad'),
    pytest.param(lambda lib, a: F_pad(lib)(a, (1, -1)) * w12(lib)[:3], [[1.0, 2.0, 3.0]],
                 [[2.0, 3.0, 0.0]], id='pad_constant_grad'),
    pytest.param(lambda lib, a: F_pad(lib)(a, (2, 3)) * 0 + F_pad(lib)(a, (2, 3), mode='reflect') * w12(lib)[:9], [[[1.0, 2.0, 3.0, 4.0]]],
                 [[[12.0, 14.0, 13.0, 6.0]]], id='pad_reflect_grad'),
    pytest.param(lambda lib, a: F_pad(lib)(a, (2, 1, 1, 0), mode='replicate') * w12(lib)[:10].reshape(2, 5), [[[[1.0, 2.0]]]],
                 [[[[27.0, 28.0]]]], id='pad_replicate_grad'),
    pytest.param(lambda lib, a: F_pad(lib)(a, (3, 1), mode='circular') * w12(lib)[:7], [[[1.0, 2.0, 3.0]]],
                 [[[12.0, 7.0, 9.0]]], id='pad_circular_grad'),
    pytest.param(lambda lib, a: F_pad(lib)(a, (-1, 2), mode='circular') * w12(lib)[:5], [[[1.0, 2.0, 3.0, 4.0]]],
                 [[[0.0, 5.0, 7.0, 3.0]]], id='pad_circular_crop_grad'),
    pytest.param(lambda lib, a: a.float().double() * 2, [[1.0, 2.0]],
                 [[2.0, 2.0]], id='cast_float_to_double_grad'),
]
# (expression, exception type, words jitgrad's message must contain: torch's own, except for an
# over-long crop and a replicate pad that leaves nothing, where torch's words are about internals)
JOIN_ERRORS = [
    pytest.param(lambda lib: lib.cat([]), ValueError, 'cat(): expected a non-empty list of Tensors', id='cat_empty_list'),
    pytest.param(lambda lib: lib.cat(lib.ones(2, 3)), TypeError, "cat(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor", id='cat_not_a_sequence'),
    pytest.param(lambda lib: lib.cat([lib.ones(2, 3), 1.0]), TypeError, 'expected Tensor as element 1 in argument 0, but got float', id='cat_not_a_tensor'),
    pytest.param(lambda lib: lib.cat([lib.ones(2, 3), lib.tensor(1.)]), RuntimeError, 'zero-dimensional tensor (at position 1) cannot be concatenated', id='cat_0d'),
    pytest.param(lambda lib: lib.cat([lib.ones(2, 3), lib.ones(3)]), RuntimeError, 'Tensors must have same number of dimensions: got 2 and 1', id='cat_ndim'),
    pytest.param(lambda lib: lib.cat([lib.ones(2, 3), lib.ones(2, 4)]), RuntimeError, 'Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.', id='cat_sizes'),
    pytest.param(lambda lib: lib.cat([lib.ones(2, 3), lib.ones(3, 3)], dim=1), RuntimeError, 'Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.', id='cat_sizes_dim1'),
    pytest.param(lambda lib: lib.cat([lib.ones(2, 3), lib.ones(2, 3)], 2), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)', id='cat_dim_range'),
    pytest.param(lambda lib: lib.stack([]), RuntimeError, 'stack expects a non-empty TensorList', id='stack_empty_list'),
    pytest.param(lambda lib: lib.stack([lib.ones(2, 3), lib.ones(3, 2)]), RuntimeError, 'stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1', id='stack_sizes'),
    pytest.param(lambda lib: lib.stack([lib.ones(2, 3)], 3), IndexError, 'Dimension out of range (expected to be in range of [-3, 2], but got 3)', id='stack_dim_range'),
    pytest.param(lambda lib: lib.tensor(1.).split(1), RuntimeError, 'split expects at least a 1-dimensional tensor', id='split_0d'),
    pytest.param(lambda lib: lib.ones(2, 3).split(-1), RuntimeError, 'split expects split_size be non-negative, but got split_size=-1', id='split_negative'),
    pytest.param(lambda lib: lib.ones(2, 3).split(0, 1), RuntimeError, 'split_size can only be 0 if dimension size is 0, but got dimension size of 3', id='split_zero'),
    pytest.param(lambda lib: lib.ones(2, 3).split([1, 1], 1), RuntimeError, "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]", id='split_sizes_sum'),
    pytest.param(lambda lib: lib.ones(2, 3).split([2, -1, 2], 1), RuntimeError, 'split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[2, -1, 2]', id='split_sizes_negative'),
    pytest.param(lambda lib: lib.ones(2, 3).split(1, 2), IndexError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)', id='split_dim_range'),
    pytest.param(lambda lib: lib.tensor(1.).chunk(1), RuntimeError, 'chunk expects at least a 1-dimensional tensor', id='chunk_0d'),
    pytest.param(lambda lib: lib.ones(2, 3).chunk(0), RuntimeError, 'chunk expects `chunks` to be greater than 0, got: 0', id='chunk_zero'),
    pytest.param(lambda lib: lib.ones(2, 3).chunk(2.0), TypeError, "chunk(): argument 'chunks' must be int, not float", id='chunk_float'),
    pytest.param(lambda lib: lib.tensor(1.).narrow(0, 0, 1), RuntimeError, 'narrow() cannot be applied to a 0-dim tensor.', id='narrow_0d'),
    pytest.param(lambda lib: lib.ones(2, 3).narrow(1, -4, 1), IndexError, 'start out of range (expected to be in range of [-3, 3], but got -4)', id='narrow_start_range'),
    pytest.param(lambda lib: lib.ones(2, 3).narrow(1, 0, -1), RuntimeError, 'narrow(): length must be non-negative.', id='narrow_length_negative'),
    pytest.param(lambda lib: lib.ones(2, 3).narrow(1, 2, 2), RuntimeError, 'start (2) + length (2) exceeds dimension size (3).', id='narrow_too_long'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (1,)), RuntimeError, 'Padding length must be divisible by 2', id='pad_odd'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (1, 1, 1, 1, 1, 1)), RuntimeError, 'Padding length should be less than or equal to two times the input dimension but got padding length 6 and input of dimension 2', id='pad_too_long'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (1.0, 1)), TypeError, "pad(): argument 'pad' (position 2) must be tuple of ints, but found element of type float at pos 0", id='pad_float'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), lib.tensor([1, 1])), TypeError, "pad(): argument 'pad' (position 2) must be tuple of ints, not Tensor", id='pad_tensor'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (1, 1), mode='edge'), NotImplementedError, 'Unrecognised padding mode edge', id='pad_mode'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (1, 1), mode='reflect', value=1.0), RuntimeError, 'Padding mode "reflect" doesn\'t take in value argument', id='pad_value_nonconstant'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 2, 3), (3, 0), mode='reflect'), RuntimeError, 'Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 0) at dimension 2 of input [1, 2, 3]', id='pad_reflect_too_big'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 2, 3), (1, 1, 2, 1), mode='reflect'), RuntimeError, 'Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (2, 1) at dimension 1 of input [1, 2, 3]', id='pad_reflect_too_big_h'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(3), (1, 1), mode='reflect'), NotImplementedError, 'Padding size 2 is not supported for 1D input tensor.', id='pad_reflect_dims'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 2, 3, 4), (1, 1), mode='replicate'), NotImplementedError, 'Padding size 2 is not supported for 4D input tensor.', id='pad_replicate_dims'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (1, 1, 1, 1), mode='circular'), NotImplementedError, 'Padding size 4 is not supported for 2D input tensor.', id='pad_circular_dims'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 0, 3), (1, 1), mode='reflect'), RuntimeError, 'Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [1, 0, 3]', id='pad_reflect_empty'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 1, 0, 4), (1, 1, 1, 1), mode='replicate'), RuntimeError, 'Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [1, 1, 0, 4]', id='pad_replicate_empty'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 2, 3), (4, 0), mode='circular'), RuntimeError, 'Padding value causes wrapping around more than once.', id='pad_circular_wraps_twice'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(2, 3), (-4, 0)), RuntimeError, 'negative pads crop at most the whole dim', id='pad_constant_crops_too_much'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 1, 5), (-7, 2), mode='replicate'), RuntimeError, 'is too small for padding (-7, 2). Calculated output size: 0', id='pad_replicate_output_empty'),
    pytest.param(lambda lib: F_pad(lib)(lib.ones(1, 2, dtype=lib.bool), (1, 1), mode='reflect'), NotImplementedError, '"reflection_pad1d" not implemented for \'Bool\'', id='pad_reflect_bool'),
]


@pytest.mark.parametrize("fn, expected", JOIN_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", JOIN_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


@pytest.mark.parametrize("fn, error, words", JOIN_ERRORS)
def test_errors_match_torch(fn, error, words):
    with pytest.raises(error) as raised:
        fn(jg)
    assert words in str(raised.value)


# ------------------------------------------------------------------ views share memory, copies do not
@pytest.mark.parametrize("make_pieces", [
    lambda x: x.split(2), lambda x: x.split([1, 3, 2]), lambda x: x.chunk(3), lambda x: jg.chunk(x, 4),
    lambda x: (x.narrow(0, 1, 4),), lambda x: x.reshape(2, 3).split(1, dim=1)])
def test_pieces_are_views_of_their_base(make_pieces):
    x = jg.zeros(6)
    pieces = make_pieces(x)
    x.fill_(7.0)
    assert all((p == 7.0).numpy().all() for p in pieces)
    pieces[-1].fill_(1.0)                   # and writes through a piece reach the base
    assert x.numpy().min() == 1.0
    assert all(p._version_count == x._version_count == 2 for p in pieces)   # one counter for all


@pytest.mark.parametrize("join", [lambda x: jg.cat([x, x]), lambda x: jg.cat([x]), lambda x: jg.stack([x, x]),
                                  lambda x: pad(x, (0, 0)), lambda x: pad(x, (1, 1), mode="reflect")])
def test_joins_and_pads_copy(join):
    x = jg.zeros(2, 3)
    joined = join(x)
    x.fill_(7.0)
    assert (joined == 0.0).numpy().all() and joined.is_contiguous()


def test_changing_the_base_after_split_invalidates_a_saved_piece():
    x = jg.ones(4, requires_grad=True)
    y = x * 1
    first, _ = y.split(2)
    loss = (first * first).sum()            # mul saves `first`, a view of y
    y.add_(1.0)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


def test_split_of_a_non_leaf_gives_each_piece_its_own_gradient():
    x = jg.arange(1.0, 7.0, dtype=jg.float64, requires_grad=True)
    a, b, c = (x * 2).chunk(3)
    (a.sum() + 10 * c.sum()).backward()     # b unused: its part of the gradient is zero
    assert x.grad.tolist() == [2.0, 2.0, 0.0, 0.0, 20.0, 20.0]


def test_cat_gradients_come_back_in_each_inputs_dtype():
    a = jg.tensor([1.0, 2.0], requires_grad=True)                     # float32
    b = jg.tensor([3.0], dtype=jg.float64, requires_grad=True)
    out = jg.cat([a, b, jg.tensor([4])])
    assert out.dtype is jg.float64
    (out * jg.tensor([1.0, 2.0, 3.0, 4.0], dtype=jg.float64)).sum().backward()
    assert a.grad.dtype is jg.float32 and a.grad.tolist() == [1.0, 2.0]
    assert b.grad.dtype is jg.float64 and b.grad.tolist() == [3.0]


def test_cat_of_many_tensors_is_one_value_with_one_gradient_each():
    xs = [jg.tensor([float(i)], requires_grad=True) for i in range(9)]
    out = jg.cat(xs)
    assert out.tolist() == [float(i) for i in range(9)] and out.grad_fn.name() == "CatBackward0"
    (out * jg.arange(9.0)).sum().backward()
    assert [x.grad.item() for x in xs] == [float(i) for i in range(9)]


def test_pad_takes_torchs_keywords_and_positions():
    x = jg.arange(3.0).reshape(1, 3)
    assert pad(input=x, pad=(1, 0), mode="constant", value=9.0).tolist() == [[9.0, 0.0, 1.0, 2.0]]
    assert pad(x, [0, 1], "replicate").tolist() == [[0.0, 1.0, 2.0, 2.0]]
    assert pad(x, (0, 1), "reflect", 0).tolist() == [[0.0, 1.0, 2.0, 1.0]]   # value 0 is allowed


def test_second_order_gradients_of_pads():
    x = jg.arange(1.0, 5.0, dtype=jg.float64).reshape(1, 4).requires_grad_()
    y = pad(x, (2, 1), mode="reflect")
    (g,) = jg.autograd.grad((y * y).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "ReflectionPad1DBackwardBackward0"      # torch's name too
    (h,) = jg.autograd.grad(g.sum(), x)
    # g = 2 P^T P x, so h = 2 P^T P 1: twice how often padding reads each element (torch agrees)
    assert h.tolist() == [[2.0, 4.0, 6.0, 2.0]]
    (g,) = jg.autograd.grad((pad(x, (2, 1)) ** 2).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "ConstantPadNdBackward0"                # a crop is a constant pad


def test_seed_tutorial_join_and_split():
    a = jg.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = jg.tensor([[5.0, 6.0], [7.0, 8.0]])
    c = jg.tensor([[9.0, 10.0], [11.0, 12.0]])
    abc_cat = jg.cat([a, b, c], dim=0)
    assert abc_cat.shape == (6, 2) and repr(abc_cat.shape) == "jitgrad.Size([6, 2])"
    assert jg.stack([a, b, c], axis=0).shape == (3, 2, 2)
    assert jg.cat([a, b, c], axis=1).tolist() == [[1.0, 2.0, 5.0, 6.0, 9.0, 10.0], [3.0, 4.0, 7.0, 8.0, 11.0, 12.0]]
    assert jg.stack([a, b, c], axis=1).tolist() == [[[1.0, 2.0], [5.0, 6.0], [9.0, 10.0]],
                                                   [[3.0, 4.0], [7.0, 8.0], [11.0, 12.0]]]
    x, y, z = jg.split(abc_cat, split_size_or_sections=2, dim=0)
    assert repr(z) == "tensor([[ 9., 10.],\n        [11., 12.]])"
    p, q, r = jg.split(abc_cat, split_size_or_sections=[4, 1, 1], dim=0)
    assert repr(p) == "tensor([[1., 2.],\n        [3., 4.],\n        [5., 6.],\n        [7., 8.]])"
    assert repr(q) == "tensor([[ 9., 10.]])" and repr(r) == "tensor([[11., 12.]])"
    row = jg.tensor([1, 2, 3])
    assert (jg.cat([row[None, :]] * 3, dim=0) + jg.tensor([[0], [1], [2]])).tolist() == [[1, 2, 3], [2, 3, 4],
                                                                                     [3, 4, 5]]
    assert pad(jg.diag(jg.tensor([1.0, 2.0])), (0, 0, 0, 1)).tolist() == [[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]]


def test_circular_pads_wrap_at_most_once_around_what_is_left():
    # torch answers these with overlapping copies (undefined values, gradients that miss terms)
    x = jg.arange(4.0).reshape(1, 1, 4)
    assert pad(x, (-1, 3), mode="circular").tolist() == [[[1.0, 2.0, 3.0, 1.0, 2.0, 3.0]]]
    with pytest.raises(RuntimeError, match="wrapping around more than once"):
        pad(x, (-2, 3), mode="circular")
    with pytest.raises(RuntimeError, match="wrapping around more than once"):
        pad(x, (2, -3), mode="circular")


# ------------------------------------------------------------ one node for many inputs / outputs
def test_cat_and_stack_of_many_tensors_are_one_node_each():
    xs = [jg.randn(2, 3, requires_grad=True) for _ in range(5)]
    for joined, name in ((jg.cat(xs, 1), "CatBackward0"), (jg.stack(xs, 0), "StackBackward0")):
        assert joined.grad_fn.name() == name
        assert [fn.variable for fn, _ in joined.grad_fn.next_functions] == xs
    weights = np.arange(30.0).reshape(2, 15)
    (jg.cat(xs, 1) * jg.tensor(weights)).sum().backward()
    for k, x in enumerate(xs):
        np.testing.assert_array_equal(x.grad.numpy(), weights[:, 3 * k:3 * k + 3])


def test_split_is_one_node_and_unused_pieces_get_zero_gradient():
    x = jg.arange(10.0).requires_grad_()
    pieces = x.split(3)
    assert len(pieces) == 4 and all(p.grad_fn is pieces[0].grad_fn for p in pieces)
    (pieces[1] * 2.0 + pieces[3].sum()).sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [0, 0, 0, 2, 2, 2, 0, 0, 0, 3])
    y = jg.arange(6.0)
    first, _ = y.split(3)
    first.add_(1.0)                          # a view: writes through, and bumps the base's version
    assert y.tolist() == [1, 2, 3, 3, 4, 5] and y._version_count == 1


def test_compiled_split_and_cat_match_eager():
    def f(x, y):
        a, b, c = x.split([1, 2, 1], dim=1)
        return (jg.cat([c, a * y, b], 1) * jg.stack([y, y, y, y], 1).squeeze(-1)).sum()
    x = jg.tensor(np.random.default_rng(2).standard_normal((3, 4)), requires_grad=True)
    y = jg.tensor(np.random.default_rng(3).standard_normal((3, 1)), requires_grad=True)
    x2, y2 = (jg.tensor(t.detach().numpy(), requires_grad=True) for t in (x, y))
    compiled = jg.compile(f)
    compiled(x, y).backward()
    f(x2, y2).backward()
    np.testing.assert_allclose(x.grad.numpy(), x2.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(y.grad.numpy(), y2.grad.numpy(), rtol=1e-12)
    ops = {d["op"] for _, d in next(iter(compiled.entries.values())).forward_graph.nodes(data=True) if "op" in d}
    assert {"split", "cat", "stack"} <= ops
