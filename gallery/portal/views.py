"""The facility portal: thin views over gallery.domain; every object is looked up through gallery.rules."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from core.errors import DomainError
from core.ids import read_id
from core.private_files import serve_private
from core.views import run_service
from gallery.decoding import ImageBusy
from gallery.domain import entries as service
from gallery.domain.eligibility import (
    EntryRefused,
    can_edit,
    can_withdraw,
    change_refusal,
    contests_for_facility,
    deadline_for,
    is_eligible,
)
from gallery.domain.entry_images import (
    MAX_IMAGES_PER_ENTRY,
    MOVES,
    add_entry_image,
    move_entry_image,
    remove_entry_image,
)
from gallery.domain.thumbnails import ensure_thumbnail
from gallery.domain.uploads import added_message
from gallery.models import ContestPage, Entry
from gallery.portal import exhibition_views as exhibition
from gallery.portal.access import entry_of, portal_facility, staff_only
from gallery.portal.forms import EntryForm, ImageUploadForm
from gallery.portal.images import image_json, upload_messages
from gallery.portal.uploads import declared_too_large, limit_upload
from gallery.rules import visible_entries, visible_entry_images


def _entry(request, pk):
    return entry_of(request, pk)


def _entry_url(entry):
    return reverse("portal:entry", args=[entry.pk])


def _wants_json(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest" or "application/json" in request.headers.get(
        "accept", ""
    )


@login_required(login_url="login")
def dashboard(request):
    request.facility = portal_facility(request.user)
    if request.facility is None:
        # The sign-in page lands everyone here: send officers (and administrators) and judges on to their own pages.
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        if request.user.has_perm("judging.act_as_judge"):
            return redirect("judging:index")
        raise PermissionDenied
    contests = contests_for_facility(request.facility, timezone.now())
    entries = list(
        visible_entries(request.user)
        .only("pk", "title", "reference", "state", "review", "disqualification_reason", "contest_id")
        .annotate(contest_title=F("contest__title"), image_count=Count("images"))
        .order_by("-contest__closes_at", "state", "-updated_at")
    )
    # A facility may list hundreds of entries: labels are translated once here, not twice per row by
    # get_FOO_display(), and each row's link is built from one reversed URL.
    states, reviews = _labels(Entry.State), _labels(Entry.Review)
    entry_url = reverse("portal:entry", args=[0]).removesuffix("0/")
    for entry in entries:
        entry.state_label = states.get(entry.state, entry.state)
        entry.review_label = reviews.get(entry.review, entry.review)
        entry.url = f"{entry_url}{entry.pk}/"
    open_ids = {contest.pk for contest in contests}
    for contest in contests:
        mine = [entry for entry in entries if entry.contest_id == contest.pk]
        contest.submitted_count = sum(entry.state == Entry.State.SUBMITTED for entry in mine)
        contest.drafts = [entry for entry in mine if entry.state == Entry.State.DRAFT]
        contest.quota_full = contest.submitted_count >= contest.max_entries_per_facility
    # Drafts of contests that have closed can never be submitted: kept, but out of the way.
    archived = [entry for entry in entries if entry.state == Entry.State.DRAFT and entry.contest_id not in open_ids]
    archived_ids = {entry.pk for entry in archived}
    current = [entry for entry in entries if entry.pk not in archived_ids]
    return render(
        request,
        "gallery/portal/dashboard.html",
        {"facility": request.facility, "contests": contests, "entries": current, "archived_drafts": archived},
    )


def _labels(choices):
    return {value: str(label) for value, label in choices.choices}


@staff_only
def entry_create(request, contest_pk):
    if read_id(contest_pk) is None:  # a page id beyond a bigint fails in the database rather than finding nothing
        raise Http404
    contest = get_object_or_404(ContestPage.objects.live(), pk=contest_pk)
    if not is_eligible(contest, request.facility):
        raise PermissionDenied
    form = EntryForm(request.POST or None, request.FILES or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        try:
            entry = service.create_draft(contest, request.facility, request.user, **form.cleaned_data)
        except EntryRefused as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Draft saved. Now add the images of the work, one at a time."))
            return redirect("portal:entry", pk=entry.pk)
    return render(request, "gallery/portal/entry_form.html", {"form": form, "contest": contest})


def _saved(message, sent_back_to_screening):
    """The success message, telling the facility when its change sends the entry back to the officers."""
    if sent_back_to_screening:
        return f"{message} {_('The officers had already screened this entry: it goes back to them for screening.')}"
    return message


@staff_only
def entry_detail(request, pk):
    entry = _entry(request, pk)
    form = EntryForm(request.POST or None, request.FILES or None, instance=entry, contest=entry.contest)
    if request.method == "POST":
        if not can_edit(entry):
            messages.error(request, _refusal(entry) or _("This entry can no longer be changed."))
            return redirect("portal:entry", pk=entry.pk)
        saved = _save_details(entry, form, request.user)
        if saved is not None:
            messages.success(request, _saved(_("Changes saved."), saved.sent_back_to_screening))
            return redirect("portal:entry", pk=entry.pk)
    return _render_entry(request, entry, form)


def _save_details(entry, form, user):
    """The entry with the form's details saved, or None (the form then holds the errors)."""
    if not form.is_valid():
        return None
    try:
        return service.edit_entry(entry, user, form.cleaned_data)
    except EntryRefused as refused:
        form.add_error(None, refused)
        return None


