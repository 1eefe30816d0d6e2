"""``jitgrad.nn.functional`` (``import jitgrad.nn.functional as F``), as torch.nn.functional:
the functions here are the ops declared in ``jitgrad/ops``, under torch's functional names."""
from ..ops.conv import conv1d, conv2d  # noqa: F401
from ..ops.dropout import dropout, dropout2d  # noqa: F401
from ..ops.einsum import bilinear  # noqa: F401
from ..ops.elementwise import relu, sigmoid, tanh  # noqa: F401
from ..ops.embedding import embedding  # noqa: F401
from ..ops.linear import linear  # noqa: F401
from ..ops.loss import binary_cross_entropy, cross_entropy, mse_loss, nll_loss  # noqa: F401
from ..ops.normalization import batch_norm  # noqa: F401
from ..ops.pad import pad  # noqa: F401
from ..ops.pool import max_pool1d, max_pool2d  # noqa: F401
from ..ops.softmax import log_softmax, softmax  # noqa: F401
