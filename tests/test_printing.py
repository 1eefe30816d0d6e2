"""repr(tensor) must print exactly what PyTorch 2.x prints for the same values.

Every expected string below was produced by torch 2.13 (repr of the same tensor, with torch's
own suffix wrapping applied to the jitgrad-named suffixes: ``dtype=jitgrad.int32`` is two
characters longer than torch's name); torch itself is not needed to run these tests.
``RANDOM_CASES`` are random tensors of every dtype, shape and print option, recorded the same way.
"""

import numpy
import pytest
from numpy import arange, array, inf, nan

import jitgrad as jg
from jitgrad.printing import tensor_repr

NAN, INF = nan, inf

CASES = [
    pytest.param(
        array(4.0, numpy.float32),
        [],
        'tensor(4.)',
        id='scalar_int_valued_float',
    ),
    pytest.param(
        array(3.14159),
        ['dtype=jitgrad.float64'],
        'tensor(3.1416, dtype=jitgrad.float64)',
        id='scalar_fixed_float64',
    ),
    pytest.param(
        array(True),
        [],
        'tensor(True)',
        id='scalar_bool',
    ),
    pytest.param(
        array(-7),
        [],
        'tensor(-7)',
        id='scalar_int',
    ),
    pytest.param(
        array(1 + 2j, numpy.complex64),
        [],
        'tensor(1.+2.j)',
        id='scalar_complex',
    ),
    pytest.param(
        array(nan, numpy.float32),
        [],
        'tensor(nan)',
        id='scalar_nan',
    ),
    pytest.param(
        array([1, -20, 300]),
        [],
        'tensor([  1, -20, 300])',
        id='ints_right_aligned',
    ),
    pytest.param(
        array([5, 0, -1], numpy.int32),
        ['dtype=jitgrad.int32'],
        'tensor([ 5,  0, -1], dtype=jitgrad.int32)',
        id='int32',
    ),
    pytest.param(
        array([True, False, True]),
        [],
        'tensor([ True, False,  True])',
        id='bools',
    ),
    pytest.param(
        array([1.0, -2.0, 30.0], numpy.float32),
        [],
        'tensor([ 1., -2., 30.])',
        id='int_valued_floats',
    ),
    pytest.param(
        array([4.5, -1.25, 0.1], numpy.float32),
        [],
        'tensor([ 4.5000, -1.2500,  0.1000])',
        id='fixed_point',
    ),
    pytest.param(
        array([1.0, 1000.0], numpy.float32),
        [],
        'tensor([   1., 1000.])',
        id='ratio_1000_stays_fixed',
    ),
    pytest.param(
        array([1.0, 1001.0], numpy.float32),
        [],
        'tensor([1.0000e+00, 1.0010e+03])',
        id='ratio_over_1000_goes_sci',
    ),
    pytest.param(
        array([1.5e9, 2.0], numpy.float32),
        [],
        'tensor([1.5000e+09, 2.0000e+00])',
        id='max_over_1e8_goes_sci',
    ),
    pytest.param(
        array([5e-5, 0.5], numpy.float32),
        [],
        'tensor([5.0000e-05, 5.0000e-01])',
        id='min_under_1e-4_goes_sci',
    ),
    pytest.param(
        array([1e-4], numpy.float32),
        [],
        'tensor([1.0000e-04])',
        id='float32_1e-4_is_just_below',
    ),
    pytest.param(
        array([1e-4]),
        ['dtype=jitgrad.float64'],
        'tensor([0.0001], dtype=jitgrad.float64)',
        id='float64_1e-4_is_not',
    ),
    pytest.param(
        array([1.5, nan, inf, -inf], numpy.float32),
        [],
        'tensor([1.5000,    nan,    inf,   -inf])',
        id='nan_inf_among_values',
    ),
    pytest.param(
        array([0.0, nan, -inf], numpy.float32),
        [],
        'tensor([0., nan, -inf])',
        id='only_zero_and_nonfinite',
    ),
    pytest.param(
        array([-0.0, 0.0, 1.0], numpy.float32),
        [],
        'tensor([-0., 0., 1.])',
        id='negative_zero',
    ),
    pytest.param(
        array([-0.0, 2.5], numpy.float32),
        [],
        'tensor([-0.0000, 2.5000])',
        id='negative_zero_fixed',
    ),
    pytest.param(
        array([], numpy.float32),
        [],
        'tensor([])',
        id='empty_1d',
    ),
    pytest.param(
        numpy.zeros((0, 3), numpy.int64),
        ['dtype=jitgrad.int64'],
        'tensor([], size=(0, 3), dtype=jitgrad.int64)',
        id='empty_2d_size_suffix',
    ),
    pytest.param(
        numpy.zeros((2, 0, 1), numpy.float32),
        [],
        'tensor([], size=(2, 0, 1))',
        id='empty_3d_size_suffix',
    ),
    pytest.param(
        array([[1.0, 2.5], [-3.0, 4.0]], numpy.float32),
        [],
        (
            'tensor([[ 1.0000,  2.5000],\n'
            '        [-3.0000,  4.0000]])'
        ),
        id='matrix',
    ),
    pytest.param(
        arange(12).reshape(2, 2, 3),
        [],
        (
            'tensor([[[ 0,  1,  2],\n'
            '         [ 3,  4,  5]],\n'
            '\n'
            '        [[ 6,  7,  8],\n'
            '         [ 9, 10, 11]]])'
        ),
        id='cube_blank_line_between_blocks',
    ),
    pytest.param(
        arange(16.0, dtype=numpy.float32).reshape(2, 2, 2, 2),
        [],
        (
            'tensor([[[[ 0.,  1.],\n'
            '          [ 2.,  3.]],\n'
            '\n'
            '         [[ 4.,  5.],\n'
            '          [ 6.,  7.]]],\n'
            '\n'
            '\n'
            '        [[[ 8.,  9.],\n'
            '          [10., 11.]],\n'
            '\n'
            '         [[12., 13.],\n'
            '          [14., 15.]]]])'
        ),
        id='4d_two_blank_lines',
    ),
    pytest.param(
        arange(30, dtype=numpy.float32) * 1.5,
        [],
        (
            'tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,\n'
            '        12.0000, 13.5000, 15.0000, 16.5000, 18.0000, 19.5000, 21.0000, 22.5000,\n'
            '        24.0000, 25.5000, 27.0000, 28.5000, 30.0000, 31.5000, 33.0000, 34.5000,\n'
            '        36.0000, 37.5000, 39.0000, 40.5000, 42.0000, 43.5000])'
        ),
        id='long_row_wraps_floats',
    ),
    pytest.param(
        arange(40),
        [],
        (
            'tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n'
            '        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n'
            '        36, 37, 38, 39])'
        ),
        id='long_row_wraps_ints',
    ),
    pytest.param(
        arange(60, dtype=numpy.float32).reshape(2, 30) / 7,
        [],
        (
            'tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,\n'
            '         1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,\n'
            '         2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,\n'
            '         3.8571, 4.0000, 4.1429],\n'
            '        [4.2857, 4.4286, 4.5714, 4.7143, 4.8571, 5.0000, 5.1429, 5.2857, 5.4286,\n'
            '         5.5714, 5.7143, 5.8571, 6.0000, 6.1429, 6.2857, 6.4286, 6.5714, 6.7143,\n'
            '         6.8571, 7.0000, 7.1429, 7.2857, 7.4286, 7.5714, 7.7143, 7.8571, 8.0000,\n'
            '         8.1429, 8.2857, 8.4286]])'
        ),
        id='nested_rows_wrap',
    ),
    pytest.param(
        arange(1001),
        [],
        'tensor([   0,    1,    2,  ...,  998,  999, 1000])',
        id='summarised_1d',
    ),
    pytest.param(
        arange(2000, dtype=numpy.float32).reshape(40, 50),
        [],
        (
            'tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,\n'
            '         4.9000e+01],\n'
            '        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,\n'
            '         9.9000e+01],\n'
            '        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,\n'
            '         1.4900e+02],\n'
            '        ...,\n'
            '        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,\n'
            '         1.8990e+03],\n'
            '        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,\n'
            '         1.9490e+03],\n'
            '        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,\n'
            '         1.9990e+03]])'
        ),
        id='summarised_2d',
    ),
    pytest.param(
        arange(1331).reshape(11, 11, 11),
        [],
        (
            'tensor([[[   0,    1,    2,  ...,    8,    9,   10],\n'
            '         [  11,   12,   13,  ...,   19,   20,   21],\n'
            '         [  22,   23,   24,  ...,   30,   31,   32],\n'
            '         ...,\n'
            '         [  88,   89,   90,  ...,   96,   97,   98],\n'
            '         [  99,  100,  101,  ...,  107,  108,  109],\n'
            '         [ 110,  111,  112,  ...,  118,  119,  120]],\n'
            '\n'
            '        [[ 121,  122,  123,  ...,  129,  130,  131],\n'
            '         [ 132,  133,  134,  ...,  140,  141,  142],\n'
            '         [ 143,  144,  145,  ...,  151,  152,  153],\n'
            '         ...,\n'
            '         [ 209,  210,  211,  ...,  217,  218,  219],\n'
            '         [ 220,  221,  222,  ...,  228,  229,  230],\n'
            '         [ 231,  232,  233,  ...,  239,  240,  241]],\n'
            '\n'
            '        [[ 242,  243,  244,  ...,  250,  251,  252],\n'
            '         [ 253,  254,  255,  ...,  261,  262,  263],\n'
            '         [ 264,  265,  266,  ...,  272,  273,  274],\n'
            '         ...,\n'
            '         [ 330,  331,  332,  ...,  338,  339,  340],\n'
            '         [ 341,  342,  343,  ...,  349,  350,  351],\n'
            '         [ 352,  353,  354,  ...,  360,  361,  362]],\n'
            '\n'
            '        ...,\n'
            '\n'
            '        [[ 968,  969,  970,  ...,  976,  977,  978],\n'
            '         [ 979,  980,  981,  ...,  987,  988,  989],\n'
            '         [ 990,  991,  992,  ...,  998,  999, 1000],\n'
            '         ...,\n'
            '         [1056, 1057, 1058,  ..., 1064, 1065, 1066],\n'
            '         [1067, 1068, 1069,  ..., 1075, 1076, 1077],\n'
            '         [1078, 1079, 1080,  ..., 1086, 1087, 1088]],\n'
            '\n'
            '        [[1089, 1090, 1091,  ..., 1097, 1098, 1099],\n'
            '         [1100, 1101, 1102,  ..., 1108, 1109, 1110],\n'
            '         [1111, 1112, 1113,  ..., 1119, 1120, 1121],\n'
            '         ...,\n'
            '         [1177, 1178, 1179,  ..., 1185, 1186, 1187],\n'
            '         [1188, 1189, 1190,  ..., 1196, 1197, 1198],\n'
            '         [1199, 1200, 1201,  ..., 1207, 1208, 1209]],\n'
            '\n'
            '        [[1210, 1211, 1212,  ..., 1218, 1219, 1220],\n'
            '         [1221, 1222, 1223,  ..., 1229, 1230, 1231],\n'
            '         [1232, 1233, 1234,  ..., 1240, 1241, 1242],\n'
            '         ...,\n'
            '         [1298, 1299, 1300,  ..., 1306, 1307, 1308],\n'
            '         [1309, 1310, 1311,  ..., 1317, 1318, 1319],\n'
            '         [1320, 1321, 1322,  ..., 1328, 1329, 1330]]])'
        ),
        id='summarised_3d',
    ),
    pytest.param(
        numpy.where(arange(2000) == 1000, 1e9, arange(2000) * 0.5).astype(numpy.float32),
        [],
        (
            'tensor([0.0000e+00, 5.0000e-01, 1.0000e+00,  ..., 9.9850e+02, 9.9900e+02,\n'
            '        9.9950e+02])'
        ),
        id='summarised_style_from_edges_only',
    ),
    pytest.param(
        arange(1, 1002, dtype=numpy.float32) * 1e5,
        [],
        (
            'tensor([1.0000e+05, 2.0000e+05, 3.0000e+05,  ..., 9.9900e+07, 1.0000e+08,\n'
            '        1.0010e+08])'
        ),
        id='summarised_sci',
    ),
    pytest.param(
        array([1 + 2j, 3 - 1j], numpy.complex64),
        [],
        'tensor([1.+2.j, 3.-1.j])',
        id='complex_vector',
    ),
    pytest.param(
        array([1.5 - 0j, -2 + 10.25j, complex(nan, -inf)], numpy.complex64),
        [],
        'tensor([ 1.5000+0.0000j, -2.0000+10.2500j,     nan-infj])',
        id='complex_mixed',
    ),
    pytest.param(
        array([[1 + 1e-6j, -1j], [0j, 2 + 3j]]),
        ['dtype=jitgrad.complex128'],
        (
            'tensor([[1.+1.0000e-06j, -0.-1.0000e+00j],\n'
            '        [0.+0.0000e+00j, 2.+3.0000e+00j]], dtype=jitgrad.complex128)'
        ),
        id='complex_sci_imag',
    ),
    pytest.param(
        array([1.0, 2.0], numpy.float32),
        ['requires_grad=True'],
        'tensor([1., 2.], requires_grad=True)',
        id='requires_grad',
    ),
    pytest.param(
        array([[0.5, -1.0]]),
        ['dtype=jitgrad.float64', 'grad_fn=<MulBackward0>'],
        'tensor([[ 0.5000, -1.0000]], dtype=jitgrad.float64, grad_fn=<MulBackward0>)',
        id='grad_fn_after_dtype',
    ),
    pytest.param(
        arange(9, dtype=numpy.float32) / 4,
        ['requires_grad=True'],
        (
            'tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000],\n'
            '       requires_grad=True)'
        ),
        id='suffix_wraps_to_new_line',
    ),
    pytest.param(
        arange(40).reshape(2, 20) * 1e5,
        ['dtype=jitgrad.float64', 'grad_fn=<AddmmBackward0>'],
        (
            'tensor([[      0.,  100000.,  200000.,  300000.,  400000.,  500000.,  600000.,\n'
            '          700000.,  800000.,  900000., 1000000., 1100000., 1200000., 1300000.,\n'
            '         1400000., 1500000., 1600000., 1700000., 1800000., 1900000.],\n'
            '        [2000000., 2100000., 2200000., 2300000., 2400000., 2500000., 2600000.,\n'
            '         2700000., 2800000., 2900000., 3000000., 3100000., 3200000., 3300000.,\n'
            '         3400000., 3500000., 3600000., 3700000., 3800000., 3900000.]],\n'
            '       dtype=jitgrad.float64, grad_fn=<AddmmBackward0>)'
        ),
        id='suffixes_wrap_after_multiline',
    ),
]


