"""The kernel cache: generated modules on disk, named by the hash of their source.

``load_kernel`` writes a module to ``$JITGRAD_CACHE_DIR`` (default ``~/.cache/jitgrad``)
as ``k_<sha256 prefix>.py`` and imports it; its functions use Numba's ``cache=True``, which
does not work for source given to ``exec`` but does for a real file, so Numba stores the
machine code beside it and a new process loads it instead of running LLVM. A file whose
content does not match its name (a torn or corrupt write) is rewritten, never trusted;
writes go to a temporary file renamed into place, so processes may share the directory.
Imported modules are also kept in memory for the life of the process.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pathlib
import sys
import tempfile

from ..compile.logs import logger

_loaded: dict = {}


def cache_dir() -> pathlib.Path:
    root = os.environ.get("JITGRAD_CACHE_DIR")
    path = pathlib.Path(root) if root else pathlib.Path.home() / ".cache" / "jitgrad"
    path = path / "kernels"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_atomically(path: pathlib.Path, text: str):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def load_module(source: str):
    digest = hashlib.sha256(source.encode()).hexdigest()[:24]
    module = _loaded.get(digest)
    if module is not None:
        return module
    path = cache_dir() / f"k_{digest}.py"
    try:
        fresh = path.read_text(encoding="utf-8") != source
    except (FileNotFoundError, UnicodeDecodeError):
        fresh = True
    if fresh:
        _write_atomically(path, source)
        logger("cache").info("wrote kernel module %s", path)
    else:
        logger("cache").info("reusing kernel module %s", path)
    name = f"jitgrad_kernels.k_{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    _loaded[digest] = module
    log = logger("output_code")
    if log.isEnabledFor(20):
        log.info("%s\n%s", path, source)
    return module


def load_kernel(source: str, name: str):
    return getattr(load_module(source), name)


def forget(source: str):
    """Drop a module's compiled-code cache (Numba's files beside it) and our in-memory copy:
    the next ``load_kernel`` compiles afresh. For when a cached entry turns out unreadable."""
    digest = hashlib.sha256(source.encode()).hexdigest()[:24]
    _loaded.pop(digest, None)
    sys.modules.pop(f"jitgrad_kernels.k_{digest}", None)
    for stale in (cache_dir() / "__pycache__").glob(f"k_{digest}.*"):
        try:
            stale.unlink()
        except FileNotFoundError:       # another process got there first
            pass
    logger("cache").info("dropped the compiled code of kernel module k_%s", digest)
