import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.blocks import BodyBlock, CaptionedImageBlock
from events.images import with_renditions
from events.models.mixins import SharedPageMixin, hero_image_field
from events.serving import ServedPageMixin, public


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("events.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(ServedPageMixin, SharedPageMixin, Page):
    """A news story: what happened, with figures and pictures."""

    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(_("summary"), blank=True)
    hero_image = hero_image_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    gallery = StreamField([("image", CaptionedImageBlock())], verbose_name=_("image gallery"), blank=True, max_num=40)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["events.CampaignPage", "events.StoryIndexPage"]
    subpage_types = []
    template = "events/story_page.html"
    og_type = "article"
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["story_index"] = public(StoryIndexPage.objects.live(), request).first()  # where tag links lead
        return context


class StoryIndexPage(ServedPageMixin, SharedPageMixin, Page):
    """All stories, newest first, with an RSS and an Atom feed."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 10

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["events.HomePage"]
    subpage_types = ["events.StoryPage"]
    template = "events/story_index_page.html"

    class Meta:
        verbose_name = _("story index")

    def stories(self, tag=None):
        stories = public(StoryPage.objects.live()).order_by("-date", "-pk")
        if tag:
            stories = stories.filter(tags__slug=tag)
        return with_renditions(stories)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()[:100]
        paginator = Paginator(self.stories(tag), self.per_page)
        try:
            stories = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            stories = paginator.page(1)
        except EmptyPage:
            stories = paginator.page(paginator.num_pages)
        context.update(stories=stories, tag=tag, filter_query=urlencode({"tag": tag}) if tag else "")
        return context
