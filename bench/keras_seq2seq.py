#!/usr/bin/env python3
"""Keras peer of scoped-rnn's seq2seq model: the classic Keras character-level seq2seq recipe.

The recipe (keras.io "Character-level recurrent sequence-to-sequence model", fra-eng.txt):
an LSTM encoder whose final states (h, c) become the initial state of an LSTM decoder, teacher
forcing (the decoder reads START + target and predicts target + END), a softmax over the target
characters. Differences from the published example, all so that the numbers printed here are
comparable with scoped-rnn's (org.scopedrnn.data.PairCorpus / Seq2SeqVocabulary / Seq2SeqBatches):

* Data: the same reading rules as PairCorpus. UTF-8 text mode (universal newlines, a leading
  byte-order mark dropped), one pair per line, SOURCE<TAB>TARGET, columns after the second
  ignored (Tatoeba attribution), empty lines skipped, a line without a tab or with an empty side
  is an error naming the line. --pairs N keeps the first N pairs (after the optional length
  filters, which skip and count longer pairs).
* Vocabularies: characters sorted by code point. Source ids: 0 = PAD, characters from 1.
  Target ids: 0 = PAD, 1 = START, 2 = END, characters from 3 (reserved ids, not the example's
  "\\t" and "\\n" characters, so a target may contain any character).
* Split: --split tail (default) holds out the LAST --validation-split fraction, exactly like
  Keras' fit(validation_split=...). fra-eng.txt is sorted shortest first, so the tail holds the
  longest pairs and the validation loss is higher than the training loss. --split shuffled
  shuffles with java.util.Random(--seed) first (the same permutation as scoped-rnn's
  Seq2SeqBatches.split with SHUFFLED).
* Padding is masked: the encoder skips padded source positions (Embedding(mask_zero=True), or
  Masking for one-hot input), so its final state is the state after the last real character,
  as a DL4J LSTM with a feature mask gives; the loss and the reported figures exclude padded
  target positions (the published example averages over padding too, which understates the
  loss).
* Reported losses are the mean cross-entropy per target character in nats, over every real
  target position including END, excluding padding: "train_loss" is accumulated over the
  epoch's minibatches as they are trained (like Keras' running loss), "val_loss" over the
  whole validation set after the epoch.
* Optimizer: Adam, learning rate 0.001 (what scoped-rnn's model uses); --optimizer rmsprop gives
  the published example's.

Last line of output: {"val_loss": x, "epochs": E, "pairs": N, "seconds": s, ...}.

--bench (scripts/bench): instead of fit, time train_on_batch on the minibatches scoped-rnn's
trainer trains first (org.scopedrnn.data.PairPlan: the training pairs shuffled with
java.util.Random(seed * 1000003 + epoch), full batches only), each padded to its own longest pair
as Seq2SeqBatches pads; --warmup batches untimed, then --reps batches timed, and print one JSON
line in the shape of org.scopedrnn.bench.BenchResult with train_pps_keras (pairs/s per batch).

Usage: python bench/keras_seq2seq.py --data data/fra-eng.txt --pairs 10000 --epochs 2
"""

import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

PAD, START, END = 0, 1, 2
FIRST_TARGET_CHAR = 3
FIRST_SOURCE_CHAR = 1
RETRACE_BATCHES = 6  # --bench: untimed batches of other shapes before the warm-up (see bench())


class DataError(ValueError):
    pass


def read_pairs(path, max_pairs, max_source, max_target, reverse):
    """PairCorpus's rules; returns (pairs, stats)."""
    with open(path, encoding="utf-8-sig") as f:  # text mode: universal newlines
        text = f.read()
    if not text:
        raise DataError(f"pair corpus {path} is empty: pass a UTF-8 file of SOURCE<TAB>TARGET lines")
    pairs = []
    read = skipped_too_long = blank = 0
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # a final line end does not start another line
    for number, line in enumerate(lines, start=1):
        if max_pairs and len(pairs) >= max_pairs:
            break
        if line == "":
            blank += 1
            continue
        columns = line.split("\t")
        if len(columns) < 2:
            raise DataError(f"{path} line {number} has no tab: {line!r} (each line must be SOURCE<TAB>TARGET)")
        source, target = columns[0], columns[1]
        if reverse:
            source, target = target, source
        if source == "" or target == "":
            side = "source" if source == "" else "target"
            raise DataError(f"{path} line {number} has an empty {side}: {line!r}")
        read += 1
        if (max_source and len(source) > max_source) or (max_target and len(target) > max_target):
            skipped_too_long += 1
            continue
        pairs.append((source, target))
    if not pairs:
        raise DataError(f"pair corpus {path} has no usable pairs (read {read}, too long {skipped_too_long})")
    return pairs, {"read": read, "kept": len(pairs), "skipped_too_long": skipped_too_long, "blank_lines": blank}


