"""Nothing that identifies where a work comes from or who made it reaches a judge: not in any page, URL,
header, alt text, file name or image metadata."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from gallery.judging.domain import scoring
from gallery.models import EntryImage
from tests.factories import (
    ContestFactory,
    EntryFactory,
    FacilityFactory,
    RegionFactory,
    RoundFactory,
    UserFactory,
    jpeg_bytes,
    rubric,
)

pytestmark = pytest.mark.django_db

SECRETS = {
    "facility name": "Zhezkazgan Quokka Colony",
    "facility code": "QKKA7",
    "region name": "Ulytau Pelican Oblast",
    "region code": "pelicanrg",
    "artist code": "ARTIST-MARMOT-5521",
    "reference": "REF-OCELOT-0042",
    "uploader": "uploader_narwhal",
}


def exif_with_secrets():
    exif = Image.Exif()
    exif[0x010E] = f"{SECRETS['facility name']} {SECRETS['artist code']}"  # ImageDescription
    exif[0x013B] = SECRETS["uploader"]  # Artist
    exif[0x8298] = SECRETS["reference"]  # Copyright
    return exif.tobytes()


@pytest.fixture
def identified_entry():
    region = RegionFactory(name=SECRETS["region name"], code=SECRETS["region code"])
    place = FacilityFactory(name=SECRETS["facility name"], code=SECRETS["facility code"], region=region)
    contest = ContestFactory()
    uploader = UserFactory(username=SECRETS["uploader"])
    work = EntryFactory(
        contest=contest,
        facility=place,
        created_by=uploader,
        images=2,
        artist_code=SECRETS["artist code"],
        reference=SECRETS["reference"],
        title="Morning light",
    )
    # Even an image that slipped into storage with metadata (and a telling file name) must reach judges clean.
    from django.core.files.base import ContentFile

    leaky = EntryImage.objects.get(entry=work, position=1)
    leaky.file.save(
        f"{SECRETS['reference']}-{SECRETS['facility code']}.jpg",
        ContentFile(jpeg_bytes(exif=exif_with_secrets())),
    )
    # The same goes for its thumbnail, which the queue and the strip of views load.
    leaky.thumbnail.save(
        f"{SECRETS['reference']}-{SECRETS['facility code']}-thumb.jpg",
        ContentFile(jpeg_bytes(size=(20, 15), exif=exif_with_secrets())),
    )
    rubric(contest)
    judge = UserFactory(judge=True)
    round_ = RoundFactory(contest=contest, judges=[judge], visibility="after_submit")
    return round_, judge, work


def assert_clean(text, where):
    lowered = text.lower()
    for label, secret in SECRETS.items():
        assert secret.lower() not in lowered, f"{label} leaked in {where}"


def test_no_identifying_detail_reaches_a_judge(client, identified_entry):
    round_, judge, work = identified_entry
    client.force_login(judge)
    re_ = round_.round_entries.select_related("round").get(entry=work)
    for criterion in round_.criteria.all():
        scoring.save_score(judge, re_, criterion.pk, 7)
    scoring.save_note(judge, re_, "A note.", "")

    pages = [
        reverse("judging:index"),
        reverse("judging:queue", args=[round_.pk]),
        reverse("judging:entry", args=[round_.pk, re_.code]),
    ]
    image_urls = set()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert_clean(html, url)
        assert_clean(str(response.headers), f"headers of {url}")
        image_urls |= set(re.findall(r'src="(/judging/[^"]+/image/\d+/(?:thumb/|zoom/)?)"', html))
        # Alt texts name the anonymous code only.
        for alt in re.findall(r'alt="([^"]*)"', html):
            assert_clean(alt, "alt text")
    assert_clean(" ".join(image_urls), "image URLs")
    assert len(image_urls) == 6  # screen rendition, zoom rendition and thumbnail of both views

    # The judge saw the work itself.
    entry_html = client.get(pages[2]).content.decode()
    assert "Morning light" in entry_html and re_.code in entry_html and work.medium in entry_html

    for url in image_urls:
        # Keyed by code and position only.
        assert re.fullmatch(rf"/judging/{round_.pk}/{re_.code}/image/[01]/(thumb/|zoom/)?", url)
        response = client.get(url)
        assert response.status_code == 200
        assert "Content-Disposition" not in response.headers
        assert_clean(str(response.headers), f"headers of {url}")
        data = response.content
        assert_clean(data.decode("latin-1"), f"bytes of {url}")
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)

    # After submitting, other judges' scores may be shown (round visibility), still without names.
    scoring.submit(judge, round_)
    assert_clean(client.get(pages[2]).content.decode(), "entry page after submit")


def test_stored_file_really_had_metadata(identified_entry):
    """Guards the test above: the leaky stored image does carry the secrets, so a pass means they were removed."""
    _, _, work = identified_entry
    stored = EntryImage.objects.get(entry=work, position=1)
    assert SECRETS["reference"] in stored.file.name
    with stored.file.open("rb") as handle:
        assert SECRETS["artist code"].encode() in handle.read()
    assert SECRETS["reference"] in stored.thumbnail.name
    with stored.thumbnail.open("rb") as handle:
        assert SECRETS["artist code"].encode() in handle.read()
