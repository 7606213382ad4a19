FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# pg_dump and pg_restore for `manage.py backup` / `restore` (Debian bookworm's client 15 matches postgres:15).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings that start in production mode; these values exist only at build time.
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput \
    && useradd --system --home /app jiancha && mkdir -p /app/var && chown jiancha /app/var
USER jiancha

EXPOSE 8000
CMD ["gunicorn", "jiancha.wsgi", "--workers", "2", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
