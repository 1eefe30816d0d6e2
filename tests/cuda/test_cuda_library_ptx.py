"""Every hand-written CUDA kernel type-checks and compiles for a real GPU (PTX for sm_90),
with no GPU: the simulator tests run the kernels' Python, which a GPU never does."""
import pytest
from numba import types

from ptx import compile_all, find_toolkit, require_toolkit

from jitgrad.backends import cuda_library

require_toolkit()

LIBRARY = "jitgrad.backends.cuda_library"
TUPLE_SIGNATURE = (types.Array(types.float64, 1, "C"), types.float64)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """The library's kernels, one kernel that cannot type-check and one signature given as
    types: all in one child process (starting it costs more than a compile)."""
    bad = tmp_path_factory.mktemp("ptx") / "bad_kernel.py"
    bad.write_text("def bad(out):\n    out[0] = undefined_name\n")
    library = [(fn.__module__, fn.__name__, signature) for fn, signature in cuda_library.KERNEL_SIGNATURES]
    results = compile_all(library + [(bad, "bad", "void(float32[::1])"),
                                     (LIBRARY, "fill_kernel", TUPLE_SIGNATURE)])
    return results[:len(library)], results[len(library)], results[-1]


def test_every_kernel_of_the_library_is_listed():
    kernels = {name for name, value in vars(cuda_library).items() if hasattr(value, "py_func")}
    listed = {fn.__name__ for fn, _ in cuda_library.KERNEL_SIGNATURES}
    assert kernels == listed == {"matmul_kernel", "gather_kernel", "fill_kernel", "finish_rows_kernel"}


def test_every_kernel_compiles_to_ptx(compiled):
    library, _, _ = compiled
    failures = [f"{r.function}{r.signature}: {r.error}" for r in library if r.ptx is None]
    assert not failures, "\n".join(failures)
    for r in library:
        assert ".entry" in r.ptx, (r.function, r.signature)


def test_the_float32_product_stays_float32_and_syncs_its_tiles(compiled):
    library, _, _ = compiled
    matmul = next(r for r in library if r.function == "matmul_kernel" and "float32" in r.signature)
    assert ".f64" not in matmul.ptx          # tiles and accumulator are float32
    assert "bar.sync" in matmul.ptx and ".shared" in matmul.ptx


def test_a_kernel_that_does_not_type_check_is_reported_not_raised(compiled):
    _, bad, _ = compiled
    assert bad.ptx is None and "undefined_name" in bad.error


def test_signatures_may_be_tuples_of_numba_types(compiled):
    _, _, from_types = compiled
    assert from_types.error is None and ".entry" in from_types.ptx


def test_the_toolkit_is_the_one_holding_nvcc():
    toolkit, _ = find_toolkit()
    assert (toolkit.root / "bin" / "nvcc").exists()
    assert list(toolkit.libnvvm_dir.glob("libnvvm.so*"))
