"""The layers of ``jitgrad.nn``, one file per family, as torch.nn.modules has them. Each
holds its parameters and options and calls the ``nn.functional`` function of torch's name."""
from .activation import LogSoftmax, ReLU, Sigmoid, Softmax, Tanh  # noqa: F401
from .batchnorm import BatchNorm1d  # noqa: F401
from .conv import Conv1d, Conv2d  # noqa: F401
from .dropout import Dropout, Dropout2d  # noqa: F401
from .embedding import Embedding  # noqa: F401
from .flatten import Flatten, Identity  # noqa: F401
from .linear import Linear  # noqa: F401
from .loss import BCELoss, CrossEntropyLoss, MSELoss, NLLLoss  # noqa: F401
from .pool import MaxPool1d, MaxPool2d  # noqa: F401
