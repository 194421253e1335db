"""Settings of egov.notifications: applicant e-mail and SMS (values from the environment).

E-mail goes out through Django's e-mail backend (SMTP, config/settings/email.py).

Environment (all optional):
  EGOV_NOTIFY_EMAIL_PER_HOUR     e-mails to one address in any 60 minutes (default 20); more are
                                 deferred to the next free slot, never dropped. 0 = no limit.
  EGOV_NOTIFY_SMS_PER_HOUR       SMS to one phone number in any 60 minutes (default 5). 0 = no limit.
  EGOV_NOTIFY_MESSAGE_ID_DOMAIN  right-hand side of the Message-ID of e-mails (default: the domain of
                                 DEFAULT_FROM_EMAIL).
  EGOV_SMS_GATEWAY               "sandbox" (default: nothing leaves the server, the messages are kept
                                 in the SMS sandbox table, visible in the admin), "http" (a brandname
                                 SMS provider's JSON API, below) or "off" (no SMS at all).
  EGOV_SMS_ASCII                 send SMS without Vietnamese diacritics (default true): 160 GSM-7
                                 characters per message instead of 70 UCS-2, and the content rules of
                                 most brandname routes.
  EGOV_SMS_MAX_CHARS             longest SMS text (default 160: one message); a longer text is
                                 shortened before its link.
  EGOV_SMS_HTTP_URL              the provider's send endpoint (https; http only to localhost).
  EGOV_SMS_HTTP_API_KEY          sent as "Authorization: Bearer <key>".
  EGOV_SMS_BRANDNAME             the registered brandname shown as the sender (e.g. "QUANGTRI.GOV").
  EGOV_SMS_HTTP_SENDER           the account or sender id the provider gave the province (optional).
  EGOV_SMS_HTTP_TIMEOUT          seconds (default 10).
"""

from config.env import env_bool, env_int, env_str

EGOV_NOTIFY_EMAIL_PER_HOUR = env_int("EGOV_NOTIFY_EMAIL_PER_HOUR", 20)
EGOV_NOTIFY_SMS_PER_HOUR = env_int("EGOV_NOTIFY_SMS_PER_HOUR", 5)
EGOV_NOTIFY_MESSAGE_ID_DOMAIN = env_str("EGOV_NOTIFY_MESSAGE_ID_DOMAIN", "")

EGOV_SMS_GATEWAY = env_str("EGOV_SMS_GATEWAY", "sandbox")
EGOV_SMS_ASCII = env_bool("EGOV_SMS_ASCII", True)
EGOV_SMS_MAX_CHARS = env_int("EGOV_SMS_MAX_CHARS", 160)
EGOV_SMS_HTTP_URL = env_str("EGOV_SMS_HTTP_URL", "")
EGOV_SMS_HTTP_API_KEY = env_str("EGOV_SMS_HTTP_API_KEY", "")
EGOV_SMS_BRANDNAME = env_str("EGOV_SMS_BRANDNAME", "")
EGOV_SMS_HTTP_SENDER = env_str("EGOV_SMS_HTTP_SENDER", "")
EGOV_SMS_HTTP_TIMEOUT = env_int("EGOV_SMS_HTTP_TIMEOUT", 10)
