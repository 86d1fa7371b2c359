"""TensorFlow peer of scripts/bench: anna_writer.py's char-LSTM in Keras (one-hot -> LSTM x layers ->
softmax, dropout on each cell's output, Adam with global-norm clip), the shapes scoped-rnn's preset
uses. --mode train only: chars/s of compiled train_on_batch steps, minibatches built first.
"""
import os
import time

import peer_common as pc


def main():
    a = pc.arguments(__doc__)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    import tensorflow as tf
    import keras
    tf.config.threading.set_intra_op_parallelism_threads(a.threads)
    tf.config.threading.set_inter_op_parallelism_threads(a.threads)
    keras.utils.set_random_seed(a.seed)
    if a.mode != "train":
        raise SystemExit("charlstm_tf.py measures training only (--mode train)")
    ids, vocab = pc.corpus(a.text, a.max_chars)
    inputs = keras.Input((a.seq, vocab))
    x = inputs
    for _ in range(a.layers):
        x = keras.layers.LSTM(a.hidden, return_sequences=True)(x)
        x = keras.layers.Dropout(1.0 - a.keep_prob)(x)
    model = keras.Model(inputs, keras.layers.Dense(vocab)(x))
    model.compile(optimizer=keras.optimizers.Adam(a.lr, global_clipnorm=a.clip),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    eye = np.eye(vocab, dtype=np.float32)
    data = [(eye[np.array(x)], np.array(y)) for x, y in pc.batches(ids, a.batch, a.seq, a.warmup + a.reps, a.seed)]
    rates = []
    for i, (xb, yb) in enumerate(data):
        t0 = time.perf_counter()
        model.train_on_batch(xb, yb)
        dt = time.perf_counter() - t0
        if i >= a.warmup:
            rates.append(a.batch * a.seq / dt)
    pc.emit(a, "tensorflow-train", {"train_cps_tensorflow": rates},
            {"tensorflow_version": tf.__version__, "keras_version": keras.__version__, "vocab": str(vocab)})


if __name__ == "__main__":
    main()
