"""einsum and bilinear (SPEC B8)."""
from __future__ import annotations
