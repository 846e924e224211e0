"Plans and batches end to end, through the `imdb-rnn run` command and the plain papermill CLI."

import json, os, re, signal, subprocess, sys, time
from dataclasses import fields
import papermill as pm
import pytest
import yaml
from imdb_rnn.runner import template_path
from imdb_rnn.config import TrainConfig

TINY = {
    "data_dir": "synthetic",
    "epochs": 1,
    "train_size": 200,
    "test_size": 200,
    "max_len": 32,
    "embedding_dim": 8,
    "units": 8,
}


def write_plan(path, runs, name="tiny"):
    path.write_text(yaml.safe_dump({"name": name, "defaults": TINY, "runs": runs}))
    return path


def test_template_parameters_are_the_config_fields():
    params = pm.inspect_notebook(str(template_path()))
    assert set(params) == {f.name for f in fields(TrainConfig)} | {"out_dir"}
    for f in fields(TrainConfig):  # the same defaults, except the template's small synthetic data
        if f.name != "data_dir":
            assert eval(params[f.name]["default"]) == f.default, f.name


def test_papermill_cli_runs_the_template(tmp_path):
    out = subprocess.run(
        [
            "papermill",
            str(template_path()),
            str(tmp_path / "out.ipynb"),
            "-p",
            "arch",
            "gru",
            "-p",
            "epochs",
            "1",
            "-p",
            "out_dir",
            str(tmp_path / "x"),
            "-p",
            "train_size",
            "300",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    metrics = json.loads((tmp_path / "x" / "metrics.json").read_text())
    assert (
        metrics["epochs_run"] == 1
        and json.loads((tmp_path / "x" / "params.json").read_text())["arch"] == "gru"
    )


def test_papermill_values_win_over_a_preset_even_at_their_default(tmp_path):
    out = subprocess.run(
        [
            "papermill",
            str(template_path()),
            str(tmp_path / "out.ipynb"),
            "-p",
            "preset",
            "hw6_bilstm",
            "-p",
            "embedding_dim",
            "32",
            "-p",
            "epochs",
            "1",
            "-p",
            "train_size",
            "100",
            "-p",
            "max_len",
            "16",
            "-p",
            "out_dir",
            str(tmp_path / "x"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    params = json.loads((tmp_path / "x" / "params.json").read_text())
    assert (params["embedding_dim"], params["units"]) == (
        32,
        32,
    )  # 32 given (the default); units from the preset


def test_papermill_rejects_an_unknown_parameter_in_the_first_cell(tmp_path):
    out = subprocess.run(
        [
            "papermill",
            str(template_path()),
            str(tmp_path / "out.ipynb"),
            "-p",
            "hidden_units",
            "3",
            "-p",
            "out_dir",
            str(tmp_path / "x"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode != 0 and "Unknown parameter(s) ['hidden_units']" in out.stderr
    assert not (tmp_path / "x").exists()  # it stopped before training


@pytest.mark.slow
def test_a_killed_batch_resumes_without_repeating_finished_runs(tmp_path):
    plan = write_plan(tmp_path / "plan.yml", [{"arch": "baseline"}, {"arch": "gru"}])
    cmd = ["imdb-rnn", "run", str(plan), "--runs-dir", str(tmp_path / "runs")]
    first = tmp_path / "runs" / "tiny" / "arch-baseline"
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.time() + 300
    while not (first / "metrics.json").exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole batch, kernels included
    proc.wait()
    assert (first / "metrics.json").exists()
    assert not (tmp_path / "runs" / "tiny" / "arch-gru" / "metrics.json").exists()
    stamp = (first / "train.ipynb").stat().st_mtime_ns
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "2 runs: 1 finished, 1 already done, 0 failed" in out.stdout
    assert all(
        (tmp_path / "runs" / "tiny" / r / "metrics.json").exists()
        for r in ("arch-baseline", "arch-gru")
    )
    assert (first / "train.ipynb").stat().st_mtime_ns == stamp  # the first run was not repeated


def test_a_batch_killed_while_its_backup_was_written_finishes(tmp_path):
    "A run stopped after an epoch, its backup then cut short (a kill during the write): the batch sets it aside, finishes."
    import keras
    from imdb_rnn.runner import load_plan, run_config, synthetic_data_dir
    from imdb_rnn.train import train_and_evaluate

    class Killed(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            raise KeyboardInterrupt("killed")  # after the first epoch's backup

    plan = write_plan(tmp_path / "plan.yml", [{"arch": "gru", "epochs": 3, "patience": 0}])
    run = load_plan(plan).runs[0]
    folder = tmp_path / "runs" / "tiny" / run.id
    synthetic_data_dir()
    with pytest.raises(KeyboardInterrupt):
        train_and_evaluate(run_config(run.params), folder, callbacks=[Killed()], verbose=0)
    (weights,) = folder.glob("backup/epoch-*.weights.h5")
    weights.write_bytes(weights.read_bytes()[:64])
    out = subprocess.run(
        ["imdb-rnn", "run", str(plan), "--runs-dir", str(tmp_path / "runs")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert (folder / "metrics.json").exists() and list(folder.glob("backup.unreadable-*"))


def test_bad_plans_fail_before_anything_runs(tmp_path):
    plan = tmp_path / "plan.yml"
    plan.write_text("name: bad\nruns:\n  - {arch: lstm, epoch: 3}\n")
    out = subprocess.run(
        ["imdb-rnn", "run", str(plan), "--runs-dir", str(tmp_path / "runs")],
        capture_output=True,
        text=True,
    )
    assert (
        out.returncode != 0
        and "run arch-lstm__epoch-3: Unknown config key(s) ['epoch']" in out.stderr
    )
    assert not (tmp_path / "runs").exists()
    out = subprocess.run(["imdb-rnn", "run", "no_such_plan"], capture_output=True, text=True)
    assert "No plan 'no_such_plan'" in out.stderr


def test_shards_split_the_plan_and_dry_run_lists_it(tmp_path):
    plan = write_plan(tmp_path / "plan.yml", [{"arch": a} for a in ("baseline", "cnn", "lstm")])
    listed = [
        subprocess.run(
            [
                "imdb-rnn",
                "run",
                str(plan),
                "--shard",
                f"{i}/2",
                "--dry-run",
                "--runs-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
        ).stdout
        for i in (1, 2)
    ]
    assert (
        "arch-baseline" in listed[0]
        and "arch-lstm" in listed[0]
        and "arch-cnn" in listed[1]
        and "arch-cnn" not in listed[0]
    )
    assert "None" not in listed[0] + listed[1]  # a plan without studies: an empty study column
    assert not any(tmp_path.glob("tiny/*"))


def test_plan_runs_read_the_real_data_unless_told_otherwise(tmp_path):
    from imdb_rnn.data import synthetic_imdb

    stand_in = synthetic_imdb(
        tmp_path / "imdb", "folder", n_per_class=30
    )  # stands in for $IMDB_RNN_DATA: 60 test reviews
    plan = tmp_path / "plan.yml"
    plan.write_text(
        yaml.safe_dump(
            {
                "name": "env",
                "defaults": {**{k: v for k, v in TINY.items() if k != "data_dir"}, "val_size": 10},
                "runs": [{"arch": "baseline"}],
            }
        )
    )
    out = subprocess.run(
        ["imdb-rnn", "run", str(plan), "--runs-dir", str(tmp_path / "runs")],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "IMDB_RNN_DATA": str(stand_in)},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert (
        json.loads((tmp_path / "runs" / "env" / "arch-baseline" / "metrics.json").read_text())[
            "n_test"
        ]
        == 60
    )  # not the template's synthetic set


def test_run_with_report_renders_the_plan(tmp_path):
    "`imdb-rnn run PLAN --report`: the README's main job, on a tiny plan."
    plan = write_plan(tmp_path / "tiny.yml", [{"arch": "baseline"}], name="tiny")
    quiet = {
        k: v for k, v in os.environ.items() if k not in ("TF_CPP_MIN_LOG_LEVEL", "IMDB_RNN_VERBOSE")
    }  # a user's
    r = subprocess.run(
        [
            "imdb-rnn",
            "run",
            str(plan),
            "--runs-dir",
            str(tmp_path / "runs"),
            "--report",
            "--out",
            str(tmp_path / "report"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=quiet,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    page = (tmp_path / "report" / "index.html").read_text()
    assert "Plan <strong>tiny</strong>" in page and 'id="main-table"' in page and "Baseline" in page
    noise = (
        "I0000",
        "W0000",
        "E0000",
        "absl::",
        "cuInit",
        "oneDNN",
        "running over TCP",
    )  # TensorFlow's C++, Jupyter's
    assert not [l for l in (r.stdout + r.stderr).splitlines() if any(n in l for n in noise)], (
        r.stderr[-3000:]
    )


def summary_counts(stdout: str) -> dict:
    "The counts of a batch's summary line, e.g. {'finished': 2, 'already done': 1, ...}."
    line = next(l for l in stdout.splitlines() if " runs: " in l)
    return {
        what: int(n)
        for n, what in re.findall(r"(\d+) ([a-z ]+?)(?=,|$| \()", line.split(" runs: ")[1])
    }


@pytest.mark.slow
def test_two_workers_on_one_plan_run_each_run_once(tmp_path):
    "Two `imdb-rnn run` processes started together on one plan and one runs folder: claims keep them apart."
    plan = write_plan(
        tmp_path / "plan.yml",
        [{"arch": "baseline"}, {"arch": "cnn"}, {"arch": "baseline", "seed": 2}],
    )
    cmd = ["imdb-rnn", "run", str(plan), "--runs-dir", str(tmp_path / "runs")]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e[-2000:] for _, e in outs]
    counts = [summary_counts(o) for o, _ in outs]
    assert sum(c["finished"] for c in counts) == 3, counts  # every run trained, and only once
    assert all(
        c["finished"] + c["already done"] + c.get("running elsewhere", 0) == 3 for c in counts
    ), counts
    folders = list((tmp_path / "runs" / "tiny").iterdir())
    assert len(folders) == 3 and all(
        (f / "metrics.json").exists() and not (f / "claim.json").exists() for f in folders
    )


def test_a_changed_plan_is_not_reused_and_reruns_when_asked(tmp_path):
    plan = write_plan(tmp_path / "plan.yml", [{"arch": "baseline"}])
    cmd = ["imdb-rnn", "run", str(plan), "--runs-dir", str(tmp_path / "runs")]
    assert subprocess.run(cmd, capture_output=True, text=True, timeout=600).returncode == 0
    metrics = tmp_path / "runs" / "tiny" / "arch-baseline" / "metrics.json"
    stamp, old = metrics.stat().st_mtime_ns, json.loads(metrics.read_text())
    plan.write_text(
        plan.read_text().replace("epochs: 1", "epochs: 2")
    )  # a default changes after the run
    listed = subprocess.run(cmd + ["--dry-run"], capture_output=True, text=True).stdout
    assert re.search(r"arch-baseline\s+changed\s+epochs: 1 -> 2", listed), listed
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert (
        out.returncode == 1
        and "arch-baseline (epochs: 1 -> 2)" in out.stderr
        and "--rerun-changed" in out.stderr
    )
    assert metrics.stat().st_mtime_ns == stamp  # nothing overwritten
    out = subprocess.run(cmd + ["--rerun-changed"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0 and summary_counts(out.stdout)["finished"] == 1, out.stderr[-2000:]
    assert (
        json.loads((tmp_path / "runs" / "tiny" / "arch-baseline" / "params.json").read_text())[
            "epochs"
        ]
        == 2
    )
    kept = list((tmp_path / "runs" / "tiny" / ".superseded").glob("arch-baseline.*"))
    assert (
        len(kept) == 1 and json.loads((kept[0] / "metrics.json").read_text()) == old
    )  # the old run, kept
    metrics.write_text(metrics.read_text()[:40])  # a copy cut short: corrupt, kept as it is
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert out.returncode == 1 and "arch-baseline (metrics.json is unreadable)" in out.stderr, (
        out.stderr[-2000:]
    )
    assert (
        sum(l.startswith("error:") for l in out.stderr.splitlines()) == 1
        and len(metrics.read_text()) == 40
    )


def test_identical_runs_train_once_and_slurm_arrays_shard_the_plan(tmp_path):
    listed = subprocess.run(
        ["imdb-rnn", "run", "ablations", "--dry-run", "--runs-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    ).stdout
    shared = [l for l in listed.splitlines() if " same " in l]
    assert len(shared) == 6 and all(
        "trains once, as optimizer__optimizer-adam__learning_rate-0.001" in l for l in shared
    )
    plan = write_plan(tmp_path / "plan.yml", [{"arch": a} for a in ("baseline", "cnn", "lstm")])
    env = {
        **os.environ,
        "SLURM_ARRAY_TASK_ID": "1",
        "SLURM_ARRAY_TASK_MIN": "0",
        "SLURM_ARRAY_TASK_COUNT": "2",
    }
    listed = subprocess.run(
        ["imdb-rnn", "run", str(plan), "--dry-run", "--runs-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
    ).stdout  # the array's second task: runs 2, 4, ... of the plan
    assert "arch-cnn" in listed and "arch-baseline" not in listed and "arch-lstm" not in listed
