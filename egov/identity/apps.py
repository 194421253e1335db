from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "egov.identity"
    label = "identity"
    verbose_name = _("Identity and access")

    def ready(self) -> None:
        from egov.identity import checks  # noqa: F401  (registers the system checks)
