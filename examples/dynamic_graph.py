"""The seed tutorial's section 4 ("the dynamic computation graph"), running on jitgrad.

Each block is the seed's code with `import jitgrad as torch`; the comments give the values
the seed prints. The last block writes the graph to out/dynamic_graph.dot (and .svg where
Graphviz's `dot` is installed) — jitgrad's answer to the seed's TensorBoard add_graph.
"""
from __future__ import annotations

import pathlib
import shutil
import warnings

import jitgrad as torch

OUT = pathlib.Path(__file__).resolve().parent.parent / "out"


def section(title):
    print(f"\n=== {title} ===")


section("4.1 forward runs at once; the graph is freed after backward")
w = torch.tensor([[3.0, 1.0]], requires_grad=True)
b = torch.tensor([[3.0]], requires_grad=True)
X = torch.randn(10, 2)
Y = torch.randn(10, 1)
Y_hat = X @ w.t() + b            # computed now, before the loss exists
loss = torch.mean(torch.pow(Y_hat - Y, 2))
print(loss.data)
g = torch.autograd.graph(loss)
print(f"live graph of loss: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
loss.backward()                  # loss.backward(retain_graph=True) would keep it
print(f"after backward: {torch.autograd.graph(loss).number_of_nodes()} nodes reachable from loss")
try:
    loss.backward()              # the graph is gone: a second backward is an error
except RuntimeError as err:
    print("second backward:", str(err).split(".")[0] + ".", "(the message names retain_graph=True)")


section("4.2 a custom Function in the graph")


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


w = torch.tensor([[3.0, 1.0]], requires_grad=True)
b = torch.tensor([[3.0]], requires_grad=True)
X = torch.tensor([[-1.0, -1.0], [1.0, 1.0]])
Y = torch.tensor([[2.0, 3.0]])
relu = MyReLU.apply
Y_hat = relu(X @ w.t() + b)
loss = torch.mean(torch.pow(Y_hat - Y, 2))
loss.backward()
print(w.grad)                    # tensor([[4.5000, 4.5000]])
print(b.grad)                    # tensor([[4.5000]])
print(Y_hat.grad_fn)             # <MyReLUBackward object at 0x...>


section("4.3 how backward runs")
x = torch.tensor(3.0, requires_grad=True)
y1 = x + 1
y2 = 2 * x
loss = (y1 - y2) ** 2
loss.backward()
print(x.grad)                    # tensor(4.)


section("4.4 leaf and non-leaf tensors")
x = torch.tensor(3.0, requires_grad=True)
y1 = x + 1
y2 = 2 * x
loss = (y1 - y2) ** 2
loss.backward()
with warnings.catch_warnings():  # reading .grad of a non-leaf warns, in torch as here
    warnings.simplefilter("ignore")
    print("loss.grad:", loss.grad)   # None
    print("y1.grad:", y1.grad)       # None
    print("y2.grad:", y2.grad)       # None
print(x.grad)                    # tensor(4.)
print(x.is_leaf, y1.is_leaf, y2.is_leaf, loss.is_leaf)   # True False False False

x = torch.tensor(3.0, requires_grad=True)
y1 = x + 1
y2 = 2 * x
loss = (y1 - y2) ** 2
y1.register_hook(lambda grad: print('y1 grad: ', grad))
y2.register_hook(lambda grad: print('y2 grad: ', grad))
loss.retain_grad()
loss.backward()                  # y2 grad:  tensor(4.)   then   y1 grad:  tensor(-4.)
print("loss.grad:", loss.grad)   # tensor(1.)
print("x.grad:", x.grad)         # tensor(4.)


section("4.5 drawing the graph (DOT instead of TensorBoard)")
w = torch.randn(2, 1, requires_grad=True)
b = torch.zeros(1, 1, requires_grad=True)
y = torch.rand(10, 2) @ w + b
G = torch.autograd.graph(y)      # a plain networkx.DiGraph
for node, data in G.nodes(data=True):
    print(node, data["kind"], data.get("op", ""), data.get("shape", ""))
OUT.mkdir(exist_ok=True)
print("wrote", torch.viz.save(y, OUT / "dynamic_graph.dot"))
if shutil.which("dot"):
    print("wrote", torch.viz.save(y, OUT / "dynamic_graph.svg"))
else:
    print("(install Graphviz for .svg output)")
