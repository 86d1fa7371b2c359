"""PyTorch peer of scripts/bench: anna_writer.py's char-LSTM (one-hot -> LSTM x layers -> softmax,
dropout on each cell's output, Adam, global-norm clip), the shapes scoped-rnn's preset uses.

--mode train: chars/s of training steps (forward, backward, clip, Adam), minibatches built first.
--mode sample: chars/s of the eager batch-1 loop (one char per step, state carried, top-5 draw), and
of the same loop over --sample-streams samples side by side.
--mode quality: time to quality (scripts/bench --quality): trains on the corpus minus its held-out
tail (--validation-fraction, cut as org.scopedrnn.data.CorpusSplit cuts it) for --minutes of
training, validating before the first step, every --every-seconds of training and at the end, as
scoped-rnn's trainer validates (the first --val-chars + 1 held-out characters cut into independent
windows of --seq, zero state, dropout off, mean nats per character); the clock stops while
validating. Writes --out as CSV: seconds,step,validation_loss.
"""
import random
import statistics
import time

import torch
import torch.nn.functional as F

import peer_common as pc


class CharLstm(torch.nn.Module):
    def __init__(self, vocab, hidden, layers, keep):
        super().__init__()
        drop = 1.0 - keep
        self.lstm = torch.nn.LSTM(vocab, hidden, layers, batch_first=True, dropout=drop if layers > 1 else 0.0)
        self.drop = torch.nn.Dropout(drop)
        self.fc = torch.nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        out, state = self.lstm(x, state)
        return self.fc(self.drop(out)), state


def main():
    a = pc.arguments(__doc__)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    ids, vocab = pc.corpus(a.text, a.max_chars)
    model = CharLstm(vocab, a.hidden, a.layers, a.keep_prob)
    info = {"torch_version": torch.__version__, "vocab": str(vocab)}
    if a.mode == "quality":
        quality(a, model, ids, vocab)
    elif a.mode == "train":
        opt = torch.optim.Adam(model.parameters(), lr=a.lr)
        data = [(F.one_hot(torch.tensor(x), vocab).float(), torch.tensor(y))
                for x, y in pc.batches(ids, a.batch, a.seq, a.warmup + a.reps, a.seed)]
        model.train()
        figures = {}
        # As for sampling: --threads and 1 thread (on a busy machine a second OpenMP thread can cost
        # more than it brings); the faster counts, both are recorded.
        for threads in sorted({a.threads, 1}, reverse=True):
            torch.set_num_threads(threads)
            rates = []
            for i, (x, y) in enumerate(data):
                t0 = time.perf_counter()
                opt.zero_grad(set_to_none=True)
                logits, _ = model(x)
                loss = F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
                opt.step()
                dt = time.perf_counter() - t0
                if i >= a.warmup:
                    rates.append(a.batch * a.seq / dt)
            figures[threads] = rates
            info[f"train_cps_pytorch_{threads}thread"] = str(statistics.median(rates))
        best = max(figures, key=lambda t: statistics.median(figures[t]))
        info["train_cps_pytorch_threads"] = str(best)
        pc.emit(a, "pytorch-train", {"train_cps_pytorch": figures[best]}, info)
    else:
        model.eval()
        chars = a.sample_chars // 5 + 1  # as scoped-rnn's batched measurement
        figures = {}
        # Batch-1 steps are tiny: with a second OpenMP thread on a busy machine they were 50x slower
        # (measured: 19 vs 1,070 steps/s). Measure --threads and 1 thread; the faster counts.
        for threads in sorted({a.threads, 1}, reverse=True):
            torch.set_num_threads(threads)
            single = [sample(model, vocab, 1, a.sample_chars, i) for i in range(a.warmup + a.reps)][a.warmup:]
            batched = [sample(model, vocab, a.sample_streams, chars, i) for i in range(a.warmup + a.reps)][a.warmup:]
            figures[threads] = (single, batched)
            info[f"sample_cps_pytorch_{threads}thread"] = str(statistics.median(single))
            info[f"sample_batched_cps_pytorch_{threads}thread"] = str(statistics.median(batched))
        best_single = max(figures, key=lambda t: statistics.median(figures[t][0]))
        best_batched = max(figures, key=lambda t: statistics.median(figures[t][1]))
        info["sample_cps_pytorch_threads"] = str(best_single)
        info["sample_batched_cps_pytorch_threads"] = str(best_batched)
        info["sample_streams"] = str(a.sample_streams)
        pc.emit(a, "pytorch-sample", {"sample_cps_pytorch": figures[best_single][0],
                                      "sample_batched_cps_pytorch": figures[best_batched][1]}, info)


