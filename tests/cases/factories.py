import datetime as dt

import factory
from django.utils import timezone

from cases.matching import normalise_name
from cases.models import Assignment, AttorneyProfile, Case, CaseType, Funder, Grant, Hearing, Offer
from clinic.roles import Role
from intake.models import AdverseParty, Client, Intake
from tests.factories import UserFactory


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    given_names = factory.Sequence(lambda n: f"Rosa{n}")
    family_names = "Quintero"
    preferred_language = "es"
    languages = factory.LazyFunction(lambda: ["es"])
    lsc_eligibility = Client.LscEligibility.REFUGEE_ASYLEE


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    client = factory.SubFactory(ClientFactory)
    volunteer = factory.SubFactory(UserFactory, role=Role.VOLUNTEER)
    channel = Intake.Channel.HOTLINE


class AdversePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdverseParty

    client = factory.SubFactory(ClientFactory)
    name = "Hartley & Ross LLP"
    kind = AdverseParty.Kind.ORGANISATION


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
            from guardian.shortcuts import assign_perm

            if self.status == Case.Status.AWAITING_ASSIGNMENT:
                self.status = Case.Status.ACTIVE
                self.save(update_fields=["status"])
            Assignment.objects.create(case=self, attorney=extracted, role=Assignment.Role.LEAD)
            assign_perm("cases.view_case", extracted, self)
            assign_perm("cases.change_case", extracted, self)


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

    case = factory.SubFactory(CaseFactory, status=Case.Status.OFFERED)
    attorney = factory.SubFactory(UserFactory, role=Role.ATTORNEY)
    offered_by = factory.SubFactory(UserFactory, role=Role.COORDINATOR)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=48))


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
