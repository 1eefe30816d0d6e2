"""Suite-wide setup: compiled kernels go to a cache inside the checkout (git-ignored), not
the user's home directory; a second `make test` then reuses them."""
import os
import pathlib

os.environ.setdefault("JITGRAD_CACHE_DIR", str(pathlib.Path(__file__).resolve().parent.parent / ".jitgrad_cache"))
