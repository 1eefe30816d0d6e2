"""``jitgrad.keras``: a Keras-like training interface, as the seed's torchkeras.KerasModel —
``KerasModel(net, loss_fn, metrics_dict, optimizer).fit(train_loader, val_loader, epochs=...)``
with metrics, a progress bar, early stopping and a history that prints as a table and plots."""
from .history import History  # noqa: F401
from .metrics import Accuracy, Mean  # noqa: F401
from .model import KerasModel  # noqa: F401
