"""kg.extract.claims: one construction per case, Persian and Arabic, each with an English gloss.

A case is a mini-article (one paragraph per line) and the claims it must give: who said it and a
few words the statement must contain. A case passes only when exactly these claims come out, each
with exactly one speaker, so a missed statement, an extra one and a wrong speaker all fail.
"""

from __future__ import annotations

import hashlib

import pytest

from kg.extract.pipeline import extract_document
from kg.records import Claim, Extraction
from kg.text.document import build_document, paragraphs_by_line


def extract_text(resources, language: str, text: str) -> Extraction:
    doc = build_document("t", "t.txt", language, hashlib.sha256(text.encode()).hexdigest(), text,
                         paragraphs_by_line(text))
    return extract_document(doc, resources)


def said(claims: tuple[Claim, ...]) -> list[tuple[str, ...]]:
    return [c.speakers for c in claims]


def assert_claims(claims: tuple[Claim, ...], expected: list[tuple[str, str]]) -> None:
    """Exactly the expected claims, in order: (speaker, words the statement contains)."""
    got = [(c.speakers, c.text) for c in claims]
    assert len(claims) == len(expected), got
    for claim, (speaker, words) in zip(claims, expected, strict=True):
        assert claim.speakers == (speaker,), got
        assert words in claim.text, got


