"""The hand-written CUDA kernels (jitgrad/backends/cuda_library.py) against NumPy, on Numba's
CUDA simulator (or a GPU). The simulator runs every CUDA thread as a Python thread, a matmul
block of 16x16 of them for a few tenths of a second: shapes stay tiny, and each crosses just
the tile edges, batch dims or loops that it is about."""
import numpy as np
import pytest
from numba import cuda

if not cuda.is_available():
    pytest.skip("numba.cuda has no GPU and the CUDA simulator is off (NUMBA_ENABLE_CUDASIM=1 "
                "turns it on)", allow_module_level=True)

from jitgrad.backends import cuda_device, cuda_library as lib  # noqa: E402

RNG = np.random.default_rng(0)


def _values(shape, dtype):
    if np.dtype(dtype).kind == "f":
        return RNG.standard_normal(shape).astype(dtype)
    return RNG.integers(-9, 10, shape).astype(dtype)


def _matmul(a, b):
    out = lib.matmul(cuda.to_device(a), cuda.to_device(b))
    return cuda_device.to_host(out)


def _check_matmul(a_shape, b_shape, dtype=np.float32):
    a, b = _values(a_shape, dtype), _values(b_shape, dtype)
    got, want = _matmul(a, b), np.matmul(a, b)
    assert got.shape == want.shape and got.dtype == want.dtype
    if np.dtype(dtype).kind == "f":
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    else:
        np.testing.assert_array_equal(got, want)


# ---------------------------------------------------------------------------------------------
# matmul


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64])
def test_matmul_each_dtype_accumulates_in_it(dtype):
    _check_matmul((5, 7), (7, 3), dtype)


@pytest.mark.parametrize("a_shape, b_shape", [
    ((5,), (5,)),              # dot: a 0-d result
    ((4,), (4, 3)),            # a row vector: its dim dropped
    ((3, 4), (4,)),            # a column vector
    ((17, 33), (33, 5)),       # two row tiles, three k tiles, none full
    ((3, 5), (5, 17)),         # two column tiles
    ((16, 16), (16, 16)),      # exactly one tile
])
def test_matmul_vectors_and_matrices(a_shape, b_shape):
    _check_matmul(a_shape, b_shape)


@pytest.mark.parametrize("a_shape, b_shape", [
    ((2, 2, 4), (2, 4, 5)),          # one batch dim, no broadcasting
    ((2, 1, 2, 3), (2, 3, 2)),       # each operand broadcast along a batch dim of the other
    ((4, 3), (2, 3, 5)),             # a matrix against a batch: read with batch stride 0
    ((2, 3, 4), (4,)),               # a batch against a vector
    ((4,), (2, 4, 3)),
    ((2, 1, 2, 3, 4), (1, 2, 1, 4, 2)),   # three alternating broadcasts: one launch per first index
])
def test_matmul_batches_broadcast_as_numpy(a_shape, b_shape):
    _check_matmul(a_shape, b_shape)


def test_matmul_loops_over_row_tiles_and_batches_beyond_the_grid(monkeypatch):
    monkeypatch.setattr(lib, "MAX_GRID_Y", 1)
    monkeypatch.setattr(lib, "MAX_GRID_Z", 2)
    _check_matmul((3, 20, 4), (3, 4, 5))


def test_matmul_propagates_inf_and_nan_as_numpy():
    a, b = _values((3, 5), np.float64), _values((5, 2), np.float64)
    a[0, 1], b[2, 1] = np.inf, np.nan
    np.testing.assert_allclose(_matmul(a, b), a @ b, rtol=1e-12)    # NaN matches NaN


@pytest.mark.parametrize("a_shape, b_shape", [
    ((3, 0), (0, 4)), ((0,), (0,)),                   # k = 0: sums of no products
    ((0, 3), (3, 4)), ((3, 4), (4, 0)), ((0, 2, 3), (3, 4)), ((2, 0, 3), (1, 3, 4)),
])
def test_matmul_with_empty_dims(a_shape, b_shape):
    a, b = np.ones(a_shape, np.float32), np.ones(b_shape, np.float32)
    got, want = _matmul(a, b), np.matmul(a, b)
    assert got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("a_shape, b_shape", [((3, 4), (5, 2)), ((4,), (3,)), ((), (3,)), ((3,), ())])
