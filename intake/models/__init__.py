from intake.models.clients import AdverseParty, Client, ClientAlias, Household
from intake.models.conflicts import ConflictCheck, ConflictHit, NameKind, SearchKey, SearchName, SearchToken
from intake.models.demographics import AgeBand, CommunityArea, Gender
from intake.models.eligibility import PovertyGuideline
from intake.models.intakes import Intake
from intake.models.matches import ClientMatch
from intake.models.outreach import OutreachEvent

__all__ = [
    "AdverseParty",
    "AgeBand",
    "Client",
    "ClientAlias",
    "ClientMatch",
    "CommunityArea",
    "ConflictCheck",
    "ConflictHit",
    "Gender",
    "Household",
    "Intake",
    "NameKind",
    "OutreachEvent",
    "PovertyGuideline",
    "SearchKey",
    "SearchName",
    "SearchToken",
]
