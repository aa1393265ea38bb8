"""Wagtail admin viewsets of the intake: facilities and their staff, entries with screening, extensions."""

import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core import roles
from core.csv_export import SafeSpreadsheetExportMixin
from core.forms import default_time_zone, zoned
from core.ids import read_id
from gallery.domain.screening import screen
from gallery.models import ContestExtension, ContestPage, Entry, EntryImage, Facility, FacilityMembership, Region


class EntryTitleColumn(TitleColumn):
    """The entry's title with its first image's thumbnail, both inside the link that opens the entry."""

    cell_template_name = "gallery/admin/entry_title_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        images = list(instance.images.all())  # prefetched by the index view
        context["thumbnail_url"] = reverse("portal:image_thumbnail", args=[images[0].pk]) if images else ""
        return context


class RegionViewSet(ModelViewSet):
    name = "regions"
    model = Region
    icon = "site"
    menu_label = _("Regions")
    form_fields = ["name", "code"]
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    copy_view_enabled = False


class FacilityIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    pass


class FacilityViewSet(ModelViewSet):
    name = "facilities"
    model = Facility
    icon = "home"
    menu_label = _("Facilities")
    form_fields = ["name", "code", "region", "kind", "active"]
    list_display = ["name", "code", "region", "kind", "active"]
    list_filter = ["region", "kind", "active"]
    index_view_class = FacilityIndexView
    list_export = ["name", "code", "region", "kind", "active"]
    export_filename = "facilities"
    search_fields = ["name", "code"]
    copy_view_enabled = False


class MembershipForm(WagtailAdminModelForm):
    """Link an existing account to a facility, or create the staff member's account here."""

    username = forms.CharField(label=_("New account: username"), required=False, max_length=150)
    email = forms.EmailField(label=_("New account: email"), required=False)
    password = forms.CharField(
        label=_("New account: initial password"), required=False, widget=forms.PasswordInput(render_value=False)
    )

    class Meta:
        model = FacilityMembership
        fields = ["facility", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].required = False
        self.fields["user"].help_text = _("An existing account, or leave empty and create one below.")

    def clean(self):
        data = super().clean()
        if data.get("user"):
            return data
        username = (data.get("username") or "").strip()
        if not username or not data.get("password"):
            raise forms.ValidationError(_("Choose an existing account or give a username and a password."))
        User = get_user_model()
        if User.objects.filter(username__iexact=username).exists():
            self.add_error("username", _("This username is taken."))
            return data
        try:
            validate_password(data["password"], User(username=username, email=data.get("email") or ""))
        except forms.ValidationError as error:
            self.add_error("password", error)
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        if not data.get("user"):
            self.instance.user = get_user_model().objects.create_user(
                data["username"].strip(), data.get("email") or "", data["password"]
            )
        membership = super().save(commit=commit)
        staff_group = Group.objects.filter(name=roles.FACILITY_STAFF).first()
        if staff_group is not None:
            membership.user.groups.add(staff_group)
        return membership


class MembershipViewSet(ModelViewSet):
    name = "facility_staff"
    model = FacilityMembership
    icon = "group"
    menu_label = _("Facility staff")
    edit_handler = ObjectList(
        [
            FieldPanel("facility"),
            FieldPanel("user"),
            FieldPanel("username"),
            FieldPanel("email"),
            FieldPanel("password"),
        ],
        base_form_class=MembershipForm,
    )
    list_display = ["user", "facility", "created_at"]
    list_filter = ["facility", "facility__region"]
    search_fields = ["user__username", "user__email", "facility__name", "facility__code"]
    copy_view_enabled = False


class EntryIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """Rows open the entry (screening, or the inspect view for those who may only look); the newest contest's
    entries come first, then by facility and sequence."""

    # Texts no column of the listing shows: sorting thousands of full rows, each with its contest's page, to show
    # 20 cost more than the page itself. (The export reads them all.)
    unlisted_fields = ("artist_code", "credit_name", "medium", "dimensions", "statement", "disqualification_reason")

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("facility__region")
        if self.is_export:
            return queryset.select_related("contest").prefetch_related("images")
        # The thumbnail and the flags need an image's id and near-duplicate only; ordered within the entry
        # (EntryImage's default order would join the entries, their facilities and regions again).
        images = EntryImage.objects.order_by("position", "pk").only("pk", "entry_id", "near_duplicate_of_id")
        return (
            queryset.defer(*self.unlisted_fields)
            .annotate(contest_code=F("contest__code"), contest_title=F("contest__title"))
            .prefetch_related(Prefetch("images", queryset=images))
        )

    def export_time_zone(self, entry):
        return entry.contest.time_zone  # times in the export: the contest's wall clock, with the zone's name

    def _get_title_column(self, field_name, column_class=EntryTitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)

    def order_queryset(self, queryset):
        if self.ordering:  # a column the officer sorted by; the id keeps pages stable
            return queryset.order_by(self.ordering, "pk")
        return queryset.order_by("-contest__opens_at", "-contest_id", "facility__code", "sequence", "pk")


class EntryScreeningForm(WagtailAdminModelForm):
    class Meta:
        model = Entry
        fields = ["review", "disqualification_reason"]

    def clean(self):
        data = super().clean()
        if self.instance.state != Entry.State.SUBMITTED:
            raise forms.ValidationError(_("Only submitted entries are screened."))
        if data.get("review") == Entry.Review.DISQUALIFIED and not (data.get("disqualification_reason") or "").strip():
            self.add_error("disqualification_reason", _("Please give the reason for the disqualification."))
        return data