PERSIAN = [
    pytest.param("عراقچی در این دیدار گفت: ایران از هر ابتکاری برای توقف جنگ حمایت می‌کند.",
                 [("abbas_araghchi", "ایران از هر ابتکاری برای توقف جنگ")],
                 id="fa-direct-colon-Araghchi-said-Iran-supports-any-initiative"),
    pytest.param("لاوروف تاکید کرد که روسیه به توافق هسته‌ای پایبند است.",
                 [("sergey_lavrov", "روسیه به توافق هسته‌ای پایبند است")],
                 id="fa-reported-ke-Lavrov-stressed-that-Russia-is-committed"),
    pytest.param("فیدان تاکید کرد ترکیه از هر سازوکاری برای آتش‌بس استقبال می‌کند.",
                 [("hakan_fidan", "ترکیه از هر سازوکاری برای آتش‌بس")],
                 id="fa-reported-without-ke-Fidan-stressed-Turkey-welcomes"),
    pytest.param("فیدان در این دیدار بر ضرورت آتش‌بس فوری در غزه تاکید کرد.",
                 [("hakan_fidan", "بر ضرورت آتش‌بس فوری در غزه")],
                 id="fa-verb-last-Fidan-stressed-the-need-for-a-ceasefire"),
    pytest.param("عراقچی در این دیدار روابط دو کشور را راهبردی و رو به گسترش دانست.",
                 [("abbas_araghchi", "روابط دو کشور را راهبردی")],
                 id="fa-ra-danest-Araghchi-considered-relations-strategic"),
    pytest.param("عراقچی گفت: ایران خواهان ثبات منطقه است.\nوی افزود: تحریم‌ها مانع همکاری نخواهد شد.",
                 [("abbas_araghchi", "ایران خواهان ثبات منطقه است"),
                  ("abbas_araghchi", "تحریم‌ها مانع همکاری نخواهد شد")],
                 id="fa-pronoun-he-added-refers-to-last-speaker"),
    pytest.param("به گفته عراقچی، ایران به هیچ وجه از حقوق خود عقب نشینی نخواهد کرد.",
                 [("abbas_araghchi", "ایران به هیچ وجه از حقوق خود")],
                 id="fa-noun-cue-according-to-Araghchi"),
    pytest.param("عراقچی: تحریم‌ها مانع همکاری منطقه‌ای نخواهد شد",
                 [("abbas_araghchi", "تحریم‌ها مانع همکاری منطقه‌ای")],
                 id="fa-headline-name-colon-statement"),
    pytest.param("لاوروف در نشست خبری مشترک با عراقچی: مسکو به برجام پایبند می‌ماند",
                 [("sergey_lavrov", "مسکو به برجام پایبند می‌ماند")],
                 id="fa-headline-name-in-a-press-conference-with-colon"),
    pytest.param("به گزارش خبرگزاری ایرنا، عراقچی امروز در تهران گفت: مذاکرات ادامه خواهد داشت.",
                 [("abbas_araghchi", "مذاکرات ادامه خواهد داشت")],
                 id="fa-agency-lead-in-by-IRNA-is-not-the-speaker"),
    pytest.param("در این دیدار که با حضور لاوروف برگزار شد، عراقچی گفت: ما خواهان ثبات منطقه هستیم.",
                 [("abbas_araghchi", "ما خواهان ثبات منطقه هستیم")],
                 id="fa-relative-clause-in-the-presence-of-Lavrov-then-Araghchi-said"),
    pytest.param("هنیه گفت: «مقاومت ادامه دارد. ما هرگز تسلیم نخواهیم شد.»",
                 [("ismail_haniyeh", "هرگز تسلیم نخواهیم شد")],
                 id="fa-quote-over-two-sentences-is-one-claim"),
    pytest.param("عراقچی در پیامی در شبکه ایکس نوشت: گفتگوی سازنده‌ای داشتیم. "
                 "اروپا باید به تعهدات خود عمل کند.",
                 [("abbas_araghchi", "اروپا باید به تعهدات خود عمل کند")],
                 id="fa-colon-statement-runs-on-over-the-next-sentence-wrote-on-X"),
    pytest.param("عراقچی با لاوروف در مسکو دیدار کرد.\n"
                 "طرفین در این دیدار بر ضرورت توقف فوری جنگ در غزه تاکید کردند.",
                 [("abbas_araghchi", "بر ضرورت توقف فوری جنگ"), ("sergey_lavrov", "بر ضرورت توقف فوری جنگ")],
                 id="fa-joint-tarafein-both-sides-stressed-one-claim-each"),
    pytest.param("عراقچی، لاوروف و فیدان امروز در دوحه درباره سوریه رایزنی کردند.\n"
                 "وزرای خارجه سه کشور در پایان این نشست بر ضرورت آغاز گفتگوی سیاسی در سوریه تاکید کردند.",
                 [("abbas_araghchi", "بر ضرورت آغاز گفتگوی سیاسی"),
                  ("sergey_lavrov", "بر ضرورت آغاز گفتگوی سیاسی"),
                  ("hakan_fidan", "بر ضرورت آغاز گفتگوی سیاسی")],
                 id="fa-the-three-ministers-stressed-refers-to-the-three-named-before"),
    pytest.param("اسماعیل بقائی سخنگوی وزارت امور خارجه امروز در تهران با خبرنگاران دیدار کرد.\n"
                 "سخنگوی وزارت امور خارجه گفت: ما پیام‌ها را از طریق واسطه‌ها دریافت می‌کنیم.",
                 [("esmaeil_baghaei", "ما پیام‌ها را از طریق واسطه‌ها")],
                 id="fa-title-only-the-spokesman-said-is-the-spokesman-named-before"),
    pytest.param("عراقچی گفت: ایران آماده گفتگو است.\nکریمی نیز در این نشست گفت: این سفر نقطه عطفی است.",
                 [("abbas_araghchi", "ایران آماده گفتگو است")],
                 id="fa-unknown-Karimi-also-said-is-not-the-last-speaker"),
    pytest.param("عراقچی گفت: ایران آماده گفتگو است.\nآقای کریمی در این نشست گفت: این سفر نقطه عطفی است.",
                 [("abbas_araghchi", "ایران آماده گفتگو است")],
                 id="fa-unknown-Mr-Karimi-said-is-not-the-last-speaker"),
    pytest.param("مسعود پزشکیان با ولادیمیر پوتین دیدار کرد.\n"
                 "پوتین نیز در این دیدار با خوشامدگویی به پزشکیان گفت: روابط دو کشور رو به گسترش است.",
                 [("vladimir_putin", "روابط دو کشور رو به گسترش است")],
                 id="fa-Putin-also-welcoming-Pezeshkian-said-the-subject-before-nīz"),
    pytest.param("«ما به دنبال جنگ نیستیم»، عراقچی این را به خبرنگاران گفت.",
                 [("abbas_araghchi", "ما به دنبال جنگ نیستیم")],
                 id="fa-quote-first-then-Araghchi-said-this"),
]

PERSIAN_NOT_CLAIMS = [
    pytest.param("عراقچی با لاوروف در مسکو دیدار و گفت‌وگو کرد.",
                 id="fa-goft-o-gu-talks-is-not-goft-said"),
    pytest.param("عراقچی با لاوروف در مسکو دیدار کرد و دو طرف درباره سوریه گفت و گو کردند.",
                 id="fa-goft-o-gu-with-spaces-is-not-said"),
    pytest.param("به گفته عراقچی، در این دیدار درباره روابط دوجانبه و تحولات منطقه گفتگو شد.",
                 id="fa-according-to-him-the-meeting-discussed-is-not-a-statement"),
    pytest.param("سخنگوی وزارت خارجه گفت: عراقچی روز شنبه با لاوروف درباره سوریه گفت‌وگو کرد.",
                 id="fa-spokesman-says-a-call-took-place-is-not-a-statement"),
    pytest.param("ترامپ خروج آمریکا از برجام را اعلام کرد.",
                 id="fa-announced-the-withdrawal-an-act-not-a-statement"),
    pytest.param("سازمان ملل متحد اعلام کرد که کمک‌رسانی به غزه متوقف شده است.\nوی افزود: راه‌ها بسته است.",
                 id="fa-the-UN-announced-and-he-added-are-not-a-persons"),
]


