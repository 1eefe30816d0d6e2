"""The CUDA target's hand-written kernels: matrix products, gathers, fills, finishing reductions.

The generated kernels (``cuda.py``) cover fused elementwise groups and the first stage of
reductions; what they call for everything else is here, each kernel beside the host function
that launches it:

* ``matmul(a, b)``: NumPy's ``matmul`` — 1-D operands, batch broadcasting and all — as one
  tiled kernel. Each block computes a 16x16 tile of the product, staging 16x16 tiles of both
  operands in shared memory, so every element loaded from global memory is used 16 times. A
  broadcast operand is read with batch stride 0: nothing is materialised.
* ``gather(source, index, dtype)``: any pure movement of elements (permute, expand, slicing,
  casts) as ``out.flat[j] = source.flat[index.flat[j]]``, converted to ``dtype``.
* ``fill(out, value)``: every element set to one number.
* ``finish_rows(partials, out, kind, scale)``: the second stage of a reduction split over
  several blocks per output: one block per output combines that output's partial results.

Every kernel takes 1-D (flat) views of C-contiguous arrays and does its own index arithmetic:
one kernel then serves every rank, and batch strides are plain integers.

Kernels call no ``@cuda.jit(device=True)`` functions, no ``register_jitable`` ones, and not
even the built-in ``min``/``max`` (Numba's CUDA target implements them as device functions):
with those, ``numba.cuda.compile_ptx`` asks the driver for the current GPU, and the kernels
could not be type-checked on a machine without one (``KERNEL_SIGNATURES`` lists what a test
compiles). So repeated pieces — the NaN-propagating max in ``finish_rows_kernel`` — are
written out in place; plain Python helpers live on the host side only.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from numba import cuda

from . import cuda_device

TILE = 16                 # a matmul block is TILE x TILE threads, one per output element
# CUDA limits the y and z grid dimensions to 65535 blocks; matmul loops over row tiles and
# batch entries beyond them (module constants, so that a test can lower them)
MAX_GRID_Y = 65535
MAX_GRID_Z = 65535
# Grid-stride loops are correct with any number of blocks. The number of SMs (which would
# size the grid: a few blocks per SM) is unknown without asking a GPU, and a module that
# type-checks without one should not ask; 4096 blocks of 256 threads fill every current GPU
# (an H100 has 132 SMs of at most 2048 resident threads: 1056 such blocks), while a larger
# array makes each thread loop a few more times instead.
MAX_BLOCKS = 4096
WARP = 32
# The simulator runs every CUDA thread as a Python thread, created afresh per block: there,
# few threads that each loop many times are much quicker than many threads looping once.
SIMULATOR_MAX_BLOCKS = 4
SIMULATOR_THREADS = 32
# most threads of a tree-reduction block (finish_rows', and the generated reductions' in
# cuda.py): its shared array's size, a power of two; fewer in the simulator, as above
FINISH_THREADS = 256
SIMULATOR_FINISH_THREADS = 16
KINDS = {"sum": 0, "max": 1, "min": 2}
_SUM, _MAX, _MIN = KINDS["sum"], KINDS["max"], KINDS["min"]
_MATMUL_CORE = "(n?,k),(k,m?)->(n?,m?)"    # NumPy's gufunc signature, for its error wording


def launch_shape(n: int, threads: int = 256) -> tuple[int, int]:
    """(blocks, threads per block) for a grid-stride loop over `n` elements.

    Fewer threads than asked when `n` is small (a whole number of warps, as few as cover n);
    at most ``MAX_BLOCKS`` blocks however large `n` is."""
    most_blocks = MAX_BLOCKS
    if cuda_device.is_simulator():
        threads, most_blocks = min(threads, SIMULATOR_THREADS), SIMULATOR_MAX_BLOCKS
    threads = max(1, min(threads, WARP * math.ceil(n / WARP)))
    blocks = max(1, min(most_blocks, math.ceil(n / threads)))
    return blocks, threads


def tree_threads() -> int:
    """Threads per block of a shared-memory tree reduction."""
    return SIMULATOR_FINISH_THREADS if cuda_device.is_simulator() else FINISH_THREADS


def _flat(array):
    """A 1-D view of C-contiguous device array `array` (a 0-d array: one element)."""
    if not array.flags["C_CONTIGUOUS"]:
        raise ValueError(f"cuda_library kernels take C-contiguous device arrays; got one of shape "
                         f"{tuple(array.shape)} that is not")
    return array.reshape(array.size)


# ---------------------------------------------------------------------------------------------
# matmul


@cuda.jit(cache=True)
def matmul_kernel(a, b, out, m, k, n, outer, inner, a_outer_stride, a_inner_stride,
                  b_outer_stride, b_inner_stride):
    """out[batch] = a[batch] @ b[batch] for (m, k) @ (k, n) matrices, all arrays flat.

    The batch is two nested dims, ``outer`` x ``inner`` (``matmul`` collapses NumPy's batch
    dims to these), each with a stride in elements per operand: 0 where it broadcasts. Block
    (x, y, z) computes the output tile in column tile x, row tile y, of batch entry z — and of
    y + gridDim.y, z + gridDim.z, ... when the grid is smaller than the product."""
    a_tile = cuda.shared.array((TILE, TILE), a.dtype)
    b_tile = cuda.shared.array((TILE, TILE), b.dtype)
    tx = cuda.threadIdx.x          # x follows columns: a warp reads consecutive elements of b
    ty = cuda.threadIdx.y
    col = cuda.blockIdx.x * TILE + tx
    row_tiles = (m + TILE - 1) // TILE
    k_tiles = (k + TILE - 1) // TILE
    # Every loop below runs the same number of times for all threads of a block (its bounds
    # depend on block coordinates only), so all of them reach every syncthreads(); threads
    # outside the matrices load zeros and store nothing instead of leaving early.
    batch = cuda.blockIdx.z
    while batch < outer * inner:
        a_start = (batch // inner) * a_outer_stride + (batch % inner) * a_inner_stride
        b_start = (batch // inner) * b_outer_stride + (batch % inner) * b_inner_stride
        out_start = batch * m * n
        row_tile = cuda.blockIdx.y
        while row_tile < row_tiles:
            row = row_tile * TILE + ty
            total = out.dtype.type(0)
            for step in range(k_tiles):
                a_col = step * TILE + tx
                b_row = step * TILE + ty
                # zeros past k are exact: those positions multiply zero by zero
                if row < m and a_col < k:
                    a_tile[ty, tx] = a[a_start + row * k + a_col]
                else:
                    a_tile[ty, tx] = 0
                if b_row < k and col < n:
                    b_tile[ty, tx] = b[b_start + b_row * n + col]
                else:
                    b_tile[ty, tx] = 0
                cuda.syncthreads()
                for i in range(TILE):
                    total += a_tile[ty, i] * b_tile[i, tx]
                cuda.syncthreads()        # before the next step overwrites the tiles
            if row < m and col < n:
                out[out_start + row * n + col] = total
            row_tile += cuda.gridDim.y
        batch += cuda.gridDim.z


def matmul(a, b):
    """``np.matmul(a, b)`` of two device arrays of one dtype, as a new C-contiguous device array.

    1-D operands as NumPy: a vector on the left is a row (its dim dropped from the result), on
    the right a column; 1-D @ 1-D is the dot product, a 0-d array. Batch dims broadcast."""
    if a.dtype != b.dtype:
        raise TypeError(f"matmul: operands must have one dtype; got {a.dtype} and {b.dtype}")
    for position, operand in enumerate((a, b)):
        if operand.ndim == 0:
            raise ValueError(f"matmul: Input operand {position} does not have enough dimensions "
                             f"(has 0, gufunc core with signature {_MATMUL_CORE} requires 1)")
    a_shape = (1,) + tuple(a.shape) if a.ndim == 1 else tuple(a.shape)
    b_shape = tuple(b.shape) + (1,) if b.ndim == 1 else tuple(b.shape)
    (m, k), (k_b, n) = a_shape[-2:], b_shape[-2:]
    if k != k_b:
        raise ValueError(f"matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                         f"gufunc signature {_MATMUL_CORE} (size {k_b} is different from {k})")
    try:
        batch_shape = np.broadcast_shapes(a_shape[:-2], b_shape[:-2])
    except ValueError:
        raise ValueError(f"matmul: operands could not be broadcast together: batch dims "
                         f"{a_shape[:-2]} and {b_shape[:-2]} (shapes {tuple(a.shape)}, "
                         f"{tuple(b.shape)})") from None
    shape = batch_shape + ((m,) if a.ndim > 1 else ()) + ((n,) if b.ndim > 1 else ())
    out = cuda_device.empty(shape, a.dtype)
    if out.size == 0:
        return out
    if k == 0:                       # a sum of no products
        fill(out, 0)
        return out
    dims = _batch_dims(batch_shape, a_shape[:-2], b_shape[:-2], m * k, k * n)
    a_flat, b_flat, out_flat = _flat(a), _flat(b), _flat(out)
    # the kernel takes the last two batch dims; dims before those (left only where broadcasts
    # alternate between the operands: (2, 1, 2) against (1, 3, 1)) are a loop here, one
    # launch per index, on views of the operands that start that much further on
    dims = [(1, 0, 0)] * max(0, 2 - len(dims)) + dims
    *looped, (outer, a_outer, b_outer), (inner, a_inner, b_inner) = dims
    per_launch = outer * inner * m * n
    grid = (math.ceil(n / TILE), min(math.ceil(m / TILE), MAX_GRID_Y), min(outer * inner, MAX_GRID_Z))
    for launch, index in enumerate(itertools.product(*(range(size) for size, _, _ in looped))):
        a_start = sum(i * a_stride for i, (_, a_stride, _) in zip(index, looped))
        b_start = sum(i * b_stride for i, (_, _, b_stride) in zip(index, looped))
        out_start = launch * per_launch
        matmul_kernel[grid, (TILE, TILE)](
            a_flat[a_start:], b_flat[b_start:], out_flat[out_start:out_start + per_launch],
            m, k, n, outer, inner, a_outer, a_inner, b_outer, b_inner)
    return out


def _batch_dims(batch_shape, a_batch, b_batch, a_matrix, b_matrix):
    """NumPy's batch dims as few as possible: a (size, a stride, b stride) per dim, strides in
    elements, 0 where an operand broadcasts. Size-1 dims go; neighbours merge when both
    operands step through them as through one dim (as contiguous ones, or both broadcast)."""
    a_strides = _broadcast_strides(a_batch, batch_shape, a_matrix)
    b_strides = _broadcast_strides(b_batch, batch_shape, b_matrix)
    dims = []
    for size, a_stride, b_stride in zip(batch_shape, a_strides, b_strides):
        if size == 1:
            continue
        if dims and dims[-1][1] == a_stride * size and dims[-1][2] == b_stride * size:
            dims[-1] = (dims[-1][0] * size, a_stride, b_stride)
        else:
            dims.append((size, a_stride, b_stride))
    return dims


def _broadcast_strides(shape, target, matrix_size):
    """Strides in elements of C-contiguous batch dims `shape` (each entry a matrix of
    `matrix_size` elements) read as broadcast to `target`: 0 on the dims it broadcasts."""
    shape = (1,) * (len(target) - len(shape)) + tuple(shape)
    strides, step = [], matrix_size
    for size in reversed(shape):
        strides.append(step if size != 1 else 0)
        step *= size
    return strides[::-1]


# ---------------------------------------------------------------------------------------------
# gather and fill


@cuda.jit(cache=True)
def gather_kernel(source, index, out):
    """out[j] = source[index[j]], converted to out's dtype, over flat arrays (grid-stride).

    The conversion is Numba's cast on the store, which is NumPy's ``astype``: floating to
    integer truncates toward zero, to bool is ``value != 0`` (NaN is true)."""
    j = cuda.grid(1)
    step = cuda.gridsize(1)
    while j < out.size:
        out[j] = source[index[j]]
        j += step


def gather(source, index, dtype):
    """A new device array shaped like `index` (an int64 device array of flat element numbers
    into C-contiguous `source`): ``out.flat[j] = dtype(source.flat[index.flat[j]])``."""
    out = cuda_device.empty(index.shape, dtype)
    if out.size:
        blocks, threads = launch_shape(out.size)
        gather_kernel[blocks, threads](_flat(source), _flat(index), _flat(out))
    return out


@cuda.jit(cache=True)
def fill_kernel(out, value):
    """out[j] = value over a flat array (grid-stride); `value` has out's dtype already."""
    j = cuda.grid(1)
    step = cuda.gridsize(1)
    while j < out.size:
        out[j] = value
        j += step


