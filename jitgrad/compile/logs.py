"""``JITGRAD_LOGS=recompiles,fusion,output_code``: what the compiler did, on stderr.

Each topic is a child of the ``jitgrad.compile`` logger, so the standard logging module can
also switch them on (``logging.getLogger("jitgrad.compile.recompiles").setLevel("INFO")``).
"""
from __future__ import annotations

import logging
import os

TOPICS = ("recompiles", "fusion", "output_code", "graphs", "cache")

_root = logging.getLogger("jitgrad.compile")


def _configure():
    wanted = {t.strip() for t in os.environ.get("JITGRAD_LOGS", "").split(",") if t.strip()}
    unknown = wanted - set(TOPICS) - {"all"}
    if unknown:
        import warnings
        warnings.warn(f"JITGRAD_LOGS: unknown topic(s) {sorted(unknown)}; known: {', '.join(TOPICS)}")
    if not wanted:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[jitgrad %(name)s] %(message)s"))
    for topic in TOPICS:
        if "all" in wanted or topic in wanted:
            log = logging.getLogger(f"jitgrad.compile.{topic}")
            log.setLevel(logging.INFO)
            log.addHandler(handler)
            log.propagate = False


def logger(topic: str) -> logging.Logger:
    return logging.getLogger(f"jitgrad.compile.{topic}")


_configure()
