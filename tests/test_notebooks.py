"The notebooks' own tests: `nbdev_test` on every chapter, writing only into the test session's temporary folder."
import os, subprocess
import pytest
from conftest import ROOT

@pytest.mark.slow
def test_every_notebook():
    "Each chapter's cells run top to bottom (`nbdev_test`, two workers), writing only into the session's folder."
    r = subprocess.run(["nbdev_test", "--n_workers", "2"], cwd=ROOT, capture_output=True, text=True, env=os.environ.copy())
    assert r.returncode == 0, (r.stdout + r.stderr)[-6000:]
