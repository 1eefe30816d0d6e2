"""Linear algebra: dot, outer, inverse, det, trace, diag, norm, eig, svd, tensordot (SPEC B7)."""
from __future__ import annotations
