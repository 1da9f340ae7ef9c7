"""kg.extract.actors: knowledge-base names in any spelling, surnames in context, people found in the text."""

from __future__ import annotations

import pytest
from extract_fixtures import actor_keys, persons, read, source

from kg.extract.actors import find_known_actors, new_actor_key
from kg.extract.pipeline import make_document

DAY = "2024-10-10"


# --- knowledge-base names: spelling variants, ZWNJ and spaces, Arabic proclitics ------------------------


@pytest.mark.parametrize(("language", "text", "expected"), [
    pytest.param("fa", "محمدجواد ظریف با فدریکا موگرینی در وین دیدار کرد.",
                 {"mohammad_javad_zarif", "federica_mogherini"},
                 id="fa-Zarif-ba-Mogherini-didar-kard-Zarif-met-Mogherini"),
    pytest.param("fa", "محمد جواد ظریف با فدریکا موگرینی در وین دیدار کرد.",
                 {"mohammad_javad_zarif", "federica_mogherini"}, id="fa-Mohammad-Javad-written-apart"),
    pytest.param("fa", "محمدجواد ظريف با فدريكا موگريني در وين ديدار كرد.",
                 {"mohammad_javad_zarif", "federica_mogherini"}, id="fa-Arabic-yeh-and-kaf-in-Persian-text"),
    pytest.param("fa", "هاشم صفی\u200cالدین گفت مقاومت ادامه دارد.", {"hashem_safieddine"},
                 id="fa-Safi-ZWNJ-eddin-Safieddine-said"),
    pytest.param("fa", "هاشم صفی الدین گفت مقاومت ادامه دارد.", {"hashem_safieddine"},
                 id="fa-Safi-space-eddin-ZWNJ-written-as-space"),
    pytest.param("fa", "هاشم صفیالدین گفت مقاومت ادامه دارد.", {"hashem_safieddine"},
                 id="fa-Safieddin-ZWNJ-dropped-by-the-scraper"),
    pytest.param("fa", "حسین امیر\u200cعبداللهیان گفت مقاومت ادامه دارد.", {"hossein_amir_abdollahian"},
                 id="fa-Amir-ZWNJ-Abdollahian-where-the-KB-writes-one-word"),
    pytest.param("ar", "التقى عراقجي وبوتين في موسكو.", {"abbas_araghchi", "vladimir_putin"},
                 id="ar-wa-Putin-and-Putin-proclitic-wa"),
    pytest.param("ar", "التقى عراقجي بلافروف في موسكو.", {"abbas_araghchi", "sergey_lavrov"},
                 id="ar-bi-Lavrov-met-with-Lavrov-proclitic-bi"),
    pytest.param("ar", "التقى عَبّاس عِراقْجي سيرغي لافروف في موسكو.", {"abbas_araghchi", "sergey_lavrov"},
                 id="ar-harakat-on-Abbas-Araghchi-ignored"),
    pytest.param("ar", "وأكد إسماعيل هنيه أن المقاومة صامدة.", {"ismail_haniyeh"},
                 id="ar-Haniyeh-with-ha-for-ta-marbuta"),
])
def test_actors_known_names_in_every_spelling(resources, language, text, expected):
    assert persons(read(resources, language, text, DAY)) == expected


@pytest.mark.parametrize(("language", "text", "organisation"), [
    pytest.param("ar", "قدم عراقجي الشكر للأمم المتحدة على جهودها.", "united_nations",
                 id="ar-lil-Umam-to-the-United-Nations-li-plus-al"),
    pytest.param("ar", "التقى عراقجي الأمين العام لحزب الله نعيم قاسم في بيروت.", "hezbollah",
                 id="ar-li-Hizb-Allah-of-Hezbollah-proclitic-li"),
    pytest.param("ar", "وأشاد عراقجي بحركة حماس.", "hamas", id="ar-bi-Harakat-Hamas-proclitic-bi"),
    pytest.param("fa", "عراقچی از سازمان ملل متحد خواست جنگ را متوقف کند.", "united_nations",
                 id="fa-Sazman-e-Melal-the-United-Nations"),
])
def test_actors_organisations_behind_proclitics(resources, language, text, organisation):
    assert organisation in actor_keys(read(resources, language, text, DAY))


# --- surnames alone: only with context -----------------------------------------------------------------


