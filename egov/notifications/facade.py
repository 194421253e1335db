"""What other apps call to tell people something.

- staff (in-app, optional e-mail): ``notify`` (``services/notify.py``);
- applicants (in-app with an account, e-mail and SMS deliveries): ``notify_applicant``
  (``services/applicant.py``); their delivery status: ``delivery_list``.
"""

from egov.notifications.contracts import DeliveryInfo
from egov.notifications.selectors import delivery_list, notification_get, notification_list, unread_count
from egov.notifications.services.applicant import ApplicantNotice, notify_applicant
from egov.notifications.services.notify import NoticeData, notification_mark_read, notify

__all__ = [
    "ApplicantNotice",
    "DeliveryInfo",
    "NoticeData",
    "delivery_list",
    "notification_get",
    "notification_list",
    "notification_mark_read",
    "notify",
    "notify_applicant",
    "unread_count",
]
