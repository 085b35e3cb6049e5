"""The languages an intake offers, named in the reader's language.

Several are missing from Django's own list (Haitian Creole, Mam, K'iche', plain "zh"), so reports
and pages name them from here first.
"""

from django.utils.translation import gettext_lazy as _

LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("ht", _("Haitian Creole")),
    ("mam", _("Mam")),
    ("quc", _("K'iche'")),
    ("qu", _("Quechua")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("other", _("Other")),
]
