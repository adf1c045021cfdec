#!/usr/bin/env python3
"""Descent's run "nadam" as a PyTorch script.

Exported by Descent from the experiment "Parity: every optimizer". The network, its initial weights,
the input normalizer, the loss, the optimizer, the learning-rate schedule and the batch order are
Descent's, so the training loss follows Descent's metrics.csv step by step (float32, on the CPU).

    python3 train.py [--steps N] [--out FILE.csv]

trains and writes step,train_loss to FILE.csv (default train_loss.csv): one row per step, numbered
as in metrics.csv, where step 1 is the loss of the first batch, before the first update. Without
--steps it trains as long as Descent does: 20 epochs of 19 steps (380 steps). With --steps N it
trains N steps, and a schedule whose length is the whole run stretches to N steps, as with `descent
run --steps N`.

Beside this script:
    train.csv             the training split (300 examples) in Descent's order: 2 features, then the
                          label: the class index 0–1 (class 0, class 1)
    validation.csv        the validation split (100 examples)
    initial_weights.json  Descent's initial weights, by PyTorch parameter name
"""

import argparse
import csv
import json
import math
from pathlib import Path

import torch
from torch import nn


SEED = 7  # chose the split, the initial weights, the batch order and the dropout masks in Descent
EPOCHS = 20
BATCH_SIZE = 16
EVALUATE_EVERY = 25  # steps between validation measurements; there is one at every epoch end too

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


# --- Input normalizer -----------------------------------------------------------------------------

class Standardize:
    """Descent's standardize normalizer (ND4J's NormalizerStandardize), fitted on the training
    split only: x' = (x − μ) / σ per feature, σ the population standard deviation, raised to
    1e-5 where a feature is constant.
    """

    def __init__(self, x):
        self.mean = x.mean(0)
        self.std = x.var(0, unbiased=False).sqrt().clamp(min=1e-5)

    def __call__(self, x):
        return (x - self.mean) / self.std


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
    """Descent's network, one module per node, computed in Descent's order: in, h1, a1, h2, a2, out,
    loss. forward returns the raw output z of node out, which the loss receives.
    """

    def __init__(self):
        super().__init__()
        self.h1 = nn.Linear(2, 16)  # dense: 16 units, init he_normal
        self.a1 = nn.ReLU()  # activation: relu
        self.h2 = nn.Linear(16, 16)  # dense: 16 units, init xavier_normal
        self.a2 = nn.Tanh()  # activation: tanh
        self.out = nn.Linear(16, 2)  # dense: 2 units, init xavier_uniform

    def forward(self, in_):
        h1 = self.h1(in_)
        a1 = self.a1(h1)
        h2 = self.h2(a1)
        a2 = self.a2(h2)
        out = self.out(a2)
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

# Descent: cross_entropy, averaged over the batch of −log softmax(z)_y (the loss applies the softmax
# itself).
loss_function = nn.CrossEntropyLoss()


# --- Optimizer ------------------------------------------------------------------------------------

class DescentNAdam(torch.optim.Optimizer):
    """NAdam as Descent computes it (Dozat 2016; torch.optim.NAdam as of PyTorch 2.0):

        μₜ = β₁·(1 − ½·0.96^(t·ψ)),   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
        v̂ = v/(1 − β₂ᵗ),   θ ← θ − η(1 − μₜ)/(1 − Π₁..ₜ μ) · g/(√v̂ + ε)
                             − η·μₜ₊₁/(1 − Π₁..ₜ₊₁ μ) · m/(√v̂ + ε)

    Written out because PyTorch 1.13's NAdam multiplies μₜ into the product Π₁..ₜ₊₁ μ twice
    (fixed in 2.0): its loss drifts from Descent's by 2·10⁻³ within 6 steps. With PyTorch 2.0 or
    later, torch.optim.NAdam computes the same as this class.
    """

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, momentum_decay=0.004,
                 weight_decay=0.0):
        defaults = dict(lr=lr, betas=betas, eps=eps, momentum_decay=momentum_decay,
                        weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"] != 0:
                    g = g.add(p, alpha=group["weight_decay"])  # L2: g ← g + λθ
                state = self.state[p]
                if not state:
                    state.update(t=0, mu_product=1.0, m=torch.zeros_like(p), v=torch.zeros_like(p))
                state["t"] += 1
                t = state["t"]
                mu = beta1 * (1 - 0.5 * 0.96 ** (t * group["momentum_decay"]))
                mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * group["momentum_decay"]))
                state["mu_product"] *= mu
                m, v = state["m"], state["v"]
                m.mul_(beta1).add_(g, alpha=1 - beta1)
                v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                denominator = (v / (1 - beta2 ** t)).sqrt().add_(group["eps"])
                lr = group["lr"]
                product = state["mu_product"]
                p.addcdiv_(g, denominator, value=-lr * (1 - mu) / (1 - product))
                p.addcdiv_(m, denominator, value=-lr * mu_next / (1 - product * mu_next))


def make_optimizer(parameters):
    # Descent: nadam(learningRate=0.005); Descent's own rule, torch.optim.NAdam's as of PyTorch 2.0
    # (written out above)
    return DescentNAdam(parameters, lr=0.005, betas=(0.9, 0.999), eps=1e-8, momentum_decay=0.004)


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
    normalize = Standardize(train_x)  # fitted on the training split only
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
