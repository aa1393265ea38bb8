"""Award certificates: real PDFs from WeasyPrint, read back with pypdf (no database).

A render takes a second or two on a small machine, so the shared certificates are rendered once per module."""

import dataclasses
import datetime
import io
import re
import socket

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from gallery.exhibition.certificates import (
    CertificateData,
    CertificateError,
    StaticAssetFetcher,
    certificate_html,
    html_to_pdf,
    render_certificate_pdf,
)

KAZAKH_LETTERS = "Ә ә Ғ ғ Қ қ Ң ң Ө ө Ұ ұ Ү ү Һ һ І і"
FACILITY = "Учреждение ЕЦ-166/12"

RU = CertificateData(
    campaign_title="Международный день Нельсона Манделы 2027",
    contest_title="Искусство за стенами (MD27)",
    award="winner",
    rank=1,
    work_title="Свобода внутри",
    credit_line="Тихий Ветер",
    issue_date=datetime.date(2027, 7, 18),
    language="ru",
    issuing_organisation="Программный офис ООН в Казахстане",
    verification_reference="MD27-KAR1-0007",
)
KK = dataclasses.replace(
    RU,
    language="kk",
    award="honourable",
    rank=None,
    work_title="Қазақ әнінің үні",
    credit_line=KAZAKH_LETTERS,
    campaign_title="Халықаралық Нельсон Мандела күні 2027",
    verification_reference=None,
)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """The PDF's text with runs of whitespace made single spaces (line breaks are layout, not content)."""
    return " ".join(" ".join(page.extract_text() for page in read(pdf).pages).split())


def pdf_fonts(pdf: bytes):
    """(font dictionary, its font descriptor) for every font the pages use."""
    for page in read(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            yield font, described["/FontDescriptor"].get_object()


def drawn_characters(font, descriptor):
    """(character, glyph the PDF draws for it, glyph the embedded font maps it to) for each single-character entry
    of the font's ToUnicode map: the text layer and the printed glyphs agree only if the two glyphs are the same."""
    program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    glyph_names, cmap = program.getGlyphOrder(), program.getBestCmap()
    to_unicode = font["/ToUnicode"].get_object().get_data().decode()
    for gid, code in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]{4})>", to_unicode, flags=re.I):
        if int(gid, 16) == 0:
            continue  # .notdef, listed in every font whether drawn or not
        character, gid = chr(int(code, 16)), int(gid, 16)
        yield character, glyph_names[gid] if gid < len(glyph_names) else None, cmap.get(ord(character))


@pytest.fixture(scope="module")
def ru_pdf():
    return render_certificate_pdf(RU)


