"""The fixed vocabularies of a case: its type, and the LSC problem and closing codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    """Kinds of immigration matter. A case has one; an attorney's profile lists those they take
    (the same list is the attorney's practice areas, so matching compares like with like)."""

    REMOVAL_DEFENSE = "removal", _("Removal defense")
    ASYLUM = "asylum", _("Asylum")
    BOND = "bond", _("Bond")
    FEAR = "fear", _("Credible or reasonable fear")
    U_VISA = "u_visa", _("U visa")
    T_VISA = "t_visa", _("T visa")
    VAWA = "vawa", _("VAWA")
    SIJS = "sijs", _("Special immigrant juvenile status")
    DACA = "daca", _("DACA")
    TPS = "tps", _("Temporary protected status")
    NATURALISATION = "naturalisation", _("Naturalisation")
    OTHER = "other", _("Other")


class ProblemCode(models.TextChoices):
    """Legal Services Corporation Case Service Report problem codes that immigration work touches."""

    IMMIGRATION = "81", _("81 Immigration/Naturalization")
    DOMESTIC_ABUSE = "37", _("37 Domestic Abuse")
    MINOR_GUARDIANSHIP = "44", _("44 Minor Guardianship/Conservatorship")
    HUMAN_TRAFFICKING = "86", _("86 Human Trafficking")
    WAGE_CLAIMS = "22", _("22 Wage Claims and other FLSA Issues")
    CIVIL_RIGHTS = "85", _("85 Civil Rights")
    OTHER_MISCELLANEOUS = "89", _("89 Other Miscellaneous")


class ClosingCode(models.TextChoices):
    """LSC Case Service Report closing categories."""

    A = "A", _("A Counsel and Advice")
    B = "B", _("B Limited Action")
    F = "F", _("F Negotiated Settlement without Litigation")
    G = "G", _("G Negotiated Settlement with Litigation")
    H = "H", _("H Administrative Agency Decision")
    IA = "IA", _("IA Uncontested Court Decision")
    IB = "IB", _("IB Contested Court Decision")
    IC = "IC", _("IC Appeals")
    K = "K", _("K Other")
    L = "L", _("L Extensive Service")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    RELIEF_GRANTED = "relief_granted", _("Relief granted")
    RELIEF_DENIED = "relief_denied", _("Relief denied")
    REMOVAL_ORDERED = "removal_ordered", _("Removal ordered")
    TERMINATED = "terminated", _("Proceedings terminated")
    VOLUNTARY_DEPARTURE = "voluntary_departure", _("Voluntary departure")
    ADMIN_CLOSED = "admin_closed", _("Administratively closed")
    RELEASED_ON_BOND = "released", _("Released on bond or parole")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    OTHER = "other", _("Other")
