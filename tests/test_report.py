"The report renders from real (tiny) runs, from nothing, and from the committed results, and reads right in a browser."

import json, re, shutil, subprocess
from pathlib import Path
import pytest
from imdb_rnn.data import synthetic_imdb
from imdb_rnn.report import render_report, default_results_dir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network and a root user (see the environment notes): no sandbox, no background connections.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
SCRIPT = "<script>alert('x')</script>"
pytestmark = pytest.mark.xdist_group(
    "report"
)  # one worker renders the tiny runs' report once for all these tests


@pytest.fixture(scope="module")
def tiny_runs(tmp_path_factory):
    "A runs folder like a real one: a 'compare' plan with two architectures × two seeds trained on synthetic data, and a failed run."
    from imdb_rnn.train import train_and_evaluate

    root = tmp_path_factory.mktemp("results")
    data = synthetic_imdb(root.parent / "data", "tar", n_per_class=60)
    for arch in ("baseline", "cnn"):
        for seed in (1, 2):
            train_and_evaluate(
                dict(
                    arch=arch,
                    seed=seed,
                    data_dir=str(data),
                    val_size=20,
                    max_len=32,
                    num_words=500,
                    embedding_dim=8,
                    filters=8,
                    dense_units=(8,),
                    epochs=2,
                ),
                root / "compare" / f"arch-{arch}__seed-{seed}",
            )
    failed = root / "compare" / "arch-lstm__seed-1"
    failed.mkdir()
    (failed / "error.json").write_text(
        json.dumps({"run": failed.name, "message": f"ValueError: bad {SCRIPT}"})
    )
    return root


@pytest.fixture(scope="module")
def tiny_page(tiny_runs, tmp_path_factory):
    return render_report(tiny_runs, tmp_path_factory.mktemp("report"), engine="nbconvert")


