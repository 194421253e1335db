"""The embedded default used by `make run`: SQLite, SQLite broker, local files."""

from config.django.base import *  # noqa: F403
from config.env import env_bool

DEBUG = env_bool("DEBUG", True)