@pytest.mark.parametrize(("text", "expected"), PERSIAN)
def test_claims_persian_constructions(resources, text, expected):
    assert_claims(extract_text(resources, "fa", text).claims, expected)


@pytest.mark.parametrize("text", PERSIAN_NOT_CLAIMS)
def test_claims_persian_not_statements(resources, text):
    assert said(extract_text(resources, "fa", text).claims) == []


ARABIC = [
    pytest.param("تلقى وزير الخارجية عبدالله علي اليحيا اتصالا هاتفيا اليوم. وأطلع عراقجي الوزير اليحيا على موقف "
                 "بلاده، فيما أكد الوزير اليحيا أن \"دولة الكويت تدعو إلى ضبط النفس\".",
                 [("abdullah_al_yahya", "تدعو إلى ضبط النفس")],
                 id="ar-akkada-al-Wazir-X-after-the-same-title-earlier-in-the-sentence"),
    pytest.param('وقال عراقجي إن "إيران لن تتخلى عن حلفائها في المنطقة".',
                 [("abbas_araghchi", "إيران لن تتخلى عن حلفائها")],
                 id="ar-verb-first-Araghchi-said-that"),
    pytest.param("وكان نبيه بري قد أكد خلال اللقاء، وفق بيان لمكتبه، أن الأولوية هي وقف العدوان فورا.",
                 [("nabih_berri", "الأولوية هي وقف العدوان")],
                 id="ar-Berri-had-stressed-during-the-meeting-according-to-a-statement-that"),
    pytest.param("وأكد فيدان ضرورة منع اتساع رقعة الصراع في المنطقة.",
                 [("hakan_fidan", "ضرورة منع اتساع رقعة الصراع")],
                 id="ar-nominal-complement-Fidan-stressed-the-need"),
    pytest.param("وشدد لافروف على ضرورة احترام سيادة سوريا ووحدة أراضيها.",
                 [("sergey_lavrov", "ضرورة احترام سيادة سوريا")],
                 id="ar-shaddada-ala-Lavrov-insisted-on-the-need"),
    pytest.param("وأشار هنية في الرسالة إلى أن عدد الشهداء تجاوز عشرة آلاف.",
                 [("ismail_haniyeh", "عدد الشهداء تجاوز عشرة آلاف")],
                 id="ar-ashara-ila-anna-Haniyeh-pointed-out-that"),
    pytest.param('قال عراقجي: "جئنا من أجل السلام في المنطقة".\nوأضاف: "نحن ندعم لبنان حكومة وشعبا".',
                 [("abbas_araghchi", "جئنا من أجل السلام"), ("abbas_araghchi", "نحن ندعم لبنان")],
                 id="ar-subjectless-wa-adafa-and-he-added"),
    pytest.param('وقال فيدان إن "تركيا تدعم وحدة سوريا".\nوأضافت المصادر أن الاتصال تناول العلاقات الثنائية.',
                 [("hakan_fidan", "تركيا تدعم وحدة سوريا")],
                 id="ar-feminine-adafat-the-sources-added-is-not-Fidan"),
    pytest.param('قال عراقجي: "جئنا من أجل السلام في المنطقة".\nوأضافت أن الاتصال تناول العلاقات الثنائية.',
                 [("abbas_araghchi", "جئنا من أجل السلام")],
                 id="ar-feminine-wa-adafat-she-added-after-a-man-is-not-his"),
    pytest.param("وصرح المتحدث باسم الخارجية بأن الوزير بدر عبد العاطي أكد خلال اتصاله "
                 "على خطورة التصعيد في المنطقة.",
                 [("badr_abdelatty", "خطورة التصعيد في المنطقة")],
                 id="ar-relayed-the-spokesman-said-that-minister-Abdelatty-stressed"),
    pytest.param('وقالت الخارجية الإيرانية في بيان إن عراقجي أكد أن "إيران لن تترك حلفاءها وحدهم".',
                 [("abbas_araghchi", "إيران لن تترك حلفاءها وحدهم")],
                 id="ar-relayed-the-ministry-said-that-Araghchi-stressed"),
    pytest.param("التقى عراقجي لافروف في موسكو اليوم.\nوأكد الجانبان أهمية الحل السياسي للأزمة في سوريا.",
                 [("abbas_araghchi", "أهمية الحل السياسي"), ("sergey_lavrov", "أهمية الحل السياسي")],
                 id="ar-joint-the-two-sides-stressed-one-claim-each-in-text-order"),
    pytest.param("التقى بدر عبد العاطي أيمن الصفدي في القاهرة اليوم.\n"
                 "وأكد الوزيران أن وقف الحرب على غزة هو المدخل الحقيقي للتهدئة.",
                 [("badr_abdelatty", "وقف الحرب على غزة"), ("ayman_safadi", "وقف الحرب على غزة")],
                 id="ar-joint-the-two-ministers-stressed-that"),
    pytest.param("التقى عباس عراقجي سيرغي لافروف وهاكان فيدان في الدوحة اليوم.\n"
                 "وأكد وزراء الخارجية الثلاثة ضرورة وقف القتال في سوريا فورا.",
                 [("abbas_araghchi", "ضرورة وقف القتال في سوريا"), ("sergey_lavrov", "ضرورة وقف القتال في سوريا"),
                  ("hakan_fidan", "ضرورة وقف القتال في سوريا")],
                 id="ar-the-three-foreign-ministers-stressed-singular-verb-plural-subject"),
    pytest.param('والتقى عراقجي رئيس مجلس النواب نبيه بري، الذي أكد أن "لبنان لن يتخلى عن أرضه".',
                 [("nabih_berri", "لبنان لن يتخلى عن أرضه")],
                 id="ar-relative-alladhi-Berri-who-stressed-that"),
    pytest.param('قال عباس عراقجي: "جئنا من أجل السلام".\nوقال الحمداني إن "المنطقة تحتاج إلى التهدئة".',
                 [("abbas_araghchi", "جئنا من أجل السلام")],
                 id="ar-said-Hamdani-a-name-kg-does-not-know-is-not-the-last-speaker"),
    pytest.param('قال عباس عراقجي: "جئنا من أجل السلام".\nوقال لاحقا إن "المنطقة تحتاج إلى التهدئة الآن".',
                 [("abbas_araghchi", "جئنا من أجل السلام"), ("abbas_araghchi", "المنطقة تحتاج إلى التهدئة")],
                 id="ar-and-he-said-later-an-adverb-is-not-a-name"),
    pytest.param("السوداني يستقبل لاريجاني ويؤكد رفض استخدام الأراضي العراقية للاعتداء على الجيران",
                 [("mohammed_shia_al_sudani", "رفض استخدام الأراضي العراقية")],
                 id="ar-Sudani-receives-Larijani-and-stresses-the-subject-not-the-object"),
    pytest.param('ونقلت وكالة تسنيم عن عباس عراقجي قوله إن "العلاقات مع روسيا استراتيجية".',
                 [("abbas_araghchi", "العلاقات مع روسيا استراتيجية")],
                 id="ar-the-agency-quoted-Araghchi-as-saying-qawlahu"),
    pytest.param('وقال عباس عراقجي إن بلاده لن تقبل الضغوط.\nوأضاف قائلا: "نحن مستعدون للحوار".',
                 [("abbas_araghchi", "بلاده لن تقبل الضغوط"), ("abbas_araghchi", "نحن مستعدون للحوار")],
                 id="ar-and-he-added-saying-qailan-is-not-a-name"),
    pytest.param('وقال وزير الخارجية التركي هاكان فيدان إن "تركيا تدعم الشعب السوري".\n'
                 'وأضاف الوزير التركي أن "وحدة الأراضي السورية خط أحمر".',
                 [("hakan_fidan", "تركيا تدعم الشعب السوري"), ("hakan_fidan", "وحدة الأراضي السورية خط أحمر")],
                 id="ar-and-the-Turkish-minister-added-goes-on-with-the-last-speaker"),
    pytest.param("استقبل رئيس الجمهورية عبد المجيد تبون رئيس دولة فلسطين محمود عباس في الجزائر.\n"
                 'وقال رئيس الجمهورية خلال اللقاء إن "الجزائر لن تدخر جهدا من أجل المصالحة".',
                 [("abdelmadjid_tebboune", "الجزائر لن تدخر جهدا")],
                 id="ar-the-President-of-the-Republic-is-the-one-the-article-called-so"),
    pytest.param('"إيران لا تسعى إلى الحرب مع أحد"، قال عراقجي للصحافيين.',
                 [("abbas_araghchi", "إيران لا تسعى إلى الحرب")],
                 id="ar-quote-first-then-said-Araghchi"),
    pytest.param('وقال عراقجي للصحافيين: "الحصار لن يمنعنا من الوقوف إلى جانب لبنان".',
                 [("abbas_araghchi", "الحصار لن يمنعنا")],
                 id="ar-said-to-journalists-before-the-colon"),
    pytest.param("عراقجي: إيران لن تترك حلفاءها وحدهم\n"
                 'وقال عراقجي في مؤتمر صحفي إن "إيران لن تترك حلفاءها وحدهم في مواجهة العدوان".',
                 [("abbas_araghchi", "في مواجهة العدوان")],
                 id="ar-headline-that-repeats-the-body-is-one-claim"),
]

