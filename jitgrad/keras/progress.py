"""The fit loop's progress bar: tqdm's, one bar per epoch over its batches."""
from __future__ import annotations

import contextlib


@contextlib.contextmanager
def progress_bar(total, desc, enabled=True):
    """A tqdm bar (``None`` when disabled), closed on exit."""
    if not enabled:
        yield None
        return
    from tqdm.auto import tqdm
    bar = tqdm(total=total, desc=desc, unit="batch", dynamic_ncols=True, leave=True)
    try:
        yield bar
    finally:
        bar.close()
