#!/usr/bin/env python3
"""Writes a synthetic char-LSTM corpus of a given size from the bundled texts, as several files.

The paragraphs of data/anna.txt (split at blank lines) and the English side of data/fra-eng.txt
(its sentences in groups of 8 lines) are shuffled with a seeded random.Random and written out in
that order, reshuffled for each pass over them, until SIZE bytes are written; the output is cut
into FILES files of about equal size, each ending at a paragraph. Same seed, same bytes.

    python3 bench/make_corpus.py --size 200M --files 8 --out target/memory/corpus-200M [--seed 12345]
"""
import argparse
import os
import random
import sys


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = text.strip().upper()
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


def paragraphs(home):
    with open(os.path.join(home, "data", "anna.txt"), encoding="utf-8", newline="") as f:
        anna = f.read().replace("\r\n", "\n")
    out = [p.strip("\n") + "\n\n" for p in anna.split("\n\n") if p.strip()]
    with open(os.path.join(home, "data", "fra-eng.txt"), encoding="utf-8") as f:
        english = [line.split("\t", 1)[0] for line in f if "\t" in line]
    for i in range(0, len(english), 8):
        out.append("\n".join(english[i:i + 8]) + "\n\n")
    return [p.encode("utf-8") for p in out]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", required=True, help="bytes to write: 10M, 200M, 2G or a number")
    ap.add_argument("--files", type=int, default=8, help="files to cut the corpus into (default 8)")
    ap.add_argument("--out", required=True, help="directory to create (must not exist or be empty)")
    ap.add_argument("--seed", type=int, default=12345)
    args = ap.parse_args()
    size = parse_size(args.size)
    if size < 1 or args.files < 1:
        sys.exit("make_corpus: --size and --files must be positive, got %s and %d" % (args.size, args.files))
    if os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit("make_corpus: %s is not empty: remove it or choose another --out" % args.out)
    os.makedirs(args.out, exist_ok=True)
    home = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paras = paragraphs(home)
    rng = random.Random(args.seed)
    per_file = -(-size // args.files)
    written, f_index, in_file = 0, 0, 0
    out = open(os.path.join(args.out, "part-%03d.txt" % f_index), "wb")
    while written < size:
        order = list(range(len(paras)))
        rng.shuffle(order)
        for i in order:
            p = paras[i]
            if len(p) > size - written:
                p = p[:size - written]
                while p and p[-1] & 0xC0 == 0x80 or p and p[-1] >= 0xC0:
                    p = p[:-1]  # never end the corpus inside a UTF-8 character
                if not p:
                    written = size
                    break
            if in_file >= per_file and f_index + 1 < args.files:
                out.close()
                f_index += 1
                in_file = 0
                out = open(os.path.join(args.out, "part-%03d.txt" % f_index), "wb")
            out.write(p)
            written += len(p)
            in_file += len(p)
            if written >= size:
                break
    out.close()
    print("%s: %d bytes in %d file(s), seed %d" % (args.out, written, f_index + 1, args.seed))


if __name__ == "__main__":
    main()
