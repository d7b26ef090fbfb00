"""The near-duplicate index against datasketch's own MinHashLSH: the same candidates, links,
groups and similarities on generated near-duplicate texts, whether the index holds its keys
and signatures in memory or has merged them into arrays and spilled them to disk."""
from __future__ import annotations

import json

import pytest
from datasketch import MinHashLSH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.analysis.near_duplicates import PERMUTATIONS, THRESHOLD, NearDuplicateIndex, signature

WORDS = ("مصادر محلية أفادت بأن مركزا تابعا للقوات الإيرانية في مدينة الميادين سجل أسماء عشرات الشبان "
         "الراغبين بالانضمام مقابل راتب شهري قدره دولار وسلة غذائية وزعت الروسية سلالا على مئات العائلات "
         "ريف حماة الشمالي الغربي بحضور ضباط مركز المصالحة قالت إن التوزيع سيستمر القرى القريبة").split()


BANDS = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)  # datasketch's bands for the threshold


def reference_links(texts: list[str]) -> list[tuple[int, float] | None]:
    """For each text, (number of the earlier text it repeats, similarity) or None, by datasketch
    alone: MinHashLSH's candidates, MinHash.jaccard, the most similar first (the earliest on a tie)."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS, params=(BANDS.b, BANDS.r))
    signatures, links = [], []
    for number, text in enumerate(texts):
        minhash = signature(text)
        best = None
        for candidate in sorted(lsh.query(minhash)):
            similarity = signatures[candidate].jaccard(minhash)
            if similarity >= THRESHOLD and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        links.append(best)
        lsh.insert(number, minhash)
        signatures.append(minhash)
    return links


def reference_groups(links) -> list[int]:
    groups: list[int] = []
    for number, link in enumerate(links):
        groups.append(number if link is None else groups[link[0]])
    return groups


@st.composite
def near_duplicate_texts(draw) -> list[str]:
    """Texts, many of them an earlier one with a few words replaced, dropped or added."""
    texts: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        if texts and draw(st.booleans()):
            words = draw(st.sampled_from(texts)).split()
            for _ in range(draw(st.integers(0, 5))):
                where = draw(st.integers(0, len(words)))
                edit = draw(st.sampled_from(["replace", "drop", "add"]))
                if edit == "add" or not words:
                    words.insert(where, draw(st.sampled_from(WORDS)))
                elif edit == "drop" and len(words) > 1:
                    del words[min(where, len(words) - 1)]
                else:
                    words[min(where, len(words) - 1)] = draw(st.sampled_from(WORDS))
            texts.append(" ".join(words))
        else:
            texts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))))
    return texts


SMALL = {"recent_keys": 7, "signatures_in_memory": 3}   # merges and spills after a few reports


@pytest.mark.parametrize("sizes", [{}, SMALL], ids=["in memory", "merged and spilled"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=near_duplicate_texts())
def test_links_groups_and_similarities_are_datasketchs(sizes, texts):
    links = reference_links(texts)
    index = NearDuplicateIndex(**sizes)
    ids = [f"r{number}" for number in range(len(texts))]
    found = [index.add(report_id, text) for report_id, text in zip(ids, texts)]
    assert found == [None if link is None else ids[link[0]] for link in links]
    assert dict(index.similar_to) == {ids[n]: (ids[link[0]], link[1]) for n, link in enumerate(links) if link}
    assert dict(index.group_of) == {ids[n]: ids[group] for n, group in enumerate(reference_groups(links))}
    assert index.groups() == dict(index.group_of)
    index.close()


@pytest.mark.parametrize("sizes", [{}, SMALL], ids=["in memory", "merged and spilled"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=near_duplicate_texts(), cuts=st.lists(st.floats(0, 1), min_size=1, max_size=3))
def test_an_index_saved_and_loaded_between_runs_links_as_one_fed_every_report(tmp_path_factory, sizes, texts, cuts):
    """The archive's re-run: the index of the reports so far is saved, the next run loads it and
    adds only its new reports (once or several times over), and every link, group and similarity
    is the one an index fed every report in one go gives (datasketch's)."""
    links = reference_links(texts)
    ids = [f"r{number}" for number in range(len(texts))]
    expected = [None if link is None else (ids[link[0]], link[1]) for link in links]
    folder = tmp_path_factory.mktemp("near")
    ends = sorted({round(cut * len(texts)) for cut in cuts} | {len(texts)})
    index, start = NearDuplicateIndex(**sizes), 0
    for end in ends:
        for number in range(start, end):
            earlier = index.add(ids[number], texts[number])
            assert earlier == (expected[number] or (None,))[0]
        index.save(folder)
        index.close()
        index = NearDuplicateIndex.load(folder, **sizes)
        assert len(index) == end
        assert [index.link_of(number) for number in range(end)] == [link or (None, None) for link in expected[:end]]
        start = end
    assert dict(index.group_of) == {ids[n]: ids[group] for n, group in enumerate(reference_groups(links))}
    assert (folder / "signatures.u32").stat().st_size == len(texts) * PERMUTATIONS * 4
    index.close()


def test_no_index_is_loaded_from_a_folder_without_one_or_for_another_threshold(tmp_path):
    assert NearDuplicateIndex.load(tmp_path) is None
    index = NearDuplicateIndex()
    index.add("a", " ".join(WORDS[:20]))
    index.save(tmp_path)
    assert NearDuplicateIndex.load(tmp_path, threshold=0.8) is None
    assert len(NearDuplicateIndex.load(tmp_path)) == 1


def test_the_bands_known_without_datasketch_are_datasketchs():
    from helpers.analysis.near_duplicates import KNOWN_BANDS, _band_ranges

    for (threshold, permutations), _ in KNOWN_BANDS.items():
        assert _band_ranges(threshold) == list(MinHashLSH(threshold=threshold, num_perm=permutations).hashranges)


def test_a_report_added_again_is_not_indexed_twice_and_links_to_its_first_copy():
    text = " ".join(WORDS[:20])
    index = NearDuplicateIndex(**SMALL)
    assert index.add("a", text) is None
    assert index.add("b", " ".join(WORDS[30:])) is None
    assert index.add("a", text) == "a"                 # the same id again: its own first copy
    assert len(index) == 2 and index.similar_to["a"] == ("a", 1.0)
    assert index.add("c", text) == "a" and index.group_of["c"] == "a"
    assert "d" not in index.group_of and index.similar_to.get("b") is None


def test_the_store_links_generated_republications_as_datasketch_does(tmp_path):
    """`helpers extract --format parquet`: the reports table's near_duplicate_of and similarity."""
    import random

    from helpers import extract_cli
    from helpers.store.parquet import read_table

    rng = random.Random(11)
    texts: list[str] = []
    for _ in range(60):
        if texts and rng.random() < 0.5:
            words = rng.choice(texts).split()
            for _ in range(rng.randint(0, 8)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            texts.append(" ".join(words))
        else:
            texts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))))
    title = "تقرير"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{k:02d}", "date": "2021-06-01", "title": title, "text": text},
                                         ensure_ascii=False) + "\n" for k, text in enumerate(texts)),
                      encoding="utf-8")
    assert extract_cli.main([str(corpus), "--format", "parquet", "--out", str(tmp_path / "store"),
                             "--workers", "1"]) == 0
    reports = read_table(tmp_path / "store", "reports", columns=["id", "near_duplicate_of", "similarity"])
    links = reference_links([f"{title}\n\n{text}" for text in texts])
    expected = [(None, None) if link is None else (f"n{link[0]:02d}", link[1]) for link in links]
    got = [(None if not isinstance(e, str) else e, None if s != s or s is None else s)
           for e, s in zip(reports["near_duplicate_of"], reports["similarity"])]
    assert list(reports["id"]) == [f"n{k:02d}" for k in range(60)]
    assert got == expected
    assert sum(link is not None for link in links) >= 10   # the corpus does have republications
