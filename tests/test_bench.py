"`bench` beyond its chapter's tests (07_bench runs every architecture): no accuracy check or output, and the command line."

import json
from imdb_rnn.bench import bench
from imdb_rnn.data import synthetic_imdb

TINY = dict(embedding_dim=8, units=8, filters=8, dense_units=(8,))


def test_bench_without_the_accuracy_check_or_output(tmp_path):
    data = synthetic_imdb(tmp_path / "data", "tar", n_per_class=20)
    r = bench(
        archs=("baseline",),
        data_dir=data,
        out=None,
        max_len=16,
        val_size=10,
        epochs=1,
        accuracy_check=False,
        infer_batch1=1,
        infer_batch512=8,
        hparams=TINY,
        verbose=False,
    )
    assert list(r["archs"]) == ["baseline"] and r["accuracy_check"] is None
    assert not list(tmp_path.glob("**/*.json"))


def test_bench_cli(tmp_path):
    "`imdb-rnn bench` is a thin wrapper: options through to `bench`, the JSON written, bad input one line."
    import subprocess

    data = synthetic_imdb(tmp_path / "data", "tar", n_per_class=20)
    out = tmp_path / "bench.json"
    r = subprocess.run(
        [
            "imdb-rnn",
            "bench",
            "--archs",
            "baseline",
            "cnn",
            "--data-dir",
            str(data),
            "--out",
            str(out),
            "--val-size",
            "10",
            "--epochs",
            "1",
            "--no-accuracy-check",
            "--xla",
            "false",
            "--infer-batch1",
            "1",
            "--infer-batch512",
            "8",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads(out.read_text())
    assert (
        list(res["archs"]) == ["baseline", "cnn"]
        and res["accuracy_check"] is None
        and "| cnn |" in r.stdout
    )
    r = subprocess.run(
        ["imdb-rnn", "bench", "--data-dir", str(tmp_path / "nowhere"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode != 0 and "does not exist" in r.stderr
