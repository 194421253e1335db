from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "egov.dossiers"
    label = "dossiers"
    verbose_name = _("One-stop dossiers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from egov.core.pagecache import invalidate_on_save
        from egov.dossiers.models import Dossier, DossierEvent, DossierTask, StatusCodeMapping
        from egov.dossiers.tracking import national_codes_forget, tracking_cache_tags

        # Public tracking shows the dossier, its steps and its public events (every change records one).
        invalidate_on_save([Dossier], lambda dossier: tracking_cache_tags(dossier.code)[:1])
        invalidate_on_save([DossierTask, DossierEvent], lambda row: tracking_cache_tags(row.dossier.code)[:1])
        # The national status codes (law as data) show on every tracking page.
        invalidate_on_save([StatusCodeMapping], lambda instance: ("catalogue",))
        for signal in (post_save, post_delete):
            signal.connect(lambda **kwargs: national_codes_forget(), sender=StatusCodeMapping, weak=False)

        from egov.dossiers.contracts import PaymentRecord
        from egov.dossiers.services.payments import DOSSIER_PURPOSE_PREFIX, dossier_record_payment
        from egov.payments.facade import PaymentPaid, register_payment_listener

        def record_dossier_payment(paid: PaymentPaid) -> None:
            """A fee paid online for ``dossier:<code>``: recorded on the dossier, in the same transaction."""
            dossier_record_payment(
                code=paid.purpose.removeprefix(DOSSIER_PURPOSE_PREFIX),
                payment=PaymentRecord(reference=paid.reference, amount=paid.amount, paid_at=paid.paid_at),
            )

        register_payment_listener(DOSSIER_PURPOSE_PREFIX, record_dossier_payment)
