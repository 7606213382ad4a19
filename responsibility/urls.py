from django.urls import path

from responsibility import views, views_actions, views_export, views_rankings, views_records

app_name = "responsibility"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("export.xlsx", views_export.ledger_export, name="ledger-export"),
    path("print/", views_export.ledger_print, name="ledger-print"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:pk>/report/", views_actions.report_file, name="report-file"),
    path("tasks/<int:pk>/request-acceptance/", views_actions.acceptance_request, name="acceptance-request"),
    path("tasks/<int:pk>/decide-acceptance/", views_actions.acceptance_decide, name="acceptance-decide"),
    path("tasks/<int:pk>/notices/new/", views_actions.notice_issue, name="notice-issue"),
    path("tasks/<int:pk>/accountability/new/", views_actions.accountability_new, name="accountability-new"),
    path("my-tasks/", views.my_tasks, name="my-tasks"),
    path("leader/", views.leader_tasks, name="leader-tasks"),
    path("notices/", views_actions.notice_list, name="notice-list"),
    path("notices/<int:pk>/reply/", views_actions.notice_reply, name="notice-reply"),
    path("notices/<int:pk>/close/", views_actions.notice_close, name="notice-close"),
    path("attachments/<int:pk>/", views_actions.attachment_download, name="attachment-download"),
    path("letters/", views_records.letter_list, name="letter-list"),
    path("letters/<int:pk>/sign/", views_records.letter_sign, name="letter-sign"),
    path("accountability/", views_records.accountability_list, name="accountability-list"),
    path("rankings/", views_rankings.ranking_page, name="rankings"),
    path("rankings/generate/", views_rankings.ranking_generate, name="ranking-generate"),
]
