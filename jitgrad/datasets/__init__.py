"""Small real datasets shipped with jitgrad, so examples and tests train on real data offline."""
from .digits import load_digits  # noqa: F401
