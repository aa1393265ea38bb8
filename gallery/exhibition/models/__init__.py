from gallery.exhibition.models.page import ExhibitionPage
from gallery.exhibition.models.public_files import PublicRendition, ShareImage
from gallery.exhibition.models.takedown import Takedown
from gallery.exhibition.models.works import ExhibitedImage, ExhibitedWork

__all__ = ["ExhibitedImage", "ExhibitedWork", "ExhibitionPage", "PublicRendition", "ShareImage", "Takedown"]
