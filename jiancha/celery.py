import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiancha.settings")

app = Celery("jiancha")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
