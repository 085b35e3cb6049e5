from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from documents.uploads import EncryptedUpload


class _EncryptedFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, HEIC, Word (DOCX) or plain text. It is encrypted as it arrives."),
    )

    def __init__(self, *args, upload_error: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.upload_error = upload_error

    def clean(self):
        cleaned = super().clean()
        if self.upload_error:
            # The handler refused the file while it streamed in; say why on the field itself.
            self.errors.pop("file", None)
            self.add_error("file", self.upload_error)
        elif "file" in cleaned and not isinstance(cleaned["file"], EncryptedUpload):
            self.add_error("file", _("The file could not be stored. Try again."))
        return cleaned

    def discard_upload(self) -> None:
        """Removes the stored ciphertext of a file whose form was refused for another reason."""
        upload = self.files.get("file")
        if isinstance(upload, EncryptedUpload):
            upload.discard()


class DocumentUploadForm(_EncryptedFileForm):
    category = forms.ChoiceField(label=_("Category"), choices=Document.Category.choices)
    description = forms.CharField(label=_("Description"), required=False, max_length=500)
    document_date = forms.DateField(
        label=_("Date of the document"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["category", "description", "document_date", "file"]


class DocumentVersionForm(_EncryptedFileForm):
    pass
