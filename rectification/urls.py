"""Rectification pages under /rectification/ (namespace ``rectification``)."""

from django.urls import path

from rectification import views, views_problems, views_ratings, views_warnings
from rectification import views_progress as progress

app_name = "rectification"
urlpatterns: list = [
    path("", views.problem_list, name="problem-list"),
    path("<int:pk>/", views.problem_detail, name="problem-detail"),
    path("problems/new/", views_problems.problem_new, name="problem-new"),
    path("problems/<int:pk>/commitment/", views_problems.commitment_edit, name="commitment-edit"),
    path("problems/<int:pk>/commitment/publish/", views_problems.commitment_publish_view, name="commitment-publish"),
    path("<int:pk>/progress/", progress.progress_file, name="progress-file"),
    path("<int:pk>/acceptance/request/", progress.acceptance_request, name="acceptance-request"),
    path("<int:pk>/acceptance/decide/", progress.acceptance_decide, name="acceptance-decide"),
    path("<int:pk>/fix-at-once/", progress.fix_at_once, name="fix-at-once"),
    path("progress-attachments/<int:pk>/", progress.attachment_download, name="progress-attachment"),
    path("evaluations/", progress.evaluation_list, name="evaluation-list"),
    path("evaluations/<int:pk>/", progress.evaluation_new, name="evaluation-new"),
    path("ratings/", views_ratings.rating_ranking, name="rating-ranking"),
    path("talks/", views_ratings.talk_list, name="talk-list"),
    path("talks/new/", views_ratings.talk_new, name="talk-new"),
    path("warnings/", views_warnings.warning_list, name="warning-list"),
    path("warnings/<int:unit_id>/card/", views_warnings.warning_card, name="warning-card"),
    path("reconciliation/", views_warnings.reconciliation_page, name="reconciliation"),
]
