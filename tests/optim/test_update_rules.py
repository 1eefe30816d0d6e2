"""SGD, Adam and AdamW against torch 2.13: parameter trajectories of five steps (float64, and
float32 where the parameters must stay float32), recorded as literals; torch is not needed.

The gradient at each step is a fixed function of the current parameters, computed in NumPy
and assigned to ``.grad``, so the comparison sees the optimisers' arithmetic alone. Agreement is
to a few ulps, not bit for bit: torch's CPU kernels fuse ``a + alpha * b`` into one rounding
(FMA), NumPy rounds twice.
"""
import numpy as np
import pytest

import jitgrad as jg

CONFIGS = {
    "sgd": ("SGD", dict(lr=0.1)),
    "sgd-momentum": ("SGD", dict(lr=0.1, momentum=0.9)),
    "sgd-dampening-wd": ("SGD", dict(lr=0.05, momentum=0.9, dampening=0.5, weight_decay=0.1)),
    "sgd-nesterov": ("SGD", dict(lr=0.1, momentum=0.8, nesterov=True, weight_decay=0.01)),
    "sgd-maximize": ("SGD", dict(lr=0.1, momentum=0.5, weight_decay=0.2, maximize=True)),
    "adam": ("Adam", dict(lr=0.1)),
    "adam-wd": ("Adam", dict(lr=0.1, weight_decay=0.1)),
    "adam-amsgrad": ("Adam", dict(lr=0.1, amsgrad=True)),
    # 1 - beta1 = 0.7: lerp's second form; eps large enough to matter
    "adam-maximize-betas": ("Adam", dict(lr=0.05, betas=(0.3, 0.5), eps=1e-3, maximize=True,
                                         weight_decay=0.05)),
    "adamw": ("AdamW", dict(lr=0.1)),
    "adamw-amsgrad-maximize": ("AdamW", dict(lr=0.1, weight_decay=0.3, amsgrad=True, maximize=True)),
}

# torch 2.13: (w, b) after five steps from initial(float64)
TORCH_FLOAT64 = {
    "sgd": ([[-0.5156504617783642, -0.4694353239191197, -0.40158815535450315],
             [-0.21575579274464646, 0.50373925965668, 1.2104938365961468]],
            [0.3317358349188736, -0.6683508570820466, 1.4495998675987398]),
    "sgd-momentum": ([[-0.3078913267163913, -0.5464291772665151, -0.7444549041668914],
                      [-0.7393200800111948, 0.51033079827151, 1.6931598721094665]],
                     [0.12804021046144282, 0.004337500926328609, 0.7501569980849311]),
    "sgd-dampening-wd": ([[-0.44501901328897314, -0.4723700531250978, -0.4247251666223667],
                          [-0.1446499121057543, 0.476266123764934, 1.1024618054262096]],
                         [0.35587440517582963, -0.6427545295811358, 1.1547331432411565]),
    "sgd-nesterov": ([[-0.4268441374468723, -0.500672059175503, -0.576914482466775],
                      [-0.6367005946943655, 0.49714268688411295, 1.5440418226378791]],
                     [-0.04831631254129538, -0.2683792163822069, 1.2750706407485901]),
    "sgd-maximize": ([[-1.3561868221728308, 0.034726128975804765, 0.4818019118505168],
                      [0.5001387505109891, 0.4604363941752895, 0.4189099390713359]],
                     [0.46802683584910104, -1.8457441040728977, 4.878794115956578]),
    "adam": ([[-0.3571924798157472, -0.4644809361776319, -0.5602176643389483],
              [-0.3002471491626826, 0.9414732032664956, 1.2993525141231583]],
             [-0.026147829090722108, -0.7517269062948237, 1.5185167249600184]),
    "adam-wd": ([[-0.3388960500415481, -0.432755439633478, -0.5550526060558798],
                 [-0.2999011722935549, 0.043604540258306596, 1.2985242164110342]],
                [-0.03245898523133045, -0.7519548238102425, 1.5167568360232349]),
    "adam-amsgrad": ([[-0.3571924798157472, -0.4644809361776319, -0.5601813209970881],
                      [-0.3002471491626826, 0.9414732032664956, 1.2993525141231583]],
                     [-0.026147829090722108, -0.7517269062948237, 1.5185167249600184]),
    "adam-maximize-betas": ([[-0.9556026179877708, -0.14214588483186838, 0.14967582862268042],
                             [0.43277429475965873, 0.49432955679473495, 0.564982358950974]],
                            [0.48553722184475656, -1.4964753226644607, 2.2523879274333343]),
    "adamw": ([[-0.3564312965569031, -0.4639567606808939, -0.5589920376679527],
               [-0.3002389637753413, 0.938103696075019, 1.2944729404672377]],
              [-0.027388796375853966, -0.7465833086081228, 1.5102781173968427]),
    "adamw-amsgrad-maximize": ([[-1.0727385794972555, 0.11561239217177242, 0.38054472252879756],
                                [0.5793474948260167, 0.5593130752247933, 0.3389109924720372]],
                               [0.46720984723297343, -1.540936456985188, 2.1897563804326823]),
}

