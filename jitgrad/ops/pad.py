"""Padding: the op behind nn.functional.pad (constant, reflect, replicate, circular; SPEC B7)."""
from __future__ import annotations
