"""Tests of the gazetteer: the validating loader on tiny files, and look-ups on the shipped knowledge base."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.lexicons.gazetteer import Gazetteer, KBPosition, date_bounds, load_gazetteer

# ---------------------------------------------------------------------------------------------------
# Tiny knowledge bases written to a temp folder: every validation error, with its path:line.
# ---------------------------------------------------------------------------------------------------

ROLES: dict[str, str | None] = {
    "official": None,
    "head_of_state": "official",
    "president": "head_of_state",
    "minister": "official",
    "foreign_minister": "minister",
}
ACTORS_HEADER = "id\ttype\tkind\tparent\twikidata\tdied\ten\tfa\tar"
ALIASES_HEADER = "actor\tlang\talias\tkind"
POSITIONS_HEADER = "holder\trole\tof\tstart\tend\tacting\tnote"
BASE_ACTORS = [
    "iran\tcountry\tstate\t\tQ794\t\tIran\tایران\tإيران",
    "tehran\tplace\tcapital\tiran\t\t\tTehran\tتهران\tطهران",
    "hamas\torganization\tmovement\t\t\t\tHamas\tحماس\tحماس",
    "zarif\tperson\t\tiran\t\t\tJavad Zarif\tجواد ظریف\tجواد ظريف",
    "raisi\tperson\t\tiran\t\t2024-05-19\tEbrahim Raisi\tابراهیم رئیسی\tإبراهيم رئيسي",
]
BASE_ALIASES = ["zarif\tfa\tظریف\tshort", "iran\tar\tالإيراني\tadjective"]
BASE_POSITIONS = [
    "zarif\tforeign_minister\tiran\t2013-08-15\t2021-08-25\t0\tforeign minister",
    "raisi\tpresident\tiran\t2021-08-03\t2024-05-19\t0\tpresident",
]


@dataclass(frozen=True)
class Case:
    """One broken tiny knowledge base: a line added to one file, and the error it must raise there."""

    file: str  # "actors" | "aliases" | "positions"
    lines: tuple[str, ...]
    problem: str  # a substring of the message
    back: int = 0  # the error is on the last line of the file minus `back`


def write_kb(directory: Path, actors: list[str], aliases: list[str], positions: list[str],
             actors_header: str = ACTORS_HEADER) -> dict[str, Path]:
    """Write the three files, each with a comment line first (line numbers must still be right)."""
    paths = {}
    for name, header, rows in (("actors", actors_header, actors), ("aliases", ALIASES_HEADER, aliases),
                               ("positions", POSITIONS_HEADER, positions)):
        path = directory / f"{name}.tsv"
        path.write_text("\n".join([f"# tiny {name}", header, *rows]) + "\n", encoding="utf-8")
        paths[name] = path
    return paths


def test_gazetteer_tiny_valid_files_load(tmp_path: Path) -> None:
    write_kb(tmp_path, BASE_ACTORS, BASE_ALIASES, BASE_POSITIONS)
    kb = load_gazetteer(tmp_path, ROLES)
    assert set(kb.actors) == {"iran", "tehran", "hamas", "zarif", "raisi"}
    assert [p.holder for p in kb.holders("minister", "iran", "2015-01-01")] == ["zarif"]
    assert kb.holders("minister", "iran", "2015-01-01", include_narrower=False) == []
    assert kb.country_of("tehran") == "iran"


def test_gazetteer_tiny_plain_role_set_has_no_hierarchy(tmp_path: Path) -> None:
    write_kb(tmp_path, BASE_ACTORS, BASE_ALIASES, BASE_POSITIONS)
    kb = load_gazetteer(tmp_path, {"foreign_minister", "president"})
    assert [p.holder for p in kb.holders("foreign_minister", "iran", "2015-01-01")] == ["zarif"]
    assert kb.broader_roles("president") == ["president"]


CASES = {
    # actors.tsv
    "actors-unknown-type": Case("actors", ("x\tpeople\t\t\t\t\tX\t\t",), "type 'people' is not one of"),
    "actors-duplicate-id": Case("actors", ("iran\tcountry\t\t\t\t\tIran again\t\t",), "duplicate id 'iran'"),
    "actors-id-not-snake-case": Case("actors", ("Hamas_Movement\torganization\t\t\t\t\tH\t\t",),
                                     "is not snake_case ASCII"),
    "actors-id-not-ascii": Case("actors", ("café\tplace\t\t\t\t\tCafe\t\t",), "is not snake_case ASCII"),
    "actors-unknown-parent": Case("actors", ("qom\tplace\tcity\tpersia\t\t\tQom\t\t",),
                                  "parent 'persia' is not an actor id"),
    "actors-parent-loop": Case("actors", ("a\torganization\t\tb\t\t\tA\t\t",
                                          "b\torganization\t\ta\t\t\tB\t\t"), "loops back", back=1),
    "actors-wikidata-not-Q-digits": Case("actors", ("qom\tplace\t\t\t794\t\tQom\t\t",),
                                         "wikidata '794' does not match"),
    "actors-died-malformed": Case("actors", ("p\tperson\t\t\t\t19 May 2024\tP\tپ\tب",),
                                  "died: malformed date"),
    "actors-died-impossible": Case("actors", ("p\tperson\t\t\t\t2024-02-30\tP\tپ\tب",),
                                   "died: impossible date"),
    "actors-died-on-a-country": Case("actors", ("x\tcountry\t\t\t\t1991\tUSSR\t\t",),
                                     "died is only for persons"),
    "actors-person-without-ar-label": Case("actors", ("p\tperson\t\t\t\t\tP\tپ\t",), "has no ar label"),
    "actors-person-without-fa-label": Case("actors", ("p\tperson\t\t\t\t\tP\t\tب",), "has no fa label"),
    "actors-empty-en-label": Case("actors", ("p\tperson\t\t\t\t\t\tپ\tب",), "empty 'en'"),
    # aliases.tsv
    "aliases-unknown-actor": Case("aliases", ("nobody\tfa\tهیچ\tname",), "actor 'nobody' is not an actor id"),
    "aliases-lang-not-fa-ar-en": Case("aliases", ("zarif\ttr\tZarif\tname",),
                                      "lang 'tr' is not one of ar, en, fa"),
    "aliases-kind-not-allowed": Case("aliases", ("zarif\ten\tJZ\tnickname",),
                                     "kind 'nickname' is not one of"),
    "aliases-same-folded-alias-twice (ظريف = ظریف)": Case("aliases", ("zarif\tfa\tظريف\tshort",), "repeats"),
    "aliases-repeats-the-label (diacritics fold away)": Case("aliases", ("zarif\tfa\tجَواد ظریف\tname",),
                                                             "repeats"),
    "aliases-name-of-two-actors": Case("aliases", ("hamas\ten\tJavad Zarif\tname",),
                                       "is also a name of 'zarif'"),
    "aliases-empty-once-folded": Case("aliases", ("zarif\tfa\t\u064e\u064f\tshort",), "empty once folded"),
    # positions.tsv
    "positions-unknown-holder": Case("positions", ("nobody\tpresident\tiran\t2020\t\t0\t",),
                                     "holder 'nobody' is not an actor id"),
    "positions-holder-not-a-person": Case("positions", ("hamas\tpresident\tiran\t2020\t\t0\t",),
                                          "holder 'hamas' is not a person"),
    "positions-unknown-of": Case("positions", ("zarif\tpresident\tpersia\t2020\t\t0\t",),
                                 "of 'persia' is not an actor id"),
    "positions-of-a-place": Case("positions", ("zarif\tpresident\ttehran\t2020\t\t0\t",),
                                 "not an organization or country"),
    "positions-role-not-in-role-types": Case("positions", ("zarif\tvizier\tiran\t2020\t\t0\t",),
                                             "role 'vizier' is not in role_types.tsv"),
    "positions-start-malformed": Case("positions", ("zarif\tpresident\tiran\t2013/08/15\t\t0\t",),
                                      "start: malformed date"),
    "positions-end-impossible": Case("positions", ("zarif\tpresident\tiran\t2021\t2021-02-30\t0\t",),
                                     "end: impossible date"),
    "positions-start-after-end": Case("positions", ("zarif\tpresident\tiran\t2021-09\t2021-08-31\t0\t",),
                                      "start 2021-09 is after end 2021-08-31"),
    "positions-acting-not-0-or-1": Case("positions", ("zarif\tpresident\tiran\t2020\t\tyes\t",),
                                        "acting 'yes' is not one of 0, 1"),
    "positions-open-but-holder-died": Case("positions", ("raisi\tpresident\tiran\t2021-08-03\t\t0\t",),
                                           "open-ended post, but 'raisi' died on 2024-05-19"),
    "positions-end-after-death": Case("positions", ("raisi\tpresident\tiran\t2021-08-03\t2024-06\t0\t",),
                                      "end 2024-06 is after 'raisi' died"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_gazetteer_rejects_bad_row_with_path_and_line(tmp_path: Path, case: Case) -> None:
    files = {"actors": list(BASE_ACTORS), "aliases": list(BASE_ALIASES), "positions": list(BASE_POSITIONS)}
    files[case.file].extend(case.lines)
    paths = write_kb(tmp_path, files["actors"], files["aliases"], files["positions"])
    expected_line = 2 + len(files[case.file]) - case.back  # comment + header + rows
    with pytest.raises(LexiconError) as caught:
        load_gazetteer(tmp_path, ROLES)
    error = caught.value
    assert case.problem in error.problem
    assert (error.path, error.line) == (str(paths[case.file]), expected_line)
    assert str(error).startswith(f"{paths[case.file]}:{expected_line}: ")


def test_gazetteer_rejects_missing_column(tmp_path: Path) -> None:
    header = ACTORS_HEADER.replace("\tdied", "")
    rows = [row for row in BASE_ACTORS if "\tperson\t" not in row]
    rows = ["\t".join(cell for i, cell in enumerate(row.split("\t")) if i != 5) for row in rows]
    write_kb(tmp_path, rows, [], [], actors_header=header)
    with pytest.raises(LexiconError, match=r"actors\.tsv:2: missing column\(s\) died"):
        load_gazetteer(tmp_path, ROLES)


# ---------------------------------------------------------------------------------------------------
# KBPosition.covers and partial dates
# ---------------------------------------------------------------------------------------------------

COVERS = {
    "month-start-first-day": ("2021-09", "2024-05", "2021-09-01", True),
    "month-start-day-before": ("2021-09", "2024-05", "2021-08-31", False),
    "month-end-last-day": ("2021-09", "2024-05", "2024-05-31", True),
    "month-end-day-after": ("2021-09", "2024-05", "2024-06-01", False),
    "year-bounds-last-day": ("2024", "2024", "2024-12-31", True),
    "year-bounds-next-year": ("2024", "2024", "2025-01-01", False),
    "day-bounds-same-day": ("2024-05-20", "2024-08-21", "2024-08-21", True),
    "day-bounds-day-after": ("2024-05-20", "2024-08-21", "2024-08-22", False),
    "open-end": ("2024-08-21", None, "2030-01-01", True),
    "open-start": (None, "2024-10-16", "1990-01-01", True),
    "open-both": (None, None, "2000-02-29", True),
}


@pytest.mark.parametrize(("start", "end", "on", "expected"), COVERS.values(), ids=COVERS.keys())
def test_position_covers_reads_partial_dates_leniently(start: str | None, end: str | None, on: str,
                                                       expected: bool) -> None:
    position = KBPosition("x", "president", "iran", start, end, False, "")
    assert position.covers(on) is expected


def test_position_covers_wants_a_full_iso_date() -> None:
    with pytest.raises(ValueError):
        KBPosition("x", "president", "iran", "2020", None, False, "").covers("20 June 2024")


def test_date_bounds_of_a_leap_february() -> None:
    assert date_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_bounds("2023-02") == (date(2023, 2, 1), date(2023, 2, 28))


# ---------------------------------------------------------------------------------------------------
# The shipped knowledge base
# ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_real_files_load_quickly() -> None:
    started = time.perf_counter()
    load_gazetteer()
    assert time.perf_counter() - started < 1.0


def test_gazetteer_real_files_are_big_enough(kb: Gazetteer) -> None:
    persons = [a for a in kb.actors.values() if a.type == "person"]
    with_posts = {p.holder for p in kb.positions}
    assert len(kb.actors) >= 220
    assert len(persons) >= 150
    assert len([a for a in persons if a.id in with_posts]) >= 120
    assert all(a.labels.get("fa") and a.labels.get("ar") for a in persons)
    assert {a.type for a in kb.actors.values()} == {"person", "organization", "country", "place"}


HOLDERS = [  # (role, of, on, holder, acting): the one holder of a single-holder post on that day
    ("foreign_minister", "iran", "2024-06-20", "ali_bagheri_kani", True),
    ("foreign_minister", "iran", "2023-12-08", "hossein_amir_abdollahian", False),
    ("foreign_minister", "iran", "2024-05-19", "hossein_amir_abdollahian", False),
    ("foreign_minister", "iran", "2024-10-01", "abbas_araghchi", False),
    ("foreign_minister", "iran", "2017-01-01", "mohammad_javad_zarif", False),
    ("president", "iran", "2024-06-20", "mohammad_mokhber", True),
    ("president", "iran", "2023-12-07", "ebrahim_raisi", False),
    ("president", "iran", "2024-09-01", "masoud_pezeshkian", False),
    ("national_security_secretary", "iran", "2024-01-01", "ali_akbar_ahmadian", False),
    ("foreign_ministry_spokesperson", "iran", "2023-10-09", "nasser_kanaani", False),
    ("head_of_political_bureau", "hamas", "2024-06-20", "ismail_haniyeh", False),
    ("head_of_political_bureau", "hamas", "2024-09-01", "yahya_sinwar", False),
    ("head_of_political_bureau", "hamas", "2016-01-01", "khaled_mashal", False),
    ("secretary_general", "hezbollah", "2024-09-01", "hassan_nasrallah", False),
    ("secretary_general", "hezbollah", "2024-11-15", "naim_qassem", False),
    ("secretary_general", "pij", "2023-11-01", "ziyad_al_nakhalah", False),
    ("foreign_minister", "russia", "2023-12-07", "sergey_lavrov", False),
    ("secretary_general", "united_nations", "2023-12-08", "antonio_guterres", False),
    ("president", "united_states", "2024-06-20", "joe_biden", False),
    ("prime_minister", "qatar", "2024-06-20", "mohammed_bin_abdulrahman_al_thani", False),
]


@pytest.mark.parametrize(("role", "of", "on", "holder", "acting"), HOLDERS,
                         ids=[f"{of}-{role}-{on}-{holder}{'-acting' if acting else ''}"
                              for role, of, on, holder, acting in HOLDERS])
def test_gazetteer_holders_on_a_date(kb: Gazetteer, role: str, of: str, on: str, holder: str,
                                     acting: bool) -> None:
    found = kb.holders(role, of, on)
    assert [(p.holder, p.acting) for p in found] == [(holder, acting)]


def test_gazetteer_holders_nobody_after_sinwar(kb: Gazetteer) -> None:
    """After Sinwar's death Hamas was led by a council: no head of the political bureau is recorded."""
    assert kb.holders("head_of_political_bureau", "hamas", "2024-12-01") == []


