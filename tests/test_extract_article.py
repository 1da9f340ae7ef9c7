"""kg.extract.article: the outlet that publishes an article, the agencies it cites, its date and title."""

from __future__ import annotations

import pytest
from extract_fixtures import read

BODY_FA = "عباس عراقچی با نبیه بری در بیروت دیدار کرد."
BODY_AR = "التقى عراقجي نبيه بري في بيروت"


@pytest.mark.parametrize(("language", "text", "publisher", "cites"), [
    pytest.param("fa", f"به گزارش خبرگزاری مهر، {BODY_FA}", "mehr_news_agency", (),
                 id="fa-be-gozaresh-e-Mehr-reported-by-Mehr"),
    pytest.param("fa", f"به گزارش خبرگزاری مهر به نقل از ایرنا، {BODY_FA}", "mehr_news_agency", ("irna",),
                 id="fa-be-gozaresh-e-Mehr-be-naghl-az-IRNA-Mehr-citing-IRNA"),
    pytest.param("fa", f"به گزارش خبرنگار سیاسی خبرگزاری تسنیم، {BODY_FA}", "tasnim_news_agency", (),
                 id="fa-be-gozaresh-e-khabarnegar-e-Tasnim-Tasnim-correspondent"),
    pytest.param("fa", "به گزارش آران نیوز به نقل از ایرنا معاون وزیر امورخارجه در این دیدار گفت ایران حامی "
                 "فلسطین است.", "new:اراننیوز", ("irna",),
                 id="fa-be-gozaresh-e-Aran-News-an-outlet-in-no-list-citing-IRNA"),
    pytest.param("fa", f"اسپوتنیک\n{BODY_FA}", "sputnik", (), id="fa-Esputnik-brand-line"),
    pytest.param("ar", f"{BODY_AR}، وفقا لوكالة الأنباء الإيرانية \"إرنا\".", None, ("irna",),
                 id="ar-wifqan-li-Wikalat-al-Anba-al-Iraniya-IRNA-according-to-IRNA"),
    pytest.param("ar", f"{BODY_AR}، نقلا عن وكالة تسنيم.", None, ("tasnim_news_agency",),
                 id="ar-naqlan-an-Wikalat-Tasnim-quoting-Tasnim"),
    pytest.param("ar", f"{BODY_AR}، نقلا عن صحيفة الأخبار اللبنانية.", None, ("al_akhbar",),
                 id="ar-naqlan-an-Sahifat-al-Akhbar-quoting-a-newspaper"),
    pytest.param("ar", f"{BODY_AR}، وفقا لصحيفة الأخبار اللبنانية.", None, ("al_akhbar",),
                 id="ar-wifqan-li-Sahifat-al-Akhbar-according-to-a-newspaper"),
    pytest.param("ar", f"Sputnik\n{BODY_AR}، بحسب وكالة الأنباء الإيرانية \"إرنا\".", "sputnik", ("irna",),
                 id="ar-Sputnik-brand-line-citing-IRNA"),
    pytest.param("ar", f"Sputnik\n{BODY_AR}، بحسب سبوتنيك.", "sputnik", (),
                 id="ar-brand-line-Sputnik-citing-itself-is-not-a-citation"),
    pytest.param("ar", f"الجزيرة\n{BODY_AR}.", "al_jazeera", (), id="ar-al-Jazeera-brand-line"),
    pytest.param("fa", BODY_FA, None, (), id="fa-no-attribution-no-outlet"),
    pytest.param("fa", f"به گزارش رسانه‌ها، {BODY_FA}", None, (),
                 id="fa-be-gozaresh-e-resaneh-ha-the-media-report"),
])
def test_article_publisher_and_cited_agencies(resources, language, text, publisher, cites):
    info = read(resources, language, text, "2024-10-10").article
    assert (info.publisher, info.cites) == (publisher, cites)


def test_article_unknown_outlet_kept_under_its_name(resources):
    extraction = read(resources, "fa", f"به گزارش روزنامه صدای لبنان، {BODY_FA}", "2024-10-10")
    assert extraction.article.publisher == "new:روزنامهصدایلبنان"
    outlet = next(a for a in extraction.actors if a.key == "new:روزنامهصدایلبنان")
    assert (outlet.type, outlet.in_knowledge_base, outlet.labels) == \
        ("Organization", False, (("fa", "روزنامه صدای لبنان"),))


@pytest.mark.parametrize(("language", "text", "value", "calendar"), [
    pytest.param("fa", f"۳۱ خرداد ۱۴۰۳، ۱۱:۰۵\n{BODY_FA}", "2024-06-20", "jalali",
                 id="fa-31-Khordad-1403-with-time-Jalali-dateline"),
    pytest.param("fa", f"پنجشنبه 20-ژوئن-2024\n{BODY_FA}", "2024-06-20", "gregorian",
                 id="fa-Thursday-20-June-2024-Gregorian-dateline"),
    pytest.param("fa", "چهارشنبه 30/آوریل/2025\n\nهنیه: مقاومت پیروز است\n\n"
                 f"پنجشنبه 20-ژوئن-2024\n\n{BODY_FA}",
                 "2024-06-20", "gregorian", id="fa-page-header-date-above-the-article-date-earliest-wins"),
    pytest.param("ar", f"7 ديسمبر 2023\n{BODY_AR}.", "2023-12-07", "gregorian",
                 id="ar-7-December-2023-dateline"),
    pytest.param("ar", f"الجمعة 8 ديسمبر 2023\n{BODY_AR}.", "2023-12-08", "gregorian",
                 id="ar-Friday-8-December-2023-weekday-agrees"),
    pytest.param("ar", "الرئيس الروسي فلاديمير بوتين والرئيس الإيراني إبراهيم رئيسي خلال اجتماع في موسكو، "
                 "روسيا 7 ديسمبر 2023\nوصف وزير الخارجية الإيراني، اليوم الجمعة، أزمة قطاع غزة بأنها من "
                 "المواضيع المهمة.",
                 "2023-12-08", "relative", id="ar-al-Yawm-al-Juma-today-Friday-after-a-caption-date"),
])
def test_article_publication_date(resources, language, text, value, calendar):
    published = read(resources, language, text).article.published
    assert published is not None
    assert (published.value, published.precision, published.calendar) == (value, "day", calendar)


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("ar", f"الخميس 8 ديسمبر 2023\n{BODY_AR}.",
                 id="ar-Thursday-8-December-2023-weekday-contradicts"),
    pytest.param("ar", f"{BODY_AR} في 4 أكتوبر 2024.",
                 id="ar-a-date-in-the-body-is-the-events-not-the-articles"),
    pytest.param("fa", BODY_FA, id="fa-no-date-at-all"),
])
def test_article_without_a_trustworthy_date(resources, language, text):
    assert read(resources, language, text).article.published is None


def test_article_identity_and_language(resources):
    info = read(resources, "ar", f"{BODY_AR}.", "2024-10-10", article="beirut-report").article
    assert (info.id, info.path, info.language) == ("beirut-report", "beirut-report.txt", "ar")
    assert len(info.sha256) == 64


def test_article_title_is_the_headline(resources):
    text = "۱۹ مهر ۱۴۰۳\nدیدار عراقچی با نبیه بری در بیروت\n" + BODY_FA
    assert read(resources, "fa", text).article.title == "دیدار عراقچی با نبیه بری در بیروت"
