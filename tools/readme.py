"""Write README.md from nbs/index.ipynb without Quarto: what `nbdev_readme` does, minus the Quarto render.

Hidden cells and nbdev directives are dropped; the `# Title` and `> description` become the README's head.
    python tools/readme.py          # write README.md
    python tools/readme.py --check  # exit 1 if README.md is out of date
"""

import sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parents[1]


def render(nb_path=ROOT / "nbs" / "index.ipynb") -> str:
    nb = nbformat.read(nb_path, as_version=4)
    parts = []
    for cell in nb.cells:
        lines = cell.source.splitlines()
        if cell.cell_type == "code":
            if any(l.strip() in ("#| hide", "#|hide") for l in lines):
                continue
            body = "\n".join(l for l in lines if not l.startswith("#|")).strip()
            if body:
                parts.append(f"```python\n{body}\n```")
        elif cell.source.strip():
            parts.append(cell.source.strip())
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    text, readme = render(), ROOT / "README.md"
    if "--check" in sys.argv:
        if readme.read_text() != text:
            sys.exit("README.md is out of date: run `python tools/readme.py` (or nbdev_readme).")
    else:
        readme.write_text(text)
