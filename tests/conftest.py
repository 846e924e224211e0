import os
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

def real_data_dir() -> Path | None:
    "The real IMDB: `$IMDB_RNN_DATA`, else `../shared/data` beside the clone; None when neither holds aclImdb."
    from imdb_rnn.data import find_aclimdb
    d = Path(os.environ.get("IMDB_RNN_DATA") or ROOT.parent/"shared"/"data")
    return d if d.exists() and find_aclimdb(d) else None

@pytest.fixture(scope="session")
def imdb_dir():
    d = real_data_dir()
    if d is None:
        pytest.skip("real IMDB data not found: set IMDB_RNN_DATA to a folder holding aclImdb/ or aclImdb_v1*.tar.gz "
                    "(in this workplace ../shared/data)")
    return d

@pytest.fixture(autouse=True, scope="session")
def fresh_cache(tmp_path_factory):
    "Tests never read or write the user's cache."
    os.environ["IMDB_RNN_CACHE"] = str(tmp_path_factory.mktemp("cache"))
