"""The exhibition's part of the facility portal: award certificates to hand to the artist, and withdrawing the
artist's consent to show a work. Called by views.py once it has checked the user and looked the entry up (a
facility's own entries only); the one place the portal reaches into gallery.exhibition, kept apart from intake."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import DomainError
from core.views import run_service
from gallery.exhibition.domain.certificates import LANGUAGE_NAMES, LANGUAGES, award_of, certificate_for
from gallery.exhibition.domain.takedown import MAX_REASON, take_down
from gallery.exhibition.models import Takedown
from gallery.models import Entry


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why does the artist withdraw consent?"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_REASON}),
        error_messages={
            "required": gettext_lazy("Say why consent is withdrawn: the reason is recorded with your name."),
            "max_length": gettext_lazy("Keep the reason under %(limit_value)d characters."),
        },
    )


def _takedown_of(entry):
    try:
        return entry.takedown
    except Takedown.DoesNotExist:
        return None


def may_withdraw_consent(entry, takedown):
    return entry.state == Entry.State.SUBMITTED and entry.consent_confirmed and takedown is None


def entry_context(request, entry):
    """What the entry page shows of the exhibition: the certificate links and the consent block."""
    takedown = _takedown_of(entry)
    award = award_of(entry) if request.user.has_perm("exhibition.download_certificate", entry) else None
    return {
        "takedown": takedown,
        "certificate_award": award,
        "certificate_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_NAMES] if award else [],
        "consent_form": (
            WithdrawConsentForm()
            if may_withdraw_consent(entry, takedown) and request.user.has_perm("exhibition.withdraw_consent", entry)
            else None
        ),
    }


def _plain_bad_request(message):
    response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def certificate_response(request, entry):
    """The entry's certificate as a PDF download, in ?language=kk|ru|en (default: the portal's language)."""
    if not request.user.has_perm("exhibition.download_certificate", entry):
        raise Http404
    language = request.GET.get("language", translation.get_language())
    if language not in LANGUAGES:
        return _plain_bad_request(_("The certificate is made in English (en), Russian (ru) or Kazakh (kk) only."))
    try:
        pdf = certificate_for(entry, language)
    except DomainError:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"certificate-{entry.reference or entry.pk}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def withdraw_consent(request, entry, redirect_to):
    """Withdraw the artist's consent: the work is taken down from public view for good."""
    if not request.user.has_perm("exhibition.withdraw_consent", entry):
        raise Http404
    form = WithdrawConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])) or _("Check the reason."))
        return redirect(redirect_to)

    def withdraw():
        if entry.state != Entry.State.SUBMITTED or not entry.consent_confirmed:
            raise DomainError(_("Consent can be withdrawn only for a submitted entry whose consent is recorded."))
        return take_down(entry, request.user, form.cleaned_data["reason"], Takedown.Source.CONSENT)

    return run_service(
        request,
        withdraw,
        success=_("Consent withdrawn: the work is no longer shown in public, and its public images are deleted."),
        redirect_to=redirect_to,
    )
