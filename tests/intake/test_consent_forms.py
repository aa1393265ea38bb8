"""Consent form scans: only a cleaned copy is stored (images re-encoded, PDFs re-written without anything that
acts), and they are served as downloads that no browser renders in the site's origin."""

import io
import urllib.request

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from gallery.models import Entry
from tests.intake import files
from tests.intake.conftest import list_private, upload
from tests.intake.test_portal import ENTRY_FIELDS

ACTIVE = (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/Launch", b"/URI", b"/EmbeddedFile", b"/AcroForm", b"/XFA")


def _name(value):
    return NameObject(value)


def javascript(code):
    return DictionaryObject({_name("/S"): _name("/JavaScript"), _name("/JS"): TextStringObject(code)})


def booby_trapped_pdf():
    """A one-page form with every way a PDF acts: an open action, named JavaScript, a page action, launch and URI
    links, an attached web page and an XFA form."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    root = writer._root_object
    root[_name("/OpenAction")] = writer._add_object(javascript("app.alert('open');"))
    root[_name("/Names")] = DictionaryObject(
        {
            _name("/JavaScript"): DictionaryObject(
                {_name("/Names"): ArrayObject([TextStringObject("run"), javascript("app.alert('named');")])}
            )
        }
    )
    root[_name("/AcroForm")] = DictionaryObject(
        {_name("/Fields"): ArrayObject(), _name("/XFA"): TextStringObject("<xdp/>")}
    )
    page = writer.pages[0]
    page[_name("/AA")] = DictionaryObject({_name("/O"): javascript("app.alert('page');")})
    links = []
    for action in (
        DictionaryObject({_name("/S"): _name("/Launch"), _name("/F"): TextStringObject("calc.exe")}),
        DictionaryObject({_name("/S"): _name("/URI"), _name("/URI"): TextStringObject("http://evil.example/")}),
    ):
        link = DictionaryObject(
            {
                _name("/Type"): _name("/Annot"),
                _name("/Subtype"): _name("/Link"),
                _name("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(99), NumberObject(99)]),
                _name("/A"): action,
            }
        )
        links.append(writer._add_object(link))
    page[_name("/Annots")] = ArrayObject(links)
    writer.add_attachment("evil.html", b"<script>alert('attached')</script>")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def consent_files():
    return set(list_private(Entry._meta.get_field("consent_form").storage, "consent"))


def send(staff_client, contest, data, name="form.pdf", content_type="application/pdf"):
    fields = {**ENTRY_FIELDS, "consent_form": upload(data, name, content_type)}
    return staff_client.post(reverse("portal:entry_create", args=[contest.pk]), fields)


def stored(entry):
    with entry.consent_form.open("rb") as handle:
        return handle.read()


def test_the_booby_trapped_pdf_really_acts():
    data = booby_trapped_pdf()
    assert all(token in data for token in ACTIVE)
    reader = PdfReader(io.BytesIO(data))
    assert "/OpenAction" in reader.trailer["/Root"] and "/Annots" in reader.pages[0]


def test_a_pdf_is_stored_without_anything_that_acts(staff_client, contest):
    response = send(staff_client, contest, booby_trapped_pdf())
    assert response.status_code == 302
    data = stored(Entry.objects.get())
    assert [token for token in ACTIVE if token in data] == [] and b"alert" not in data
    reader = PdfReader(io.BytesIO(data))
    assert set(reader.trailer["/Root"].keys()) == {"/Type", "/Pages"}
    assert len(reader.pages) == 1 and "/Annots" not in reader.pages[0] and "/AA" not in reader.pages[0]


def test_a_scanned_pdf_keeps_its_pages(staff_client, contest):
    original = files.scan_pdf(pages=3)
    assert send(staff_client, contest, original).status_code == 302
    entry = Entry.objects.get()
    assert entry.consent_form.name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(stored(entry)))
    assert len(reader.pages) == 3
    for page in reader.pages:  # each page still draws its scanned image
        assert page.images and page.images[0].image.size == (1240, 1754)


def test_a_jpeg_header_followed_by_html_is_refused(staff_client, contest):
    before = consent_files()
    response = send(staff_client, contest, b"\xff\xd8\xff\xe0" + files.HTML, "form.jpg", "image/jpeg")
    assert response.status_code == 200 and "damaged or incomplete" in response.content.decode()
    assert not Entry.objects.exists() and consent_files() == before


def test_html_after_a_real_jpeg_is_not_stored(staff_client, contest):
    response = send(staff_client, contest, files.jpeg((1200, 1700)) + files.HTML, "form.jpg", "image/jpeg")
    assert response.status_code == 302
    entry = Entry.objects.get()
    data = stored(entry)
    assert entry.consent_form.name.endswith(".jpg") and data.startswith(b"\xff\xd8\xff")
    assert b"<script" not in data and b"<html" not in data.lower()
    assert b"DemoCam" not in data  # re-encoded: the camera's metadata is gone too


def test_a_png_scan_passes(staff_client, contest):
    assert send(staff_client, contest, files.png((1240, 1754)), "form.png", "image/png").status_code == 302
    data = stored(Entry.objects.get())
    assert data.startswith(b"\x89PNG") and b"Secret Name" not in data


def encrypted_pdf():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(encrypted_pdf, "protected with a password", id="encrypted"),
        pytest.param(lambda: files.scan_pdf(pages=21), "21 pages", id="too-many-pages"),
        pytest.param(lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, "could not be read", id="unparseable"),
        pytest.param(lambda: files.PDF, "could not be read", id="no-pages"),
        pytest.param(lambda: files.HTML, "PDF, JPEG or PNG", id="html"),
        pytest.param(lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "smaller than", id="too-large"),
    ],
)
def test_what_a_consent_scan_is_not_is_refused_and_nothing_stored(staff_client, contest, data, message):
    before = consent_files()
    response = send(staff_client, contest, data())
    assert response.status_code == 200 and message in response.content.decode()
    assert not Entry.objects.exists() and consent_files() == before


def test_a_consent_form_is_downloaded_never_rendered(staff_client, contest):
    send(staff_client, contest, files.scan_pdf())
    entry = Entry.objects.get()
    response = staff_client.get(reverse("portal:consent_form", args=[entry.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"


@pytest.mark.s3
def test_on_s3_the_signed_link_downloads_too(s3_storages, staff_client, contest):
    send(staff_client, contest, files.scan_pdf())
    entry = Entry.objects.get()
    response = staff_client.get(reverse("portal:consent_form", args=[entry.pk]))
    assert response.status_code == 302
    with urllib.request.urlopen(response["Location"], timeout=10) as answer:
        assert answer.headers["Content-Disposition"].startswith("attachment")
        assert answer.headers["Content-Type"] == "application/pdf"
        assert answer.read().startswith(b"%PDF")
