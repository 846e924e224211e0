"""Time one training step (forward and gradient) of LSTM and GRU layers on the CPU: uni- or bidirectional,
with or without a mask, returning the last state or the whole sequence, with or without XLA. Cases run in turn, several times, and the figure kept is the median
CPU time of a step, which another process holding the cores barely moves.

    python benchmarks/rnn_cells.py [--length 256] [--batch 128] [--units 64] [--reps 7]
"""
import argparse, os, platform, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np, tensorflow as tf, keras
from keras import layers

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--length", type=int, default=256)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--units", type=int, default=64)
    p.add_argument("--features", type=int, default=32, help="input size (the embedding dimension)")
    p.add_argument("--reps", type=int, default=5)
    a = p.parse_args()
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(size=(a.batch, a.length, a.features)).astype("float32"))
    lengths = rng.integers(a.length // 4, a.length + 1, a.batch)
    mask = tf.constant(np.arange(a.length)[None] < lengths[:, None])       # right padded, as the project pads
    cases = {}
    for cell in ("LSTM", "GRU"):
        for bi in (False, True):
            for masked, seq, xla in [(m, s, j) for m in (False, True) for s in (False, True) for j in (False, True)]:
                layer = getattr(layers, cell)(a.units, return_sequences=seq)
                layer = layers.Bidirectional(layer) if bi else layer
                layer(x[:2, :3])
                @tf.function(jit_compile=xla)
                def step(layer=layer, m=mask if masked else None):
                    with tf.GradientTape() as tape: loss = tf.reduce_mean(layer(x, mask=m, training=True))
                    return tape.gradient(loss, layer.trainable_variables)
                step()                                                   # trace (and compile)
                cases[("Bi" if bi else "") + cell, "mask" if masked else "-", "sequence" if seq else "last", "XLA" if xla else "-"] = step
    cpu = {k: [] for k in cases}
    for _ in range(a.reps):
        for k, f in cases.items():
            t = time.process_time(); f(); cpu[k].append(time.process_time() - t)
    print(f"CPU ms per training step, batch {a.batch} x {a.length} steps, {a.units} units "
          f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, TensorFlow {tf.__version__}, Keras {keras.__version__})")
    print("| layer | mask | returns | XLA | ms | GRU / LSTM | XLA / none |\n| --- | --- | --- | --- | ---: | ---: | ---: |")
    med = {k: 1000 * float(np.median(v)) for k, v in cpu.items()}
    for (name, m, ret, xla), ms in med.items():
        gru = f"{ms / med[(name.replace('GRU', 'LSTM'), m, ret, xla)]:.2f}" if "GRU" in name else ""
        jit = f"{ms / med[(name, m, ret, '-')]:.2f}" if xla == "XLA" else ""
        print(f"| {name} | {m} | {ret} | {xla} | {ms:.0f} | {gru} | {jit} |")

if __name__ == "__main__": main()
