"""Award certificates: one A4 landscape PDF page per winning or honoured work, in the facility's language.

The renderer takes plain data (the exhibition builds it from the frozen results), so it is tested without a
database. Its fonts ship in this app's static folder and are embedded in the PDF: a certificate prints the same on
any machine, and no font or image is ever fetched from the network (see StaticAssetFetcher).
"""

import datetime
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy
from PIL import ImageFile
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# The template's relative URLs (stylesheet, fonts) resolve here, and nowhere else.
ASSETS_DIR = Path(__file__).resolve().parent / "static" / "exhibition"
TEMPLATE = "exhibition/certificate.html"

LANGUAGES = ("kk", "ru", "en")
AWARDS = {
    "winner": (gettext_lazy("Winner"), gettext_lazy("Winner, place %(rank)s")),
    "honourable": (gettext_lazy("Honourable mention"), gettext_lazy("Honourable mention, place %(rank)s")),
}
# Django ships no date formats for Kazakh (it would fall back to English "July 18, 2027"); English follows the UN's
# day-month-year style. Kazakh month names are lower case in running text, Django's catalogue capitalises them.
DATE_FORMATS = {"en": "j F Y", "ru": "j E Y г.", "kk": "j E Y ж."}
# Longer titles get a smaller size, and long texts together a denser layout, so that texts at the models' length
# limits (title 200, campaign and contest 255, facility 200) still fit one page.
TITLE_SIZES = ((140, "longer"), (70, "long"))
DENSE_TEXT = 360

# Importing WeasyPrint makes Pillow pad truncated images process-wide. Certificates embed no raster image, and
# the intake pipeline must refuse a truncated upload, so the strict default comes back.
ImageFile.LOAD_TRUNCATED_IMAGES = False


class CertificateError(ValueError):
    """The data cannot make a certificate, or the template asked for a resource it may not have."""


@dataclass(frozen=True, kw_only=True)
class CertificateData:
    """What one certificate says. `credit_line` is printed exactly as given (initials or pseudonym, as consented);
    empty means an anonymous work. `facility_name` only when the facility consented to be named."""

    campaign_title: str
    contest_title: str
    award: str  # "winner" or "honourable"
    work_title: str
    credit_line: str
    issue_date: datetime.date
    language: str  # "kk", "ru" or "en"
    issuing_organisation: str
    rank: int | None = None
    facility_name: str | None = None
    verification_reference: str | None = None

    def __post_init__(self):
        if self.award not in AWARDS:
            raise CertificateError(f"award must be one of {', '.join(AWARDS)}, not {self.award!r}")
        if self.language not in LANGUAGES:
            raise CertificateError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")
        if self.rank is not None and self.rank < 1:
            raise CertificateError(f"rank must be 1 or more, not {self.rank}")
        for name in ("campaign_title", "contest_title", "work_title", "issuing_organisation"):
            if not getattr(self, name).strip():
                raise CertificateError(f"{name} is empty")


class StaticAssetFetcher(URLFetcher):
    """Serves files below ASSETS_DIR and refuses every other URL: http(s), data:, or a file elsewhere.

    A refusal stops the render (fail_on_errors) instead of being skipped with a warning: a certificate printed
    with a missing font or an image left out is worse than an error the next test run shows."""

    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise CertificateError(f"certificates load only their own static files, not {url}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(ASSETS_DIR) or not path.is_file():
            raise CertificateError(f"not a static file of the certificate: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})


def html_to_pdf(html: str) -> bytes:
    """Turns certificate HTML into PDF bytes; relative URLs resolve to ASSETS_DIR and nothing else is fetched."""
    document = weasyprint.HTML(string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=StaticAssetFetcher())
    try:
        return document.write_pdf(font_config=FontConfiguration())
    except FatalURLFetchingError as error:
        # WeasyPrint's fatal error is a BaseException; hand callers an ordinary one that names the URL.
        raise CertificateError(f"{error}: {error.__cause__}") from error


def certificate_html(data: CertificateData) -> str:
    """The certificate's HTML, every text in `data.language`."""
    with translation.override(data.language):
        plain, ranked = AWARDS[data.award]
        date = date_format(data.issue_date, DATE_FORMATS[data.language])
        texts = (data.campaign_title, data.contest_title, data.work_title, data.credit_line, data.facility_name or "")
        context = {
            "data": data,
            "award": str(ranked) % {"rank": data.rank} if data.rank else str(plain),
            # Same message as Entry.credit_line, so one translation serves the exhibition and the certificate.
            "credit": data.credit_line or gettext("Anonymous artist"),
            "issue_date": date.lower() if data.language == "kk" else date,
            "title_size": next((size for length, size in TITLE_SIZES if len(data.work_title) > length), ""),
            "dense": sum(map(len, texts)) > DENSE_TEXT,
        }
        return render_to_string(TEMPLATE, context)


def render_certificate_pdf(data: CertificateData) -> bytes:
    """One A4 landscape page, fonts embedded, ready to print."""
    return html_to_pdf(certificate_html(data))
