from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.models import Grant
from reports.models import FundingReport


class DateInput(forms.DateInput):
    input_type = "date"


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    grant = forms.ModelChoiceField(
        label=_("Grant"),
        queryset=Grant.objects.select_related("funder"),
        required=False,
        empty_label=_("The whole clinic"),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FundingReport.Format.choices)
    hourly_rate = forms.DecimalField(
        label=_("Value of a pro bono hour (USD)"), min_value=Decimal("0"), max_digits=7, decimal_places=2
    )
    threshold = forms.IntegerField(
        label=_("Smallest count shown"),
        min_value=1,
        max_value=50,
        help_text=_("Smaller counts are shown as “<N”. 5 is common; public-health publishers use up to 11."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "hourly_rate": settings.CLINIC_PRO_BONO_HOURLY_RATE,
                "threshold": settings.CLINIC_REPORT_SMALL_CELL,
            },
        )
        super().__init__(*args, **kwargs)
