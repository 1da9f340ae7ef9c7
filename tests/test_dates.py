"""kg.extract.dates: dates in every calendar and month-name family, relative dates, the article's own date."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.extract.dates import DateMention, date_finder, find_dates, find_publication_date, resolve
from kg.lexicons.loader import Lexicons
from kg.text.normalize import fold_phrase

FRIDAY = datetime.date(2023, 12, 8)
THURSDAY = datetime.date(2023, 12, 7)
SATURDAY = datetime.date(2023, 12, 9)


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return Lexicons()


def only(text: str, language: str, lexicons: Lexicons) -> DateMention:
    mentions = find_dates(text, language, lexicons)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --- absolute dates: every calendar, month-name family, digit script, numeric form, precision -------


@pytest.mark.parametrize(("language", "text", "value", "calendar"), [
    pytest.param("fa", "۳۱ خرداد ۱۴۰۳", "2024-06-20", "jalali", id="fa-jalali-31-Khordad-1403"),
    pytest.param("fa", "۱ ارديبهشت ۱۴۰۳", "2024-04-20", "jalali", id="fa-jalali-1-Ordibehesht-Arabic-yeh"),
    pytest.param("fa", "۱۵ مهرماه ۱۴۰۲", "2023-10-07", "jalali", id="fa-jalali-15-Mehrmah-joined-mah"),
    pytest.param("fa", "۲۰ دی ماه سال ۱۴۰۲", "2024-01-10", "jalali", id="fa-jalali-20-Dey-mah-sal-1402"),
    pytest.param("fa", "۲۰ آذر ۱۴۰۲ ه.ش", "2023-12-11", "jalali", id="fa-jalali-Azar-with-era-marker-hsh"),
    pytest.param("fa", "۱۰ جدی ۱۴۰۲", "2023-12-31", "jalali", id="fa-afghan-10-Jadi-1402"),
    pytest.param("fa", "1 حمل 1403", "2024-03-20", "jalali", id="fa-afghan-1-Hamal-ascii-digits"),
    pytest.param("fa", "۷ اکتبر ۲۰۲۳", "2023-10-07", "gregorian", id="fa-gregorian-7-October-2023"),
    pytest.param("fa", "20-ژوئن-2024", "2024-06-20", "gregorian", id="fa-gregorian-20-June-dashes"),
    pytest.param("fa", "30/آوریل/2025", "2025-04-30", "gregorian", id="fa-gregorian-30-April-slashes"),
    pytest.param("fa", "۵ می ۲۰۲۴", "2024-05-05", "gregorian", id="fa-gregorian-5-May-mi"),
    pytest.param("fa", "۱۴ جولای ۲۰۲۳ میلادی", "2023-07-14", "gregorian", id="fa-gregorian-14-July-miladi"),
    pytest.param("fa", "۳ اکتوبر ۲۰۲۳", "2023-10-03", "gregorian", id="fa-gregorian-Dari-October"),
    pytest.param("fa", "۱۳ ذی‌الحجه ۱۴۴۵", "2024-06-19", "hijri", id="fa-hijri-13-Dhu-al-Hijja-1445"),
    pytest.param("fa", "۱ محرم ۱۴۴۶ ه.ق", "2024-07-07", "hijri", id="fa-hijri-1-Muharram-1446-hq"),
    pytest.param("ar", "7 ديسمبر 2023", "2023-12-07", "gregorian", id="ar-egyptian-7-December-2023"),
    pytest.param("ar", "٧ ديسمبر ٢٠٢٣", "2023-12-07", "gregorian", id="ar-egyptian-Arabic-Indic-digits"),
    pytest.param("ar", "5 يونيه 2023", "2023-06-05", "gregorian", id="ar-egyptian-5-June-yunyah"),
    pytest.param("ar", "7 من أكتوبر 2023", "2023-10-07", "gregorian", id="ar-7-of-October-2023"),
    pytest.param("ar", "15 شباط 2024", "2024-02-15", "gregorian", id="ar-levantine-15-February-Shubat"),
    pytest.param("ar", "3 آذار 2024", "2024-03-03", "gregorian", id="ar-levantine-Adhar-is-March"),
    pytest.param("ar", "5 تشرين الثاني 2023", "2023-11-05", "gregorian", id="ar-levantine-5-November"),
    pytest.param("ar", "3 جانفي 2024", "2024-01-03", "gregorian", id="ar-maghrebi-3-January-janvier"),
    pytest.param("ar", "4 جويلية 2023", "2023-07-04", "gregorian", id="ar-maghrebi-4-July-juillet"),
    pytest.param("ar", "12 أوت 2022", "2022-08-12", "gregorian", id="ar-maghrebi-12-August-aout"),
    pytest.param("ar", "25 جمادى الأولى 1445 هـ", "2023-12-09", "hijri", id="ar-hijri-25-Jumada-I-1445-AH"),
    pytest.param("ar", "الجمعة 8 ديسمبر 2023", "2023-12-08", "gregorian", id="ar-Friday-8-December-2023"),
    pytest.param("ar", "الثلاثاء، 5 ديسمبر 2023", "2023-12-05", "gregorian", id="ar-Tuesday-comma-date"),
    pytest.param("fa", "1403/03/31", "2024-06-20", "jalali", id="fa-numeric-year-first-Jalali"),
    pytest.param("fa", "31/03/1403", "2024-06-20", "jalali", id="fa-numeric-day-first-Jalali"),
    pytest.param("fa", "۱۴۰۳/۰۳/۳۱", "2024-06-20", "jalali", id="fa-numeric-Persian-digits"),
    pytest.param("fa", "1445/12/13 ه.ق", "2024-06-19", "hijri", id="fa-numeric-Hijri-by-era-marker"),
    pytest.param("ar", "2024-06-20", "2024-06-20", "gregorian", id="ar-numeric-ISO"),
    pytest.param("ar", "20/06/2024", "2024-06-20", "gregorian", id="ar-numeric-day-first"),
    pytest.param("ar", "1445/05/25 هـ", "2023-12-09", "hijri", id="ar-numeric-Hijri-AH"),
    pytest.param("ar", "الثاني من أيلول 2025", "2025-09-02", "gregorian", id="ar-ordinal-second-of-September"),
    pytest.param("ar", "الحادي والعشرين من آذار 2024", "2024-03-21", "gregorian", id="ar-ordinal-twenty-first"),
    pytest.param("ar", "الثلاثاء الثاني عشر من تشرين الأول 2021", "2021-10-12", "gregorian",
                 id="ar-weekday-and-ordinal-twelfth"),
    pytest.param("fa", "بیست و دوم بهمن ۱۴۰۳", "2025-02-10", "jalali", id="fa-ordinal-22-Bahman"),
    pytest.param("fa", "سی‌ام آبان ۱۴۰۲", "2023-11-21", "jalali", id="fa-ordinal-30-Aban-ZWNJ"),
    pytest.param("fa", "اول فروردین ۱۴۰۳", "2024-03-20", "jalali", id="fa-ordinal-first-Farvardin"),
])
def test_dates_absolute_day(language: str, text: str, value: str, calendar: str, lexicons: Lexicons) -> None:
    mention = only(text, language, lexicons)
    assert (mention.kind, mention.calendar, mention.precision) == ("absolute", calendar, "day")
    assert mention.value == value
    assert mention.text == text and (mention.start, mention.end) == (0, len(text))
    resolved = resolve(mention, None)
    assert resolved is not None and (resolved.value, resolved.precision) == (value, "day")


@pytest.mark.parametrize(("language", "text", "value", "precision"), [
    pytest.param("fa", "ژوئن ۲۰۲۴", "2024-06", "month", id="fa-month-June-2024"),
    pytest.param("ar", "ديسمبر/كانون الأول 2023", "2023-12", "month", id="ar-month-December-both-names"),
    pytest.param("fa", "خرداد ۱۴۰۳", "2024-06", "month", id="fa-month-Khordad-1403-its-15th-in-June"),
    pytest.param("fa", "سال ۲۰۲۳", "2023", "year", id="fa-year-sal-2023"),
    pytest.param("ar", "عام 2023", "2023", "year", id="ar-year-am-2023"),
    pytest.param("fa", "سال ۱۴۰۲", "2023", "year", id="fa-year-Jalali-1402-mostly-2023"),
])
def test_dates_absolute_month_and_year(language: str, text: str, value: str, precision: str,
                                       lexicons: Lexicons) -> None:
    mention = only(text, language, lexicons)
    assert (mention.value, mention.precision, mention.text) == (value, precision, text)


@pytest.mark.parametrize(("language", "text", "weekday"), [
    pytest.param("ar", "الجمعة 8 ديسمبر 2023", 4, id="ar-Friday-prefix"),
    pytest.param("fa", "روز شنبه ۱۵ مهرماه", 5, id="fa-ruz-Saturday-15-Mehr"),
    pytest.param("fa", "دوشنبه ۲۰ آذر ۱۴۰۲", 0, id="fa-Monday-20-Azar"),
])
def test_dates_weekday_printed_with_date(language: str, text: str, weekday: int, lexicons: Lexicons) -> None:
    assert only(text, language, lexicons).weekday == weekday


def test_dates_offsets_point_into_the_original_text(lexicons: Lexicons) -> None:
    text = "وذلك فی ٧ ديسمبرَ ٢٠٢٣ م، أي قبل يومين"  # a fatha inside the month name, era marker after
    mention = only(text, "ar", lexicons)
    assert mention.text == "٧ ديسمبرَ ٢٠٢٣ م" and text[mention.start:mention.end] == mention.text


# --- dates completed by the article's date -----------------------------------------------------------


@pytest.mark.parametrize(("language", "text", "anchor", "value"), [
    pytest.param("fa", "۱۵ مهرماه", FRIDAY, "2023-10-07", id="fa-15-Mehr-no-year-this-year"),
    pytest.param("fa", "۱۵ مهرماه", datetime.date(2023, 9, 1), "2022-10-07",
                 id="fa-15-Mehr-no-year-not-future"),
    pytest.param("fa", "۷ اکتبر", FRIDAY, "2023-10-07", id="fa-7-October-no-year"),
    pytest.param("fa", "۱۰ محرم", datetime.date(2024, 8, 1), "2024-07-16",
                 id="fa-Ashura-10-Muharram-no-year"),
    pytest.param("ar", "1 ديسمبر/ كانون الأول الجاري", FRIDAY, "2023-12-01",
                 id="ar-1-December-of-this-month"),
    pytest.param("ar", "5 الجاري", FRIDAY, "2023-12-05", id="ar-the-5th-of-this-month"),
    pytest.param("ar", "يوم الجمعة 1 ديسمبر الجاري", FRIDAY, "2023-12-01", id="ar-Friday-1-December-current"),
    pytest.param("ar", "ديسمبر الماضي", FRIDAY, "2022-12", id="ar-last-December-is-last-year"),
    pytest.param("ar", "يناير المقبل", FRIDAY, "2024-01", id="ar-next-January"),
    pytest.param("fa", "۱۵ مهر سال گذشته", FRIDAY, "2022-10-07", id="fa-15-Mehr-last-year"),
    pytest.param("ar", "الثاني من الشهر الجاري", FRIDAY, "2023-12-02", id="ar-ordinal-of-this-month"),
    pytest.param("fa", "هفدهم آذر", FRIDAY, "2023-12-08", id="fa-ordinal-day-without-year"),
])
def test_dates_completed_by_anchor(language: str, text: str, anchor: datetime.date, value: str,
                                   lexicons: Lexicons) -> None:
    mention = only(text, language, lexicons)
    assert mention.value is None and resolve(mention, None) is None
    resolved = resolve(mention, anchor)
    assert resolved is not None and resolved.value == value and resolved.anchor == anchor.isoformat()


@pytest.mark.parametrize(("language", "text", "anchor", "value"), [
    pytest.param("fa", "امروز", FRIDAY, "2023-12-08", id="fa-emruz-today"),
    pytest.param("fa", "دیروز", FRIDAY, "2023-12-07", id="fa-diruz-yesterday"),
    pytest.param("fa", "پریروز", FRIDAY, "2023-12-06", id="fa-pariruz-day-before-yesterday"),
    pytest.param("fa", "فردا", FRIDAY, "2023-12-09", id="fa-farda-tomorrow"),
    pytest.param("fa", "امشب", FRIDAY, "2023-12-08", id="fa-emshab-tonight"),
    pytest.param("fa", "شب گذشته", FRIDAY, "2023-12-07", id="fa-last-night"),
    pytest.param("fa", "دیشب", FRIDAY, "2023-12-07", id="fa-dishab-last-night"),
    pytest.param("fa", "بامداد امروز", FRIDAY, "2023-12-08", id="fa-early-this-morning"),
    pytest.param("fa", "صبح امروز", FRIDAY, "2023-12-08", id="fa-this-morning"),
    pytest.param("fa", "عصر دیروز", FRIDAY, "2023-12-07", id="fa-yesterday-afternoon"),
    pytest.param("fa", "روز گذشته", FRIDAY, "2023-12-07", id="fa-the-past-day"),
    pytest.param("fa", "امروز پنجشنبه", THURSDAY, "2023-12-07", id="fa-today-Thursday"),
    pytest.param("fa", "دیروز (پنجشنبه)", FRIDAY, "2023-12-07", id="fa-yesterday-Thursday-in-brackets"),
    pytest.param("ar", "اليوم", FRIDAY, "2023-12-08", id="ar-alyawm-today"),
    pytest.param("ar", "أمس", FRIDAY, "2023-12-07", id="ar-ams-yesterday"),
    pytest.param("ar", "البارحة", FRIDAY, "2023-12-07", id="ar-albariha-yesterday"),
    pytest.param("ar", "مساء أمس", FRIDAY, "2023-12-07", id="ar-yesterday-evening"),
    pytest.param("ar", "الليلة الماضية", FRIDAY, "2023-12-07", id="ar-last-night"),
    pytest.param("ar", "فجر اليوم", FRIDAY, "2023-12-08", id="ar-this-dawn"),
    pytest.param("ar", "غداً", FRIDAY, "2023-12-09", id="ar-ghadan-tomorrow"),
    pytest.param("ar", "أول أمس", FRIDAY, "2023-12-06", id="ar-day-before-yesterday"),
    pytest.param("ar", "أول من أمس", FRIDAY, "2023-12-06", id="ar-day-before-yesterday-with-min"),
    pytest.param("ar", "اليوم الجمعة", FRIDAY, "2023-12-08", id="ar-today-Friday"),
    pytest.param("ar", "أمس الخميس", FRIDAY, "2023-12-07", id="ar-yesterday-Thursday"),
    pytest.param("ar", "وأمس الخميس", FRIDAY, "2023-12-07", id="ar-wa-joined-yesterday-Thursday"),
    pytest.param("fa", "پنجشنبه گذشته", FRIDAY, "2023-12-07", id="fa-last-Thursday"),
    pytest.param("fa", "پنجشنبه گذشته", THURSDAY, "2023-11-30", id="fa-last-Thursday-said-on-Thursday"),
    pytest.param("ar", "الخميس الماضي", FRIDAY, "2023-12-07", id="ar-last-Thursday"),
    pytest.param("ar", "الخميس المقبل", FRIDAY, "2023-12-14", id="ar-next-Thursday"),
    pytest.param("fa", "روز پنجشنبه", FRIDAY, "2023-12-07", id="fa-on-Thursday"),
    pytest.param("ar", "يوم الخميس", SATURDAY, "2023-12-07", id="ar-on-Thursday"),
    pytest.param("fa", "یکشنبه", FRIDAY, "2023-12-03", id="fa-bare-Sunday-on-or-before"),
    pytest.param("ar", "الجمعة", FRIDAY, "2023-12-08", id="ar-bare-Friday-on-a-Friday-is-that-day"),
    pytest.param("fa", "سه‌شنبه", FRIDAY, "2023-12-05", id="fa-Tuesday-with-ZWNJ"),
    pytest.param("fa", "سه شنبه", FRIDAY, "2023-12-05", id="fa-Tuesday-with-space"),
    pytest.param("fa", "پنجشنبه هفته گذشته", FRIDAY, "2023-11-30", id="fa-Thursday-of-last-week"),
])
def test_dates_relative_with_anchor(language: str, text: str, anchor: datetime.date, value: str,
                                    lexicons: Lexicons) -> None:
    mention = only(text, language, lexicons)
    assert mention.kind in ("relative", "weekday") and mention.calendar == "relative"
    resolved = resolve(mention, anchor)
    assert resolved is not None
    assert (resolved.value, resolved.calendar, resolved.anchor) == (value, "relative", anchor.isoformat())


@pytest.mark.parametrize(("language", "text", "days", "weekday", "past"), [
    pytest.param("ar", "أمس الخميس", -1, 3, None, id="ar-yesterday-Thursday"),
    pytest.param("fa", "پنجشنبه گذشته", None, 3, True, id="fa-last-Thursday-past"),
    pytest.param("ar", "الخميس الماضي", None, 3, True, id="ar-last-Thursday-past"),
    pytest.param("ar", "الخميس القادم", None, 3, False, id="ar-coming-Thursday-not-past"),
    pytest.param("fa", "یکشنبه", None, 6, None, id="fa-bare-Sunday"),
])
def test_dates_relative_fields(language: str, text: str, days: int | None, weekday: int, past: bool | None,
                               lexicons: Lexicons) -> None:
    mention = only(text, language, lexicons)
    assert (mention.days, mention.weekday, mention.past, mention.value) == (days, weekday, past, None)


@pytest.mark.parametrize(("language", "text", "anchor"), [
    pytest.param("ar", "أمس الخميس", SATURDAY, id="ar-yesterday-Thursday-said-on-Saturday"),
    pytest.param("ar", "اليوم الجمعة", THURSDAY, id="ar-today-Friday-said-on-Thursday"),
    pytest.param("fa", "امروز پنجشنبه", FRIDAY, id="fa-today-Thursday-said-on-Friday"),
    pytest.param("fa", "یکشنبه ۱۵ مهرماه", FRIDAY, id="fa-Sunday-15-Mehr-was-a-Saturday"),
])
def test_dates_weekday_that_disagrees_resolves_to_none(language: str, text: str, anchor: datetime.date,
                                                       lexicons: Lexicons) -> None:
    assert resolve(only(text, language, lexicons), anchor) is None


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("fa", "هفته گذشته", id="fa-last-week"),
    pytest.param("ar", "الأسبوع الماضي", id="ar-last-week"),
    pytest.param("ar", "الشهر الماضي", id="ar-last-month"),
])
def test_dates_week_and_month_expressions_are_no_day(language: str, text: str, lexicons: Lexicons) -> None:
    mention = only(text, language, lexicons)
    assert mention.kind == "relative" and mention.precision in ("week", "month")
    assert resolve(mention, FRIDAY) is None


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("fa", "امروز", id="fa-today"),
    pytest.param("ar", "الخميس الماضي", id="ar-last-Thursday"),
    pytest.param("fa", "۱۵ مهرماه", id="fa-15-Mehr-no-year"),
])
def test_dates_without_anchor_relative_is_none(language: str, text: str, lexicons: Lexicons) -> None:
    assert resolve(only(text, language, lexicons), None) is None


# --- numbers and words that are not dates --------------------------------------------------------------


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("fa", "ساعت ۱۱:۰۵ و 7:00 صبح", id="fa-times"),
    pytest.param("fa", "کد خبر 6142565", id="fa-news-code"),
    pytest.param("ar", "استنادا إلى المادة 99 من الميثاق", id="ar-article-99"),
    pytest.param("fa", "ارسال ۴۵ فروند هواپیما", id="fa-count-45-aircraft"),
    pytest.param("fa", "در ۲۰۲۳ نفر", id="fa-bare-number-2023"),
    pytest.param("ar", "العنوان 192.168.1.10", id="ar-ip-address"),
    pytest.param("fa", "به میزان ۱۴۰۰ میلیارد ریال", id="fa-mizan-amount-not-Afghan-month"),
    pytest.param("fa", "تعداد به ۵ می‌رسد", id="fa-mi-verb-prefix-not-May"),
    pytest.param("fa", "امام جمعه تهران", id="fa-Friday-prayer-leader"),
    pytest.param("ar", "خطبة صلاة الجمعة", id="ar-Friday-prayer"),
    pytest.param("ar", "في اليوم التالي", id="ar-the-next-day-not-today"),
    pytest.param("ar", "منذ ذلك اليوم", id="ar-that-day-not-today"),
    pytest.param("fa", "امروزه و فردای آن روز", id="fa-nowadays-and-the-day-after"),
    pytest.param("fa", "مهرداد ۱۴۰۲", id="fa-name-Mehrdad-not-Mehr"),
])
def test_dates_not_dates(language: str, text: str, lexicons: Lexicons) -> None:
    assert find_dates(text, language, lexicons) == []


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("fa", "۳۰ اسفند ۱۴۰۲", id="fa-30-Esfand-1402-not-leap"),
    pytest.param("fa", "۳۱ مهر ۱۴۰۲", id="fa-31-Mehr-has-30-days"),
    pytest.param("ar", "30 فبراير 2024", id="ar-30-February"),
    pytest.param("ar", "29 فبراير 2023", id="ar-29-February-not-leap"),
    pytest.param("ar", "32 ديسمبر 2023", id="ar-32-December"),
    pytest.param("ar", "30 محرم 1445 هـ", id="ar-30-Muharram-1445-has-29-days"),
    pytest.param("ar", "1 محرم 1600 هـ", id="ar-Hijri-year-out-of-range"),
    pytest.param("fa", "1403/13/01", id="fa-numeric-month-13"),
    pytest.param("ar", "31/04/2024", id="ar-numeric-31-April"),
])
def test_dates_invalid_dates_are_skipped(language: str, text: str, lexicons: Lexicons) -> None:
    assert [m for m in find_dates(text, language, lexicons) if m.kind == "absolute"] == []


def test_dates_30_esfand_in_a_leap_year(lexicons: Lexicons) -> None:
    assert only("۳۰ اسفند ۱۴۰۳", "fa", lexicons).value == "2025-03-20"


def test_dates_no_year_date_that_does_not_exist_that_year_is_none(lexicons: Lexicons) -> None:
    mention = only("۳۰ اسفند", "fa", lexicons)  # last Esfand was 1402, which had 29 days
    assert resolve(mention, datetime.date(2024, 6, 1)) is None


_PIECES = ["۳۱", "31", "٣١", "0", "99", "1403", "2024", "1445", "/", "-", ".", ":", " ", "،", "\n",
           "خرداد", "ديسمبر", "محرم", "اسفند", "الجاري", "الماضي", "گذشته", "امروز", "أمس", "الخميس",
           "پنجشنبه", "سال", "عام", "هـ", "ه.ش", "م", "ماه", "من", "\u200c", "\u0640", "\u064e"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=12), language=st.sampled_from(["fa", "ar"]),
       anchor=st.dates(datetime.date(1930, 1, 1), datetime.date(2070, 12, 31)))
def test_dates_never_raise(pieces: list[str], language: str, anchor: datetime.date,
                           lexicons: Lexicons) -> None:
    text = "".join(pieces)
    for mention in find_dates(text, language, lexicons):
        assert text[mention.start:mention.end] == mention.text
        resolve(mention, anchor)
    find_publication_date(text, language, lexicons)


# --- the article's own date ---------------------------------------------------------------------------


def test_publication_date_prefers_article_dateline_over_todays_header(lexicons: Lexicons) -> None:
    text = ("یکشنبه ۱۲ اسفند ۱۴۰۳\n\n"  # the site's "today" header, the day the page was scraped
            "عراقچی با همتای عمانی دیدار کرد\n\n"
            "سه‌شنبه ۲۸ آذر ۱۴۰۲ - ۱۴:۲۰\n\n"
            "وزیر امور خارجه کشورمان روز گذشته با همتای عمانی خود در مسقط دیدار کرد.\n")
    found = find_publication_date(text, "fa", lexicons)
    assert found is not None and (found.value, found.calendar) == ("2023-12-19", "jalali")
    assert found.text == "سه‌شنبه ۲۸ آذر ۱۴۰۲ - ۱۴:۲۰" and text[found.start:found.end] == found.text


def test_publication_date_jalali_dateline_with_time(lexicons: Lexicons) -> None:
    text = "۳۱ خرداد ۱۴۰۳، ۱۱:۰۵\n\nدیدار سرپرست وزارت خارجه با رئیس دفتر سیاسی حماس\n\nمتن خبر.\n"
    found = find_publication_date(text, "fa", lexicons)
    assert found is not None and (found.value, found.precision) == ("2024-06-20", "day")
    assert (found.start, found.end, found.text) == (0, 20, "۳۱ خرداد ۱۴۰۳، ۱۱:۰۵")


@pytest.mark.parametrize(("language", "text", "value"), [
    pytest.param("ar", "تاريخ النشر: 08/12/2023 - 14:30\nعنوان الخبر\nنص الخبر هنا.", "2023-12-08",
                 id="ar-nushira-numeric-dateline"),
    pytest.param("ar", "عنوان الخبر\nنص الخبر الطويل هنا.\nآخر تحديث: الجمعة 8 ديسمبر 2023", "2023-12-08",
                 id="ar-last-updated-at-the-bottom"),
    pytest.param("fa", "تهران - ایرنا - ۱۸ آذر ۱۴۰۲\nعنوان\nمتن خبر.", "2023-12-09",
                 id="fa-place-and-agency-before-the-date"),
])
def test_publication_date_dateline_forms(language: str, text: str, value: str, lexicons: Lexicons) -> None:
    found = find_publication_date(text, language, lexicons)
    assert found is not None and found.value == value


def test_publication_date_from_today_weekday_and_a_body_date(lexicons: Lexicons) -> None:
    text = ("لافروف يستقبل عبد اللهيان في موسكو\n"
            "قال وزير الخارجية الروسي، اليوم الجمعة، إن المحادثات كانت بناءة.\n"
            "ووصل الوزير الإيراني أمس الخميس إلى موسكو، بعد اتصال هاتفي جرى في 5 ديسمبر 2023 بين الجانبين.\n"
            "وكانت الزيارة قد أعلنت في 20 نوفمبر 2023.\n")
    found = find_publication_date(text, "ar", lexicons)
    assert found is not None
    assert (found.value, found.calendar, found.anchor, found.text) == ("2023-12-08", "relative", "2023-12-05",
                                                                         "اليوم الجمعة")
    assert text[found.start:found.end] == "اليوم الجمعة"


def test_publication_date_today_phrases_that_disagree_give_none(lexicons: Lexicons) -> None:
    text = ("قال الوزير اليوم الجمعة إن المحادثات مستمرة.\n"
            "وكان قد قال اليوم الأحد إن الاتفاق وقع في 5 ديسمبر 2023 في الدوحة.\n")
    assert find_publication_date(text, "ar", lexicons) is None


def test_publication_date_anniversary_in_the_body_only_is_none(lexicons: Lexicons) -> None:
    text = ("سالگرد عملیات طوفان الاقصی\n"
            "گروه‌های مقاومت در ۷ اکتبر ۲۰۲۳ برابر با ۱۵ مهر ۱۴۰۲ عملیات طوفان الاقصی را آغاز کردند.\n"
            "این مراسم با حضور مقامات برگزار شد.\n")
    assert find_publication_date(text, "fa", lexicons) is None


def test_publication_date_weekday_that_contradicts_the_dateline_is_skipped(lexicons: Lexicons) -> None:
    text = "الأحد 8 ديسمبر 2023\nعنوان\nنص."  # 8 December 2023 was a Friday
    assert find_publication_date(text, "ar", lexicons) is None


def test_publication_date_uses_the_given_lines(lexicons: Lexicons) -> None:
    text = "۳۱ خرداد ۱۴۰۳، ۱۱:۰۵ عنوان خبر و متن خبر در یک بند بلند که خط جداگانه ندارد و ادامه دارد"
    assert find_publication_date(text, "fa", lexicons) is None
    found = find_publication_date(text, "fa", lexicons, lines=[(0, 20), (21, len(text))])
    assert found is not None and (found.value, found.start, found.end) == ("2024-06-20", 0, 20)


# --- lexicons and matchers ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_dates_lexicons_cover_every_month_and_weekday(language: str, lexicons: Lexicons) -> None:
    months = {(row["calendar"], int(row["month"])) for row in lexicons.table(language, "months")}
    calendars = ("jalali", "gregorian", "hijri") if language == "fa" else ("gregorian", "hijri")
    assert months == {(c, m) for c in calendars for m in range(1, 13)}
    assert {int(row["weekday"]) for row in lexicons.table(language, "weekdays")} == set(range(7))


@pytest.mark.parametrize(("language", "name", "column"), [
    (language, name, column) for language in ("fa", "ar")
    for name, column in (("months", "name"), ("weekdays", "name"), ("relative_dates", "expression"))
])
def test_dates_lexicon_rows_differ_after_folding(language: str, name: str, column: str,
                                                 lexicons: Lexicons) -> None:
    keys = ["".join(fold_phrase(row[column]).split()) + "|" + row.get("calendar")
            for row in lexicons.table(language, name)]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_dates_matchers_are_built_once_per_lexicons(lexicons: Lexicons) -> None:
    assert date_finder(lexicons) is date_finder(lexicons)
    assert date_finder(lexicons).grammar("fa") is date_finder(lexicons).grammar("fa")


def test_dates_unknown_language_is_a_kg_error(lexicons: Lexicons) -> None:
    with pytest.raises(KGError):
        find_dates("7 December 2023", "en", lexicons)
