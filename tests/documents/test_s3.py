"""The documents storage over the S3 protocol, against moto's standalone server on this machine."""

import boto3
import pytest
from django.urls import reverse

from documents.models import Document
from tests.documents.conftest import MARKER, download_url, pdf_bytes, upload_file

moto_server = pytest.importorskip("moto.server")

BUCKET = "clinic-documents-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "location": "docs",
                "file_overwrite": False,
                "default_acl": None,
                "addressing_style": "path",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_an_upload_and_download_go_through_s3_as_ciphertext(client, attorney, case, s3):
    content = pdf_bytes(padding=3 * 1024 * 1024)  # several segments and a multipart-sized object
    client.force_login(attorney)
    response = client.post(
        reverse("documents:upload_to_case", args=[case.public_id]),
        {"category": Document.Category.EVIDENCE, "file": upload_file(content, "evidence.pdf")},
    )
    assert response.status_code == 302
    version = Document.objects.get().versions.get()
    (stored,) = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"] == f"docs/{version.storage_name}"
    raw = s3.get_object(Bucket=BUCKET, Key=stored["Key"])["Body"].read()
    assert MARKER.encode() not in raw
    assert raw.startswith(b"CLDOC")

    downloaded = client.get(download_url(version.document))
    assert b"".join(downloaded.streaming_content) == content


def test_a_refused_upload_leaves_no_object_in_the_bucket(client, attorney, case, s3):
    client.force_login(attorney)
    client.post(
        reverse("documents:upload_to_case", args=[case.public_id]),
        {"category": Document.Category.EVIDENCE, "file": upload_file(b"MZ\x90\x00" * 100, "x.pdf")},
    )
    assert s3.list_objects_v2(Bucket=BUCKET).get("Contents", []) == []


def test_a_missing_object_answers_the_error_page_and_alerts(client, coordinator, case, s3):
    from clinic.models import AccessEvent
    from tests.documents.conftest import make_document

    document = make_document(case=case, user=coordinator)
    version = document.versions.get()
    s3.delete_object(Bucket=BUCKET, Key=f"docs/{version.storage_name}")
    client.force_login(coordinator)
    response = client.get(download_url(document))
    assert response.status_code == 500
    assert b"failed its integrity check" in response.content
    assert AccessEvent.objects.get().detail.startswith("integrity alert")
