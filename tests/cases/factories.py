import datetime as dt

import factory
from django.utils import timezone

from cases.matching import normalise_name
from cases.models import Assignment, AttorneyProfile, Case, CaseType, Funder, Grant, Hearing, Offer
from clinic.roles import Role
from tests.factories import UserFactory
from tests.intake.factories import AdversePartyFactory, ClientFactory, IntakeFactory


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; pass attorney=... to make it an active case assigned (with permissions) to them."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    opened_by = factory.SubFactory(UserFactory, role=Role.COORDINATOR)
    case_type = CaseType.REMOVAL_DEFENSE
    client_name_key = factory.LazyAttribute(lambda case: normalise_name(case.client.full_name))

    @factory.post_generation
    def attorney(self, create, extracted, **kwargs):
        if create and extracted:
            # Through the service, so that tests hold the permissions assignment really grants.
            from cases.services import assignment_create, attorney_stats_recount

            wanted = Case.Status.ACTIVE if self.status == Case.Status.AWAITING_ASSIGNMENT else self.status
            Case.objects.filter(pk=self.pk).update(status=Case.Status.ACTIVE)  # only active cases take one
            assignment_create(
                case=self, attorney=extracted, role=Assignment.Role.LEAD, acting_user=self.opened_by
            )
            Case.objects.filter(pk=self.pk).update(status=wanted)  # e.g. a closed case from its history
            self.refresh_from_db()
            attorney_stats_recount(attorney_ids=[extracted.pk])  # as the service that closed it would


class AttorneyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttorneyProfile

    user = factory.SubFactory(UserFactory, role=Role.ATTORNEY)
    kind = AttorneyProfile.Kind.PRO_BONO
    languages = factory.LazyFunction(lambda: ["en"])
    practice_areas = factory.LazyFunction(lambda: [CaseType.REMOVAL_DEFENSE, CaseType.ASYLUM])
    experience = AttorneyProfile.Experience.SOME
    capacity = 3


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, status=Case.Status.OFFERED)
    attorney = factory.SubFactory(UserFactory, role=Role.ATTORNEY)
    offered_by = factory.SubFactory(UserFactory, role=Role.COORDINATOR)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=48))

    @factory.post_generation
    def answered(self, create, extracted, **kwargs):
        if create:  # an offer made with its answer counts as the service that answered it would
            from cases.services import attorney_stats_recount

            attorney_stats_recount(attorney_ids=[self.attorney_id])


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    case = factory.SubFactory(CaseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("name",)

    name = "Legal Services Corporation"


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    funder = factory.SubFactory(FunderFactory)
    name = "Basic field grant"
    code = factory.Sequence(lambda n: f"G-{n}")
    is_lsc_funded = False


__all__ = [
    "AdversePartyFactory",
    "AttorneyProfileFactory",
    "CaseFactory",
    "ClientFactory",
    "FunderFactory",
    "GrantFactory",
    "HearingFactory",
    "IntakeFactory",
    "OfferFactory",
]
