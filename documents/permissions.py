"""Who may attach and read documents. Missing and forbidden both answer 404.

- Coordinators reach every document.
- An attorney reads the documents of the cases they may view (`cases.permissions`): those attached
  to the case, and those attached to its client or to the intake the case came from but to no case
  (a document of another case of the same client is not theirs); they attach to those cases only.
- A volunteer attaches documents to an intake they are working on and never reads one back: they
  are told how many documents they attached, never given a name or a download.
"""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from cases.permissions import CaseAction, cases_visible_to
from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator
from documents.models import Document, DocumentVersion


def documents_readable_by(user: User) -> QuerySet[Document]:
    """Filtered in the database, so that list pages never check rows one by one."""
    if is_coordinator(user):
        return Document.objects.all()
    if not is_attorney(user):
        return Document.objects.none()
    cases = cases_visible_to(user, action=CaseAction.VIEW).values("pk")
    # A document of another case of the same client stays with that case's attorneys.
    return Document.objects.filter(
        Q(case__in=cases) | Q(case__isnull=True) & (Q(client__cases__in=cases) | Q(intake__case__in=cases))
    ).distinct()


def can_read_document(user: User, document: Document) -> bool:
    return documents_readable_by(user).filter(pk=document.pk).exists()


def can_add_version(user: User, document: Document) -> bool:
    """A new upload replaces what readers see, so only a reader of the document may add one."""
    return can_read_document(user, document)


def get_document_for_user(user: User, public_id: UUID | str) -> Document:
    document = documents_readable_by(user).filter(public_id=public_id).first()
    if document is None:
        raise Http404  # not 403: a document's existence is confidential
    return document


def get_version_for_user(user: User, document_id: UUID | str, version_id: UUID | str) -> DocumentVersion:
    document = get_document_for_user(user, document_id)
    version = document.versions.filter(public_id=version_id).first()
    if version is None:
        raise Http404
    version.document = document
    return version
