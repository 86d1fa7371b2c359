"""PyTorch peer for the fused LSTM kernel's test (FusedLstmTorchTest).

Usage: torch_lstm_layer.py DIR
DIR holds dims.json {"batch", "inputs", "hidden", "steps", "blocks"} and float32 little-endian
arrays written by the test in DL4J's layout: x [B, in, T], W [in, 4h], RW [h, 4h], b [4h] (forget
bias folded in) and eps [B, h, T] (the gradient arriving at the layer's output). "blocks" names the
DL4J block of each of torch's gates i, f, g, o. Runs torch.nn.LSTM in float64 on those weights,
zero initial state, and backpropagates loss = sum(output * eps); writes out, dW, dRW, db, dx back
into DIR in the same layouts, and prints JSON {"ok": true} (or {"skip": reason} without torch).
"""
import json
import os
import sys

import numpy as np

try:
    import torch
except ImportError as e:
    print(json.dumps({"skip": "no torch: %s" % e}))
    sys.exit(0)

d = sys.argv[1]
dims = json.load(open(os.path.join(d, "dims.json")))
B, IN, H, T = dims["batch"], dims["inputs"], dims["hidden"], dims["steps"]
blocks = dims["blocks"]


def load(name, shape):
    return np.fromfile(os.path.join(d, name + ".f32"), dtype="<f4").reshape(shape).astype(np.float64)


def save(name, a):
    np.ascontiguousarray(a, dtype="<f4").tofile(os.path.join(d, name + ".f32"))


def to_torch_rows(m):
    """DL4J [rows, 4h] with DL4J gate blocks -> torch [4h, rows] with gates i, f, g, o."""
    return np.concatenate([m[:, k * H:(k + 1) * H] for k in blocks], axis=1).T


def to_dl4j_cols(g):
    """torch [4h, rows] gradient -> DL4J [rows, 4h]."""
    out = np.zeros((g.shape[1], 4 * H))
    for t_gate, k in enumerate(blocks):
        out[:, k * H:(k + 1) * H] = g[t_gate * H:(t_gate + 1) * H, :].T
    return out


torch.set_num_threads(1)
x = load("x", (B, IN, T))
W, RW, b, eps = load("W", (IN, 4 * H)), load("RW", (H, 4 * H)), load("b", (1, 4 * H)), load("eps", (B, H, T))
lstm = torch.nn.LSTM(IN, H, batch_first=True).double()
with torch.no_grad():
    lstm.weight_ih_l0.copy_(torch.from_numpy(to_torch_rows(W)))
    lstm.weight_hh_l0.copy_(torch.from_numpy(to_torch_rows(RW)))
    lstm.bias_ih_l0.copy_(torch.from_numpy(to_torch_rows(b)[:, 0]))
    lstm.bias_hh_l0.zero_()
xt = torch.from_numpy(x.transpose(0, 2, 1).copy()).requires_grad_(True)  # [B, T, in]
out, _ = lstm(xt)
(out * torch.from_numpy(eps.transpose(0, 2, 1).copy())).sum().backward()
save("out", out.detach().numpy().transpose(0, 2, 1))
save("dW", to_dl4j_cols(lstm.weight_ih_l0.grad.numpy()))
save("dRW", to_dl4j_cols(lstm.weight_hh_l0.grad.numpy()))
save("db", to_dl4j_cols(lstm.bias_ih_l0.grad.numpy()[:, None]))
save("dx", xt.grad.numpy().transpose(0, 2, 1))
print(json.dumps({"ok": True}))
