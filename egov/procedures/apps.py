from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "egov.procedures"
    label = "procedures"
    verbose_name = _("Procedure catalogue")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from egov.core.pagecache import invalidate_on_save
        from egov.procedures.services.thesaurus import thesaurus_after_migrate

        post_migrate.connect(thesaurus_after_migrate, sender=self, dispatch_uid="procedures.thesaurus")

        # Any catalogue row (procedure, version, papers, fees, e-forms, processes) shows on public pages.
        invalidate_on_save(self.get_models(), lambda instance: ("catalogue",))
