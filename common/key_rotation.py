"""Re-encrypting every stored EncryptedTextField value under the newest key (``manage.py rotate_field_keys``)."""

from collections.abc import Sequence

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from common.crypto import rotate
from common.fields import encrypted_field_names

BATCH_SIZE = 500

# (pk, token of each encrypted field, in order)
Row = tuple


def encrypted_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every installed model with encrypted columns of its own, with their names."""
    found = []
    for model in apps.get_models():
        # A proxy or unmanaged model would rewrite a table that its concrete model already covers.
        if model._meta.proxy or not model._meta.managed:
            continue
        if names := encrypted_field_names(model, own_only=True):
            found.append((model, names))
    return found


def rotate_model(model: type[models.Model], names: Sequence[str], batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Re-encrypt ``names`` in every row of ``model``; return (rows read, rows rewritten).

    Each batch is locked, read and written in one transaction, so an edit made meanwhile is never overwritten
    with the older value; batches go by primary key, so no cursor stays open across commits.
    """
    read = rewritten = 0
    after = None
    while True:
        with transaction.atomic():
            rows = _locked_tokens(model, names, after, batch_size)
            if not rows:
                return read, rewritten
            changed = rotated_rows(rows)
            _write_tokens(model, names, changed)
        read, rewritten, after = read + len(rows), rewritten + len(changed), rows[-1][0]


def rotated_rows(rows: Sequence[Row]) -> list[Row]:
    """The rows whose tokens the newest key does not open yet, with their new tokens (empty values stay)."""
    changed = []
    for pk, *tokens in rows:
        new_tokens = [rotate(token) if token else token for token in tokens]
        if new_tokens != tokens:
            changed.append((pk, *new_tokens))
    return changed


def _locked_tokens(model: type[models.Model], names: Sequence[str], after: object, limit: int) -> list[Row]:
    # Cast to a plain TextField: the raw token, not the plain text the field would decrypt it into.
    raw = {f"token_{name}": Cast(name, models.TextField()) for name in names}
    rows = model._base_manager.order_by("pk")
    if after is not None:
        rows = rows.filter(pk__gt=after)
    return list(rows.select_for_update().annotate(**raw).values_list("pk", *raw)[:limit])


def _write_tokens(model: type[models.Model], names: Sequence[str], rows: Sequence[Row]) -> None:
    # bulk_update sends no signals: a new key is not a change of content, so nothing goes to the audit log.
    objs = []
    for pk, *tokens in rows:
        obj = model(pk=pk)
        for name, token in zip(names, tokens, strict=True):
            # Already a token: a plain-text Value keeps the field from encrypting it a second time.
            setattr(obj, name, models.Value(token, output_field=models.TextField()))
        objs.append(obj)
    model._base_manager.bulk_update(objs, list(names))
