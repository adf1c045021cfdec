"""PyTorch's side of Descent's ensemble benchmark (EnsembleBenchmark runs it with Debian's /usr/bin/python3).

torch_ensemble_bench.py MEMBERS SECONDS
    MEMBERS copies of the 2-16-16-2 ReLU MLP with softmax cross-entropy trained together as one computation:
    weights stacked into [MEMBERS, in, out] tensors, every product a torch.baddbmm, each member its own
    batch of 32 (random float32 data, 50 batches cycled), each member's loss its batch mean (the members'
    losses summed, so every member gets its own gradient), plain SGD (lr 0.01) on the stacked tensors, one
    thread (torch.set_num_threads(1); the caller sets OPENBLAS_NUM_THREADS=1). After a 1.5 s warm-up,
    prints {"members", "member_steps_per_s", "member_steps_per_cpu_s", "steps"} as JSON.
"""
import json
import sys
import time

import torch


def main():
    members = int(sys.argv[1])
    seconds = float(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(1)
    widths = [2, 16, 16, 2]
    batch = 32
    weights = []
    biases = []
    for i in range(1, len(widths)):
        bound = 1.0 / widths[i - 1] ** 0.5
        weights.append((torch.rand(members, widths[i - 1], widths[i]) * 2 - 1).mul_(bound).requires_grad_())
        biases.append(torch.zeros(members, 1, widths[i]).requires_grad_())
    opt = torch.optim.SGD(weights + biases, lr=0.01)
    xs = [torch.randn(members, batch, widths[0]) for _ in range(50)]
    ys = [torch.randint(0, widths[-1], (members * batch,)) for _ in range(50)]
    loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")

    def step(i):
        opt.zero_grad()
        h = xs[i % 50]
        for k in range(len(weights)):
            h = torch.baddbmm(biases[k], h, weights[k])
            if k < len(weights) - 1:
                h = torch.relu(h)
        # the sum over members of each member's batch mean
        loss = loss_fn(h.reshape(members * batch, widths[-1]), ys[i % 50]) / batch
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
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    print(json.dumps({"members": members, "member_steps_per_s": members * steps / elapsed,
                      "member_steps_per_cpu_s": members * steps / cpu, "steps": steps}))


if __name__ == "__main__":
    main()
