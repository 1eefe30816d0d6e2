"""tensor_repr must print exactly what PyTorch 2.x prints for the same values.

Every expected string below was produced by torch 2.13 (repr of
torch.from_numpy(values), with torch's own suffix wrapping applied to the
jitgrad-named suffixes); torch itself is not needed to run these tests.
"""

import numpy
import pytest
from numpy import arange, array, inf, nan

from jitgrad.printing import tensor_repr

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
