"""segment: page furniture, repeats and related headlines dropped; body paragraphs and datelines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.lexicons import Lexicons
from kg.text.furniture import Paragraph, kept_text, segment

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

FA_BODY = [
    "علی باقری سرپرست وزارت امور خارجه ایران شب گذشته با اسماعیل هنیه رئیس دفتر سیاسی جنبش حماس "
    "در دوحه دیدار کرد.",
    "به گزارش مرکز اطلاع رسانی فلسطین، طرفین در این دیدار در مورد آخرین تحولات سیاسی و میدانی غزه "
    "گفتگو کردند.",
    "سرپرست وزارت امور خارجه ایران در این دیدار به تشریح تلاش‌های جمهوری اسلامی در پشتیبانی از مردم "
    "غزه پرداخت.",
]
AR_BODY = [
    "وصف وزير الخارجية الإيراني، اليوم الجمعة، أزمة قطاع غزة بأنها أحد المواضيع المهمة في المحادثات "
    "بين الرئيسين.",
    "وبحث هنية خلال الاتصال آخر التحركات الدبلوماسية للدول الإسلامية والعربية وإيران على الساحة "
    "الدولية لدعم الشعب.",
    "ووصل الرئيس الإيراني إبراهيم رئيسي أمس الخميس إلى موسكو بدعوة رسمية من الرئيس الروسي لبحث "
    "العلاقات الثنائية.",
]


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return Lexicons()


def _dropped(text: str, language: str | None, lexicons: Lexicons) -> dict[str, str | None]:
    """Each paragraph's text → its drop reason (None when kept)."""
    return {text[p.start : p.end]: p.reason for p in segment(text, language or "", lexicons)}


# --------------------------------------------------------------------------------------------------
# The five seed articles

SEED_DROPS = {
    "000_b5b6e817b6dc117a.txt": {},
    "001_fc04969042098be9.txt": {
        4: "duplicate of paragraph 3",  # the headline, repeated
        14: "furniture:کد خبر",
        15: "furniture:برچسب‌ها",
        16: "furniture:نظر شما",  # the comment form from here on
        17: "after furniture:نظر شما",
        18: "after furniture:نظر شما",
        19: "after furniture:نظر شما",
        20: "after furniture:نظر شما",
    },
    "002_b74188f3615a39eb.txt": {11: "furniture:لینک کوتاه", 12: "furniture:کپی شد"},
    "003_e1d003cca7f14586.txt": {9: "related headline", 16: "furniture:مناقشة"},
    "004_f123fd4ab106fae1.txt": {1: "duplicate of paragraph 2"},  # the "[…]" teaser of the lead
}
SEED_LANGUAGE = {"003_e1d003cca7f14586.txt": "ar"}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("000_b5b6e817b6dc117a.txt", id="000 clean Persian article -> nothing dropped"),
        pytest.param("001_fc04969042098be9.txt", id="001 repeated headline, کد خبر, برچسب‌ها, comment form"),
        pytest.param("002_b74188f3615a39eb.txt", id="002 لینک کوتاه and کپی شد; page date and dateline kept"),
        pytest.param("003_e1d003cca7f14586.txt", id="003 related «أردوغان: …» headline and مناقشة"),
        pytest.param("004_f123fd4ab106fae1.txt", id="004 lead repeated with […]"),
    ],
)
def test_segment_seeds(name: str, lexicons: Lexicons) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    paragraphs = segment(text, SEED_LANGUAGE.get(name, "fa"), lexicons)
    dropped = {n: p.reason for n, p in enumerate(paragraphs, 1) if not p.kept}
    assert dropped == SEED_DROPS[name]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        pytest.param("001_fc04969042098be9.txt", "۳۱ خرداد ۱۴۰۳، ۱۱:۰۵", id="001 dateline «31 Khordad 1403»"),
        pytest.param(
            "002_b74188f3615a39eb.txt", "چهارشنبه 30/آوریل/2025", id="002 page date «Wednesday 30 April»"
        ),
        pytest.param(
            "002_b74188f3615a39eb.txt", "پنجشنبه 20-ژوئن-2024", id="002 dateline «Thursday 20 June 2024»"
        ),
        pytest.param(
            "001_fc04969042098be9.txt", "باقری در دیدار با اسماعیل هنیه:", id="001 kicker above the headline"
        ),
        pytest.param(
            "002_b74188f3615a39eb.txt",
            "هنیه: طوفان الاقصی معادلات جدیدی را در منطقه ترسیم کرد",
            id="002 own «Name: quote» headline at the top",
        ),
    ],
)
def test_segment_seeds_keep_datelines_and_headlines(name: str, line: str, lexicons: Lexicons) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert _dropped(text, "fa", lexicons)[line] is None


