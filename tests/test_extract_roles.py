"""kg.extract.roles (and title resolution in kg.extract.chunks): who holds which post, as the article says."""

from __future__ import annotations

import pytest
from extract_fixtures import Told, read, roles, told

from kg.extract.actors import new_actor_key

AMANI = new_actor_key("مجتبی امانی")


@pytest.mark.parametrize(("language", "published", "text", "expected"), [
    # apposition: the name before its title (Persian), the title before the name (Arabic, and Persian too)
    pytest.param("fa", "2024-10-10", "عباس عراقچی وزیر امور خارجه کشورمان با بدر البوسعیدی وزیر خارجه عمان "
                                     "دیدار کرد.",
                 {("abbas_araghchi", "foreign_minister", "iran", False),
                   ("badr_albusaidi", "foreign_minister", "oman", False)},
                 id="fa-Araghchi-vazir-e-kharejeh-name-then-title-of-Iran-and-of-Oman"),
    pytest.param("fa", "2024-10-20", "مسعود پزشکیان رئیس\u200cجمهور کشورمان با ولادیمیر پوتین دیدار کرد.",
                 {("masoud_pezeshkian", "president", "iran", False)},
                 id="fa-rais-ZWNJ-jomhur-president-with-ZWNJ"),
    pytest.param("fa", "2024-10-20", "مسعود پزشکیان رئیسجمهور کشورمان با ولادیمیر پوتین دیدار کرد.",
                 {("masoud_pezeshkian", "president", "iran", False)},
                 id="fa-raisjomhur-president-ZWNJ-dropped"),
    pytest.param("fa", "2024-06-20", "رئیس دفتر سیاسی حماس اسماعیل هنیه با علی باقری کنی دیدار کرد.",
                 {("ismail_haniyeh", "head_of_political_bureau", "hamas", False)},
                 id="fa-raees-e-daftar-e-siasi-Haniyeh-title-then-name"),
    pytest.param("ar", "2023-12-05", "استقبل الرئيس السوري بشار الأسد وزير الخارجية الإيراني حسين أمير عبد "
                                     "اللهيان في دمشق.",
                 {("bashar_al_assad", "president", "syria", False),
                   ("hossein_amir_abdollahian", "foreign_minister", "iran", False)},
                 id="ar-al-Rais-al-Suri-Assad-title-nisba-then-name"),
    pytest.param("ar", "2024-10-10", "التقى عراقجي رئيس الجمهورية اللبنانية جوزاف عون في بيروت.",
                 {("joseph_aoun", "president", "lebanon", False)},
                 id="ar-Rais-al-Jumhuriya-al-Lubnaniya-Aoun"),
    # acting: سرپرست / القائم بأعمال / بالإنابة
    pytest.param("fa", "2024-06-20",
                 "علی باقری سرپرست وزارت امور خارجه با اسماعیل هنیه رئیس دفتر سیاسی حماس در دوحه دیدار کرد.",
                 {("ali_bagheri_kani", "foreign_minister", "iran", True),
                   ("ismail_haniyeh", "head_of_political_bureau", "hamas", False)},
                 id="fa-sarparast-e-vezarat-acting-foreign-minister"),
    pytest.param("ar", "2024-06-20", "التقى القائم بأعمال وزير الخارجية الإيراني علي باقري كني رئيس المكتب "
                                     "السياسي "
                 "لحركة حماس إسماعيل هنية في الدوحة.",
                 {("ali_bagheri_kani", "foreign_minister", "iran", True),
                   ("ismail_haniyeh", "head_of_political_bureau", "hamas", False)},
                 id="ar-al-Qaim-bi-Amal-acting-foreign-minister"),
    pytest.param("ar", "2024-06-20", "التقى وزير الخارجية الإيراني بالإنابة علي باقري كني إسماعيل هنية في "
                                     "الدوحة.",
                 {("ali_bagheri_kani", "foreign_minister", "iran", True)},
                 id="ar-bil-Inaba-after-the-title-acting"),
    # deputy: معاون / نائب / مساعد
    pytest.param("fa", "2023-11-01", "سرگئی ریابکوف معاون وزیر خارجه روسیه با علی باقری کنی دیدار کرد.",
                 {("sergey_ryabkov", "deputy_foreign_minister", "russia", False)},
                 id="fa-moaven-e-vazir-e-kharejeh-Rusiyeh-deputy-foreign-minister-of-Russia"),
    pytest.param("fa", "2024-06-20", "علی نیکزاد معاون رئیس مجلس شورای اسلامی با نبیه بری دیدار کرد.",
                 {(new_actor_key("علی نیکزاد"), "deputy_parliament_speaker", "iran", False)},
                 id="fa-moaven-e-raees-e-majles-deputy-speaker"),
    pytest.param("ar", "2024-03-15", "استقبل نائب وزير الخارجية الروسي ميخائيل بوغدانوف نائب رئيس المكتب "
                                     "السياسي "
                 "لحركة حماس موسى أبو مرزوق في موسكو.",
                 {("mikhail_bogdanov", "deputy_foreign_minister", "russia", False),
                   ("mousa_abu_marzouk", "deputy_head_of_political_bureau", "hamas", False)},
                 id="ar-Naib-Wazir-al-Kharijiya-al-Rusi-deputy-foreign-minister"),
    pytest.param("ar", "2024-10-10", "استقبل نائب رئيس مجلس النواب اللبناني إلياس بو صعب السفير الإيراني "
                                     "مجتبى أماني.",
                 {(new_actor_key("إلياس بو صعب"), "deputy_parliament_speaker", "lebanon", False),
                   (AMANI, "ambassador", "iran", False)},
                 id="ar-Naib-Rais-Majlis-al-Nuwwab-deputy-speaker-and-al-Safir-al-Irani"),
    pytest.param("ar", "2024-03-15", "التقى مساعد وزير الخارجية الإيراني علي أصغر خاجي المبعوث الأممي هانس "
                                     "غروندبرغ "
                 "في مسقط.",
                 {(new_actor_key("علي أصغر خاجي"), "assistant_foreign_minister", "iran", False),
                   ("hans_grundberg", "special_envoy", "united_nations", False)},
                 id="ar-Musaid-Wazir-al-Kharijiya-assistant-minister-and-UN-envoy"),
    # «کشورمان» / «بلادنا»: the publisher's country; the nisba الإيراني
    pytest.param("fa", "2024-06-20", "به گزارش خبرگزاری مهر، کاظم جلالی سفیر کشورمان در روسیه با میخائیل "
                                     "بوگدانوف "
                 "دیدار کرد.",
                 {("kazem_jalali", "ambassador", "iran", False)},
                 id="fa-safir-e-keshvareman-our-ambassador-Mehr"),
    pytest.param("ar", "2024-10-10", "الميادين\nقال وزير خارجية بلادنا عبد الله بو حبيب إن لبنان يريد وقف "
                                     "إطلاق النار.",
                 {("abdallah_bou_habib", "foreign_minister", "lebanon", False)},
                 id="ar-Wazir-Kharijiyat-Biladina-our-minister-in-a-Lebanese-outlet"),
    pytest.param("ar", "2023-11-01", "التقى علي باقري كني موسى أبو مرزوق في موسكو بحضور السفير الإيراني كاظم "
                                     "جلالي.",
                 {("kazem_jalali", "ambassador", "iran", False)}, id="ar-al-Safir-al-Irani-nisba-Iranian"),
    # former: سابق / السابق — not asserted
    pytest.param("fa", "2024-09-22", "محمدجواد ظریف وزیر امور خارجه سابق گفت مذاکرات ادامه دارد.", set(),
                 id="fa-vazir-e-kharejeh-ye-sabegh-former-minister-not-a-role"),
    pytest.param("ar", "2024-09-22", "قال وزير الخارجية الإيراني السابق محمد جواد ظريف إن المحادثات مستمرة.",
                 set(),
                 id="ar-Wazir-al-Kharijiya-al-Sabiq-former-minister-not-a-role"),
    # coordinated titles of one person
    pytest.param("fa", "2023-10-07", "میخائیل بوگدانوف نماینده ویژه رئیس‌جمهور روسیه در امور خاورمیانه و "
                                     "آفریقا و "
                 "معاون وزیر خارجه روسیه با موسی ابومرزوق دیدار کرد.",
                 {("mikhail_bogdanov", "special_envoy", "russia", False),
                   ("mikhail_bogdanov", "deputy_foreign_minister", "russia", False)},
                 id="fa-namayandeh-ye-vizheh-va-moaven-e-vazir-two-titles-of-Bogdanov"),
    pytest.param("ar", "2023-10-15", "التقى المبعوث الخاص للرئيس الروسي إلى الشرق الأوسط ونائب وزير الخارجية "
                                     "ميخائيل "
                 "بوغدانوف موسى أبو مرزوق في موسكو.",
                 {("mikhail_bogdanov", "special_envoy", "russia", False),
                   ("mikhail_bogdanov", "deputy_foreign_minister", "russia", False)},
                 id="ar-al-Mabuth-al-Khass-wa-Naib-al-Wazir-two-titles-of-Bogdanov"),
    # Arabic plural and dual: each holder with their own nisba
    pytest.param("ar", "2023-12-07", "أكد الرئيسين الإيراني إبراهيم رئيسي، والروسي فلاديمير بوتين على أهمية "
                                     "التعاون.",
                 {("ebrahim_raisi", "president", "iran", False),
                  ("vladimir_putin", "president", "russia", False)},
                 id="ar-al-Raisayn-al-Irani-wal-Rusi-dual-genitive"),
    pytest.param("ar", "2023-12-07", "بحث الرئيسان الإيراني إبراهيم رئيسي والروسي فلاديمير بوتين العلاقات "
                                     "الثنائية.",
                 {("ebrahim_raisi", "president", "iran", False),
                  ("vladimir_putin", "president", "russia", False)},
                 id="ar-al-Raisan-al-Irani-wal-Rusi-dual-nominative"),
    # not a statement of a post
    pytest.param("ar", "2024-06-20", "وأطلع هنية الوزير الإيراني على آخر التطورات.", set(),
                 id="ar-Haniyeh-briefed-al-Wazir-al-Irani-object-not-apposition"),
    pytest.param("ar", "2024-10-10", "استقبل دولة الرئيس نبيه بري السفير الإيراني مجتبى أماني.",
                 {(AMANI, "ambassador", "iran", False)},
                 id="ar-Dawlat-al-Rais-Berri-form-of-address-not-a-post"),
    # two titles in a row belong to two people
    pytest.param("ar", "2024-11-10", "قال السفير الإيراني مجتبى أماني إن الدعم مستمر. والتقى السفير الإيراني "
                                     "الأمين "
                 "العام لحزب الله نعيم قاسم.",
                 {(AMANI, "ambassador", "iran", False),
                  ("naim_qassem", "secretary_general", "hezbollah", False)},
                 id="ar-al-Safir-met-al-Amin-al-Amm-Qassem-subject-title-then-object-title"),
    pytest.param("ar", "2024-10-10", "قال الأمين العام المساعد للجامعة العربية حسام زكي إن الاجتماع مهم. "
                                     "والتقى الأمين "
                 "العام المساعد للجامعة العربية رئيس الحكومة نجيب ميقاتي في بيروت.",
                 {(new_actor_key("حسام زكي"), "deputy_secretary_general", "arab_league", False),
                   ("najib_mikati", "prime_minister", "lebanon", False)},
                 id="ar-Zaki-met-Rais-al-Hukuma-Mikati-subject-title-then-object-title"),
    pytest.param("ar", "2024-10-10", "التقى وزير الخارجية الإيراني عباس عراقجي نظيره العماني بدر البوسعيدي "
                                     "في مسقط.",
                 {("abbas_araghchi", "foreign_minister", "iran", False),
                   ("badr_albusaidi", "foreign_minister", "oman", False)},
                 id="ar-Naziruhu-al-Umani-his-Omani-counterpart"),
    # a brief («لشؤون آسيا»), a diplomat's rank before the name («السفير»), a principal («لرئيس المجلس»)
    pytest.param("ar", "2024-10-10", "واستقبل مساعد وزير الخارجية لشؤون آسيا السفير سميح جوهر حيات سفير إيران "
                                     "لدى الكويت محمد توتونجي.",
                 {(new_actor_key("سميح جوهر حيات"), "assistant_foreign_minister", None, False),
                  (new_actor_key("محمد توتونجي"), "ambassador", "iran", False)},
                 id="ar-Musaid-Wazir-li-Shuun-Asia-al-Safir-rank-is-not-a-second-post"),
    pytest.param("ar", "2024-10-10", "وحضر اللقاء المستشار الإعلامي لرئيس المجلس علي حمدان.",
                 {(new_actor_key("علي حمدان"), "adviser", None, False)},
                 id="ar-al-Mustashar-al-Ilami-li-Rais-al-Majlis-Ali-is-a-name-not-ala"),
    pytest.param("ar", "2023-10-26", "استقبل حسن نصرالله نائب رئيس المكتب السياسي لحركة «حماس» الشيخ صالح "
                                     "العاروري والأمين العام لحركة الجهاد الإسلامي زياد النخالة.",
                 {("saleh_al_arouri", "deputy_head_of_political_bureau", "hamas", False),
                  ("ziyad_al_nakhalah", "secretary_general", "pij", False)},
                 id="ar-li-Harakat-quoted-Hamas-then-the-name-each-title-to-its-own-holder"),
    pytest.param("ar", "2024-10-10", "حضر الاستقبال الأمير فيصل بن فرحان بن عبد الله وزير الخارجية، والدكتور مساعد "
                                     "بن محمد العيبان وزير الدولة مستشار الأمن الوطني.",
                 {("faisal_bin_farhan", "foreign_minister", "saudi_arabia", False),
                  (new_actor_key("مساعد بن محمد العيبان"), "minister_of_state", None, False),
                  (new_actor_key("مساعد بن محمد العيبان"), "national_security_adviser", None, False)},
                 id="ar-name-title-then-wa-al-Duktur-name-title-a-list-of-people-each-with-their-posts"),
])
def test_roles_stated_in_the_article(resources, language, published, text, expected):
    assert roles(read(resources, language, text, published)) == expected


