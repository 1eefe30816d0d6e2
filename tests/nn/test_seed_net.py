"""The seed's section 5.1 ``Net`` (Embedding, Conv1d, MaxPool1d, ReLU, Flatten, Linear):
its children, named_children, modules and parameter counts, and its summary table, against
the text the seed prints (copied here verbatim)."""
import jitgrad as torch     # the seed's code, unchanged
from jitgrad import nn

CONV = """Sequential(
  (conv_1): Conv1d(3, 16, kernel_size=(5,), stride=(1,))
  (pool_1): MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (relu_1): ReLU()
  (conv_2): Conv1d(16, 128, kernel_size=(2,), stride=(1,))
  (pool_2): MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (relu_2): ReLU()
)"""
DENSE = """Sequential(
  (flatten): Flatten(start_dim=1, end_dim=-1)
  (linear): Linear(in_features=6144, out_features=1, bias=True)
)"""

SEED_CHILDREN = f"""Embedding(10000, 3, padding_idx=1) 

{CONV} 

{DENSE} 

child number 3
"""

SEED_NAMED_CHILDREN = f"""embedding : Embedding(10000, 3, padding_idx=1) 

conv : {CONV} 

dense : {DENSE} 

child number 3
"""

SEED_MODULES = """Net(
  (embedding): Embedding(10000, 3, padding_idx=1)
  (conv): Sequential(
    (conv_1): Conv1d(3, 16, kernel_size=(5,), stride=(1,))
    (pool_1): MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    (relu_1): ReLU()
    (conv_2): Conv1d(16, 128, kernel_size=(2,), stride=(1,))
    (pool_2): MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    (relu_2): ReLU()
  )
  (dense): Sequential(
    (flatten): Flatten(start_dim=1, end_dim=-1)
    (linear): Linear(in_features=6144, out_features=1, bias=True)
  )
)
Embedding(10000, 3, padding_idx=1)
""" + CONV + """
Conv1d(3, 16, kernel_size=(5,), stride=(1,))
MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
ReLU()
Conv1d(16, 128, kernel_size=(2,), stride=(1,))
MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
ReLU()
""" + DENSE + """
Flatten(start_dim=1, end_dim=-1)
Linear(in_features=6144, out_features=1, bias=True)
module number: 12
"""

SEED_CHILDREN_DICT = ("{'embedding': Embedding(10000, 3, padding_idx=1), 'conv': " + CONV + ", 'dense': " + DENSE
                      + "}")

SEED_SUMMARY = """--------------------------------------------------------------------------
Layer (type)                            Output Shape              Param #
==========================================================================
Embedding-1                             [-1, 200, 3]               30,000
Conv1d-2                               [-1, 16, 196]                  256
MaxPool1d-3                             [-1, 16, 98]                    0
ReLU-4                                  [-1, 16, 98]                    0
Conv1d-5                               [-1, 128, 97]                4,224
MaxPool1d-6                            [-1, 128, 48]                    0
ReLU-7                                 [-1, 128, 48]                    0
Flatten-8                                 [-1, 6144]                    0
Linear-9                                     [-1, 1]                6,145
==========================================================================
Total params: 40,625
Trainable params: 10,625
Non-trainable params: 30,000
--------------------------------------------------------------------------
Input size (MB): 0.000763
Forward/backward pass size (MB): 0.287788
Params size (MB): 0.154972
Estimated Total Size (MB): 0.443523
"""


class Net(nn.Module):

    def __init__(self):
        super(Net, self).__init__()

        self.embedding = nn.Embedding(num_embeddings = 10000,embedding_dim = 3,padding_idx = 1)  # noqa: E251
        self.conv = nn.Sequential()
        self.conv.add_module("conv_1",nn.Conv1d(in_channels = 3,out_channels = 16,kernel_size = 5))  # noqa: E231,E251
        self.conv.add_module("pool_1",nn.MaxPool1d(kernel_size = 2))  # noqa: E231,E251
        self.conv.add_module("relu_1",nn.ReLU())  # noqa: E231
        self.conv.add_module("conv_2",nn.Conv1d(in_channels = 16,out_channels = 128,kernel_size = 2))  # noqa: E231,E251
        self.conv.add_module("pool_2",nn.MaxPool1d(kernel_size = 2))  # noqa: E231,E251
        self.conv.add_module("relu_2",nn.ReLU())  # noqa: E231

        self.dense = nn.Sequential()
        self.dense.add_module("flatten",nn.Flatten())  # noqa: E231
        self.dense.add_module("linear",nn.Linear(6144,1))  # noqa: E231

    def forward(self,x):  # noqa: E231
        x = self.embedding(x).transpose(1,2)  # noqa: E231
        x = self.conv(x)
        y = self.dense(x)
        return y


def test_children_as_the_seed_prints(capsys):
    net = Net()
    i = 0
    for child in net.children():
        i += 1
        print(child, "\n")
    print("child number", i)
    assert capsys.readouterr().out == SEED_CHILDREN


def test_named_children_as_the_seed_prints(capsys):
    net = Net()
    i = 0
    for name, child in net.named_children():
        i += 1
        print(name, ":", child, "\n")
    print("child number", i)
    assert capsys.readouterr().out == SEED_NAMED_CHILDREN


def test_modules_as_the_seed_prints(capsys):
    net = Net()
    i = 0
    for module in net.modules():
        i += 1
        print(module)
    print("module number:", i)
    assert capsys.readouterr().out == SEED_MODULES


def test_freezing_the_embedding_and_the_summary(capsys):
    net = Net()
    children_dict = {name: module for name, module in net.named_children()}
    assert str(children_dict) == SEED_CHILDREN_DICT
    embedding = children_dict["embedding"]
    embedding.requires_grad_(False)
    assert [(p.requires_grad, p.numel()) for p in embedding.parameters()] == [(False, 30000)]
    assert sum(p.numel() for p in net.parameters()) == 40625
    assert sum(p.numel() for p in net.parameters() if p.requires_grad) == 10625

    figures = torch.summary(net, input_shape=(200,), input_dtype=torch.LongTensor)
    assert capsys.readouterr().out == SEED_SUMMARY
    assert (figures.total_params, figures.trainable_params, figures.non_trainable_params) == (40625, 10625, 30000)
    assert [r.name for r in figures.rows][:3] == ["Embedding-1", "Conv1d-2", "MaxPool1d-3"]
    assert figures.rows[-1].output_shape == [-1, 1] and figures.rows[0].trainable == 0
    assert round(figures.total_size_mb, 6) == 0.443523


def test_the_net_trains_a_step():
    net = Net()
    x = torch.randint(0, 10000, (4, 200))
    loss = net(x).pow(2).mean()
    loss.backward()
    assert net.embedding.weight.grad.shape == (10000, 3)
    assert net.embedding.weight.grad[1].abs().sum().item() == 0.0    # the padding row gets no gradient
    assert all(p.grad is not None for p in net.parameters())