class JavaRandom:
    """java.util.Random, so that a seeded shuffle matches scoped-rnn's."""

    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & self.MASK

    def _next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & self.MASK
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r >= 1 << 31 else r  # Java's (int) cast

    def next_int(self, bound):
        r = self._next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        r = u % bound
        while u - r + m >= 1 << 31:  # Java: int overflow makes u - r + m negative
            u = self._next(31)
            r = u % bound
        return r


def java_shuffle(n, seed):
    order = list(range(n))
    rnd = JavaRandom(seed)
    for i in range(n - 1, 0, -1):
        j = rnd.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def split(pairs, fraction, mode, seed):
    order = list(range(len(pairs))) if mode == "tail" else java_shuffle(len(pairs), seed)
    cut = int(math.ceil(len(pairs) * (1.0 - fraction)))  # Keras' validation_split and PairSplit
    return [pairs[i] for i in order[:cut]], [pairs[i] for i in order[cut:]]


def plan_batches(n, batch_size, seed, count):
    """Pair indices of the first count minibatches of PairPlan(n, batch_size, dropLast = true)."""
    out = []
    epoch = 0
    while len(out) < count:
        order = java_shuffle(n, seed * 1_000_003 + epoch)
        for b in range(n // batch_size):
            if len(out) == count:
                break
            out.append(order[b * batch_size:(b + 1) * batch_size])
        epoch += 1
    return out


def bench(a, model, train_pairs, encode, inputs, tf, keras):
    """Pairs/s of train_on_batch on the trainer's own first minibatches (see --bench)."""
    if len(train_pairs) < a.batch_size:
        print(f"error: {len(train_pairs)} training pairs are fewer than one batch of {a.batch_size}", file=sys.stderr)
        return 2
    batches = []
    plan = plan_batches(len(train_pairs), a.batch_size, a.seed, a.warmup + a.reps)
    # tf.function traces each new input shape until it generalizes (reduce_retracing): a few more
    # untimed batches of other shapes first, so that the timed ones run the compiled step, as in fit
    retrace = plan_batches(len(train_pairs), a.batch_size, a.seed + 1, RETRACE_BATCHES)
    for indices in retrace + plan:
        enc, dec, out = encode([train_pairs[i] for i in indices])
        batches.append((inputs(enc, dec), out))
    rates = []
    for i, (x, y) in enumerate(batches):
        t0 = time.perf_counter()
        model.train_on_batch(x, y)
        dt = time.perf_counter() - t0
        if i >= RETRACE_BATCHES + a.warmup:
            rates.append(len(y) / dt)
    import peer_common
    a.threads = a.threads or "default"
    peer_common.emit(a, "keras-train", {"train_pps_keras": rates},
                     {"tensorflow_version": tf.__version__, "keras_version": keras.__version__,
                      "keras_seq2seq_shape": f"LSTM {a.latent}, embedding {a.embedding}, batch {a.batch_size}, "
                                             f"pairs {a.pairs}"})
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="SOURCE<TAB>TARGET file, e.g. fra-eng.txt")
    p.add_argument("--pairs", type=int, default=10000, help="use the first N pairs (0 = all)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--latent", type=int, default=256, help="LSTM units (encoder and decoder)")
    p.add_argument("--embedding", type=int, default=0, help="embedding width; 0 = one-hot input")
    p.add_argument("--validation-split", type=float, default=0.2)
    p.add_argument("--split", choices=["tail", "shuffled"], default="tail")
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--optimizer", choices=["adam", "rmsprop"], default="adam")
    p.add_argument("--learning-rate", type=float, default=0.001)
    p.add_argument("--clip-norm", type=float, default=0.0, help="per-variable gradient norm clip (0 = off)")
    p.add_argument("--loss-normalization", choices=["char", "sequence"], default="char",
                   help="what the optimized loss divides a batch's summed cross-entropy by: its real target "
                        "characters (char), or its sequences (sequence: DL4J's MCXENT with a label mask). "
                        "Reported figures are per character either way.")
    p.add_argument("--max-source-length", type=int, default=0, help="skip longer pairs (0 = no limit)")
    p.add_argument("--max-target-length", type=int, default=0, help="skip longer pairs (0 = no limit)")
    p.add_argument("--reverse", action="store_true", help="swap the columns (translate French to English)")
    p.add_argument("--threads", type=int, default=0, help="TensorFlow intra-op threads (0 = TF's default)")
    p.add_argument("--verbose", type=int, default=0, help="Keras fit verbosity (0 = only this script's lines)")
    p.add_argument("--bench", action="store_true", help="time --warmup + --reps minibatches instead of training")
    p.add_argument("--preset", default="seq2seq", help="--bench: the result line's preset")
    p.add_argument("--warmup", type=int, default=2, help="--bench: untimed minibatches first")
    p.add_argument("--reps", type=int, default=5, help="--bench: timed minibatches")
    p.add_argument("--check-val-loss", action="store_true",
                   help="after training, recompute the validation loss with numpy from model.predict (a self-check)")
    a = p.parse_args(argv)
    if not 0 <= a.validation_split < 1:
        p.error(f"--validation-split must be in [0, 1), got {a.validation_split}")

    try:
        pairs, stats = read_pairs(a.data, a.pairs, a.max_source_length, a.max_target_length, a.reverse)
    except (DataError, OSError, UnicodeDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    import numpy as np
    import tensorflow as tf
    import keras
    from keras import layers, ops

    if a.threads:
        tf.config.threading.set_intra_op_parallelism_threads(a.threads)
        tf.config.threading.set_inter_op_parallelism_threads(a.threads)
    keras.utils.set_random_seed(a.seed)

    source_chars = sorted({c for s, _ in pairs for c in s})
    target_chars = sorted({c for _, t in pairs for c in t})
    source_index = {c: i + FIRST_SOURCE_CHAR for i, c in enumerate(source_chars)}
    target_index = {c: i + FIRST_TARGET_CHAR for i, c in enumerate(target_chars)}
    vs = len(source_chars) + FIRST_SOURCE_CHAR
    vt = len(target_chars) + FIRST_TARGET_CHAR

    train_pairs, val_pairs = split(pairs, a.validation_split, a.split, a.seed)
    if not train_pairs:
        print("error: no training pairs left after the validation split", file=sys.stderr)
        return 2

    def encode(subset):
        ts = max(len(s) for s, _ in subset)
        tt = max(len(t) for _, t in subset) + 1
        enc = np.zeros((len(subset), ts), dtype="int32")
        dec = np.zeros((len(subset), tt), dtype="int32")
        out = np.zeros((len(subset), tt), dtype="int32")
        for b, (s, t) in enumerate(subset):
            enc[b, :len(s)] = [source_index[c] for c in s]
            ids = [target_index[c] for c in t]
            dec[b, :len(ids) + 1] = [START] + ids
            out[b, :len(ids) + 1] = ids + [END]
        return enc, dec, out

    def one_hot(ids, depth):
        x = np.zeros(ids.shape + (depth,), dtype="float32")
        b, t = np.nonzero(ids)  # PAD (0) stays an all-zero vector, which Masking skips
        x[b, t, ids[b, t]] = 1.0
        return x

    def inputs(enc, dec):
        if a.embedding:
            return [enc, dec]
        return [one_hot(enc, vs), one_hot(dec, vt)]

    # Model: the Keras recipe, with embeddings when --embedding > 0.
    if a.embedding:
        encoder_inputs = keras.Input(shape=(None,), dtype="int32", name="source_ids")
        x = layers.Embedding(vs, a.embedding, mask_zero=True, name="encoder_embedding")(encoder_inputs)
        decoder_inputs = keras.Input(shape=(None,), dtype="int32", name="decoder_ids")
        # No decoder mask: the decoder is causal, so padding after a sequence cannot change its real
        # positions, and the loss below drops the padded ones.
        y = layers.Embedding(vt, a.embedding, name="decoder_embedding")(decoder_inputs)
    else:
        encoder_inputs = keras.Input(shape=(None, vs), name="source_one_hot")
        x = layers.Masking(mask_value=0.0)(encoder_inputs)
        decoder_inputs = keras.Input(shape=(None, vt), name="decoder_one_hot")
        y = decoder_inputs
    _, state_h, state_c = layers.LSTM(a.latent, return_state=True, name="encode_cell")(x)
    y = layers.LSTM(a.latent, return_sequences=True, name="decode_cell")(y, initial_state=[state_h, state_c])
    decoder_outputs = layers.Dense(vt, activation="softmax", name="fully_connected")(y)
    model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)

    def masked_sum_and_count(y_true, y_pred):
        y_true = ops.cast(y_true, "int32")
        ce = ops.sparse_categorical_crossentropy(y_true, y_pred)
        mask = ops.cast(ops.not_equal(y_true, PAD), ce.dtype)
        return ops.sum(ce * mask), ops.sum(mask)

    def masked_loss(y_true, y_pred):
        total, count = masked_sum_and_count(y_true, y_pred)
        if a.loss_normalization == "char":
            return total / ops.maximum(count, 1.0)
        return total / ops.cast(ops.shape(y_true)[0], total.dtype)

    class CharCrossEntropy(keras.metrics.Metric):
        """Mean cross-entropy per real target character (nats), exact over all batches seen."""

        def __init__(self, name="char_ce", **kwargs):
            super().__init__(name=name, **kwargs)
            self.total = self.add_variable(shape=(), initializer="zeros", name="total", dtype="float64")
            self.count = self.add_variable(shape=(), initializer="zeros", name="count", dtype="float64")

        def update_state(self, y_true, y_pred, sample_weight=None):
            total, count = masked_sum_and_count(y_true, y_pred)
            self.total.assign_add(ops.cast(total, "float64"))
            self.count.assign_add(ops.cast(count, "float64"))

        def result(self):
            return self.total / ops.maximum(self.count, 1.0)

    if a.optimizer == "adam":
        optimizer = keras.optimizers.Adam(learning_rate=a.learning_rate, clipnorm=a.clip_norm or None)
    else:
        optimizer = keras.optimizers.RMSprop(learning_rate=a.learning_rate, clipnorm=a.clip_norm or None)
    model.compile(optimizer=optimizer, loss=masked_loss, metrics=[CharCrossEntropy()])

    if a.bench:
        return bench(a, model, train_pairs, encode, inputs, tf, keras)
    enc, dec, out = encode(train_pairs)
    validation = None
    if val_pairs:
        venc, vdec, vout = encode(val_pairs)
        validation = (inputs(venc, vdec), vout)

    print(f"pairs: read {stats['read']}, kept {stats['kept']}, skipped too long {stats['skipped_too_long']}, "
          f"blank lines {stats['blank_lines']}; train {len(train_pairs)}, validation {len(val_pairs)} "
          f"({a.split}); source vocab {vs} ({len(source_chars)} chars + PAD), target vocab {vt} "
          f"({len(target_chars)} chars + PAD, START, END); max lengths source {enc.shape[1]}, "
          f"target+END {out.shape[1]}", flush=True)
    print(f"model: LSTM {a.latent}, {'embedding ' + str(a.embedding) if a.embedding else 'one-hot input'}, "
          f"{a.optimizer} lr {a.learning_rate}, batch {a.batch_size}, {model.count_params()} parameters, "
          f"tf {tf.__version__}, keras {keras.__version__}", flush=True)

    epoch_lines = []

    class Report(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t0 = time.time()

        def on_epoch_end(self, epoch, logs=None):
            seconds = time.time() - self.t0
            line = {"epoch": epoch + 1, "train_loss": float(logs["char_ce"]),
                    "val_loss": float(logs["val_char_ce"]) if validation else None, "seconds": seconds}
            epoch_lines.append(line)
            val = f"{line['val_loss']:.6f}" if validation else "n/a"
            print(f"epoch {epoch + 1}/{a.epochs} train_loss={line['train_loss']:.6f} val_loss={val} "
                  f"seconds={seconds:.1f}", flush=True)

    t0 = time.time()
    model.fit(inputs(enc, dec), out, batch_size=a.batch_size, epochs=a.epochs, validation_data=validation,
              shuffle=True, verbose=a.verbose, callbacks=[Report()])
    seconds = time.time() - t0
    last = epoch_lines[-1] if epoch_lines else {}
    if a.check_val_loss and validation:
        probs = model.predict(validation[0], batch_size=a.batch_size, verbose=0)
        real = vout != PAD
        picked = np.take_along_axis(probs, vout[..., None], axis=-1)[..., 0]
        check = float(-np.log(np.clip(picked[real].astype("float64"), 1e-7, 1.0)).mean())
        print(f"check: numpy val_loss={check:.6f} over {int(real.sum())} target characters "
              f"(Keras metric {last.get('val_loss'):.6f})", flush=True)
    print(json.dumps({
        "val_loss": last.get("val_loss"), "epochs": a.epochs, "pairs": len(pairs), "seconds": round(seconds, 3),
        "train_loss": last.get("train_loss"), "train_pairs": len(train_pairs), "validation_pairs": len(val_pairs),
        "seconds_per_epoch": [round(e["seconds"], 3) for e in epoch_lines], "split": a.split,
        "embedding": a.embedding, "latent": a.latent, "batch_size": a.batch_size, "optimizer": a.optimizer,
        "learning_rate": a.learning_rate, "seed": a.seed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
