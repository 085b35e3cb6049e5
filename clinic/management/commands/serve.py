"""`make run`: the web server plus a Celery worker with beat, started and stopped together.

Without CELERY_BROKER_URL the worker uses kombu's filesystem transport in the data folder
($CLINIC_DATA_DIR/broker/), so periodic jobs (offer expiry, reminders) run with no server to
install. Ctrl-C (or SIGTERM) stops both; if either stops by itself, the other is stopped too.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

EMBEDDED_BROKER = "filesystem://"
STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Runs the development web server together with a Celery worker and beat."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Do not restart the web server on code changes."
        )

    def handle(self, *args, addrport: str, noreload: bool, **options):
        env = os.environ.copy()
        env.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
        if not env.get("CELERY_BROKER_URL"):
            env["CELERY_BROKER_URL"] = EMBEDDED_BROKER
        worker_cmd = [
            sys.executable, "-m", "celery", "-A", "clinic", "worker", "--beat",
            "--pool=solo", "--without-gossip", "--without-mingle", "--loglevel=INFO",
            "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME,
        ]  # fmt: skip
        web_cmd = [sys.executable, "-m", "django", "runserver", addrport]
        if noreload:
            web_cmd.append("--noreload")

        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        broker = "the data folder" if env["CELERY_BROKER_URL"] == EMBEDDED_BROKER else "CELERY_BROKER_URL"
        self.stdout.write(f"Starting a Celery worker with beat (broker: {broker}).")
        worker = subprocess.Popen(worker_cmd, env=env)  # noqa: S603 (our own argv, no shell)
        web = None
        try:
            web = subprocess.Popen(web_cmd, env=env)  # noqa: S603 (our own argv, no shell)
            while worker.poll() is None and web.poll() is None:
                time.sleep(0.5)
            stopped = "worker" if worker.poll() is not None else "web server"
            self.stderr.write(f"The {stopped} stopped; stopping the other.")
        except KeyboardInterrupt:
            pass
        finally:
            for process in (web, worker):
                _stop(process)
        self.stdout.write("Stopped the web server and the worker.")


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen | None) -> None:
    """Ask politely (the worker finishes its task), then insist."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