# --------------------------------------------------------------------------------------------------
# Furniture markers

MARKERS = [
    pytest.param("fa", "کد خبر: ۶۱۴۲۵۶۵", "furniture:کد خبر", id="fa news code «کد خبر: …»"),
    pytest.param("fa", "کدخبر 6142565", "furniture:کد خبر", id="fa news code written without space"),
    pytest.param("fa", "برچسب‌ها: ایران، حماس، غزه", "furniture:برچسب‌ها", id="fa tags with ZWNJ and tag list"),
    pytest.param("fa", "برچسب ها", "furniture:برچسب‌ها", id="fa tags with a space for the ZWNJ"),
    pytest.param("fa", "منبع: ایرنا", "furniture:منبع:", id="fa source line «منبع: ایرنا»"),
    pytest.param("fa", "منبع : ایرنا", "furniture:منبع:", id="fa source line with space before colon"),
    pytest.param(
        "fa",
        "  • لینک کوتاه: https://example.ir/x1",
        "furniture:لینک کوتاه",
        id="fa short link after a bullet, with URL",
    ),
    pytest.param("fa", "كپي شد", "furniture:کپی شد", id="fa «copied» typed with Arabic ك and ي"),
    pytest.param(
        "fa",
        "اشتراک گذاری: Telegram Twitter",
        "furniture:اشتراک‌گذاری",
        id="fa share line followed by Latin network names",
    ),
    pytest.param("fa", "© ۱۴۰۳ کلیه حقوق محفوظ است", "furniture:©", id="fa copyright line"),
    pytest.param("fa", "CAPTCHA", "furniture:captcha", id="captcha in capitals"),
    pytest.param("fa", "https://example.ir/news/123", "furniture:url", id="URL alone on a line"),
    pytest.param("fa", "#ایران #حماس", "furniture:hashtags", id="hashtags alone on a line"),
    pytest.param("fa", "• • •", "empty", id="bullets without letters -> empty"),
    pytest.param(
        "ar",
        "اقرأ أيضاً: هنية يلتقي عبد اللهيان في الدوحة",
        "furniture:اقرأ أيضا",
        id="ar «read also» with tanwin and a headline",
    ),
    pytest.param("ar", "إقرأ أيضا", "furniture:اقرأ أيضا", id="ar «read also» with hamza below"),
    pytest.param("ar", "شارك", "furniture:شارك", id="ar «share» alone"),
    pytest.param("ar", "الرابط المختصر", "furniture:الرابط المختصر", id="ar short link"),
    pytest.param("ar", "كلمات مفتاحية: إيران، حماس", "furniture:كلمات مفتاحية", id="ar keywords"),
    pytest.param("ar", "المصدر: سبوتنيك", "furniture:المصدر:", id="ar source line"),
]


@pytest.mark.parametrize(("language", "line", "reason"), MARKERS)
def test_segment_drops_furniture_lines(language: str, line: str, reason: str, lexicons: Lexicons) -> None:
    body = FA_BODY if language == "fa" else AR_BODY
    text = "\n".join([body[0], line, body[1]])
    assert _dropped(text, language, lexicons) == {body[0]: None, line.strip(): reason, body[1]: None}


KEPT = [
    pytest.param(
        "fa",
        "منبع آگاه در وزارت امور خارجه گفت که این دیدار در فضای مثبتی برگزار شد و ادامه دارد.",
        id="fa sentence starting «منبع آگاه» (an informed source) kept",
    ),
    pytest.param(
        "fa",
        "نظرات کارشناسان درباره این دیدار متفاوت است و برخی آن را گامی مهم برای آتش‌بس می‌دانند.",
        id="fa sentence starting «نظرات» (opinions) does not start the comments",
    ),
    pytest.param(
        "ar",
        "شارك الرئيس الإيراني في القمة العربية الإسلامية المشتركة التي عقدت في الرياض أمس الأحد.",
        id="ar sentence starting «شارك» (took part) kept",
    ),
    pytest.param(
        "ar",
        "تعليقات الوزير على الاتفاق جاءت بعد ساعات من إعلان وقف إطلاق النار في قطاع غزة المحاصر.",
        id="ar sentence starting «تعليقات» (comments) kept",
    ),
]


