"""``jitgrad.nn``: neural-network building blocks, as torch.nn. So far its ``functional``
module (``import jitgrad.nn.functional as F``)."""
from . import functional  # noqa: F401
