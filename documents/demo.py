"""Demo data for `manage.py seed_demo`: a few generated documents on the demo cases.

Nothing here is a real document: a one-page PDF written by hand and a PNG drawn with Pillow, both
saying they are samples. Running it again adds nothing once the demo documents exist.
"""

import io
from datetime import date

from cases.models import Case
from documents import services
from documents.models import Document
from documents.uploads import upload_from_chunks


def sample_pdf(title: str) -> bytes:
    """A minimal valid PDF (one page, one line of Helvetica), with a correct cross-reference table."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def sample_png(label: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 300), "#f4f1ea")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 470, 290), outline="#555555", width=3)
    draw.text((30, 40), "SAMPLE - NOT A REAL DOCUMENT", fill="#aa0000")
    draw.text((30, 80), label, fill="#222222")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


SAMPLES = [
    (Document.Category.NOTICE_TO_APPEAR, "Notice to appear (sample)", "notice-to-appear.pdf", "pdf"),
    (Document.Category.IDENTITY, "Identity card (sample image)", "identity-card.png", "png"),
    (Document.Category.DECLARATION, "Draft declaration (sample)", "declaration-draft.pdf", "pdf"),
]


def seed(*, password: str, users: dict) -> None:
    coordinator = users["coordinator"]
    if Document.objects.filter(uploaded_by=coordinator).exists():
        return
    cases = Case.objects.filter(documents__isnull=True).exclude(status=Case.Status.CLOSED).order_by("pk")[:3]
    for case, (category, description, name, kind) in zip(cases, SAMPLES, strict=False):
        content = sample_pdf(f"SAMPLE {description}") if kind == "pdf" else sample_png(description)
        services.document_create(
            upload=upload_from_chunks([content], name=name),
            case=case,
            category=category,
            description=description,
            document_date=date.today(),
            acting_user=coordinator,
        )