ARABIC_NOT_CLAIMS = [
    pytest.param("وأعلنت الأمم المتحدة أن إيصال المساعدات إلى غزة توقف بالكامل.",
                 id="ar-the-UN-announced-is-not-a-persons-statement"),
    pytest.param("واستقبل نبيه بري عباس عراقجي في عين التينة، مؤكدا دعم لبنان للمقاومة.",
                 id="ar-participle-muakkidan-does-not-start-a-claim"),
]


@pytest.mark.parametrize(("text", "expected"), ARABIC)
def test_claims_arabic_constructions(resources, text, expected):
    assert_claims(extract_text(resources, "ar", text).claims, expected)


@pytest.mark.parametrize("text", ARABIC_NOT_CLAIMS)
def test_claims_arabic_not_statements(resources, text):
    assert said(extract_text(resources, "ar", text).claims) == []


@pytest.mark.parametrize(("language", "text"), [
    pytest.param("fa", "عراقچی امروز در مسکو با لاوروف دیدار کرد.\n"
                       "عراقچی در این دیدار گفت: روابط ایران و روسیه راهبردی است.",
                 id="fa-said-in-this-meeting-made-in-the-Moscow-meeting"),
    pytest.param("ar", "التقى عباس عراقجي سيرغي لافروف في موسكو اليوم.\n"
                       'وقال عراقجي خلال اللقاء إن "العلاقات بين إيران وروسيا استراتيجية".',
                 id="ar-said-during-the-meeting-made-in-the-Moscow-meeting"),
])
def test_claims_made_in_the_meeting_and_mentions(resources, language, text):
    extraction = extract_text(resources, language, text)
    meetings = [i for i in extraction.interactions if i.kind == "Meeting"]
    assert len(meetings) == 1 and set(meetings[0].participants) == {"abbas_araghchi", "sergey_lavrov"}
    (claim,) = extraction.claims
    assert claim.speakers == ("abbas_araghchi",)
    assert claim.interaction == meetings[0].local_id
    assert {"iran", "russia"} <= set(claim.mentions)


