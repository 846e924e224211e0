"The repository's own contracts: the README is generated from nbs/index.ipynb, and no data is tracked."
import subprocess, sys
from conftest import ROOT

def test_readme_is_generated_from_index():
    out = subprocess.run([sys.executable, "tools/readme.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr

def test_no_data_is_tracked():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [f for f in files if "aclImdb" in f or f.endswith((".tar.gz", ".npz", ".keras"))]
