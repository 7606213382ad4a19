"""EncryptedTextField: a column that holds a Fernet token while the model attribute holds the plain text."""

from django.db import models
from django.db.models.lookups import IsNull, Lookup

from common.crypto import decrypt, encrypt


class EncryptedTextField(models.TextField):
    """Text stored encrypted with ``common.crypto``; on the model instance it is an ordinary ``str``.

    - Decrypted eagerly, as the row is loaded: forms, the admin and templates need no special handling, and a
      missing key fails loudly at once (``DecryptionError``). Lists that do not show the identity should
      ``defer()`` these fields, so the plain text is neither computed nor at hand in the template.
    - Only the ``isnull`` lookup: a token differs every time, so ``filter(field="…")`` could never match.
      Store ``keyed_hash(value)`` in a column beside it and filter on that.
    - ``None`` and ``""`` are stored as they are: an empty field has nothing to hide, and blank stays blank.
    - SQL only ever carries the token, so query logging never shows the plain text. ``dumpdata`` does write the
      plain text (``loaddata`` encrypts it again): back up with ``pg_dump``.
    - django-auditlog would write the plain text into its change log. Register such a model with
      ``auditlog.register(Model, exclude_fields=encrypted_field_names(Model))`` and without ``serialize_data``.
    """

    description = "加密文本"

    def get_prep_value(self, value: object) -> str | None:
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str | None:
        return decrypt(value) if value else value

    @classmethod
    def get_class_lookups(cls) -> dict[str, type[Lookup]]:
        # Django refuses any other lookup: "Unsupported lookup 'exact' for EncryptedTextField …".
        return {"isnull": IsNull}


def encrypted_field_names(model: type[models.Model], own_only: bool = False) -> list[str]:
    """The names of ``model``'s encrypted fields; ``own_only`` leaves out those stored in a parent's table."""
    fields = model._meta.local_concrete_fields if own_only else model._meta.concrete_fields
    return [field.name for field in fields if isinstance(field, EncryptedTextField)]
