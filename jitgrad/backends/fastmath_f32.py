"""Vectorisable float32 exp, log, tanh, sigmoid, sin and cos for Numba kernels.

Why this module exists: this machine's Numba has no SVML, so ``math.exp`` and friends in a
``prange`` loop become one scalar libm call per element, which stops LLVM's loop vectoriser,
and a fused kernel ends up slower than NumPy. Each function here is plain float32 arithmetic:
range reduction, a polynomial, and 2**n built by integer bit manipulation. There are no calls
and no data-dependent branches (special values are patched in with selects), so after Numba
inlines them LLVM vectorises the whole loop body (8 floats per ymm register on AVX2/AVX-512).

Use them inside ``@numba.njit`` code; ``SCALAR_FUNCTIONS`` maps op names to them. Numba takes
fast-math flags as a plain set (``FASTMATH_FLAGS`` is frozen so that nobody adds nnan to it)::

    @numba.njit(parallel=True, fastmath=set(FASTMATH_FLAGS))
    def kernel(x, y):
        for i in numba.prange(x.shape[0]):
            y[i] = tanh_f32(x[i]) * sigmoid_f32(x[i])

Accuracy, measured exhaustively (all 2**32 bit patterns: every denormal, +-0, +-inf and NaN
payload included) against float64 libm, in ulps of float32 at the exact result (2**-149
below the normals). The relative error is over results that are normal floats. Reproduce with
``JITGRAD_SWEEP_STRIDE=1 pytest tests/backends/test_fastmath_f32.py -s -k sweep`` (9 min on
2 cores; the default run checks every 97th pattern in ~10 s):

    ========  =======  =============  ==============================
    function  max ulp  max rel. err.  worst input
    ========  =======  =============  ==============================
    exp       1.013    8.5e-8         59.306038
    log       1.634    1.3e-7         1.2645314
    tanh      1.330    1.4e-7         0.62830955
    sigmoid   2.402    1.8e-7         -4.157294
    sin       1.576    1.3e-7         2.794678e+26
    cos       1.578    1.3e-7         1.9468792e+09
    ========  =======  =============  ==============================

Special values are exact: exp(-inf)=0, exp(inf)=inf, exp(88.72283)=3.4028e38 and from the
next float32 on inf, denormals down to exp(-103.97)=2**-149, then 0; log(+-0)=-inf,
log(x<0)=nan, log(inf)=inf; tanh(+-inf)=+-1, tanh(-0)=-0; sigmoid(inf)=1, sigmoid(-inf)=0;
sin/cos(+-inf)=nan, sin(-0)=-0; every function maps nan to nan.

sin and cos hold that bound over the whole float32 range: |x| < 2**14 is reduced by
Cody-Waite in float32, larger |x| by an exact integer Payne-Hanek reduction. Both are computed
and one is selected, so the loop stays branch-free; the price is that sin/cos cost ~2.8x what
a Cody-Waite-only version would (1.4 vs 0.5 ns per element on one core here), because the
large path needs 64-bit products and three table gathers per element.

Fast-math: the functions are compiled with ``FASTMATH_FLAGS`` (contract, reassoc, ...) and,
being inlined into the caller, also run under the caller's flags. They are written to be
immune to reassociation: every error-critical sum is an explicit ``llvm.fma`` call (which
reassociation does not look through), rounding to an integer is ``llvm.rint`` rather than the
add-and-subtract-2**23 trick that ``reassoc`` folds away, and 2**n scaling is an integer add
to the exponent field. Callers must *not* use ``nnan``/``ninf`` (``fastmath=True`` includes
them): LLVM may then delete the selects that return nan and inf.
"""
from __future__ import annotations

from fractions import Fraction

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

__all__ = ["exp_f32", "log_f32", "tanh_f32", "sigmoid_f32", "sin_f32", "cos_f32",
           "SCALAR_FUNCTIONS", "FASTMATH_FLAGS"]

# Everything LLVM may do to float code that keeps nan and inf meaningful.
FASTMATH_FLAGS = frozenset({"nsz", "arcp", "contract", "afn", "reassoc"})

_scalar = numba.njit(inline="always", fastmath=set(FASTMATH_FLAGS), cache=True)

F32 = np.float32


# --- LLVM primitives -------------------------------------------------------------------------
# Numba has no scalar fma, rint or float<->int bit cast; these one-instruction intrinsics lower
# to llvm.fma / llvm.rint / bitcast, which vectorise to vfmadd / vroundps / nothing.

