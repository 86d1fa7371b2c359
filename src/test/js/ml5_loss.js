// tfjs peer: scores text with an ml5.js char-RNN directory the way ml5's CharRNN runs it
// (embedding lookup, tf.basicLSTMCell per layer, softmax projection), zero initial state, state
// carried. Usage: node ml5_loss.js DIR TEXT_FILE MAX_TRANSITIONS  ->  prints {"mean_nll": x, "chars": n}
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

function load(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const vars = {};
  for (const [name, entry] of Object.entries(manifest)) {
    const buf = fs.readFileSync(path.join(dir, entry.filename));
    const values = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    vars[name] = tf.tensor(Array.from(values), entry.shape, 'float32');
  }
  const vocab = JSON.parse(fs.readFileSync(path.join(dir, 'vocab.json'), 'utf8'));
  return { vars, vocab };
}

function cellVars(vars, k) {
  const base = `rnnlm/multi_rnn_cell/cell_${k}/basic_lstm_cell/`;
  const kernel = vars[base + 'kernel'] || vars[base + 'weights'];
  const bias = vars[base + 'bias'] || vars[base + 'biases'];
  return kernel ? { kernel, bias } : null;
}

function main() {
  const [dir, textFile, maxArg] = process.argv.slice(2);
  const { vars, vocab } = load(dir);
  const ids = Array.from(fs.readFileSync(textFile, 'utf8')).map((ch) => {
    if (!(ch in vocab)) throw new Error(`character ${JSON.stringify(ch)} not in vocab.json`);
    return vocab[ch];
  });
  const cells = [];
  for (let k = 0; cellVars(vars, k); k++) cells.push(cellVars(vars, k));
  const h0 = cells[0].kernel.shape[1] / 4;
  const forgetBias = tf.scalar(1.0);
  let c = cells.map(() => tf.zeros([1, h0]));
  let h = cells.map(() => tf.zeros([1, h0]));
  const n = Math.min(ids.length - 1, Number(maxArg) > 0 ? Number(maxArg) : ids.length - 1);
  let total = 0;
  for (let t = 0; t < n; t++) {
    const nll = tf.tidy(() => {
      let x = tf.gather(vars['embedding'], [ids[t]]);
      const newC = [];
      const newH = [];
      for (let k = 0; k < cells.length; k++) {
        const [ck, hk] = tf.basicLSTMCell(forgetBias, cells[k].kernel, cells[k].bias, x, c[k], h[k]);
        newC.push(ck);
        newH.push(hk);
        x = hk;
      }
      const logits = tf.add(tf.matMul(x, vars['rnnlm/softmax_w']), vars['rnnlm/softmax_b']);
      const logp = tf.logSoftmax(logits);
      const value = -logp.dataSync()[ids[t + 1]];
      return { value, newC: newC.map((a) => tf.keep(a)), newH: newH.map((a) => tf.keep(a)) };
    });
    c.forEach((a) => a.dispose());
    h.forEach((a) => a.dispose());
    c = nll.newC;
    h = nll.newH;
    total += nll.value;
  }
  console.log(JSON.stringify({ mean_nll: total / n, chars: n }));
}

main();
