"""Celery: SQLite broker on the embedded default, Redis or RabbitMQ in production."""

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
}
