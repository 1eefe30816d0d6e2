"""Scans and orderings: cumsum, cumprod, cummax, cummin, sort, topk (SPEC B6)."""
from __future__ import annotations
