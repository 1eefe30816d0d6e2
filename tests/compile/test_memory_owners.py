"""``MemoryOwners``: which arrays may share memory, by owner, with NumPy's check as fallback."""
import numpy as np

from jitgrad.compile.memory import MemoryOwners


def test_views_share_their_base_and_separate_arrays_do_not():
    base, other = np.zeros((4, 4)), np.zeros((4, 4))
    memory = MemoryOwners([base])
    assert memory.overlaps(base) and memory.overlaps(base.T) and memory.overlaps(base[1:, ::2])
    assert memory.overlaps(base.reshape(-1)[3:])          # a view of a view: owner is still base
    assert not memory.overlaps(other) and not memory.overlaps(other.T)
    assert not memory.overlaps(base.copy())


def test_count_counts_every_array_sharing_the_memory():
    a, b = np.zeros(6), np.zeros(6)
    memory = MemoryOwners([a, a[:3], b])
    assert memory.count(a) == 2 and memory.count(b[2:]) == 1 and memory.count(np.zeros(2)) == 0


def test_memory_owned_outside_numpy_falls_back_to_bounds():
    buffer = bytearray(64)
    first = np.frombuffer(memoryview(buffer), np.float32)
    second = np.frombuffer(memoryview(buffer), np.float32)   # another owner object, same bytes
    assert not isinstance(first.base, np.ndarray)
    assert MemoryOwners([first]).overlaps(second)
    assert MemoryOwners([first[:4]]).overlaps(second[2:])
    assert not MemoryOwners([first[:4]]).overlaps(second[8:])
    assert not MemoryOwners([np.zeros(3)]).overlaps(second)