# the same in float32 (torch's float32 kernels)
TORCH_FLOAT32 = {
    "sgd": ([[-0.5156504511833191, -0.46943533420562744, -0.4015881419181824],
             [-0.21575577557086945, 0.5037394165992737, 1.210493803024292]],
            [0.331735759973526, -0.668350875377655, 1.4495998620986938]),
    "sgd-momentum": ([[-0.3078913986682892, -0.5464291572570801, -0.7444549202919006],
                      [-0.7393200993537903, 0.5103307962417603, 1.693159818649292]],
                     [0.12804009020328522, 0.004337501712143421, 0.7501569986343384]),
    "sgd-dampening-wd": ([[-0.445019006729126, -0.47237008810043335, -0.42472517490386963],
                          [-0.14464989304542542, 0.47626614570617676, 1.102461814880371]],
                         [0.3558743894100189, -0.6427545547485352, 1.1547333002090454]),
    "sgd-nesterov": ([[-0.42684414982795715, -0.5006720423698425, -0.5769144892692566],
                      [-0.6367006301879883, 0.49714264273643494, 1.5440418720245361]],
                     [-0.048316486179828644, -0.26837921142578125, 1.2750707864761353]),
    "sgd-maximize": ([[-1.3561867475509644, 0.03472604230046272, 0.4818018972873688],
                      [0.5001387596130371, 0.4604363739490509, 0.4189099371433258]],
                     [0.4680268168449402, -1.8457441329956055, 4.878795146942139]),
    "adam": ([[-0.3571924865245819, -0.4644809365272522, -0.5602176785469055],
              [-0.3002471327781677, 0.9414732456207275, 1.2993525266647339]],
             [-0.026147864758968353, -0.7517268657684326, 1.5185166597366333]),
    "adam-wd": ([[-0.3388960361480713, -0.4327554404735565, -0.555052638053894],
                 [-0.29990118741989136, 0.0436045303940773, 1.298524260520935]],
                [-0.03245903551578522, -0.7519547343254089, 1.5167567729949951]),
    "adam-amsgrad": ([[-0.3571924865245819, -0.4644809365272522, -0.5601813197135925],
                      [-0.3002471327781677, 0.9414732456207275, 1.2993525266647339]],
                     [-0.026147864758968353, -0.7517268657684326, 1.5185166597366333]),
    "adam-maximize-betas": ([[-0.9556026458740234, -0.14214585721492767, 0.14967583119869232],
                             [0.43277430534362793, 0.4943295419216156, 0.5649823546409607]],
                            [0.4855373203754425, -1.4964754581451416, 2.2523880004882812]),
    "adamw": ([[-0.3564312756061554, -0.4639568030834198, -0.5589920878410339],
               [-0.3002389669418335, 0.9381037950515747, 1.2944729328155518]],
              [-0.027388818562030792, -0.7465832829475403, 1.5102781057357788]),
    "adamw-amsgrad-maximize": ([[-1.0727386474609375, 0.11561237275600433, 0.3805447220802307],
                                [0.579347550868988, 0.5593131184577942, 0.3389110565185547]],
                               [0.4672098159790039, -1.5409369468688965, 2.1897568702697754]),
}


def initial(dtype):
    w = (np.arange(6.0).reshape(2, 3) * 0.3 - 0.7).astype(dtype)
    b = np.array([0.45, -1.25, 2.0], dtype)
    return w, b


def gradient_field(a):
    return np.cos(3 * a) + 0.2 * a ** 3 - 0.1


def train(make_optimizer, dtype, steps=5):
    w, b = (jg.tensor(a, requires_grad=True) for a in initial(dtype))
    optimizer = make_optimizer([w, b])
    for _ in range(steps):
        for p in (w, b):
            p.grad = jg.tensor(gradient_field(p.detach().numpy()))
        optimizer.step()
    return w, b, optimizer


@pytest.mark.parametrize("name", CONFIGS)
def test_float64_trajectory_matches_torch(name):
    cls, options = CONFIGS[name]
    w, b, _ = train(lambda ps: getattr(jg.optim, cls)(ps, **options), np.float64)
    expected_w, expected_b = TORCH_FLOAT64[name]
    np.testing.assert_allclose(w.detach().numpy(), expected_w, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(b.detach().numpy(), expected_b, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("name", CONFIGS)
def test_float32_parameters_and_state_stay_float32(name):
    cls, options = CONFIGS[name]
    w, b, optimizer = train(lambda ps: getattr(jg.optim, cls)(ps, **options), np.float32)
    expected_w, expected_b = TORCH_FLOAT32[name]
    for p, expected in ((w, expected_w), (b, expected_b)):
        assert p.dtype is jg.float32 and p.detach().numpy().dtype == np.float32
        np.testing.assert_allclose(p.detach().numpy(), expected, rtol=2e-6, atol=1e-7)
        for key, value in optimizer.state[p].items():
            expected_dtype = jg.float32 if key != "step" else jg.get_default_dtype()
            assert value.dtype is expected_dtype, (key, value.dtype)


def test_two_groups_with_their_own_options():
    # torch: SGD([{'params': [w]}, {'params': [b], 'lr': 0.01, 'momentum': 0.5}], lr=0.1, momentum=0.9)
    w, b, optimizer = train(lambda ps: jg.optim.SGD([{"params": [ps[0]]},
                                                     {"params": [ps[1]], "lr": 0.01, "momentum": 0.5}],
                                                    lr=0.1, momentum=0.9), np.float64)
    assert [g["lr"] for g in optimizer.param_groups] == [0.1, 0.01]
    # w's group has sgd-momentum's options, so w follows that trajectory
    np.testing.assert_allclose(w.detach().numpy(), TORCH_FLOAT64["sgd-momentum"][0], rtol=1e-13)
    np.testing.assert_allclose(b.detach().numpy(),
                               [0.4381958321337337, -1.1427830071861087, 1.8173969564069172], rtol=1e-13)
