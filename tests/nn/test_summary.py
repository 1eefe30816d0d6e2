"""jitgrad.summary beyond the seed's Net (tests/nn/test_seed_net.py has that one): the
table's layout and formulas on small models, several inputs, dtype spellings, and that a
summary leaves the model and the random stream as it found them."""
import numpy as np
import pytest

import jitgrad as jg
from jitgrad import nn

MLP_TABLE = """--------------------------------------------------------------------------
Layer (type)                            Output Shape              Param #
==========================================================================
Linear-1                                     [-1, 8]                   40
BatchNorm1d-2                                [-1, 8]                   16
ReLU-3                                       [-1, 8]                    0
Dropout-4                                    [-1, 8]                    0
Linear-5                                     [-1, 2]                   18
==========================================================================
Total params: 74
Trainable params: 74
Non-trainable params: 0
--------------------------------------------------------------------------
Input size (MB): 0.000015
Forward/backward pass size (MB): 0.000259
Params size (MB): 0.000282
Estimated Total Size (MB): 0.000557
"""


def mlp():
    return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(), nn.Linear(8, 2))


def test_table_and_figures(capsys):
    figures = jg.summary(mlp(), input_shape=(4,))
    assert capsys.readouterr().out == MLP_TABLE
    assert figures.text + "\n" == MLP_TABLE and str(figures) == figures.text
    # torchkeras's formulas: 4 bytes a number; outputs counted twice (forward and backward)
    assert figures.input_size_mb == 4 * 4 / 2 ** 20
    assert figures.forward_backward_size_mb == 2 * (8 + 8 + 8 + 8 + 2) * 4 / 2 ** 20
    assert figures.params_size_mb == 74 * 4 / 2 ** 20
    assert figures.total_size_mb == pytest.approx(figures.input_size_mb + figures.forward_backward_size_mb
                                                  + figures.params_size_mb)
    assert [(r.name, r.output_shape, r.params, r.trainable) for r in figures.rows][:2] == [
        ("Linear-1", [-1, 8], 40, 40), ("BatchNorm1d-2", [-1, 8], 16, 16)]


def test_summary_leaves_the_model_and_the_random_stream_alone(capsys):
    model = mlp()
    model[3].eval()                     # a mixed state, to be restored as it was
    before = [m.training for m in model.modules()]
    stats = model[1].running_mean.tolist(), model[1].num_batches_tracked.item()
    jg.manual_seed(11)
    expected_draw = jg.rand(3).tolist()
    jg.manual_seed(11)
    jg.summary(model, input_shape=(4,))
    capsys.readouterr()
    assert jg.rand(3).tolist() == expected_draw
    assert [m.training for m in model.modules()] == before
    assert (model[1].running_mean.tolist(), model[1].num_batches_tracked.item()) == stats
    assert all(not m._forward_hooks for m in model.modules())


class TwoInputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.proj = nn.Linear(3, 4)
        self.pool = nn.MaxPool1d(2, return_indices=True)

    def forward(self, tokens, features):
        mixed = self.embed(tokens) + self.proj(features).unsqueeze(1)
        values, _ = self.pool(mixed)
        return values


@pytest.mark.parametrize("dtype", [jg.int64, jg.LongTensor, "torch.LongTensor"])
def test_several_inputs_and_dtype_spellings(capsys, dtype):
    model = TwoInputs()

    class Cast(nn.Module):      # the second input must be float: cast inside, as a user would
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, tokens, features):
            return self.inner(tokens, features.float())

    figures = jg.summary(Cast(), input_shape=[(5,), (3,)], input_dtype=dtype)
    capsys.readouterr()
    assert [(r.name, r.output_shape) for r in figures.rows] == [
        ("Embedding-1", [-1, 5, 4]), ("Linear-2", [-1, 4]), ("MaxPool1d-3", [[-1, 5, 2], [-1, 5, 2]]),
        ("TwoInputs-4", [-1, 5, 2])]
    assert figures.total_params == 10 * 4 + 3 * 4 + 4
    assert figures.input_size_mb == (5 + 3) * 4 / 2 ** 20


def test_frozen_parameters_count_as_non_trainable(capsys):
    model = mlp()
    model[0].requires_grad_(False)
    figures = jg.summary(model, input_shape=(4,))
    capsys.readouterr()
    assert (figures.total_params, figures.trainable_params, figures.non_trainable_params) == (74, 34, 40)
    assert figures.rows[0].trainable == 0


def test_legacy_tensor_types():
    assert jg.LongTensor([1, 2]).dtype is jg.int64 and jg.FloatTensor(2, 3).shape == (2, 3)
    assert isinstance(jg.tensor([1]), jg.LongTensor) and not isinstance(jg.ones(1), jg.LongTensor)
    assert jg.DoubleTensor([1.5]).dtype is jg.float64 and jg.IntTensor([1]).dtype is jg.int32
    assert jg.BoolTensor([True]).dtype is jg.bool
    assert np.array_equal(jg.LongTensor([[1, 2]]).numpy(), [[1, 2]])
