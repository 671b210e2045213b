"""The month sieve: what a search learns about each raw month file, kept between letters.

The property that matters: the sieve never rules out a month that holds the
words (a search finds exactly what a plain scan of the records finds), and a
longer word after a shorter one reads no month file the shorter one ruled out.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from growth_tui.core import demo, timeline
from growth_tui.core.sieve import MonthSieve
from growth_tui.core.store import Store
from growth_tui.core.tags import has_tags, split_query


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


def months_possible(store: Store, words: list[str], *, any_of: bool = False) -> list[str]:
    return [p for p in store.partitions() if store.month_may_hold(p, words, any_of=any_of)]


def reads(store: Store) -> int:
    return sum(store.sieve.reads.values())


def scan(store: Store, query: str) -> list[str]:
    """The ids a search should find, worked out the slow way: every record of every month."""
    tags, rest = split_query(query)
    words = rest.casefold().split()
    found: list[str] = []
    if not words and not tags:
        return found  # nothing asked yet ("#" alone)
    for partition in reversed(store.partitions()):
        data = store.load(partition)
        month = []
        for table in ("wins", "journal", "checkins") if tags else ("wins", "journal"):
            for record in data.get(table, {}).values():
                haystack = timeline._haystack(record)
                if not record.get("deleted_at") and all(w in haystack for w in words) and has_tags(record, tags):
                    month.append(record)
        month.sort(key=lambda r: (r.get("at", ""), r.get("created_at", "")), reverse=True)
        found.extend(r["id"] for r in month)
    return found


def searched(store: Store, query: str) -> list[str]:
    return [hit.record["id"] for hits in timeline.search(store, query) for hit in hits]


def unparse(store: Store) -> None:
    """Let go of the parsed months (a parsed month is never sieved), keeping what the sieve learnt."""
    with store._cache_lock:
        store._cache.clear()


def three_months(store: Store) -> None:
    store.add_win("saw a zebra at the zoo", at=at(date(2026, 3, 10)))
    store.add_win("walked to the shop", at=at(date(2026, 4, 10)))
    store.add_win("a long walk with Sam", at=at(date(2026, 5, 10)))
    unparse(store)  # as a fresh app would find them: nothing parsed yet


def test_a_longer_word_reads_no_month_the_shorter_one_ruled_out(store: Store) -> None:
    three_months(store)
    assert months_possible(store, ["zeb"]) == ["2026-03"]
    read_once = reads(store)
    assert read_once == 3
    # "zebra" holds "zeb": April and May are ruled out without reading them;
    # March was possible, and its lowered text was kept.
    assert months_possible(store, ["zebra"]) == ["2026-03"]
    assert months_possible(store, ["zebras"]) == []
    assert reads(store) == read_once


def test_a_changed_file_is_read_again_and_found(store: Store) -> None:
    three_months(store)
    assert months_possible(store, ["heron"]) == []
    store.add_win("a heron by the canal", at=at(date(2026, 4, 11)))
    unparse(store)
    store.sieve.reads.clear()
    assert months_possible(store, ["heron"]) == ["2026-04"]
    assert store.sieve.reads == {"2026-04": 1}  # only the month whose file changed


def test_any_of_rules_out_only_months_holding_none(store: Store) -> None:
    three_months(store)
    assert months_possible(store, ["zebra", "sam"], any_of=True) == ["2026-03", "2026-05"]
    before = reads(store)
    assert months_possible(store, ["zebras", "sammy"], any_of=True) == []
    assert months_possible(store, ["zebra"]) == ["2026-03"]
    assert reads(store) == before


def test_letters_beyond_ascii_are_casefolded(store: Store) -> None:
    store.add_win("Straße nach Köln", at=at(date(2026, 3, 10)))
    store.add_win("plain words", at=at(date(2026, 4, 10)))
    unparse(store)
    assert months_possible(store, ["strasse"]) == ["2026-03"]
    assert months_possible(store, ["köln"]) == ["2026-03"]
    assert months_possible(store, ["kö"]) == ["2026-03"]


def test_warm_up_rules_out_a_first_letter_without_reading_again(store: Store) -> None:
    three_months(store)
    store.warm_sieve(store.partitions())
    assert reads(store) == 3
    assert months_possible(store, ["z"]) == ["2026-03"]  # only March holds a z anywhere in its file
    assert months_possible(store, ["zoo"]) == ["2026-03"]
    assert reads(store) == 4  # March again (it may hold it), the others never


def test_the_lowered_text_kept_stays_within_its_budget() -> None:
    sieve = MonthSieve(budget=2_500)
    texts = {f"2026-{m:02d}": (b"walk " * 200) for m in range(1, 6)}  # 1,000 bytes each
    for partition, raw in texts.items():
        assert sieve.may_hold(partition, (1, 1, 1), ["walk"], lambda raw=raw: raw)
        assert sieve.held <= 2_500
    assert sieve.held == 2_000  # the two used last
    sieve.release()
    assert sieve.held == 0


def test_a_file_with_escapes_or_sealed_is_never_ruled_out() -> None:
    sieve = MonthSieve()
    assert sieve.may_hold("2026-01", (1, 1, 1), ["zebra"], lambda: b'{"text": "caf\\u00e9"}')
    assert sieve.may_hold("2026-02", (1, 1, 1), ["zebra"], lambda: b"age-encryption.org/v1 ...")
    assert sieve.may_hold("2026-03", (1, 1, 1), ["zebra"], lambda: b"\xff\xfe not utf-8 \xe9")
    assert not sieve.may_hold("2026-04", (1, 1, 1), ["zebra"], lambda: b"plain")
    assert not sieve.may_hold("2026-04", (2, 2, 2), ["zebra"], lambda: b"plain")
    assert sieve.reads == {"2026-01": 1, "2026-02": 1, "2026-03": 1, "2026-04": 2}


def test_typing_word_after_word_finds_what_a_plain_scan_finds(store: Store) -> None:
    demo.generate(store, years=2, seed=5)
    unparse(store)
    texts = [str(r.get("text") or r.get("title") or "") for r in store.records("win")[:40]]
    words = sorted({w.casefold() for text in texts for w in text.split() if len(w) > 3})
    chooser = random.Random(5)
    targets = chooser.sample(words, 6) + ["zebra", "walkx"]
    for target in targets:
        for end in range(1, len(target) + 1):  # each letter as typed, the sieve learning as it goes
            query = target[:end]
            found = searched(store, query)
            assert found == scan(store, query), query
            unparse(store)
    assert reads(store) > 0  # the sieve did the looking


# ------------------------------------------------- a longer word after a search


def test_which_queries_narrow_which() -> None:
    assert timeline.narrows("wal", "walk")
    assert timeline.narrows("walk", "walk sam")
    assert timeline.narrows("walk sam", "sam walking")
    assert timeline.narrows("#wor", "#work tired")
    assert timeline.narrows("#wor tea", "#work tea")
    assert not timeline.narrows("walk", "wal")
    assert not timeline.narrows("walk sam", "walk")
    assert not timeline.narrows("walk", "#work walk")  # a tag finds check-ins too
    assert not timeline.narrows("#work", "#wor")


def run_search(store: Store, query: str, after: timeline.SearchRun | None) -> tuple[list[str], timeline.SearchRun]:
    run = timeline.SearchRun(query)
    return [hit.record["id"] for hits in timeline.search(store, query, after=after, run=run) for hit in hits], run


def test_a_narrowing_search_filters_the_months_gone_through(store: Store) -> None:
    demo.generate(store, years=2, seed=5)
    unparse(store)
    found, run = run_search(store, "walk", None)
    assert found == scan(store, "walk")
    unparse(store)
    store.parsed.clear()
    store.sieve.reads.clear()
    narrower, _ = run_search(store, "walked", run)
    assert narrower == scan(store, "walked") and narrower
    # The scan above parsed every month; the search itself read none.
    assert store.sieve.reads == {}
    assert set(store.parsed) == set(store.partitions())
    assert all(count == 1 for count in store.parsed.values())


def test_a_month_changed_since_is_read_afresh(store: Store) -> None:
    three_months(store)
    _found, run = run_search(store, "wal", None)
    store.add_win("walked by the sea", at=at(date(2026, 4, 12)))
    store.add_win("walked past the sea again", at=at(date(2026, 2, 12)))  # a month new since
    unparse(store)
    found, _ = run_search(store, "walked", run)
    assert found == scan(store, "walked")
    assert len(found) == 3


def test_typed_letter_by_letter_with_runs_finds_what_a_plain_scan_finds(store: Store) -> None:
    demo.generate(store, years=2, seed=9)
    unparse(store)
    texts = [str(r.get("text") or r.get("title") or "") for r in store.records("win")[:60]]
    words = sorted({w.casefold() for text in texts for w in text.split() if len(w) > 3})
    for target in [*random.Random(9).sample(words, 5), "#wor", "a walk", "zebra"]:
        run = None
        for end in range(1, len(target) + 1):
            query = target[:end]
            found, run = run_search(store, query, run)
            assert found == scan(store, query), query
        # Backspace: a shorter word is not narrowed from a longer one's run.
        found, _ = run_search(store, target[:1], run)
        assert found == scan(store, target[:1])