def _llvm_intrinsic_call(name, n_args):
    def codegen(context, builder, signature, args):
        f32 = ir.FloatType()
        fn = builder.module.declare_intrinsic(name, [f32], ir.FunctionType(f32, [f32] * n_args))
        return builder.call(fn, args)
    return codegen


@intrinsic
def _fma(typingctx, a, b, c):
    """a * b + c with one rounding."""
    return types.float32(types.float32, types.float32, types.float32), \
        _llvm_intrinsic_call("llvm.fma", 3)


@intrinsic
def _rint(typingctx, x):
    """x rounded to the nearest integer (ties to even), as a float."""
    return types.float32(types.float32), _llvm_intrinsic_call("llvm.rint", 1)


@intrinsic
def _bits(typingctx, x):
    """The IEEE bit pattern of a float32, as int32."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(32))
    return types.int32(types.float32), codegen


@intrinsic
def _from_bits(typingctx, i):
    """The float32 whose bit pattern is the int32 i."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.FloatType())
    return types.float32(types.int32), codegen


# --- Constants ------------------------------------------------------------------------------
# Numba reads module globals as compile-time constants; they are float32 so that no
# expression silently widens to float64 (a Python float literal would).

_ONE = F32(1.0)
_TWO = F32(2.0)
_HALF = F32(0.5)
_INF = F32(np.inf)
_NAN = F32(np.nan)
_SIGN_MASK = np.int32(-(2**31))      # 0x80000000
_FLT_MIN = F32(2.0**-126)            # smallest normal float32


