from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import health
from core.signin.password_reset import ThrottledPasswordResetView

urlpatterns = [
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness_view, name="readyz"),
    # Before Wagtail's own: the same password reset, throttled per email and per client address.
    path("admin/password_reset/", ThrottledPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("events.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything people read: English at the root, /ru/ and /kk/ for the other interface languages. Django keeps
# unprefixed paths in English, so each language of a page is one URL (cacheable, shareable, no cookie).
urlpatterns += i18n_patterns(
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("core.signin.urls")),
    path("portal/", include("gallery.portal.urls")),
    path("judging/", include("gallery.judging.urls")),
    path("", include("events.i18n_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
