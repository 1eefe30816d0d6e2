"""default_collate, default_convert and collate(collate_fn_map=...): the batches, dtypes and
errors torch 2.13 gives for each kind of sample (recorded as literals; torch is not needed)."""
import collections

import numpy as np
import pytest

import jitgrad as jg
from jitgrad.utils.data import default_collate, default_convert
from jitgrad.utils.data.collate import collate, default_collate_fn_map

Point = collections.namedtuple("Point", "x y")

ERROR = "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found "


def check(out, values, dtype):
    assert isinstance(out, jg.Tensor) and out.dtype is dtype, (type(out), getattr(out, "dtype", None))
    assert out.tolist() == values


# (batch, torch's values, torch's dtype)
LEAF_CASES = [
    pytest.param([1, 2, 3], [1, 2, 3], jg.int64, id="ints-int64"),
    pytest.param([1.5, 2], [1.5, 2.0], jg.float64, id="floats-float64"),
    pytest.param([True, False], [True, False], jg.bool, id="bools-bool"),
    pytest.param([1, True], [1, 1], jg.int64, id="int-and-bool"),
    pytest.param([np.float32(1), np.float32(2)], [1.0, 2.0], jg.float32, id="np-float32-scalars"),
    pytest.param([np.int32(1), np.int32(2)], [1, 2], jg.int32, id="np-int32-scalars"),
    pytest.param([np.float64(1), np.float64(2)], [1.0, 2.0], jg.float64, id="np-float64-scalars"),
    pytest.param([np.bool_(1), np.bool_(0)], [True, False], jg.bool, id="np-bool-scalars"),
    pytest.param([np.array([1.0, 2.0], dtype=np.float32), np.array([3.0, 4.0], dtype=np.float32)],
                 [[1.0, 2.0], [3.0, 4.0]], jg.float32, id="np-arrays-stacked"),
    pytest.param([np.array([1, 2]), np.array([3, 4])], [[1, 2], [3, 4]], jg.int64, id="np-int-arrays"),
    pytest.param([np.array(1.5), np.array(2.5)], [1.5, 2.5], jg.float64, id="np-0d-arrays"),
    pytest.param([jg.ones(2), jg.zeros(2)], [[1.0, 1.0], [0.0, 0.0]], jg.float32, id="tensors-stacked"),
    pytest.param([jg.tensor(1.0), jg.tensor(2.0)], [1.0, 2.0], jg.float32, id="0d-tensors"),
    pytest.param(np.array([1, 2]), [1, 2], jg.int64, id="an-array-as-the-batch"),
]


@pytest.mark.parametrize("batch, values, dtype", LEAF_CASES)
def test_leaves_as_torch(batch, values, dtype):
    check(default_collate(batch), values, dtype)


def test_containers_as_torch():
    assert default_collate(["a", "b"]) == ["a", "b"]
    assert default_collate([b"a", b"b"]) == [b"a", b"b"]
    assert default_collate("abc") == "abc"
    out = default_collate([(1, "a"), (2, "b")])         # torch: [tensor([1, 2]), ('a', 'b')]
    assert isinstance(out, list) and out[1] == ("a", "b")
    check(out[0], [1, 2], jg.int64)
    out = default_collate([[1, 2], [3, 4]])             # position-wise: [tensor([1, 3]), tensor([2, 4])]
    check(out[0], [1, 3], jg.int64)
    check(out[1], [2, 4], jg.int64)
    out = default_collate([{"a": 1, "b": 2.0}, {"a": 3, "b": 4.0}])
    assert list(out) == ["a", "b"]
    check(out["a"], [1, 3], jg.int64)
    check(out["b"], [2.0, 4.0], jg.float64)
    out = default_collate([Point(1, 2.0), Point(3, 4.0)])
    assert type(out) is Point
    check(out.x, [1, 3], jg.int64)
    check(out.y, [2.0, 4.0], jg.float64)
    out = default_collate([collections.OrderedDict(a=1)])
    assert type(out) is collections.OrderedDict
    out = default_collate([{"a": [1, 2]}, {"a": [3, 4]}])
    check(out["a"][0], [1, 3], jg.int64)
    out = default_collate([(jg.ones(2), 1), (jg.zeros(2), 0)])   # the usual (features, label) sample
    check(out[0], [[1.0, 1.0], [0.0, 0.0]], jg.float32)
    check(out[1], [1, 0], jg.int64)


def test_stacking_keeps_autograd():
    w = jg.ones(2, requires_grad=True)
    out = default_collate([w * 2, w * 3])
    assert out.requires_grad and out.grad_fn.name() == "StackBackward0"
    out.sum().backward()
    assert w.grad.tolist() == [5.0, 5.0]


def test_errors_as_torch():
    cases = [([np.array(["a"]), np.array(["b"])], TypeError, ERROR + "<U1"),
             ([np.array([object()])], TypeError, ERROR + "object"),
             ([None, None], TypeError, ERROR + "<class 'NoneType'>"),
             ([object()], TypeError, ERROR + "<class 'object'>"),
             ([1 + 2j, 3j], TypeError, ERROR + "<class 'complex'>"),
             ([[1, 2], [3]], RuntimeError, "each element in list of batch should be of equal size"),
             ([(1, 2), (3,)], RuntimeError, "each element in list of batch should be of equal size"),
             ([jg.ones(2), jg.zeros(3)], RuntimeError,
              "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1"),
             (jg.tensor([1, 2]), TypeError,
              "stack(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor"),
             ([], IndexError, "list index out of range")]
    for batch, kind, message in cases:
        with pytest.raises(kind) as info:
            default_collate(batch)
        assert str(info.value) == message


def test_default_convert_as_torch():
    check(default_convert(np.array([1, 2])), [1, 2], jg.int64)
    check(default_convert(np.float32(3)), 3.0, jg.float32)
    assert default_convert(1) == 1 and default_convert(1.5) == 1.5 and default_convert("s") == "s"
    assert type(default_convert(np.str_("s"))) is np.str_
    strings = np.array(["a"])
    assert default_convert(strings) is strings
    t = jg.ones(1)
    assert default_convert(t) is t
    out = default_convert((np.array([1]), 2))           # a tuple becomes a list, as torch's
    assert isinstance(out, list) and out[1] == 2
    check(out[0], [1], jg.int64)
    out = default_convert({"a": np.array([1])})
    check(out["a"], [1], jg.int64)
    out = default_convert(Point(np.array(0), 3))
    assert type(out) is Point and out.y == 3
    check(out.x, 0, jg.int64)


def test_collate_with_a_custom_map():
    def tensors_as_lists(batch, *, collate_fn_map):
        return [t.tolist() for t in batch]

    table = {jg.Tensor: tensors_as_lists, **{k: v for k, v in default_collate_fn_map.items() if k is not jg.Tensor}}
    out = collate([(jg.ones(2), 1), (jg.zeros(2), 2)], collate_fn_map=table)
    assert out[0] == [[1.0, 1.0], [0.0, 0.0]]
    check(out[1], [1, 2], jg.int64)
