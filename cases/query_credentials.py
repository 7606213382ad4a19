"""How a reporter's follow-up credentials are kept: the query code the system draws and the password the reporter
chooses, hashed together, salted, in ``Report.query_code_hash``.

The code's 100 random bits make the pair unguessable offline whatever the work factor, and the password cannot
be tried on its own, so a light PBKDF2 is enough: every public submission and query pays for it, and a
million iterations per secret (Django's default for staff passwords) held the public form to two a second. Online,
the query's lock-out and rate limit stand in the way.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password

ITERATIONS = 1_000
_HASHER = PBKDF2PasswordHasher()
# Checked against when the number is unknown, so that such an answer takes as long as a wrong password.
_STAND_IN = _HASHER.encode("-", "standin" * 3, ITERATIONS)


def _joined(code: str, password: str) -> str:
    return f"{code}\n{password}"


def credentials_hash(code: str, password: str) -> str:
    return _HASHER.encode(_joined(code, password), _HASHER.salt(), ITERATIONS)


def credentials_match(code_hash: str, password_hash: str, code: str, password: str) -> bool:
    """Whether ``code`` and ``password`` open a report with these stored hashes; an empty ``code_hash`` (a report
    without a code, or no report) never matches but costs the same."""
    if password_hash:  # filed before code and password were hashed together: two Django password hashes
        return check_password(code, code_hash) & check_password(password, password_hash)
    if not code_hash:
        _HASHER.verify(_joined(code, password), _STAND_IN)
        return False
    return _HASHER.verify(_joined(code, password), code_hash)
