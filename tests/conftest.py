"""Suite-wide setup: compiled kernels go to a cache inside the checkout (git-ignored), not
the user's home directory; a second `make test` then reuses them.

CUDA code runs on Numba's CUDA simulator (set before numba is first imported, which is
here), unless JITGRAD_TEST_REAL_GPU=1 asks for the GPU itself (``bench/gpu_check.py``)."""
import os
import pathlib

os.environ.setdefault("JITGRAD_CACHE_DIR", str(pathlib.Path(__file__).resolve().parent.parent / ".jitgrad_cache"))
if os.environ.get("JITGRAD_TEST_REAL_GPU") != "1":
    os.environ["NUMBA_ENABLE_CUDASIM"] = "1"