def test_matmul_errors_word_as_numpy(a_shape, b_shape):
    a, b = np.ones(a_shape, np.float32), np.ones(b_shape, np.float32)
    with pytest.raises(ValueError) as numpy_error:
        np.matmul(a, b)
    with pytest.raises(ValueError) as ours:
        _matmul(a, b)
    assert str(ours.value) == str(numpy_error.value)


def test_matmul_batch_dims_that_do_not_broadcast():
    with pytest.raises(ValueError, match=r"could not be broadcast.*\(2,\) and \(3,\)"):
        _matmul(np.ones((2, 3, 4), np.float32), np.ones((3, 4, 5), np.float32))


def test_matmul_operands_of_two_dtypes():
    with pytest.raises(TypeError, match="one dtype"):
        _matmul(np.ones((2, 2), np.float32), np.ones((2, 2), np.float64))


def test_batch_dims_merge_while_both_operands_step_through_them_as_one():
    # (batch shape, a's, b's, a matrix size, b matrix size) -> (size, a stride, b stride)
    assert lib._batch_dims((2, 3, 4), (2, 3, 4), (2, 3, 4), 6, 10) == [(24, 6, 10)]
    assert lib._batch_dims((2, 3), (2, 3), (), 6, 10) == [(6, 6, 0)]
    assert lib._batch_dims((2, 3), (2, 1), (1, 3), 6, 10) == [(2, 6, 0), (3, 0, 10)]
    assert lib._batch_dims((2, 1, 3), (2, 1, 3), (1, 1, 3), 6, 10) == [(2, 18, 0), (3, 6, 10)]
    assert lib._batch_dims((1, 1), (1,), (1, 1), 6, 10) == []


# ---------------------------------------------------------------------------------------------
# gather


def _gather(source, table, dtype=None):
    dtype = source.dtype if dtype is None else dtype
    table = np.array(table, np.int64, order="C")     # (ascontiguousarray would make 0-d 1-d)
    out = lib.gather(cuda.to_device(source), cuda.to_device(table), dtype)
    return cuda_device.to_host(out)


def _numbers(shape):
    return np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.bool_])
@pytest.mark.parametrize("move", [
    lambda x: x.transpose(2, 0, 1),                      # permute
    lambda x: np.broadcast_to(x[:, :1, :], (2, 5, 4)),   # expand
    lambda x: x[1:, ::2, 1:3],                           # slicing with steps
    lambda x: x[1, 2, 3],                                # one element: a 0-d result
    lambda x: x[:, 3:, :],                               # nothing
], ids=["permute", "expand", "slice", "element", "empty"])
def test_gather_follows_the_index_table(move, dtype):
    source = _values((2, 3, 4), dtype) if dtype is not np.bool_ else RNG.random((2, 3, 4)) > 0.5
    got, want = _gather(source, move(_numbers(source.shape))), move(source)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("source_dtype, dtype", [
    (np.float64, np.int64), (np.float32, np.int32),      # truncation toward zero
    (np.float32, np.bool_), (np.int64, np.bool_),        # value != 0, NaN included
    (np.int64, np.float32), (np.bool_, np.float64), (np.float32, np.float64), (np.float64, np.float32),
])
def test_gather_casts_as_numpy_astype(source_dtype, dtype):
    values = np.array([-2.7, -0.5, -0.0, 0.0, 0.3, 1.0, 2.5, 7.9], np.float64)
    if np.dtype(dtype) == np.bool_ and np.dtype(source_dtype).kind == "f":
        values[1] = np.nan
    source = values.astype(source_dtype).reshape(2, 4)
    table = _numbers(source.shape).T
    got = _gather(source, table, dtype)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, source.T.astype(dtype))


def test_gather_strides_over_more_elements_than_threads():
    source = _values((50,), np.float32)
    table = np.arange(300) % 50            # more elements than the simulator's 4 x 32 threads
    np.testing.assert_array_equal(_gather(source, table), source[table])


# ---------------------------------------------------------------------------------------------
# fill


@pytest.mark.parametrize("dtype, value", [
    (np.float32, 3.5), (np.float64, -np.inf), (np.int64, -2.7), (np.int32, 7.9), (np.bool_, 2), (np.bool_, 0),
])
def test_fill_converts_as_numpy_astype(dtype, value):
    out = cuda_device.empty((3, 5), dtype)
    lib.fill(out, value)
    np.testing.assert_array_equal(cuda_device.to_host(out), np.full((3, 5), np.asarray(value).astype(dtype)))


