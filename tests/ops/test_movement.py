"""Movement (view) ops: reshape, view, transpose, t, permute, squeeze, unsqueeze, expand,
clone, contiguous, to — values, shapes, strides, memory sharing, gradients, torch's errors.

Torch-recorded tables (``*_VALUES``, ``*_GRADS``) were produced by evaluating each expression with
``lib=torch`` 2.x; torch is not needed to run these tests.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes

import jitgrad as jg

NAN, INF = float("nan"), float("inf")
rng = np.random.default_rng(77)


def U(*shape):
    return rng.uniform(-2, 2, shape)


W6 = jg.arange(6.0, dtype=jg.float64)   # a non-uniform weight, so the gradient shows the element order

# ------------------------------------------------------------------ gradient table
GRAD_CASES = [
    # to the GPU (Numba's CUDA simulator in the test suite) and back: the gradient comes home
    pytest.param("to_device", lambda a: a.cuda().exp().cpu() * W6, [U(6)], True, id="to-cuda-and-back"),
    pytest.param("reshape", lambda a: a.reshape(3, 2) ** 2, [U(2, 3)], True, id="reshape"),
    pytest.param("reshape", lambda a: jg.reshape(a, (-1,)) * W6, [U(2, 3)], True, id="reshape-infer"),
    pytest.param("reshape", lambda a: a.t().reshape(6) * W6, [U(2, 3)], True, id="reshape-transposed-copy"),
    pytest.param("reshape", lambda a: a.reshape(1, 1) * 2, [U()], True, id="reshape-0d"),
    pytest.param("view", lambda a: a.view(6) * W6, [U(2, 3)], True, id="view"),
    pytest.param("view", lambda a: a.view(2, -1, 1) ** 2, [U(2, 3)], True, id="view-infer"),
    pytest.param("reshape", lambda a: a.flatten() * W6, [U(2, 1, 3)], True, id="reshape-flatten"),
    pytest.param("transpose", lambda a: a.transpose(0, 1) ** 2, [U(2, 3)], True, id="transpose"),
    pytest.param("transpose", lambda a: a.transpose(-1, -3).reshape(-1) * jg.arange(12.0, dtype=jg.float64),
                 [U(2, 3, 2)], True, id="transpose-neg"),
    pytest.param("t", lambda a: a.t() @ jg.tensor([1.0, 2.0], dtype=jg.float64), [U(2, 3)], True, id="t"),
    pytest.param("t", lambda a: a.t() * 2, [U(3)], True, id="t-1d"),
    pytest.param("permute", lambda a: a.permute(2, 0, 1).reshape(-1) * jg.arange(12.0, dtype=jg.float64),
                 [U(2, 3, 2)], True, id="permute"),
    pytest.param("permute", lambda a: a.permute(-1, 0) ** 2, [U(2, 3)], True, id="permute-neg"),
    pytest.param("permute", lambda a: a.T ** 2, [U(2, 3)], True, id="permute-T"),
    pytest.param("unsqueeze", lambda a: a.unsqueeze(-1) * jg.tensor([1.0, 2.0], dtype=jg.float64), [U(2, 3)],
                 True, id="unsqueeze-neg"),
    pytest.param("unsqueeze", lambda a: a.unsqueeze(0) ** 2, [U()], True, id="unsqueeze-0d"),
    pytest.param("squeeze", lambda a: a.squeeze() ** 2, [U(1, 3, 1)], True, id="squeeze-all"),
    pytest.param("squeeze", lambda a: a.squeeze(-1) * jg.tensor([1.0, 2.0, 3.0], dtype=jg.float64),
                 [U(1, 3, 1)], True, id="squeeze-dim"),
    pytest.param("squeeze", lambda a: a.squeeze((0, 2)) ** 3, [U(1, 3, 1)], True, id="squeeze-dims"),
    pytest.param("expand", lambda a: a.expand(2, 3) * W6.reshape(2, 3), [U(2, 1)], True, id="expand"),
    pytest.param("expand", lambda a: a.expand(4, -1, 3) ** 2, [U(2, 1)], True, id="expand-new-dims"),
    pytest.param("expand", lambda a: a.expand_as(jg.zeros(2, 3)) ** 2, [U(3)], True, id="expand-as"),
    pytest.param("expand", lambda a: a.expand(3) * jg.tensor([1.0, 2.0, 3.0], dtype=jg.float64), [U()], True,
                 id="expand-0d"),
    pytest.param("clone", lambda a: a.clone() ** 2, [U(2, 3)], True, id="clone"),
    pytest.param("clone", lambda a: a.t().clone() * W6.reshape(3, 2), [U(2, 3)], True, id="clone-transposed"),
    pytest.param("contiguous", lambda a: a.t().contiguous() * W6.reshape(3, 2), [U(2, 3)], True,
                 id="contiguous"),
    pytest.param("to", lambda a: a.to(jg.float64, copy=True) ** 2, [U(2, 3)], True, id="to-copy"),
    pytest.param("to", lambda a: a.to(jg.float32).to(jg.float64) * 0 + a.to(jg.float64, copy=True), [U(3)], True,
                 id="to-float32-and-back"),
]

# ------------------------------------------------------------------ forward table
X234 = U(2, 3, 4)

FORWARD_CASES = [
    pytest.param("to_device", lambda a: a.cuda().cpu(), lambda a: a, [X234], id="to-cuda-and-back"),
    pytest.param("reshape", lambda a: a.reshape(4, -1), lambda a: a.reshape(4, -1), [X234], id="reshape"),
    pytest.param("reshape", lambda a: a.transpose(0, 2).reshape(-1), lambda a: a.transpose(2, 1, 0).reshape(-1),
                 [X234], id="reshape-noncontiguous"),
    pytest.param("view", lambda a: a.view(6, 4), lambda a: a.reshape(6, 4), [X234], id="view"),
    pytest.param("view", lambda a: a.view(()), lambda a: a.reshape(()), [U(1, 1)], id="view-to-0d"),
    pytest.param("transpose", lambda a: a.transpose(-1, 0), lambda a: a.transpose(2, 1, 0), [X234],
                 id="transpose-neg"),
    pytest.param("transpose", lambda a: a.swapaxes(0, 1), lambda a: a.swapaxes(0, 1), [X234], id="swapaxes"),
    pytest.param("t", lambda a: a.t(), lambda a: a.T, [U(2, 3)], id="t"),
    pytest.param("t", lambda a: a.t(), lambda a: a, [U(3)], id="t-1d"),
    pytest.param("permute", lambda a: a.permute(1, -1, 0), lambda a: a.transpose(1, 2, 0), [X234], id="permute"),
    pytest.param("permute", lambda a: a.T, lambda a: a.T, [U(2, 3)], id="permute-T"),
    pytest.param("unsqueeze", lambda a: a.unsqueeze(-2), lambda a: a[:, :, None, :], [X234], id="unsqueeze"),
    pytest.param("squeeze", lambda a: a.squeeze(), np.squeeze, [U(1, 3, 1)], id="squeeze"),
    pytest.param("squeeze", lambda a: a.squeeze(0), lambda a: a, [U(2, 3)], id="squeeze-size-not-one"),
    pytest.param("expand", lambda a: a.expand(2, 3, 4), lambda a: np.broadcast_to(a, (2, 3, 4)), [U(3, 1)],
                 id="expand"),
    pytest.param("clone", lambda a: a.clone(), lambda a: a.copy(), [X234], id="clone"),
    pytest.param("contiguous", lambda a: a.permute(2, 0, 1).contiguous(), lambda a: a.transpose(2, 0, 1).copy(),
                 [X234], id="contiguous"),
    pytest.param("to", lambda a: a.to(jg.float64, copy=True), lambda a: a.astype(np.float64), [X234], id="to-float64"),
    pytest.param("to", lambda a: a.to(jg.int64), lambda a: a.astype(np.int64), [U(2, 3) * 5], id="to-int64"),
    pytest.param("to", lambda a: a.bool(), lambda a: a.astype(bool), [np.array([0.0, -0.5, 2.0])], id="to-bool"),
]



# ------------------------------------------------------------------ any shape (hypothesis)
@settings(max_examples=25, deadline=None)
@given(shape=array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=3), data=st.data())
def test_permute_and_reshape_match_numpy(shape, data):
    a = np.arange(math.prod(shape), dtype=np.float64).reshape(shape)
    order = data.draw(st.permutations(range(len(shape))))
    target = data.draw(st.permutations(shape))
    x = jg.tensor(a, requires_grad=True)
    permuted = x.permute(*order)
    np.testing.assert_array_equal(permuted.detach().numpy(), a.transpose(order))
    reshaped = permuted.reshape(target)
    np.testing.assert_array_equal(reshaped.detach().numpy(), a.transpose(order).reshape(target))
    # the gradient undoes both: each element gets its own weight back in its original place
    weights = jg.tensor(np.arange(1.0, a.size + 1).reshape(target))
    (g,) = jg.autograd.grad((reshaped * weights).sum(), x)
    back = np.zeros(a.size)   # a holds each element's flat index, so a.transpose(order) says where each went
    back[a.transpose(order).reshape(-1).astype(int)] = np.arange(1.0, a.size + 1)
    np.testing.assert_array_equal(g.numpy(), back.reshape(shape))


# ------------------------------------------------------------------ recorded from torch
MOV_VALUES = [
    pytest.param(lambda lib: lib.arange(6).reshape(-1, 2),
                 {'dtype': 'int64', 'values': [[0, 1], [2, 3], [4, 5]]}, id='reshape_infer'),
    pytest.param(lambda lib: lib.arange(6).reshape((3, 2)),
                 {'dtype': 'int64', 'values': [[0, 1], [2, 3], [4, 5]]}, id='reshape_tuple'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3).t().reshape(6),
                 {'dtype': 'int64', 'values': [0, 3, 1, 4, 2, 5]}, id='reshape_transposed'),
    pytest.param(lambda lib: lib.tensor(5.).reshape(1, 1),
                 {'dtype': 'float32', 'values': [[5.0]]}, id='reshape_0d'),
    pytest.param(lambda lib: lib.tensor([5.]).view(()),
                 {'dtype': 'float32', 'values': 5.0}, id='view_to_0d'),
    pytest.param(lambda lib: lib.tensor(5.).view(-1),
                 {'dtype': 'float32', 'values': [5.0]}, id='view_0d_flat'),
    pytest.param(lambda lib: lib.arange(12).reshape(4, 3)[::2].view(2, 3, 1).shape,
                 [2, 3, 1], id='view_strided_ok'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3).t().view(3, 2, 1).shape,
                 [3, 2, 1], id='view_transposed_split'),
    pytest.param(lambda lib: lib.arange(6).view_as(lib.zeros(3, 2)),
                 {'dtype': 'int64', 'values': [[0, 1], [2, 3], [4, 5]]}, id='view_as'),
    pytest.param(lambda lib: lib.arange(6).reshape(1, 2, 3).transpose(-1, 0).shape,
                 [3, 2, 1], id='transpose_neg'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3).transpose(0, 1),
                 {'dtype': 'int64', 'values': [[0, 3], [1, 4], [2, 5]]}, id='transpose_values'),
    pytest.param(lambda lib: lib.arange(6).reshape(2, 3).swapaxes(0, 1).shape,
                 [3, 2], id='swapaxes'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4).permute(-1, 0, 1)[1],
                 {'dtype': 'int64', 'values': [[1, 5, 9], [13, 17, 21]]}, id='permute_neg'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4).permute((2, 0, 1)).shape,
                 [4, 2, 3], id='permute_tuple'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4).T.shape,
                 [4, 3, 2], id='T_prop'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4).mT.shape,
                 [2, 4, 3], id='mT_prop'),
    pytest.param(lambda lib: lib.tensor([1, 2]).t(),
                 {'dtype': 'int64', 'values': [1, 2]}, id='t_1d'),
    pytest.param(lambda lib: lib.tensor(5.).t(),
                 {'dtype': 'float32', 'values': 5.0}, id='t_0d'),
    pytest.param(lambda lib: lib.zeros(1, 2, 1).squeeze().shape,
                 [2], id='squeeze_all'),
    pytest.param(lambda lib: lib.zeros(2, 1).squeeze(0).shape,
                 [2, 1], id='squeeze_nonone_dim'),
    pytest.param(lambda lib: lib.zeros(2, 1).squeeze(-1).shape,
                 [2], id='squeeze_neg'),
    pytest.param(lambda lib: lib.zeros(1, 2, 1).squeeze((0, 2)).shape,
                 [2], id='squeeze_tuple'),
    pytest.param(lambda lib: lib.tensor(5.).squeeze(0),
                 {'dtype': 'float32', 'values': 5.0}, id='squeeze_0d'),
    pytest.param(lambda lib: lib.zeros(2, 3).unsqueeze(-1).shape,
                 [2, 3, 1], id='unsqueeze_neg'),
    pytest.param(lambda lib: lib.zeros(2, 3).unsqueeze(2).shape,
                 [2, 3, 1], id='unsqueeze_end'),
    pytest.param(lambda lib: lib.tensor(5.).unsqueeze(0),
                 {'dtype': 'float32', 'values': [5.0]}, id='unsqueeze_0d'),
    pytest.param(lambda lib: lib.tensor([[1], [2]]).expand(2, -1, 3),
                 {'dtype': 'int64', 'values': [[[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [2, 2, 2]]]}, id='expand_neg1'),
    pytest.param(lambda lib: lib.tensor(5.).expand(3),
                 {'dtype': 'float32', 'values': [5.0, 5.0, 5.0]}, id='expand_0d'),
    pytest.param(lambda lib: lib.tensor([1., 2.]).expand_as(lib.zeros(2, 2)),
                 {'dtype': 'float32', 'values': [[1.0, 2.0], [1.0, 2.0]]}, id='expand_as'),
    pytest.param(lambda lib: lib.broadcast_to(lib.tensor([1., 2.]), (3, 2)).shape,
                 [3, 2], id='broadcast_to'),
    pytest.param(lambda lib: lib.broadcast_tensors(lib.tensor([1., 2.]), lib.tensor([[0.], [1.], [2.]])),
                 [{'dtype': 'float32', 'values': [[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]]}, {'dtype': 'float32', 'values': [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]}], id='broadcast_tensors'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4).flatten(1).shape,
                 [2, 12], id='flatten'),
    pytest.param(lambda lib: lib.arange(24).reshape(2, 3, 4).flatten(-2, -1).shape,
                 [2, 12], id='flatten_neg'),
    pytest.param(lambda lib: lib.tensor(5.).flatten(),
                 {'dtype': 'float32', 'values': [5.0]}, id='flatten_0d'),
    pytest.param(lambda lib: lib.zeros(2, 3, 4).transpose(0, 2).stride(),
                 [1, 4, 12], id='strides_transposed'),
    pytest.param(lambda lib: lib.zeros(3, 1).expand(3, 4).stride(),
                 [1, 0], id='strides_expanded'),
    pytest.param(lambda lib: lib.zeros(2, 0, 3).stride(),
                 [3, 3, 1], id='strides_empty'),
    pytest.param(lambda lib: lib.zeros(2, 3).t().clone().stride(),
                 [1, 3], id='clone_keeps_strides'),
    pytest.param(lambda lib: lib.zeros(2, 3).t().contiguous().stride(),
                 [2, 1], id='contiguous_strides'),
    pytest.param(lambda lib: lib.zeros(2, 3).t().contiguous().is_contiguous(),
                 True, id='contiguous_flag'),
    pytest.param(lambda lib: lib.zeros(2, 3).t().is_contiguous(),
                 False, id='transposed_not_contiguous'),
    pytest.param(lambda lib: lib.tensor([1.7, -1.7]).to(lib.int64),
                 {'dtype': 'int64', 'values': [1, -1]}, id='to_int'),
    pytest.param(lambda lib: lib.tensor([0., 2., -0.5]).to(lib.bool),
                 {'dtype': 'bool', 'values': [False, True, True]}, id='to_bool'),
    pytest.param(lambda lib: lib.tensor([True, False]).float(),
                 {'dtype': 'float32', 'values': [1.0, 0.0]}, id='bool_to_float'),
    pytest.param(lambda lib: lib.tensor([1, 2]).double(),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='long_to_double'),
    pytest.param(lambda lib: lib.tensor([1.9, -1.9]).int(),
                 {'dtype': 'int32', 'values': [1, -1]}, id='int_cast'),
    pytest.param(lambda lib: (lambda x: x.to(lib.float32) is x)(lib.ones(2)),
                 True, id='to_same_is_self'),
    pytest.param(lambda lib: (lambda x: x.to(lib.float32, copy=True) is x)(lib.ones(2)),
                 False, id='to_copy_is_new'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().reshape(3, 2).grad_fn.name(),
                 'ViewBackward0', id='name_reshape'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().view(-1).grad_fn.name(),
                 'ViewBackward0', id='name_view'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().flatten().grad_fn.name(),
                 'ViewBackward0', id='name_flatten'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().view_as(lib.zeros(6)).grad_fn.name(),
                 'ViewBackward0', id='name_view_as'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().t().grad_fn.name(),
                 'TBackward0', id='name_t'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().transpose(0, 1).grad_fn.name(),
                 'TransposeBackward0', id='name_transpose'),
    pytest.param(lambda lib: lib.arange(24.).reshape(2, 3, 4).requires_grad_().permute(2, 0, 1).grad_fn.name(),
                 'PermuteBackward0', id='name_permute'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().T.grad_fn.name(),
                 'PermuteBackward0', id='name_T'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().mT.grad_fn.name(),
                 'TransposeBackward0', id='name_mT'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().unsqueeze(0).grad_fn.name(),
                 'UnsqueezeBackward0', id='name_unsqueeze'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().unsqueeze(0).squeeze().grad_fn.name(),
                 'SqueezeBackward0', id='name_squeeze_all'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().unsqueeze(0).squeeze(0).grad_fn.name(),
                 'SqueezeBackward1', id='name_squeeze_dim'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().unsqueeze(0).squeeze((0, 1)).grad_fn.name(),
                 'SqueezeBackward2', id='name_squeeze_dims'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().expand(2, 2, 3).grad_fn.name(),
                 'ExpandBackward0', id='name_expand'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().clone().grad_fn.name(),
                 'CloneBackward0', id='name_clone'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().t().contiguous().grad_fn.name(),
                 'CloneBackward0', id='name_contiguous'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().double().grad_fn.name(),
                 'ToCopyBackward0', id='name_double'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).requires_grad_().to(lib.float64).grad_fn.name(),
                 'ToCopyBackward0', id='name_to'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).reshape(shape=(3, 2)).shape,
                 [3, 2], id='reshape_shape_keyword'),
    pytest.param(lambda lib: lib.reshape(lib.arange(6.).reshape(2, 3), shape=(-1,)).shape,
                 [6], id='torch_reshape_keyword'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).view(size=(3, 2)).shape,
                 [3, 2], id='view_size_keyword'),
    pytest.param(lambda lib: lib.zeros(0, 3).reshape(3, -1).shape,
                 [3, 0], id='reshape_empty_infer'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).permute(dims=(1, 0)).shape,
                 [3, 2], id='permute_dims_keyword'),
    pytest.param(lambda lib: lib.permute(lib.arange(6.).reshape(2, 3), [1, 0]).shape,
                 [3, 2], id='torch_permute_list'),
    pytest.param(lambda lib: lib.ones(3, 1).expand(size=(2, 3, 4)).shape,
                 [2, 3, 4], id='expand_size_keyword'),
    pytest.param(lambda lib: lib.ones(3, 1).expand(3, 0).shape,
                 [3, 0], id='expand_zero'),
    pytest.param(lambda lib: lib.swapdims(lib.zeros(2, 3, 4), 0, 2).shape,
                 [4, 3, 2], id='swapdims'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).swapaxes(axis0=0, axis1=1).shape,
                 [3, 2], id='swapaxes_keywords'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).swapdims(0, 1).shape,
                 [3, 2], id='swapdims_method'),
    pytest.param(lambda lib: lib.squeeze(lib.zeros(1, 2), axis=0).shape,
                 [2], id='squeeze_axis'),
    pytest.param(lambda lib: lib.unsqueeze(lib.tensor([1.0, 2.0]), axis=0),
                 {'dtype': 'float32', 'values': [[1.0, 2.0]]}, id='unsqueeze_axis'),
    pytest.param(lambda lib: lib.zeros(2).unsqueeze(dim=-1).shape,
                 [2, 1], id='unsqueeze_dim_keyword'),
    pytest.param(lambda lib: (lambda x: x.flatten(1, 1) is x)(lib.ones(2, 3, 4)),
                 True, id='flatten_same_dim_is_self'),
    pytest.param(lambda lib: (lambda x: x.flatten() is x)(lib.ones(3)),
                 True, id='flatten_1d_is_self'),
    pytest.param(lambda lib: lib.zeros(2, 0, 3).flatten(1).shape,
                 [2, 0], id='flatten_empty'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).t().flatten(),
                 {'dtype': 'float32', 'values': [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]}, id='flatten_transposed'),
    pytest.param(lambda lib: (lambda x: x.contiguous() is x)(lib.ones(2, 3)),
                 True, id='contiguous_is_self'),
    pytest.param(lambda lib: (lambda x: x.contiguous() is x)(lib.ones(1, 3).t()),
                 True, id='contiguous_size_one_transposed_is_self'),
    pytest.param(lambda lib: lib.zeros(2, 3, 4).size(-2),
                 3, id='size_neg'),
    pytest.param(lambda lib: lib.zeros(2, 3, 4).size(),
                 [2, 3, 4], id='size_all'),
    pytest.param(lambda lib: (lib.zeros(2, 3, 4).dim(), lib.zeros(2, 3, 4).numel(), lib.tensor(1.).dim(), lib.tensor(1.).numel()),
                 [3, 24, 0, 1], id='dim_numel'),
    pytest.param(lambda lib: lib.numel(lib.ones(2, 3)),
                 6, id='numel_function'),
    pytest.param(lambda lib: lib.ones(2).type(),
                 'torch.FloatTensor', id='type_float'),
    pytest.param(lambda lib: lib.ones(2, dtype=lib.float64).type(),
                 'torch.DoubleTensor', id='type_double'),
    pytest.param(lambda lib: lib.tensor([1]).type(),
                 'torch.LongTensor', id='type_long'),
    pytest.param(lambda lib: lib.tensor([1], dtype=lib.int32).type(),
                 'torch.IntTensor', id='type_int'),
    pytest.param(lambda lib: lib.tensor([True]).type(),
                 'torch.BoolTensor', id='type_bool'),
    pytest.param(lambda lib: lib.tensor([1.7, -1.7]).type('torch.IntTensor'),
                 {'dtype': 'int32', 'values': [1, -1]}, id='type_cast_by_name'),
    pytest.param(lambda lib: lib.tensor([1, 2]).type(lib.float64),
                 {'dtype': 'float64', 'values': [1.0, 2.0]}, id='type_cast_by_dtype'),
    pytest.param(lambda lib: (lambda x: x.type(lib.float32) is x)(lib.ones(2)),
                 True, id='type_same_is_self'),
    pytest.param(lambda lib: lib.ones(2).to(float).dtype,
                 'float64', id='to_python_float_is_double'),
    pytest.param(lambda lib: lib.ones(2).to(int).dtype,
                 'int64', id='to_python_int_is_long'),
    pytest.param(lambda lib: lib.tensor([1.5]).to(lib.ones(1, dtype=lib.float64)),
                 {'dtype': 'float64', 'values': [1.5]}, id='to_other_tensor'),
    pytest.param(lambda lib: lib.tensor([1.5]).to('cpu', lib.int32),
                 {'dtype': 'int32', 'values': [1]}, id='to_device_and_dtype'),
    pytest.param(lambda lib: lib.tensor([1.5]).to(device='cpu', dtype=lib.float64),
                 {'dtype': 'float64', 'values': [1.5]}, id='to_keywords'),
    pytest.param(lambda lib: lib.tensor([1.5]).to(lib.device('cpu'), lib.int64),
                 {'dtype': 'int64', 'values': [1]}, id='to_device_object'),
    pytest.param(lambda lib: (lambda x: x.to(lib.float32, False, True) is x)(lib.ones(2)),
                 False, id='to_copy_flag'),
    pytest.param(lambda lib: lib.tensor([-2.9, 2.9, -0.5, 0.5]).long(),
                 {'dtype': 'int64', 'values': [-2, 2, 0, 0]}, id='truncate_toward_zero'),
    pytest.param(lambda lib: lib.tensor([-2.9, 2.9]).int(),
                 {'dtype': 'int32', 'values': [-2, 2]}, id='float_to_int32'),
    pytest.param(lambda lib: lib.tensor([float('nan'), float('inf'), -0.0, 1e-30]).bool(),
                 {'dtype': 'bool', 'values': [True, True, False, True]}, id='bool_of_special_floats'),
    pytest.param(lambda lib: lib.tensor([0, 3, -1]).bool(),
                 {'dtype': 'bool', 'values': [False, True, True]}, id='int_to_bool'),
    pytest.param(lambda lib: lib.tensor([True, False]).long(),
                 {'dtype': 'int64', 'values': [1, 0]}, id='bool_to_long'),
    pytest.param(lambda lib: lib.ones(2, requires_grad=True).int().requires_grad,
                 False, id='int_cast_has_no_grad'),
    pytest.param(lambda lib: lib.ones(2, requires_grad=True).bool().requires_grad,
                 False, id='bool_cast_has_no_grad'),
    pytest.param(lambda lib: lib.ones(2, requires_grad=True).double().requires_grad,
                 True, id='double_cast_has_grad'),
    pytest.param(lambda lib: lib.zeros(2, 3).t().double().stride(),
                 [1, 3], id='cast_keeps_layout'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).mT.shape,
                 [3, 2], id='mT_2d'),
]
MOV_GRADS = [
    pytest.param(lambda lib, a: a.expand(3, 2) * lib.tensor([[1.], [2.], [3.]], dtype=lib.float64), [[1.0, 2.0]],
                 [[6.0, 6.0]], id='expand_sums'),
    pytest.param(lambda lib, a: a.expand(2, 2, 3), [[[1.0], [2.0]]],
                 [[[6.0], [6.0]]], id='expand_new_dims'),
    pytest.param(lambda lib, a: a.permute(2, 0, 1) * lib.arange(8., dtype=lib.float64).reshape(2, 2, 2), [[[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]]],
                 [[[[0.0, 4.0], [1.0, 5.0]], [[2.0, 6.0], [3.0, 7.0]]]], id='permute_grad'),
    pytest.param(lambda lib, a: a.t().reshape(6) * lib.arange(6., dtype=lib.float64), [[[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]],
                 [[[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]]], id='transposed_view_grad'),
    pytest.param(lambda lib, a: a.squeeze(1) * lib.tensor([1., 2.], dtype=lib.float64), [[[1.0], [2.0]]],
                 [[[1.0], [2.0]]], id='squeeze_grad'),
    pytest.param(lambda lib, a: a.float() * 3, [[1.0, 2.0]],
                 [[3.0, 3.0]], id='to_float32_grad'),
]


# (expression, exception type, words jitgrad's message must contain: torch's, less its C++ type names)
MOV_ERRORS = [
    pytest.param(lambda lib: lib.ones(3).mT, RuntimeError, 'tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.', id='mT_1d'),
    pytest.param(lambda lib: lib.tensor(1.).flatten(1), IndexError, 'Dimension out of range (expected to be in range of [-1, 0], but got 1)', id='flatten_0d_dim'),
    pytest.param(lambda lib: lib.tensor(1.).permute(), TypeError, 'permute() missing 1 required positional arguments: "dims"', id='permute_no_dims'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).reshape(-2, 3), RuntimeError, 'invalid shape dimension -2 at index 0 of shape [-2, 3]', id='reshape_negative'),
    pytest.param(lambda lib: lib.zeros(0, 3).reshape(0, -1), RuntimeError, 'cannot reshape tensor of 0 elements into shape [0, -1] because the unspecified dimension size -1 can be any value and is ambiguous', id='reshape_zero_ambiguous'),
    pytest.param(lambda lib: lib.ones(3, 1).expand(-1, 3, 4), RuntimeError, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0", id='expand_leading_minus_one'),
    pytest.param(lambda lib: lib.ones(3, 1).expand(4), RuntimeError, 'expand(torch.FloatTensor{[3, 1]}, size=[4]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)', id='expand_too_few'),
    pytest.param(lambda lib: lib.ones(2).to(lib.int32, lib.float64), TypeError, 'to() received an invalid combination of arguments - got (dtype, dtype)', id='to_two_dtypes'),
    pytest.param(lambda lib: lib.ones(2).to('cpu', 'cpu'), TypeError, 'to() received an invalid combination of arguments - got (str, str)', id='to_two_devices'),
    pytest.param(lambda lib: lib.ones(2).type('foo'), ValueError, "invalid type: 'foo'", id='type_unknown_name'),
    pytest.param(lambda lib: lib.ones(2).type('torch.float64'), ValueError, "invalid type: 'torch.float64'", id='type_dtype_name'),
    pytest.param(lambda lib: lib.ones(2).type(5), TypeError, 'dtype must be a type, str, or dtype object', id='type_not_a_type'),
    pytest.param(lambda lib: lib.zeros(1, 2).squeeze((0, 0)), RuntimeError, 'appears multiple times in the list of dims', id='squeeze_dims_twice'),
    pytest.param(lambda lib: lib.arange(6.).reshape(2, 3).t().view(6), RuntimeError, "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.", id='view_non_contiguous'),
]


@pytest.mark.parametrize("fn, expected", MOV_VALUES)
def test_matches_torch(fn, expected, check_torch_value):
    check_torch_value(fn, expected)


@pytest.mark.parametrize("fn, values, expected", MOV_GRADS)
def test_gradients_match_torch(fn, values, expected, check_torch_grads):
    check_torch_grads(fn, values, expected)


@pytest.mark.parametrize("fn, error, words", MOV_ERRORS)
def test_errors_match_torch(fn, error, words):
    with pytest.raises(error) as raised:
        fn(jg)
    assert words in str(raised.value)


# ------------------------------------------------------------------ views share memory
@pytest.mark.parametrize("make_view", [
    lambda x: x.view(6), lambda x: x.reshape(3, 2), lambda x: x.t(), lambda x: x.transpose(0, 1),
    lambda x: x.permute(1, 0), lambda x: x.unsqueeze(0), lambda x: x.unsqueeze(0).squeeze(0),
    lambda x: x[:1].expand(4, 3), lambda x: x.flatten()])
def test_views_see_writes_to_their_base(make_view):
    x = jg.zeros(2, 3)
    view = make_view(x)
    x.fill_(7.0)
    assert (view == 7.0).numpy().all()


@pytest.mark.parametrize("make_copy", [lambda x: x.clone(), lambda x: x.t().contiguous(),
                                       lambda x: x.t().reshape(6), lambda x: x.to(jg.float64)])
def test_copies_do_not_see_writes(make_copy):
    x = jg.zeros(2, 3)
    copy = make_copy(x)
    x.fill_(7.0)
    assert (copy == 0.0).numpy().all()


def test_to_without_a_change_returns_the_tensor_itself():
    x = jg.ones(2)
    assert x.to(jg.float32) is x and x.float() is x
    assert x.to(jg.float32, copy=True) is not x and x.double().dtype is jg.float64


# ------------------------------------------------------------------ errors, as torch words them
def test_view_of_a_non_contiguous_tensor_points_at_reshape():
    for x in (jg.ones(2, 3).t(), jg.ones(2, 4)[:, :2], jg.ones(1, 3).expand(2, 3)):
        with pytest.raises(RuntimeError, match=r"view size is not compatible with input tensor's size and "
                                               r"stride .* Use \.reshape\(\.\.\.\) instead"):
            x.view(-1)


@pytest.mark.parametrize("fn, message", [
    (lambda x: x.reshape(5), "shape '[5]' is invalid for input of size 6"),
    (lambda x: x.view(2, 2), "shape '[2, 2]' is invalid for input of size 6"),
    (lambda x: x.reshape(-1, 4), "shape '[-1, 4]' is invalid for input of size 6"),
    (lambda x: x.reshape(-1, 0), "shape '[-1, 0]' is invalid for input of size 6"),
    (lambda x: x.view(-1, -1), "only one dimension can be inferred"),
])
def test_reshape_to_an_invalid_size(fn, message):
    with pytest.raises(RuntimeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        fn(jg.ones(2, 3))


@pytest.mark.parametrize("fn, message", [
    (lambda x: x.transpose(0, 2), r"\[-2, 1\], but got 2"),
    (lambda x: x.permute(0, -3), r"\[-2, 1\], but got -3"),
    (lambda x: x.unsqueeze(3), r"\[-3, 2\], but got 3"),
    (lambda x: x.unsqueeze(-4), r"\[-3, 2\], but got -4"),
    (lambda x: x.squeeze(2), r"\[-2, 1\], but got 2"),
    (lambda x: x.flatten(0, 2), r"\[-2, 1\], but got 2"),
    (lambda x: x.size(-3), r"\[-2, 1\], but got -3"),
])
def test_dim_out_of_range_is_an_index_error(fn, message):
    with pytest.raises(IndexError, match=r"Dimension out of range \(expected to be in range of " + message):
        fn(jg.ones(2, 3))


@pytest.mark.parametrize("fn, message", [
    (lambda x: x.permute(0, 0), r"permute\(\): duplicate dims are not allowed"),
    (lambda x: x.permute(0), r"number of dimensions in the tensor input does not match the length of the "
                             r"desired ordering of dimensions i.e. input.dim\(\) = 2 is not equal to len\(dims\) = 1"),
    (lambda x: x.expand(3, 3), r"The expanded size of the tensor \(3\) must match the existing size \(2\) at "
                               r"non-singleton dimension 0.  Target sizes: \[3, 3\].  Tensor sizes: \[2, 3\]"),
    (lambda x: x.expand(3), r"the number of sizes provided \(1\) must be greater or equal to the number of "
                            r"dimensions in the tensor \(2\)"),
    (lambda x: x.unsqueeze(0).t(), r"t\(\) expects a tensor with <= 2 dimensions, but self is 3D"),
    (lambda x: x.flatten(1, 0), r"flatten\(\) has invalid args: start_dim cannot come after end_dim"),
])
def test_invalid_shape_arguments(fn, message):
    with pytest.raises(RuntimeError, match=message):
        fn(jg.ones(2, 3))


# moving between devices happens outside compiled functions (their target decides the device)
COMPILE_EXPECTED_FAILURES = {
    "grad:to-cuda-and-back": "x.cuda() inside a compiled function: move the inputs before the call",
    "forward:to-cuda-and-back": "x.cuda() inside a compiled function: move the inputs before the call",
}


def test_to_an_unknown_device_is_refused_and_to_its_own_device_is_itself():
    with pytest.raises(RuntimeError, match="cpu, cuda"):
        jg.ones(2).to("meta")
    x = jg.ones(2)
    assert x.to("cpu") is x and x.to("cpu").device == "cpu"


def test_gradient_of_a_dtype_cast_comes_back_in_the_input_dtype():
    x = jg.tensor([1.0, 2.0], requires_grad=True)
    (x.double() * 3).sum().backward()
    assert x.grad.dtype is jg.float32 and x.grad.tolist() == [3.0, 3.0]
