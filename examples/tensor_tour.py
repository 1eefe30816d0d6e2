"""The seed tutorial's section 5.1 (the low-level tensor API), running on jitgrad.

Each block is the seed's code with `import jitgrad as torch`; the comments give what the seed
prints (values drawn at random differ: jitgrad's generator is not torch's). Run it and compare.
"""
from __future__ import annotations

import jitgrad as torch
import jitgrad.nn.functional as F


def section(title):
    print(f"\n=== {title} ===")


section("creating tensors")
a = torch.tensor([1, 2, 3], dtype=torch.float)        # tensor([1., 2., 3.])
b = torch.arange(1, 10, step=2)                        # tensor([1, 3, 5, 7, 9])
c = torch.linspace(0.0, 2 * 3.14, 10)                  # tensor([0.0000, 0.6978, ..., 6.2800])
d = torch.zeros((3, 3))
print(a, b, c, d, sep="\n")
a = torch.ones((3, 3), dtype=torch.int)                # dtype=torch.int32
b = torch.zeros_like(a, dtype=torch.float)
torch.fill_(b, 5)                                      # every element 5.
print(a, b, sep="\n")
torch.manual_seed(0)
minval, maxval = 0, 10
a = minval + (maxval - minval) * torch.rand([5])      # uniform in [0, 10)
b = torch.normal(mean=torch.zeros(3, 3), std=torch.ones(3, 3))
mean, std = 2, 5
c = std * torch.randn((3, 3)) + mean
d = torch.randperm(20)                                 # a permutation of 0..19
print(a, b, c, d, sep="\n")
I = torch.eye(3, 3)
t = torch.diag(torch.tensor([1, 2, 3]))
print(I, t, sep="\n")

section("indexing and slicing")
torch.manual_seed(0)
t = torch.floor(minval + (maxval - minval) * torch.rand([5, 5])).int()
print(t)
print(t[0])                                            # row 0
print(t[1, 3], t[1][3])                                # tensor(.., dtype=torch.int32) twice
print(t[1:4, :])
print(t[1:4, :4:2])
x = torch.Tensor([[1, 2], [3, 4]])
x.data[1, :] = torch.tensor([0.0, 0.0])
print(x)                                               # tensor([[1., 2.], [0., 0.]])
a = torch.arange(27).view(3, 3, 3)
print(a[..., 1])

minval, maxval = 0, 100
scores = torch.floor(minval + (maxval - minval) * torch.rand([4, 5, 7])).int()
print(torch.index_select(scores, dim=1, index=torch.tensor([0, 2, 4])))
q = torch.index_select(torch.index_select(scores, dim=1, index=torch.tensor([0, 2, 4])),
                       dim=2, index=torch.tensor([1, 3, 6]))
print(q)
s = torch.take(scores, torch.tensor([0 * 5 * 7 + 0, 2 * 5 * 7 + 3 * 7 + 1, 3 * 5 * 7 + 4 * 7 + 6]))
print(s)
g = torch.masked_select(scores, scores >= 80)          # a 1-D tensor
print(g)
ifpass = torch.where(scores > 60, torch.tensor(1), torch.tensor(0))
print(ifpass)
print(torch.index_fill(scores, dim=1, index=torch.tensor([0, 2, 4]), value=100))
print(scores.index_fill(dim=1, index=torch.tensor([0, 2, 4]), value=100))   # the same, as a method
b = torch.masked_fill(scores, scores < 60, 60)
print(b, scores.masked_fill(scores < 60, 60), sep="\n")

section("changing dimensions")
torch.manual_seed(0)
minval, maxval = 0, 255
a = (minval + (maxval - minval) * torch.rand([1, 3, 3, 2])).int()
b = a.view([3, 6])                                     # torch.reshape(a, [3, 6])
c = torch.reshape(b, [1, 3, 3, 2])
print(a.shape, b.shape, c.shape)
a = torch.tensor([[1.0, 2.0]])
s = torch.squeeze(a)
print(a, s, a.shape, s.shape)                          # torch.Size([1, 2]) torch.Size([2])
d = torch.unsqueeze(s, axis=0)                         # a new dim of size 1 at 0
print(s, d, s.shape, d.shape)
minval, maxval = 0, 255
data = torch.floor(minval + (maxval - minval) * torch.rand([100, 256, 256, 4])).int()
print(data.shape)                                      # Batch, Height, Width, Channel
data_t = torch.transpose(torch.transpose(data, 1, 2), 1, 3)
print(data_t.shape)                                    # torch.Size([100, 4, 256, 256])
data_p = torch.permute(data, [0, 3, 1, 2])
print(data_p.shape)
matrix = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(matrix, matrix.t())

