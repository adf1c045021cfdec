"""PyTorch's side of Descent's engine benchmark (EngineBenchmark runs it with Debian's /usr/bin/python3).

mlp WIDTHS BATCH OPTIMIZER THREADS SECONDS
    Training steps per second (of wall time, and of the process's CPU time) of a ReLU MLP (WIDTHS such as 784-256-128-10) with cross-entropy on
    random float32 data (50 batches, cycled), after a 1.5 s warm-up; OPTIMIZER is sgd (lr 0.01) or adam
    (lr 1e-3), as in Descent's and DL4J's cases.
fashion IMAGES LABELS OPTIMIZER THREADS
    One epoch of 784-128-10 (ReLU) with OPTIMIZER (sgd: lr 0.1, adam: lr 1e-3, as the sample), batch 64, on Fashion-MNIST's training file,
    pixels scaled to [0, 1], the last 10% held out for validation: steps per second of the epoch (wall and
    CPU time) and the validation accuracy after it.
Prints one JSON object on stdout.
"""
import gzip
import json
import sys
import time

import numpy as np
import torch


def mlp(widths, activation=torch.nn.ReLU):
    layers = []
    for i in range(1, len(widths)):
        layers.append(torch.nn.Linear(widths[i - 1], widths[i]))
        if i < len(widths) - 1:
            layers.append(activation())
    return torch.nn.Sequential(*layers)


def optimizer(kind, params, sgd_lr=0.01):
    if kind == "sgd":
        return torch.optim.SGD(params, lr=sgd_lr)
    if kind == "adam":
        return torch.optim.Adam(params, lr=1e-3)
    raise SystemExit("unknown optimizer " + kind)


def bench_mlp(widths, batch, kind, threads, seconds):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = mlp(widths)
    opt = optimizer(kind, net.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()
    xs = [torch.randn(batch, widths[0]) for _ in range(50)]
    ys = [torch.randint(0, widths[-1], (batch,)) for _ in range(50)]

    def step(i):
        opt.zero_grad()
        loss = loss_fn(net(xs[i % 50]), ys[i % 50])
        loss.backward()
        opt.step()

    end = time.perf_counter() + 1.5
    i = 0
    while time.perf_counter() < end:
        step(i)
        i += 1
    steps = 0
    start = time.perf_counter()
    cpu = time.process_time()
    end = start + seconds
    while time.perf_counter() < end:
        step(steps)
        steps += 1
    return {"steps_per_s": steps / (time.perf_counter() - start),
            "steps_per_cpu_s": steps / (time.process_time() - cpu), "threads": threads}


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def bench_fashion(images, labels, kind, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = torch.from_numpy(idx(images).reshape(-1, 784).astype(np.float32) / 255.0)
    y = torch.from_numpy(idx(labels).astype(np.int64))
    n_val = len(y) // 10
    x_train, y_train, x_val, y_val = x[:-n_val], y[:-n_val], x[-n_val:], y[-n_val:]
    net = mlp([784, 128, 10])
    opt = optimizer(kind, net.parameters(), sgd_lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(len(y_train))
    steps = 0
    start = time.perf_counter()
    cpu = time.process_time()
    for b in range(0, len(order), 64):
        rows = order[b:b + 64]
        opt.zero_grad()
        loss = loss_fn(net(x_train[rows]), y_train[rows])
        loss.backward()
        opt.step()
        steps += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    with torch.no_grad():
        accuracy = (net(x_val).argmax(1) == y_val).float().mean().item()
    return {"steps_per_s": steps / elapsed, "steps_per_cpu_s": steps / cpu, "steps": steps,
            "val_accuracy": accuracy, "threads": threads}


def main(argv):
    if argv[0] == "mlp":
        widths = [int(w) for w in argv[1].split("-")]
        result = bench_mlp(widths, int(argv[2]), argv[3], int(argv[4]), float(argv[5]))
    elif argv[0] == "fashion":
        result = bench_fashion(argv[1], argv[2], argv[3], int(argv[4]))
    else:
        raise SystemExit(__doc__)
    result["torch"] = torch.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
