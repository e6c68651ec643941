"""The work plan's drafting, review, adoption and comparison, and a version's documents
(namespace "workplan:", shared with the follow-up and the archive, see enlace.urls)."""

from django.urls import URLPattern, path

from enlace.workplan import views

urlpatterns: list[URLPattern] = [
    path("workplan/", views.index, name="index"),
    path("workplan/plans/<int:pk>/versions/new/", views.version_new, name="version_new"),
    path("workplan/versions/<int:pk>/", views.version_detail, name="version"),
    path("workplan/versions/<int:pk>/submit/", views.version_submit, name="version_submit"),
    path("workplan/versions/<int:pk>/review/", views.version_review, name="version_review"),
    path("workplan/versions/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("workplan/versions/<int:pk>/amendments/", views.amendment_add, name="amendment_add"),
    path("workplan/amendments/<int:pk>/decide/", views.amendment_decide, name="amendment_decide"),
    path("workplan/versions/<int:pk>/adopt/", views.version_adopt, name="version_adopt"),
    path("workplan/compare/", views.compare, name="compare"),
    path(
        "workplan/from-commitment/<int:pk>/",
        views.activity_from_commitment,
        name="from_commitment",
    ),
    # Drafting (draft and review versions only).
    path("workplan/draft/versions/<int:pk>/axes/new/", views.axis_new, name="draft_axis_new"),
    path("workplan/draft/axes/<int:pk>/", views.axis_edit, name="draft_axis_edit"),
    path(
        "workplan/draft/axes/<int:pk>/objectives/new/",
        views.objective_new,
        name="draft_objective_new",
    ),
    path("workplan/draft/objectives/<int:pk>/", views.objective_edit, name="draft_objective_edit"),
    path(
        "workplan/draft/objectives/<int:pk>/activities/new/",
        views.activity_new,
        name="draft_activity_new",
    ),
    path("workplan/draft/activities/<int:pk>/", views.activity_edit, name="draft_activity_edit"),
    path("workplan/draft/<str:kind>/<int:pk>/delete/", views.item_delete, name="draft_item_delete"),
    path("workplan/draft/<str:kind>/<int:pk>/move/", views.item_move, name="draft_item_move"),
    # A version as the annex document and as a spreadsheet.
    path("workplan/versions/<int:pk>/document.pdf", views.version_pdf, name="version_pdf"),
    path("workplan/versions/<int:pk>/document.docx", views.version_docx, name="version_docx"),
    path("workplan/versions/<int:pk>/activities.xlsx", views.version_xlsx, name="version_xlsx"),
]
