from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from samverka.ops.health import healthz

admin.site.site_header = "Samverka"
admin.site.site_title = "Samverka"

# The database going away answers 503 with Retry-After, not 500 (samverka/ops/outage.py).
handler500 = "samverka.ops.outage.server_error"

# Swedish lives at /, English at /en/: the address alone says the language.
urlpatterns = i18n_patterns(
    path("admin/", admin.site.urls),
    path("konto/", include("allauth.urls")),
    path("konto/", include("samverka.accounts.urls")),
    path("", include("samverka.meetings.urls")),
    path("", include("samverka.polls.urls")),
    path("", include("samverka.knowledge.urls")),
    path("", include("samverka.results.urls")),
    path("", include("samverka.pages.urls")),
    path("", include("samverka.registry.urls")),
    path("", include("samverka.api.page_urls")),
    prefix_default_language=False,
)

# The open-data API and files answer the same in every language: no language prefix.
urlpatterns += [path("", include("samverka.api.urls"))]

# Outside the language prefixes: load balancers and monitors ask one fixed address.
urlpatterns += [path("healthz", healthz, name="healthz")]

if settings.SERVE_MEDIA:
    # Uploaded files from local storage, for the one-machine set-up. With object storage
    # (MEDIA_STORAGE) or a web server in front, set SERVE_MEDIA=0.
    from django.urls import re_path
    from django.views.static import serve

    def media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", media)]
