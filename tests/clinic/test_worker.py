"""A real Celery worker process consumes what the project queues on commit (no eager mode).

Needs Redis at 127.0.0.1:6379 (database 13); skipped with a message when it does not answer.
"""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.db import transaction

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
BROKER_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/13"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


# CI provides Redis, so there a missing broker fails the test instead of skipping it.
pytestmark = pytest.mark.skipif(
    not _redis_answers() and not os.environ.get("CI"),
    reason=f"no Redis broker answers at {REDIS_HOST}:{REDIS_PORT}",
)


@pytest.fixture
def worker_queue(tmp_path):
    """A worker process on a queue of its own, so workers of other test runs cannot steal the task."""
    queue = f"clinic-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_RESULT_BACKEND": BROKER_URL,
        "CLINIC_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    worker = subprocess.Popen(  # noqa: S603 (our own argv, no shell)
        [sys.executable, "-m", "celery", "-A", "clinic", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=PROJECT_ROOT,
        env=env,
    )  # fmt: skip
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_on_commit_runs_in_a_real_worker(worker_queue):
    client = Celery("clinic-test", broker=BROKER_URL, backend=BROKER_URL)
    token = uuid.uuid4().hex
    queued = []
    with transaction.atomic():
        transaction.on_commit(
            lambda: queued.append(client.send_task("clinic.heartbeat", args=[token], queue=worker_queue))
        )
        assert queued == []  # nothing leaves before the commit
    assert len(queued) == 1
    assert queued[0].get(timeout=60) == token
