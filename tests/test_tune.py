"Tuning end to end on tiny synthetic data: resuming a search, failed trials, and a chief with two workers on this machine."

import json, os, socket, subprocess, sys, time
import pandas as pd
import pytest
from imdb_rnn.data import synthetic_imdb
from imdb_rnn.runner import load_plan
from imdb_rnn.config import TrainConfig
from imdb_rnn.train import run_data
from imdb_rnn.tune import tune


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    "A small synthetic IMDB and a config small enough that a trial takes a second or two."
    data = synthetic_imdb(tmp_path_factory.mktemp("imdb"), "folder", n_per_class=60)
    base = dict(data_dir=str(data), val_size=30, max_len=32, batch_size=16)
    run_data(TrainConfig.from_dict(base))  # vectorize once, into the test cache
    return base


SMALL = {"units": [4, 8, 16], "embedding_dim": [4, 8]}


def test_a_search_resumes_where_it_stopped(tiny, tmp_path, capsys):
    kw = dict(
        base=tiny,
        epochs=1,
        choices=SMALL,
        only=tuple(SMALL),
        seeds=(),
        out_dir=tmp_path / "gru",
        verbose=0,
    )
    first = tune(arch="gru", tuner="random", max_trials=2, **kw)
    assert len(first.trials) == 2 and "Resuming" not in capsys.readouterr().out
    stamp = (
        (tmp_path / "gru" / "search" / "gru-random" / "trial_0" / "trial.json").stat().st_mtime_ns
    )
    again = tune(arch="gru", tuner="random", max_trials=3, **kw)
    out = capsys.readouterr().out
    assert (
        "Resuming the search in" in out
        and "2 trials already done (2 completed, 0 failed" in out
        and "budget 3 trials" in out
    )
    table = pd.read_csv(tmp_path / "gru" / "trials.csv")
    assert len(again.trials) == 3 and table.status.tolist() == ["COMPLETED"] * 3
    assert (
        tmp_path / "gru" / "search" / "gru-random" / "trial_0" / "trial.json"
    ).stat().st_mtime_ns == stamp  # not run again
    assert len({(r.units, r.embedding_dim) for r in table.itertuples()}) == 3
    done = tune(arch="gru", tuner="random", max_trials=3, **kw)  # a finished search returns at once
    assert len(done.trials) == 3 and "3 trials already done" in capsys.readouterr().out


def test_a_failed_trial_is_recorded_and_the_search_goes_on(tiny, tmp_path):
    # a kernel of 5 cannot run over reviews of 4 tokens: that trial fails, the others train
    kw = dict(
        base=tiny,
        epochs=1,
        choices={"max_len": [32, 4, 16]},
        fixed={"kernel_sizes": "5", "filters": 4, "embedding_dim": 4},
        only=("max_len",),
        seeds=(1,),
        verbose=0,
    )
    res = tune(arch="cnn", tuner="grid", max_trials=3, out_dir=tmp_path / "cnn", **kw)
    table = pd.read_csv(tmp_path / "cnn" / "trials.csv").set_index("max_len")
    assert table.status.to_dict() == {32: "COMPLETED", 4: "FAILED", 16: "COMPLETED"}
    assert "kernel_sizes must be at most max_len=4" in table.message[4]
    assert res.best.max_len in (16, 32) and len(res.runs) == 1
    assert [r.params["seed"] for r in load_plan(tmp_path / "cnn" / "best.yml").runs] == [1]
    with pytest.raises(RuntimeError, match="1 trials in a row failed"):
        tune(
            arch="cnn",
            tuner="grid",
            max_trials=3,
            out_dir=tmp_path / "strict",
            max_failures=1,
            **kw,
        )
    assert "FAILED" in pd.read_csv(tmp_path / "strict" / "trials.csv").status.tolist()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_a_chief_and_two_workers_finish_a_search_together(tiny, tmp_path):
    port, out = free_port(), tmp_path / "lstm"
    call = (
        f"tune(arch='lstm', tuner='random', max_trials=4, epochs=1, base={tiny!r}, choices={SMALL!r}, only={tuple(SMALL)!r}, "
        f"seeds=(), out_dir={str(out)!r}, verbose=0, oracle_port={port}"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", f"from imdb_rnn.tune import tune; {call}, distributed='chief')"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ),
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"from imdb_rnn.tune import tune; {call}, distributed='worker')",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ),
        # keras-tuner's own variables work as well
        subprocess.Popen(
            [sys.executable, "-c", f"from imdb_rnn.tune import tune; {call})"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={
                **env,
                "KERASTUNER_TUNER_ID": "worker-b",
                "KERASTUNER_ORACLE_IP": "127.0.0.1",
                "KERASTUNER_ORACLE_PORT": str(port),
            },
        ),
    ]
    deadline, logs = time.time() + 420, []
    try:
        for p in procs:
            logs.append(p.communicate(timeout=max(deadline - time.time(), 1))[0])
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert all(p.returncode == 0 for p in procs), "\n\n".join(l[-3000:] for l in logs)
    table = pd.read_csv(out / "trials.csv")
    assert len(table) == 4 and (table.status == "COMPLETED").all()
    workers = set(table.worker)
    assert "worker-b" in workers and len(workers) == 2 and not any("chief" in w for w in workers), (
        workers
    )
    assert (out / "best.yml").exists() and json.loads((out / "summary.json").read_text())[
        "trials"
    ] == 4


def test_tune_cli(tmp_path):
    "`imdb-rnn tune` on synthetic data: one trial, no retraining; a second call resumes instead of starting again."
    import subprocess
    from imdb_rnn.data import synthetic_imdb

    data = synthetic_imdb(tmp_path / "data", "tar", n_per_class=40)
    cmd = [
        "imdb-rnn",
        "tune",
        "--arch",
        "cnn",
        "--tuner",
        "random",
        "--max-trials",
        "1",
        "--epochs",
        "1",
        "--seeds",
        "--base",
        f"{{data_dir: '{data}', val_size: 20}}",
        "--out-dir",
        str(tmp_path / "out"),
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "out" / "trials.csv").exists() and (tmp_path / "out" / "best.yml").exists()
    r = subprocess.run(["imdb-rnn", "tune", "--arch", "bert"], capture_output=True, text=True)
    assert r.returncode != 0 and "invalid choice" in r.stderr
