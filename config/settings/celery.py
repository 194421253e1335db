"""Celery: SQLite broker on the embedded default, Redis or RabbitMQ in production."""

from celery.schedules import crontab

from config.env import BASE_DIR, env_bool, env_str

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", f"sqla+sqlite:///{BASE_DIR / 'var' / 'celery-broker.sqlite3'}")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "drain-outbox": {"task": "core.outbox_drain", "schedule": 10.0},
    # Deadline warnings and escalation of dossier steps (egov/dossiers/services/deadlines.py).
    "dossiers-warn-due-soon": {"task": "dossiers.warn_due_soon", "schedule": 300.0},
    "dossiers-escalate-overdue": {"task": "dossiers.escalate_overdue", "schedule": 300.0},
    # Dossiers due within a working day, to the centre's leaders: at the start of each office
    # session (each run reads every dossier in the window, so not every five minutes).
    "dossiers-warn-dossiers-due": {
        "task": "dossiers.warn_dossiers_due",
        "schedule": crontab(minute=15, hour="7,13", day_of_week="mon-sat"),
    },
    # Online drafts past PORTAL_DRAFT_RETENTION_DAYS, with their files (egov/portal/services/applications.py).
    "portal-purge-expired-applications": {
        "task": "portal.purge_expired_applications",
        "schedule": crontab(minute=30, hour=2),
    },
}
