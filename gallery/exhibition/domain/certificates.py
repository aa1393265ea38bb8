"""The certificate of an awarded entry, built from the contest's approved result (gallery.judging's frozen rows).

Only what the entry's consent allows goes in: the credit exactly as consented (empty for an anonymous work, which
the renderer prints as "Anonymous artist" in the certificate's language), the facility only when it agreed to be
named. The artist code is never read here.

A work taken down from the exhibition (an officer's takedown or the facility withdrawing the artist's consent)
keeps its certificate: the takedown ends public display, not the jury's award, and the certificate is a private
document the facility hands to the artist.
"""

import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.errors import DomainError
from core.models import SiteIdentity
from gallery.exhibition.certificates import LANGUAGES, CertificateData, render_certificate_pdf
from gallery.judging.models import ResultRow
from gallery.models import Entry

AWARDED = ("winner", "honourable")
# The links of the portal's certificate block, in their own language and script.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def award_of(entry):
    """The entry's row in its contest's approved result when it won or got an honourable mention, else None."""
    return (
        ResultRow.objects.select_related("result")
        .filter(result__contest_id=entry.contest_id, entry_id=entry.pk, award__in=AWARDED)
        .first()
    )


def issuing_organisation(site):
    """Who issues the certificate: the site identity's organisation, else its name, else the Wagtail site's."""
    identity = SiteIdentity.objects.filter(site=site).first() if site is not None else None
    name = (identity.organisation.strip() or identity.site_name.strip()) if identity is not None else ""
    return name or (site.site_name if site is not None else "") or SiteIdentity._meta.get_field("site_name").default


def _credit(entry):
    """The credit exactly as consented; "" for an anonymous work (never the artist code)."""
    if entry.credit == Entry.Credit.ANONYMOUS:
        return ""
    return entry.credit_name


def _issue_date(result, contest):
    try:
        zone = zoneinfo.ZoneInfo(contest.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    return timezone.localtime(result.approved_at, zone).date()


def certificate_data(entry, language, row=None):
    """The CertificateData of `entry` in `language`; DomainError when the entry has no award."""
    row = row or award_of(entry)
    if row is None:
        raise DomainError(_("This entry has no award, so it has no certificate."))
    contest = entry.contest
    campaign = contest.get_parent()
    site = contest.get_site() or Site.objects.filter(is_default_site=True).first()
    return CertificateData(
        campaign_title=campaign.title if campaign is not None else contest.title,
        contest_title=contest.title,
        award=row.award,
        rank=row.rank if row.award == "winner" else None,
        work_title=entry.title,
        credit_line=_credit(entry),
        facility_name=entry.facility.name if entry.show_facility else None,
        issue_date=_issue_date(row.result, contest),
        language=language,
        issuing_organisation=issuing_organisation(site),
        verification_reference=entry.reference or None,
    )


def certificate_for(entry, language):
    """The PDF bytes of `entry`'s certificate in `language` ("kk", "ru" or "en").

    Raises DomainError when the entry has no award in an approved result; the language is the caller's to check
    (LANGUAGES), an unknown one raises CertificateError."""
    return render_certificate_pdf(certificate_data(entry, language))


__all__ = ["AWARDED", "LANGUAGES", "LANGUAGE_NAMES", "award_of", "certificate_data", "certificate_for"]
