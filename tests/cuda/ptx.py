"""Compile CUDA kernels to PTX with no GPU: type-checks them the way a real GPU run would.

The CUDA tests run kernels on Numba's simulator, which executes their Python and so never
type-checks them for the GPU; ``numba.cuda.compile_ptx`` does, with only the toolkit's
libNVVM — but not in a process where the simulator is on. So ``compile_all`` compiles in one
child process (this file run as a script), started without ``NUMBA_ENABLE_CUDASIM`` and with
``CUDA_HOME`` pointing at the toolkit holding ``nvcc``; one process for all kernels, since
starting Numba costs more than compiling a kernel.

Kernels are named as (module, function, signature) triples, so any test can check its own:

* module: a dotted module name (``jitgrad.backends.cuda_library``) or the path of a ``.py``
  file (a generated kernel module in the kernel cache);
* function: a ``@cuda.jit`` kernel in it (its ``.py_func`` is compiled) or a plain function;
* signature: a Numba signature string (``"void(float32[::1], int64)"``) or a tuple of Numba
  types (as ``CudaKernelStep.signature()`` returns).
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from typing import NamedTuple

CC = (9, 0)          # compute capability compiled for: Hopper, the H100/H200
_LIBNVVM_DIRS = ("nvvm/lib64", "lib64", "lib", "nvvm/lib")


class Toolkit(NamedTuple):
    root: pathlib.Path       # CUDA_HOME: holds bin/nvcc and nvvm/libdevice
    libnvvm_dir: pathlib.Path


class Compiled(NamedTuple):
    module: str
    function: str
    signature: str
    ptx: str | None          # None when compiling failed
    error: str | None        # the exception, when it did


def find_toolkit() -> tuple[Toolkit | None, str]:
    """The CUDA toolkit of the ``nvcc`` on PATH, and if there is none, why not."""
    nvcc = shutil.which("nvcc")
    if nvcc is None:
        return None, "no nvcc on PATH: no CUDA toolkit to compile PTX with"
    roots = _candidate_roots(pathlib.Path(nvcc))
    for root in roots:
        for sub in _LIBNVVM_DIRS:
            if list((root / sub).glob("libnvvm.so*")) and (root / "nvvm" / "libdevice").is_dir():
                return Toolkit(root, root / sub), ""
    return None, (f"nvcc is {nvcc}, but no toolkit root tried ({', '.join(map(str, roots))}) holds "
                  f"libNVVM (in {' or '.join(_LIBNVVM_DIRS)}) and nvvm/libdevice")


def _candidate_roots(nvcc: pathlib.Path) -> list[pathlib.Path]:
    """The directory above bin/ of nvcc with symlinks resolved; and, when nvcc is a small
    wrapper script (``exec /usr/local/cuda-13.0/bin/nvcc "$@"``), of the nvcc it runs."""
    resolved = nvcc.resolve()
    roots = [resolved.parent.parent]
    try:
        if resolved.stat().st_size < 4096:
            text = resolved.read_text(errors="replace")
            for named in re.findall(r"(/\S+)/bin/nvcc\b", text):
                roots.append(pathlib.Path(named).resolve())
    except OSError:
        pass
    return list(dict.fromkeys(roots))


def _signature_text(signature) -> str:
    return signature if isinstance(signature, str) else repr(tuple(signature))


def compile_all(kernels, cc=CC, timeout: float = 600) -> list[Compiled]:
    """Compile every (module, function, signature) of `kernels` to PTX for compute capability
    `cc`, in one child process; a Compiled per kernel, in order. RuntimeError without a
    toolkit (``find_toolkit`` says why) or when the child itself fails."""
    toolkit, why = find_toolkit()
    if toolkit is None:
        raise RuntimeError(why)
    kernels = [(str(module), function, _signature_text(signature)) for module, function, signature in kernels]
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_ENABLE_CUDASIM"}
    env["CUDA_HOME"] = str(toolkit.root)
    # Numba looks for libNVVM in CUDA_HOME/nvvm/lib64, then asks the dynamic loader
    env["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [str(toolkit.libnvvm_dir), env.get("LD_LIBRARY_PATH")]))
    with tempfile.TemporaryDirectory() as tmp:
        results = pathlib.Path(tmp) / "results.json"
        request = {"kernels": kernels, "cc": list(cc), "sys_path": sys.path, "results": str(results)}
        child = subprocess.run([sys.executable, __file__], input=json.dumps(request), env=env,
                               capture_output=True, text=True, timeout=timeout)
        if child.returncode != 0 or not results.exists():
            raise RuntimeError(f"the PTX compiler process failed (exit {child.returncode}):\n"
                               f"{child.stderr[-4000:]}")
        answers = json.loads(results.read_text())
    return [Compiled(*kernel, *answer) for kernel, answer in zip(kernels, answers)]


def require_toolkit() -> Toolkit:
    """The toolkit, or skip the calling test (module) saying why there is none."""
    import pytest
    toolkit, why = find_toolkit()
    if toolkit is None:
        pytest.skip(why, allow_module_level=True)
    return toolkit


# ---------------------------------------------------------------------------------------------
# the child process


def _load(module: str):
    import importlib
    import importlib.util
    if module.endswith(".py") or os.sep in module:
        path = pathlib.Path(module)
        spec = importlib.util.spec_from_file_location(f"_ptx_check_{path.stem}", path)
        loaded = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(loaded)
        return loaded
    return importlib.import_module(module)


def _compile_one(module, function, signature, cc):
    from numba import cuda, types
    kernel = getattr(_load(module), function)
    python_function = getattr(kernel, "py_func", kernel)
    if signature.startswith("("):        # a tuple of Numba types, as its repr
        signature = eval(signature, dict(vars(types)))   # noqa: S307 — our own test input
    ptx, _ = cuda.compile_ptx(python_function, signature, cc=cc)
    return ptx


def _child():
    request = json.loads(sys.stdin.read())
    sys.path[:0] = [p for p in request["sys_path"] if p not in sys.path]
    cc = tuple(request["cc"])
    answers = []
    for module, function, signature in request["kernels"]:
        try:
            answers.append([_compile_one(module, function, signature, cc), None])
        except Exception as error:     # reported per kernel: one bad kernel hides no others
            answers.append([None, f"{type(error).__name__}: {str(error)[:2000]}"])
    pathlib.Path(request["results"]).write_text(json.dumps(answers))


if __name__ == "__main__":
    _child()
