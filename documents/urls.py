from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/excel/", views.document_excel, name="excel"),
    path("<int:pk>/word/", views.document_word, name="word"),
]
