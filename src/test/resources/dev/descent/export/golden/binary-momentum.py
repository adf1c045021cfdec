#!/usr/bin/env python3
"""Descent's run "momentum" as a PyTorch script.

Exported by Descent from the experiment "Parity: binary cross-entropy". The network, its initial
weights, the input normalizer, the loss, the optimizer, the learning-rate schedule and the batch
order are Descent's, so the training loss follows Descent's metrics.csv step by step (float32, on
the CPU).

    python3 train.py [--steps N] [--out FILE.csv]

trains and writes step,train_loss to FILE.csv (default train_loss.csv): one row per step, numbered
as in metrics.csv, where step 1 is the loss of the first batch, before the first update. Without
--steps it trains as long as Descent does: 20 epochs of 15 steps (300 steps). With --steps N it
trains N steps, and a schedule whose length is the whole run stretches to N steps, as with `descent
run --steps N`.

Beside this script:
    train.csv             the training split (240 examples) in Descent's order: 2 features, then the
                          label: the class index 0–1 (class 0, class 1)
    validation.csv        the validation split (60 examples)
    initial_weights.json  Descent's initial weights, by PyTorch parameter name
"""

import argparse
import csv
import json
import math
from pathlib import Path

import torch
from torch import nn


SEED = 5  # chose the split, the initial weights, the batch order and the dropout masks in Descent
EPOCHS = 20
BATCH_SIZE = 17
EVALUATE_EVERY = 10  # steps between validation measurements; there is one at every epoch end too

HERE = Path(__file__).resolve().parent


# --- Data -----------------------------------------------------------------------------------------

def read_split(name):
    """One split as tensors: features [N, 2] (float32) and class indices [N] (int64)."""
    features, labels = [], []
    with open(HERE / name, newline="") as f:
        reader = csv.reader(f)
        next(reader)  # the header
        for row in reader:
            features.append(torch.tensor([float(v) for v in row[:2]], dtype=torch.float32))
            labels.append(int(row[2]))
    labels = torch.tensor(labels, dtype=torch.int64)
    return torch.stack(features), labels


# --- Batch order ----------------------------------------------------------------------------------

class SplittableRandom:
    """java.util.SplittableRandom (SplitMix64), bit for bit: Descent's batch-order generator."""

    GAMMA = 0x9E3779B97F4A7C15
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.seed = seed & self.MASK

    def next_int(self):
        """The next 32 random bits (Java's nextInt(), read as unsigned)."""
        self.seed = (self.seed + self.GAMMA) & self.MASK
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & self.MASK
        return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & self.MASK) >> 32

    def next_below(self, bound):
        """Java's nextInt(bound): uniform in [0, bound), redrawing values that would bias it."""
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = r >> 1
        while u + m - u % bound >= 1 << 31:
            u = self.next_int() >> 1
        return u % bound


def epoch_order(epoch, n):
    """Descent's BatchOrder: the training examples of an epoch in a Fisher-Yates shuffle driven by
    SplittableRandom(seed · 0x9E3779B97F4A7C15 + epoch), the same for every run of the experiment.
    """
    order = list(range(n))
    random = SplittableRandom(SEED * SplittableRandom.GAMMA + epoch)
    for i in range(n - 1, 0, -1):
        j = random.next_below(i + 1)
        order[i], order[j] = order[j], order[i]
    return torch.tensor(order)


def epoch_batches(n):
    """The batches of an epoch, as slices of its order: BATCH_SIZE examples each and the rest in the
    last, except that a single leftover example joins the batch before it.
    """
    full, rest = divmod(n, BATCH_SIZE)
    count = full if rest == 1 and full > 0 else full + (rest > 0)
    ends = [(b + 1) * BATCH_SIZE for b in range(count - 1)] + [n]
    return [slice(b * BATCH_SIZE, end) for b, end in enumerate(ends)]


# --- The network ----------------------------------------------------------------------------------

