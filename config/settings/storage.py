"""File storage: local filesystem by default, S3-compatible when STORAGE_BACKEND=s3."""

from config.env import env_str

STORAGE_BACKEND = env_str("STORAGE_BACKEND", "filesystem")

if STORAGE_BACKEND == "s3":
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("S3_BUCKET"),
                "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
                "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
                "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
                "default_acl": None,
                "querystring_auth": True,
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
