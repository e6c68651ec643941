from django.urls import path

from enlace.accounts import views as accounts_views
from enlace.meetings import manage_views as meetings
from enlace.network import manage_views as network
from enlace.portal import front_views
from enlace.reports import manage_views as reports
from enlace.workplan import manage_views as workplan

app_name = "manage"
urlpatterns = [
    path("", front_views.manage_index, name="index"),
    path("countries/new/", network.country_edit, name="country_new"),
    path("countries/<int:pk>/", network.country_edit, name="country_edit"),
    path("organisations/new/", network.organisation_edit, name="organisation_new"),
    path("organisations/<int:pk>/", network.organisation_edit, name="organisation_edit"),
    path("presidencies/new/", network.presidency_edit, name="presidency_new"),
    path("presidencies/<int:pk>/", network.presidency_edit, name="presidency_edit"),
    path("people/new/", network.person_edit, name="person_new"),
    path("people/<int:pk>/", network.person_edit, name="person_edit"),
    path("people/<int:pk>/account/", accounts_views.account_status, name="account_status"),
    path("memberships/new/", network.membership_edit, name="membership_new"),
    path("memberships/<int:pk>/", network.membership_edit, name="membership_edit"),
    path("meetings/new/", meetings.meeting_edit, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_edit, name="meeting_edit"),
    path(
        "meetings/<int:pk>/representatives/", meetings.representative_add, name="representative_add"
    ),
    path(
        "representatives/<int:pk>/remove/",
        meetings.representative_remove,
        name="representative_remove",
    ),
    path("meetings/<int:pk>/documents/", meetings.document_add, name="document_add"),
    path("documents/<int:pk>/remove/", meetings.document_remove, name="document_remove"),
    path("reports/new/", reports.report_edit, name="report_new"),
    path("reports/<int:pk>/", reports.report_edit, name="report_edit"),
    path("plans-of-action/new/", workplan.plan_of_action_edit, name="plan_of_action_new"),
    path("plans-of-action/<int:pk>/", workplan.plan_of_action_edit, name="plan_of_action_edit"),
    path("plans-of-action/<int:plan>/axes/new/", workplan.plan_axis_new, name="plan_axis_new"),
    path("plan-axes/<int:pk>/", workplan.plan_axis_edit, name="plan_axis_edit"),
    path("plan-axes/<int:axis>/lines/new/", workplan.plan_line_new, name="plan_line_new"),
    path("plan-lines/<int:pk>/", workplan.plan_line_edit, name="plan_line_edit"),
    path("work-plans/new/", workplan.work_plan_edit, name="work_plan_new"),
    path("work-plans/<int:pk>/", workplan.work_plan_edit, name="work_plan_edit"),
]