def test_gazetteer_holders_include_narrower_roles(kb: Gazetteer) -> None:
    heads = {p.holder for p in kb.holders("head_of_state", "iran", "2024-06-20")}
    assert heads == {"ali_khamenei", "mohammad_mokhber"}
    assert kb.holders("head_of_state", "iran", "2024-06-20", include_narrower=False) == []
    ministers = {p.holder for p in kb.holders("minister", "iran", "2023-12-08")}
    assert "hossein_amir_abdollahian" in ministers
    members = {p.holder for p in kb.holders("member", "hamas", "2024-06-20")}
    assert {"ismail_haniyeh", "mousa_abu_marzouk", "osama_hamdan"} <= members


def test_gazetteer_holders_rejects_unknown_role_and_actor(kb: Gazetteer) -> None:
    with pytest.raises(KeyError):
        kb.holders("vizier", "iran", "2024-06-20")
    with pytest.raises(KeyError):
        kb.holders("president", "persia", "2024-06-20")


def test_gazetteer_positions_of_with_and_without_date(kb: Gazetteer) -> None:
    roles = [(p.role, p.acting) for p in kb.positions_of("ali_bagheri_kani")]
    assert ("foreign_minister", True) in roles and ("deputy_foreign_minister", False) in roles
    assert [p.role for p in kb.positions_of("ali_bagheri_kani", on="2022-01-01")] == [
        "deputy_foreign_minister"]
    assert [p.role for p in kb.positions_of("ali_bagheri_kani", on="2024-06-20")] == ["foreign_minister"]
    assert kb.positions_of("tehran") == []


