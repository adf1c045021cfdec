#!/usr/bin/env python3
"""Descent's run "sgd" as a PyTorch script.

Exported by Descent from the experiment "Parity: images, pixel scaling, one-hot mean squared error".
The network, its initial weights, the input normalizer, the loss, the optimizer, the learning-rate
schedule, the batch order and the dropout masks are Descent's, so the training loss follows
Descent's metrics.csv step by step (float32, on the CPU).

    python3 train.py [--steps N] [--out FILE.csv]

trains and writes step,train_loss to FILE.csv (default train_loss.csv): one row per step, numbered
as in metrics.csv, where step 1 is the loss of the first batch, before the first update. Without
--steps it trains as long as Descent does: 20 epochs of 6 steps (120 steps). With --steps N it
trains N steps, and a schedule whose length is the whole run stretches to N steps, as with `descent
run --steps N`.

Beside this script:
    train.csv             the training split (180 examples) in Descent's order: 256 features, then
                          the label: the class index 0–2 (circle, square, triangle)
    validation.csv        the validation split (60 examples)
    initial_weights.json  Descent's initial weights, by PyTorch parameter name
    dropout_masks/        the masks Descent's dropout drew in its first 120 steps, one line per step
"""

import argparse
import csv
import json
import math
import sys
from pathlib import Path

import torch
from torch import nn


SEED = 2  # chose the split, the initial weights, the batch order and the dropout masks in Descent
EPOCHS = 20
BATCH_SIZE = 32
EVALUATE_EVERY = 20  # steps between validation measurements; there is one at every epoch end too

HERE = Path(__file__).resolve().parent


# --- Data -----------------------------------------------------------------------------------------

def read_split(name):
    """One split as tensors: features [N, 256] (float32) and class indices [N] (int64)."""
    features, labels = [], []
    with open(HERE / name, newline="") as f:
        reader = csv.reader(f)
        next(reader)  # the header
        for row in reader:
            features.append(torch.tensor([float(v) for v in row[:256]], dtype=torch.float32))
            labels.append(int(row[256]))
    labels = torch.tensor(labels, dtype=torch.int64)
    return torch.stack(features), labels


# --- Input normalizer -----------------------------------------------------------------------------

class Pixel:
    """Descent's pixel normalizer (ND4J's ImagePreProcessingScaler): x' = x / 255."""

    def __init__(self, x):
        pass

    def __call__(self, x):
        return x / 255.0


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

class ReplayedDropout(nn.Module):
    """Inverted dropout with Descent's masks: y = x·m/(1 − p) in training, y = x in evaluation.

    Descent draws m ~ Bernoulli(1 − p) from ND4J's random generator, which PyTorch cannot
    reproduce, so the masks it drew are read from a file: one line per training step, one
    character per value of the [batch, width] mask, row by row ('1' kept, '0' dropped). After
    the last recorded step the masks come from torch.bernoulli (the run is no longer a replica).
    """

    def __init__(self, p, masks):
        super().__init__()
        self.p = p
        self.masks = (HERE / masks).read_text().split()
        self.steps = 0

    def forward(self, x):
        if not self.training:
            return x
        if self.steps < len(self.masks):
            kept = torch.tensor([int(c) for c in self.masks[self.steps]], dtype=x.dtype)
            kept = kept.reshape(x.shape)
        else:
            if self.steps == len(self.masks):
                print(f"note: Descent's dropout masks end after step {self.steps};"
                      " drawing new ones", file=sys.stderr)
            kept = torch.bernoulli(torch.full_like(x, 1 - self.p))
        self.steps += 1
        return x * (kept * (1 / (1 - self.p)))


class Network(nn.Module):
    """Descent's network, one module per node, computed in Descent's order: in, h, a, d, out, loss.
    forward returns the raw output z of node out, which the loss receives.
    """

    def __init__(self):
        super().__init__()
        self.h = nn.Linear(256, 32)  # dense: 32 units, init he_normal
        self.a = nn.ReLU()  # activation: relu
        self.d = ReplayedDropout(0.5, "dropout_masks/d.txt")  # dropout: p = 0.5, Descent's masks
        self.out = nn.Linear(32, 3)  # dense: 3 units, init xavier_uniform

    def forward(self, in_):
        h = self.h(in_)
        a = self.a(h)
        d = self.d(a)
        out = self.out(d)
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

# Descent: mse, averaged over the batch and the outputs, against one-hot class vectors.
_criterion = nn.MSELoss()


def loss_function(z, labels):
    return _criterion(z, nn.functional.one_hot(labels, 3).to(z.dtype))


# --- Optimizer ------------------------------------------------------------------------------------

def make_optimizer(parameters):
    # Descent: sgd(learningRate=0.1); ND4J's Sgd updater, torch.optim.SGD's rule
    return torch.optim.SGD(parameters, lr=0.1)


# --- Evaluation -----------------------------------------------------------------------------------

def evaluate(model, x, labels):
    """Loss and accuracy on the validation split, as Descent measures them: the whole split in one
    batch, batch norm with its running statistics, no dropout.
    """
    model.eval()
    with torch.no_grad():
        z = model(x)
        loss = loss_function(z, labels).item()
        accuracy = (z.argmax(1) == labels).float().mean().item()
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
    normalize = Pixel(train_x)  # fitted on the training split only
    train_x = normalize(train_x)
    validation_x = normalize(validation_x)

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