@pytest.mark.parametrize("shape", [(), (0, 3), (400,)])     # 0-d, empty, more than the threads
def test_fill_any_shape(shape):
    out = cuda_device.empty(shape, np.float32)
    lib.fill(out, 1.25)
    np.testing.assert_array_equal(cuda_device.to_host(out), np.full(shape, 1.25, np.float32))


# ---------------------------------------------------------------------------------------------
# finish_rows


def _finish(partials, kind, scale=1.0, out_shape=None):
    out = cuda_device.empty(out_shape or (partials.shape[0],), partials.dtype)
    lib.finish_rows(cuda.to_device(partials), out, kind, scale)
    return cuda_device.to_host(out)


_NUMPY_KIND = {"sum": np.sum, "max": np.max, "min": np.min}     # np.max/min propagate NaN too


@pytest.mark.parametrize("width", [1, 3, 40])    # 40: more partials than threads per block
@pytest.mark.parametrize("kind", ["sum", "max", "min"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_finish_rows_reduces_each_row(dtype, kind, width):
    partials = _values((3, width), dtype)
    want = _NUMPY_KIND[kind](partials, axis=1)
    got = _finish(partials, kind)
    assert got.dtype == partials.dtype
    np.testing.assert_allclose(got, want, rtol=1e-6) if np.dtype(dtype).kind == "f" else \
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("kind", ["max", "min"])      # any / all
def test_finish_rows_of_bools(kind):
    partials = np.array([[False, True, False], [False, False, False], [True, True, True]])
    np.testing.assert_array_equal(_finish(partials, kind), _NUMPY_KIND[kind](partials, axis=1))


def test_finish_rows_scales_a_sum_into_a_mean():
    partials = _values((4, 5), np.float32)
    np.testing.assert_allclose(_finish(partials, "sum", 1 / 5), partials.mean(axis=1), rtol=1e-6)


def test_finish_rows_integer_sums_stay_exact():
    partials = np.array([[2 ** 53, 1, 1, 0, 1]], np.int64)        # past float64's integers
    assert _finish(partials, "sum")[0] == 2 ** 53 + 3


@pytest.mark.parametrize("kind", ["max", "min", "sum"])
@pytest.mark.parametrize("nan_at", [0, 2, 37])     # first, inside the tree, strided over
def test_finish_rows_propagates_nan(kind, nan_at):
    partials = _values((2, 40), np.float32)
    partials[0, nan_at] = np.nan
    partials[1, 5] = -np.inf
    got = _finish(partials, kind)
    assert np.isnan(got[0])
    assert got[1] == _NUMPY_KIND[kind](partials[1])


def test_finish_rows_writes_out_flat():
    partials = _values((6, 3), np.float64)
    got = _finish(partials, "max", out_shape=(2, 3))
    np.testing.assert_array_equal(got, partials.max(axis=1).reshape(2, 3))


def test_finish_rows_checks_its_arguments():
    partials = cuda.to_device(np.ones((2, 3), np.float32))
    with pytest.raises(ValueError, match="kind"):
        lib.finish_rows(partials, cuda_device.empty((2,), np.float32), "mean", 1.0)
    with pytest.raises(ValueError, match="2 rows of partials for 3 outputs"):
        lib.finish_rows(partials, cuda_device.empty((3,), np.float32), "sum", 1.0)
    with pytest.raises(ValueError, match="at least one"):
        lib.finish_rows(cuda.to_device(np.ones((2, 0), np.float32)), cuda_device.empty((2,), np.float32), "max")


# ---------------------------------------------------------------------------------------------
# launch shapes


def test_launch_shape_on_a_gpu(monkeypatch):
    monkeypatch.setattr(cuda_device, "is_simulator", lambda: False)
    assert lib.launch_shape(10) == (1, 32)                 # one warp covers 10 elements
    assert lib.launch_shape(1000) == (4, 256)
    assert lib.launch_shape(10 ** 9) == (lib.MAX_BLOCKS, 256)
    assert lib.launch_shape(1000, threads=128) == (8, 128)
    assert lib.launch_shape(0) == (1, 1)


def test_launch_shape_on_the_simulator_is_few_threads_that_loop(monkeypatch):
    monkeypatch.setattr(cuda_device, "is_simulator", lambda: True)
    assert lib.launch_shape(10 ** 6) == (lib.SIMULATOR_MAX_BLOCKS, lib.SIMULATOR_THREADS)
