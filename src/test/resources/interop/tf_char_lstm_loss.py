"""TensorFlow peer for the char-LSTM interop tests.

Usage: tf_char_lstm_loss.py PREFIX VOCAB_JSON TEXT_FILE MAX_TRANSITIONS
1. Restores PREFIX with a TF1 Saver into variables created with tf.compat.v1.get_variable under
   anna_writer.py's scopes, with an AdamOptimizer and a global step, as a TF1 user would: the
   restore fails unless every name (weights, <var>/Adam, <var>/Adam_1, beta1_power, beta2_power,
   global_step) is in the checkpoint with the right shape.
2. Scores the text with TensorFlow ops implementing BasicLSTMCell (gates i, j, f, o, forget bias
   1.0), zero initial state, state carried, and prints JSON {"mean_nll", "chars", "global_step"}.
Text is read like Python's text mode (universal newlines), as anna_writer.py does.
"""
import json
import sys

import numpy as np
import tensorflow as tf

prefix, vocab_file, text_file, max_transitions = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
reader = tf.train.load_checkpoint(prefix)
shapes = reader.get_variable_to_shape_map()
cell = "lstm_cell/rnn/multi_rnn_cell/cell_%d/basic_lstm_cell/%s"
layers = 0
while (cell % (layers, "kernel")) in shapes:
    layers += 1

graph = tf.Graph()
with graph.as_default():
    v1 = tf.compat.v1
    weights = []
    with v1.variable_scope("lstm_cell/rnn/multi_rnn_cell"):
        for k in range(layers):
            with v1.variable_scope("cell_%d/basic_lstm_cell" % k):
                weights.append(v1.get_variable("kernel", shapes[cell % (k, "kernel")]))
                weights.append(v1.get_variable("bias", shapes[cell % (k, "bias")]))
    with v1.variable_scope("softmax"):
        weights.append(v1.get_variable("weights", shapes["softmax/weights"]))
        weights.append(v1.get_variable("biases", shapes["softmax/biases"]))
    step = v1.train.get_or_create_global_step()
    loss = tf.add_n([tf.reduce_sum(w) for w in weights])
    train = v1.train.AdamOptimizer(0.001).minimize(loss, global_step=step)
    saver = v1.train.Saver()
    with v1.Session() as sess:
        saver.restore(sess, prefix)
        restored_step = int(sess.run(step))

vocab = json.load(open(vocab_file, encoding="utf-8"))
index = {c: i for i, c in enumerate(vocab)} if isinstance(vocab, list) else vocab
text = open(text_file, encoding="utf-8").read()
ids = [index[c] for c in text]
n = min(len(ids) - 1, max_transitions if max_transitions > 0 else len(ids) - 1)

kernels = [tf.constant(reader.get_tensor(cell % (k, "kernel"))) for k in range(layers)]
biases = [tf.constant(reader.get_tensor(cell % (k, "bias"))) for k in range(layers)]
softmax_w = tf.constant(reader.get_tensor("softmax/weights"))
softmax_b = tf.constant(reader.get_tensor("softmax/biases"))
vocab_size = softmax_w.shape[1]
hidden = softmax_w.shape[0]
h = [tf.zeros([1, hidden]) for _ in range(layers)]
c = [tf.zeros([1, hidden]) for _ in range(layers)]
total = 0.0
for t in range(n):
    x = tf.one_hot([ids[t]], vocab_size)
    for k in range(layers):
        z = tf.matmul(tf.concat([x, h[k]], 1), kernels[k]) + biases[k]
        i, j, f, o = tf.split(z, 4, axis=1)
        c[k] = c[k] * tf.sigmoid(f + 1.0) + tf.sigmoid(i) * tf.tanh(j)
        h[k] = tf.tanh(c[k]) * tf.sigmoid(o)
        x = h[k]
    logits = tf.matmul(x, softmax_w) + softmax_b
    total -= float(tf.nn.log_softmax(logits)[0, ids[t + 1]])
print(json.dumps({"mean_nll": total / n, "chars": n, "global_step": restored_step}))