def quality(a, model, ids, vocab):
    if not a.minutes or a.minutes <= 0 or not a.out:
        raise SystemExit("--mode quality needs --minutes > 0 and --out FILE")
    cut = int(len(ids) * (1 - a.validation_fraction) + 0.5)  # Java's Math.round, as CorpusSplit
    train, held_out = torch.tensor(ids[:cut]), ids[cut:]
    if a.val_chars and len(held_out) > a.val_chars + 1:
        held_out = held_out[:a.val_chars + 1]
    held_out = torch.tensor(held_out)
    windows = (len(held_out) - 1) // a.seq
    starts = torch.arange(windows) * a.seq
    val = [(held_out[s[:, None] + torch.arange(a.seq)], held_out[s[:, None] + torch.arange(a.seq) + 1])
           for s in starts.split(64)]
    # every epoch: the non-overlapping windows of the training text in a new order, full batches
    train_windows = (len(train) - 1) // a.seq
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    gen = torch.Generator().manual_seed(a.seed)

    @torch.no_grad()
    def validate():
        model.eval()
        total = count = 0
        for x, y in val:
            logits, _ = model(F.one_hot(x, vocab).float())
            total += F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1), reduction="sum").item()
            count += y.numel()
        model.train()
        return total / count

    with open(a.out, "w") as out:
        def point(seconds, step):
            row = f"{seconds:.3f},{step},{validate():.6f}"
            out.write(row + "\n")
            out.flush()
            print("validation " + row, file=__import__("sys").stderr, flush=True)

        out.write("seconds,step,validation_loss\n")
        point(0.0, 0)
        trained, step, next_validation = 0.0, 0, a.every_seconds
        model.train()
        while trained < a.minutes * 60:
            order = torch.randperm(train_windows, generator=gen) * a.seq
            for b in range(train_windows // a.batch):
                t0 = time.perf_counter()
                s = order[b * a.batch:(b + 1) * a.batch]
                x = F.one_hot(train[s[:, None] + torch.arange(a.seq)], vocab).float()
                y = train[s[:, None] + torch.arange(a.seq) + 1]
                opt.zero_grad(set_to_none=True)
                logits, _ = model(x)
                F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1)).backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
                opt.step()
                trained += time.perf_counter() - t0
                step += 1
                done = trained >= a.minutes * 60
                if trained >= next_validation or done:
                    point(trained, step)
                    while next_validation <= trained:
                        next_validation += a.every_seconds
                if done:
                    break


@torch.no_grad()
def sample(model, vocab, streams, chars, seed):
    """chars/s of an eager loop: prime "The "-like ids, then one step per character, top-5 draw."""
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    prime = torch.zeros(streams, 4, vocab)
    prime[:, :, :4] = torch.eye(4)
    logits, state = model(prime)
    probs = torch.softmax(logits[:, -1], dim=-1)
    x = torch.zeros(streams, 1, vocab)
    for i in range(chars):
        p = probs.tolist()
        nxt = [pc.top_k_draw(row, 5, rnd) for row in p]
        if i + 1 == chars:
            break
        x.zero_()
        x[torch.arange(streams), 0, torch.tensor(nxt)] = 1.0
        logits, state = model(x, state)
        probs = torch.softmax(logits[:, -1], dim=-1)
    return streams * chars / (time.perf_counter() - t0)


if __name__ == "__main__":
    main()
