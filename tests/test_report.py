"The report renders from real (tiny) runs, from nothing, and from the committed results, and reads right in a browser."
import json, re, shutil, subprocess
from pathlib import Path
import pytest
from imdb_rnn.data import synthetic_imdb
from imdb_rnn.report import render_report, default_results_dir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network and a root user (see the environment notes): no sandbox, no background connections.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
SCRIPT = "<script>alert('x')</script>"
pytestmark = pytest.mark.xdist_group("report")   # one worker renders the tiny runs' report once for all these tests

@pytest.fixture(scope="module")
def tiny_runs(tmp_path_factory):
    "A runs folder like a real one: a 'compare' plan with two architectures × two seeds trained on synthetic data, and a failed run."
    from imdb_rnn.train import train_and_evaluate
    root = tmp_path_factory.mktemp("results")
    data = synthetic_imdb(root.parent/"data", "tar", n_per_class=60)
    for arch in ("baseline", "cnn"):
        for seed in (1, 2):
            train_and_evaluate(dict(arch=arch, seed=seed, data_dir=str(data), val_size=20, max_len=32, num_words=500, embedding_dim=8,
                                    filters=8, dense_units=(8,), epochs=2), root/"compare"/f"arch-{arch}__seed-{seed}")
    failed = root/"compare"/"arch-lstm__seed-1"
    failed.mkdir()
    (failed/"error.json").write_text(json.dumps({"run": failed.name, "message": f"ValueError: bad {SCRIPT}"}))
    return root

@pytest.fixture(scope="module")
def tiny_page(tiny_runs, tmp_path_factory):
    return render_report(tiny_runs, tmp_path_factory.mktemp("report"), engine="nbconvert")

def open_in_chromium(page:Path, tmp_path:Path) -> tuple[Path, str]:
    "Screenshot and rendered DOM of `page`, from headless Chromium."
    if CHROMIUM is None: pytest.skip("chromium not installed: `apt-get install chromium` (.ci/run installs it)")
    shot, args = tmp_path/"page.png", CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path/'profile'}", "--window-size=1280,3000"]
    subprocess.run([CHROMIUM, *args, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    dom = subprocess.run([CHROMIUM, *args, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    return shot, dom

def test_report_from_tiny_runs(tiny_page):
    text = tiny_page.read_text()
    assert 'id="main-table"' in text and "Baseline" in text and "CNN" in text
    assert "Traceback" not in text and "oneDNN" not in text
    assert "arch-lstm__seed-1" in text            # the failed run is listed, not dropped
    assert SCRIPT not in text and "&lt;script&gt;" in text   # its message is escaped

@pytest.mark.slow
def test_report_in_browser(tiny_page, tmp_path):
    shot, dom = open_in_chromium(tiny_page, tmp_path)
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = re.search(r'<table[^>]*id="main-table".*?</table>', dom, re.S)
    assert table and all(name in table[0] for name in ("Baseline", "CNN", "test accuracy"))
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', dom)) >= 3   # curves, confusion matrices, Pareto view
    assert "Traceback" not in dom and SCRIPT not in dom   # the failed run's message is text, not a script

def test_report_without_runs(tmp_path):
    (tmp_path/"empty").mkdir()
    text = render_report(tmp_path/"empty", tmp_path/"out", engine="nbconvert").read_text()
    assert "has no finished runs yet" in text and "not run yet: imdb-rnn run compare" in text and "Traceback" not in text

def test_report_cli_on_committed_results(tmp_path):
    "`imdb-rnn report` renders the results committed under reports/results."
    assert (default_results_dir()/"quick").is_dir()
    r = subprocess.run(["imdb-rnn", "report", "--out", str(tmp_path), "--engine", "nbconvert"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    text = (tmp_path/"index.html").read_text()
    assert 'id="main-table"' in text and "LSTM" in text and "Traceback" not in text

def test_report_cli_errors(tmp_path):
    r = subprocess.run(["imdb-rnn", "report", "--runs-dir", str(tmp_path/"nowhere")], capture_output=True, text=True)
    assert r.returncode != 0 and "runs folder" in r.stderr and "does not exist" in r.stderr