@pytest.mark.parametrize(("language", "text", "expected"), [
    pytest.param("fa", "علی لاریجانی با نبیه بری دیدار کرد. لاریجانی گفت همکاری مهم است.",
                 {"ali_larijani", "nabih_berri"}, id="fa-Larijani-said-after-the-full-name"),
    pytest.param("fa", "میشل عون با عراقچی دیدار کرد. عون گفت لبنان تنها نیست.",
                 {"michel_aoun", "abbas_araghchi"}, id="fa-Aoun-said-is-Michel-after-Michel-Aoun"),
    pytest.param("fa", "عون گفت لبنان تنها نیست.", set(),
                 id="fa-Aoun-said-alone-Michel-or-Joseph-unresolved"),
    pytest.param("ar", "التقى عراقجي نبيه بري. وقال بري إن لبنان ليس وحده.",
                 {"abbas_araghchi", "nabih_berri"}, id="ar-wa-qala-Berri-after-Nabih-Berri"),
    pytest.param("ar", "وقال ماجد الأنصاري إن المفاوضات متوقفة. وأضاف الأنصاري أن الوسطاء يواصلون جهودهم.",
                 {"majed_al_ansari"}, id="ar-al-Ansari-added-after-Majed-al-Ansari"),
    pytest.param("ar", "قال سلام إن التعاون مهم.", set(),
                 id="ar-Salam-said-alone-Nawaf-or-Tammam-or-peace"),
    pytest.param("ar", "التقى عراقجي بري في بيروت.", {"abbas_araghchi", "nabih_berri"},
                 id="ar-Araghchi-met-Berri-surname-alone"),
    pytest.param("ar", "جرى اتصال هاتفي بين عبد اللهيان وإسماعيل هنية.",
                 {"hossein_amir_abdollahian", "ismail_haniyeh"}, id="ar-Abd-Allahian-two-word-surname-alone"),
])
def test_actors_short_surnames_need_context(resources, language, text, expected):
    assert persons(read(resources, language, text, DAY)) == expected


# --- a first name spelt otherwise, or another person's first name ---------------------------------------


@pytest.mark.parametrize(("language", "text", "actor", "surface"), [
    pytest.param("fa", "سرگی لاوروف با عراقچی دیدار کرد.", "sergey_lavrov", "سرگی لاوروف",
                 id="fa-Sergi-Lavrov-for-Sergei-Lavrov"),
    pytest.param("fa", "میخاییل بوگدانوف با عراقچی دیدار کرد.", "mikhail_bogdanov", "میخاییل بوگدانوف",
                 id="fa-Mikhayil-Bogdanov-for-Mikhail-Bogdanov"),
    pytest.param("ar", "التقى عراقجي سيرغيه لافروف في موسكو.", "sergey_lavrov", "سيرغيه لافروف",
                 id="ar-Sirghiyeh-Lavrov-one-letter-added"),
    pytest.param("ar", "التقى عراقجي ميخايل بوغدانوف في موسكو.", "mikhail_bogdanov", "ميخايل بوغدانوف",
                 id="ar-Mikhayl-Bogdanov-hamza-seat-dropped"),
])
def test_actors_first_name_spelt_differently(resources, language, text, actor, surface):
    """The first name before a known surname joins the name (one letter added, dropped or changed)."""
    doc = make_document(source(text), resources, language)
    spans = find_known_actors(doc, resources.language(language), resources)
    assert [(s.actor, s.label) for s in spans if s.actor == actor] == [(actor, surface)]


def test_actors_record_keeps_the_spelling_found(resources):
    extraction = read(resources, "fa", "سرگی لاوروف با عراقچی دیدار کرد.", DAY)
    lavrov = next(a for a in extraction.actors if a.key == "sergey_lavrov")
    assert ("fa", "سرگی لاوروف") in lavrov.labels


def test_actors_other_first_name_before_known_surname_is_another_person(resources):
    """«طارق علي فرج الأنصاري» is an ambassador, not Majed al-Ansari (known as «الأنصاري»)."""
    extraction = read(resources, "ar", "وقال السفير طارق علي فرج الأنصاري إن المفاوضات متوقفة.", DAY)
    assert persons(extraction) == {new_actor_key("طارق علي فرج الأنصاري")}


def test_actors_longer_lineage_of_a_known_name_is_that_person(resources):
    """«محمد بن عبدالعزيز بن صالح الخليفي»: the knowledge base's first name and surname, one more «بن»."""
    extraction = read(resources, "ar", "واجتمع الدكتور محمد بن عبدالعزيز بن صالح الخليفي مع السفير الإيراني اليوم.",
                      DAY)
    assert persons(extraction) == {"mohammed_al_khulaifi"}


# --- people in no list, found next to a title ----------------------------------------------------------