@pytest.mark.parametrize(("language", "line"), KEPT)
def test_segment_keeps_sentences_that_start_like_markers(
    language: str, line: str, lexicons: Lexicons
) -> None:
    body = FA_BODY if language == "fa" else AR_BODY
    text = "\n".join([body[0], line, body[1]])
    assert all(reason is None for reason in _dropped(text, language, lexicons).values())


@pytest.mark.parametrize(
    ("language", "marker"),
    [
        pytest.param("fa", "نظرات", id="fa «نظرات» (comments) heading"),
        pytest.param("fa", "اخبار مرتبط", id="fa «اخبار مرتبط» (related news) heading"),
        pytest.param("ar", "التعليقات (3)", id="ar «التعليقات (3)» heading with a count"),
        pytest.param("ar", "مواضيع ذات صلة", id="ar «مواضيع ذات صلة» (related topics) heading"),
    ],
)
def test_segment_drop_rest_after_body(language: str, marker: str, lexicons: Lexicons) -> None:
    body = FA_BODY if language == "fa" else AR_BODY
    tail = [body[2], "عالی بود", "https://example.com"]
    text = "\n".join([body[0], body[1], marker, *tail])
    paragraphs = segment(text, language, lexicons)
    assert [p.kept for p in paragraphs] == [True, True, False, False, False, False]
    name = marker.split(" (")[0]
    assert paragraphs[2].reason == f"furniture:{name}"
    assert {p.reason for p in paragraphs[3:]} == {f"after furniture:{name}"}


@pytest.mark.parametrize("marker", [pytest.param("نظرات", id="fa «نظرات» in the menu above the article")])
def test_segment_drop_rest_before_body_drops_only_its_line(marker: str, lexicons: Lexicons) -> None:
    text = "\n".join([marker, *FA_BODY])
    assert [p.kept for p in segment(text, "fa", lexicons)] == [False, True, True, True]


def test_segment_marker_with_its_value_heads_no_list(lexicons: Lexicons) -> None:
    """«کد خبر: ۸۱۶۳۰۷» carries its value; the date line under it is the page's date, not a related story."""
    text = "\n".join(["کد خبر: ۸۱۶۳۰۷", "تاریخ انتشار: دوشنبه ۱۰ دی ۱۴۰۳ ساعت ۱۲:۴۰", *FA_BODY])
    assert [p.kept for p in segment(text, "fa", lexicons)] == [False, True, True, True, True]


# --------------------------------------------------------------------------------------------------
# Repeats

REPEATS = [
    pytest.param(
        [FA_BODY[0], FA_BODY[1], FA_BODY[0]],
        [None, None, "duplicate of paragraph 1"],
        id="verbatim repeat -> later copy dropped",
    ),
    pytest.param(
        [FA_BODY[0], FA_BODY[0].replace(" ", "  ").replace("تلاش‌ها", "تلاشها") + " ", FA_BODY[1]],
        [None, "duplicate of paragraph 1", None],
        id="repeat with other spacing and ZWNJ -> dropped",
    ),
    pytest.param(
        [FA_BODY[0][:-1] + " […]", FA_BODY[0], FA_BODY[1]],
        ["duplicate of paragraph 2", None, None],
        id="teaser with […] before the full lead -> teaser dropped",
    ),
    pytest.param(
        [FA_BODY[0], FA_BODY[1], FA_BODY[0][:60] + "..."],
        [None, None, "duplicate of paragraph 1"],
        id="teaser cut mid-sentence with ... after the full paragraph -> teaser dropped",
    ),
    pytest.param(
        [FA_BODY[0][:70] + "…", FA_BODY[1], FA_BODY[0]],
        ["duplicate of paragraph 3", None, None],
        id="teaser cut with … before its full paragraph -> teaser dropped",
    ),
    pytest.param(
        ["وی افزود:", FA_BODY[0], "وی افزود:", FA_BODY[1]],
        [None, None, None, None],
        id="repeated «وی افزود:» (he added:) introduces another quote -> kept",
    ),
    pytest.param(
        ["۳۱ خرداد ۱۴۰۳", FA_BODY[0], "۳۱ خرداد ۱۴۰۳"],
        [None, None, None],
        id="dateline shown twice -> both kept for the date reader",
    ),
    pytest.param(
        ["دیدار ظریف و لاوروف", FA_BODY[0], "دیدار ظریف و لاوروف"],
        [None, None, "duplicate of paragraph 1"],
        id="headline repeated below -> second copy dropped",
    ),
]


