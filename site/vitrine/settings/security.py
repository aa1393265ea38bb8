"""Sign-in protection (core.signin) and the Content-Security-Policy (core.csp)."""

from datetime import timedelta

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .storage import media_origins

env = environ.Env()

# Sign-in protection (core.signin, docs/operations.md#sign-in-protection). The client's address is read from
# X-Forwarded-For only behind this many trusted proxies (each appends the address it was reached from); 0 means
# the app is reached directly and the header is ignored.
VITRINE_TRUSTED_PROXIES = env.int("VITRINE_TRUSTED_PROXIES", default=0)
# Failed sign-ins within the cool-off that lock an account (from anywhere) and an address (whatever the account);
# a lock lifts after the cool-off, or when an officer unlocks it.
VITRINE_SIGNIN_FAILURE_LIMIT = env.int("VITRINE_SIGNIN_FAILURE_LIMIT", default=5)
VITRINE_SIGNIN_ADDRESS_FAILURE_LIMIT = max(
    env.int("VITRINE_SIGNIN_ADDRESS_FAILURE_LIMIT", default=20), VITRINE_SIGNIN_FAILURE_LIMIT
)
VITRINE_SIGNIN_COOLOFF_MINUTES = env.int("VITRINE_SIGNIN_COOLOFF_MINUTES", default=15)
# Password-reset emails asked for one address, and from one client address, per hour.
VITRINE_PASSWORD_RESET_PER_EMAIL = env.int("VITRINE_PASSWORD_RESET_PER_EMAIL", default=3)
VITRINE_PASSWORD_RESET_PER_ADDRESS = env.int("VITRINE_PASSWORD_RESET_PER_ADDRESS", default=10)
# Officers and judges (whoever holds one of these rights, and superusers): two-factor sign-in, required when
# VITRINE_REQUIRE_2FA is on, and signed out after this many minutes without a request.
VITRINE_SIGNIN_PROTECTED_PERMISSIONS = ["wagtailadmin.access_admin", "judging.act_as_judge"]
VITRINE_REQUIRE_2FA = env.bool("VITRINE_REQUIRE_2FA", default=False)
VITRINE_IDLE_SIGN_OUT_MINUTES = env.int("VITRINE_IDLE_SIGN_OUT_MINUTES", default=8 * 60)

AXES_FAILURE_LIMIT = VITRINE_SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=VITRINE_SIGNIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "core.signin.throttle.SignInAttemptHandler"
AXES_CLIENT_IP_CALLABLE = "core.signin.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "core.signin.throttle.attempted_username"
AXES_LOCKOUT_CALLABLE = "core.signin.throttle.lockout_response"
# Attempts during a lock do not extend it: the page can say when signing in works again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # no record of successful sign-ins (addresses are personal data)
AXES_ENABLE_ADMIN = False  # Django's admin is not mounted; officers see lockouts in the Wagtail admin
OTP_TOTP_ISSUER = "Vitrine"

# Content-Security-Policy (django-csp through core.csp): our own origin only, media from the storage's hosts,
# videos embedded by editors from VITRINE_CSP_FRAME_HOSTS. Inline scripts need a nonce (none of our templates has
# one: pages with a nonce are never stored in the page cache); Wagtail's admin gets VITRINE_ADMIN_CSP instead.
VITRINE_CSP_MEDIA_ORIGINS = [*media_origins(), *env.list("VITRINE_CSP_MEDIA_ORIGINS", default=[])]
VITRINE_CSP_FRAME_HOSTS = env.list(
    "VITRINE_CSP_FRAME_HOSTS",
    default=["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *VITRINE_CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *VITRINE_CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VITRINE_CSP_FRAME_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
VITRINE_ADMIN_CSP_PREFIXES = ["/admin/"]
VITRINE_ADMIN_CSP = {
    # Wagtail 8 renders inline <script> blocks (inline panels, date pickers) and style attributes.
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *VITRINE_CSP_MEDIA_ORIGINS],
    # Page previews are frames of the admin itself.
    "frame-ancestors": [SELF],
}