class EntryImagesPanel(Panel):
    """Read-only: the entry's images (through the permission-checked view) and details, beside the screening."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "gallery/admin/entry_images_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["entry"] = self.instance
            context["images"] = list(self.instance.images.select_related("near_duplicate_of__entry"))
            return context


class EntryScreeningView(generic.EditView):
    """Screening goes through the domain service, which writes the audit log with who and when."""

    def save_instance(self):
        data = self.form.cleaned_data
        return screen(self.form.instance, self.request.user, data["review"], data["disqualification_reason"])


class EntryViewSet(ModelViewSet):
    name = "entries"
    model = Entry
    icon = "image"
    menu_label = _("Entries")
    index_view_class = EntryIndexView
    edit_view_class = EntryScreeningView
    edit_handler = ObjectList(
        [
            EntryImagesPanel(heading=_("The work")),
            FieldPanel("review"),
            FieldPanel("disqualification_reason"),
        ],
        base_form_class=EntryScreeningForm,
    )

    list_display = [
        "title",
        "reference",
        Column("contest", label=_("Contest"), accessor="contest_title", sort_key="contest__opens_at"),
        "facility",
        Column("region", label=_("Region"), accessor="facility.region"),
        "state",
        "review",
        Column("flags", label=_("Flags"), accessor="officer_flags"),
    ]
    list_filter = ["contest", "facility", "facility__region", "state", "review", "imported"]
    list_export = [
        "reference",
        "contest.code",
        "facility.code",
        "facility.region.code",
        "title",
        "artist_code",
        "get_credit_display",
        "credit_name",
        "medium",
        "dimensions",
        "year",
        "show_facility",
        "consent_confirmed",
        "get_state_display",
        "get_review_display",
        "disqualification_reason",
        "submitted_at",
        "imported",
        "officer_flags",
    ]
    export_headings = {
        "contest.code": _("Contest"),
        "facility.code": _("Facility"),
        "facility.region.code": _("Region"),
        "get_credit_display": _("Credit"),
        "show_facility": _("Show the facility"),
        "consent_confirmed": _("Consent confirmed"),
        "get_state_display": _("State"),
        "get_review_display": _("Review"),
        "submitted_at": _("Submitted"),
        "imported": _("Imported offline"),
        "officer_flags": _("Flags"),
    }
    export_filename = "entries"
    search_fields = ["reference", "title", "artist_code"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "contest",
        "facility",
        "title",
        "artist_code",
        "credit",
        "credit_name",
        "medium",
        "dimensions",
        "year",
        "statement",
        "show_facility",
        "consent_confirmed",
        "state",
        "review",
        "disqualification_reason",
        "submitted_at",
        "imported",
        "imported_by",
    ]


class ExtensionForm(WagtailAdminModelForm):
    """The later closing time is typed in the chosen contest's time zone: the contest picked in the submitted
    form, else the extension's own; before one is chosen, the site's default zone. Its fields are the
    viewset's panels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contest = self._chosen_contest()
        if contest is None:
            zone_name = default_time_zone()
            help_text = _("In the chosen contest's time zone.")
        else:
            zone_name = contest.time_zone
            help_text = _("In the contest's time zone (%(zone)s).") % {"zone": zone_name}
        self.fields["closes_at"] = zoned(self.fields["closes_at"], zoneinfo.ZoneInfo(zone_name), help_text=help_text)

    def _chosen_contest(self):
        chosen = str(self.data.get(self.add_prefix("contest")) or "") if self.is_bound else ""
        contest = ContestPage.objects.filter(pk=chosen).first() if read_id(chosen) is not None else None
        if contest is None and self.instance.contest_id:
            contest = self.instance.contest
        return contest


class ZonedTimeColumn(Column):
    """A time shown in the zone of the row's contest, with the zone's name."""

    def get_value(self, instance):
        value = super().get_value(instance)
        zone = instance.contest.time_zone
        local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
        return f"{date_format(local, 'DATETIME_FORMAT')} ({zone})"


class ExtensionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("contest", "facility", "granted_by")


class ExtensionCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        return super().save_instance()


class ExtensionViewSet(ModelViewSet):
    name = "deadline_extensions"
    model = ContestExtension
    icon = "time"
    menu_label = _("Deadline extensions")
    index_view_class = ExtensionIndexView
    add_view_class = ExtensionCreateView
    edit_handler = ObjectList(
        [FieldPanel("contest"), FieldPanel("facility"), FieldPanel("closes_at"), FieldPanel("reason")],
        base_form_class=ExtensionForm,
    )
    list_display = [
        "contest",
        "facility",
        ZonedTimeColumn("closes_at", label=_("Submissions close for this facility")),
        "granted_by",
        "reason",
    ]
    list_filter = ["contest", "facility"]
    copy_view_enabled = False


class IntakeViewSetGroup(ViewSetGroup):
    menu_label = _("Intake")
    menu_icon = "form"
    menu_order = 250
    items = (EntryViewSet, FacilityViewSet, MembershipViewSet, RegionViewSet, ExtensionViewSet)
