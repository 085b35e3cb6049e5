"""What documents adds to the case, client and intake pages, through the core's registry.

Each panel answers None when the user may not see it (or the page hands it something else).
"""

from django.http import HttpRequest
from django.template.loader import render_to_string

from cases.models import Case
from cases.permissions import can_view_case
from clinic.permissions import is_coordinator
from documents import selectors
from documents.forms import DocumentUploadForm
from intake.models import Client, Intake
from intake.permissions import can_view_intake


def case_panel(request: HttpRequest, case: Case) -> str | None:
    if not isinstance(case, Case) or not can_view_case(request.user, case):
        return None
    documents = selectors.documents_for_case(user=request.user, case=case)
    return render_to_string(
        "documents/_case_panel.html",
        {"case": case, "documents": documents, "form": DocumentUploadForm()},
        request=request,
    )


def client_panel(request: HttpRequest, client: Client) -> str | None:
    if not isinstance(client, Client):
        return None
    documents = list(selectors.documents_for_client(user=request.user, client=client))
    if not documents:
        return None
    return render_to_string("documents/_document_list.html", {"documents": documents}, request=request)


def intake_panel(request: HttpRequest, intake: Intake) -> str | None:
    """Coordinators see the list; the volunteer working on the intake attaches and sees a count only."""
    if not isinstance(intake, Intake) or not can_view_intake(request.user, intake):
        return None
    context = {"intake": intake, "form": DocumentUploadForm(), "may_read": is_coordinator(request.user)}
    if context["may_read"]:
        context["documents"] = selectors.documents_for_intake(user=request.user, intake=intake)
    else:
        context["attached"] = selectors.attached_count(intake=intake, uploaded_by=request.user)
    return render_to_string("documents/_intake_panel.html", context, request=request)
