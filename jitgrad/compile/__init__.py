"""The compiler: ``jitgrad.compile`` traces a function into a networkx IR, derives its
backward symbolically, runs graph passes (the top-level ``passes`` package) and lowers the
result to native kernels."""
from .api import MAX_RETRACES, CompiledFunction, compile
from .trace import SymbolicTensor, TraceError

__all__ = ["compile", "CompiledFunction", "SymbolicTensor", "TraceError", "MAX_RETRACES"]
