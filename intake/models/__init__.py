from intake.models.clients import AdverseParty, Client, ClientAlias, Household
from intake.models.conflicts import ConflictCheck, ConflictHit, NameKind, SearchKey, SearchName, SearchToken
from intake.models.eligibility import PovertyGuideline
from intake.models.intakes import Intake
from intake.models.matches import ClientMatch

__all__ = [
    "AdverseParty",
    "Client",
    "ClientAlias",
    "ClientMatch",
    "ConflictCheck",
    "ConflictHit",
    "Household",
    "Intake",
    "NameKind",
    "PovertyGuideline",
    "SearchKey",
    "SearchName",
    "SearchToken",
]
