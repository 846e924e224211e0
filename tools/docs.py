"""Build the docs site the nbdev way: the notebooks processed by nbdev, the report as the home page.

nbdev processes every notebook of nbs/ into _proc/ (`proc_nbs`: each exported function and class gets its
signature and its docments table, and the examples stay beside them); the README notebook becomes start.ipynb,
and the report (reports/index.ipynb, executed on reports/results at render time) becomes index.ipynb, the home
page. Quarto then renders _proc/ into _docs/ (`nbdev_docs` does the same, minus the report):

    python tools/docs.py              # process, then `quarto render _proc` (needs Quarto: .github/workflows/report.yaml)
    python tools/docs.py --no-render  # process only; open _proc/ to check it where Quarto is absent
"""

import json, os, shutil, subprocess, sys
from pathlib import Path
from nbdev.quarto import nbdev_sidebar, proc_nbs, refresh_quarto_yml

ROOT = Path(__file__).resolve().parents[1]


def report_home(proc: Path) -> Path:
    "Make the report the home page of the processed site in `proc`; the README notebook becomes start.ipynb."
    if (proc / "index.ipynb").exists():
        shutil.move(proc / "index.ipynb", proc / "start.ipynb")
    nb = json.loads((ROOT / "reports" / "index.ipynb").read_text())
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        src = "".join(
            l for l in src.splitlines(keepends=True) if not l.startswith("aliases:")
        )  # it is the root now
        cell["source"] = src.replace(
            'results_dir = "results"', 'results_dir = "../reports/results"'
        )
    (proc / "index.ipynb").write_text(json.dumps(nb, indent=1))
    return proc / "index.ipynb"


def build(render: bool = True) -> Path:
    "Process the notebooks into _proc/ and make the report its home page; render it with Quarto if `render`."
    os.chdir(ROOT)  # nbdev reads settings.ini from here
    refresh_quarto_yml()  # nbs/nbdev.yml from settings.ini; nbs/_quarto.yml is ours and stays
    nbdev_sidebar.__wrapped__()  # nbs/sidebar.yml: every notebook
    proc = proc_nbs(
        force=True
    )  # _proc/: signatures and docments tables (nbdev's show_doc), examples
    report_home(proc)
    if render and not shutil.which("quarto"):
        sys.exit(
            f"error: processed the notebooks into {proc}, but Quarto is not installed to render them: install it "
            "(https://quarto.org/docs/get-started/), or run `python tools/docs.py --no-render` to process only"
        )
    if render:
        subprocess.run(["quarto", "render", str(proc), "--no-cache"], check=True)
    return proc


if __name__ == "__main__":
    print(f"processed into {build(render='--no-render' not in sys.argv)}")