@pytest.fixture(scope="module")
def kk_pdf():
    return render_certificate_pdf(KK)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test, whatever the renderer does with the error."""
    attempts = []

    def refuse(sock, address):
        attempts.append(address)
        raise AssertionError(f"network access to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert attempts == []


def test_a_certificate_is_one_a4_landscape_pdf_page(ru_pdf):
    assert ru_pdf.startswith(b"%PDF-")
    reader = read(ru_pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape in points


@pytest.mark.parametrize(
    ("fixture", "title"), [("ru_pdf", "Свобода внутри"), ("kk_pdf", "Қазақ әнінің үні")], ids=["ru", "kk"]
)
def test_cyrillic_and_kazakh_titles_are_text(request, fixture, title):
    assert title in text_of(request.getfixturevalue(fixture))


def test_every_kazakh_letter_is_text(kk_pdf):
    assert KAZAKH_LETTERS in text_of(kk_pdf)


def test_only_our_fonts_are_used_and_all_are_embedded(kk_pdf):
    fonts = [(str(font["/BaseFont"]), descriptor) for font, descriptor in pdf_fonts(kk_pdf)]
    assert fonts
    # A subset prefix, then the family the stylesheet names: a system fallback font would carry its own name.
    assert all(re.fullmatch(r"/[A-Z]{6}\+Certificate-Serif(-[A-Za-z-]+)?", name) for name, _ in fonts), fonts
    assert all("/FontFile2" in descriptor for _, descriptor in fonts), fonts
    # Kazakh letters come from the cyrillic-ext files.
    assert any("Cyrillic-Ext" in name for name, _ in fonts), fonts


def test_the_printed_glyphs_are_the_letters_of_the_text(kk_pdf):
    """Text that extracts well can still print wrong letters (a Latin font program drawing Cyrillic glyph ids):
    each glyph drawn must be the one the embedded font gives the character."""
    checked = [entry for font, descriptor in pdf_fonts(kk_pdf) for entry in drawn_characters(font, descriptor)]
    assert {"Ә", "Қ", "ү", "і", "С"} <= {character for character, _, _ in checked}
    assert [(c, drawn, mapped) for c, drawn, mapped in checked if drawn != mapped] == []


def test_the_credit_is_printed_exactly_as_given(ru_pdf):
    assert "Тихий Ветер" in text_of(ru_pdf)
    assert "Тихий Ветер" in certificate_html(RU)


def test_an_anonymous_work_is_credited_as_anonymous():
    html = certificate_html(dataclasses.replace(RU, language="en", credit_line=""))
    assert "Anonymous artist" in html


def test_the_facility_appears_only_when_given(ru_pdf):
    assert FACILITY not in text_of(ru_pdf)
    assert FACILITY not in certificate_html(RU)
    assert FACILITY not in str(read(ru_pdf).metadata)

    named = render_certificate_pdf(dataclasses.replace(RU, facility_name=FACILITY))
    assert FACILITY in text_of(named)


@pytest.mark.parametrize(("fixture", "date"), [("ru_pdf", "18 июля 2027 г."), ("kk_pdf", "18 шілде 2027 ж.")])
def test_kk_and_ru_certificates_carry_their_data_and_a_local_date(request, fixture, date):
    data = RU if fixture == "ru_pdf" else KK
    text = text_of(request.getfixturevalue(fixture))
    for value in (data.campaign_title, data.contest_title, data.work_title, data.credit_line, date):
        assert value in text
    assert ("MD27-KAR1-0007" in text) == (data.verification_reference is not None)


def test_weasyprint_takes_the_whole_stylesheet_without_a_warning(caplog):
    """An unsupported property or a font that failed to load is only a log line: it must not pass unnoticed."""
    with caplog.at_level("WARNING", logger="weasyprint"):
        render_certificate_pdf(dataclasses.replace(RU, facility_name=FACILITY))
    assert [record.getMessage() for record in caplog.records] == []


def test_the_html_is_in_the_certificate_language():
    assert '<html lang="kk">' in certificate_html(KK)


def test_texts_at_the_models_length_limits_still_fit_one_page():
    data = dataclasses.replace(
        KK,
        campaign_title=("Халықаралық Нельсон Мандела күні " * 9)[:255],
        contest_title=("Өнер байқауы «Қабырға артындағы үміт» " * 7)[:255],
        work_title=("Қазақ даласының әуені және үміт " * 7)[:200],
        credit_line="Ө" * 60,
        facility_name=("Қарағанды облысы бойынша ЕЦ-166/1 мекемесі " * 5)[:200],
        rank=3,
        award="winner",
        verification_reference="MD27-KAR1-0007",
    )
    assert len(read(render_certificate_pdf(data)).pages) == 1


def test_markup_in_the_data_is_printed_as_text_and_fetches_nothing(no_network):
    title = '<img src="http://example.org/x.png">'
    pdf = render_certificate_pdf(dataclasses.replace(RU, work_title=title))
    assert title in text_of(pdf)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.png",
        "https://example.org/font.woff2",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "file://example.org/share/x.png",
    ],
)
def test_the_fetcher_refuses_anything_but_the_certificate_static_files(url, no_network):
    with pytest.raises(CertificateError):
        StaticAssetFetcher().fetch(url)


def test_a_template_that_asks_for_a_remote_image_fails_clearly_without_a_request(no_network):
    with pytest.raises(CertificateError, match=r"http://example\.org/x\.png"):
        html_to_pdf('<p>Certificate</p><img src="http://example.org/x.png">')


def test_a_missing_font_file_fails_instead_of_falling_back_to_a_system_font():
    html = '<style>@font-face { font-family: X; src: url(fonts/missing.woff) }</style><p style="font-family: X">x</p>'
    with pytest.raises(CertificateError, match="missing.woff"):
        html_to_pdf(html)


def test_a_relative_url_cannot_climb_out_of_the_static_folder(no_network):
    with pytest.raises(CertificateError, match="not a static file"):
        html_to_pdf('<link rel="stylesheet" href="../../certificates.py"><p>Certificate</p>')


@pytest.mark.parametrize("change", [{"language": "de"}, {"award": "third"}, {"rank": 0}, {"work_title": " "}], ids=str)
def test_data_that_cannot_make_a_certificate_is_refused(change):
    with pytest.raises(CertificateError):
        dataclasses.replace(RU, **change)
