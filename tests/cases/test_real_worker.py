"""A real Celery worker on Redis runs the reminder task twice at the same moment; every reminder
is sent exactly once. Skipped, with a message, when Redis does not answer on 127.0.0.1:6379."""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from clinic.testing.liveserver import ROOT, LiveClinic, throwaway_database

REDIS_DB = 14  # a spare database number; each run has a queue of its own on it, so that runs in
# parallel (other checkouts, other xdist workers) never take each other's tasks

SEED = """
import datetime as dt, json
from django.utils import timezone
from cases import services
from cases.services.reminders import coordinators, reminders_due
from clinic.roles import Role
from tests.cases.factories import CaseFactory
from tests.factories import UserFactory

attorney = UserFactory(username="worker_attorney", role=Role.ATTORNEY)
UserFactory(username="worker_coordinator", role=Role.COORDINATOR)
today = timezone.localdate()
for n in range(6):
    case = CaseFactory(attorney=attorney)
    for days in (-2, 0, 1, 3, 7, 40):
        services.deadline_create(
            case=case, title=f"Filing {n}/{days}", due_date=today + dt.timedelta(days=days),
            acting_user=attorney,
        )
print(json.dumps(len(reminders_due(today=today, coordinators=coordinators()))))
"""

ENQUEUE_TWICE = """
from cases.tasks import deadline_reminders
print([deadline_reminders.apply_async(queue=QUEUE).id for _ in range(2)])
"""


def _redis_or_skip():
    import redis

    try:
        client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=1)
        client.ping()
    except redis.exceptions.RedisError as exc:
        if os.environ.get("CI"):  # CI provides Redis: a missing one is a failure, never a silent skip
            pytest.fail(f"Redis does not answer on 127.0.0.1:6379 ({exc}); CI must start it.")
        pytest.skip(f"Redis does not answer on 127.0.0.1:6379 ({exc}); the real-worker test needs it.")
    return client


@pytest.fixture
def worker_env():
    _redis_or_skip()
    with throwaway_database("worker") as database_url:
        clinic = LiveClinic(database_url=database_url)
        mail_dir = Path(tempfile.mkdtemp(prefix="clinic-mail-"))
        clinic.env.update(
            CELERY_BROKER_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
            EMAIL_BACKEND="tests.cases.mail_to_files.EmailBackend",
            CLINIC_TEST_MAIL_DIR=str(mail_dir),
            PYTHONPATH=str(ROOT),
        )
        clinic.manage("migrate", "--noinput", "-v0")
        yield clinic, mail_dir


def _mails(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))]


def test_two_reminder_scans_at_once_on_a_real_worker_send_each_reminder_once(worker_env):
    clinic, mail_dir = worker_env
    expected = json.loads(clinic.manage("shell", "-c", SEED).strip().splitlines()[-1])
    assert expected >= 20
    queue = f"clinic-reminders-test-{uuid.uuid4().hex}"
    task_ids = clinic.manage(
        "shell", "-c", ENQUEUE_TWICE.replace("QUEUE", repr(queue))
    )  # both wait in Redis before the worker starts
    assert task_ids.count("'") == 4

    log_path = mail_dir.parent / f"{mail_dir.name}-worker.log"
    with log_path.open("w") as log_file:
        worker = subprocess.Popen(  # noqa: S603 (our own interpreter and Celery)
            [
                sys.executable, "-m", "celery", "-A", "clinic", "worker", "--pool", "prefork",
                "--concurrency", "2", "-Q", queue, "--loglevel", "INFO",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            cwd=ROOT,
            env=clinic.env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    finished = re.compile(r"deadline_reminders\[[^\]]+\] succeeded in [\d.]+s: (\d+)")
    try:
        give_up = time.monotonic() + 90
        while time.monotonic() < give_up and worker.poll() is None:
            if len(finished.findall(log_path.read_text())) >= 2:
                break
            time.sleep(0.5)
        time.sleep(1)  # anything a third, stray run would send
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    log = log_path.read_text()
    succeeded = [int(n) for n in finished.findall(log)]
    assert len(succeeded) == 2, log[-3000:]
    mails = _mails(mail_dir)
    sent = [(tuple(m["to"]), m["subject"], m["body"]) for m in mails]
    assert len(sent) == expected, f"{len(sent)} sent, {expected} expected"
    assert len(set(sent)) == len(sent)  # nothing twice
    assert sum(succeeded) == expected  # the two scans shared the work between them
    assert all("worker_attorney" not in m["body"] for m in mails)
