"""Every periodic job in the beat schedule names a task a worker knows: a typo would be scheduled
forever and never run."""

from celery.schedules import crontab
from django.conf import settings

from config.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled, "the beat schedule is empty"
    assert scheduled - set(app.tasks) == set()


def test_the_portal_purges_expired_drafts_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["portal-purge-expired-applications"]
    assert entry["task"] == "portal.purge_expired_applications"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert (getattr(schedule, "hour", None), getattr(schedule, "minute", None)) == ({2}, {30})
