"""Editor panels that show officers what a work row is (title, award, thumbnail) without letting them change it:
which entries an exhibition holds and their awards come from the results, and travel in hidden fields."""

from django import forms
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, Panel


def hidden(field_name):
    return FieldPanel(field_name, widget=forms.HiddenInput)


class SummaryPanel(Panel):
    """A read-only description of the row's instance, rendered by `template`."""

    def __init__(self, template, **kwargs):
        super().__init__(**kwargs)
        self.template = template

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "template": self.template}

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["row"] = instance
            entry = getattr(instance, "entry", None) if getattr(instance, "entry_id", None) else None
            context["entry"] = entry
            image_id = getattr(instance, "entry_image_id", None)
            context["thumbnail_url"] = reverse("portal:image_thumbnail", args=[image_id]) if image_id else ""
            return context
