from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "egov.payments"
    label = "payments"
    verbose_name = _("Online payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from egov.core.services.outbox import register_outbox_handler
        from egov.payments.checks import payments_check_configuration
        from egov.payments.sandbox import SANDBOX_IPN_TOPIC, sandbox_ipn_deliver

        payments_check_configuration()
        register_outbox_handler(SANDBOX_IPN_TOPIC, sandbox_ipn_deliver)