@pytest.mark.parametrize("values, suffixes, expected", CASES)
def test_matches_torch(values, suffixes, expected):
    assert tensor_repr(values, suffixes) == expected


def test_threshold_is_1000_elements():
    # 1000 elements print in full (over many wrapped lines); 1001 summarise.
    full = tensor_repr(numpy.zeros(1000, numpy.float32))
    assert "..." not in full and full.count("\n") == 41
    assert tensor_repr(numpy.zeros(1001, numpy.float32)) == "tensor([0., 0., 0.,  ..., 0., 0., 0.])"


def test_suffixes_default_to_none():
    assert tensor_repr(numpy.array([1, 2])) == "tensor([1, 2])"


# ------------------------------------------------------------------ whole tensors: suffixes chosen as torch does
# (fn of the library, torch's repr with jitgrad's names)
REPR_CASES = [
    pytest.param(
        lambda lib: lib.tensor([], dtype=lib.int64),
        'tensor([], dtype=jitgrad.int64)',
        id='empty_int64_shows_dtype',
    ),
    pytest.param(
        lambda lib: lib.zeros(0, dtype=lib.bool),
        'tensor([], dtype=jitgrad.bool)',
        id='empty_bool_shows_dtype',
    ),
    pytest.param(
        lambda lib: lib.zeros(0, dtype=lib.complex64),
        'tensor([], dtype=jitgrad.complex64)',
        id='empty_complex_shows_dtype',
    ),
    pytest.param(
        lambda lib: lib.tensor([]),
        'tensor([])',
        id='empty_float32_no_dtype',
    ),
    pytest.param(
        lambda lib: lib.zeros(0, 3),
        'tensor([], size=(0, 3))',
        id='empty_2d_size',
    ),
    pytest.param(
        lambda lib: lib.zeros(2, 0, dtype=lib.int64),
        'tensor([], size=(2, 0), dtype=jitgrad.int64)',
        id='empty_2d_int_size_and_dtype',
    ),
    pytest.param(
        lambda lib: lib.zeros(0, 2, requires_grad=True),
        'tensor([], size=(0, 2), requires_grad=True)',
        id='empty_requires_grad',
    ),
    pytest.param(
        lambda lib: lib.tensor([1, 2, 3]),
        'tensor([1, 2, 3])',
        id='int64_no_dtype',
    ),
    pytest.param(
        lambda lib: lib.tensor([1, 2, 3], dtype=lib.int32),
        'tensor([1, 2, 3], dtype=jitgrad.int32)',
        id='int32_dtype',
    ),
    pytest.param(
        lambda lib: lib.tensor([1.5, 2.0], dtype=lib.float64),
        'tensor([1.5000, 2.0000], dtype=jitgrad.float64)',
        id='float64_dtype',
    ),
    pytest.param(
        lambda lib: lib.tensor([True, False, True]),
        'tensor([ True, False,  True])',
        id='bool_vector',
    ),
    pytest.param(
        lambda lib: lib.eye(3, dtype=lib.bool),
        (
            'tensor([[ True, False, False],\n'
            '        [False,  True, False],\n'
            '        [False, False,  True]])'
        ),
        id='bool_matrix',
    ),
    pytest.param(
        lambda lib: lib.tensor(False),
        'tensor(False)',
        id='bool_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor(-42),
        'tensor(-42)',
        id='int_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor(7, dtype=lib.int32),
        'tensor(7, dtype=jitgrad.int32)',
        id='int32_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor(0.1),
        'tensor(0.1000)',
        id='float_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor(2.0, dtype=lib.float64),
        'tensor(2., dtype=jitgrad.float64)',
        id='float64_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor([1+2j, -1j]),
        'tensor([1.+2.j, -0.-1.j])',
        id='complex_vector',
    ),
    pytest.param(
        lambda lib: lib.tensor(1+2j),
        'tensor(1.+2.j)',
        id='complex_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor(3-0.5j),
        'tensor(3.-0.5000j)',
        id='complex_0d_negative_imag',
    ),
    pytest.param(
        lambda lib: lib.tensor([1+2j, 3-4j], dtype=lib.complex128),
        'tensor([1.+2.j, 3.-4.j], dtype=jitgrad.complex128)',
        id='complex128_dtype',
    ),
    pytest.param(
        lambda lib: lib.tensor([complex(1, -0.0), complex(-2, 0.0)]),
        'tensor([ 1.-0.j, -2.+0.j])',
        id='complex_negative_zero_imag',
    ),
    pytest.param(
        lambda lib: lib.tensor([[1.5+0.25j, -2j], [3.0, 1e-5j]]),
        (
            'tensor([[1.5000+2.5000e-01j, -0.0000-2.0000e+00j],\n'
            '        [3.0000+0.0000e+00j, 0.0000+1.0000e-05j]])'
        ),
        id='complex_matrix',
    ),
    pytest.param(
        lambda lib: lib.tensor([complex(NAN, 1), complex(1, INF), complex(-INF, -NAN)]),
        'tensor([nan+1.j, 1.+infj, -inf+nanj])',
        id='complex_nan_inf',
    ),
    pytest.param(
        lambda lib: lib.tensor([1e10+1j, 1-1e10j]),
        'tensor([1.0000e+10+1.0000e+00j, 1.0000e+00-1.0000e+10j])',
        id='complex_large',
    ),
    pytest.param(
        lambda lib: lib.tensor([[1+1j, 2+0j], [-3-3j, 10j]]),
        (
            'tensor([[ 1.+1.j,  2.+0.j],\n'
            '        [-3.-3.j,  0.+10.j]])'
        ),
        id='complex_int_valued',
    ),
    pytest.param(
        lambda lib: (lib.arange(1200, dtype=lib.float64) + 0.5j * lib.arange(1200, dtype=lib.float64)).to(lib.complex64),
        (
            'tensor([0.0000e+00+0.0000e+00j, 1.0000e+00+5.0000e-01j, 2.0000e+00+1.0000e+00j,\n'
            '         ..., 1.1970e+03+5.9850e+02j, 1.1980e+03+5.9900e+02j,\n'
            '        1.1990e+03+5.9950e+02j])'
        ),
        id='complex_summarised',
    ),
    pytest.param(
        lambda lib: (lib.arange(30, dtype=lib.float32) / 7 + 1j).to(lib.complex64),
        (
            'tensor([0.0000+1.j, 0.1429+1.j, 0.2857+1.j, 0.4286+1.j, 0.5714+1.j, 0.7143+1.j,\n'
            '        0.8571+1.j, 1.0000+1.j, 1.1429+1.j, 1.2857+1.j, 1.4286+1.j, 1.5714+1.j,\n'
            '        1.7143+1.j, 1.8571+1.j, 2.0000+1.j, 2.1429+1.j, 2.2857+1.j, 2.4286+1.j,\n'
            '        2.5714+1.j, 2.7143+1.j, 2.8571+1.j, 3.0000+1.j, 3.1429+1.j, 3.2857+1.j,\n'
            '        3.4286+1.j, 3.5714+1.j, 3.7143+1.j, 3.8571+1.j, 4.0000+1.j, 4.1429+1.j])'
        ),
        id='complex_wraps',
    ),
    pytest.param(
        lambda lib: lib.arange(1500).reshape(30, 50) % 3 == 0,
        (
            'tensor([[ True, False, False,  ..., False,  True, False],\n'
            '        [False,  True, False,  ..., False, False,  True],\n'
            '        [False, False,  True,  ...,  True, False, False],\n'
            '        ...,\n'
            '        [ True, False, False,  ..., False,  True, False],\n'
            '        [False,  True, False,  ..., False, False,  True],\n'
            '        [False, False,  True,  ...,  True, False, False]])'
        ),
        id='bool_summarised',
    ),
    pytest.param(
        lambda lib: lib.arange(40) % 2 == 0,
        (
            'tensor([ True, False,  True, False,  True, False,  True, False,  True, False,\n'
            '         True, False,  True, False,  True, False,  True, False,  True, False,\n'
            '         True, False,  True, False,  True, False,  True, False,  True, False,\n'
            '         True, False,  True, False,  True, False,  True, False,  True, False])'
        ),
        id='bool_wraps',
    ),
    pytest.param(
        lambda lib: lib.arange(2000, dtype=lib.int32).reshape(2, 1000),
        (
            'tensor([[   0,    1,    2,  ...,  997,  998,  999],\n'
            '        [1000, 1001, 1002,  ..., 1997, 1998, 1999]], dtype=jitgrad.int32)'
        ),
        id='int32_summarised',
    ),
    pytest.param(
        lambda lib: lib.tensor([1., 2.], requires_grad=True),
        'tensor([1., 2.], requires_grad=True)',
        id='requires_grad_leaf',
    ),
    pytest.param(
        lambda lib: lib.tensor(1., requires_grad=True),
        'tensor(1., requires_grad=True)',
        id='requires_grad_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor([1., 2.], requires_grad=True) * 2,
        'tensor([2., 4.], grad_fn=<MulBackward0>)',
        id='grad_fn',
    ),
    pytest.param(
        lambda lib: (lib.tensor([1., 2.], requires_grad=True) * 2).sum(),
        'tensor(6., grad_fn=<SumBackward0>)',
        id='grad_fn_0d',
    ),
    pytest.param(
        lambda lib: lib.tensor([[1., 2.]], dtype=lib.float64, requires_grad=True) + 1,
        'tensor([[2., 3.]], dtype=jitgrad.float64, grad_fn=<AddBackward0>)',
        id='grad_fn_float64',
    ),
    pytest.param(
        lambda lib: lib.Tensor(lib.tensor([1., 2.], requires_grad=True)),
        'tensor([1., 2.], grad_fn=<AliasBackward0>)',
        id='alias_grad_fn',
    ),
    pytest.param(
        lambda lib: lib.arange(12, dtype=lib.int32) * 100000,
        (
            'tensor([      0,  100000,  200000,  300000,  400000,  500000,  600000,  700000,\n'
            '         800000,  900000, 1000000, 1100000], dtype=jitgrad.int32)'
        ),
        id='wrap_dtype_to_new_line',
    ),
    pytest.param(
        lambda lib: lib.arange(9, dtype=lib.float64).requires_grad_() * 1.25,
        (
            'tensor([ 0.0000,  1.2500,  2.5000,  3.7500,  5.0000,  6.2500,  7.5000,  8.7500,\n'
            '        10.0000], dtype=jitgrad.float64, grad_fn=<MulBackward0>)'
        ),
        id='wrap_both_suffixes',
    ),
    pytest.param(
        lambda lib: lib.linspace(0.0, 2*3.14, 10),
        (
            'tensor([0.0000, 0.6978, 1.3956, 2.0933, 2.7911, 3.4889, 4.1867, 4.8844, 5.5822,\n'
            '        6.2800])'
        ),
        id='linspace_seed',
    ),
    pytest.param(
        lambda lib: lib.fill_(lib.zeros_like(lib.ones((3, 3), dtype=lib.int), dtype=lib.float), 5),
        (
            'tensor([[5., 5., 5.],\n'
            '        [5., 5., 5.],\n'
            '        [5., 5., 5.]])'
        ),
        id='zeros_like_seed',
    ),
    pytest.param(
        lambda lib: lib.ones((3, 3), dtype=lib.int),
        (
            'tensor([[1, 1, 1],\n'
            '        [1, 1, 1],\n'
            '        [1, 1, 1]], dtype=jitgrad.int32)'
        ),
        id='ones_int_seed',
    ),
    pytest.param(
        lambda lib: lib.arange(1, 10, step=2),
        'tensor([1, 3, 5, 7, 9])',
        id='arange_seed',
    ),
    pytest.param(
        lambda lib: lib.eye(3, 3),
        (
            'tensor([[1., 0., 0.],\n'
            '        [0., 1., 0.],\n'
            '        [0., 0., 1.]])'
        ),
        id='eye_seed',
    ),
]


