"""The self-hosted captcha (django-simple-captcha) for the public form and API: no outside service is called.

Each challenge is a database row (``CaptchaStore``) drawn as a PNG by our own server; it is good for one
attempt, right or wrong, and expires after ``CAPTCHA_TIMEOUT`` minutes. The page shows it in the form; an API
client asks ``/api/v1/public/captcha/`` for a key and an image URL, and sends the key with its answer.
"""

from captcha import urls as captcha_urls
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.contrib.auth.decorators import login_not_required
from django.urls import re_path

from cases.public_limits import captcha_limited

CAPTCHA_ERRORS = {"invalid": "验证码不正确或已过期，请看新的图片重新输入。", "required": "请输入图片中的验证码。"}

# The library's image and refresh views, opened to the public: they show a challenge and hold no data. Each
# draws a picture or a new challenge row, so each counts against the address's captcha budget.
CAPTCHA_URLS = [
    re_path(
        pattern.pattern._regex,
        login_not_required(captcha_limited(pattern.callback)),
        pattern.default_args,
        name=pattern.name,
    )
    for pattern in captcha_urls.urlpatterns
]


class CaptchaInput(CaptchaTextInput):
    """The library's widget with a Chinese alt text and a "换一张" button.

    Its template sits in the app's own templates folder: form widgets are drawn by the form renderer, which
    reads installed apps' templates only, not the project's ``templates/``.
    """

    template_name = "cases/widgets/captcha.html"


def captcha_field() -> CaptchaField:
    return CaptchaField(label="验证码", widget=CaptchaInput(), error_messages=CAPTCHA_ERRORS)


def captcha_new() -> dict[str, str]:
    key = CaptchaStore.generate_key()
    return {"key": key, "image_url": captcha_image_url(key)}


def captcha_check(key: str, answer: str) -> None:
    """ValidationError unless ``answer`` solves the challenge ``key``; the challenge is spent either way."""
    captcha_field().clean([key, answer])