section("joining and splitting")
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
c = torch.tensor([[9.0, 10.0], [11.0, 12.0]])
abc_cat = torch.cat([a, b, c], dim=0)
print(abc_cat.shape, abc_cat)                          # torch.Size([6, 2])
abc_stack = torch.stack([a, b, c], axis=0)             # dim and axis both work
print(abc_stack.shape, abc_stack)                      # torch.Size([3, 2, 2])
print(torch.cat([a, b, c], axis=1))
print(torch.stack([a, b, c], axis=1))
a, b, c = torch.split(abc_cat, split_size_or_sections=2, dim=0)
print(a, b, c, sep="\n")
p, q, r = torch.split(abc_cat, split_size_or_sections=[4, 1, 1], dim=0)
print(p, q, r, sep="\n")

section("elementwise arithmetic")
a = torch.tensor(1.0)
b = torch.tensor(2.0)
print(a + b)                                           # tensor(3.)
a = torch.tensor([[1.0, 2], [-3, 4.0]])
b = torch.tensor([[5.0, 6], [7.0, 8.0]])
print(a + b, a - b, a * b, a / b, a ** 2, a ** 0.5, sep="\n")
print(a % 3)                                           # tensor([[1., 2.], [-0., 1.]])
print(torch.div(a, b, rounding_mode="floor"))          # tensor([[ 0.,  0.], [-1.,  0.]])
print(a >= 2)
print((a >= 2) & (a <= 3))
print((a >= 2) | (a <= 3))
print(a == 5)
print(torch.sqrt(a))                                   # tensor([[1.0000, 1.4142], [nan, 2.0000]])
a = torch.tensor([1.0, 8.0])
b = torch.tensor([5.0, 6.0])
print(torch.max(a, b), torch.min(a, b))                # tensor([5., 8.]) tensor([1., 6.])
x = torch.tensor([2.6, -2.7])
print(torch.round(x), torch.floor(x), torch.ceil(x), torch.trunc(x), sep="\n")
print(torch.fmod(x, 2))                                # tensor([ 0.6000, -0.7000])
print(torch.remainder(x, 2))                           # tensor([0.6000, 1.3000])
x = torch.tensor([0.9, -0.8, 100.0, -20.0, 0.7])
print(torch.clamp(x, min=-1, max=1))                   # tensor([ 0.9000, -0.8000,  1.0000, -1.0000,  0.7000])
print(torch.clamp(x, max=1))
relu = lambda x: x.clamp(min=0.0)                      # noqa: E731 (the seed's line)
print(relu(torch.tensor(5.0)))                         # tensor(5.)

section("reductions and scans")
a = torch.arange(1, 10).float().view(3, 3)
print(torch.sum(a), torch.mean(a), torch.max(a), torch.min(a))
print(torch.prod(a))                                   # tensor(362880.)
print(torch.std(a), torch.var(a), torch.median(a))    # tensor(2.7386) tensor(7.5000) tensor(5.)
b = torch.arange(1, 13).float().view(3, 4)
print(torch.max(b, dim=0))                             # values=tensor([ 9., 10., 11., 12.]), indices=tensor([2, 2, 2, 2])
print(torch.max(b, dim=1))
a = torch.arange(1, 10)
print(torch.cumsum(a, 0))
print(torch.cumprod(a, 0))
print(torch.cummax(a, 0).values, torch.cummax(a, 0).indices)
print(torch.cummin(a, 0))
a = torch.tensor([[9, 7, 8], [1, 3, 2], [5, 6, 4]]).float()
print(torch.topk(a, 2, dim=0), "\n")
print(torch.topk(a, 2, dim=1), "\n")
print(torch.sort(a, dim=1), "\n")