@pytest.mark.parametrize("fn, expected", REPR_CASES)
def test_tensor_repr_matches_torch(fn, expected):
    t = fn(jg)
    assert repr(t) == expected and str(t) == expected


# (values, dtype, print options, torch's repr)
RANDOM_CASES = [
    pytest.param([[True, False]], 'bool', {'threshold': 5, 'edgeitems': 0},
                 'tensor([[ True, False]], size=(1, 2))', id='random_0_bool'),
    pytest.param([-8340120, -8191761, -861825, -6403528, -7361696, -8303806, -5415137, -4112401, -1998044, -3831919, -139957, -8946143, -5123499, -4342684, -3124378, -9953704, -7974056, -5348804, -9337816, -243769, -3584708, -2005708, -4844908, -4031771], 'int32', None,
                 'tensor([-8340120, -8191761,  -861825, -6403528, -7361696, -8303806, -5415137,\n        -4112401, -1998044, -3831919,  -139957, -8946143, -5123499, -4342684,\n        -3124378, -9953704, -7974056, -5348804, -9337816,  -243769, -3584708,\n        -2005708, -4844908, -4031771], dtype=jitgrad.int32)', id='random_1_int32'),
    pytest.param([-1731552, -7216806, -2783508, -1241673, -1696138, -7866295, -6318214, -7254808], 'int64', {'threshold': 10, 'edgeitems': 2},
                 'tensor([-1731552, -7216806, -2783508, -1241673, -1696138, -7866295, -6318214,\n        -7254808])', id='random_2_int64'),
    pytest.param([0.4, -0.4, 0.3, 0.1, 0.4, 0.2, 1.7, -0.7, 1.2, -0.4, -1.0, 1.2, -0.4, -0.4, -1.4, -2.1, 0.6, -1.2, 0.8, 1.8], 'float32', None,
                 'tensor([ 0.4000, -0.4000,  0.3000,  0.1000,  0.4000,  0.2000,  1.7000, -0.7000,\n         1.2000, -0.4000, -1.0000,  1.2000, -0.4000, -0.4000, -1.4000, -2.1000,\n         0.6000, -1.2000,  0.8000,  1.8000])', id='random_3_float32'),
    pytest.param([[372.0, -316.0, 980.0]], 'float64', None,
                 'tensor([[ 372., -316.,  980.]], dtype=jitgrad.float64)', id='random_4_float64'),
    pytest.param([complex(1.0, -0.9), complex(1.5, -0.35), complex(0.0, 0.04), complex(-2.25, 0.2), complex(1e-05, -0.92), complex(0.0, -0.52), complex(1.0, -0.89), complex(1e-05, -0.98), complex(-2.25, -0.36), complex(1e-05, -0.19), complex(1e-05, 0.72), complex(-2.25, -0.97), complex(1e-05, 0.43), complex(-2.25, -0.09)], 'complex64', {'profile': 'short'},
                 'tensor([ 1.00e+00-0.90j,  1.50e+00-0.35j,  0.00e+00+0.04j, -2.25e+00+0.20j,\n         1.00e-05-0.92j,  0.00e+00-0.52j,  1.00e+00-0.89j,  1.00e-05-0.98j,\n        -2.25e+00-0.36j,  1.00e-05-0.19j,  1.00e-05+0.72j, -2.25e+00-0.97j,\n         1.00e-05+0.43j, -2.25e+00-0.09j])', id='random_5_complex64'),
    pytest.param([complex(-0.6102, -1.0), complex(-0.0596, 0.0), complex(-0.2608, 1e-05), complex(0.7907, 1e-05), complex(0.1896, 0.0), complex(0.2393, 0.0), complex(0.145, 1e-05), complex(1.2284, -2.25), complex(-0.5426, 1e-05), complex(-0.4784, 0.0), complex(0.8851, -2.25), complex(-0.1064, 1.5), complex(0.3609, 1e-05), complex(-0.729, 1e-05), complex(0.0233, -2.25), complex(0.4318, 1e-05), complex(-1.3274, 1.5)], 'complex128', None,
                 'tensor([-0.6102-1.0000e+00j, -0.0596+0.0000e+00j, -0.2608+1.0000e-05j,\n         0.7907+1.0000e-05j,  0.1896+0.0000e+00j,  0.2393+0.0000e+00j,\n         0.1450+1.0000e-05j,  1.2284-2.2500e+00j, -0.5426+1.0000e-05j,\n        -0.4784+0.0000e+00j,  0.8851-2.2500e+00j, -0.1064+1.5000e+00j,\n         0.3609+1.0000e-05j, -0.7290+1.0000e-05j,  0.0233-2.2500e+00j,\n         0.4318+1.0000e-05j, -1.3274+1.5000e+00j], dtype=jitgrad.complex128)', id='random_6_complex128'),
    pytest.param([[[True, True]], [[False, True]]], 'bool', {'precision': 2},
                 'tensor([[[ True,  True]],\n\n        [[False,  True]]])', id='random_7_bool'),
    pytest.param([[876661, 904125, 752891, 504776], [212089, 130143, 363983, 636883], [178906, 630770, 824964, 798068], [345234, 117807, 890105, 210203]], 'int32', {'sci_mode': True},
                 'tensor([[876661, 904125, 752891, 504776],\n        [212089, 130143, 363983, 636883],\n        [178906, 630770, 824964, 798068],\n        [345234, 117807, 890105, 210203]], dtype=jitgrad.int32)', id='random_8_int32'),
    pytest.param([-2431, -5720, -6819, -6047, -8593, -8684, -6189, -4019, -6345, -9476, -6846, -9397, -9135, -7386, -4098, -6264, -9284, -4312, -720, -845, -1016, -7670, -1620], 'int64', None,
                 'tensor([-2431, -5720, -6819, -6047, -8593, -8684, -6189, -4019, -6345, -9476,\n        -6846, -9397, -9135, -7386, -4098, -6264, -9284, -4312,  -720,  -845,\n        -1016, -7670, -1620])', id='random_9_int64'),
    pytest.param([0.4, 1.9, 1.5, -1.6, -0.2, -0.2, 0.1, -0.6, 0.6, 0.7, -1.5, 0.9, -0.6, 1.1, 0.6, -0.1, 2.0, 0.9, 0.0], 'float32', {'threshold': 5, 'edgeitems': 0},
                 'tensor([...], size=(19,))', id='random_10_float32'),
    pytest.param(0.9, 'float64', {'threshold': 10, 'edgeitems': 2},
                 'tensor(0.9000, dtype=jitgrad.float64)', id='random_11_float64'),
    pytest.param(complex(1.48, 59.53000000000001), 'complex64', {'precision': 6, 'sci_mode': False},
                 'tensor(1.480000+59.529999j)', id='random_12_complex64'),
    pytest.param([[complex(8.971e-07, -1.0640000000000001e-05), complex(0.0006022, 3.7800000000000002e-06), complex(8.766e-06, -7.58e-06), complex(489800.0, 6e-06), complex(333.0, -2.8100000000000006e-06)]], 'complex128', None,
                 'tensor([[8.9710e-07-1.0640e-05j, 6.0220e-04+3.7800e-06j, 8.7660e-06-7.5800e-06j,\n         4.8980e+05+6.0000e-06j, 3.3300e+02-2.8100e-06j]],\n       dtype=jitgrad.complex128)', id='random_13_complex128'),
    pytest.param(True, 'bool', None,
                 'tensor(True)', id='random_14_bool'),
    pytest.param([[-1214297, 8606783], [2754406, -10609657], [-59043711, 8570036], [-2743980, -46544908], [-89448333, 4650463]], 'int32', {'sci_mode': True},
                 'tensor([[ -1214297,   8606783],\n        [  2754406, -10609657],\n        [-59043711,   8570036],\n        [ -2743980, -46544908],\n        [-89448333,   4650463]], dtype=jitgrad.int32)', id='random_15_int32'),
    pytest.param([216487, 966157, 7911, 638389, 658181], 'int64', {'precision': 6, 'sci_mode': False},
                 'tensor([216487, 966157,   7911, 638389, 658181])', id='random_16_int64'),
    pytest.param([[761.0, 495.0], [-881.0, 790.0], [-571.0, -379.0]], 'float32', {'threshold': 10, 'edgeitems': 2},
                 'tensor([[ 761.,  495.],\n        [-881.,  790.],\n        [-571., -379.]])', id='random_17_float32'),
    pytest.param([-0.24, -0.93, 0.16], 'float64', {'sci_mode': True},
                 'tensor([-2.4000e-01, -9.3000e-01,  1.6000e-01], dtype=jitgrad.float64)', id='random_18_float64'),
    pytest.param([complex(-1457.0, 12.68), complex(920.0, 30919.999999999996), complex(1103.0, 7.013999999999999e-06), complex(1206.0, 2.007e-07), complex(-445.0, 7.497999999999999e-06), complex(306.0, 937700.0), complex(-620.0, 0.0009294), complex(552.0, 4.886e-07), complex(1190.0, 3415.0000000000005), complex(-256.0, 0.0001775), complex(213.0, 1.454e-06), complex(851.0, 6.11), complex(709.0, 8.254e-05), complex(-670.0, 3394.0), complex(1362.0, 247400.0), complex(477.0, 0.0008786000000000001)], 'complex64', {'threshold': 5, 'edgeitems': 0},
                 'tensor([...], size=(16,))', id='random_19_complex64'),
    pytest.param([[complex(3000000000.0, 380.0)], [complex(1.5, -110.0)], [complex(1.0, 80.0)]], 'complex128', None,
                 'tensor([[3.0000e+09+380.j],\n        [1.5000e+00-110.j],\n        [1.0000e+00+80.j]], dtype=jitgrad.complex128)', id='random_20_complex128'),
    pytest.param([[False, False, False, True], [True, True, False, False], [False, True, False, True], [True, False, True, True]], 'bool', {'precision': 2},
                 'tensor([[False, False, False,  True],\n        [ True,  True, False, False],\n        [False,  True, False,  True],\n        [ True, False,  True,  True]])', id='random_21_bool'),
    pytest.param([[-6273]], 'int32', None,
                 'tensor([[-6273]], dtype=jitgrad.int32)', id='random_22_int32'),
    pytest.param([70347818, -40923673, -12520672, 37272782, 37961216], 'int64', None,
                 'tensor([ 70347818, -40923673, -12520672,  37272782,  37961216])', id='random_23_int64'),
    pytest.param([[0.0112, 5969.0], [259500.0, 0.09234], [6.223e-07, 90200.0]], 'float32', {'precision': 6, 'sci_mode': False},
                 'tensor([[     0.011200,   5969.000000],\n        [259500.000000,      0.092340],\n        [     0.000001,  90200.000000]])', id='random_24_float32'),
    pytest.param([-0.83, -0.0, -0.1, -0.03, -0.73, 0.02, -0.25, -0.15, 0.53, 0.01, -0.96, -0.2, 0.79, -0.41, -0.69, -0.98, 0.14, -0.57, -0.34, 0.56, 0.78, -0.53, -0.62, -0.42], 'float64', {'precision': 2},
                 'tensor([-0.83, -0.00, -0.10, -0.03, -0.73,  0.02, -0.25, -0.15,  0.53,  0.01,\n        -0.96, -0.20,  0.79, -0.41, -0.69, -0.98,  0.14, -0.57, -0.34,  0.56,\n         0.78, -0.53, -0.62, -0.42], dtype=jitgrad.float64)', id='random_25_float64'),
    pytest.param([[[complex(9.453e-07, -14.43), complex(346200.0, -27.75)]], [[complex(1.8360000000000004e-05, -11.03), complex(0.008492, 4.26)]], [[complex(1578.0, -12.02), complex(7.246e-06, -11.16)]]], 'complex64', {'precision': 6, 'sci_mode': False},
                 'tensor([[[     0.000001-14.430000j, 346200.000000-27.750000j]],\n\n        [[     0.000018-11.030000j,      0.008492+4.260000j]],\n\n        [[  1578.000000-12.020000j,      0.000007-11.160000j]]])', id='random_26_complex64'),
    pytest.param([complex(467.0, 551.0), complex(-911.0, -865.0), complex(385.0, -930.0), complex(-894.0, -411.0), complex(-655.0, -602.0), complex(120.0, 874.0), complex(-526.0, 309.0), complex(-800.0, 759.0), complex(-380.0, -653.0), complex(118.0, -790.0), complex(-356.0, 703.0), complex(65.0, -371.0), complex(-377.0, 581.0)], 'complex128', None,
                 'tensor([ 467.+551.j, -911.-865.j,  385.-930.j, -894.-411.j, -655.-602.j,\n         120.+874.j, -526.+309.j, -800.+759.j, -380.-653.j,  118.-790.j,\n        -356.+703.j,   65.-371.j, -377.+581.j], dtype=jitgrad.complex128)', id='random_27_complex128'),
    pytest.param([[False], [True], [True], [False]], 'bool', None,
                 'tensor([[False],\n        [ True],\n        [ True],\n        [False]])', id='random_28_bool'),
    pytest.param([[[-5225303, -9949017], [-9142857, -7690414]], [[-3609045, -348793], [-349798, -9228512]]], 'int32', {'linewidth': 40},
                 'tensor([[[-5225303, -9949017],\n         [-9142857, -7690414]],\n\n        [[-3609045,  -348793],\n         [ -349798, -9228512]]],\n       dtype=jitgrad.int32)', id='random_29_int32'),
    pytest.param([[-4681, -5899, -4418], [-7882, -4977, -4147]], 'int64', {'threshold': 10, 'edgeitems': 2},
                 'tensor([[-4681, -5899, -4418],\n        [-7882, -4977, -4147]])', id='random_30_int64'),
    pytest.param(-2.25, 'float32', {'precision': 2},
                 'tensor(-2.25)', id='random_31_float32'),
    pytest.param([[3000000000.0, nan], [1.5, inf]], 'float64', None,
                 'tensor([[3.0000e+09,        nan],\n        [1.5000e+00,        inf]], dtype=jitgrad.float64)', id='random_32_float64'),
    pytest.param([complex(0.4, 0.0007964000000000001), complex(-0.2, 42600.0), complex(1.2, 0.256), complex(-1.4, 4.5820000000000005e-05), complex(0.2, 651.9000000000001), complex(-1.3, 0.00014560000000000002), complex(0.3, 5.656999999999999e-07), complex(0.8, 90730.0), complex(-0.4, 1.4599999999999998e-06), complex(-0.2, 6.834), complex(1.2, 3.905e-07), complex(-0.1, 0.07692), complex(0.6, 612600.0), complex(-0.2, 0.4084), complex(-0.9, 0.04951), complex(-0.4, 6.72), complex(2.1, 7.493e-07), complex(-0.3, 0.0003264), complex(0.1, 0.009667), complex(1.2, 8.799999999999999e-07), complex(0.4, 1.2679999999999998e-06), complex(0.6, 0.0009693000000000001), complex(2.3, 0.3672), complex(0.9, 70800.0)], 'complex64', None,
                 'tensor([ 0.4000+7.9640e-04j, -0.2000+4.2600e+04j,  1.2000+2.5600e-01j,\n        -1.4000+4.5820e-05j,  0.2000+6.5190e+02j, -1.3000+1.4560e-04j,\n         0.3000+5.6570e-07j,  0.8000+9.0730e+04j, -0.4000+1.4600e-06j,\n        -0.2000+6.8340e+00j,  1.2000+3.9050e-07j, -0.1000+7.6920e-02j,\n         0.6000+6.1260e+05j, -0.2000+4.0840e-01j, -0.9000+4.9510e-02j,\n        -0.4000+6.7200e+00j,  2.1000+7.4930e-07j, -0.3000+3.2640e-04j,\n         0.1000+9.6670e-03j,  1.2000+8.8000e-07j,  0.4000+1.2680e-06j,\n         0.6000+9.6930e-04j,  2.3000+3.6720e-01j,  0.9000+7.0800e+04j])', id='random_33_complex64'),
    pytest.param([complex(0.005301, 70000.0), complex(9.748, -85300.0), complex(63.63999999999999, -76900.0), complex(84.9, -35400.0), complex(0.000872, 2600.0), complex(0.6435, 60300.0), complex(5163.0, -147800.0), complex(6.370000000000001e-08, -103000.0), complex(2.1700000000000002e-05, 180900.0)], 'complex128', {'profile': 'short'},
                 'tensor([5.30e-03+70000.j, 9.75e+00-85300.j, 6.36e+01-76900.j,\n        8.49e+01-35400.j, 8.72e-04+2600.j, 6.43e-01+60300.j,\n        5.16e+03-147800.j, 6.37e-08-103000.j, 2.17e-05+180900.j],\n       dtype=jitgrad.complex128)', id='random_34_complex128'),
    pytest.param([False, False, False, True, False], 'bool', {'threshold': 10, 'edgeitems': 2},
                 'tensor([False, False, False,  True, False])', id='random_35_bool'),
    pytest.param([11655451, 92720641, 50438545, 30582364, 47534770, 19284503, 64833454, 48456130], 'int32', {'profile': 'short'},
                 'tensor([11655451, 92720641, 50438545, 30582364, 47534770, 19284503, 64833454,\n        48456130], dtype=jitgrad.int32)', id='random_36_int32'),
    pytest.param([[[9806596]], [[4166799]]], 'int64', None,
                 'tensor([[[9806596]],\n\n        [[4166799]]])', id='random_37_int64'),
    pytest.param([[[818.3000000000001, 83.76]], [[4.764e-06, 7.357]]], 'float32', None,
                 'tensor([[[8.1830e+02, 8.3760e+01]],\n\n        [[4.7640e-06, 7.3570e+00]]])', id='random_38_float32'),
    pytest.param([[-873.0], [146.0], [567.0], [114.0], [-671.0]], 'float64', {'threshold': 10, 'edgeitems': 2},
                 'tensor([[-873.],\n        [ 146.],\n        [ 567.],\n        [ 114.],\n        [-671.]], dtype=jitgrad.float64)', id='random_39_float64'),
    pytest.param([complex(-0.76, 9.724000000000001e-05), complex(0.73, 647.7)], 'complex64', None,
                 'tensor([-0.7600+9.7240e-05j,  0.7300+6.4770e+02j])', id='random_40_complex64'),
    pytest.param([[complex(0.85, 3000000000.0), complex(-0.31, 0.0)]], 'complex128', None,
                 'tensor([[ 0.8500+3.0000e+09j, -0.3100+0.0000e+00j]], dtype=jitgrad.complex128)', id='random_41_complex128'),
    pytest.param([[True, True, False, True]], 'bool', {'precision': 6, 'sci_mode': False},
                 'tensor([[ True,  True, False,  True]])', id='random_42_bool'),
    pytest.param([-40611512, -51667357, -80277032, -64861670, -23324981, -56939319, -39334839], 'int32', {'sci_mode': True},
                 'tensor([-40611512, -51667357, -80277032, -64861670, -23324981, -56939319,\n        -39334839], dtype=jitgrad.int32)', id='random_43_int32'),
    pytest.param([[73326, 10197], [20159, 81641], [53815, 37211], [88826, 97709], [38094, 74575]], 'int64', {'linewidth': 40},
                 'tensor([[73326, 10197],\n        [20159, 81641],\n        [53815, 37211],\n        [88826, 97709],\n        [38094, 74575]])', id='random_44_int64'),
    pytest.param([[-0.19, 0.8, 0.64, 0.07, -0.27], [0.61, 0.01, -1.65, 0.29, 1.81], [-0.36, 0.28, -0.32, 0.29, -0.29], [2.38, 0.48, 0.05, 0.34, 0.12]], 'float32', {'precision': 2},
                 'tensor([[-0.19,  0.80,  0.64,  0.07, -0.27],\n        [ 0.61,  0.01, -1.65,  0.29,  1.81],\n        [-0.36,  0.28, -0.32,  0.29, -0.29],\n        [ 2.38,  0.48,  0.05,  0.34,  0.12]])', id='random_45_float32'),
    pytest.param([[nan, 1e-05, nan, 1e-05], [nan, inf, 1.5, 1e-05], [inf, -0.0, nan, -0.0]], 'float64', {'threshold': 5, 'edgeitems': 0},
                 'tensor([...], size=(3, 4), dtype=jitgrad.float64)', id='random_46_float64'),
    pytest.param([complex(1.0, 9.66), complex(1.5, -1.06), complex(-2.25, 12.12), complex(1e-05, -3.7800000000000002), complex(1.0, 6.1), complex(1.0, 5.17), complex(1.5, 5.72), complex(1.0, -3.74), complex(0.0, -5.8999999999999995), complex(0.0, -10.64), complex(1.0, 2.58), complex(3000000000.0, -7.8100000000000005)], 'complex64', None,
                 'tensor([ 1.0000e+00+9.6600j,  1.5000e+00-1.0600j, -2.2500e+00+12.1200j,\n         1.0000e-05-3.7800j,  1.0000e+00+6.1000j,  1.0000e+00+5.1700j,\n         1.5000e+00+5.7200j,  1.0000e+00-3.7400j,  0.0000e+00-5.9000j,\n         0.0000e+00-10.6400j,  1.0000e+00+2.5800j,  3.0000e+09-7.8100j])', id='random_47_complex64'),
    pytest.param([complex(0.007399, 0.0), complex(107.5, -1.0), complex(8.133999999999999e-06, 1e-05), complex(0.03977, -1.0), complex(313500.0, 3000000000.0), complex(2.0250000000000004, 3000000000.0), complex(268.0, -1.0), complex(0.0008061, 1e-05), complex(9.114, 0.0), complex(0.5335, -1.0), complex(7.103e-07, 3000000000.0), complex(81.45, 3000000000.0), complex(1971.0, 0.0), complex(0.05002, -2.25), complex(0.0004345, -1.0), complex(0.0023480000000000003, 0.0), complex(19920.0, 0.0), complex(6.922e-06, 0.0), complex(62.44, 1e-05), complex(811700.0, -2.25), complex(0.08868000000000001, 3000000000.0)], 'complex128', None,
                 'tensor([7.3990e-03+0.0000e+00j, 1.0750e+02-1.0000e+00j, 8.1340e-06+1.0000e-05j,\n        3.9770e-02-1.0000e+00j, 3.1350e+05+3.0000e+09j, 2.0250e+00+3.0000e+09j,\n        2.6800e+02-1.0000e+00j, 8.0610e-04+1.0000e-05j, 9.1140e+00+0.0000e+00j,\n        5.3350e-01-1.0000e+00j, 7.1030e-07+3.0000e+09j, 8.1450e+01+3.0000e+09j,\n        1.9710e+03+0.0000e+00j, 5.0020e-02-2.2500e+00j, 4.3450e-04-1.0000e+00j,\n        2.3480e-03+0.0000e+00j, 1.9920e+04+0.0000e+00j, 6.9220e-06+0.0000e+00j,\n        6.2440e+01+1.0000e-05j, 8.1170e+05-2.2500e+00j, 8.8680e-02+3.0000e+09j],\n       dtype=jitgrad.complex128)', id='random_48_complex128'),
    pytest.param([[True, True]], 'bool', None,
                 'tensor([[True, True]])', id='random_49_bool'),
    pytest.param([-220563, -534546, -302272, -473956, -493500, -251646, -474035, -774003, -852002, -622891, -243065, -939765, -740820, -94413, -458566, -191619, -698271, -248070, -298394, -399955, -899356, -456683], 'int32', None,
                 'tensor([-220563, -534546, -302272, -473956, -493500, -251646, -474035, -774003,\n        -852002, -622891, -243065, -939765, -740820,  -94413, -458566, -191619,\n        -698271, -248070, -298394, -399955, -899356, -456683],\n       dtype=jitgrad.int32)', id='random_50_int32'),
    pytest.param(-747812, 'int64', None,
                 'tensor(-747812)', id='random_51_int64'),
    pytest.param([[-187300000.0], [158900000.0], [18400000.0]], 'float32', {'precision': 6, 'sci_mode': False},
                 'tensor([[-187300000.],\n        [ 158900000.],\n        [  18400000.]])', id='random_52_float32'),
    pytest.param(927.0, 'float64', None,
                 'tensor(927., dtype=jitgrad.float64)', id='random_53_float64'),
    pytest.param(complex(1.0, 776.5999999999999), 'complex64', {'profile': 'short'},
                 'tensor(1.+776.60j)', id='random_54_complex64'),
    pytest.param([complex(-9910000.0, 0.84), complex(-4200000.0, -0.23), complex(21090000.0, 0.45), complex(-1960000.0, 0.41), complex(-5380000.0, -1.33), complex(-5760000.0, 0.52), complex(8250000.0, -0.68), complex(-5840000.0, -0.41), complex(-20130000.0, -0.07), complex(-13240000.0, -1.21), complex(-6580000.0, 0.72), complex(-1739999.9999999998, 0.81), complex(-16270000.0, 2.24), complex(1250000.0, -0.54), complex(-5120000.0, -0.37), complex(-10850000.0, 1.71), complex(-2980000.0, -1.74), complex(18880000.0, -0.63), complex(-3800000.0, 1.48)], 'complex128', None,
                 'tensor([ -9910000.0000+0.8400j,  -4200000.0000-0.2300j,  21090000.0000+0.4500j,\n         -1960000.0000+0.4100j,  -5380000.0000-1.3300j,  -5760000.0000+0.5200j,\n          8250000.0000-0.6800j,  -5840000.0000-0.4100j, -20130000.0000-0.0700j,\n        -13240000.0000-1.2100j,  -6580000.0000+0.7200j,  -1740000.0000+0.8100j,\n        -16270000.0000+2.2400j,   1250000.0000-0.5400j,  -5120000.0000-0.3700j,\n        -10850000.0000+1.7100j,  -2980000.0000-1.7400j,  18880000.0000-0.6300j,\n         -3800000.0000+1.4800j], dtype=jitgrad.complex128)', id='random_55_complex128'),
    pytest.param([[False, True, True], [False, False, False], [True, True, True], [False, True, True]], 'bool', {'threshold': 5, 'edgeitems': 0},
                 'tensor([...], size=(4, 3))', id='random_56_bool'),
    pytest.param([-6610294, -9209604, -1008351, -4385809, -8864805, -9650248, -7527298, -8511903, -509392, 542321, -2213670, -7430097, -7102899, -6559782, -3482332, -7645929, -6688578, -7746298, -369261], 'int32', {'threshold': 10, 'edgeitems': 2},
                 'tensor([-6610294, -9209604,  ..., -7746298,  -369261], dtype=jitgrad.int32)', id='random_57_int32'),
    pytest.param([-28364541], 'int64', None,
                 'tensor([-28364541])', id='random_58_int64'),
    pytest.param([[-0.36, -2.05, 0.69, -0.61, 1.06], [-1.19, -0.09, 0.34, -1.62, -0.32]], 'float32', {'precision': 2},
                 'tensor([[-0.36, -2.05,  0.69, -0.61,  1.06],\n        [-1.19, -0.09,  0.34, -1.62, -0.32]])', id='random_59_float32'),
    pytest.param([0.36, 0.68, 0.88, 0.56, 0.62, -0.08, 0.34, 0.06, 0.24, 0.35, -0.9, -0.12, -0.54, -0.42, -0.25, 0.06, 0.71, 0.81, -0.69, 0.44, 0.97, 0.69, -0.38], 'float64', None,
                 'tensor([ 0.3600,  0.6800,  0.8800,  0.5600,  0.6200, -0.0800,  0.3400,  0.0600,\n         0.2400,  0.3500, -0.9000, -0.1200, -0.5400, -0.4200, -0.2500,  0.0600,\n         0.7100,  0.8100, -0.6900,  0.4400,  0.9700,  0.6900, -0.3800],\n       dtype=jitgrad.float64)', id='random_60_float64'),
    pytest.param([complex(0.016200000000000003, 0.0), complex(0.7051, 0.0), complex(0.007752, -1.0)], 'complex64', None,
                 'tensor([0.0162+0.j, 0.7051+0.j, 0.0078-1.j])', id='random_61_complex64'),
    pytest.param(complex(0.0, -1.4016), 'complex128', {'profile': 'short'},
                 'tensor(0.-1.40j, dtype=jitgrad.complex128)', id='random_62_complex128'),
    pytest.param(False, 'bool', None,
                 'tensor(False)', id='random_63_bool'),
    pytest.param([[[1381451]], [[9130698]]], 'int32', {'linewidth': 40},
                 'tensor([[[1381451]],\n\n        [[9130698]]],\n       dtype=jitgrad.int32)', id='random_64_int32'),
    pytest.param([2569355, 1232181, 8413291, 5079327, 4262906, 3038042, 7648615, 6679533], 'int64', None,
                 'tensor([2569355, 1232181, 8413291, 5079327, 4262906, 3038042, 7648615, 6679533])', id='random_65_int64'),
    pytest.param([0.13, -0.99, -0.35, -0.63, 0.81, -0.77, -0.91, 0.27], 'float32', None,
                 'tensor([ 0.1300, -0.9900, -0.3500, -0.6300,  0.8100, -0.7700, -0.9100,  0.2700])', id='random_66_float32'),
    pytest.param([508000000.0, -2263000000.0, -1399000000.0, 740000000.0, 1153000000.0, 477000000.0, 117000000.0, -5000000.0, 378000000.0, -1451000000.0, -698000000.0, 584000000.0, -293000000.0, -161000000.0], 'float64', None,
                 'tensor([ 5.0800e+08, -2.2630e+09, -1.3990e+09,  7.4000e+08,  1.1530e+09,\n         4.7700e+08,  1.1700e+08, -5.0000e+06,  3.7800e+08, -1.4510e+09,\n        -6.9800e+08,  5.8400e+08, -2.9300e+08, -1.6100e+08],\n       dtype=jitgrad.float64)', id='random_67_float64'),
    pytest.param(complex(0.85, 0.3), 'complex64', {'precision': 2},
                 'tensor(0.85+0.30j)', id='random_68_complex64'),
    pytest.param([complex(1.0772, 0.4), complex(2.3829, 0.6), complex(-1.1676, -0.7), complex(0.9197, -0.6), complex(-0.4932, 1.1), complex(-0.6142, 1.4)], 'complex128', {'sci_mode': True},
                 'tensor([ 1.0772e+00+4.0000e-01j,  2.3829e+00+6.0000e-01j,\n        -1.1676e+00-7.0000e-01j,  9.1970e-01-6.0000e-01j,\n        -4.9320e-01+1.1000e+00j, -6.1420e-01+1.4000e+00j],\n       dtype=jitgrad.complex128)', id='random_69_complex128'),
]


