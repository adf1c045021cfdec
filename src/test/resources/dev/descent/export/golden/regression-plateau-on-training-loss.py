#!/usr/bin/env python3
"""Descent's run "adam plateau on training loss" as a PyTorch script.

Exported by Descent from the experiment "Parity: regression, mean squared error". The network, its
initial weights, the input normalizer, the loss, the optimizer, the learning-rate schedule and the
batch order are Descent's, so the training loss follows Descent's metrics.csv step by step (float32,
on the CPU).

    python3 train.py [--steps N] [--out FILE.csv]

trains and writes step,train_loss to FILE.csv (default train_loss.csv): one row per step, numbered
as in metrics.csv, where step 1 is the loss of the first batch, before the first update. Without
--steps it trains as long as Descent does: 20 epochs of 10 steps (200 steps). With --steps N it
trains N steps, and a schedule whose length is the whole run stretches to N steps, as with `descent
run --steps N`.

Beside this script:
    train.csv             the training split (200 examples) in Descent's order: 1 feature, then 1
                          target
    initial_weights.json  Descent's initial weights, by PyTorch parameter name
"""

import argparse
import csv
import json
import math
from pathlib import Path

import torch
from torch import nn
from torch.optim import lr_scheduler


SEED = 11  # chose the split, the initial weights, the batch order and the dropout masks in Descent
EPOCHS = 20
BATCH_SIZE = 20
EVALUATE_EVERY = 10  # steps between validation measurements; there is one at every epoch end too

HERE = Path(__file__).resolve().parent


# --- Data -----------------------------------------------------------------------------------------

def read_split(name):
    """One split as tensors: features [N, 1] (float32) and targets [N, 1] (float32)."""
    features, labels = [], []
    with open(HERE / name, newline="") as f:
        reader = csv.reader(f)
        next(reader)  # the header
        for row in reader:
            features.append(torch.tensor([float(v) for v in row[:1]], dtype=torch.float32))
            labels.append([float(v) for v in row[1:]])
    labels = torch.tensor(labels, dtype=torch.float32)
    return torch.stack(features), labels


# --- Input normalizer -----------------------------------------------------------------------------

class MinMax:
    """Descent's min_max normalizer (ND4J's NormalizerMinMaxScaler), fitted on the training
    split only: x' = (x − min) / (max − min) per feature, max − min raised to 1e-5 where a
    feature is constant.
    """

    def __init__(self, x):
        self.low = x.min(0).values
        self.range = (x.max(0).values - self.low).clamp(min=1e-5)

    def __call__(self, x):
        return (x - self.low) / self.range


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
        self.h = nn.Linear(1, 16)  # dense: 16 units, init xavier_uniform
        self.a = nn.Tanh()  # activation: tanh
        self.out = nn.Linear(16, 1)  # dense: 1 units, init xavier_uniform

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

# Descent: mse, averaged over the batch and the outputs.
loss_function = nn.MSELoss()


# --- Optimizer ------------------------------------------------------------------------------------

class Nd4jAdam(torch.optim.Optimizer):
    """Adam as Descent computes it, with ND4J's Adam updater, which folds the bias corrections
    into the step size:

        m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
        θ ← θ − αₜ·m/(√v + ε),   αₜ = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)

    This is torch.optim.Adam's rule but for the size of ε: torch divides by √v/√(1 − β₂ᵗ) + ε,
    so ND4J's ε acts as torch's ε/√(1 − β₂ᵗ), 30 times larger at the first step. The loss of
    torch.optim.Adam drifts from Descent's by 3·10⁻³ within 100 steps on
    sample-data/optimizers.json, so the rule is written out. With amsgrad=True, v is replaced by
    its running maximum, as in ND4J's AMSGrad updater. decoupled_weight_decay λ shrinks the
    weights by ηλθ each step, as AdamW does; weight_decay adds λθ to the gradient (L2).
    """

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                 decoupled_weight_decay=0.0, amsgrad=False):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        decoupled_weight_decay=decoupled_weight_decay, amsgrad=amsgrad)
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
                    zeros = torch.zeros_like
                    state.update(t=0, m=zeros(p), v=zeros(p), v_max=zeros(p))
                state["t"] += 1
                t = state["t"]
                m, v = state["m"], state["v"]
                m.mul_(beta1).add_(g, alpha=1 - beta1)
                v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                if group["amsgrad"]:
                    torch.maximum(state["v_max"], v, out=state["v_max"])
                    v = state["v_max"]
                if group["decoupled_weight_decay"] != 0:
                    p.mul_(1 - group["lr"] * group["decoupled_weight_decay"])  # AdamW: θ ← θ − ηλθ
                step_size = group["lr"] * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
                p.addcdiv_(m, v.sqrt().add_(group["eps"]), value=-step_size)


def make_optimizer(parameters):
    # Descent: adam(learningRate=0.02); ND4J's Adam updater, written out above
    return Nd4jAdam(parameters, lr=0.02, betas=(0.9, 0.999), eps=1e-8)


# --- Learning-rate schedule -----------------------------------------------------------------------

def make_schedule(optimizer, steps):
    # Descent: plateau(patience=1, factor=0.5, threshold=0.1)
    return lr_scheduler.ReduceLROnPlateau(
        optimizer, mode="min", factor=0.5, patience=1, threshold=0.1, threshold_mode="rel",
        cooldown=0, min_lr=0.0)


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
    normalize = MinMax(train_x)  # fitted on the training split only
    train_x = normalize(train_x)

    model = Network()
    load_initial_weights(model)
    optimizer = make_optimizer(model.parameters())
    batches = epoch_batches(len(train_x))
    steps = args.steps or EPOCHS * len(batches)
    schedule = make_schedule(optimizer, steps)
    loss_sum, loss_count = 0.0, 0  # without a validation split, Descent's plateau watches the mean
                                   # training loss since the last evaluation

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
            loss_sum, loss_count = loss_sum + value, loss_count + 1

            if step % EVALUATE_EVERY == 0 or batch == len(batches) - 1 or step == steps:
                monitored = loss_sum / loss_count
                loss_sum, loss_count = 0.0, 0
                if math.isfinite(monitored):
                    schedule.step(monitored)

    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
