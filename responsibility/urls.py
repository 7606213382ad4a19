from django.urls import path

from responsibility import views

app_name = "responsibility"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
]
