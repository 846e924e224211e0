"The data layer on the real 50,000 labeled reviews (skipped where they are absent)."

import numpy as np
import pytest
import tensorflow as tf
from imdb_rnn.data import load_imdb, dataset_stats
from imdb_rnn.vectorize import load_vectorized, standardize, make_dataset

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def official(imdb_dir):
    return load_imdb(data_dir=imdb_dir)


def test_official_split_sizes_and_balance(official):
    assert len(official.train) + len(official.val) == 25_000 and len(official.test) == 25_000
    assert [len(official.train), len(official.val)] == [20_000, 5_000]
    for s in official:
        assert s.labels.mean() == 0.5
    assert not any("<br" in t for s in official for t in s.texts)


def test_stats_describe_every_split(official):
    st = dataset_stats(official)
    assert st.reviews.tolist() == [20_000, 5_000, 25_000]
    assert 150 < st.loc["test", "words_p50"] < 250  # IMDB reviews: a median of about 170-180 words


def test_pooled_split_is_7_1_2(imdb_dir):
    s = load_imdb(data_dir=imdb_dir, split="pooled", seed=5)
    assert [len(x) for x in s] == [35_000, 5_000, 10_000]
    assert [x.labels.mean() for x in s] == [0.5, 0.5, 0.5]


def _words(texts) -> set[str]:
    return {
        w.decode() for w in tf.unique(tf.strings.split(standardize(texts)).flat_values)[0].numpy()
    }


def test_vectorized_vocabulary_comes_from_train_only(imdb_dir, official):
    v = load_vectorized(data_dir=imdb_dir, num_words=None, max_len=256)
    assert [e.x.shape for e in v.splits().values()] == [(20_000, 256), (5_000, 256), (25_000, 256)]
    vocab, train = set(v.vectorizer.vocab), _words(official.train.texts)
    test_only = _words(official.test.texts) - train
    assert len(test_only) > 1000 and vocab == train and not vocab & test_only
    assert (v.test.x == 1).any() and not (
        v.train.x == 1
    ).any()  # unknown ids occur in test, never in train


def test_cache_returns_the_same_data(imdb_dir):
    first = load_vectorized(data_dir=imdb_dir, num_words=20_000, max_len=128)
    again = load_vectorized(data_dir=imdb_dir, num_words=20_000, max_len=128)
    assert (
        first.vectorizer.vocab == again.vectorizer.vocab and first.vectorizer.vocab_size == 20_000
    )
    for a, b in zip(first.splits().values(), again.splits().values()):
        assert (a.x == b.x).all() and (a.y == b.y).all()


def test_bucketed_batches_cover_the_split(imdb_dir):
    v = load_vectorized(data_dir=imdb_dir, num_words=20_000, max_len=128)
    widths, n = [], 0
    for x, y in make_dataset(v.val, batch_size=256, bucket=True):
        widths.append(x.shape[1])
        n += len(y)
    assert n == 5_000 and min(widths) < 128 == max(widths)
