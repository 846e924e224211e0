"Bad input through the public entry points: one clear error naming the problem and the fix, nothing lost."

import subprocess, sys
import pandas as pd
import pytest
import imdb_rnn.data as data
from imdb_rnn.data import IMDBDataError, load_imdb, synthetic_imdb
from imdb_rnn.vectorize import load_vectorized


def test_truncated_archive_in_imdb_rnn_data(tmp_path, monkeypatch):
    tgz = synthetic_imdb(tmp_path, "tar", n_per_class=50)
    tgz.write_bytes(tgz.read_bytes()[:2000])
    monkeypatch.setenv("IMDB_RNN_DATA", str(tmp_path))
    with pytest.raises(
        IMDBDataError,
        match=r"aclImdb_v1.tar.gz is not a readable aclImdb archive .* download it again",
    ):
        load_vectorized()
    assert tgz.exists()  # the evidence stays where it was


def test_data_folder_without_imdb(tmp_path, monkeypatch):
    monkeypatch.setenv("IMDB_RNN_DATA", str(tmp_path))
    with pytest.raises(
        IMDBDataError, match="No aclImdb folder or aclImdb.*tar.gz in .* unset IMDB_RNN_DATA"
    ):
        load_imdb()


def test_offline_without_a_local_copy(tmp_path, monkeypatch):
    monkeypatch.delenv("IMDB_RNN_DATA", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))  # an empty Keras cache
    monkeypatch.setattr(
        data, "ACLIMDB_URL", "http://127.0.0.1:9/aclImdb_v1.tar.gz"
    )  # nothing listens there
    with pytest.raises(IMDBDataError, match="downloading .* failed .* set IMDB_RNN_DATA"):
        load_imdb()


def test_csv_with_wrong_columns_and_labels(tmp_path):
    f = tmp_path / "reviews.csv"
    pd.DataFrame({"text": ["a fine film"], "score": [9]}).to_csv(f, index=False)
    with pytest.raises(
        IMDBDataError, match=r"has columns \['text', 'score'\]; expected 'review' and 'sentiment'"
    ):
        load_imdb("csv", f, split="pooled")
    pd.DataFrame(
        {"review": ["fine", "bad", "ok"], "sentiment": ["positive", "negative", "3 stars"]}
    ).to_csv(f, index=False)
    with pytest.raises(
        IMDBDataError, match=r"unknown sentiment values \['3 stars'\] \(first at data row 3\)"
    ):
        load_imdb("csv", f, split="pooled")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(max_len=0), "max_len must be an integer >= 1"),
        (dict(num_words=1), "num_words must be None or an integer >= 3"),
        (
            dict(split="pooled", fractions=(0.5, 0.1, 0.1)),
            "fractions must be three positive numbers",
        ),
        (dict(val_size=30_000), "val_size must be a count between 1 and"),
        (dict(split="random"), "split must be 'official' or 'pooled'"),
    ],
)
def test_impossible_settings(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_vectorized(data_dir=synthetic_imdb(tmp_path, "folder", n_per_class=20), **kwargs)


def test_star_import_in_a_fresh_interpreter():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from imdb_rnn.data import *; from imdb_rnn.vectorize import *; "
            "print(load_imdb.__name__, load_vectorized.__name__, make_dataset.__name__)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["load_imdb", "load_vectorized", "make_dataset"]


def test_every_command_names_a_wrong_csv_in_one_line(tmp_path):
    "train, run, tune and bench on a CSV with the wrong columns: one `error:` line naming them, exit code 1."
    from imdb_rnn.cli import main

    csv = tmp_path / "reviews.csv"
    pd.DataFrame({"text": ["a fine film", "a dull film"] * 20, "score": [9, 2] * 20}).to_csv(
        csv, index=False
    )
    data = {"source": "csv", "data_dir": str(csv), "split": "pooled", "epochs": 1}
    (tmp_path / "plan.yml").write_text(f"name: csv\ndefaults: {data}\nruns: [{{arch: baseline}}]\n")
    commands = [
        [
            "train",
            "--source",
            "csv",
            "--data_dir",
            csv,
            "--split",
            "pooled",
            "--out",
            tmp_path / "train",
        ],
        ["run", tmp_path / "plan.yml", "--runs-dir", tmp_path / "runs"],
        [
            "tune",
            "--arch",
            "cnn",
            "--base",
            str(data),
            "--max-trials",
            "1",
            "--seeds",
            "--out-dir",
            tmp_path / "tune",
        ],
        [
            "bench",
            "--archs",
            "baseline",
            "--source",
            "csv",
            "--data-dir",
            csv,
            "--out",
            tmp_path / "bench.json",
        ],
    ]
    for argv in commands:
        with pytest.raises(SystemExit) as e:
            main([str(a) for a in argv])
        message = str(e.value.code)
        assert message.startswith("error: ") and "\n" not in message, (argv[0], message)
        assert "has columns ['text', 'score']; expected 'review' and 'sentiment'" in message, (
            argv[0],
            message,
        )


def test_wrong_types_and_empty_inputs_get_one_line_each(tmp_path):
    "A value of the wrong type in a plan or a config file, a CSV of no reviews, a missing file: one `error:` line each."
    from imdb_rnn.cli import main

    (tmp_path / "plan.yml").write_text("name: typo\nruns: [{arch: baseline, learning_rate: abc}]\n")
    (tmp_path / "config.yml").write_text("arch: baseline\nlearning_rate: abc\n")
    (tmp_path / "header.csv").write_text("review,sentiment\n")
    (tmp_path / "empty.csv").write_text("")
    cases = [
        (
            ["run", tmp_path / "plan.yml", "--runs-dir", tmp_path / "runs"],
            "learning_rate must be a number, got 'abc'",
        ),
        (
            ["train", "--config", tmp_path / "config.yml", "--out", tmp_path / "t"],
            "learning_rate must be a number, got 'abc'",
        ),
        (
            [
                "train",
                "--source",
                "csv",
                "--data_dir",
                tmp_path / "header.csv",
                "--split",
                "pooled",
                "--out",
                tmp_path / "t2",
            ],
            "header.csv holds no reviews",
        ),
    ]
    for argv, expected in cases:
        with pytest.raises(SystemExit) as e:
            main([str(a) for a in argv])
        message = str(e.value.code)
        assert message.startswith("error: ") and "\n" not in message and expected in message, (
            argv[0],
            message,
        )
    from imdb_rnn.predict import read_reviews

    with pytest.raises(ValueError, match="empty.csv cannot be read as CSV file of reviews"):
        read_reviews(csv=tmp_path / "empty.csv")
    with pytest.raises(ValueError, match="nope.txt does not exist"):
        read_reviews(file=tmp_path / "nope.txt")