@pytest.fixture
def restore_printoptions():
    yield
    jg.set_printoptions(profile="default")


@pytest.mark.parametrize("values, dtype, options, expected", RANDOM_CASES)
def test_random_tensors_match_torch(values, dtype, options, expected, restore_printoptions):
    if options:
        jg.set_printoptions(**options)
    assert repr(jg.from_numpy(numpy.array(values, dtype=dtype))) == expected


# ------------------------------------------------------------------ print options (torch's examples and semantics)
def test_set_printoptions_as_torch_documents_it(restore_printoptions):
    jg.set_printoptions(precision=2)
    assert repr(jg.tensor([1.12345])) == "tensor([1.12])"
    jg.set_printoptions(threshold=5)
    assert repr(jg.arange(10)) == "tensor([0, 1, 2,  ..., 7, 8, 9])"
    jg.set_printoptions(profile="default")
    assert repr(jg.tensor([1.12345])) == "tensor([1.1235])"
    assert repr(jg.arange(10)) == "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"


def test_sci_mode_resets_unless_given_as_in_torch(restore_printoptions):
    jg.set_printoptions(precision=2, sci_mode=True)
    assert repr(jg.tensor([1.12345])) == "tensor([1.12e+00])"
    jg.set_printoptions()   # torch: sci_mode goes back to automatic, the rest stays
    assert jg.printing.get_printoptions() == dict(precision=2, threshold=1000, edgeitems=3, linewidth=80,
                                                  sci_mode=None)


