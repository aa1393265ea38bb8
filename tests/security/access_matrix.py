"""Who may reach which URL: one row per URL pattern (or family of patterns), checked by test_access_matrix.py
against every pattern Django's resolver knows, the Wagtail admin's included. A URL without a row fails the test.

Each row gives, for GET and for POST, the outcome for each role, in this order:

    anonymous, staff of facility A, staff of facility B, judge, judge with a conflict,
    officer, officer without the judges'-names right, superuser

Object URLs point at facility A's objects (its draft, image, consent form, awarded entry) and at the entry the
judge is assigned and the other judge declared a conflict on; rows with a `case` point elsewhere (see
patterns.CASES). Outcomes:

    A  allowed: the view answered (2xx, a redirect to its own page, or its own refusal of the input: 400, 409)
    F  403, or the Wagtail admin's "no permission" redirect to its dashboard
    N  404 (another facility's object, an entry not assigned to the judge: never a 403 that confirms it exists)
    L  a redirect to a sign-in page (the site's, or the admin's for anyone without admin access)
    M  405 (the view takes the other method only)
    E  a 500: only in UPSTREAM_ERRORS below, for Wagtail's own views

A key is "namespace:name", or the route of an unnamed pattern. A row's key may use shell wildcards (*, ?) and
braces ("regions:{add,edit}"); the first row that matches a URL is its row. See docs/security.md.
"""

from dataclasses import dataclass

# Outcomes of the eight roles, in the order above.
EVERYONE = "A A A A A A A A"
NOBODY_405 = "M M M M M M M M"
NOBODY_404 = "N N N N N N N N"
ADMIN = "L L L L L A A A"  # officers and the superuser; the admin sends everyone else to its sign-in page
ADMIN_405 = "L L L L L M M M"
ADMIN_404 = "L L L L L N N N"
SUPERUSER_ONLY = "L L L L L F F A"
SUPERUSER_ONLY_405 = "L L L L L F F M"
ADMIN_NOBODY = "L L L L L F F F"
PORTAL_OWN = "L A N F F F F F"  # facility A's object: its staff only; B finds nothing; others are no staff
PORTAL_OWN_405 = "L M M F F F F F"
PRIVATE_FILE = "L A N N N A A A"  # A's file: its staff and the officers (admin screening); nobody else finds it
JUDGE_ASSIGNED = "L N N A N N N N"  # the judge's entry; the other judge declared a conflict on it
JUDGE_405 = "L M M M M M M M"

# Outcomes that are 500s in Wagtail itself, for a hand-made POST no admin page sends: listed so that the matrix
# notices when Wagtail answers them properly (the row must then change), with the reason.
UPSTREAM_ERRORS = {
    "wagtailadmin_error_test": "Wagtail's deliberate error page (/admin/failwhale/), for testing error reports",
    "wagtailadmin_pages:{add,edit,copy,revisions_revert}": "Wagtail reads StreamField counts and the copy form's "
    "fields without checking that the POST has them (MultiValueDictKeyError)",
    "wagtailadmin_choose_page_external_link": "Wagtail's external-link chooser fails on a POST without its url field",
    "wagtailsnippetchoosers_*:create": "Wagtail's snippet chooser has no creation form for a POST without one",
    "wagtailredirects:process_import": "Wagtail's redirect import reads a field its form did not clean",
}


@dataclass(frozen=True)
class Row:
    key: str
    get: str
    post: str
    case: str = ""  # a named variant of the URL's arguments (patterns.CASES)
    note: str = ""


