"""Shapes of the public calendar API.

Plain pydantic models, filled from dicts: ninja's ``Schema`` wraps every nested object in a
getter, which made a 31-day ``/days`` answer three times slower.
"""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from egov.workflow.choices import DayKind


class SkippedDayOut(BaseModel):
    date: dt.date
    kind: DayKind
    reason: str


class WorkingDaysOut(BaseModel):
    date: dt.date = Field(description="The resulting working day.")
    start: dt.date
    days: int
    skipped: list[SkippedDayOut] = Field(description="Non-working days from `start` up to the result, not counted.")


class OfficeSessionOut(BaseModel):
    opens: str = Field(examples=["07:30"])
    closes: str = Field(examples=["11:30"])


class CalendarDayOut(BaseModel):
    date: dt.date
    weekday: int = Field(description="ISO weekday: 1 = Monday … 7 = Sunday.")
    is_working: bool
    kind: DayKind
    reason: str = Field(description="Why the day is not an ordinary working day (empty for one).")
    legal_reference: str
    is_override: bool = Field(description="True when an administrator's calendar entry decides the day.")
    office_hours: list[OfficeSessionOut]


class CalendarDaysOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    date_from: dt.date = Field(alias="from")
    date_to: dt.date = Field(alias="to")
    working_days: int
    days: list[CalendarDayOut]


class WorkingHoursOut(BaseModel):
    start: dt.datetime
    hours: float
    counted_from: dt.datetime = Field(description="The first office moment at or after `start`.")
    end: dt.datetime


class WorkingTimeOut(BaseModel):
    start: dt.datetime
    end: dt.datetime
    seconds: int
    hours: float = Field(description="Rounded to 0.01 hour.")