def fill(out, value):
    """Set every element of device array `out` to `value`, converted to out's dtype as NumPy's
    ``astype`` converts (a float into an integer array truncates toward zero)."""
    if out.size:
        typed = np.asarray(value).astype(out.dtype)[()]   # one kernel signature per dtype
        blocks, threads = launch_shape(out.size)
        fill_kernel[blocks, threads](_flat(out), typed)


# ---------------------------------------------------------------------------------------------
# finishing a reduction


@cuda.jit(cache=True)
def finish_rows_kernel(partials, out, kind, scale):
    """out[row] = the `kind` reduction of partials[row, :], times `scale` for a sum: block
    ``row``'s threads first each combine every blockDim-th partial, then halve a shared array
    of their results until thread 0 holds the row's.

    No identity element is needed (and none exists for max over a generic dtype in a kernel):
    a thread starts from its first partial, and the tree only combines slots that hold
    values — ``valid`` of them, shrinking as the tree halves. Max and min propagate NaN, as
    ``np.maximum`` and torch's max do: ``a`` wins when it is NaN, and ``b`` whenever ``a > b``
    fails, which it does when ``b`` is NaN."""
    held = cuda.shared.array(FINISH_THREADS, partials.dtype)
    t = cuda.threadIdx.x
    row = cuda.blockIdx.x
    width = partials.shape[1]
    threads = cuda.blockDim.x
    if t < width:
        total = partials[row, t]
        j = t + threads
        while j < width:
            value = partials[row, j]
            if kind == _SUM:
                total = total + value
            elif kind == _MAX:
                total = total if (total > value or total != total) else value
            else:
                total = total if (total < value or total != total) else value
            j += threads
        held[t] = total
    cuda.syncthreads()
    valid = width if width < threads else threads
    half = threads // 2
    while half > 0:
        if t < half and t + half < valid:
            a = held[t]
            b = held[t + half]
            if kind == _SUM:
                held[t] = a + b
            elif kind == _MAX:
                held[t] = a if (a > b or a != a) else b
            else:
                held[t] = a if (a < b or a != a) else b
        cuda.syncthreads()
        valid = valid if valid < half else half
        half //= 2
    if t == 0:
        if kind == _SUM and scale != 1.0:
            out[row] = held[0] * scale
        else:
            out[row] = held[0]          # exact, for integers too


