"""Wagtail's {% picture %} and {% image %} with the same syntax and markup, except that a page only reads
renditions: a missing one is left out and asked of the background task (events.images), instead of being made
while the visitor waits."""

from django import template
from django.utils.functional import cached_property
from wagtail.images.models import Filter, Picture
from wagtail.images.templatetags import wagtailimages_tags

from events.images import existing_rendition, existing_renditions

register = template.Library()


class ImageNode(wagtailimages_tags.ImageNode):
    @cached_property
    def filter(self):  # parsed once per template, not per rendering
        return self.get_filter()

    def render(self, context):
        image = self.validate_image(context)
        rendition = existing_rendition(image, self.filter) if image else None
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        if rendition is None:
            return ""
        return rendition.img_tag({key: value.resolve(context) for key, value in self.attrs.items()})


class PictureNode(wagtailimages_tags.PictureNode):
    @cached_property
    def filters(self):  # parsed once per template, not per rendering
        return [Filter(spec=spec) for spec in Filter.expand_spec(self.filter_specs)]

    def render(self, context):
        image = self.validate_image(context)
        renditions = existing_renditions(image, self.filters) if image else {}
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions) if renditions else None
            return ""
        if not renditions:
            return ""
        return Picture(renditions, {key: value.resolve(context) for key, value in self.attrs.items()}).__html__()


NODES = {wagtailimages_tags.ImageNode: ImageNode, wagtailimages_tags.PictureNode: PictureNode}


def _image_tag(parser, token):
    parsed = wagtailimages_tags.image(parser, token)  # Wagtail's own parsing and error messages
    node = NODES[type(parsed)]
    return node(parsed.image_expr, parsed.filter_specs, output_var_name=parsed.output_var_name, attrs=parsed.attrs)


register.tag("image", _image_tag)
register.tag("picture", _image_tag)
