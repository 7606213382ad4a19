from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Fails for every address containing "broken"; delivers the rest to mail.outbox."""

    calls = 0

    def send_messages(self, messages):
        for message in messages:
            FlakyBackend.calls += 1
            if any("broken" in address for address in message.to):
                raise ConnectionError("SMTP server refused")
        return super().send_messages(messages)
