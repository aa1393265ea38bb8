"""Certificates in the facility portal: a facility downloads the PDF of its own awarded entries, in the language
it asks for, with only what the artist consented to; everyone else finds nothing. PDFs are read back with pypdf.

A render takes a third of a second: two tests render, the refusals never reach the renderer."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import Site

from core.errors import DomainError
from core.models import SiteIdentity
from gallery.exhibition.domain.certificates import certificate_for
from gallery.exhibition.domain.takedown import take_down
from gallery.exhibition.models import Takedown
from tests.exhibition.kit_fixtures import HIDDEN_FACILITY, RU_CREDIT, RU_TITLE, STALE_NAME, awarded_contest

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    return awarded_contest()


def certificate_url(entry, query=""):
    return reverse("portal:entry_certificate", args=[entry.pk]) + query


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), metadata


def assert_private_pdf(response, filename):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF")


def test_russian_certificate_prints_the_title_and_credit_as_consented(client, built):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.organisation = "United Nations Office on Drugs and Crime"
    identity.save()
    client.force_login(built.staff)
    response = client.get(certificate_url(built.winner, "?language=ru"))
    assert_private_pdf(response, f"certificate-{built.winner.reference}-ru.pdf")
    text, metadata = pdf_text(response)
    assert (
        RU_TITLE in text and RU_CREDIT in text and "UNITED NATIONS OFFICE ON DRUGS AND CRIME" in text
    )  # set in capitals by the stylesheet
    assert "Art behind walls" in text and "Nelson Mandela Day 2020" in text and built.winner.reference in text
    for hidden in (built.winner.artist_code, HIDDEN_FACILITY):  # the facility did not agree to be named
        assert hidden not in text and hidden not in metadata


def test_anonymous_work_names_nobody_and_a_taken_down_work_keeps_its_certificate(client, built):
    take_down(built.anonymous, built.officer, "Shown by mistake.", Takedown.Source.OFFICER)
    client.force_login(built.staff)
    # No ?language: the portal's language (here Kazakh, from the URL prefix).
    response = client.get("/kk" + certificate_url(built.anonymous))
    assert_private_pdf(response, f"certificate-{built.anonymous.reference}-kk.pdf")
    text, metadata = pdf_text(response)
    assert "Open window" in text
    for hidden in (STALE_NAME, built.anonymous.artist_code, HIDDEN_FACILITY):
        assert hidden not in text and hidden not in metadata


def test_only_the_entrys_own_facility_gets_a_certificate_of_an_award(client, built):
    url = certificate_url(built.winner, "?language=en")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for user, status in ((built.other_staff, 404), (built.judge, 403), (built.officer, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.force_login(built.staff)
    assert client.get(certificate_url(built.unawarded, "?language=en")).status_code == 404
    assert client.get(reverse("portal:entry_certificate", args=[99999999999999999999])).status_code == 404
    assert client.post(url).status_code == 405
    with pytest.raises(DomainError):
        certificate_for(built.unawarded, "en")


def test_an_unknown_language_is_a_clear_400(client, built):
    client.force_login(built.staff)
    for query in ("?language=xx", "?language=", "?language=EN", "?language=%D1%80%D1%83%F0%9F%92%A3%00%E2%80%AE"):
        response = client.get(certificate_url(built.winner, query))
        assert response.status_code == 400, query
        assert response["Content-Type"].startswith("text/plain") and b"(ru)" in response.content


def test_the_entry_page_links_the_certificate_in_three_languages_when_there_is_an_award(client, built):
    client.force_login(built.staff)
    page = client.get(reverse("portal:entry", args=[built.winner.pk])).content.decode()
    for code, name in (("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")):
        assert f'href="{certificate_url(built.winner, f"?language={code}")}"' in page and name in page
    page = client.get(reverse("portal:entry", args=[built.unawarded.pk])).content.decode()
    assert 'data-testid="certificate"' not in page and "?language=" not in page
