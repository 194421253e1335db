from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "egov.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from egov.core.pagecache import invalidate_on_save
        from egov.organisation.models import AdministrativeUnit, Agency

        # Agencies' names and contacts and the province's name show on public pages.
        invalidate_on_save([Agency, AdministrativeUnit], lambda instance: ("organisation",))
