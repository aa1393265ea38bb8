"""Demo pages for the events app: the Nelson Mandela International Day 2020 campaign in Kazakhstan.

Idempotent: every page is looked up by slug under its parent and created (and published) only when missing.
Pictures are drawn by demo.artwork; nothing is downloaded.
"""

import datetime
import io
import json
import zoneinfo

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from core import roles
from demo.accounts import ensure_user
from demo.artwork import hero_jpeg
from events.models import (
    CampaignPage,
    EventIndexPage,
    EventPage,
    EventSession,
    HomePage,
    Person,
    StoryIndexPage,
    StoryPage,
)
from events.moderation import ensure_moderation_workflow

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
REFRESHER_SLUG = "mandela-rules-refresher-2027"


def _at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def demo_image(title, seed):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        picture = io.BytesIO(hero_jpeg(seed))
        image.file.save(f"demo-{seed}.jpg", ImageFile(picture, name=f"demo-{seed}.jpg"), save=False)
        image.save()
    return image


def _publish_new(parent, page):
    """Add and publish `page` under `parent` unless a page with its slug is already there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _text(html):
    return ("text", html)


def seed(context):
    ensure_moderation_workflow()
    officer2 = ensure_user(context, "officer2", groups=[roles.OFFICERS], first_name="Dana", last_name="Second officer")
    context.objects["officer2"] = officer2
    context.logins.append(("officer2", "communication officer who approves (editorial workflow)"))

    home = HomePage.objects.get()
    intro = (
        "Vitrine runs outreach campaigns with correctional facilities: events, training and art contests "
        "that end in a public online exhibition."
    )
    hero = demo_image("Demo: Nelson Mandela Day 2020 hero", 2020)
    campaign = _publish_new(
        home,
        CampaignPage(
            title="Nelson Mandela International Day 2020",
            slug="nelson-mandela-day-2020",
            start_date=datetime.date(2020, 5, 18),
            end_date=datetime.date(2020, 7, 18),
            summary=(
                "A week of art, training and dialogue in Kazakhstan's prisons, held with the Prison Committee of the "
                "Ministry of Internal Affairs to mark 18 July and the Nelson Mandela Rules."
            ),
            hero_image=hero,
            body=_body(
                _text(
                    "<p>Because of the pandemic, the 2020 commemoration moved online. Prisoners in eight facilities "
                    "learned abstract and acrylic painting from a professional artist, their works entered a photo "
                    "contest, and prison officers kept training on the Nelson Mandela Rules.</p>"
                ),
                (
                    "quote",
                    {
                        "quote": "A nation should not be judged by how it treats its highest citizens, "
                        "but its lowest ones.",
                        "attribution": "Nelson Mandela",
                        "role": "",
                    },
                ),
                (
                    "key_figures",
                    {
                        "heading": "The campaign in numbers",
                        "figures": [
                            {"figure": "8", "label": "correctional facilities joined the master class"},
                            {"figure": "1,100+", "label": "prison officers completed the e-learning course"},
                            {"figure": "10", "label": "winning works shown online"},
                        ],
                    },
                ),
            ),
        ),
    )
    context.objects["campaign"] = campaign

    artist, _ = Person.objects.get_or_create(
        name="Beibit Asemkul",
        defaults={"role": "Artist", "bio": "Painter who led the online master class on abstract and acrylic painting."},
    )
    trainers, _ = Person.objects.get_or_create(
        name="National trainers, Kostanay Police Academy",
        defaults={"role": "Trainers", "bio": "Prison staff trainers prepared at the Kostanay Police Academy."},
    )

    master_class = EventPage(
        title="Online master class: abstract and acrylic painting",
        slug="master-class-abstract-acrylic-painting",
        kind=EventPage.Kind.MASTER_CLASS,
        attendance_mode=EventPage.Attendance.ONLINE,
        summary=(
            "An artist teaches prisoners in eight facilities the basics of abstract painting and acrylic technique."
        ),
        hero_image=demo_image("Demo: master class", 713),
        join_url="https://meet.example.org/vitrine-master-class",
        facilities_count=8,
        participating_facilities="Pilot facilities of the Karaganda region\nPilot facilities of the Pavlodar region",
        body=_body(
            _text(
                "<p>Art therapy gives stimulus, lowers stress, builds self-esteem and teaches a skill that can lead "
                "to work after release. The class opened the week of Nelson Mandela Day.</p>"
            )
        ),
        sessions=[EventSession(start=_at(2020, 7, 13, 11), end=_at(2020, 7, 13, 13))],
    )
    master_class.speakers = [artist]
    _publish_new(campaign, master_class)

    _publish_new(
        campaign,
        EventPage(
            title="Online opening of the prison staff training centre",
            slug="opening-prison-staff-training-centre",
            kind=EventPage.Kind.CEREMONY,
            attendance_mode=EventPage.Attendance.ONLINE,
            summary=(
                "The centre on preventing violent extremism in prisons, at the Kostanay Police Academy, "
                "opens its doors online."
            ),
            hero_image=demo_image("Demo: training centre", 714),
            sessions=[EventSession(start=_at(2020, 7, 15, 15), end=_at(2020, 7, 15, 16, 30))],
        ),
    )

    webinar = EventPage(
        title="Four-day webinar: preventing radicalisation to violence in prisons",
        slug="webinar-preventing-radicalisation-2020",
        kind=EventPage.Kind.WEBINAR,
        attendance_mode=EventPage.Attendance.ONLINE,
        summary=(
            "Up to twenty officers of the Pavlodar region study the legal framework, risk assessment of violent "
            "extremist prisoners and prison-based disengagement programmes."
        ),
        participating_facilities="Prison officers of the Pavlodar region",
        body=_body(
            _text(
                "<p>Taught by national trainers in three modules, for psychologists, inspectors and security officers, "
                "adapted from the UNODC handbook on managing violent extremist prisoners.</p>"
            )
        ),
        sessions=[
            EventSession(title=title, start=_at(2020, 5, day, 10), end=_at(2020, 5, day, 13))
            for day, title in (
                (18, "Day 1: legal framework"),
                (19, "Day 2: risk assessment"),
                (20, "Day 3: disengagement programmes"),
                (21, "Day 4: planning and review"),
            )
        ],
    )
    webinar.speakers = [trainers]
    _publish_new(campaign, webinar)

    _publish_new(
        campaign,
        EventPage(
            title="Exhibition opening in Karaganda",
            slug="exhibition-opening-karaganda-2020",
            kind=EventPage.Kind.CEREMONY,
            status=EventPage.Status.CANCELLED,
            status_note="Health restrictions ruled out gatherings; the works were shown online instead.",
            attendance_mode=EventPage.Attendance.IN_PERSON,
            venue_name="Karaganda regional museum of fine arts (demo venue)",
            venue_address="Karaganda, Kazakhstan",
            summary="A planned opening of the prisoners' photo exhibition, in person.",
            sessions=[EventSession(start=_at(2020, 7, 18, 16), end=_at(2020, 7, 18, 18))],
        ),
    )

    events = _publish_new(
        home,
        EventIndexPage(
            title="Events", slug="events", show_in_menus=True, intro="Master classes, webinars and openings."
        ),
    )
    stories = _publish_new(
        home, StoryIndexPage(title="Stories", slug="stories", show_in_menus=True, intro="News from the campaigns.")
    )
    gallery = [demo_image(f"Demo: training photo {number}", 900 + number) for number in range(1, 4)]
    story = StoryPage(
        title="Over 1,100 prison officers complete the e-learning course on the Nelson Mandela Rules",
        slug="e-learning-nelson-mandela-rules-1100-officers",
        date=datetime.date(2020, 7, 18),
        summary=(
            "Interactive videos and scenarios ask officers to apply the Nelson Mandela Rules, not only to "
            "memorise them."
        ),
        hero_image=demo_image("Demo: e-learning story", 1100),
        body=_body(
            _text(
                "<p>On Nelson Mandela Day the Prison Committee and UNODC promoted the interactive e-learning course on "
                "the UN Standard Minimum Rules for the Treatment of Prisoners. A collage of the first certified "
                "officers, designed as a portrait of Nelson Mandela, invited colleagues to enrol.</p>"
            ),
            (
                "key_figures",
                {
                    "heading": "",
                    "figures": [
                        {"figure": "1,100+", "label": "prison officers completed the course"},
                        {"figure": "56", "label": "officers trained at the new centre in 2020 (11% women)"},
                        {"figure": "150", "label": "more officers expected at the centre"},
                    ],
                },
            ),
        ),
        gallery=json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": f"Abstract demo picture {n}"},
                        "caption": "Demo picture drawn by the seed script",
                    },
                }
                for n, image in enumerate(gallery, start=1)
            ]
        ),
    )
    story = _publish_new(campaign, story)
    if not story.tags.exists():
        story.tags.add("Nelson Mandela Rules", "training")
        story.save_revision().publish()
    context.objects["stories"] = stories
    context.objects["events"] = events

    # No featured campaign: the home page leads with the campaign that is live (the 2027 one), not a finished one.
    if home.intro != intro or home.featured_campaign_id is not None:
        home.intro = intro
        home.featured_campaign = None
        home.save_revision().publish()
    context.objects["home"] = home


def seed_next_campaign(context):
    """The live campaign of the demo: Nelson Mandela Day 2027, whose contests are open or being judged today."""
    home = HomePage.objects.get()
    campaign = _publish_new(
        home,
        CampaignPage(
            title="Nelson Mandela International Day 2027",
            slug="nelson-mandela-day-2027",
            start_date=datetime.date(2027, 7, 1),
            end_date=datetime.date(2027, 7, 31),
            summary=(
                "A month of painting, photography and training in the prisons of the Karaganda and Pavlodar regions, "
                "ending on 18 July with an online exhibition of works chosen by a blind jury."
            ),
            hero_image=demo_image("Demo: Nelson Mandela Day 2027 hero", 2027),
            body=_body(
                _text(
                    "<p>Facilities send paintings and photographs made in art classes throughout the year. Officers "
                    "of the Prison Committee keep studying the Nelson Mandela Rules, and the best works go online "
                    "for everyone to see, credited only as the artists choose.</p>"
                ),
            ),
        ),
    )
    context.objects["next_campaign"] = campaign
    refresher = EventPage.objects.filter(slug=REFRESHER_SLUG).first()
    if refresher is not None and not refresher.is_descendant_of(campaign):
        # Databases seeded before it was filed under its campaign had it under the event index.
        refresher.move(campaign, pos="last-child")
    _publish_new(
        campaign,
        EventPage(
            title="Nelson Mandela Rules refresher for prison officers",
            slug=REFRESHER_SLUG,
            kind=EventPage.Kind.TRAINING,
            attendance_mode=EventPage.Attendance.MIXED,
            venue_name="Kostanay Police Academy (demo venue)",
            venue_address="Kostanay, Kazakhstan",
            join_url="https://meet.example.org/vitrine-refresher",
            summary="Two mornings on applying the Nelson Mandela Rules day to day, in the classroom and online.",
            sessions=[
                EventSession(start=_at(2027, 7, 15, 10), end=_at(2027, 7, 15, 13)),
                EventSession(start=_at(2027, 7, 16, 10), end=_at(2027, 7, 16, 13)),
            ],
        ),
    )
