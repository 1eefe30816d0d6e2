"""``jitgrad.linalg``: torch.linalg's names (inv, det, norm, vector_norm, matrix_norm, eig, svd, ...)
over the ops in ``jitgrad/ops/linalg.py``."""
from __future__ import annotations
