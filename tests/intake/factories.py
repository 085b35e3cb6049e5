"""Factories for intake. Every name is invented."""

import factory

from clinic.roles import Role
from intake.models import AdverseParty, Client, ClientAlias, Intake
from intake.services import search_index_rebuild
from intake.services.clients import a_number_index, name_dob_index
from tests.factories import UserFactory


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client
        skip_postgeneration_save = True

    given_names = factory.Sequence(lambda n: f"Persona{n}")
    family_names = factory.Sequence(lambda n: f"Inventada{n}")
    preferred_language = "es"
    languages = factory.LazyFunction(lambda: ["es"])
    # Eligible for LSC money unless a test says otherwise, so that grant rules stay out of the way.
    lsc_eligibility = Client.LscEligibility.REFUGEE_ASYLEE
    a_number = ""
    date_of_birth = None
    a_number_index = factory.LazyAttribute(lambda c: a_number_index(c.a_number))
    name_dob_index = factory.LazyAttribute(
        lambda c: name_dob_index(c.given_names, c.family_names, c.date_of_birth)
    )

    @factory.post_generation
    def aliases(self, create, extracted, **kwargs):
        for name in extracted or []:
            ClientAlias.objects.create(client=self, name=name)

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        """parties=["Name", ("Name", True)]: adverse parties, True meaning never contact."""
        for item in extracted or []:
            name, never = (item, False) if isinstance(item, str) else item
            AdverseParty.objects.create(client=self, name=name, never_contact=never)

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            search_index_rebuild(client=self)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    client = factory.SubFactory(ClientFactory)
    volunteer = factory.SubFactory(UserFactory, role=Role.VOLUNTEER)
    channel = Intake.Channel.WALK_IN
    status = Intake.Status.OPEN


class AdversePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdverseParty

    client = factory.SubFactory(ClientFactory)
    name = "Hartley & Ross LLP"
    kind = AdverseParty.Kind.ORGANISATION
