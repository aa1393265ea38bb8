"""Every URL pattern the site answers, walked from Django's resolver (the Wagtail admin's and the i18n prefixes'
included), and the concrete URL of each for the security harnesses, with ids taken from the fixture world.

A pattern's key is its namespaced name ("portal:entry", "wagtailadmin_pages:edit"), or its route when it has no
name ("admin/test404/"). The access table (access_matrix.py) has a row per key or per family of keys.
"""

import fnmatch
import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Pattern:
    key: str
    route: str  # the full route, prefixes joined, e.g. "portal/entries/<int:pk>/"
    name: str | None
    kwargs: tuple  # the names of the URL's keyword arguments
    positional: int  # unnamed regex groups
    callback: object

    def __str__(self):
        return self.key if self.key == self.route else f"{self.key} ({self.route})"


def _parameters(pattern):
    if isinstance(pattern, RoutePattern):
        return tuple(match["name"] for match in ROUTE_PARAMETER.finditer(str(pattern))), 0
    if isinstance(pattern, RegexPattern):
        named = tuple(pattern.regex.groupindex)
        return named, pattern.regex.groups - len(named)
    return (), 0


def _walk(resolver, route="", namespace="", kwargs=(), positional=0):
    for entry in resolver.url_patterns:
        names, unnamed = _parameters(entry.pattern)
        here = route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry, here, inner, kwargs + names, positional + unnamed)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Pattern(
                key=name or here,
                route=here,
                name=name,
                kwargs=kwargs + names,
                positional=positional + unnamed,
                callback=entry.callback,
            )


def all_patterns():
    """Every pattern once, in the resolver's order."""
    seen, patterns = set(), []
    for pattern in _walk(get_resolver()):
        if (pattern.key, pattern.route) not in seen:
            seen.add((pattern.key, pattern.route))
            patterns.append(pattern)
    return patterns


