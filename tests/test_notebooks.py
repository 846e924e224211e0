"The notebooks' own tests: `nbdev_test` on every chapter, each in a process of its own, writing only into the test session's temporary folder."

import os, subprocess
import pytest
from nbdev.doclinks import nbglob
from conftest import ROOT

# The notebooks nbdev_test would run (nbs/, recursively, not _ or . files), the largest (usually the longest) first.
NOTEBOOKS = sorted(
    (p.relative_to(ROOT).as_posix() for p in nbglob(str(ROOT / "nbs"), as_path=True)),
    key=lambda p: -(ROOT / p).stat().st_size,
)


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook(notebook):
    "A chapter's cells top to bottom, in a fresh process: no TensorFlow or Keras state from another notebook."
    r = subprocess.run(
        ["nbdev_test", "--path", notebook],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
