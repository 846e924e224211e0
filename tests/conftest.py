import os, shutil, tempfile
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    "Everything the tests write (tmp_path, the cache, subprocesses' temporary files) goes to one folder, removed at the end."
    config._imdb_rnn_tmp = root = Path(tempfile.mkdtemp(prefix="imdb_rnn_tests_"))
    config.option.basetemp = config.option.basetemp or str(
        root / "pytest"
    )  # a --basetemp given is kept
    (root / "tmp").mkdir()
    os.environ["TMPDIR"] = tempfile.tempdir = str(root / "tmp")
    os.environ["IMDB_RNN_CACHE"] = str(root / "cache")


def pytest_unconfigure(config):
    if tmp := getattr(config, "_imdb_rnn_tmp", None):
        shutil.rmtree(tmp, ignore_errors=True)


def real_data_dir() -> Path | None:
    "The real IMDB: `$IMDB_RNN_DATA`, else `../shared/data` beside the clone; None when neither holds aclImdb."
    from imdb_rnn.data import find_aclimdb

    d = Path(os.environ.get("IMDB_RNN_DATA") or ROOT.parent / "shared" / "data")
    return d if d.exists() and find_aclimdb(d) else None


@pytest.fixture(scope="session")
def imdb_dir():
    d = real_data_dir()
    if d is None:
        pytest.skip(
            "real IMDB data not found: set IMDB_RNN_DATA to a folder holding aclImdb/ or aclImdb_v1*.tar.gz "
            "(in this workplace ../shared/data)"
        )
    return d


def pytest_collection_modifyitems(items):
    "The long end-to-end tests first, so that the workers (`--numprocesses`) share out the short ones after them."
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