def test_gazetteer_deaths_match_the_end_of_posts(kb: Gazetteer) -> None:
    """Raisi and Amir-Abdollahian died in the same crash; Haniyeh was killed on 31 July 2024."""
    assert kb.actors["ebrahim_raisi"].died == kb.actors["hossein_amir_abdollahian"].died == "2024-05-19"
    assert kb.positions_of("ismail_haniyeh", on="2024-07-31")
    assert kb.positions_of("ismail_haniyeh", on="2024-08-01") == []


def test_gazetteer_aliases_of_include_labels_as_names(kb: Gazetteer) -> None:
    aliases = {(a.lang, a.alias, a.kind) for a in kb.aliases_of("ismail_haniyeh")}
    assert ("fa", "اسماعیل هنیه", "name") in aliases
    assert ("ar", "إسماعيل هنية", "name") in aliases
    assert ("fa", "هنیه", "short") in aliases
    with pytest.raises(KeyError):
        kb.aliases_of("nobody")


LOOKUPS = {
    "ar-spelling-of-haniyeh (هنية)": ("هنية", "ismail_haniyeh", "short"),
    "compound-without-space (امیرعبداللهیان)": ("امیرعبداللهیان", "hossein_amir_abdollahian", "short"),
    "compound-with-space (امیر عبداللهیان)": ("امیر عبداللهیان", "hossein_amir_abdollahian", "short"),
    "arabic-split-name (أمير عبد اللهيان)": ("حسين أمير عبد اللهيان", "hossein_amir_abdollahian", "name"),
    "zwnj-dropped (خامنهای)": ("آیتالله خامنهای", "ali_khamenei", "name"),
    "zwnj-kept (خامنه‌ای)": ("آیت\u200cالله خامنه\u200cای", "ali_khamenei", "name"),
    "kunya (ابومرزوق)": ("موسی ابومرزوق", "mousa_abu_marzouk", "name"),
    "honorific (سید حسن نصرالله)": ("سید حسن نصرالله", "hassan_nasrallah", "name"),
    "descriptor-of-israel (رژیم صهیونیستی)": ("رژیم صهیونیستی", "israel", "name"),
    "descriptor-of-israel (الكيان الصهيوني)": ("الكيان الصهيوني", "israel", "name"),
    "nisba (الإيرانية)": ("الإيرانية", "iran", "adjective"),
    "persian-demonym (روسی)": ("روسی", "russia", "adjective"),
    "news-agency (مرکز اطلاع رسانی فلسطین)": ("مرکز اطلاع رسانی فلسطین", "palestinian_information_center",
                                               "name"),
}


