"`imdb-rnn train` end to end: options, config files, bad input, and a tiny real run on synthetic data."

import json, subprocess
from dataclasses import fields
import pytest
from imdb_rnn.data import synthetic_imdb
from imdb_rnn.config import TrainConfig


def imdb_rnn(*args, **kw):
    return subprocess.run(
        ["imdb-rnn", *map(str, args)], capture_output=True, text=True, timeout=600, **kw
    )


def test_help_lists_every_config_field():
    out = imdb_rnn("train", "--help")
    assert out.returncode == 0
    missing = [f.name for f in fields(TrainConfig) if f"--{f.name}" not in out.stdout]
    assert not missing


def test_unknown_key_in_a_config_file_is_named(tmp_path):
    cfg = tmp_path / "run.yml"
    cfg.write_text("arch: lstm\nepochs: 2\nlearning_rte: 0.01\n")
    out = imdb_rnn("train", "--config", cfg, "--out", tmp_path / "run")
    assert out.returncode != 0 and "Unknown config key(s) ['learning_rte']" in out.stderr
    assert not (tmp_path / "run").exists()  # nothing was started


def test_unknown_option_is_refused(tmp_path):
    out = imdb_rnn("train", "--hidden_size", "64", "--out", tmp_path / "run")
    assert out.returncode == 2 and "unrecognized arguments: --hidden_size" in out.stderr


def test_config_file_with_command_line_override_and_predict(tmp_path):
    "A run from a config file and options, then `imdb-rnn predict` on it: raw reviews classified, the model exported."
    data = synthetic_imdb(tmp_path / "data", "folder", n_per_class=40)
    cfg = tmp_path / "run.json"
    cfg.write_text(
        json.dumps(
            {
                "arch": "baseline",
                "data_dir": str(data),
                "val_size": 20,
                "max_len": 32,
                "epochs": 3,
                "embedding_dim": 8,
                "dense_units": [8],
            }
        )
    )
    out = imdb_rnn(
        "train",
        "--config",
        cfg,
        "--epochs",
        "2",
        "--optimizer",
        "rmsprop",
        "--out",
        tmp_path / "run",
    )
    assert out.returncode == 0, out.stderr[-3000:]
    params = json.loads((tmp_path / "run" / "params.json").read_text())
    assert (params["arch"], params["epochs"], params["optimizer"], params["dense_units"]) == (
        "baseline",
        2,
        "rmsprop",
        [8],
    )
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert metrics["epochs_run"] <= 2 and metrics["n_test"] == 80
    r = imdb_rnn(
        "predict",
        tmp_path / "run",
        "--texts",
        "a fine film",
        "a dull film",
        "--export",
        tmp_path / "served",
    )
    assert r.returncode == 0 and r.stdout.count("positive") + r.stdout.count("negative") >= 2, (
        r.stderr[-2000:]
    )
    assert (tmp_path / "served" / "saved_model.pb").exists()
    (tmp_path / "reviews.csv").write_text("text,stars\na fine film,9\n")  # no 'review' column
    r = imdb_rnn("predict", tmp_path / "run", "--csv", tmp_path / "reviews.csv")
    last = r.stderr.strip().splitlines()[-1]
    assert r.returncode == 1 and last.startswith("error: ") and "has no column 'review'" in last, (
        r.stderr[-2000:]
    )


@pytest.mark.parametrize(
    "family",
    [
        {"arch": "nbsvm", "max_len": None, "nb_features": 50_000},
        {"arch": "transformer", "max_len": 32, "embedding_dim": 8, "units": 8, "dense_units": []},
    ],
    ids=lambda f: f["arch"],
)
def test_predict_and_export_a_new_family(tmp_path, family):
    "The linear floor and the Transformer train, classify raw reviews, and export a model that needs no imdb_rnn."
    data = synthetic_imdb(tmp_path / "data", "folder", n_per_class=40)
    config = {**family, "data_dir": str(data), "val_size": 20, "epochs": 2}
    (tmp_path / "run.json").write_text(json.dumps(config))
    out = imdb_rnn("train", "--config", tmp_path / "run.json", "--out", tmp_path / "run")
    assert out.returncode == 0, out.stderr[-3000:]
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert metrics["n_test"] == 80 and metrics["params"] > 0
    reviews = ["a fine film<br />I loved it", "a dull film"]
    r = imdb_rnn("predict", tmp_path / "run", "--texts", *reviews, "--export", tmp_path / "served")
    assert r.returncode == 0 and r.stdout.count("positive") + r.stdout.count("negative") >= 2, (
        r.stderr[-2000:]
    )
    shown = [float(line.split()[-2]) for line in r.stdout.splitlines() if line.endswith("tive")]
    # the export, loaded by TensorFlow alone, gives the same probabilities
    code = (
        "import sys, json, tensorflow as tf; assert 'imdb_rnn' not in sys.modules;"
        f"m = tf.saved_model.load({str(tmp_path / 'served')!r});"
        f"print(json.dumps(m.serve(tf.constant({reviews!r})).numpy().ravel().tolist()))"
    )
    served = subprocess.run(["python", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert served.returncode == 0, served.stderr[-2000:]
    assert json.loads(served.stdout.splitlines()[-1]) == pytest.approx(shown, abs=1e-4)
