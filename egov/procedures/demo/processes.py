"""The demo province's internal processes (quy trình nội bộ), one or more per demo procedure.

Every procedure has a template for its implementing level; a few have one of a particular agency
too (Đồng Hới ward for birth registration and for the liên thông land procedures). Agencies and
departments are the organisation demo's keys and codes (egov/organisation/demo/data.py); a step
without an agency is done at the agency handling the dossier. Budgets follow the practice of
provincial decisions approving internal processes: half a working day or 04 working hours to
receive, most of the time to the specialist, a working day or less to sign, the rest to return.
Steps always add up to the procedure's processing time (checked by the service when loading);
procedures timed in calendar days (judicial record, construction permits) get the working days
that always fit in them.
"""

from egov.procedures.demo.process_specs import StepSpec, TemplateSpec
from egov.procedures.demo.processes_commune import COMMUNE_TEMPLATES, SPECIAL_TEMPLATES
from egov.procedures.demo.processes_province import AGENCY_TEMPLATES, PROVINCE_TEMPLATES

__all__ = ["TEMPLATES", "StepSpec", "TemplateSpec"]

TEMPLATES: tuple[TemplateSpec, ...] = COMMUNE_TEMPLATES + SPECIAL_TEMPLATES + PROVINCE_TEMPLATES + AGENCY_TEMPLATES
