"""Writes a V2 checkpoint with TensorFlow and prints the values it saved as one JSON line.

Usage:
  tf_write_checkpoint.py PREFIX            a char-LSTM-like model with Adam slots, saved by
                                           tf.compat.v1.train.Saver (incl. int64 global_step)
  tf_write_checkpoint.py PREFIX --many N   N small variables saved by the SaveV2 op, so that
                                           TensorFlow's index spans several blocks

Output: {"variables": {name: {"dtype", "shape", "values"}}}, float32 values as uint32 bit
patterns, int64 as integers, flattened row-major.
"""
import json
import sys

import numpy as np
import tensorflow as tf

CELL0 = "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell"


def encode(value):
    a = np.asarray(value)
    if a.dtype == np.float32:
        values = a.astype("<f4").reshape(-1).view("<u4").tolist()
    elif a.dtype == np.int64:
        values = a.reshape(-1).tolist()
    else:
        raise SystemExit("unexpected dtype %s" % a.dtype)
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": values}


def saver_checkpoint(prefix):
    rng = np.random.RandomState(20261122)
    special = np.array([np.nan, -0.0, np.inf, -np.inf, 1e-45, 3.4028235e38], dtype=np.float32)
    initial = {
        CELL0 + "/kernel": rng.randn(7, 16).astype(np.float32),
        CELL0 + "/bias": rng.randn(16).astype(np.float32),
        CELL0 + "/kernel/Adam": rng.randn(7, 16).astype(np.float32),
        CELL0 + "/kernel/Adam_1": rng.rand(7, 16).astype(np.float32),
        "softmax/weights": special.reshape(2, 3),
        "softmax/biases": rng.randn(3).astype(np.float32),
        "beta1_power": np.float32(0.9 ** 3),
        "beta2_power": np.float32(0.999 ** 3),
    }
    graph = tf.Graph()
    with graph.as_default():
        variables = [tf.compat.v1.get_variable(name, initializer=tf.constant(value))
                     for name, value in initial.items()]
        global_step = tf.compat.v1.train.get_or_create_global_step()
        set_step = global_step.assign(1234567890123)
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            sess.run(set_step)
            saver.save(sess, prefix, write_meta_graph=False)
            values = sess.run({v.op.name: v for v in variables + [global_step]})
    return {name: encode(v) for name, v in values.items()}


def many_checkpoint(prefix, n):
    # Names that differ early, so prefix compression saves little and the index grows past
    # TensorFlow's 256 KiB block size with a few thousand entries. SaveV2 writes the data in
    # the order given; sorted, like Saver does, so the files are what Saver would write.
    names = sorted("%08x/%s/kernel" % ((i * 2654435761) % (1 << 32), CELL0) for i in range(n))
    tensors = []
    for i in range(n):
        if i % 3 == 0:
            tensors.append(tf.constant(i, dtype=tf.int64))
        else:
            tensors.append(tf.constant([i, -i * 0.5], dtype=tf.float32))
    tf.raw_ops.SaveV2(prefix=prefix, tensor_names=names, shape_and_slices=[""] * n,
                      tensors=tensors)
    return {name: encode(t.numpy()) for name, t in zip(names, tensors)}


def main(argv):
    prefix = argv[1]
    if len(argv) == 4 and argv[2] == "--many":
        variables = many_checkpoint(prefix, int(argv[3]))
    elif len(argv) == 2:
        variables = saver_checkpoint(prefix)
    else:
        raise SystemExit(__doc__)
    print(json.dumps({"variables": variables}))


if __name__ == "__main__":
    main(sys.argv)