ROWS = [
    # --- Health, public site, feeds, calendars, search, sign-in -------------------------------------------------
    Row("{healthz,readyz}", get=EVERYONE, post=NOBODY_405),
    Row("{robots_txt,site_calendar,event_calendar,campaign_calendar,search}", get=EVERYONE, post=NOBODY_405),
    Row("{stories_rss,stories_atom,sitemap}", get=EVERYONE, post=EVERYONE),
    Row("wagtail_serve", get=EVERYONE, post=EVERYONE, note="the published exhibition page"),
    Row("wagtaildocs_serve", get=EVERYONE, post=EVERYONE, note="documents in the public collection"),
    Row("{wagtaildocs_authenticate_with_password,wagtailcore_authenticate_with_password}", NOBODY_404, NOBODY_404),
    Row("{login,wagtailcore_login}", get=EVERYONE, post=EVERYONE),
    Row("two_factor_setup", get="L F F A A A A A", post="L F F A A A A A", note="officers and judges"),
    Row("two_factor_verify", get="L A A A A A A A", post="L A A A A A A A", note="sends on whoever owes no code"),
    Row("two_factor_recovery_codes", get="L M M M M M M M", post="L F F F F F F F", note="needs an authenticator"),
    Row("logout", get=NOBODY_405, post="L L L L L L L L", note="signs out, then the sign-in page"),
    # --- The facility portal --------------------------------------------------------------------------------------
    Row("portal:dashboard", get="L A A A A A A A", post="L A A A A A A A", note="judges, officers sent on"),
    Row("portal:entry_create", get="L A A F F F F F", post="L A A F F F F F", note="the contest is open to all"),
    Row("portal:entry", get=PORTAL_OWN, post=PORTAL_OWN),
    Row("portal:entry_certificate", get=PORTAL_OWN, post=PORTAL_OWN_405),
    # A POST without the tus headers is refused (400) before the entry is looked up: it tells B nothing.
    Row("portal:upload_create", get=PORTAL_OWN_405, post="L A A F F F F F"),
    Row("portal:upload", get=PORTAL_OWN, post=PORTAL_OWN_405, note="HEAD, PATCH, DELETE: the uploader only"),
    Row("portal:image_move", get=PORTAL_OWN_405, post=PORTAL_OWN),
    Row("portal:entry_receipt", get=PORTAL_OWN, post=PORTAL_OWN_405),
    Row(
        "portal:{image_add,image_delete,entry_submit,entry_withdraw,entry_delete,entry_withdraw_consent}",
        get=PORTAL_OWN_405,
        post=PORTAL_OWN,
    ),
    Row("portal:{consent_form,image_thumbnail,image_original}", get=PRIVATE_FILE, post=PRIVATE_FILE),
    # --- Judging --------------------------------------------------------------------------------------------------
    Row("judging:index", get="L A A A A A A A", post="L A A A A A A A", note="lists the user's own rounds only"),
    Row("judging:queue", get="L N N A A N N N", post="L N N A A N N N"),
    Row("judging:submit", get="L N N A A N N N", post="L N N A A N N N", note="GET: the confirmation step"),
    # A judge who declared a conflict still opens the entry's page: to withdraw the declaration before submitting.
    Row("judging:entry", get="L N N A A N N N", post="L N N A A N N N"),
    Row("judging:withdraw", get=JUDGE_405, post="L N N A A N N N"),
    Row("judging:{image,image_thumb,image_zoom}", get=JUDGE_ASSIGNED, post=JUDGE_ASSIGNED),
    Row("judging:{score,note,declare}", get=JUDGE_405, post=JUDGE_ASSIGNED),
    # The judge is not assigned this entry; the other judge is, with no conflict.
    Row("judging:entry", case="unassigned", get="L N N N A N N N", post="L N N N A N N N"),
    Row("judging:withdraw", case="unassigned", get=JUDGE_405, post="L N N N A N N N"),
    Row("judging:{image,image_thumb,image_zoom}", case="unassigned", get="L N N N A N N N", post="L N N N A N N N"),
    Row("judging:{score,note,declare}", case="unassigned", get=JUDGE_405, post="L N N N A N N N"),
    # --- Our screens in the Wagtail admin ---------------------------------------------------------------------------
    Row("judging_admin:{index,round,export}", get=ADMIN, post=ADMIN_405),
    Row("judging_admin:approve", get=ADMIN, post=ADMIN, note="GET: who has not finished, and the reason asked"),
    Row("judging_admin:{open,close,remind,decide,shortlist}", get=ADMIN_405, post=ADMIN),
    Row("signin_lockouts:{index,index_results}", get=ADMIN, post=ADMIN_405),
    Row("signin_lockouts:delete", get=ADMIN, post=ADMIN, note="unlocking"),
    Row("periodic_runs:{index,index_results,inspect}", get=ADMIN, post=ADMIN_405),
    Row("periodic_runs:*", get=ADMIN_NOBODY, post=ADMIN_NOBODY, note="runs are written by the scheduler only"),
    Row("exhibition_media_kit", get=ADMIN, post=ADMIN_405),
    Row("entries:{add,delete}", get=ADMIN_NOBODY, post=ADMIN_NOBODY, note="entries come from facilities only"),
    Row("{facilities,regions}:delete", get=ADMIN, post=ADMIN_NOBODY, note="never while facilities or entries use it"),
    Row("exhibition_takedowns:{edit,delete,usage}", get=ADMIN_NOBODY, post=ADMIN_NOBODY, note="takedowns are final"),
    Row(
        "{entries,facilities,facility_staff,regions,deadline_extensions,judging_rounds,judging_criteria,"
        "judging_settings,judge_profiles,exhibition_takedowns}:{index,index_results,history,history_results,usage,"
        "inspect}",
        get=ADMIN,
        post=ADMIN_405,
    ),
    Row(
        "{entries,facilities,facility_staff,regions,deadline_extensions,judging_rounds,judging_criteria,"
        "judging_settings,judge_profiles,exhibition_takedowns}:{add,edit,delete,copy}",
        get=ADMIN,
        post=ADMIN,
    ),
    # --- Wagtail's admin: officers edit pages, images, documents and snippets; the superuser runs the site ----------
    Row("{wagtailadmin_home,admin/test404/,wagtailadmin_dismissibles}", get=ADMIN, post=ADMIN_405),
    Row("admin/^.*/$", get=ADMIN_404, post=ADMIN_404, note="an admin address that does not exist"),
    Row("wagtailadmin_error_test", get="L L L L L E E E", post="L L L L L E E E"),
    Row("wagtailadmin_api:*:{listing,detail}", get=ADMIN, post=ADMIN_405),
    Row("wagtailadmin_api:*:find", get=ADMIN_404, post=ADMIN_405, note="finds nothing without a query"),
    Row("wagtailadmin_api:pages:action", get=ADMIN_405, post=SUPERUSER_ONLY),
    Row("{wagtailadmin_explore_root,wagtailadmin_explore,wagtailadmin_explore_results}", get=ADMIN, post=ADMIN_405),
    Row("wagtail_bulk_action", get=ADMIN_404, post=ADMIN_404, note="no bulk action without ids"),
    Row("wagtailadmin_pages:{add,edit,copy,revisions_revert}", get=ADMIN, post="L L L L L E E E"),
    Row(
        "wagtailadmin_pages:{preview_on_add,preview_on_edit,choose_parent,view_draft,"
        "confirm_workflow_cancellation,revisions_index}",
        get=ADMIN,
        post=ADMIN,
    ),
    Row(
        "wagtailadmin_pages:{type_use,type_use_results,usage,add_subpage,search,search_results,revisions_view,"
        "revisions_compare,workflow_history,history,history_results}",
        get=ADMIN,
        post=ADMIN_405,
    ),
    Row(
        "wagtailadmin_pages:{delete,unpublish,move,set_privacy,revisions_unschedule}",
        get=SUPERUSER_ONLY,
        post=SUPERUSER_ONLY,
        note="officers neither delete, unpublish nor move pages: the second officer's approval publishes",
    ),
    Row("wagtailadmin_pages:move_confirm", get=ADMIN, post=SUPERUSER_ONLY),
    Row("wagtailadmin_pages:set_page_position", get=ADMIN_405, post=SUPERUSER_ONLY),
    Row("wagtailadmin_pages:{lock,unlock}", get=ADMIN_405, post=ADMIN),
    Row(
        "wagtailadmin_pages:{convert_alias,workflow_action,collect_workflow_action_data,workflow_preview}",
        get=ADMIN_404,
        post=ADMIN_404,
        note="the story is no alias and has no workflow task in progress",
    ),
    Row("wagtailadmin_pages:workflow_history_detail", get=ADMIN_404, post=ADMIN_405),
    Row(
        "{wagtailadmin_choose_page,wagtailadmin_choose_page_child,wagtailadmin_choose_page_search,"
        "wagtailadmin_choose_page_chosen_multiple}",
        get=ADMIN,
        post=ADMIN_405,
    ),
    Row("wagtailadmin_choose_page_external_link", get=ADMIN, post="L L L L L E E E"),
    Row(
        "{wagtailadmin_choose_page_email_link,wagtailadmin_choose_page_phone_link,wagtailadmin_choose_page_anchor_link,"
        "wagtailadmin_tag_autocomplete,wagtailadmin_account,wagtailembeds:chooser,wagtailembeds:chooser_upload}",
        get=ADMIN,
        post=ADMIN,
    ),
    Row("wagtailadmin_tag_model_autocomplete", get=ADMIN_404, post=ADMIN_404, note="images have no tags here"),
    Row("wagtailadmin_collections:{index}", get=SUPERUSER_ONLY, post=SUPERUSER_ONLY_405),
    Row("wagtailadmin_collections:{add,set_privacy}", get=SUPERUSER_ONLY, post=SUPERUSER_ONLY),
    Row("wagtailadmin_collections:edit", get="L L L L L F F N", post="L L L L L F F N", note="the root collection"),
    Row("wagtailadmin_collections:delete", get=ADMIN_404, post=ADMIN_404, note="the root collection"),
    Row(
        "wagtailadmin_workflows:{index,index_results,usage,usage_results,task_index,task_index_results}",
        get=SUPERUSER_ONLY,
        post=SUPERUSER_ONLY_405,
    ),
    Row(
        "wagtailadmin_workflows:{add,disable,edit,select_task_type,edit_task,disable_task}",
        get=SUPERUSER_ONLY,
        post=SUPERUSER_ONLY,
    ),
    Row("wagtailadmin_workflows:{enable,remove,enable_task}", get=ADMIN_405, post=SUPERUSER_ONLY),
    Row("wagtailadmin_workflows:add_task", get=ADMIN_404, post=ADMIN_404, note="no such task type"),
    Row("wagtailadmin_workflows:{task_chooser,task_chooser_results}", get=ADMIN, post=ADMIN_405),
    Row("wagtailadmin_workflows:{task_chooser_create,task_chosen}", get=ADMIN, post=ADMIN),
    Row("wagtailadmin_reports:*", get=ADMIN, post=ADMIN_405),
    Row("wagtailadmin_logout", get=ADMIN_405, post="L L L L L L L L", note="signs out, then the admin's sign-in"),
    Row("wagtailadmin_editing_sessions:*", get=ADMIN_405, post=ADMIN),
    Row("wagtailadmin_block_preview", get=ADMIN_404, post=ADMIN_405, note="no block named"),
    Row("wagtailforms:{index,index_results}", get=ADMIN, post=ADMIN_405),
    Row("wagtailforms:{list_submissions,list_submissions_results}", ADMIN_404, ADMIN_404, note="no form pages"),
    Row("wagtailforms:delete_submissions", get=ADMIN_NOBODY, post=ADMIN_NOBODY),
    Row("wagtailredirects:{index,index_results}", get=SUPERUSER_ONLY, post=SUPERUSER_ONLY_405),
    Row("wagtailredirects:process_import", get=SUPERUSER_ONLY_405, post="L L L L L F F E"),
    Row("wagtailredirects:*", get=SUPERUSER_ONLY, post=SUPERUSER_ONLY),
    Row("wagtailsettings:edit", get=SUPERUSER_ONLY, post=SUPERUSER_ONLY),
    Row("wagtailsettings:preview_on_edit", get="L L L L L F F N", post="L L L L L F F N"),
    Row("wagtailsnippets:index", get=ADMIN_NOBODY, post=ADMIN_NOBODY, note="snippets have their own menus"),
    Row("{wagtaildocs,wagtailimages}:{index,index_results,document_usage,image_usage}", get=ADMIN, post=ADMIN_405),
    Row("{wagtaildocs,wagtailimages}:{add,edit,delete,add_multiple,preview}", get=ADMIN, post=ADMIN),
    Row("{wagtaildocs,wagtailimages}:{edit_multiple,delete_multiple}", get=ADMIN_405, post=ADMIN),
    Row(
        "{wagtaildocs,wagtailimages}:{create_multiple_from_uploaded_*,delete_upload_multiple}",
        get=ADMIN_405,
        post=ADMIN_404,
        note="no upload in progress",
    ),
    Row("wagtailimages:{url_generator,url_generator_output}", get=ADMIN_404, post=ADMIN_405),
    Row("wagtailsnippets_events_person:{list,list_results,usage,history,history_results}", ADMIN, ADMIN_405),
    Row("wagtailsnippets_events_person:{add,edit,delete,copy}", get=ADMIN, post=ADMIN),
    Row("wagtailsnippetchoosers_events_person:create", get=ADMIN, post="L L L L L E E E"),
    Row("wagtailimages_chooser:{create,select_format}", get=ADMIN, post=ADMIN),
    Row("wagtaildocs_chooser:create", get=ADMIN, post=ADMIN),
    Row("{wagtailsnippetchoosers_events_person,wagtaildocs_chooser,wagtailimages_chooser}:*", ADMIN, ADMIN_405),
    Row("wagtaillocales:{index,index_results}", get=ADMIN, post=ADMIN_405, note="officers may see the languages"),
    Row("wagtailusers_users:delete", get=SUPERUSER_ONLY, post=ADMIN_NOBODY, note="staff A's account has entries"),
    Row(
        "{wagtailsites,wagtailusers_users,wagtailusers_groups,wagtaillocales}:{index,index_results,history,"
        "history_results,usage}",
        get=SUPERUSER_ONLY,
        post=SUPERUSER_ONLY_405,
    ),
    Row(
        "{wagtailsites,wagtailusers_users,wagtailusers_groups,wagtaillocales}:{add,edit,delete,copy}",
        get=SUPERUSER_ONLY,
        post=SUPERUSER_ONLY,
    ),
    # Wagtail's sign-in, password reset and static screens answer everyone.
    Row(
        "{wagtailadmin_sprite,wagtailadmin_login,wagtailadmin_password_reset,wagtailadmin_password_reset_confirm}",
        get=EVERYONE,
        post=EVERYONE,
    ),
    Row(
        "{wagtailadmin_password_reset_done,wagtailadmin_password_reset_complete,wagtailadmin_javascript_catalog}",
        get=EVERYONE,
        post=NOBODY_405,
    ),
]
