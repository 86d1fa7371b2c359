"""Shared by the PyTorch and TensorFlow peers of scripts/bench: arguments, corpus, result line.

Each peer process measures one thing and prints one JSON line in the shape of
org.scopedrnn.bench.BenchResult: {"preset", "process", "metrics": {name: [per-repetition values]},
"peak_rss_mb", "info"}.
"""
import argparse
import json
import random
import re
import statistics


def arguments(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--preset", required=True, help="name of the shapes, e.g. anna")
    p.add_argument("--mode", choices=["train", "sample", "quality"], default="train")
    p.add_argument("--text", required=True, help="UTF-8 corpus (read with universal newlines, like scoped-rnn)")
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--seq", type=int, default=100)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--clip", type=float, default=5.0, help="global gradient norm clip (anna_writer.py)")
    p.add_argument("--keep-prob", type=float, default=0.5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--sample-chars", type=int, default=500)
    p.add_argument("--sample-streams", type=int, default=None, help="batched sampling width (default: --batch)")
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--max-chars", type=int, default=0, help="the corpus' first N characters (data.max-chars; 0 = all)")
    p.add_argument("--minutes", type=float, default=None, help="quality: training time budget")
    p.add_argument("--every-seconds", type=float, default=60, help="quality: validate every S seconds of training")
    p.add_argument("--val-chars", type=int, default=50000, help="quality: first N held-out characters (0 = all)")
    p.add_argument("--validation-fraction", type=float, default=0.1, help="quality: held-out tail of the corpus")
    p.add_argument("--out", default=None, help="quality: CSV seconds,step,validation_loss")
    a = p.parse_args()
    if a.sample_streams is None:
        a.sample_streams = a.batch
    return a


def corpus(path, max_chars=0):
    """Ids of the text (its first max_chars characters; 0 = all, as data.max-chars) under its sorted
    character vocabulary, as scoped-rnn numbers them."""
    with open(path, encoding="utf-8") as f:  # text mode: \r\n and \r read as \n (data.newlines = universal)
        text = f.read()
    if max_chars > 0:
        text = text[:max_chars]
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    return [index[c] for c in text], len(vocab)


def batches(ids, batch, seq, count, seed):
    """count minibatches of random windows: (inputs, targets) id lists, targets shifted by one."""
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        starts = [rnd.randrange(0, len(ids) - seq - 1) for _ in range(batch)]
        out.append(([ids[s:s + seq] for s in starts], [ids[s + 1:s + seq + 1] for s in starts]))
    return out


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            m = re.search(r"VmHWM:\s+(\d+) kB", f.read())
        return int(m.group(1)) / 1024.0 if m else None
    except OSError:
        return None


def emit(args, process, metrics, info):
    info = dict(info, peer_threads=str(args.threads))
    print(json.dumps({"preset": args.preset, "process": process, "metrics": metrics,
                      "peak_rss_mb": peak_rss_mb(), "info": info}), flush=True)
    for k, v in metrics.items():
        print(f"{process} {k}: median {statistics.median(v):,.1f} over {len(v)}", flush=True, file=__import__("sys").stderr)


def top_k_draw(p, k, rnd):
    """Index drawn from probabilities p (a list) among its k largest, like the seed program's pick_top_n."""
    top = sorted(range(len(p)), key=p.__getitem__, reverse=True)[:k]
    total = sum(p[i] for i in top)
    r = rnd.random() * total
    for i in top:
        r -= p[i]
        if r <= 0:
            return i
    return top[-1]