class Network(nn.Module):
    """Descent's network, one module per node, computed in Descent's order: in, h, a, out, loss.
    forward returns the raw output z of node out, which the loss receives.
    """

    def __init__(self):
        super().__init__()
        self.h = nn.Linear(2, 12)  # dense: 12 units, init he_normal
        self.a = nn.ReLU()  # activation: relu
        self.out = nn.Linear(12, 1)  # dense: 1 units, init xavier_uniform

    def forward(self, in_):
        h = self.h(in_)
        a = self.a(h)
        out = self.out(a)
        return out


# --- Initial weights ------------------------------------------------------------------------------

def load_initial_weights(model):
    """Descent's initial weights, by PyTorch parameter name. Descent keeps a dense node's W as
    [inputs, units] (y = x·W + b); nn.Linear keeps its transpose, and the file holds that.
    Batch and layer norm start at γ = 1, β = 0, and running statistics at mean 0, variance 1.
    """
    state = json.loads((HERE / "initial_weights.json").read_text())
    model.load_state_dict({name: torch.tensor(value) for name, value in state.items()})


# --- Loss -----------------------------------------------------------------------------------------

# Descent: binary_cross_entropy, averaged over the batch, on the logit z of class 1 (the loss
# applies the sigmoid itself).
_criterion = nn.BCEWithLogitsLoss()


def loss_function(z, labels):
    return _criterion(z, labels.to(z.dtype).unsqueeze(1))


# --- Optimizer ------------------------------------------------------------------------------------

def make_optimizer(parameters):
    # Descent: momentum(learningRate=0.1); Descent's own heavy-ball rule v ← μv + g, θ ← θ − ηv,
    # torch.optim.SGD's
    return torch.optim.SGD(parameters, lr=0.1, momentum=0.9)


# --- Evaluation -----------------------------------------------------------------------------------

def evaluate(model, x, labels):
    """Loss and accuracy on the validation split, as Descent measures them: the whole split in one
    batch, batch norm with its running statistics, no dropout.
    """
    model.eval()
    with torch.no_grad():
        z = model(x)
        loss = loss_function(z, labels).item()
        accuracy = ((z[:, 0] > 0).long() == labels).float().mean().item()
    return loss, accuracy


# --- Training -------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, metavar="N",
                        help=f"train exactly N steps (default: {EPOCHS} epochs, as Descent)")
    parser.add_argument("--out", default="train_loss.csv", metavar="FILE.csv",
                        help="where to write step,train_loss (default: train_loss.csv)")
    args = parser.parse_args()
    if args.steps is not None and args.steps < 1:
        parser.error("--steps must be at least 1")

    torch.manual_seed(SEED)
    train_x, train_labels = read_split("train.csv")
    validation_x, validation_labels = read_split("validation.csv")

    model = Network()
    load_initial_weights(model)
    optimizer = make_optimizer(model.parameters())
    batches = epoch_batches(len(train_x))
    steps = args.steps or EPOCHS * len(batches)

    with open(args.out, "w", newline="") as out:
        out.write("step,train_loss\n")
        for step in range(1, steps + 1):
            epoch, batch = divmod(step - 1, len(batches))
            if batch == 0:
                order = epoch_order(epoch, len(train_x))
            rows = order[batches[batch]]

            model.train()
            loss = loss_function(model(train_x[rows]), train_labels[rows])
            value = loss.item()
            # Descent ends a run at the first loss, gradient or weight that is infinite or NaN
            if not math.isfinite(value):
                print(f"diverged: the loss became {value} at step {step}")
                break
            optimizer.zero_grad()
            loss.backward()
            if not all(p.grad.isfinite().all() for p in model.parameters()):
                print(f"diverged: the gradient became infinite or NaN at step {step}")
                break
            optimizer.step()
            if not all(p.isfinite().all() for p in model.parameters()):
                print(f"diverged: a weight became infinite or NaN at step {step}")
                break
            out.write(f"{step},{value!r}\n")

            if step % EVALUATE_EVERY == 0 or batch == len(batches) - 1 or step == steps:
                validation_loss, accuracy = evaluate(model, validation_x, validation_labels)
                print(f"step {step}: validation loss {validation_loss:.4g},"
                      f" accuracy {accuracy:.1%}")

    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