@pytest.mark.parametrize(("text", "actor", "kind"), LOOKUPS.values(), ids=LOOKUPS.keys())
def test_gazetteer_lookup_finds_variant_spellings(kb: Gazetteer, text: str, actor: str, kind: str) -> None:
    assert (actor, kind) in {(a.actor, a.kind) for a in kb.lookup(text)}


def test_gazetteer_shared_surname_is_short_for_both(kb: Gazetteer) -> None:
    """«باقری» is Ali Bagheri Kani or Mohammad Bagheri: only context can tell."""
    found = {(a.actor, a.kind) for a in kb.lookup("باقری")}
    assert found == {("ali_bagheri_kani", "short"), ("mohammad_bagheri", "short")}


def test_gazetteer_our_country_is_not_an_alias(kb: Gazetteer) -> None:
    """«کشورمان» (our country) depends on the publisher, so it must never resolve by itself."""
    assert kb.lookup("کشورمان") == []


def test_gazetteer_country_of_follows_parents(kb: Gazetteer) -> None:
    assert kb.country_of("iran") == "iran"
    assert kb.country_of("tehran") == "iran"
    assert kb.country_of("quds_force") == "iran"  # quds_force -> irgc -> iran
    assert kb.country_of("ismail_haniyeh") == "palestine"
    assert kb.country_of("hamas_political_bureau") == "palestine"
    assert kb.country_of("al_jazeera") == "qatar"
    assert kb.country_of("united_nations") is None
