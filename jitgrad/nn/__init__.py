"""``jitgrad.nn``: neural-network building blocks, as torch.nn — ``Parameter`` and ``Module``
(parameter/buffer/child bookkeeping, state_dict, hooks, repr), the containers, the layers
and losses of ``nn.modules``, ``nn.init`` and ``nn.functional`` (``import jitgrad.nn.functional
as F``)."""
from . import functional  # noqa: F401
from . import init  # noqa: F401
from .containers import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential  # noqa: F401
from .module import Module  # noqa: F401
from .modules import (BatchNorm1d, BCELoss, Conv1d, Conv2d, CrossEntropyLoss, Dropout, Dropout2d,  # noqa: F401
                      Embedding, Flatten, Identity, Linear, LogSoftmax, MaxPool1d, MaxPool2d, MSELoss,
                      NLLLoss, ReLU, Sigmoid, Softmax, Tanh)
from .parameter import Parameter  # noqa: F401
