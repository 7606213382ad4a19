"""The application as served under load by bench/web.py: production behaviour over plain HTTP on 127.0.0.1.

The public report form's captcha and hourly limit stay wired in but stand aside: django-simple-captcha's test
mode accepts the answer "PASSED" (the challenge lookup and deletion still run), and the limits are counted but
never reached, so a submission costs what it costs minus a human.
"""

from jiancha.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# wrk speaks plain HTTP: no redirect to https, and the cookies it is handed must be sent back over HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
CAPTCHA_TEST_MODE = True
# Commission staff give a one-time code at sign-in in production: the bench's session is verified (bench/web.py).
OTP_REQUIRED_FOR_COMMISSION = True
PUBLIC_SUBMIT_RATE = PUBLIC_QUERY_RATE = "100000000/h"
