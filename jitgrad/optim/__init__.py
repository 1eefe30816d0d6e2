"""``jitgrad.optim``: optimisers and learning-rate schedulers, as ``torch.optim``.

``SGD``, ``Adam`` and ``AdamW`` update parameters (any leaf Tensors, ``nn.Parameter`` among
them) in place in NumPy, outside autograd, with torch's update formulas; ``lr_scheduler``
holds ``StepLR``, ``MultiStepLR``, ``ExponentialLR``, ``LambdaLR`` and ``CosineAnnealingLR``.
"""
from . import lr_scheduler  # noqa: F401
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["Adam", "AdamW", "Optimizer", "SGD", "lr_scheduler"]