def _refusal(entry):
    """Why a submitted entry can no longer change when judging holds it (the template says so for a withdrawn entry
    or a passed deadline)."""
    return change_refusal(entry) if entry.state == Entry.State.SUBMITTED else None


def _render_entry(request, entry, form):
    editable = can_edit(entry)
    refusal = None if editable else _refusal(entry)
    images = list(entry.images.all())
    context = {
        "entry": entry,
        "form": form,
        "images": images,
        "editable": editable,
        "refusal": refusal,
        "withdrawable": can_withdraw(entry),
        "deadline": deadline_for(entry.contest, entry.facility),
        "upload_form": ImageUploadForm(),
        "can_add_image": editable and len(images) < MAX_IMAGES_PER_ENTRY,
        "max_images": MAX_IMAGES_PER_ENTRY,
        "max_upload_bytes": entry.contest.max_upload_bytes,
        "upload_chunk_bytes": settings.VITRINE_UPLOAD_CHUNK_BYTES,
        "upload_stall_seconds": settings.VITRINE_UPLOAD_STALL_SECONDS,
        "upload_messages": upload_messages(),
        **exhibition.entry_context(request, entry),
    }
    return render(request, "gallery/portal/entry_detail.html", context)


@csrf_exempt  # checked below, once the upload limit is in place (the CSRF check reads the body)
@staff_only
@require_POST
def image_add(request, pk):
    entry = _entry(request, pk)
    limit = entry.contest.max_upload_bytes
    if declared_too_large(request, limit):
        return _image_result(request, entry, None, _too_large(limit), status=413)
    limit_upload(request, limit)
    return _image_add(request, entry)


def _too_large(limit):
    return _("The file is larger than the limit of %(limit)s. Please send a smaller image.") % {
        "limit": filesizeformat(limit)
    }


@csrf_protect
def _image_add(request, entry):
    form = ImageUploadForm(request.POST, request.FILES)
    if request.upload_too_large:
        return _image_result(request, entry, None, _too_large(entry.contest.max_upload_bytes), status=413)
    if "upload_key" in form.errors:
        return _image_result(request, entry, None, _("This form is out of date: reload the page and upload again."))
    if not form.is_valid():
        return _image_result(request, entry, None, _("Choose an image file to upload."))
    try:
        image = add_entry_image(
            entry, form.cleaned_data["image"], user=request.user, upload_key=form.cleaned_data["upload_key"]
        )
    except ImageBusy as busy:  # the same file will pass in a moment: say when, so the page may retry
        response = _image_result(request, entry, None, str(busy), status=503)
        response["Retry-After"] = str(busy.retry_after)
        return response
    except DomainError as refused:
        return _image_result(request, entry, None, str(refused))
    return _image_result(request, entry, image, None)


def _image_result(request, entry, image, error, status=400):
    added = None if error else added_message(image)
    if _wants_json(request):
        if error:
            return JsonResponse({"ok": False, "error": error}, status=status)
        return JsonResponse(image_json(entry, image, added))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, added)
    return redirect("portal:entry", pk=entry.pk)


@staff_only
@require_POST
def image_delete(request, pk, image_pk):
    entry = _entry(request, pk)
    get_object_or_404(entry.images, pk=image_pk)  # an image of another entry is not found here
    return run_service(
        request,
        lambda: remove_entry_image(entry, image_pk, request.user),
        success=lambda sent_back: _saved(_("Image removed."), sent_back),
        redirect_to=_entry_url(entry),
    )


