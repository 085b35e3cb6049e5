from django.core.management.base import BaseCommand, CommandError

from response.models import PartnerOrganisation
from response.services import partner_revoke, partner_token_issue


class Command(BaseCommand):
    help = (
        "Issues (or re-issues) the token a partner alert network uses on the partner intake endpoint, "
        "printed once and stored only as a hash; --revoke stops a partner's token working."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The partner organisation's name.")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, name: str, revoke: bool, **options):
        if revoke:
            partner = PartnerOrganisation.objects.filter(name=name).first()
            if partner is None:
                raise CommandError(f"No partner organisation is named {name!r}.")
            partner_revoke(partner=partner)
            self.stdout.write(f"The token of {name} no longer works.")
            return
        if not name.strip():
            raise CommandError("Give the partner organisation's name.")
        partner, token = partner_token_issue(name=name)
        self.stdout.write(f"Token for {partner.name} (shown once; store it in the partner's system):")
        self.stdout.write(token)
