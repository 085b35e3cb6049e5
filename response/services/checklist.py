"""The first-hours checklist: copied from coordinator-edited data when a response opens."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from response.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    DetainerRule,
    MandatoryNotificationCountry,
    Response,
)
from response.services._base import ResponseStateError, save

# The template item whose note says whether consular notification is mandatory for this person.
CONSULAR_CODE = "consular-notification"


def consular_notification_mandatory(country: str) -> bool:
    """Whether `country` is on the mandatory-notification list (8 CFR 236.1(e)), as data."""
    wanted = country.strip().casefold()
    if not wanted:
        return False
    names = MandatoryNotificationCountry.objects.filter(is_active=True).values_list("name", flat=True)
    return any(name.casefold() == wanted for name in names)


def _applies(template: ChecklistTemplateItem, response: Response) -> bool:
    if template.condition == ChecklistTemplateItem.Condition.DEPENDANTS:
        return response.dependants_count > 0 or bool(response.dependants_note)
    if template.condition == ChecklistTemplateItem.Condition.MEDICAL:
        return bool(response.medical_needs)
    return True


def _owner(response: Response, role: str) -> User | None:
    if role == ChecklistTemplateItem.OwnerRole.ATTORNEY:
        return response.attorney
    return response.coordinator


def _note(template: ChecklistTemplateItem, response: Response) -> str:
    if template.code != CONSULAR_CODE:
        return ""
    if consular_notification_mandatory(response.country_of_birth):
        return _("Mandatory for this country of birth: ICE must notify the consulate.")
    if response.country_of_birth:
        return _("Not on the mandatory list: only at the person's request.")
    return _("Country of birth not known yet: check the mandatory list once it is.")


@transaction.atomic
def checklist_create(*, response: Response, acting_user: User) -> list[ChecklistItem]:
    items = []
    for template in ChecklistTemplateItem.objects.filter(is_active=True):
        if not _applies(template, response):
            continue
        item = ChecklistItem(
            response=response,
            template=template,
            code=template.code,
            title=template.title,
            guidance=template.guidance,
            citation=template.citation,
            note=_note(template, response),
            position=template.position,
            owner=_owner(response, template.owner_role),
            due_at=response.reported_at + timedelta(hours=template.due_hours),
        )
        save(item, acting_user)
        items.append(item)
    return items


@transaction.atomic
def checklist_owners_fill(*, response: Response, acting_user: User) -> int:
    """Items without an owner get the coordinator or attorney now named for their role."""
    filled = 0
    for item in response.checklist.filter(owner__isnull=True, done_at__isnull=True).select_related(
        "template"
    ):
        role = item.template.owner_role if item.template else ChecklistTemplateItem.OwnerRole.COORDINATOR
        owner = _owner(response, role)
        if owner is not None:
            item.owner = owner
            save(item, acting_user, update_fields=["owner"])
            filled += 1
    return filled


@transaction.atomic
def checklist_item_done(*, item: ChecklistItem, done: bool = True, acting_user: User) -> ChecklistItem:
    item = ChecklistItem.objects.select_for_update(of=("self",)).select_related("response").get(pk=item.pk)
    if not item.response.is_open:
        raise ResponseStateError(_("This response is over: its checklist can no longer change."))
    item.done_at, item.done_by = (timezone.now(), acting_user) if done else (None, None)
    save(item, acting_user, update_fields=["done_at", "done_by"])
    return item


# The data coordinators edit --------------------------------------------------------------------


@transaction.atomic
def checklist_template_save(*, item: ChecklistTemplateItem, acting_user: User) -> ChecklistTemplateItem:
    """Saves a template item (a form's unsaved instance); responses already open keep their copy."""
    save(item, acting_user)
    return item


@transaction.atomic
def detainer_rule_save(*, rule: DetainerRule, acting_user: User) -> DetainerRule:
    rule.state = rule.state.upper()
    save(rule, acting_user)
    return rule


@transaction.atomic
def mandatory_country_save(
    *, country: MandatoryNotificationCountry, acting_user: User
) -> MandatoryNotificationCountry:
    country.name = country.name.strip()
    save(country, acting_user)
    return country