def test_roles_dated_and_evidenced(resources):
    """A role is attested on the article's date, with the sentence and the apposition rule that gave it."""
    text = "عباس عراقچی وزیر امور خارجه کشورمان با بدر البوسعیدی دیدار کرد."
    (role,) = read(resources, "fa", text, "2024-10-10").roles
    assert (role.text, role.date) == ("وزیر امور خارجه کشورمان", "2024-10-10")
    assert (role.evidence.sentence, role.evidence.rule) == (text, "role.fa.apposition-before")


@pytest.mark.parametrize(("published", "warned"), [
    pytest.param("2024-10-10", True, id="ar-Aoun-president-before-his-election-contradicts-the-KB"),
    pytest.param("2025-02-01", False, id="ar-Aoun-president-after-his-election-agrees-with-the-KB"),
])
def test_roles_checked_against_knowledge_base(resources, published, warned):
    extraction = read(resources, "ar", "التقى عراقجي رئيس الجمهورية اللبنانية جوزاف عون في بيروت.", published)
    assert any("joseph_aoun" in w and "contradicts" in w for w in extraction.warnings) == warned


# --- a title standing alone for its holder ----------------------------------------------------------------


@pytest.mark.parametrize(("language", "published", "text", "expected"), [
    pytest.param("fa", "2024-06-20", "سرپرست وزارت امور خارجه در دیدار با رئیس دفتر سیاسی حماس در دوحه گفت "
                                     "مقاومت "
                 "پیروز است.",
                 [Told("Meeting", ("ali_bagheri_kani", "ismail_haniyeh"), "doha")],
                 id="fa-sarparast-met-raees-e-daftar-KB-holders-in-June-2024"),
    pytest.param("ar", "2024-06-20", "التقى وزير الخارجية الإيراني بالإنابة رئيس المكتب السياسي لحركة حماس "
                                     "في الدوحة.",
                 [Told("Meeting", ("ali_bagheri_kani", "ismail_haniyeh"), "doha")],
                 id="ar-al-Wazir-bil-Inaba-met-Rais-al-Maktab-KB-holders-in-June-2024"),
    pytest.param("fa", "2023-12-05", "وزیر امور خارجه کشورمان با فیصل مقداد در دمشق دیدار کرد.",
                 [Told("Meeting", ("faisal_mekdad", "hossein_amir_abdollahian"), "damascus")],
                 id="fa-vazir-e-kharejeh-ye-keshvareman-in-Dec-2023-is-Amir-Abdollahian"),
    pytest.param("fa", "2024-10-10", "وزیر امور خارجه کشورمان با فیصل مقداد در دمشق دیدار کرد.",
                 [Told("Meeting", ("abbas_araghchi", "faisal_mekdad"), "damascus")],
                 id="fa-vazir-e-kharejeh-ye-keshvareman-in-Oct-2024-is-Araghchi"),
    pytest.param("fa", "2024-10-10", "مجتبی امانی سفیر کشورمان در لبنان گفت حمایت ادامه دارد. سفیر کشورمان "
                                     "سپس با "
                 "نعیم قاسم دیدار کرد.",
                 [Told("Meeting", ("naim_qassem", AMANI))],
                 id="fa-safir-e-keshvareman-later-is-the-ambassador-the-article-named"),
    pytest.param("ar", "2024-11-10", "قال السفير الإيراني مجتبى أماني إن الدعم مستمر. والتقى السفير الإيراني "
                                     "الأمين "
                 "العام لحزب الله نعيم قاسم.",
                 [Told("Meeting", ("naim_qassem", AMANI))],
                 id="ar-al-Safir-al-Irani-later-is-the-ambassador-the-article-named"),
])
def test_roles_title_alone_stands_for_its_holder(resources, language, published, text, expected):
    assert told(read(resources, language, text, published)) == expected


def test_roles_title_alone_resolved_holder_gets_the_role(resources):
    """«سخنگوی وزارت امور خارجه گفت»: the spokesman on the article's date, from the knowledge base."""
    extraction = read(resources, "fa", "سخنگوی وزارت امور خارجه گفت مذاکرات ادامه دارد.", "2024-10-20")
    assert roles(extraction) == {("esmaeil_baghaei", "foreign_ministry_spokesperson", "iran", False)}
    assert extraction.roles[0].evidence.rule == "role.fa.knowledge_base"
