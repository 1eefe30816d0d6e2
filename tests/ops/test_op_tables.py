"""Every op test module's tables (``FORWARD_CASES``, ``GRAD_CASES``; conftest.py collects them):
forward values against NumPy in float32 and float64, and gradients against finite differences
in float64 (gradcheck, and gradgradcheck where the case asks for second order)."""
import pytest


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_forward_matches_numpy(forward_case, dtype, check_forward):
    check_forward(*forward_case, dtype)


def test_gradients(grad_case, check_grads):
    check_grads(*grad_case)
