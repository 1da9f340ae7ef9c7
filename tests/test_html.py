"""html_to_text: visible text only, one line per block, robust to broken markup."""

from __future__ import annotations

import pytest

from kg.text.html import html_to_text

CASES = [
    pytest.param(
        "<p>وزیر امور خارجه</p><p>دیدار کرد.</p>",
        "وزیر امور خارجه\nدیدار کرد.",
        id="two paragraphs -> two lines",
    ),
    pytest.param("<div>خط اول<br>خط دوم<br/>خط سوم</div>", "خط اول\nخط دوم\nخط سوم", id="br -> line breaks"),
    pytest.param(
        "<p>با <b>همتای</b> <a href='#'>روسی</a>   خود\n\n دیدار</p>",
        "با همتای روسی خود دیدار",
        id="inline tags joined, whitespace collapsed inside a line",
    ),
    pytest.param(
        "<p>&laquo;هنیه&raquo; &amp; &#1662;&#x6af; ظرفیت&zwnj;ها&nbsp;و</p>",
        "«هنیه» & پگ ظرفیت\u200cها و",
        id="entities unescaped, ZWNJ kept, nbsp a space",
    ),
    pytest.param(
        "<head><title>عنوان سایت</title><style>p{}</style></head><body><p>متن</p></body>",
        "متن",
        id="head, title and style left out",
    ),
    pytest.param(
        "<p>متن</p><script>document.write('<p>تبلیغ</p>')</script><noscript>JS</noscript>",
        "متن",
        id="script with tags inside and noscript left out",
    ),
    pytest.param("<p>یک</p><!-- <p>کامنت</p> --><p>دو</p>", "یک\nدو", id="HTML comment left out"),
    pytest.param(
        "<p>متن</p><template><p>قالب</p></template><svg><title>آیکون</title></svg><iframe>قاب</iframe>",
        "متن",
        id="template, svg and iframe left out",
    ),
    pytest.param(
        "<nav><a>سیاسی</a></nav><p>متن</p><aside>پربازدیدترین</aside><footer>©</footer>",
        "متن",
        id="nav, aside and footer are page chrome",
    ),
    pytest.param(
        "<p>متن</p><form><label>نام</label><input name=n><select><option>۱</option></select>"
        "<textarea>نظر</textarea><button>ارسال</button></form>",
        "متن",
        id="comment form left out",
    ),
    pytest.param(
        "<div role='navigation'>منو</div><div hidden>پنهان</div><div aria-hidden='true'>x</div>"
        "<div style='display: none'>y</div><p>متن</p>",
        "متن",
        id="role=navigation, hidden, aria-hidden, display:none left out",
    ),
    pytest.param(
        "<body><header><a>لوگو</a><nav>منو</nav></header><article><header><h1>تیتر خبر</h1>"
        "</header><p>متن</p></article></body>",
        "تیتر خبر\nمتن",
        id="site header dropped, the article's header kept",
    ),
    pytest.param(
        "<ul><li>یک<li>دو</ul><table><tr><td>الف</td><td>ب</td></tr><tr><td>ج</td></tr></table>",
        "یک\nدو\nالف ب\nج",
        id="list items are lines, table cells share their row's line",
    ),
    pytest.param(
        "<figure><img src='a.jpg' alt='alt'><figcaption>عکس: ایرنا</figcaption></figure>",
        "عکس: ایرنا",
        id="figcaption kept, img alt not text",
    ),
    pytest.param("<pre>سطر یک\nسطر دو</pre>", "سطر یک\nسطر دو", id="pre keeps its newlines"),
]


@pytest.mark.parametrize(("html", "text"), CASES)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


BROKEN = [
    pytest.param(
        "<p>یک<p>دو<div>سه <span>چهار", "یک\nدو\nسه چهار", id="nothing closed -> all text, in order"
    ),
    pytest.param(
        "<nav>منو <p>متن خبر</p></body>",
        "منو\nمتن خبر",
        id="nav never closed -> its text given back rather than the article swallowed",
    ),
    pytest.param("</div></p><p>متن</span></b>", "متن", id="stray end tags ignored"),
    pytest.param("<p>متن <a href='x' <b>پیوند</b></p>", "متن پیوند", id="malformed attribute"),
    pytest.param("<<<>>> & &amp &foo; <", "<<<>>> & & &foo; <", id="angle brackets and bad entities"),
    pytest.param("<script>unterminated <p>x", "", id="script never closed -> nothing, no error"),
    pytest.param("", "", id="empty string"),
    pytest.param(
        "<![CDATA[x]]><?php echo 1 ?><!doctype html><p>متن</p>",
        "متن",
        id="CDATA, processing instruction, doctype",
    ),
]


@pytest.mark.parametrize(("html", "text"), BROKEN)
def test_html_to_text_survives_broken_markup(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize("depth", [pytest.param(5000, id="5000 nested divs -> no recursion error")])
def test_html_to_text_deep_nesting(depth: int) -> None:
    assert html_to_text("<div>" * depth + "متن" + "</div>" * depth) == "متن"