@staff_only
@require_POST
def image_move(request, pk, image_pk):
    entry = _entry(request, pk)
    get_object_or_404(entry.images, pk=image_pk)
    move = request.POST.get("move")
    if move not in MOVES:
        return HttpResponseBadRequest(_("Say where the image goes: up, down or first."), content_type="text/plain")
    success = _("This image is now the work itself.") if move == "first" else _("Images reordered.")
    return run_service(
        request,
        lambda: move_entry_image(entry, image_pk, move, request.user),
        success=lambda sent_back: _saved(success, sent_back),
        redirect_to=_entry_url(entry) + "#images-heading",
    )


@staff_only
@require_POST
def entry_submit(request, pk):
    """Submit a draft. The submit button sends the details form along, so what was typed is saved first
    (and the page comes back with the errors if it cannot be)."""
    entry = _entry(request, pk)
    if "title" in request.POST and can_edit(entry):
        form = EntryForm(request.POST, request.FILES, instance=entry, contest=entry.contest)
        saved = _save_details(entry, form, request.user)
        if saved is None:
            messages.error(request, _("The entry was not submitted: check the details below."))
            return _render_entry(request, entry, form)
        entry = saved
    return run_service(
        request,
        lambda: service.submit(entry, request.user),
        success=lambda submitted: (
            _("Entry submitted. Its reference is %(reference)s.") % {"reference": submitted.reference}
        ),
        redirect_to=reverse("portal:entry_receipt", args=[entry.pk]),
        failure_redirect_to=_entry_url(entry),
    )


@staff_only
@require_GET
def entry_receipt(request, pk):
    """The receipt of a submitted entry, a page of its own to keep or print (the email links here)."""
    entry = _entry(request, pk)
    if entry.reference is None or entry.submitted_at is None:
        raise Http404
    context = {
        "entry": entry,
        "image_count": entry.images.count(),
        "deadline": deadline_for(entry.contest, entry.facility),
        "editable": can_edit(entry),
    }
    return render(request, "gallery/portal/entry_receipt.html", context)


@staff_only
@require_POST
def entry_withdraw(request, pk):
    entry = _entry(request, pk)
    return run_service(
        request,
        lambda: service.withdraw(entry, request.user),
        success=lambda withdrawn: (
            _("Entry withdrawn. It was taken out of judging, and the officers are told.")
            if withdrawn.left_judging
            else _("Entry withdrawn.")
        ),
        redirect_to=_entry_url(entry),
    )


@staff_only
@require_POST
def entry_delete(request, pk):
    entry = _entry(request, pk)
    return run_service(
        request,
        lambda: service.delete_draft(entry, request.user),
        success=_("Draft deleted."),
        redirect_to="portal:dashboard",
        failure_redirect_to=_entry_url(entry),
    )


# --- The exhibition: certificates and the artist's consent (exhibition_views.py) ---------------------------------


@staff_only
@require_GET
def entry_certificate(request, pk):
    return exhibition.certificate_response(request, _entry(request, pk))


@staff_only
@require_POST
def entry_withdraw_consent(request, pk):
    entry = _entry(request, pk)
    return exhibition.withdraw_consent(request, entry, redirect_to=_entry_url(entry))


# --- Private files: officers (admin) and the entry's own facility only -------------------------------------


@login_required(login_url="login")
def image_thumbnail(request, pk):
    image = get_object_or_404(visible_entry_images(request.user), pk=pk)
    name = ensure_thumbnail(image)  # normally stored at upload already; older images get one here
    return serve_private(image.thumbnail.storage, name)


@login_required(login_url="login")
def image_original(request, pk):
    image = get_object_or_404(visible_entry_images(request.user), pk=pk)
    return serve_private(image.file.storage, image.file.name)


@login_required(login_url="login")
def consent_form(request, pk):
    entry = get_object_or_404(visible_entries(request.user), pk=pk)
    extension = entry.consent_form.name.rsplit(".", 1)[-1]
    # Downloaded, never rendered in the site's pages.
    download_name = f"consent-{entry.reference or entry.pk}.{extension}"
    return serve_private(entry.consent_form.storage, entry.consent_form.name, download_name=download_name)
