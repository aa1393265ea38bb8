"""Images officers upload to Wagtail's image library (page heroes, stories, speakers' photos) go through the
intake pipeline as well: Wagtail keeps each original in public storage and its renditions copy EXIF, so a phone
photo would otherwise publish where it was taken. The pipeline reads the upload first (by its content, never its
name), so every refusal is its clear message and a damaged file is never decoded by Wagtail's own checks (which
answer a truncated JPEG with a server error); Wagtail's checks then run on the re-encoded copy (upright, sRGB, no
metadata), which is what is stored.

Wired by `WAGTAILIMAGES_IMAGE_FORM_BASE`; Wagtail's single and multiple upload views both build on it.
"""

from pathlib import PurePath

from django import forms
from django.core.files import File
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from gallery.imaging import ImageLimits, ImageRejected, clean_image


class CleanImageField(WagtailImageField):
    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # nothing sent, or an empty file
        if upload is None:
            return None
        try:
            clean = clean_image(upload, ImageLimits.defaults())
        except ImageRejected as refused:
            raise forms.ValidationError(refused.messages, code=refused.code) from None
        stem = PurePath(upload.name).stem or "image"
        # The spooled copy is read when the image is saved, and closed with the request.
        return super().to_python(File(clean.file, name=f"{stem}.{clean.extension}"))


class CleanLibraryImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtails = self.fields["file"]
            self.fields["file"] = CleanImageField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget
            )
