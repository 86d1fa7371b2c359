"""Reads a V2 checkpoint with TensorFlow and prints what it sees as one JSON line.

Usage: tf_read_checkpoint.py PREFIX

Three views, which the Java test compares with what it wrote:
  "loaded":   tf.train.load_checkpoint(PREFIX): per variable dtype, shape and values
  "listed":   tf.train.list_variables(PREFIX): [name, shape] pairs
  "restored": values after tf.compat.v1.train.Saver.restore into fresh graph variables
Values are exact: float32 as their uint32 bit patterns (NaN payloads and -0.0 survive JSON),
int64 as integers, both flattened row-major.
"""
import json
import sys

import numpy as np
import tensorflow as tf


def encode(value):
    a = np.asarray(value)
    if a.dtype == np.float32:
        values = a.astype("<f4").reshape(-1).view("<u4").tolist()
    elif a.dtype == np.int64:
        values = a.reshape(-1).tolist()
    else:
        raise SystemExit("unexpected dtype %s" % a.dtype)
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": values}


def main(prefix):
    reader = tf.train.load_checkpoint(prefix)
    shapes = reader.get_variable_to_shape_map()
    dtypes = reader.get_variable_to_dtype_map()
    loaded = {}
    for name in shapes:
        entry = encode(reader.get_tensor(name))
        entry["declaredShape"] = list(shapes[name])
        entry["declaredDtype"] = dtypes[name].name
        loaded[name] = entry
    listed = [[name, list(shape)] for name, shape in tf.train.list_variables(prefix)]

    # The TF1 path: Saver.restore into graph variables (named v0, v1, ...; the var_list maps
    # checkpoint keys to them, so any key restores, whatever characters it holds).
    graph = tf.Graph()
    with graph.as_default():
        var_list = {}
        for i, name in enumerate(sorted(shapes)):
            var_list[name] = tf.compat.v1.get_variable(
                "v%d" % i, shape=shapes[name], dtype=dtypes[name],
                initializer=tf.compat.v1.zeros_initializer())
        saver = tf.compat.v1.train.Saver(var_list=var_list)
        with tf.compat.v1.Session(graph=graph) as sess:
            saver.restore(sess, prefix)
            values = sess.run(var_list) if var_list else {}
    restored = {name: encode(v) for name, v in values.items()}

    print(json.dumps({"loaded": loaded, "listed": listed, "restored": restored}))


if __name__ == "__main__":
    main(sys.argv[1])
