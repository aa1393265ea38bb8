"""The Content-Security-Policy of every response (django-csp), with the admin's own policy.

The site, the portal, judging and the sign-in page get the strict policy of CONTENT_SECURITY_POLICY: scripts,
styles, fonts and connections from our own origin only, images from it and the media storage, no plugins, no
framing. Our templates carry no inline script, event handler or style attribute, so the policy needs no nonce;
a template that ever needs one asks for `request.csp_nonce`, and such a page is never kept in the shared page
cache (core.caching), where one nonce would be replayed to every visitor.

Wagtail's admin (and its page previews) renders inline scripts and style attributes of its own (inline panels,
date pickers): under VITRINE_ADMIN_CSP_PREFIXES the directives of VITRINE_ADMIN_CSP replace the strict ones.
A nonce there would make browsers ignore 'unsafe-inline', so the admin's policy never carries one.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

from core.page_cache import split_language


def is_admin_path(path):
    return split_language(path)[1].startswith(tuple(settings.VITRINE_ADMIN_CSP_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_admin_path(request.path):
            parts.replace = {**(parts.replace or {}), **settings.VITRINE_ADMIN_CSP}
            parts.nonce = None
        return parts
