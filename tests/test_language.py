"""detect_language: Persian (Dari too) or Arabic, else None with a reason; fast and right on short texts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.text.language import detect_language

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

PERSIAN_ARTICLE = (
    "علی باقری سرپرست وزارت امور خارجه ایران شب گذشته با اسماعیل هنیه رئیس دفتر سیاسی جنبش حماس در دوحه "
    "دیدار کرد. به گزارش خبرگزاری مهر، طرفین در این دیدار در مورد آخرین تحولات سیاسی و میدانی گفتگو کردند. "
    "وی گفت: ضرورت دارد از همه ظرفیت‌ها برای توقف جنگ بهره برد و این موضوع را پیگیری می‌کنیم."
)
ARABIC_ARTICLE = (
    "وصف وزير الخارجية الإيراني، حسين أمير عبد اللهيان، اليوم الجمعة، أزمة قطاع غزة بأنها أحد المواضيع "
    "المهمة في المحادثات بين الرئيسين، مؤكدا أنه جرت محادثات مهمة بين الزعيمين بشأن القضية الفلسطينية. "
    "وأكد هنية في اتصاله الهاتفي مع وزير الخارجية الإيراني أن المقاومة ستستمر حتى إيقاف الجرائم."
)

FARSI = [
    pytest.param(PERSIAN_ARTICLE, id="Persian article"),
    pytest.param("ظریف با لاوروف دیدار کرد", id="short Persian headline «ظریف با لاوروف دیدار کرد»"),
    pytest.param(
        "عراقچی: مذاکره با آمریکا در دستور کار نیست", id="short Persian «Araghchi: talks not on agenda»"
    ),
    pytest.param("ظريف با لاوروف ديدار كرد", id="Persian typed with Arabic ي and ك"),
    pytest.param(
        PERSIAN_ARTICLE.replace("ی", "ي").replace("ک", "ك"), id="Persian article with Arabic ي and ك"
    ),
    pytest.param(
        "وزیر امور خارجه در این دیدار گفت: «إن المقاومة ستستمر حتى النصر» و افزود که ایران از مردم "
        "فلسطین حمایت می‌کند.",
        id="Persian quoting an Arabic sentence",
    ),
    pytest.param(
        PERSIAN_ARTICLE + "\nReuters / Getty Images\nTelegram: @news_agency",
        id="Persian with Latin brand lines",
    ),
    pytest.param(
        "وزیر خارجه افغانستان با همتای پاکستانی خود در کابل دیدار و گفتگو کرد. وی گفت که روابط دو "
        "کشور رو به بهبود است.",
        id="Dari (Afghan Persian) counts as fa",
    ),
]
ARABIC = [
    pytest.param(ARABIC_ARTICLE, id="Arabic article"),
    pytest.param("ظريف يلتقي لافروف", id="short Arabic headline «Zarif meets Lavrov»"),
    pytest.param(
        "عراقجي: المفاوضات مع أمريكا ليست على جدول الأعمال", id="short Arabic «talks not on agenda»"
    ),
    pytest.param(
        "وزير الخارجية الإيرانی یلتقی نظیره الروسی فی موسکو", id="Arabic typed with Persian ی and ک"
    ),
    pytest.param(
        ARABIC_ARTICLE + " وكتب على منصة إكس: «ایران از صلح حمایت می‌کند».", id="Arabic quoting Persian"
    ),
]
REFUSED = [
    pytest.param(
        "The Iranian foreign minister met his Russian counterpart in Moscow on Tuesday and the two "
        "discussed the war in Gaza.",
        "English (Latin script)",
        id="English article",
    ),
    pytest.param(
        "پاکستان کے وزیر خارجہ نے کہا ہے کہ ایران کے ساتھ تعلقات بہت اہم ہیں اور دونوں ممالک کے "
        "درمیان تجارت بڑھ رہی ہے۔",
        "Urdu",
        id="Urdu article (ے ں ہ، کے، ہے)",
    ),
    pytest.param(
        "د افغانستان د بهرنیو چارو وزیر وویل چې له ګاونډیو هېوادونو سره اړیکې ښې دي.",
        "Pashto",
        id="Pashto sentence (ښ ګ ړ ې)",
    ),
    pytest.param(
        "وەزیری دەرەوەی عێراق لەگەڵ هاوتا ئێرانییەکەی کۆبووەوە.",
        "Kurdish (Sorani)",
        id="Sorani Kurdish sentence (ە ێ ڵ ۆ)",
    ),
    pytest.param(
        "Министр иностранных дел Ирана встретился с российским коллегой.",
        "Cyrillic script, not Persian or Arabic",
        id="Russian sentence",
    ),
    pytest.param(
        "Le ministre iranien a rencontré son homologue russe à Moscou.",
        "Latin script, not Persian or Arabic",
        id="French sentence",
    ),
    pytest.param(
        "وزیر امور خارجه ایران با همتای روسی خود دیدار کرد. The Iranian foreign minister met his "
        "Russian counterpart today.",
        "mixed scripts: 43% Arabic script, 57% Latin",
        id="half Persian, half English -> mixed scripts",
    ),
    pytest.param("12345 — 67/89 !!!", "no Arabic-script letters", id="digits and punctuation only"),
    pytest.param("", "no Arabic-script letters", id="empty text"),
    pytest.param(
        "سلام",
        "Arabic script, but too little text to tell Persian from Arabic",
        id="one word shared by both «سلام»",
    ),
]


@pytest.mark.parametrize("text", FARSI)
def test_detect_language_persian(text: str) -> None:
    assert detect_language(text)[0] == "fa"


@pytest.mark.parametrize("text", ARABIC)
def test_detect_language_arabic(text: str) -> None:
    assert detect_language(text)[0] == "ar"


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_detect_language_refuses_with_reason(text: str, reason: str) -> None:
    assert detect_language(text) == (None, reason)


@pytest.mark.parametrize(
    ("name", "language"),
    [
        pytest.param("000_b5b6e817b6dc117a.txt", "fa", id="seed 000 Persian"),
        pytest.param("001_fc04969042098be9.txt", "fa", id="seed 001 Persian"),
        pytest.param("002_b74188f3615a39eb.txt", "fa", id="seed 002 Persian"),
        pytest.param("003_e1d003cca7f14586.txt", "ar", id="seed 003 Arabic"),
        pytest.param("004_f123fd4ab106fae1.txt", "fa", id="seed 004 Persian"),
    ],
)
def test_detect_language_seeds(name: str, language: str) -> None:
    assert detect_language((SEEDS / name).read_text(encoding="utf-8"))[0] == language


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(PERSIAN_ARTICLE * 12, id="5 KB Persian"),
        pytest.param(ARABIC_ARTICLE * 200, id="100 KB Arabic"),
    ],
)
def test_detect_language_is_fast(text: str) -> None:
    kilobytes = len(text.encode("utf-8")) / 1024
    runs = 200
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(runs):
            detect_language(text)
        best = min(best, (time.perf_counter() - started) / runs)
    # A few µs per KB; the bound is loose so that a busy CI machine does not fail it.
    assert best / kilobytes < 25e-6
