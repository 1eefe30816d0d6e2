"""The CUDA test programs: functions of small float tensors that the simulator tests run
(compiled for CUDA, against eager on the CPU) and the PTX check compiles every kernel of.

Each entry: (name, fn, input shapes, which inputs require grad). Shapes are tiny: the
simulator runs each CUDA thread as a Python thread.
"""
import jitgrad as jg
import jitgrad.nn.functional as F


def _chain(x, y):
    return ((x * 1.5 + y).tanh() * x).sigmoid()


def _sum_of_chain(x, y):
    return (x.exp() * y - 0.5).sum()


def _mean_rows(x):
    return (x * x).mean(dim=1)


def _bias_relu(x, w, b):
    return (x @ w + b).relu().sum()


def _batched(x, y):
    return (x @ y).abs().sum(dim=(0, 2))


def _max_and_min(x):
    return x.amax(dim=0) - x.amin(dim=1, keepdim=True)


def _mlp_loss(x, w1, b1, w2, b2, labels):
    hidden = F.relu(x @ w1 + b1)
    return F.cross_entropy(hidden @ w2 + b2, labels)


def _movement(x):
    return (x.t() * 2).reshape(-1)[1:5] + x.permute(1, 0)[0, :4]


def _where_clamp(x, y):
    return jg.where(x > y, x.clamp(-0.5, 0.5), jg.maximum(x, y) ** 2)


def _softmax(x):
    return F.softmax(x, dim=-1) * F.log_softmax(x, dim=0)


PROGRAMS = [
    ("chain", _chain, [(5, 7), (7,)], [True, True]),
    ("sum_of_chain", _sum_of_chain, [(4, 6), (4, 1)], [True, False]),
    ("mean_rows", _mean_rows, [(3, 33)], [True]),
    ("bias_relu", _bias_relu, [(6, 5), (5, 4), (4,)], [False, True, True]),
    ("batched", _batched, [(2, 3, 4), (2, 4, 5)], [True, True]),
    ("max_and_min", _max_and_min, [(4, 5)], [True]),
    ("movement", _movement, [(4, 5)], [True]),
    ("where_clamp", _where_clamp, [(3, 4), (3, 4)], [True, True]),
    ("softmax", _softmax, [(3, 5)], [True]),
]
# integer labels: the MLP's last argument
MLP = ("mlp_loss", _mlp_loss, [(8, 6), (6, 5), (5,), (5, 3), (3,)], [False, True, True, True, True])
MLP_LABELS = [0, 2, 1, 1, 0, 2, 2, 0]
