"""Reads the document pages and panels share."""

from django.db.models import Count, Prefetch, QuerySet

from cases.models import Case
from clinic.models import User
from documents.models import Document, DocumentVersion
from documents.permissions import documents_readable_by
from intake.models import Client, Intake


def _with_versions(documents: QuerySet[Document]) -> QuerySet[Document]:
    return documents.select_related("uploaded_by").prefetch_related(
        Prefetch(
            "versions", queryset=DocumentVersion.objects.order_by("-number").select_related("uploaded_by")
        )
    )


def documents_for_case(*, user: User, case: Case) -> QuerySet[Document]:
    """A case's documents: its own, and those of its client and its intake attached to no case."""
    attached = Document.objects.filter(case=case)
    attached |= Document.objects.filter(client_id=case.client_id, case__isnull=True)
    if case.intake_id:
        attached |= Document.objects.filter(intake_id=case.intake_id, case__isnull=True)
    readable = documents_readable_by(user).values("pk")
    return _with_versions(attached.filter(pk__in=readable).distinct().order_by("-uploaded_at", "-pk"))


def documents_for_client(*, user: User, client: Client) -> QuerySet[Document]:
    readable = documents_readable_by(user).values("pk")
    return _with_versions(Document.objects.filter(client=client, pk__in=readable).order_by("-uploaded_at"))


def documents_for_intake(*, user: User, intake: Intake) -> QuerySet[Document]:
    readable = documents_readable_by(user).values("pk")
    return _with_versions(Document.objects.filter(intake=intake, pk__in=readable).order_by("-uploaded_at"))


def attached_count(*, intake: Intake, uploaded_by: User) -> int:
    """What a volunteer is told about an intake's documents: how many they attached, nothing more."""
    return Document.objects.filter(intake=intake, uploaded_by=uploaded_by).aggregate(n=Count("pk"))["n"]
