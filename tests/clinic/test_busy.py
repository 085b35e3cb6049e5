import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import RequestFactory

from clinic.middleware import BusyMiddleware, is_lock_timeout
from clinic.models import User


def test_sqlites_busy_error_is_a_lock_timeout():
    assert is_lock_timeout(OperationalError("database is locked"))
    assert not is_lock_timeout(OperationalError("no such table: clinic_user"))
    assert not is_lock_timeout(ValueError("database is locked"))


def test_a_lock_timeout_answers_busy_and_other_errors_pass_through(volunteer):
    request = RequestFactory().post("/intake/emergency/")
    request.user = volunteer
    middleware = BusyMiddleware(lambda request: None)
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Nothing was saved" in response.content
    assert middleware.process_exception(request, OperationalError("disk I/O error")) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lock_timeout")
@pytest.mark.django_db(transaction=True)
def test_a_postgres_row_lock_that_times_out_is_a_lock_timeout(volunteer):
    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("SELECT id FROM clinic_user WHERE id = %s FOR UPDATE", [volunteer.pk])
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '200ms'")
            with pytest.raises(OperationalError) as caught:
                User.objects.select_for_update().get(pk=volunteer.pk)
        assert is_lock_timeout(caught.value)
    finally:
        other.rollback()
        other.close()
