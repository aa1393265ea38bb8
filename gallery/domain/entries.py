"""The services that change entries: create and edit a draft, submit, withdraw, delete a draft.

Views, the admin and the import command call these functions; none of them changes an entry itself. Each
service locks the entry's row and checks the rules (gallery.domain.eligibility) under that lock, so another tab
or another staff member acting at the same moment cannot slip past them. Every change is written to Wagtail's
audit log with who made it.
"""

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

from gallery.domain.eligibility import (
    WITHDRAW,
    EntryRefused,
    change_refusal,
    is_eligible,
    lock_entry,
    require_editable,
    require_open,
)
from gallery.domain.entry_images import delete_image_and_files
from gallery.domain.screening import send_back_to_screening
from gallery.models import Entry, Facility
from gallery.tasks import send_receipt

# What facility staff fill in and may change until the deadline; images have their own services.
EDITABLE_FIELDS = (
    "title",
    "artist_code",
    "credit",
    "credit_name",
    "category",
    "medium",
    "dimensions",
    "year",
    "statement",
    "show_facility",
    "consent_confirmed",
    "consent_form",
)
# Checked by the services themselves (references and numbers are given on submission).
NOT_VALIDATED_ON_SAVE = ["consent_form", "reference", "sequence"]
# fn(entry, user) -> True when the app took the entry out of something (judging: its rounds), called in the
# withdrawal's transaction with the entry's row locked; it may refuse the withdrawal with a DomainError, which
# rolls everything back.
WITHDRAWN_HOOK = "entry_withdrawn"


# --- Drafts ------------------------------------------------------------------------------------------------


def create_draft(contest, facility, user, now=None, *, officer_override=False, **fields):
    now = now or timezone.now()
    if not is_eligible(contest, facility):
        raise EntryRefused(_("Your facility may not enter this contest."), code="not_eligible")
    require_open(contest, facility, now, officer_override=officer_override)
    entry = Entry(contest=contest, facility=facility, created_by=user, **fields)
    entry.full_clean(exclude=NOT_VALIDATED_ON_SAVE)
    entry.save()
    log(entry, "gallery.entry.create", user=user)
    return entry


def edit_entry(entry, user, values, now=None):
    """Change an entry's details until the deadline. `values` maps names of EDITABLE_FIELDS to new values, as a
    form cleans them (for the consent form: a new upload, False to remove it, anything else to keep it).

    Returns the saved entry; its `sent_back_to_screening` tells whether officers had already screened it and
    must now screen it again.
    """
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable by facilities: {', '.join(sorted(unknown))}")
    now = now or timezone.now()
    storage = Entry._meta.get_field("consent_form").storage
    new_consent_form = None
    try:
        with transaction.atomic():
            entry = lock_entry(entry)
            require_editable(entry, now)
            previous_consent_form = entry.consent_form.name
            changed = _apply(entry, values)
            if entry.state == Entry.State.SUBMITTED and not entry.consent_confirmed:
                raise EntryRefused(
                    _("A submitted entry keeps the artist's consent; withdraw the entry instead."), code="consent"
                )
            entry.sent_back_to_screening = False
            if not changed:
                return entry
            entry.full_clean(exclude=NOT_VALIDATED_ON_SAVE)
            entry.save(update_fields=[*changed, "updated_at"])
            if "consent_form" in changed:
                new_consent_form = entry.consent_form.name
                if previous_consent_form:
                    transaction.on_commit(lambda: storage.delete(previous_consent_form))
            log(entry, "gallery.entry.edit", user=user, data={"reference": entry.reference, "fields": changed})
            entry.sent_back_to_screening = send_back_to_screening(entry, user, "details changed")
    except BaseException:
        if new_consent_form:  # the row was rolled back; the file it named must go too
            storage.delete(new_consent_form)
        raise
    return entry


def _apply(entry, values):
    """Set the values that differ from the entry's; returns the names of the fields changed."""
    changed = []
    for name, value in values.items():
        if name == "consent_form":
            is_new_upload = isinstance(value, File) and not isinstance(value, FieldFile)
            removed = value is False and bool(entry.consent_form)
            if not (is_new_upload or removed):
                continue
            Entry._meta.get_field(name).save_form_data(entry, value)
        elif getattr(entry, name) != value:
            setattr(entry, name, value)
        else:
            continue
        changed.append(name)
    return changed


