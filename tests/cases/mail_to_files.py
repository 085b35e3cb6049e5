"""A mail backend for the real-worker test: each message becomes one file in $CLINIC_TEST_MAIL_DIR,
so that the test can count what several worker processes really sent."""

import json
import os
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["CLINIC_TEST_MAIL_DIR"])
        for message in email_messages:
            staged = folder / f".{uuid.uuid4().hex}"
            staged.write_text(
                json.dumps({"to": message.to, "subject": message.subject, "body": message.body})
            )
            staged.rename(folder / f"{uuid.uuid4().hex}.json")  # whole files only
        return len(email_messages)
