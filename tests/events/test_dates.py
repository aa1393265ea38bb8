"""One date and time format per language, with the zone named (core.dates and its template filters)."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core import dates

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
MOMENT = datetime.datetime(2027, 7, 18, 10, tzinfo=ALMATY)


@pytest.mark.parametrize(
    ("language", "moment", "day"),
    [
        ("en", "18 July 2027, 10:00 (UTC+5)", "18 July 2027"),
        ("ru", "18 июля 2027 г., 10:00 (UTC+5)", "18 июля 2027 г."),
        ("kk", "18 Шілде 2027 ж., 10:00 (UTC+5)", "18 Шілде 2027 ж."),
    ],
)
def test_each_language_has_one_format_with_the_zone_named(language, moment, day):
    with translation.override(language):
        assert dates.format_moment(MOMENT, "Asia/Almaty") == moment
        assert dates.format_date(MOMENT.date()) == day
        rendered = Template("{% load vitrine_dates %}{{ when|moment:zone }}|{{ when.date|day }}").render(
            Context({"when": MOMENT, "zone": "Asia/Almaty"})
        )
        assert rendered == f"{moment}|{day}"


def test_the_zone_is_named_by_its_offset_at_that_moment():
    assert dates.zone_name(datetime.datetime(2020, 7, 13, 5, tzinfo=datetime.UTC), "Asia/Almaty") == "UTC+6"  # 2020
    assert dates.zone_name(MOMENT, "Asia/Almaty") == "UTC+5"  # Kazakhstan's single zone since 2024
    assert dates.zone_name(MOMENT, "Asia/Kolkata") == "UTC+5:30"
    assert dates.zone_name(MOMENT, "America/St_Johns") == "UTC-2:30"  # summer time
    assert dates.zone_name(MOMENT, "UTC") == "UTC"
    assert dates.format_moment(MOMENT, "Europe/Berlin") == "18 July 2027, 07:00 (UTC+2)"
    assert dates.format_moment(MOMENT, "Not/AZone") == "18 July 2027, 10:00 (UTC+5)"  # the default zone


def test_ranges_name_the_zone_once_and_drop_the_day_when_it_is_the_same():
    template = Template("{% load vitrine_dates %}{% moment_range start end zone all_day %}")

    def render(start, end, all_day=False):
        return template.render(Context({"start": start, "end": end, "zone": "Asia/Almaty", "all_day": all_day}))

    same_day = render(MOMENT, MOMENT + datetime.timedelta(hours=3))
    assert same_day == (
        '<time datetime="2027-07-18T05:00:00+00:00">18 July 2027, 10:00</time> – '
        '<time datetime="2027-07-18T08:00:00+00:00">13:00</time> <span class="time-zone">(UTC+5)</span>'
    )
    two_days = render(MOMENT, MOMENT + datetime.timedelta(days=1))
    assert "19 July 2027, 10:00</time>" in two_days and two_days.count("UTC+5") == 1
    assert render(MOMENT, MOMENT + datetime.timedelta(days=2), all_day=True) == (
        '<time datetime="2027-07-18">18 July 2027</time> – <time datetime="2027-07-20">20 July 2027</time>'
    )
    assert render(None, None) == "Date to be announced"