def delete_draft(entry, user):
    """Delete a draft with its files. Checked under the lock on the entry, so a submission from another tab
    either comes first (and the draft is no longer deleted) or finds the entry gone."""
    with transaction.atomic():
        entry = lock_entry(entry)
        if entry.state != Entry.State.DRAFT:
            raise EntryRefused(_("Only a draft can be deleted; withdraw a submitted entry instead."), code="not_draft")
        for image in list(entry.images.all()):
            delete_image_and_files(image)
        if entry.consent_form:
            name, storage = entry.consent_form.name, entry.consent_form.storage
            transaction.on_commit(lambda: storage.delete(name))
        entry.delete()


# --- Submit and withdraw --------------------------------------------------------------------------------------


def next_reference(contest, facility):
    """Numbers run per contest and facility and are never reused, withdrawn entries included."""
    last = Entry.objects.filter(contest=contest, facility=facility).aggregate(last=Max("sequence"))["last"]
    sequence = (last or 0) + 1
    return sequence, f"{contest.code}-{facility.code}-{sequence:04d}"


def submit(entry, user, now=None, *, officer_override=False, log_action="gallery.entry.submit", notify=True):
    """Draft → submitted. The quota check and the numbering run under a lock on the facility row, so two
    browser tabs (or two staff members) submitting at once can never exceed the quota or share a number."""
    now = now or timezone.now()
    with transaction.atomic():
        Facility.objects.select_for_update().get(pk=entry.facility_id)
        entry = lock_entry(entry)
        if entry.state != Entry.State.DRAFT:
            raise EntryRefused(_("Only a draft can be submitted."), code="not_draft")
        contest, facility = entry.contest, entry.facility
        if not officer_override and not is_eligible(contest, facility):
            raise EntryRefused(_("Your facility may not enter this contest."), code="not_eligible")
        require_open(contest, facility, now, officer_override=officer_override)
        if not entry.consent_confirmed:
            raise EntryRefused(_("Please confirm the artist's consent before submitting."), code="no_consent")
        if not entry.images.exists():
            raise EntryRefused(_("Add at least one image of the work before submitting."), code="no_image")
        submitted = Entry.objects.filter(contest=contest, facility=facility, state=Entry.State.SUBMITTED).count()
        if submitted >= contest.max_entries_per_facility:
            raise EntryRefused(
                _("Your facility has already submitted %(count)s entries, the most this contest allows.")
                % {"count": contest.max_entries_per_facility},
                code="quota",
            )
        if entry.sequence is None:
            entry.sequence, entry.reference = next_reference(contest, facility)
        entry.state = Entry.State.SUBMITTED
        entry.review = Entry.Review.RECEIVED
        entry.submitted_at = now
        entry.save(update_fields=["sequence", "reference", "state", "review", "submitted_at", "updated_at"])
        log(entry, log_action, user=user, data={"reference": entry.reference})
        if notify:
            transaction.on_commit(lambda: send_receipt.enqueue(entry.pk))
    return entry


def withdraw(entry, user):
    """Submitted → withdrawn, after the deadline too: the artist may change their mind until the results are
    approved (then judging refuses, and the exhibition's withdrawal of consent takes over). Apps registered under
    WITHDRAWN_HOOK take the entry out of what they hold; its `left_judging` tells whether one did."""
    with transaction.atomic():
        entry = lock_entry(entry)
        if entry.state != Entry.State.SUBMITTED:
            raise EntryRefused(_("Only a submitted entry can be withdrawn."), code="not_submitted")
        refusal = change_refusal(entry, WITHDRAW)
        if refusal:
            raise EntryRefused(refusal, code="judging")
        entry.state = Entry.State.WITHDRAWN
        entry.save(update_fields=["state", "updated_at"])
        log(entry, "gallery.entry.withdraw", user=user, data={"reference": entry.reference})
        entry.left_judging = any([bool(withdrawn(entry, user)) for withdrawn in hooks.get_hooks(WITHDRAWN_HOOK)])
    return entry
