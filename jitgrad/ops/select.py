"""Selecting and scattering by index: index_select, masked_select, take, gather, scatter, scatter_add, index_fill, masked_fill (SPEC B2)."""
from __future__ import annotations
