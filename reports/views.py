"""Funding reports: ask for one, watch it being built, download it (logged)."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clinic.access_log import record_access
from clinic.models import AccessEvent
from clinic.permissions import role_required
from clinic.roles import Role
from reports import services
from reports.forms import ReportForm
from reports.models import FundingReport
from reports.permissions import get_report_for_user


@role_required(Role.COORDINATOR)
def report_list(request):
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_request(
                start=data["start"],
                end=data["end"],
                grant=data["grant"],
                fmt=data["format"],
                hourly_rate=data["hourly_rate"],
                threshold=data["threshold"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            return redirect("reports:report_detail", public_id=report.public_id)
    reports = FundingReport.objects.select_related("grant", "requested_by")[:50]
    return render(
        request,
        "reports/report_list.html",
        {"form": form, "reports": reports},
        status=400 if form.errors else 200,
    )


@role_required(Role.COORDINATOR)
def report_detail(request, public_id):
    report = get_report_for_user(request.user, public_id)
    return render(request, "reports/report_detail.html", {"report": report})


@role_required(Role.COORDINATOR)
def report_download(request, public_id):
    report = get_report_for_user(request.user, public_id)
    if report.status != FundingReport.Status.DONE or not report.file_name:
        raise Http404
    record_access(request, report, action=AccessEvent.Action.EXPORT, detail=_("funding report"))
    storage = services.report_storage()
    try:
        handle = storage.open(report.file_name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    suffix = "pdf" if report.format == FundingReport.Format.PDF else "zip"
    scope = report.grant.code if report.grant else "clinic"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"funding-report-{scope}-{report.start}-{report.end}.{suffix}",
        content_type="application/pdf" if suffix == "pdf" else "application/zip",
    )
