from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "egov.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from egov.core.services.outbox import register_outbox_handler
        from egov.identity.services.password_reset import CODE_TOPIC
        from egov.notifications import checks  # noqa: F401 - registers the system checks
        from egov.notifications.handlers import send_delivery, send_notification_email, send_password_code
        from egov.notifications.services.applicant import TOPICS
        from egov.notifications.services.notify import EMAIL_TOPIC

        register_outbox_handler(EMAIL_TOPIC, send_notification_email)
        register_outbox_handler(CODE_TOPIC, send_password_code)
        for topic in TOPICS.values():
            register_outbox_handler(topic, send_delivery)