def open_in_chromium(page: Path, tmp_path: Path) -> tuple[Path, str]:
    "Screenshot and rendered DOM of `page`, from headless Chromium."
    if CHROMIUM is None:
        pytest.skip("chromium not installed: `apt-get install chromium` (.ci/run installs it)")
    shot, args = (
        tmp_path / "page.png",
        CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,3000"],
    )
    subprocess.run(
        [CHROMIUM, *args, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    dom = subprocess.run(
        [CHROMIUM, *args, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return shot, dom


def test_report_from_tiny_runs(tiny_page):
    text = tiny_page.read_text()
    assert 'id="main-table"' in text and "Baseline" in text and "CNN" in text
    assert "Traceback" not in text and "oneDNN" not in text
    assert "arch-lstm__seed-1" in text  # the failed run is listed, not dropped
    assert SCRIPT not in text and "&lt;script&gt;" in text  # its message is escaped


@pytest.mark.slow
def test_report_in_browser(tiny_page, tmp_path):
    shot, dom = open_in_chromium(tiny_page, tmp_path)
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = re.search(r'<table[^>]*id="main-table".*?</table>', dom, re.S)
    assert table and all(name in table[0] for name in ("Baseline", "CNN", "test accuracy"))
    assert (
        len(re.findall(r'<img[^>]+src="data:image/png;base64,', dom)) >= 3
    )  # curves, confusion matrices, Pareto view
    assert (
        "Traceback" not in dom and SCRIPT not in dom
    )  # the failed run's message is text, not a script


def test_report_without_runs(tmp_path):
    (tmp_path / "empty").mkdir()
    text = render_report(tmp_path / "empty", tmp_path / "out", engine="nbconvert").read_text()
    assert "has no finished runs yet" in text and "Traceback" not in text
    assert (
        f"not run yet: imdb-rnn run compare --runs-dir {tmp_path / 'empty'}" in text
    )  # hints name the folder read


def test_report_cli_on_committed_results(tmp_path):
    "`imdb-rnn report` renders the results committed under reports/results."
    assert (default_results_dir() / "quick").is_dir()
    r = subprocess.run(
        ["imdb-rnn", "report", "--out", str(tmp_path), "--engine", "nbconvert"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    text = (tmp_path / "index.html").read_text()
    assert 'id="main-table"' in text and "LSTM" in text and "Traceback" not in text


XSS = "<script>document.body.setAttribute('data-pwned', 'script')</script>"
XSS_NAME = "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">"  # no slash: a folder name
LINK = (
    "[click me](javascript:document.body.setAttribute('data-pwned','link'))"  # Markdown, not HTML
)
IMAGE = "![t](http://127.0.0.1:9/track.png)"


def write(path: Path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(obj if isinstance(obj, str) else json.dumps(obj))


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory):
    "A runs folder, written by hand, whose every text field holds markup: names, devices, messages, tuners, columns."
    root = tmp_path_factory.mktemp("hostile")
    history = (
        "epoch,accuracy,loss,val_accuracy,val_loss,seconds\n0,.6,.6,.7,.5,3\n1,.8,.4,.8,.4,2\n"
    )
    metrics = lambda acc: {
        "test_accuracy": acc,
        "f1_macro": acc,
        "roc_auc": acc,
        "params": 1000,
        "best_epoch": 2,
        "best_val_accuracy": acc,
        "n_test": 100,
        "device": XSS,
        "versions": {XSS: XSS},
        "started": XSS,
        "finished": XSS,
        "confusion_matrix": [[40, 10], [10, 40]],
        "classes": {
            c: {"precision": 0.8, "recall": 0.8, "f1": 0.8, "support": 50}
            for c in ("negative", "positive")
        },
    }
    for arch in (XSS, XSS_NAME, "lstm"):
        for seed, acc in ((1, 0.80), (2, 0.82), (3, 0.81)):
            run = (
                root
                / "compare"
                / f"arch-{XSS_NAME if arch != 'lstm' else 'lstm'}{len(arch)}__seed-{seed}"
            )
            write(run / "params.json", {"arch": arch, "seed": seed, "preset": None})
            device = {"device": LINK} if arch == "lstm" else {}
            write(run / "history.csv", history)
            write(run / "metrics.json", {**metrics(acc + (arch == "lstm") * 0.05), **device})
    write(root / "compare" / "arch-gru__seed-1" / "error.json", {"message": XSS})
    write(root / "compare" / "arch-cnn__seed-1" / "params.json", {"arch": "cnn", "seed": 1})
    write(
        root / "compare" / "arch-cnn__seed-1" / "metrics.json", '{"test_accuracy": 0.8'
    )  # cut short
    for arch in (XSS, "lstm"):  # a refit run tests two models
        write(
            root / "refit" / f"{len(arch)}__seed-1" / "params.json",
            {"arch": arch, "seed": 1, "refit": True},
        )
        write(
            root / "refit" / f"{len(arch)}__seed-1" / "metrics.json",
            {**metrics(0.8), "picked_test_accuracy": 0.79},
        )
    write(root / "solo" / "params.json", {"arch": "lstm"})
    write(root / "solo" / "metrics.json", metrics(0.8))  # in no plan
    write(root / "coursework" / "preset-x" / "params.json", {"arch": "lstm", "preset": XSS})
    write(root / "coursework" / "preset-x" / "metrics.json", metrics(0.8))
    cut = root / "compare" / "arch-gru__seed-2"  # its history cut short: corrupt
    write(cut / "params.json", {"arch": "gru", "seed": 2})
    write(cut / "history.csv", history[:-8])
    write(cut / "metrics.json", {**metrics(0.8), "epochs_run": 2})
    for variant in ("a", XSS_NAME):
        write(root / "ablations" / f"{XSS_NAME}__{variant}" / "params.json", {"arch": "lstm"})
        write(root / "ablations" / f"{XSS_NAME}__{variant}" / "metrics.json", metrics(0.8))
        write(root / "ablations" / f"{XSS_NAME}__{variant}" / "history.csv", history)
    write(
        root / "tuning" / XSS_NAME / "summary.json",
        {
            "arch": "lstm",
            "tuner": IMAGE,
            "trials": 2,
            "search": {XSS: XSS},
            "best_config": {XSS: XSS},
            "test_accuracy": [0.8, 0.81, 0.82],
        },
    )
    write(
        root / "tuning" / XSS_NAME / "trials.csv",
        f"trial,val_accuracy,units\n{XSS_NAME},.8,{XSS_NAME}\n01,.7,8\n",
    )
    write(
        root / "bench.json",
        {
            "device": XSS,
            "started": XSS,
            "load_average": {"start": [0], "end": [0]},
            "settings": {"n_train": 10},
            "archs": {},
        },
    )
    return root


def test_markup_from_run_folders_is_shown_as_text_and_never_runs(hostile_runs, tmp_path):
    "Rendering a shared results folder never runs what is in it: no script or handler runs in Chromium, the text shows."
    before = {p: p.stat().st_mtime_ns for p in hostile_runs.rglob("*")}
    r = subprocess.run(
        [
            "imdb-rnn",
            "report",
            "--runs-dir",
            str(hostile_runs),
            "--out",
            str(tmp_path / "out"),
            "--engine",
            "nbconvert",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert {
        p: p.stat().st_mtime_ns for p in hostile_runs.rglob("*")
    } == before  # nothing written into what it reads
    page = tmp_path / "out" / "index.html"
    text = page.read_text()
    assert (
        "Traceback" not in text and "bench.json is incomplete or malformed" in text
    )  # a partial file: one line
    assert XSS not in text and "<img src=x" not in text
    assert (
        "arch-cnn__seed-1" in text and "metrics.json is unreadable" in text
    )  # the truncated run, named as corrupt
    assert "runs from +1.00 to +1.00 points" in text  # the refit plan's table
    _, dom = open_in_chromium(page, tmp_path)
    assert not re.search(r"<body[^>]*data-pwned", dom)  # neither payload ran
    assert dom.count("&lt;script&gt;document.body.setAttribute") >= 5  # it is shown, as text
    assert dom.count("&lt;img src=x onerror=") >= 3
    assert not re.search(r"href=\"?javascript:", dom) and not re.search(
        r"<img [^>]*src=\"http://127", dom
    )  # no live link or image
    assert "[click me]" in dom.replace("&#91;", "[").replace("&#93;", "]")  # shown, as text
    assert (
        "arch-gru__seed-2" in text and "history.csv is unreadable" in text
    )  # named, out of the tables
    assert (
        "runs outside a plan:" in text and "Machines, by plan: :" not in text
    )  # a run in no plan, named so


def test_report_cli_errors(tmp_path):
    r = subprocess.run(
        ["imdb-rnn", "report", "--runs-dir", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "runs folder" in r.stderr and "does not exist" in r.stderr