section("matrix operations")
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[2, 0], [0, 2]])
print(a @ b)                                           # tensor([[2, 4], [6, 8]])
a = torch.randn(5, 5, 6)
b = torch.randn(5, 6, 4)
print((a @ b).shape)                                   # torch.Size([5, 5, 4])
a = torch.tensor([[1.0, 2], [3, 4]])
print(a.t())
print(torch.inverse(a))                                # tensor([[-2.0000,  1.0000], [ 1.5000, -0.5000]])
print(torch.trace(a))                                  # tensor(5.)
print(torch.norm(a))                                   # tensor(5.4772)
print(torch.det(a))                                    # tensor(-2.)
a = torch.tensor([[1.0, 2], [-5, 4]], dtype=torch.float)
print(torch.linalg.eig(a))                             # eigenvalues 2.5000 ± 2.7839j
a = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
u, s, v = torch.linalg.svd(a)
print(u, "\n")
print(s, "\n")                                         # tensor([9.5255, 0.5143])
print(v, "\n")
# linalg.svd returns (U, S, Vh); this Vh is symmetric, so the seed's v.t() gives `a` back too
print(u @ F.pad(torch.diag(s), (0, 0, 0, 1)) @ v.t())

section("einsum")
A = torch.tensor([[1, 2], [3, 4.0]])
B = torch.tensor([[5, 6], [7, 8.0]])
print(A @ B)                                           # tensor([[19., 22.], [43., 50.]])
print(torch.einsum("ik,kj->ij", [A, B]))
A = torch.randn(3, 4, 5)
print("before:", A.shape, "after:", torch.einsum("ijk->ikj", A).shape)
A = torch.randn(5, 5)
print("before:", A.shape, "after:", torch.einsum("ii->i", A).shape)
A = torch.randn(4, 5)
print("before:", A.shape, "after:", torch.einsum("ij->i", A).shape)
A, B = torch.randn(5, 5), torch.randn(5, 5)
print("after:", torch.einsum("ij,ij->ij", A, B).shape)
A, B = torch.randn(10), torch.randn(10)
print("after:", torch.einsum("i,i->", A, B).shape)     # torch.Size([])
A, B = torch.randn(10), torch.randn(5)
print("after:", torch.einsum("i,j->ij", A, B).shape)
A, B = torch.randn(5, 4), torch.randn(4, 6)
print("after:", torch.einsum("ik,kj->ij", A, B).shape)
A, B = torch.randn(3, 4, 5), torch.randn(4, 3, 6)
C = torch.einsum("ijk,jih->kh", A, B)                 # torch.tensordot(A, B, dims=[(0, 1), (1, 0)])
print("after:", C.shape, torch.tensordot(A, B, dims=[(0, 1), (1, 0)]).shape)
q, k, W, b = torch.randn(10), torch.randn(10), torch.randn(5, 10, 10), torch.randn(5)
print("a.shape:", torch.bilinear(q, k, W, b).shape)    # torch.Size([5])
Q, K, W, b = torch.randn(8, 10), torch.randn(8, 10), torch.randn(5, 10, 10), torch.randn(5)
A = torch.einsum("bq,oqk,bk->bo", Q, W, K) + b
print("A.shape:", A.shape, torch.bilinear(Q, K, W, b).shape)
q, k = torch.randn(10), torch.randn(6, 10)
print("a.shape=", torch.softmax(q @ k.t() / k.shape[-1], -1).shape)
Q, K = torch.randn(8, 10), torch.randn(8, 6, 10)
print("A.shape=", torch.softmax(torch.einsum("in,ijn->ij", Q, K) / K.shape[-1], -1).shape)

section("broadcasting")
a = torch.tensor([1, 2, 3])
b = torch.tensor([[0, 0, 0], [1, 1, 1], [2, 2, 2]])
print(b + a)                                           # tensor([[1, 2, 3], [2, 3, 4], [3, 4, 5]])
print(torch.cat([a[None, :]] * 3, dim=0) + b)
a_broad, b_broad = torch.broadcast_tensors(a, b)
print(a_broad, "\n")
print(b_broad, "\n")
print(a_broad + b_broad)