def _pi_times_2_pow(bits: int) -> int:
    """floor(pi * 2**bits) (within a unit), by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239)
    in integer arithmetic, so that every derived constant below has a visible origin."""
    guard = 32
    unity = 1 << (bits + guard)

    def arccot(k):                   # atan(1/k) * unity, Taylor series
        total = term = unity // k
        n, sign = 3, -1
        while term:
            term //= k * k
            total += sign * (term // n)
            n, sign = n + 2, -sign
        return total

    return (16 * arccot(5) - 4 * arccot(239)) >> guard


_PI_BITS = 320
_PI = Fraction(_pi_times_2_pow(_PI_BITS), 2**_PI_BITS)   # pi to ~320 bits


def _float32_split(value: Fraction, parts: int):
    """value = sum of `parts` float32s (+ a remainder below the last one's ulp)."""
    out = []
    for _ in range(parts):
        out.append(F32(float(value)))
        value -= Fraction(float(out[-1]))
    return out


# exp: e**x = 2**n * e**r with n = rint(x / ln2), r = x - n*ln2 in [-ln2/2, ln2/2]. ln2 is
# split in two float32s (Cody-Waite) so n*ln2 is carried to ~48 bits; with fma each step rounds
# once. Valid inputs are clamped to [-104, 89]: below, the result rounds to 0; above, to inf.
_LOG2E = F32(1.4426950408889634)
_LN2_HI, _LN2_LO = _float32_split(Fraction("0.69314718055994530941723212145817657"), 2)
_EXP_LO = F32(-104.0)
_EXP_HI = F32(89.0)
# e**r = 1 + r + r**2 * P(r), P of degree 5: minimax coefficients from Cephes expf.c
# (S. L. Moshier), relative error of the polynomial < 2**-26 on |r| <= ln2/2.
_EXP_P0 = F32(1.9875691500e-4)
_EXP_P1 = F32(1.3981999507e-3)
_EXP_P2 = F32(8.3334519073e-3)
_EXP_P3 = F32(4.1665795894e-2)
_EXP_P4 = F32(1.6666665459e-1)
_EXP_P5 = F32(5.0000001201e-1)

# log: x = 2**k * m with m in [sqrt(1/2), sqrt(2)), log x = k*ln2 + log1p(m - 1).
_SQRT_HALF_BITS = np.int32(0x3F3504F3)           # bit pattern of float32(sqrt(1/2))
_TWO_POW_23 = F32(2.0**23)
_MINUS_23 = F32(-23.0)
_ZERO = F32(0.0)
# ln2 as Cephes splits it: the high part has 9 significant bits, so k*LN2_HI is exact even
# without fma for |k| < 2**15.
_LOG_LN2_HI = F32(0.693359375)
_LOG_LN2_LO = F32(-2.12194440e-4)
# log1p(f) = f - f**2/2 + f**3 * Q(f), Q of degree 8 on f in [sqrt(1/2)-1, sqrt(2)-1]:
# Cephes logf.c coefficients (relative error of the approximation ~ 2**-25).
_LOG_Q0 = F32(7.0376836292e-2)
_LOG_Q1 = F32(-1.1514610310e-1)
_LOG_Q2 = F32(1.1676998740e-1)
_LOG_Q3 = F32(-1.2420140846e-1)
_LOG_Q4 = F32(1.4249322787e-1)
_LOG_Q5 = F32(-1.6668057665e-1)
_LOG_Q6 = F32(2.0000714765e-1)
_LOG_Q7 = F32(-2.4999993993e-1)
_LOG_Q8 = F32(3.3333331174e-1)

# tanh: below |x| = 0.625 an odd polynomial (relative error, so tiny |x| stays exact),
# above it 1 - 2/(e**2|x| + 1), whose cancellation is harmless there (the result is >= 0.55).
# tanh(x) = x + x**3 * T(x**2): Cephes tanhf.c coefficients.
_TANH_SMALL = F32(0.625)
_TANH_T0 = F32(-5.70498872745e-3)
_TANH_T1 = F32(2.06390887954e-2)
_TANH_T2 = F32(-5.37397155531e-2)
_TANH_T3 = F32(1.33314422036e-1)
_TANH_T4 = F32(-3.33332819422e-1)

# sin/cos, |x| < 2**14: n = rint(|x| * 2/pi), r = |x| - n*pi/2 with pi/2 split into three
# float32s (Cody-Waite). The first fma step is exact (the difference fits in 24 bits), the
# other two round once relative to r, and the split's own error, n * |pi/2 - sum| <= 1.1e-19,
# is tiny against the smallest |r| in this range, 4.2e-9 (x = 252.89821, next to 161*pi/2;
# found by checking the float32s around every k*pi/2 < 2**14).
_TWO_OVER_PI = F32(float(2 / _PI))
_PIO2_1, _PIO2_2, _PIO2_3 = _float32_split(_PI / 2, 3)
_CODY_WAITE_LIMIT = F32(2.0**14)
# sin r = r + r**3 * S(r**2), cos r = 1 - r**2/2 + r**4 * C(r**2) on |r| <= pi/4:
# Cephes sinf.c / cosf.c coefficients.
_SIN_S0 = F32(-1.9515295891e-4)
_SIN_S1 = F32(8.3321608736e-3)
_SIN_S2 = F32(-1.6666654611e-1)
_COS_C0 = F32(2.443315711809948e-5)
_COS_C1 = F32(-1.388731625493765e-3)
_COS_C2 = F32(4.166664568298827e-2)


def _payne_hanek_windows():
    """For each biased exponent e, the 96 bits of 2/pi that matter for a float with that
    exponent, as three uint32 words (most significant first).

    |x| = M * 2**E with M the 24-bit integer significand, E = e - 150. In x * 2/pi the bits
    of 2/pi worth 2**-k with k <= E - 2 only contribute multiples of 4 (whole turns), so the
    window starts at bit E - 1. Then M * window, taken mod 2**96, is (x * 2/pi mod 4) in
    fixed point with 94 fraction bits; the bits of 2/pi past the window contribute < 2**-70.
    """
    bits = 256                                      # enough for e up to 254 (k0 + 95 = e - 56)
    two_over_pi = (2 << (bits + _PI_BITS)) // _pi_times_2_pow(_PI_BITS)   # floor(2/pi * 2**bits)
    words = np.zeros((3, 256), dtype=np.uint32)
    for e in range(256):
        window = (two_over_pi >> (bits - (e - 56))) & (2**96 - 1)
        for i in range(3):
            words[i, e] = (window >> (64 - 32 * i)) & 0xFFFFFFFF
    return words[0].copy(), words[1].copy(), words[2].copy()


_PH_W0, _PH_W1, _PH_W2 = _payne_hanek_windows()
_U32 = np.uint64(32)
_U62 = np.uint64(62)
_U_HALF_QUADRANT = np.uint64(1 << 61)               # 0.5 in the 2.62 fixed point
_PIO2_TIMES_2_POW_M62 = float(_PI / 2 / 2**62)      # fixed-point unit -> radians (float64)


# --- exp ------------------------------------------------------------------------------------

@_scalar
def exp_f32(x):
    """e**x in float32 (1.01 ulp); overflow to inf, gradual underflow to the denormals."""
    x = F32(x)
    clamped = x if x > _EXP_LO else _EXP_LO        # a nan lands on _EXP_LO; patched below
    clamped = clamped if clamped < _EXP_HI else _EXP_HI
    n = _rint(clamped * _LOG2E)
    r = _fma(n, -_LN2_HI, clamped)
    r = _fma(n, -_LN2_LO, r)
    p = _fma(_fma(_fma(_fma(_fma(_EXP_P0, r, _EXP_P1), r, _EXP_P2), r, _EXP_P3), r, _EXP_P4),
             r, _EXP_P5)
    y = _fma(r * r, p, r) + _ONE                   # e**r in [0.70, 1.42]
    # 2**n for n in [-150, 128] is not one float32, so scale in two halves: the first goes
    # straight into y's exponent field (exact, y stays normal), the second is a multiply, the
    # single rounding that produces inf or a correctly placed denormal.
    n_int = np.int32(n)
    n_first = n_int >> 1
    n_second = n_int - n_first
    y = _from_bits(np.int32(_bits(y) + (n_first << 23)))
    y = y * _from_bits(np.int32((n_second + 127) << 23))
    return y if x == x else x


# --- log ------------------------------------------------------------------------------------

@_scalar
def log_f32(x):
    """Natural log in float32 (1.63 ulp, denormal inputs included); log(0) = -inf,
    log(x < 0) = nan."""
    x = F32(x)
    # A denormal has no implicit leading bit; scale it into the normal range first.
    denormal = x < _FLT_MIN
    scaled = x * _TWO_POW_23 if denormal else x
    k_offset = _MINUS_23 if denormal else _ZERO
    # Subtracting the bits of sqrt(1/2) makes the exponent field of the difference the k for
    # which m = x / 2**k lands in [sqrt(1/2), sqrt(2)): log1p is then evaluated on the
    # narrowest interval, and near x = 1 (k = 0, m = x) f = m - 1 is exact.
    ix = _bits(scaled)
    k = (ix - _SQRT_HALF_BITS) >> 23
    m = _from_bits(np.int32(ix - (k << 23)))
    kf = F32(k) + k_offset
    f = m - _ONE
    z = f * f
    q = _fma(_fma(_fma(_fma(_fma(_fma(_fma(_fma(_LOG_Q0, f, _LOG_Q1), f, _LOG_Q2), f, _LOG_Q3),
                                      f, _LOG_Q4), f, _LOG_Q5), f, _LOG_Q6), f, _LOG_Q7),
             f, _LOG_Q8)
    tail = _fma(z, -_HALF, f * z * q)               # -f**2/2 + f**3 Q(f): small against f
    tail = _fma(kf, _LOG_LN2_LO, tail)
    y = _fma(kf, _LOG_LN2_HI, f + tail)
    y = y if x > _ZERO else (-_INF if x == _ZERO else _NAN)
    return y if x < _INF else x                      # log(inf) = inf, log(nan) = nan


# --- tanh and sigmoid -----------------------------------------------------------------------

@_scalar
def _times_sign_of(value, sign_source):
    """value, negated when sign_source has its sign bit set (-0 included). Done on the bits
    because nsz lets LLVM drop the sign of a zero in arithmetic such as -1 * 0."""
    return _from_bits(np.int32(_bits(value) ^ (_bits(sign_source) & _SIGN_MASK)))


@_scalar
def tanh_f32(x):
    """tanh in float32 (1.33 ulp, so also relative accuracy for tiny |x|); tanh(+-inf) = +-1."""
    x = F32(x)
    a = abs(x)
    z = a * a
    t = _fma(_fma(_fma(_fma(_TANH_T0, z, _TANH_T1), z, _TANH_T2), z, _TANH_T3), z, _TANH_T4)
    small = _fma(a * z, t, a)
    large = _ONE - _TWO / (exp_f32(a + a) + _ONE)     # exp overflow -> inf -> exactly 1
    return _times_sign_of(small if a < _TANH_SMALL else large, x)   # nan takes `large`: nan


@_scalar
def sigmoid_f32(x):
    """1 / (1 + e**-x) in float32 (2.4 ulp), with full relative precision in the left tail.

    With t = e**-|x| <= 1 nothing overflows: sigmoid(x) = 1/(1+t) for x >= 0 and t/(1+t) for
    x < 0, so the left tail keeps the relative accuracy of exp (sigmoid(-20) = 2.0611537e-9)
    and reaches the denormals (sigmoid(-100) = 3.8e-44) instead of cancelling 1 - (...) to 0.
    """
    x = F32(x)
    t = exp_f32(-abs(x))
    return (t if x < _ZERO else _ONE) / (_ONE + t)     # one division, rounded once


# --- sin and cos ----------------------------------------------------------------------------

@_scalar
def _reduce_quadrant(a):
    """For finite a = |x| >= 0: (r, n) with a = n*pi/2 + r, |r| <= ~pi/4, n mod 4 in int32.

    Both reductions are computed and one selected, which keeps the caller branch-free.
    """
    # Cody-Waite for a < 2**14: n is exact, and so is a - n*PIO2_1 (it fits in 24 bits).
    small = a < _CODY_WAITE_LIMIT
    a_small = a if small else _ZERO                   # keeps n in int32 range on either path
    n = _rint(a_small * _TWO_OVER_PI)
    r_small = _fma(n, -_PIO2_1, a_small)
    r_small = _fma(n, -_PIO2_2, r_small)
    r_small = _fma(n, -_PIO2_3, r_small)
    # Payne-Hanek for the rest: exact integer product of the 24-bit significand with the 96
    # bits of 2/pi that matter at this exponent, kept mod 2**96 (mod 4 quadrants) and read as
    # 2.62 fixed point. Its truncations are < 2**-61 quadrants; the smallest |r| of any float32
    # >= 2**14 is 1.6e-9 rad = 2**-29.9 quadrants (enumerated), so r keeps >= 31 good bits.
    bits = _bits(a)
    exponent = bits >> 23
    significand = np.uint64((bits & 0x7FFFFF) | 0x800000)
    # (M * window) >> 32 mod 2**64, from three 32x32->64-bit products (uint32 tables keep
    # the gathers narrow and let LLVM use vpmuludq); dropping the low 32 bits of M * w2
    # truncates by less than 2**-62 quadrants.
    fixed = ((significand * np.uint64(_PH_W0[exponent])) << _U32) \
        + significand * np.uint64(_PH_W1[exponent]) \
        + ((significand * np.uint64(_PH_W2[exponent])) >> _U32)
    quadrant = (fixed + _U_HALF_QUADRANT) >> _U62     # nearest quadrant (wraps to 0 mod 4)
    fraction = np.int64(fixed - (quadrant << _U62))   # in [-2**61, 2**61)
    r_large = F32(np.float64(fraction) * _PIO2_TIMES_2_POW_M62)
    return (r_small if small else r_large), np.int32(n if small else quadrant)


@_scalar
def _sin_of_quadrant(r, n):
    """sin(r + n*pi/2) for |r| <= pi/4: the sin or cos polynomial, and the sign, by n mod 4."""
    z = r * r
    sin_r = _fma(r * z, _fma(_fma(_SIN_S0, z, _SIN_S1), z, _SIN_S2), r)
    cos_r = _fma(z * z, _fma(_fma(_COS_C0, z, _COS_C1), z, _COS_C2), _fma(z, -_HALF, _ONE))
    value = cos_r if n & 1 else sin_r
    return _from_bits(np.int32(_bits(value) ^ ((n & 2) << 30)))   # quadrants 2, 3: negate


@_scalar
def sin_f32(x):
    """sin in float32 (1.58 ulp over the whole float32 range); sin(-0) = -0, sin(+-inf) = nan."""
    x = F32(x)
    a = abs(x)
    r, n = _reduce_quadrant(a)
    y = _times_sign_of(_sin_of_quadrant(r, n), x)      # sin is odd: reduce |x|, restore sign
    return y if a < _INF else x - x                   # inf - inf = nan; nan stays nan


@_scalar
def cos_f32(x):
    """cos in float32 (1.58 ulp over the whole float32 range); cos(+-inf) = nan."""
    x = F32(x)
    a = abs(x)
    r, n = _reduce_quadrant(a)
    y = _sin_of_quadrant(r, np.int32(n + 1))          # cos(t) = sin(t + pi/2)
    return y if a < _INF else x - x


SCALAR_FUNCTIONS = {
    "exp": exp_f32,
    "log": log_f32,
    "tanh": tanh_f32,
    "sigmoid": sigmoid_f32,
    "sin": sin_f32,
    "cos": cos_f32,
}
