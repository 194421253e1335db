"""What other apps call to tell users something (see ``services/notify.py``)."""

from egov.notifications.selectors import notification_list, unread_count
from egov.notifications.services.notify import NoticeData, notification_mark_read, notify

__all__ = ["NoticeData", "notification_list", "notification_mark_read", "notify", "unread_count"]
