"""Joining and splitting: cat, stack, split, chunk (SPEC B4)."""
from __future__ import annotations
