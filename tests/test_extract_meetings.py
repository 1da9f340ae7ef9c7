"""kg.extract.meetings: who met, called or visited whom, where, when and with whom present."""

from __future__ import annotations

import pytest
from extract_fixtures import Told, read, told

from kg.extract.actors import new_actor_key

ABK, ARAGHCHI, BERRI, MIKATI = "ali_bagheri_kani", "abbas_araghchi", "nabih_berri", "najib_mikati"
FIDAN, ABDOLLAHIAN, HANIYEH = "hakan_fidan", "hossein_amir_abdollahian", "ismail_haniyeh"


def meeting(*participants: str, **details) -> Told:
    return Told("Meeting", tuple(sorted(participants)), **details)


def call(*participants: str, **details) -> Told:
    return Told("PhoneCall", tuple(sorted(participants)), **details)


def visit(guest: str, host: str, place: str, date: str | None = None) -> Told:
    return Told("Visit", tuple(sorted((guest, host))), place, date, host=host, guest=guest)


CASES = [
    # --- who: verb and noun constructions ------------------------------------------------------------------
    pytest.param("fa", "2023-11-01", "علی باقری کنی با سرگئی لاوروف در مسکو دیدار کرد.",
                 [meeting(ABK, "sergey_lavrov", place="moscow")],
                 id="fa-X-ba-Y-didar-kard-X-met-Y"),
    pytest.param("fa", "2024-10-10", "عراقچی با نجیب میقاتی و نبیه بری دیدار کرد.",
                 [meeting(ARAGHCHI, MIKATI, BERRI)], id="fa-X-ba-Y-va-Z-didar-kard-X-met-Y-and-Z"),
    pytest.param("fa", "2024-10-20", "عباس عراقچی در دیدار با نبیه بری در بیروت گفت لبنان تنها نیست.",
                 [meeting(ARAGHCHI, BERRI, place="beirut")], id="fa-dar-didar-ba-Y-goft-in-a-meeting-with-Y"),
    pytest.param("fa", "2024-10-20", "دیدار عباس عراقچی با رجب طیب اردوغان در استانبول",
                 [meeting(ARAGHCHI, "recep_tayyip_erdogan", place="istanbul")],
                 id="fa-headline-didar-X-ba-Y-meeting-of-X-with-Y"),
    pytest.param("fa", "2024-10-20", "دیدار میان عباس عراقچی و هاکان فیدان در استانبول برگزار شد.",
                 [meeting(ARAGHCHI, FIDAN, place="istanbul")], id="fa-didar-miyan-X-va-Y-meeting-between"),
    pytest.param("fa", "2024-10-20", "وزرای امور خارجه ترکیه و عمان با عباس عراقچی در استانبول دیدار کردند.",
                 [meeting(ARAGHCHI, FIDAN, "badr_albusaidi", place="istanbul")],
                 id="fa-vozaraye-kharejeh-Torkiyeh-va-Oman-the-two-ministers-of-the-day"),
    pytest.param("fa", "2024-10-20", "عباس عراقچی و هاکان فیدان در استانبول دیدار کردند.",
                 [meeting(ARAGHCHI, FIDAN, place="istanbul")], id="fa-X-va-Y-didar-kardand-X-and-Y-met"),
    pytest.param("fa", "2024-10-20", "رجب طیب اردوغان عباس عراقچی را به حضور پذیرفت.",
                 [meeting(ARAGHCHI, "recep_tayyip_erdogan", host="recep_tayyip_erdogan", guest=ARAGHCHI)],
                 id="fa-X-Y-ra-be-hozur-paziroft-X-received-Y"),
    pytest.param("ar", "2024-10-10", "التقى وزير الخارجية الإيراني عباس عراقجي رئيس مجلس النواب نبيه بري في "
                                     "بيروت.",
                 [meeting(ARAGHCHI, BERRI, place="beirut")], id="ar-iltaqa-X-Y-X-met-Y"),
    pytest.param("ar", "2024-10-10", "التقى محمد جواد ظريف بفيديريكا موغيريني في فيينا.",
                 [meeting("mohammad_javad_zarif", "federica_mogherini", place="vienna")],
                 id="ar-iltaqa-X-bi-Y-X-met-with-Y"),
    pytest.param("ar", "2024-10-20", "اجتمع عراقجي مع هاكان فيدان في إسطنبول.",
                 [meeting(ARAGHCHI, FIDAN, place="istanbul")], id="ar-ijtama-X-maa-Y-X-met-with-Y"),
    pytest.param("ar", "2023-12-05", "استقبل الرئيس السوري بشار الأسد وزير الخارجية الإيراني حسين أمير عبد "
                                     "اللهيان "
                 "في دمشق.",
                 [meeting("bashar_al_assad", ABDOLLAHIAN, place="damascus", host="bashar_al_assad",
                          guest=ABDOLLAHIAN)],
                 id="ar-istaqbala-X-Y-X-received-Y-host-and-guest"),
    pytest.param("ar", "2024-10-10", "استقبل دولة الرئيس نبيه بري الوزير عراقجي في بيروت.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", host=BERRI, guest=ARAGHCHI)],
                 id="ar-istaqbala-Dawlat-al-Rais-Berri-al-Wazir-Araghchi-honorific-before-the-subject"),
    pytest.param("ar", "2024-10-10", "وقام عراقجي بلقاء رئيس مجلس النواب نبيه بري في بيروت.",
                 [meeting(ARAGHCHI, BERRI, place="beirut")], id="ar-bi-Liqa-Y-by-meeting-Y"),
    pytest.param("ar", "2023-12-05", "جرى اتصال هاتفي بين وزير الخارجية الإيراني حسين أمير عبد اللهيان "
                                     "وإسماعيل هنية.",
                 [call(ABDOLLAHIAN, HANIYEH)], id="ar-ittisal-hatifi-bayna-X-wa-Y-a-call-between"),
    pytest.param("ar", "2023-12-07", "الرئيس الروسي فلاديمير بوتين والرئيس الإيراني إبراهيم رئيسي خلال "
                                     "اجتماع في موسكو.",
                 [meeting("vladimir_putin", "ebrahim_raisi", place="moscow")],
                 id="ar-X-wa-Y-khilal-ijtima-X-and-Y-during-a-meeting"),
    pytest.param("ar", "2023-12-08", "وصف وزير الخارجية الإيراني حسين أمير عبد اللهيان، اليوم الجمعة، أزمة "
                                     "غزة بأنها "
                 "من المواضيع المهمة في المحادثات بين الرئيسين الإيراني إبراهيم رئيسي، والروسي فلاديمير "
                 "بوتين.",
                 [meeting("ebrahim_raisi", "vladimir_putin")],
                 id="ar-al-Muhadathat-bayna-al-Raisayn-talks-between-the-two-presidents-undated"),
    # --- separately: one interaction per counterpart --------------------------------------------------------
    pytest.param("fa", "2023-12-05", "در تماس‌های تلفنی جداگانه حسین امیرعبداللهیان با اسماعیل هنیه و زیاد "
                                     "نخاله "
                 "گفتگو شد.",
                 [call(ABDOLLAHIAN, HANIYEH), call(ABDOLLAHIAN, "ziyad_al_nakhalah")],
                 id="fa-tamasha-ye-telefoni-ye-jodagane-separate-calls"),
    pytest.param("fa", "2023-12-05", "در تماسهای تلفنی جداگانه حسین امیرعبداللهیان با اسماعیل هنیه و زیاد "
                 "نخاله گفتگو شد.",
                 [call(ABDOLLAHIAN, HANIYEH), call(ABDOLLAHIAN, "ziyad_al_nakhalah")],
                 id="fa-tamashaye-telefoni-jodagane-separate-calls-ZWNJ-dropped"),
    pytest.param("ar", "2023-12-05", "أجرى وزير الخارجية الإيراني حسين أمير عبد اللهيان اتصالين هاتفيين "
                                     "منفصلين مع "
                 "إسماعيل هنية وزياد النخالة.",
                 [call(ABDOLLAHIAN, HANIYEH), call(ABDOLLAHIAN, "ziyad_al_nakhalah")],
                 id="ar-ittisalayn-hatifiyayn-munfasilayn-two-separate-calls"),
    pytest.param("fa", "2024-10-10", "عراقچی در سفر به بیروت با نجیب میقاتی و نبیه بری به طور جداگانه دیدار "
                                     "کرد.",
                 [visit(ARAGHCHI, "lebanon", "beirut"), meeting(ARAGHCHI, MIKATI, place="beirut"),
                  meeting(ARAGHCHI, BERRI, place="beirut")],
                 id="fa-be-tour-e-jodagane-didar-kard-met-each-separately-on-a-trip"),
    # --- others present -------------------------------------------------------------------------------------
    pytest.param("fa", "2023-11-01", "علی باقری کنی با حضور کاظم جلالی با موسی ابومرزوق در مسکو دیدار کرد.",
                 [meeting(ABK, "mousa_abu_marzouk", place="moscow", present=("kazem_jalali",))],
                 id="fa-ba-hozur-Z-with-Z-present"),
    pytest.param("ar", "2023-11-01", "التقى علي باقري كني موسى أبو مرزوق في موسكو بحضور السفير الإيراني كاظم "
                                     "جلالي.",
                 [meeting(ABK, "mousa_abu_marzouk", place="moscow", present=("kazem_jalali",))],
                 id="ar-bi-Hudur-Z-in-the-presence-of-Z"),
    pytest.param("fa", "2023-11-01", "علی باقری کنی با موسی ابومرزوق در مسکو دیدار کرد. در این دیدار کاظم "
                                     "جلالی سفیر "
                 "کشورمان در روسیه نیز حضور داشت.",
                 [meeting(ABK, "mousa_abu_marzouk", place="moscow", present=("kazem_jalali",))],
                 id="fa-dar-in-didar-Z-niz-hozur-dasht-Z-was-also-present"),
    # --- place: در / في / بـ, not a topic -------------------------------------------------------------------
    pytest.param("ar", "2024-10-20", "التقى عراقجي لافروف بموسكو.",
                 [meeting(ARAGHCHI, "sergey_lavrov", place="moscow")],
                 id="ar-bi-Moscow-place-by-proclitic-bi"),
    pytest.param("fa", "2024-10-20", "عباس عراقچی با هاکان فیدان درباره اوضاع در غزه دیدار کرد.",
                 [meeting(ARAGHCHI, FIDAN)],
                 id="fa-darbareh-owza-dar-Ghazeh-Gaza-is-the-topic-not-the-place"),
    # --- visits ---------------------------------------------------------------------------------------------
    pytest.param("fa", "2024-10-10", "عباس عراقچی در سفر به بیروت با نبیه بری دیدار کرد.",
                 [visit(ARAGHCHI, "lebanon", "beirut"), meeting(ARAGHCHI, BERRI, place="beirut")],
                 id="fa-dar-safar-be-Beirut-on-a-trip-to-Beirut"),
    pytest.param("fa", "2024-10-10", "عراقچی وارد بیروت شد. وی با نجیب میقاتی دیدار کرد.",
                 [visit(ARAGHCHI, "lebanon", "beirut"), meeting(ARAGHCHI, MIKATI, place="beirut")],
                 id="fa-vared-e-Beirut-shod-vey-ba-arrived-then-he-met"),
    pytest.param("ar", "2024-10-10", "وصل وزير الخارجية الإيراني عباس عراقجي إلى بيروت. والتقى رئيس مجلس "
                                     "النواب نبيه بري.",
                 [visit(ARAGHCHI, "lebanon", "beirut"), meeting(ARAGHCHI, BERRI, place="beirut")],
                 id="ar-wasala-ila-Beirut-wa-iltaqa-Y-arrived-then-met-subject-dropped"),
    pytest.param("ar", "2024-10-10", "التقى عراقجي، خلال زيارته إلى بيروت اليوم، رئيس مجلس النواب نبيه بري.",
                 [visit(ARAGHCHI, "lebanon", "beirut", "2024-10-10"),
                  meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-10")],
                 id="ar-khilal-ziyaratihi-ila-Beirut-during-his-visit-today"),
    pytest.param("ar", "2024-10-10", "وصل عراقجي إلى بيروت بدعوة من رئيس مجلس النواب نبيه بري.",
                 [visit(ARAGHCHI, BERRI, "beirut")], id="ar-bi-Dawa-min-Y-at-the-invitation-of-the-host"),
    # --- dateline city --------------------------------------------------------------------------------------
    pytest.param("ar", "2024-10-10", "بيروت - التقى وزير الخارجية الإيراني عباس عراقجي رئيس مجلس النواب نبيه "
                                     "بري "
                 "اليوم في مقر الرئاسة الثانية.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-10")],
                 id="ar-Beirut-dash-dateline-city-is-the-place"),
    pytest.param("fa", "2024-10-10", "بیروت- ایرنا- عباس عراقچی وزیر امور خارجه کشورمان امروز با نبیه بری "
                                     "رئیس مجلس "
                 "لبنان دیدار و گفتگو کرد.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-10")],
                 id="fa-Beirut-IRNA-dateline-city-is-the-place"),
    pytest.param("ar", "2024-10-10", "عراقجي يلتقي بري في عين التينة لبحث التطورات الإقليمية الأخيرة في المنطقة\n"
                                     "بيروت في 10 أكتوبر /قنا/ التقى وزير الخارجية الإيراني عباس عراقجي رئيس "
                                     "مجلس النواب نبيه بري اليوم.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-10")],
                 id="ar-Beirut-fi-date-agency-dateline-under-a-headline"),
    # --- dates ----------------------------------------------------------------------------------------------
    pytest.param("fa", "2023-12-05", "امیرعبداللهیان دیروز با فیصل مقداد در دمشق دیدار کرد.",
                 [meeting(ABDOLLAHIAN, "faisal_mekdad", place="damascus", date="2023-12-04")],
                 id="fa-diruz-yesterday"),
    pytest.param("fa", "2023-12-05", "امیرعبداللهیان روز سه‌شنبه با فیصل مقداد در دمشق دیدار کرد.",
                 [meeting(ABDOLLAHIAN, "faisal_mekdad", place="damascus", date="2023-12-05")],
                 id="fa-ruz-e-seshanbeh-on-Tuesday-the-publication-day"),
    pytest.param("fa", "2024-06-20", "علی باقری سرپرست وزارت امور خارجه ایران شب گذشته با اسماعیل هنیه رئیس "
                                     "دفتر "
                 "سیاسی جنبش مقاومت اسلامی حماس در دوحه دیدار کرد.",
                 [meeting(ABK, HANIYEH, place="doha", date="2024-06-19")],
                 id="fa-shab-e-gozashteh-last-night"),
    pytest.param("ar", "2024-10-20", "التقى عراقجي أمس نبيه بري في بيروت.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-19")], id="ar-ams-yesterday"),
    pytest.param("ar", "2024-10-10", "التقى عراقجي نبيه بري في بيروت في 4 أكتوبر 2024.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-04")],
                 id="ar-fi-4-Uktubar-2024-a-full-date"),
    # --- reported statements: their dates are the statement's -----------------------------------------------
    pytest.param("fa", "2024-10-20", "عراقچی امروز گفت که با هاکان فیدان در استانبول دیدار کرده است.",
                 [meeting(ARAGHCHI, FIDAN, place="istanbul")],
                 id="fa-emruz-goft-didar-karde-ast-said-today-that-he-had-met-undated"),
    pytest.param("ar", "2024-10-20", "قال عراقجي اليوم إنه التقى هاكان فيدان في إسطنبول.",
                 [meeting(ARAGHCHI, FIDAN, place="istanbul")],
                 id="ar-qala-al-Yawm-innahu-iltaqa-said-today-that-he-met-undated"),
    pytest.param("fa", "2023-12-05", "امیرعبداللهیان با فیصل مقداد دیدار کرد و گفت حمله دیروز به غزه جنایت "
                                     "بود.",
                 [meeting(ABDOLLAHIAN, "faisal_mekdad")],
                 id="fa-didar-kard-va-goft-hamleh-ye-diruz-yesterday-belongs-to-the-attack"),
    pytest.param("ar", "2023-12-05", "التقى عبداللهيان المقداد وقال إن هجوم أمس على غزة جريمة.",
                 [meeting(ABDOLLAHIAN, "faisal_mekdad")],
                 id="ar-iltaqa-wa-qala-inna-hujum-ams-yesterday-belongs-to-the-attack"),
    pytest.param("fa", "2023-12-08", "امیرعبداللهیان امروز گفت دیدار ابراهیم رئیسی با ولادیمیر پوتین در مسکو "
                                     "سازنده "
                 "بود.",
                 [meeting("ebrahim_raisi", "vladimir_putin", place="moscow")],
                 id="fa-goft-didar-e-X-ba-Y-the-meeting-named-is-not-the-speakers"),
    # --- the same event told twice in an article; a headline that lists meetings told one by one ------------
    pytest.param("fa", "2024-10-10", "عباس عراقچی با نبیه بری در بیروت دیدار کرد. عراقچی در دیدار با بری گفت "
                                     "لبنان "
                 "تنها نیست.",
                 [meeting(ARAGHCHI, BERRI, place="beirut")], id="fa-same-meeting-told-twice-is-one"),
    pytest.param("ar", "2024-10-10", "التقى عراقجي نبيه بري في بيروت. وقال عراقجي خلال لقائه بري إن لبنان "
                                     "ليس وحده.",
                 [meeting(ARAGHCHI, BERRI, place="beirut")], id="ar-same-meeting-told-twice-is-one"),
    pytest.param("fa", "2024-10-10", "عباس عراقچی امروز با نبیه بری در بیروت دیدار کرد. عراقچی ماه گذشته نیز "
                                     "با بری "
                 "دیدار کرده بود.",
                 [meeting(ARAGHCHI, BERRI, place="beirut", date="2024-10-10"),
                  meeting(ARAGHCHI, BERRI, date="2024-09")],
                 id="fa-mah-e-gozashteh-niz-an-earlier-meeting-last-month-is-another-event"),
    pytest.param("ar", "2024-11-11", "الخليفي يلتقي ميقاتي وبري\nالتقى وزير الدولة بوزارة الخارجية القطرية "
                                     "محمد "
                 "الخليفي رئيس الحكومة نجيب ميقاتي. كما التقى الخليفي رئيس مجلس النواب نبيه بري.",
                 [meeting("mohammed_al_khulaifi", MIKATI), meeting("mohammed_al_khulaifi", BERRI)],
                 id="ar-headline-al-Khulaifi-yaltaqi-Mikati-wa-Berri-told-one-by-one"),
    pytest.param("fa", "2024-10-20", "دیدار عراقچی با اردوغان و فیدان\nعباس عراقچی با رجب طیب اردوغان در "
                                     "استانبول "
                 "دیدار کرد. عراقچی همچنین با هاکان فیدان دیدار کرد.",
                 [meeting(ARAGHCHI, "recep_tayyip_erdogan", place="istanbul"), meeting(ARAGHCHI, FIDAN)],
                 id="fa-headline-didar-ba-Erdogan-va-Fidan-told-one-by-one"),
    # --- talks: phone calls in a phone-call article, meetings otherwise -------------------------------------
    pytest.param("fa", "2023-12-05", "حسین امیرعبداللهیان در تماس تلفنی با اسماعیل هنیه گفتگو کرد. "
                                     "امیرعبداللهیان "
                 "همچنین با هنیه درباره آتش‌بس گفتگو کرد.",
                 [call(ABDOLLAHIAN, HANIYEH)], id="fa-goftogu-in-a-phone-call-article-is-the-call"),
    pytest.param("ar", "2023-12-05", "أجرى عبداللهيان اتصالا هاتفيا مع إسماعيل هنية. وأجرى عبداللهيان "
                                     "محادثات مع هنية "
                 "حول غزة.",
                 [call(ABDOLLAHIAN, HANIYEH)], id="ar-muhadathat-in-a-phone-call-article-are-the-call"),
    pytest.param("ar", "2023-12-05", "عقد عبداللهيان محادثات مع إسماعيل هنية في الدوحة.",
                 [meeting(ABDOLLAHIAN, HANIYEH, place="doha")],
                 id="ar-aqada-muhadathat-talks-without-a-call-meet"),
    # --- other kinds, and who is not a participant ----------------------------------------------------------
    pytest.param("fa", "2024-10-20", "عباس عراقچی در پیامی به آنتونیو گوترش خواستار توقف جنگ شد.",
                 [Told("Letter", (ARAGHCHI, "antonio_guterres"))], id="fa-dar-payami-be-Y-in-a-message-to-Y"),
    pytest.param("fa", "2024-10-20", "عباس عراقچی و هاکان فیدان در نشست خبری مشترک در استانبول شرکت کردند.",
                 [Told("PressConference", (ARAGHCHI, FIDAN), "istanbul")],
                 id="fa-neshast-e-khabari-ye-moshtarak-joint-press-conference"),
    pytest.param("fa", "2024-10-20", "عباس عراقچی در تماس تلفنی با هاکان فیدان که در استانبول است گفتگو کرد.",
                 [call(ARAGHCHI, FIDAN)], id="fa-tamas-e-telefoni-a-call-has-no-place"),
    pytest.param("fa", "2024-10-20", "به گزارش ایرنا، عباس عراقچی با هاکان فیدان در استانبول دیدار کرد.",
                 [meeting(ARAGHCHI, FIDAN, place="istanbul")],
                 id="fa-be-gozaresh-e-IRNA-the-agency-is-no-participant"),
    pytest.param("ar", "2024-10-10", "استقبل نائب رئيس مجلس النواب اللبناني إلياس بو صعب السفير الإيراني "
                                     "مجتبى أماني.",
                 [meeting(new_actor_key("إلياس بو صعب"), new_actor_key("مجتبى أماني"),
                          host=new_actor_key("إلياس بو صعب"), guest=new_actor_key("مجتبى أماني"))],
                 id="ar-istaqbala-between-two-people-in-no-list"),
    pytest.param("ar", "2023-12-05", "التقى عراقجي فيصل المقداد في دمشق.",
                 [meeting(ARAGHCHI, "faisal_mekdad", place="damascus")],
                 id="ar-iltaqa-X-Faisal-al-Mekdad-no-visit-inside-a-name"),
    # --- reported by a spokesman: the source is not a participant, «his meeting» is the nearest person's ----
    pytest.param("fa", "2024-12-30", "به گفته بقائی، وانگ یی در دیدار با عراقچی بر حمایت پکن از برجام تأکید "
                                     "کرده بود.",
                 [meeting(ARAGHCHI, "wang_yi")], id="fa-be-gofte-X-source-of-the-report-is-not-a-participant"),
    pytest.param("fa", "2024-12-30", "اسماعیل بقائی امروز با اشاره به سفر هفته گذشته عباس عراقچی به پکن و دیدار "
                                     "وی با وانگ یی، گفت: روابط ایران و چین راهبردی است.",
                 [meeting(ARAGHCHI, "wang_yi")],
                 id="fa-didar-vey-ba-Y-his-meeting-last-week-no-day-not-the-speakers-today"),
    pytest.param("fa", "2024-12-30", "کاظم غریب‌آبادی و مجید تخت‌روانچی در این دور با همتایان اروپایی خود دیدار "
                                     "خواهند کرد.",
                 [], id="fa-didar-khahand-kard-future-auxiliary-inside-the-light-verb"),
    pytest.param("fa", "2024-10-12", "پزشکیان روز پنجشنبه هنگام ورود به عشق‌آباد با سردار بردی‌محمداف "
                                     "رئیس‌جمهور ترکمنستان دیدار کرد.",
                 [meeting("masoud_pezeshkian", "serdar_berdimuhamedov", place="ashgabat", date="2024-10-10")],
                 id="fa-hengam-e-vorud-be-X-on-arrival-in-X-and-the-of-spelling-of-ov"),
    pytest.param("ar", "2023-10-26", "استقبل الأمين العام لحزب الله السيد حسن نصرالله، أمس، نائب رئيس المكتب "
                                     "السياسي لحركة «حماس» الشيخ صالح العاروري والأمين العام لحركة الجهاد "
                                     "الإسلامي زياد النخالة.",
                 [meeting("hassan_nasrallah", "saleh_al_arouri", "ziyad_al_nakhalah", date="2023-10-25")],
                 id="ar-istaqbala-X-Y-wa-Z-titled-objects-with-a-quoted-organisation"),
    pytest.param("ar", "2023-10-26", "وكان حسن نصرالله قد التقى العاروري والنخالة في الثاني من أيلول الماضي.",
                 [meeting("hassan_nasrallah", "saleh_al_arouri", "ziyad_al_nakhalah", date="2023-09-02")],
                 id="ar-earlier-meeting-on-an-ordinal-day-of-a-Levantine-month"),
    pytest.param("ar", "2024-10-10", "وعقد عراقجي جلسة مباحثات مع نظيره السعودي الأمير فيصل بن "
                                     "فرحان، بحضور السفير الإيراني لدى المملكة علي رضا عنايتي.",
                 [meeting(ARAGHCHI, "faisal_bin_farhan", present=("alireza_enayati",))],
                 id="ar-mubahathat-maa-naziruhu-named-counterpart-and-ambassador-to-the-Kingdom-present"),
    pytest.param("ar", "2024-10-10", "استقبل ولي العهد السعودي الأمير محمد بن سلمان، في الرياض، أمس، وزير "
                                     "الخارجية الإيراني عباس عراقجي. حضر الاستقبال الأمير فيصل بن فرحان.",
                 [meeting(ARAGHCHI, "mohammed_bin_salman", place="riyadh", date="2024-10-09",
                          present=("faisal_bin_farhan",), host="mohammed_bin_salman", guest=ARAGHCHI)],
                 id="ar-hadara-al-istiqbal-X-attended-the-reception-is-present-not-a-meeting"),
    pytest.param("ar", "2024-10-10", "ومن المقرر أن يتوجه عراقجي اليوم إلى الدوحة، حيث يلتقي رئيس مجلس الوزراء "
                                     "القطري محمد بن عبد الرحمن آل ثاني.",
                 [], id="ar-min-al-muqarrar-trip-then-haythu-yaltaqi-is-still-planned"),
    pytest.param("ar", "2023-06-21", "ووصل أمير عبداللهيان إلى البلاد قادما من مسقط التي التقى فيها أمس جلالة "
                                     "السلطان هيثم بن طارق.",
                 [meeting(ABDOLLAHIAN, "haitham_bin_tariq", place="muscat", date="2023-06-20")],
                 id="ar-min-Masqat-allati-iltaqa-fiha-a-meeting-in-a-relative-clause-about-the-city"),
    pytest.param("ar", "2023-06-21", "استقبل ولي العهد الشيخ مشعل الأحمد الجابر الصباح في قصر بيان اليوم وزير "
                                     "الخارجية الإيراني حسين أمير عبداللهيان. وعقد وزير الخارجية الشيخ سالم "
                                     "عبدالله الجابر الصباح جلسة مباحثات مع نظيره الإيراني، حضرها من الجانب "
                                     "الكويتي السفير سميح جوهر حيات.",
                 [meeting(ABDOLLAHIAN, "mishal_al_ahmad", date="2023-06-21", host="mishal_al_ahmad",
                          guest=ABDOLLAHIAN),
                  meeting(ABDOLLAHIAN, "salem_al_sabah", present=(new_actor_key("سميح جوهر حيات"),))],
                 id="ar-Gulf-full-names-of-known-people-and-hadaraha-min-al-janib-present"),
    pytest.param("fa", "2023-10-14", "امیرعبداللهیان که پس از سفر به بغداد، بیروت و دمشق، شامگاه جمعه وارد دوحه "
                                     "شده بود، امروز شنبه با شیخ محمد بن عبدالرحمن آل ثانی دیدار کرد.",
                 [visit(ABDOLLAHIAN, "qatar", "doha", "2023-10-13"),
                  meeting(ABDOLLAHIAN, "mohammed_bin_abdulrahman_al_thani", place="doha", date="2023-10-14")],
                 id="fa-after-a-tour-the-last-arrival-nearest-the-verb-is-the-place"),
    pytest.param("fa", "2019-12-30", "قرار است ظریف اواسط دی‌ماه برای شرکت در گفت‌وگوی رایسینا به دهلی‌نو سفر کند و "
                                     "در آنجا با سوبرامانیام جایشانکار وزیر امور خارجه هند دیدار و گفت‌وگو کند.",
                 [], id="fa-qarar-ast-reaches-a-meeting-verb-far-along-the-clause"),
    pytest.param("ar", "2025-04-20", "وأشاد وفد من «حماس» بالموقف التركي، إذ سبق للرئيس رجب طيب أردوغان "
                                     "أن استقبل رئيس المجلس القيادي للحركة محمد درويش في إسطنبول.",
                 [meeting("recep_tayyip_erdogan", new_actor_key("محمد درويش"), place="istanbul",
                          host="recep_tayyip_erdogan", guest=new_actor_key("محمد درويش"))],
                 id="ar-sabaqa-li-X-an-istaqbala-titled-Y-lil-haraka-an-earlier-min-is-not-the-object"),
    pytest.param("fa", "2025-01-26", "ضیاء احمد تکل معاون سخنگوی وزارت خارجه امارت اسلامی به پژواک گفت که عراقچی "
                                     "در مقر وزارت خارجه با مولوی امیرخان متقی دیدار کرد.",
                 [meeting(ARAGHCHI, "amir_khan_muttaqi")],
                 id="fa-X-goft-ke-Y-ba-Z-didar-kard-the-source-of-a-reported-meeting-is-not-in-it"),
    pytest.param("fa", "2025-01-26", "وزیر خارجه ایران امروز در کابل با سرپرست وزارت خارجه امارت اسلامی دیدار کرد.",
                 [meeting(ARAGHCHI, "amir_khan_muttaqi", place="kabul", date="2025-01-26")],
                 id="fa-titles-only-the-Islamic-Emirates-acting-minister-is-Afghanistans"),
    pytest.param("fa", "2023-05-20", "سفیر کشورمان در کابل روز شنبه با سرپرست وزارت خارجه طالبان دیدار کرد.",
                 [], id="fa-safir-e-keshvareman-one-of-many-ambassadors-is-not-resolved-from-the-KB"),
    pytest.param("ar", "2025-05-20", "أجرى معالي السيد بدر بن حمد البوسعيدي وزير الخارجية اليوم اتصالين هاتفيين "
                                     "منفصلين مع معالي عباس عراقجي، ومع السيد ستيف ويتكوف المبعوث الخاص.",
                 [call("badr_albusaidi", ARAGHCHI, date="2025-05-20"),
                  call("badr_albusaidi", "steve_witkoff", date="2025-05-20")],
                 id="ar-ittisalayn-munfasilayn-maa-X-wa-maa-Y-two-separate-calls"),
    pytest.param("ar", "2023-12-08", "الرئيس الروسي والرئيس الإيراني خلال اجتماع في موسكو، 7 ديسمبر 2023\n"
                                     "وصف وزير الخارجية الإيراني حسين أمير عبد اللهيان، اليوم الجمعة، أزمة غزة "
                                     "بأنها مهمة.\nجاء ذلك خلال اتصال هاتفي بين عبد اللهيان وإسماعيل هنية.",
                 [call(ABDOLLAHIAN, HANIYEH, date="2023-12-08")],
                 id="ar-jaa-dhalika-khilal-ittisal-the-day-of-the-report-it-refers-back-to"),
]


@pytest.mark.parametrize(("language", "published", "text", "expected"), CASES)
def test_meetings_construction(resources, language, published, text, expected):
    assert told(read(resources, language, text, published)) == expected


def test_meetings_told_twice_keeps_both_sentences(resources):
    text = "عباس عراقچی با نبیه بری در بیروت دیدار کرد. عراقچی در دیدار با بری گفت لبنان تنها نیست."
    (interaction,) = read(resources, "fa", text, "2024-10-10").interactions
    first, second = text.split(". ")
    assert interaction.evidence.sentence == first + "."
    assert [e.sentence for e in interaction.more_evidence] == [second]


def test_meetings_local_ids_and_rules(resources):
    text = "در تماس‌های تلفنی جداگانه حسین امیرعبداللهیان با اسماعیل هنیه و زیاد نخاله گفتگو شد."
    interactions = read(resources, "fa", text, "2023-12-05").interactions
    assert [(i.local_id, i.evidence.rule) for i in interactions] == [("i1", "phonecall.fa.noun"),
                                                                       ("i2", "phonecall.fa.noun")]
