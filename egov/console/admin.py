"""Branding of the Django admin, which agency and province administrators use."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("E-government administration")
admin.site.site_title = _("E-government administration")
admin.site.index_title = _("Organisation, staff and calendar")
admin.site.site_url = "/staff/"
