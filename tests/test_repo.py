"The repository's own contracts: the README is generated from nbs/index.ipynb, no data is tracked, chapters import only earlier ones, and the code keeps the anchors' size."

import ast, json, re, subprocess, sys
from conftest import ROOT


def test_readme_is_generated_from_index():
    out = subprocess.run(
        [sys.executable, "tools/readme.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr


def test_outputs_of_the_readme_commands_are_ignored():
    out = subprocess.run(
        [
            "git",
            "check-ignore",
            "serving/lstm/saved_model.pb",
            "_report/index.html",
            "runs/quick/x/params.json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert len(out.stdout.split()) == 3, out.stdout


def test_no_data_is_tracked():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert not [f for f in files if "aclImdb" in f or f.endswith((".tar.gz", ".npz", ".keras"))]


def chapters() -> dict:
    "Module name -> the notebook that exports it."
    out = {}
    for nb in sorted((ROOT / "nbs").glob("[0-9]*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        m = next(
            re.search(r"#\| default_exp (\w+)", "".join(c["source"]))
            for c in cells
            if "default_exp" in "".join(c["source"])
        )
        out[m.group(1)] = nb.stem
    return out


def test_each_chapter_imports_only_earlier_ones():
    order = chapters()
    for mod, nb in order.items():
        deps = set(
            re.findall(
                r"(?:from|import) (?:imdb_rnn\.|\.)(\w+)",
                (ROOT / "imdb_rnn" / f"{mod}.py").read_text(),
            )
        )
        assert all(order[d] < nb for d in deps if d in order), (mod, sorted(deps))


def test_config_and_runner_import_no_tensorflow():
    code = "import sys, imdb_rnn.config, imdb_rnn.runner, imdb_rnn.cli; assert 'tensorflow' not in sys.modules, 'tensorflow'"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]


def test_library_lines_fit_100_characters():
    "The library's lines fit in ruff format's 100 characters, but nbdev's `__all__`, which nbdev wraps itself."
    long = []
    for p in (ROOT / "imdb_rnn").glob("*.py"):
        if p.name == "_modidx.py":
            continue
        src = p.read_text()
        names = [n for n in ast.parse(src).body if isinstance(n, ast.Assign)]
        names = [n for n in names if any(getattr(t, "id", None) == "__all__" for t in n.targets)]
        skip = {i for n in names for i in range(n.lineno, n.end_lineno + 1)}
        lines = enumerate(src.splitlines(), 1)
        long += [f"{p.name}:{i}" for i, line in lines if len(line) > 100 and i not in skip]
    assert not long, long


def test_docs_are_built_the_nbdev_way(tmp_path, monkeypatch):
    "What tools/docs.py does where Quarto is absent: nbdev's processing of a chapter, and the report as the home page."
    import importlib.util
    from nbdev.processors import FilterDefaults
    from nbdev.serve_drv import exec_nb

    monkeypatch.chdir(ROOT)  # nbdev reads settings.ini from here
    exec_nb(
        ROOT / "nbs" / "05_runner.ipynb", tmp_path / "05_runner.ipynb", FilterDefaults
    )  # as proc_nbs does each one
    page = (tmp_path / "05_runner.ipynb").read_text()
    assert (
        "show_doc(run_plan)" in page and "runs go to runs_dir" in page and "rerun_changed" in page
    )  # the docments
    spec = importlib.util.spec_from_file_location("docs", ROOT / "tools" / "docs.py")
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    (tmp_path / "index.ipynb").write_text("{}")  # the processed README notebook
    home = docs.report_home(tmp_path).read_text()
    assert (
        tmp_path / "start.ipynb"
    ).exists() and "Which sequence model for IMDB sentiment?" in home
    assert "aliases:" not in home and 'results_dir = \\"../reports/results\\"' in home
