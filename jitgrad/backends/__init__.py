"""Code-generation backends for the compiler: scalar building blocks that generated kernels call."""
