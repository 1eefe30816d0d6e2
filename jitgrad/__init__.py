"""jitgrad: a PyTorch-shaped tensor + autograd library whose eager ops record an inspectable
networkx graph. ``import jitgrad as torch`` runs the seed tutorial's code."""
from . import dtypes
from .dtypes import (bool_ as bool, complex64, complex128, float32, float64, int32, int64,  # noqa: F401
                     promote_types, result_type, can_cast)
from .dtypes import dtype  # noqa: F401
from .tensor import Size, Tensor, device  # noqa: F401
from . import ops
from .ops import PUBLIC as _PUBLIC
from . import creation, random  # noqa: F401  (tensor, zeros, arange, randn, ...: exported through PUBLIC)
from . import autograd
from .autograd import enable_grad, is_grad_enabled, no_grad, set_grad_enabled, inference_mode  # noqa: F401
from . import viz  # noqa: F401
from . import linalg  # noqa: F401  (jitgrad.linalg.svd, .eig, .norm, ... as torch.linalg)
from . import nn  # noqa: F401
from . import utils  # noqa: F401  (jitgrad.utils.data, as torch.utils.data)
from .summary import summary  # noqa: F401  (the seed's torchkeras-style model table)
from .legacy_types import BoolTensor, DoubleTensor, FloatTensor, IntTensor, LongTensor  # noqa: F401
from . import optim  # noqa: F401  (jitgrad.optim.SGD, .Adam, .lr_scheduler, as torch.optim)
from . import cuda  # noqa: F401  (jitgrad.cuda.is_available, .synchronize, as torch.cuda)
from .compile import compile  # noqa: F401,A001  (jitgrad.compile, as torch.compile)

float = float32
double = float64
long = int64
int = int32
cfloat = complex64

globals().update(_PUBLIC)  # every op declared with export=True: jitgrad.exp, jitgrad.sum, ...

__version__ = "0.1.0"
