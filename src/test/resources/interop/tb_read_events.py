"""Reads a TensorBoard log directory with TensorBoard's own loader, the one `tensorboard --logdir` uses.

Usage: tb_read_events.py LOGDIR
Prints one JSON line: {"files": [...], "scalars": {tag: [[step, value], ...]},
"texts": {tag: [[step, [text, ...]], ...]}}, after checking each tag is routed to the scalars or
text plugin.
"""
import json
import os
import sys

from tensorboard.backend.event_processing import plugin_event_accumulator as pea
from tensorboard.util import tensor_util


def main(logdir):
    acc = pea.EventAccumulator(logdir, size_guidance={pea.TENSORS: 0})  # 0: keep every event
    acc.Reload()
    scalar_tags = sorted(acc.PluginTagToContent("scalars").keys()) if "scalars" in acc.ActivePlugins() else []
    text_tags = sorted(acc.PluginTagToContent("text").keys()) if "text" in acc.ActivePlugins() else []
    scalars = {tag: [[e.step, float(tensor_util.make_ndarray(e.tensor_proto))] for e in acc.Tensors(tag)]
               for tag in scalar_tags}
    texts = {}
    for tag in text_tags:
        texts[tag] = [[e.step, [s.decode("utf-8") for s in tensor_util.make_ndarray(e.tensor_proto).tolist()]]
                      for e in acc.Tensors(tag)]
    files = sorted(f for f in os.listdir(logdir))
    print(json.dumps({"files": files, "scalars": scalars, "texts": texts}))


if __name__ == "__main__":
    main(sys.argv[1])
