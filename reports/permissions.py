"""Reports are for coordinators; a report's existence answers 404 to anyone else."""

from django.http import Http404

from clinic.models import User
from clinic.permissions import is_coordinator
from reports.models import FundingReport


def can_use_reports(user: User) -> bool:
    return is_coordinator(user)


def get_report_for_user(user: User, public_id) -> FundingReport:
    report = FundingReport.objects.select_related("grant", "requested_by").filter(public_id=public_id).first()
    if report is None or not can_use_reports(user):
        raise Http404
    return report
