"""Documents attached to cases, clients and intakes, and their encrypted versions.

The bodies live in the `documents` storage (STORAGES["documents"]) as ciphertext in the format of
`clinic.crypto.stream`; a version's row holds the envelope (key id and wrapped data key) and a random
storage name that says nothing about the content.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case
from clinic.crypto import EncryptedTextField
from intake.models import Client, Intake


class Document(models.Model):
    class Category(models.TextChoices):
        IDENTITY = "identity", _("Identity document")
        NOTICE_TO_APPEAR = "nta", _("Notice to appear")
        COURT_FILING = "court_filing", _("Court filing")
        EVIDENCE = "evidence", _("Evidence")
        DECLARATION = "declaration", _("Declaration")
        MEDICAL = "medical", _("Medical record")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents", null=True, blank=True)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="documents", null=True, blank=True
    )
    intake = models.ForeignKey(
        Intake, on_delete=models.PROTECT, related_name="documents", null=True, blank=True
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    # A description can name the client or what the paper says: it is encrypted like a narrative.
    description = EncryptedTextField(_("description"), blank=True, default="")
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(client__isnull=False) | Q(intake__isnull=False),
                name="document_attached_somewhere",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.public_id.hex[:8].upper()}"


class DocumentVersion(models.Model):
    """One uploaded body. A new upload of the same document adds a version; old ones stay."""

    # Also the identity bound into the body's and the wrapped key's associated data: a body or a
    # wrapped key copied under another row does not decrypt.
    public_id = models.UUIDField(unique=True, editable=False)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    key_id = models.CharField(max_length=32, editable=False)
    wrapped_key = models.BinaryField(max_length=64, editable=False)
    storage_name = models.CharField(max_length=100, unique=True, editable=False)
    original_name = EncryptedTextField(_("original file name"), blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def object_id(self) -> str:
        return self.public_id.hex
