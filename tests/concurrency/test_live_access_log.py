"""Coordinators reading the intake queue at the same moment, through real HTTP against gunicorn
with two worker processes, on SQLite and on PostgreSQL (when the suite runs on it).

Each view appends one row to the access log without a lock: of two appends that read the same last
row, one wins the number and the other chains onto it. Every view is logged once, none meets a
server error, and the chain and its signed head still verify.
"""

import threading
from collections import Counter

import pytest

from tests.concurrency.test_live_submissions import _report

pytestmark = pytest.mark.live

READERS = 6
EACH = 10


def test_concurrent_views_of_the_queue_are_each_logged_once_in_one_unbroken_chain(live):
    [volunteer] = live.sessions(prefix="vol", role="intake volunteer", count=1)
    readers = live.sessions(prefix="coord", role="coordinator", count=READERS)
    live.start()
    csrf = live.csrf_for("/intake/emergency/", session=volunteer)
    reported = live.request("POST", "/intake/emergency/", session=volunteer, csrf=csrf, data=_report(1, "L"))
    assert reported.status == 302  # an open intake, so the queue names a client and is logged
    count = "from clinic.models import AccessEvent; print(AccessEvent.objects.count())"
    before = int(live.manage("shell", "-c", count).strip().splitlines()[-1])
    statuses: Counter = Counter()
    lock = threading.Lock()

    def read(session: str) -> None:
        for _ in range(EACH):
            status = live.request("GET", "/intake/queue/", session=session).status
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=read, args=(session,)) for session in readers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == {200: READERS * EACH}, statuses
    rows = live.manage(
        "shell",
        "-c",
        "from clinic.models import AccessEvent; "
        "print(AccessEvent.objects.filter(object_type='intake.queue').count(), "
        "list(AccessEvent.objects.order_by('seq').values_list('seq', flat=True)))",
    )
    queue_views, seqs = rows.strip().splitlines()[-1].split(" ", 1)
    assert int(queue_views) == READERS * EACH  # every view logged, none twice
    assert eval(seqs) == list(range(1, before + READERS * EACH + 1))  # noqa: S307 (our own printed list)
    assert "Access log intact" in live.manage("verify_access_log")  # one chain, and the head at its end
