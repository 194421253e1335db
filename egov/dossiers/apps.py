from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "egov.dossiers"
    label = "dossiers"
    verbose_name = _("One-stop dossiers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
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
