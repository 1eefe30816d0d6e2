"""``jitgrad.nn.functional`` (``import jitgrad.nn.functional as F``), as torch.nn.functional:
the functions here are the ops declared in ``jitgrad/ops``, under torch's functional names."""
from ..ops.einsum import bilinear  # noqa: F401
from ..ops.elementwise import relu, sigmoid, tanh  # noqa: F401
from ..ops.pad import pad  # noqa: F401
from ..ops.softmax import log_softmax, softmax  # noqa: F401
