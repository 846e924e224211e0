"`bench` end to end on tiny synthetic data: it runs every architecture under both pipelines and writes its JSON (no timed assertions)."
import json
from imdb_rnn.bench import ARCHS, bench
from imdb_rnn.data import synthetic_imdb

TINY = dict(embedding_dim=8, units=8, filters=8, dense_units=(8,))

def test_bench_writes_both_pipelines_and_the_speedup_of_every_arch(tmp_path, capsys):
    data = synthetic_imdb(tmp_path/"data", "tar", n_per_class=30)
    out = tmp_path/"results"/"bench.json"
    bench(data_dir=data, out=out, max_len=24, val_size=10, epochs=1, accuracy_epochs=1, xla=False,
          infer_batch1=2, infer_batch512=32, hparams=TINY)
    r = json.loads(out.read_text())
    assert {"device", "versions", "started", "settings", "data", "archs", "accuracy_check"} <= set(r)
    assert {"tensorflow", "keras"} <= set(r["versions"])
    assert list(r["archs"]) == list(ARCHS) and r["settings"]["n_train"] == 50 and r["settings"]["n_test"] == 60
    for arch, a in r["archs"].items():
        assert a["speedup"] > 0 and a["throughput_ratio"] > 0, arch
        for pipe in ("naive", "project"):
            assert {"seconds_per_epoch", "first_epoch_seconds", "train_reviews_per_second", "infer_ms_batch1", "infer_ms_batch512"} <= set(a[pipe])
    acc = r["accuracy_check"]
    assert acc["arch"] == "lstm" and 0 <= acc["naive"] <= 1 and 0 <= acc["project"] <= 1
    assert r["data"]["same_encoding"] == 1.0           # both pipelines feed the same integers
    printed = capsys.readouterr().out
    assert "| lstm |" in printed and "speedup" in printed and str(out) in printed

def test_bench_without_the_accuracy_check_or_output(tmp_path):
    data = synthetic_imdb(tmp_path/"data", "tar", n_per_class=20)
    r = bench(archs=("baseline",), data_dir=data, out=None, max_len=16, val_size=10, epochs=1, accuracy_check=False,
              infer_batch1=1, infer_batch512=8, hparams=TINY, verbose=False)
    assert list(r["archs"]) == ["baseline"] and r["accuracy_check"] is None
    assert not list(tmp_path.glob("**/*.json"))

def test_bench_cli(tmp_path):
    "`imdb-rnn bench` is a thin wrapper: options through to `bench`, the JSON written, bad input one line."
    import subprocess
    data = synthetic_imdb(tmp_path/"data", "tar", n_per_class=20)
    out = tmp_path/"bench.json"
    r = subprocess.run(["imdb-rnn", "bench", "--archs", "baseline", "cnn", "--data-dir", str(data), "--out", str(out), "--val-size", "10", "--epochs", "1",
                        "--no-accuracy-check", "--xla", "false", "--infer-batch1", "1", "--infer-batch512", "8"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads(out.read_text())
    assert list(res["archs"]) == ["baseline", "cnn"] and res["accuracy_check"] is None and "| cnn |" in r.stdout
    r = subprocess.run(["imdb-rnn", "bench", "--data-dir", str(tmp_path/"nowhere"), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert r.returncode != 0 and "does not exist" in r.stderr
