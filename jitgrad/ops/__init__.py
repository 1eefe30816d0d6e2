"""The op registry and every declared op. Importing this package registers them all."""
import warnings as _warnings

from .registry import REGISTRY, PUBLIC, Op, defop  # noqa: F401
from . import elementwise, reduce, movement, matmul, index, inplace  # noqa: F401
from . import join, scan, select, linalg, einsum, pad, softmax  # noqa: F401
from . import conv, pool, loss, embedding, linear, normalization, dropout, device_copy  # noqa: F401

# torch computes log(-1) = nan and 1/0 = inf without a warning; NumPy warns. Silence only the
# warnings attributed to jitgrad's op modules, leaving NumPy's global state and user code alone.
_warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"jitgrad\.ops(\..*)?$")