def finish_rows(partials, out, kind: str, scale: float = 1.0):
    """For each row of 2-D device array `partials` (rows, k), reduce its k partial results —
    ``kind`` "sum" (times `scale`: 1/n makes it a mean), "max" or "min" — into out.flat[row]."""
    if kind not in KINDS:
        raise ValueError(f"finish_rows: kind must be one of {sorted(KINDS)}; got {kind!r}")
    rows, width = partials.shape
    if rows != out.size:
        raise ValueError(f"finish_rows: {rows} rows of partials for {out.size} outputs")
    if rows == 0:
        return
    if width == 0:
        raise ValueError("finish_rows: every row needs at least one partial result")
    threads = min(tree_threads(), 1 << (width - 1).bit_length())      # a power of two: the tree halves it
    finish_rows_kernel[rows, threads](partials, _flat(out), KINDS[kind], float(scale))


# ---------------------------------------------------------------------------------------------
# what a test compiles to PTX (no GPU needed): every kernel, for the dtypes jitgrad uses


def _array_type(dtype, ndim=1):
    """Numba's spelling of a C-contiguous array type: ``float32[:, ::1]``."""
    return f"{dtype}[{', '.join([':'] * (ndim - 1) + ['::1'])}]"


def _signatures():
    """The argument types jitgrad launches each kernel with: the four numeric dtypes and bool
    (gather: every pair of its dtypes, a cast), sizes and strides as int64."""
    numeric = ("float32", "float64", "int32", "int64")
    pairs = []
    for dt in numeric:
        matrix = _array_type(dt)
        pairs.append((matmul_kernel.py_func, f"void({matrix}, {matrix}, {matrix}, {', '.join(['int64'] * 9)})"))
    cast_types = ("float32", "float64", "int64", "boolean")
    for source_type, out_type in itertools.product(cast_types, repeat=2):
        pairs.append((gather_kernel.py_func,
                      f"void({_array_type(source_type)}, {_array_type('int64')}, {_array_type(out_type)})"))
    for dt in numeric + ("boolean",):
        pairs.append((fill_kernel.py_func, f"void({_array_type(dt)}, {dt})"))
        pairs.append((finish_rows_kernel.py_func,
                      f"void({_array_type(dt, 2)}, {_array_type(dt)}, int64, float64)"))
    return pairs


# (the Python function of a kernel, a Numba signature string) for every kernel above
KERNEL_SIGNATURES = _signatures()
