from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from enlace.api.api import api
from enlace.core.views import set_language

# The system administrator signs in through the platform's sign-in, second factor included.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

WORKPLAN_PAGES = [
    path("", include("enlace.workplan.urls")),
    path("", include("enlace.followup.urls")),
    path("", include("enlace.archive.urls")),
]

urlpatterns = [
    path("", include("enlace.network.urls")),
    path("", include("enlace.meetings.urls")),
    path("", include("enlace.reports.urls")),
    path("", include("enlace.commitments.urls")),
    path("", include("enlace.imports.urls")),
    path("", include("enlace.search.urls")),
    # The work plan, its follow-up and its archive: three apps, one namespace ("workplan:").
    path("", include((WORKPLAN_PAGES, "workplan"))),
    path("", include("enlace.cooperation.urls")),
    path("", include("enlace.contributions.urls")),
    path("", include("enlace.portal.urls")),
    path("", include("enlace.countryreports.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("enlace.accounts.urls")),
    path("audit/", include("enlace.portal.audit_urls")),
    path("manage/", include("enlace.portal.manage_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("system-admin/", admin.site.urls),
]

handler400 = "enlace.core.views.error_400"
handler403 = "enlace.core.views.error_403"
handler404 = "enlace.core.views.error_404"
handler500 = "enlace.core.views.error_500"

# Uploaded files are never served from MEDIA_URL, not even in debug mode: each is downloaded
# through its view, after its access check, as an attachment (enlace.core.uploads.download).
