"""The test run's settings: the project's one settings module, as a developer's machine runs it.

A run against PostgreSQL sets only DATABASE_URL; DEBUG (which the test runner switches off again
for every test) lets it generate its own throw-away secret and keys, as the embedded default does.
"""

import os

os.environ.setdefault("DEBUG", "true")

from clinic.settings import *  # noqa: E402, F403