def url_values(world):
    """Values of URL arguments, per family of keys: the first family matching a key that names the argument wins.
    A URL that takes ids needs its own line here, so the harnesses reach a real object."""
    o = world.objects
    story = o["story"]
    return [
        ("portal:entry_create", {"contest_pk": o["open_contest"].pk}),
        ("portal:image_add", {"pk": o["draft"].pk}),
        ("portal:image_delete", {"pk": o["draft"].pk, "image_pk": o["image"].pk}),
        ("portal:image_move", {"pk": o["draft"].pk, "image_pk": o["image"].pk}),
        ("portal:upload", {"token": o["upload"].pk}),
        ("portal:entry_receipt", {"pk": o["winner"].pk}),
        ("portal:image_*", {"pk": o["image"].pk}),
        ("portal:entry_certificate", {"pk": o["winner"].pk}),
        ("portal:*", {"pk": o["draft"].pk}),
        ("judging:*", {"round_id": o["round"].pk, "code": o["assigned"].code, "position": 0}),
        ("signin_lockouts:*", {"pk": o["lockout"].pk}),
        ("periodic_runs:*", {"pk": o["periodic_run"].pk}),
        ("judging_admin:export", {"pk": o["round"].pk, "table": "scores", "fmt": "csv"}),
        ("judging_admin:*", {"pk": o["round"].pk}),
        ("judging_rounds:*", {"pk": o["round"].pk}),
        ("judging_criteria:*", {"pk": o["criteria"][0].pk}),
        ("judging_settings:*", {"pk": o["judging_settings"].pk}),
        ("judge_profiles:*", {"pk": o["judge_profile"].pk}),
        ("entries:*", {"pk": o["assigned"].entry_id}),
        ("facilities:*", {"pk": o["facility_a"].pk}),
        ("facility_staff:*", {"pk": o["membership_a"].pk}),
        ("regions:*", {"pk": o["facility_a"].region_id}),
        ("deadline_extensions:*", {"pk": o["extension"].pk}),
        ("exhibition_takedowns:*", {"pk": o["takedown"].pk}),
        ("exhibition_media_kit", {"page_id": o["exhibition"].pk}),
        ("event_calendar", {"page_id": o["event"].pk}),
        ("campaign_calendar", {"page_id": o["campaign"].pk}),
        ("wagtail_serve", {"*": [o["exhibition"].url.lstrip("/")]}),
        ("wagtaildocs_serve", {"*": [o["document"].pk, "report.txt"]}),
        ("wagtailadmin_api:pages:*", {"pk": story.pk, "action_name": "copy"}),
        ("wagtailadmin_api:images:*", {"pk": o["wagtail_image"].pk}),
        ("wagtailadmin_api:documents:*", {"pk": o["document"].pk}),
        ("wagtail_bulk_action", {"app_label": "wagtailcore", "model_name": "page", "action": "delete"}),
        (
            "wagtailadmin_pages:revisions_compare",
            {"pk": story.pk, "revision_id_a": "earliest", "revision_id_b": "live"},
        ),
        ("wagtailadmin_pages:*", {"revision_id": story.latest_revision_id, "destination_id": o["campaign"].pk}),
        ("wagtailadmin_tag_model_autocomplete", {"app_name": "wagtailimages", "model_name": "image"}),
        ("wagtailadmin_collections:*", {"pk": o["collection"].pk, "collection_id": o["collection"].pk}),
        (
            "wagtailadmin_workflows:*",
            {"pk": o["workflow"].pk, "workflow_pk": o["workflow"].pk, "page_pk": o["home"].pk},
        ),
        ("wagtailadmin_workflows:*", {"task_id": o["task"].pk}),
        (
            "wagtailadmin_editing_sessions:*",
            {"app_label": "wagtailcore", "model_name": "page", "object_id": str(story.pk)},
        ),
        ("wagtailredirects:*", {"redirect_id": o["redirect"].pk}),
        ("wagtailsettings:*", {"app_name": "core", "model_name": "siteidentity", "pk": o["site"].pk}),
        ("wagtaildocs*", {"document_id": o["document"].pk, "doc_id": o["document"].pk, "pk": o["document"].pk}),
        (
            "wagtailimages*",
            {"image_id": o["wagtail_image"].pk, "pk": o["wagtail_image"].pk, "filter_spec": "fill-10x10"},
        ),
        ("wagtailsnippet*_events_person:*", {"pk": o["person"].pk}),
        ("wagtailsites:*", {"pk": o["site"].pk}),
        ("wagtailusers_users:*", {"pk": world.users["staff_a"].pk}),
        ("wagtailusers_groups:*", {"pk": o["officers"].pk}),
        ("wagtaillocales:*", {"pk": o["locale"].pk}),
        ("wagtailadmin_password_reset_confirm", {"uidb64": "MQ", "token": "set-password"}),
        ("wagtailcore_authenticate_with_password", {"page_id": story.pk}),
        # Wagtail's page screens, explorer and chooser: the story, under the campaign.
        (
            "*",
            {
                "page_id": story.pk,
                "parent_page_id": o["campaign"].pk,
                "page_to_move_id": story.pk,
                "content_type_app_name": "events",
                "content_type_model_name": "storypage",
                "app_label": "events",
                "model_name": "storypage",
            },
        ),
    ]


# Arguments no object in the world stands for: a number that is no row, a word that is no name.
NOWHERE = {"int": 987654, "str": "nothing"}


def url_for(pattern, world, overrides=None):
    """The concrete URL of `pattern` in `world` (unnamed patterns: their route with each argument filled)."""
    values, positional = dict(overrides or {}), None
    for family, given in url_values(world):
        if fnmatch.fnmatchcase(pattern.key, family):
            for name in pattern.kwargs:
                if name in given:
                    values.setdefault(name, given[name])
            if positional is None and "*" in given:
                positional = given["*"]
    kwargs = {name: values.get(name, NOWHERE["int"]) for name in pattern.kwargs}
    if pattern.name is None:
        return "/" + pattern.route.replace("^", "").replace(".*/$", "no-such-screen/")
    if pattern.positional:
        args = positional or [NOWHERE["int"]] * pattern.positional
        return reverse(pattern.name, args=args)
    return reverse(pattern.name, kwargs=kwargs)


# Named variants of a URL's arguments, for rows with a `case`.
CASES = {
    "unassigned": lambda world: {"code": world.objects["unassigned"].code},
}


def expand(key):
    """Shell-style braces: "a:{b,c}" -> ["a:b", "a:c"] (nested and repeated braces too)."""
    match = re.search(r"\{([^{}]*)\}", key)
    if match is None:
        return [key]
    return [
        expanded
        for choice in match[1].split(",")
        for expanded in expand(key[: match.start()] + choice + key[match.end() :])
    ]


def matches(row_key, key):
    return any(fnmatch.fnmatchcase(key, glob) for glob in expand(row_key))


def row_for(rows, pattern, case=""):
    """The first row of `rows` for this pattern and case, else None."""
    return next((row for row in rows if row.case == case and matches(row.key, pattern.key)), None)
