"""Encryption of personal data at rest, and the keyed hash that lets an encrypted identifier be matched.

Reporter identity (name, ID number, phone) must stay secret even from someone holding a copy of the database.
Values are encrypted with Fernet, which authenticates as well as encrypts: a token made with another key or
altered in the database is refused, never decrypted into garbage. ``settings.FIELD_ENCRYPTION_KEYS`` lists the
keys newest first: the first encrypts, any of them decrypts, which is what lets keys be rotated
(``manage.py rotate_field_keys``).

A token differs every time the same text is encrypted, so it cannot be searched: ``keyed_hash`` gives the
stable digest that duplicate detection compares instead.
"""

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

_WRONG_KEY = "无法解密：FIELD_ENCRYPTION_KEYS 中没有加密时所用的密钥，或密文已被改动。"


class DecryptionError(Exception):
    """A token that none of the configured keys opens: an old key was removed too early, or the data was altered."""


def encrypt(text: str) -> str:
    """The Fernet token of ``text`` under the newest key (URL-safe ASCII, about 4/3 of the UTF-8 length + 100)."""
    return _fernet(_keys()).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """The text inside ``token``; ``DecryptionError`` if no configured key opens it."""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken:
        # ``from None``: the chained error adds nothing, and nothing of the token may reach a log.
        raise DecryptionError(_WRONG_KEY) from None


def rotate(token: str) -> str:
    """``token`` re-encrypted under the newest key, or ``token`` itself if the newest key already opens it.

    Returning the same token lets the rotation command count and rewrite only what changed, so running it
    twice does nothing the second time.
    """
    keys = _keys()
    if _opens(keys[:1], token):
        return token
    try:
        return _fernet(keys).rotate(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError(_WRONG_KEY) from None


def normalise_identifier(value: str) -> str:
    """An identifier as compared: full-width characters folded (NFKC), whitespace removed, upper case.

    So " 51082319900101123x ", "５１０８２３19900101123X" and "510823 19900101 123X" are one ID number.
    """
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 (hex, 64 characters) of the normalised ``value`` under ``settings.IDENTITY_HASH_KEY``.

    Keyed, not a plain SHA-256: ID numbers are few enough (region, birth date, sequence) that anyone with the
    database could hash them all and read the matches; without the key, kept outside the database, they cannot.
    """
    key = settings.IDENTITY_HASH_KEY
    if not key:
        raise ImproperlyConfigured("未设置 IDENTITY_HASH_KEY。")
    return hmac.new(key.encode(), normalise_identifier(value).encode(), hashlib.sha256).hexdigest()


def _keys() -> tuple[str, ...]:
    return tuple(settings.FIELD_ENCRYPTION_KEYS)


def _opens(keys: tuple[str, ...], token: str) -> bool:
    try:
        _fernet(keys).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    # Cached by the keys themselves, so a changed setting (tests, override_settings) takes effect at once.
    if not keys:
        raise ImproperlyConfigured("未设置 FIELD_ENCRYPTION_KEYS。")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        # The message names no key: it may end up in a log.
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS 中有无效的密钥：每个密钥须是 Fernet.generate_key() 生成的 44 个字符。"
        ) from None


@checks.register(checks.Tags.security)
def check_field_encryption_keys(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A malformed key stops ``migrate`` and ``runserver`` at once, not the first reporter who submits."""
    try:
        _fernet(_keys())
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="common.E001")]
    return []
