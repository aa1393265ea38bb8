"""The public exhibition of a contest: a Wagtail page under the campaign, with a page of its own per work
(a route, works/<number>/), built from the contest's approved results."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from events.serving import ServedPageMixin
from gallery.exhibition.domain import showing
from gallery.exhibition.forms import ExhibitionPageForm


class ExhibitionPage(RoutablePageMixin, ServedPageMixin, Page):
    contest = models.OneToOneField(
        "gallery.ContestPage",
        verbose_name=_("contest"),
        on_delete=models.PROTECT,
        related_name="exhibition",
        help_text=_("The works come from this contest's approved results."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    hashtag = models.CharField(
        _("hashtag"),
        max_length=60,
        blank=True,
        help_text=_("Used in the social media kit's captions, e.g. #MandelaDay."),
    )
    show_all_eligible = models.BooleanField(
        _("show all eligible entries"),
        default=False,
        help_text=_("Besides the winners and honourable mentions, a section with every other eligible entry."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("contest"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hashtag"), FieldPanel("show_all_eligible")], heading=_("Sharing and sections")),
        InlinePanel(
            "works",
            heading=_("Works"),
            label=_("Work"),
            help_text=_(
                "Made from the approved results when the page is saved. Drag to change the order; write the alt "
                "text of every image before publishing."
            ),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    base_form_class = ExhibitionPageForm
    parent_page_types = ["events.CampaignPage"]
    subpage_types = []
    og_type = "website"

    class Meta:
        verbose_name = _("exhibition")

    # --- What base.html's share tags read -----------------------------------------------------------

    @property
    def share_description(self):
        return self.search_description or self.intro

    # --- Public views ---------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Work links are built on the page's URL: worked out once, not for each tile (page.url asks the site).
        context["page_url"] = self.get_url(request)
        return context

    @path("")
    def exhibition(self, request):
        shown = showing.shown_exhibition(self, preview=getattr(request, "is_preview", False))
        return self.render(request, context_overrides={"shown": shown, "share_card": shown.share_card})

    @re_path(r"^works/(?P<number>[0-9]{1,9})/$", name="work")
    def work(self, request, number):
        shown = showing.shown_exhibition(self, preview=getattr(request, "is_preview", False))
        found = shown.find(int(number))
        if found is None:
            raise Http404
        previous_work, next_work = shown.neighbours(found)
        return self.render(
            request,
            template="exhibition/work_page.html",
            context_overrides={
                "shown": shown,
                "work": found,
                "previous_work": previous_work,
                "next_work": next_work,
                "share_card": found.share_card or shown.share_card,
                "share_title": found.title,
                "share_description": found.credit_line,
            },
        )

    def get_cached_paths(self):
        """Every path a front-end cache may hold for this page: the exhibition and each work ever in it, so a
        taken-down work's page is purged too."""
        numbers = self.works.values_list("number", flat=True) if self.pk else []
        return ["/", *(f"/works/{number}/" for number in numbers)]

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        lastmod = urls[0]["lastmod"] if urls else None
        for work in showing.shown_exhibition(self).works:
            urls.append({"location": base + work.route, "lastmod": lastmod})
        return urls
