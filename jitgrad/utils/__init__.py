"""``jitgrad.utils``: helpers outside the tensor core, as ``torch.utils``. So far the data
pipeline, ``jitgrad.utils.data``."""
from . import data  # noqa: F401