def test_profiles_and_the_context_manager(restore_printoptions):
    jg.set_printoptions(profile="full")
    assert jg.printing.get_printoptions()["threshold"] == inf and "..." not in repr(jg.zeros(2000))
    jg.set_printoptions(profile="short")
    assert repr(jg.tensor([1.12345])) == "tensor([1.12])"
    jg.set_printoptions(profile="default")
    with jg.printing.printoptions(precision=1, linewidth=20):
        assert repr(jg.arange(12)) == ("tensor([ 0,  1,  2,\n         3,  4,  5,\n         6,  7,  8,\n"
                                       "         9, 10, 11])")
        assert repr(jg.tensor([1.25])) == "tensor([1.2])"
    assert jg.printing.get_printoptions()["precision"] == 4
    with pytest.raises(ValueError, match="unknown profile 'long'"):
        jg.set_printoptions(profile="long")


def test_edgeitems_zero_shows_only_the_size(restore_printoptions):
    jg.set_printoptions(edgeitems=0, threshold=3)
    assert repr(jg.arange(10.0).reshape(2, 5)) == "tensor([...], size=(2, 5))"
    assert repr(jg.arange(10.0)) == "tensor([...], size=(10,))"


# ------------------------------------------------------------------ format(), str() and subclasses
def test_format_takes_a_spec_only_for_0d_tensors():
    assert format(jg.tensor(2.5), ".2f") == "2.50" and f"{jg.tensor(3):5d}" == "    3"
    assert format(jg.tensor([2.5]), "") == "tensor([2.5000])" and f"{jg.tensor([1, 2])}" == "tensor([1, 2])"
    with pytest.raises(TypeError, match="unsupported format string passed to Tensor.__format__"):
        format(jg.tensor([2.5]), ".2f")


def test_subclasses_print_their_name_as_torch():
    class MyT(jg.Tensor):
        pass
    assert repr(MyT([1.0, 2.0])) == "MyT([1., 2.])"
    assert repr(MyT(jg.tensor([1, 2], dtype=jg.int32))) == "MyT([1, 2], dtype=jitgrad.int32)"