@pytest.mark.parametrize(("lines", "reasons"), REPEATS)
def test_segment_drops_repeats(lines: list[str], reasons: list[str | None], lexicons: Lexicons) -> None:
    paragraphs = segment("\n\n".join(lines), "fa", lexicons)
    assert [p.reason for p in paragraphs] == reasons


# --------------------------------------------------------------------------------------------------
# Related headlines

RELATED = [
    pytest.param(
        "ar",
        "أردوغان: ليس لدى أنقرة النية لتصنيف حماس كمنظمة إرهابية",
        "related headline",
        id="ar «Erdogan: Ankara won't list Hamas» between body paragraphs -> dropped",
    ),
    pytest.param(
        "fa",
        "پوتین: روسیه آماده میانجی‌گری میان کی‌یف و واشنگتن است",
        "related headline",
        id="fa «Putin: Russia ready to mediate» between body paragraphs -> dropped",
    ),
    pytest.param(
        "fa",
        "قیمت طلا در بازار تهران کاهش یافت",
        "related headline",
        id="fa title «gold price fell in Tehran» between body paragraphs -> dropped",
    ),
    pytest.param(
        "fa",
        "تلاش‌های جمهوری اسلامی در پشتیبانی از مردم غزه",
        None,
        id="fa sub-heading sharing words with the next paragraph -> kept",
    ),
    pytest.param("fa", "پنجشنبه ۳۱ خرداد ۱۴۰۳", None, id="fa dateline between paragraphs -> kept"),
    pytest.param(
        "fa", "قیمت طلا در بازار تهران کاهش یافت.", None, id="fa short sentence with a full stop -> kept"
    ),
    pytest.param("fa", "- تقویت همکاری‌های اقتصادی دوجانبه", None, id="fa list item -> kept"),
]


@pytest.mark.parametrize(("language", "line", "reason"), RELATED)
def test_segment_related_headlines(language: str, line: str, reason: str | None, lexicons: Lexicons) -> None:
    body = FA_BODY if language == "fa" else AR_BODY
    headline = "دیدار باقری و هنیه در دوحه" if language == "fa" else "هنية يبحث مع عبد اللهيان تطورات غزة"
    text = "\n".join([headline, body[0], body[1], line, body[2]])
    dropped = _dropped(text, language, lexicons)
    assert dropped[line] == reason
    assert dropped[headline] is None  # the article's own headline, at the top


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(
            ["وی به موارد زیر اشاره کرد:", "تقویت همکاری‌های اقتصادی", "گسترش روابط فرهنگی"],
            id="fa short lines introduced by a colon (a list) -> kept",
        ),
        pytest.param(
            ["قیمت طلا در بازار تهران کاهش یافت"], id="fa short line after the last paragraph -> kept"
        ),
    ],
)
def test_segment_keeps_lines_that_are_not_related_headlines(lines: list[str], lexicons: Lexicons) -> None:
    text = "\n".join([FA_BODY[0], *lines, *(FA_BODY[1:] if len(lines) > 1 else [])])
    assert all(reason is None for reason in _dropped(text, "fa", lexicons).values())


# --------------------------------------------------------------------------------------------------
# Spans and odd inputs


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "\n\n  " + FA_BODY[0] + "  \r\n\t\n" + FA_BODY[1] + "\u00a0\n",
            id="spans exclude surrounding whitespace and blank lines",
        )
    ],
)
def test_segment_spans(text: str, lexicons: Lexicons) -> None:
    paragraphs = segment(text, "fa", lexicons)
    assert [text[p.start : p.end] for p in paragraphs] == FA_BODY[:2]
    assert all(isinstance(p, Paragraph) for p in paragraphs)
    assert kept_text(text, paragraphs) == "\n".join(FA_BODY[:2])


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("", 0, id="empty text -> no paragraphs"),
        pytest.param(" \n\t\n", 0, id="whitespace only -> no paragraphs"),
        pytest.param(FA_BODY[0] * 20_000, 1, id="one 2 MB line -> one kept paragraph"),
    ],
)
def test_segment_odd_texts(text: str, count: int, lexicons: Lexicons) -> None:
    paragraphs = segment(text, "fa", lexicons)
    assert len(paragraphs) == count and all(p.kept for p in paragraphs)


@pytest.mark.parametrize("language", [pytest.param("", id="unknown language -> both marker lists")])
def test_segment_unknown_language_uses_both_lists(language: str, lexicons: Lexicons) -> None:
    text = "\n".join([FA_BODY[0], "کد خبر 123", "اقرأ أيضا: خبر", FA_BODY[1]])
    assert [p.kept for p in segment(text, language, lexicons)] == [True, False, False, True]