@pytest.mark.parametrize(("language", "text", "words"), [
    pytest.param("fa", "عراقچی گفت: ایران آماده گفتگو است.\nمذاکرات هفته آینده ادامه می‌یابد.\n"
                       "عراقچی در نشست خبری گفت: ایران آماده گفتگو است اما زیر بار فشار نمی‌رود.",
                 "زیر بار فشار نمی‌رود", id="fa-the-lead-statement-repeated-in-the-body-is-one-claim"),
    pytest.param("ar", 'وقال عراقجي إن "إيران مستعدة للحوار".\nوتستمر المحادثات الأسبوع المقبل.\n'
                       'وقال عراقجي في مؤتمر صحفي إن "إيران مستعدة للحوار لكنها لن تقبل الضغوط".',
                 "لن تقبل الضغوط", id="ar-the-lead-statement-repeated-in-the-body-is-one-claim"),
])
def test_claims_same_statement_twice_is_one_claim_with_the_longer_wording(resources, language, text, words):
    claims = extract_text(resources, language, text).claims
    assert len(claims) == 1 and words in claims[0].text


def test_claims_text_is_at_most_600_characters(resources):
    clause = "ایران از همه ابتکارهای منطقه‌ای برای توقف جنگ و ارسال کمک به مردم غزه حمایت می‌کند"
    long = "، ".join([clause] * 12)
    (claim,) = extract_text(resources, "fa", f"عراقچی گفت: {long}.").claims
    assert len(claim.text) <= 600 and claim.text.startswith("ایران")
