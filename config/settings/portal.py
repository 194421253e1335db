"""Settings of egov.portal (values from the environment).

Applying online (egov/portal/services):
  PORTAL_DRAFT_RETENTION_DAYS      a draft (hồ sơ nháp) is kept this many days after its last change;
                                   a submitted one this many days after submission (default 90)
  PORTAL_DRAFTS_MAX_OPEN           open drafts one citizen may keep at a time (default 20)
  PORTAL_UPLOAD_MAX_BYTES          largest file a citizen may upload, and largest stored PDF after an
                                   image is converted (default 10 MB; never above
                                   EGOV_DOSSIER_UPLOAD_MAX_BYTES, which the dossier also enforces)
  PORTAL_UPLOAD_MAX_FILES          files in one application, all papers together (default 20; never
                                   above EGOV_DOSSIER_UPLOAD_MAX_FILES)
  PORTAL_UPLOAD_MAX_FILES_PER_PAPER  files for one required paper (default 5)
  PORTAL_IMAGE_MAX_PIXELS          largest photo accepted, in pixels (default 50 million)
  PORTAL_UPLOAD_RATE_LIMIT         upload requests per citizen per hour (default 120)

Public pages:
  PORTAL_POPULAR_CACHE_SECONDS     how long the home page's popular procedures are cached (default 300)
  PORTAL_STATISTICS_CACHE_SECONDS  how long the public statistics of a period are cached (default 300)
"""

from config.env import env_int

PORTAL_DRAFT_RETENTION_DAYS = env_int("PORTAL_DRAFT_RETENTION_DAYS", 90)
PORTAL_DRAFTS_MAX_OPEN = env_int("PORTAL_DRAFTS_MAX_OPEN", 20)
PORTAL_UPLOAD_MAX_BYTES = env_int("PORTAL_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
PORTAL_UPLOAD_MAX_FILES = env_int("PORTAL_UPLOAD_MAX_FILES", 20)
PORTAL_UPLOAD_MAX_FILES_PER_PAPER = env_int("PORTAL_UPLOAD_MAX_FILES_PER_PAPER", 5)
PORTAL_IMAGE_MAX_PIXELS = env_int("PORTAL_IMAGE_MAX_PIXELS", 50_000_000)
PORTAL_UPLOAD_RATE_LIMIT = env_int("PORTAL_UPLOAD_RATE_LIMIT", 120)
PORTAL_POPULAR_CACHE_SECONDS = env_int("PORTAL_POPULAR_CACHE_SECONDS", 300)
PORTAL_STATISTICS_CACHE_SECONDS = env_int("PORTAL_STATISTICS_CACHE_SECONDS", 300)