@pytest.mark.parametrize(("language", "text", "expected"), [
    pytest.param("fa", "بهروز کمالوندی سخنگوی سازمان انرژی اتمی گفت همکاری ادامه دارد.",
                 {"new:بهروزکمالوندی"}, id="fa-Kamalvandi-sokhangu-name-then-title-spokesman"),
    pytest.param("fa", "«مجتبی امانی» سفیر کشورمان در لبنان گفت حمایت ادامه دارد.",
                 {"new:مجتبیامانی"}, id="fa-quoted-Amani-safir-name-in-guillemets-then-title"),
    pytest.param("fa", "سفیر کشورمان در لبنان مجتبی امانی گفت حمایت ادامه دارد.",
                 {"new:مجتبیامانی"}, id="fa-safir-dar-Lobnan-Amani-title-then-name"),
    pytest.param("fa", "هیئت حماس به ریاست محمد درویش با عراقچی دیدار کرد.",
                 {"new:محمددرویش", "abbas_araghchi"}, id="fa-be-riasat-Darwish-delegation-headed-by"),
    pytest.param("ar", "التقى عراقجي وفد حماس برئاسة محمد درويش في الدوحة.",
                 {"new:محمددرویش", "abbas_araghchi"}, id="ar-bi-riasat-Darwish-delegation-headed-by"),
    pytest.param("ar", "قال الأمين العام المساعد للجامعة العربية حسام زكي إن الاجتماع مهم.",
                 {"new:حسامزکی"}, id="ar-al-Amin-al-Amm-al-Musaid-Hossam-Zaki-title-then-given-name"),
    pytest.param("ar", "قال السفير الإيراني في لبنان مجتبى أماني إن الدعم مستمر.",
                 {"new:مجتبیامانی"}, id="ar-al-Safir-fi-Lubnan-Amani-title-place-then-name"),
    pytest.param("fa", "مجتبی امانی سفیر ایران در لبنان با نعیم قاسم دیدار کرد. امانی گفت حمایت ادامه دارد.",
                 {"new:مجتبیامانی", "naim_qassem"}, id="fa-Amani-goft-surname-later-is-the-same-person"),
    pytest.param("fa", "سفیر کشورمان در لبنان گفت حمایت ادامه دارد.", set(),
                 id="fa-safir-goft-title-without-a-name-finds-nobody"),
    pytest.param("ar", "قال السفير الإيراني إن الدعم مستمر.", set(),
                 id="ar-qala-al-Safir-title-without-a-name-finds-nobody"),
])
def test_actors_discovered_next_to_titles(resources, language, text, expected):
    assert persons(read(resources, language, text, DAY)) == expected


def test_actors_discovered_person_record(resources):
    """A discovered person is a Person outside the knowledge base, labelled as written, with its sentence."""
    text = "«مجتبی امانی» سفیر کشورمان در لبنان گفت حمایت ادامه دارد."
    extraction = read(resources, "fa", text, DAY)
    actor = next(a for a in extraction.actors if a.key == "new:مجتبیامانی")
    assert (actor.type, actor.in_knowledge_base, actor.labels) == ("Person", False, (("fa", "مجتبی امانی"),))
    assert 0.6 <= actor.confidence < 1.0
    assert actor.evidence is not None and actor.evidence.sentence == text
    assert actor.evidence.rule == "actor.discovered"


# --- one key for the Persian and Arabic spellings of a discovered name -----------------------------------


@pytest.mark.parametrize(("persian", "arabic"), [
    pytest.param("مجتبی امانی", "مجتبى أماني", id="Mojtaba-Amani-ye-and-alif-maqsura"),
    pytest.param("محمد درویش", "محمد درويش", id="Mohammad-Darwish-Persian-and-Arabic-yeh"),
    pytest.param("خلیل الحیه", "خليل الحية", id="Khalil-al-Hayya-ta-marbuta"),
    pytest.param("حیه", "الحية", id="Hayya-and-al-Hayya-article-dropped"),
    pytest.param("عبداللهیان", "عبد اللهيان", id="Abdollahian-one-word-and-two"),
    pytest.param("عبداللطیف القانوع", "عبد اللطيف القانوع", id="Abdellatif-al-Qanou-Abd-written-apart"),
])
def test_actors_one_key_for_persian_and_arabic_spellings(persian, arabic):
    assert new_actor_key(persian) == new_actor_key(arabic)


def test_actors_given_name_starting_with_al_is_kept():
    assert new_actor_key("إلياس بو صعب") != new_actor_key("ياس بو صعب")


def test_actors_article_al_not_stripped_inside_a_word():
    """گالوزین (Galuzin) has ال inside, not as an article."""
    assert new_actor_key("میخائیل گالوزین") == "new:میخاییلگالوزین"
