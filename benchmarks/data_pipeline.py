"""Time loading and vectorizing the real IMDB: once with an empty cache, once from the cache.

    IMDB_RNN_DATA=../shared/data python benchmarks/data_pipeline.py [--num-words 20000] [--max-len 256]
"""
import argparse, platform, tempfile, time
from imdb_rnn.vectorize import load_vectorized

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--num-words", type=int, default=20_000)
    p.add_argument("--max-len", type=int, default=256)
    p.add_argument("--data-dir", default=None, help="default: $IMDB_RNN_DATA, else download")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        for attempt in ("first time (empty cache)", "from the cache"):
            start = time.perf_counter()
            v = load_vectorized(data_dir=a.data_dir, cache_dir=cache, num_words=a.num_words, max_len=a.max_len)
            print(f"{attempt}: {time.perf_counter() - start:.1f} s")
    n = sum(len(e) for e in v.splits().values())
    print(f"{n} reviews (train {len(v.train)}, val {len(v.val)}, test {len(v.test)}), vocabulary {v.vectorizer.vocab_size}, "
          f"max_len {a.max_len}; {platform.processor() or platform.machine()}, Python {platform.python_version()}")

if __name__ == "__main__": main()
