"""StreamField blocks shared by campaign, event and story pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text (Wagtail's ImageBlock requires it unless the image is decorative) and a caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "events/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=255)
    role = blocks.CharBlock(label=_("role or organisation"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "events/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"), help_text=_("A link to the video, e.g. on YouTube or Vimeo."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "events/blocks/video.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "events/blocks/call_to_action.html"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=20, help_text=_("E.g. 1,100"))
    label = blocks.CharBlock(
        label=_("what it counts"), max_length=140, help_text=_("E.g. officers completed the course")
    )


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "events/blocks/key_figures.html"


class PartnerLogoBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("partner name"), max_length=120)
    logo = ImageChooserBlock(label=_("logo"))
    url = blocks.URLBlock(label=_("website"), required=False)


class PartnerLogosBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    partners = blocks.ListBlock(PartnerLogoBlock(), label=_("partners"), min_num=1)

    class Meta:
        icon = "group"
        label = _("Partner logos")
        template = "events/blocks/partner_logos.html"


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "events/blocks/gallery.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False, max_length=160)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "events/blocks/document.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"), max_length=160)
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "events/blocks/link.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyBlock(blocks.StreamBlock):
    """The body of campaign, event and story pages."""

    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, template="events/blocks/text.html")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    partner_logos = PartnerLogosBlock()
    gallery = GalleryBlock()
    document = DocumentBlock()


class MaterialsBlock(blocks.StreamBlock):
    """What an event leaves behind: slides and handouts, links, the recording."""

    document = DocumentBlock()
    link = LinkBlock()
