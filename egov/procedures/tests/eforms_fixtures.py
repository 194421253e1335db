"""A small e-form exercising every feature, a procedure carrying it, and an HTML element collector."""

import copy
from html.parser import HTMLParser
from typing import Any

from egov.identity.models import User
from egov.procedures.contracts import ProcedureData
from egov.procedures.eforms import eform_schema_for
from egov.procedures.models import Procedure
from egov.procedures.services.catalogue import procedure_save

BIRTH_CODE = "1.001193"


def t(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


_SAMPLE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "x-ui": {"title": t("Tờ khai thử", "Test form"), "form_reference": t("Mẫu thử", "Test template")},
    "properties": {
        "person": {
            "type": "object",
            "x-ui": {"title": t("Người khai", "Applicant"), "order": 1},
            "properties": {
                "full_name": {
                    "type": "string",
                    "format": "vn-name",
                    "maxLength": 100,
                    "x-ui": {
                        "label": t("Họ và tên", "Full name"),
                        "help": t("Như trên thẻ căn cước.", "As on the ID card."),
                        "autocomplete": "name",
                    },
                },
                "citizen_id": {
                    "type": "string",
                    "format": "citizen-id",
                    "maxLength": 20,
                    "x-ui": {"label": t("Số định danh cá nhân", "Personal ID number"), "widget": "citizen_id"},
                },
                "birth_date": {
                    "type": "string",
                    "format": "date",
                    "x-ui": {"label": t("Ngày sinh", "Date of birth"), "not_future": True},
                },
                "phone": {
                    "type": "string",
                    "format": "vn-phone",
                    "maxLength": 20,
                    "x-ui": {"label": t("Điện thoại", "Phone"), "widget": "tel"},
                },
                "tax_code": {
                    "type": "string",
                    "format": "tax-code",
                    "maxLength": 20,
                    "x-ui": {"label": t("Mã số thuế", "Tax code")},
                },
                "gender": {
                    "type": "string",
                    "enum": ["male", "female"],
                    "x-ui": {
                        "label": t("Giới tính", "Sex"),
                        "widget": "radio",
                        "choices": [
                            {"value": "male", "label": t("Nam", "Male")},
                            {"value": "female", "label": t("Nữ", "Female")},
                        ],
                    },
                },
                "ethnicity": {
                    "type": "string",
                    "enum": ["Kinh", "Tày", "Thái", "Hoa", "Khơ-me"],
                    "x-ui": {"label": t("Dân tộc", "Ethnic group"), "widget": "select"},
                },
                "languages": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["vi", "en"]},
                    "uniqueItems": True,
                    "x-ui": {
                        "label": t("Ngôn ngữ", "Languages"),
                        "choices": [{"value": "vi", "label": "Tiếng Việt"}, {"value": "en", "label": "English"}],
                    },
                },
                "copies": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 10,
                    "x-ui": {"label": t("Số bản sao", "Copies")},
                },
                "note": {"type": "string", "x-ui": {"label": t("Ghi chú", "Note"), "widget": "textarea"}},
            },
            "required": ["full_name", "birth_date", "gender"],
        },
        "father": {
            "type": "object",
            "x-ui": {"title": t("Người cha", "Father"), "order": 2},
            "properties": {
                "declared": {
                    "type": "boolean",
                    "default": True,
                    "x-ui": {"label": t("Khai thông tin người cha", "Father declared"), "widget": "radio"},
                },
                "full_name": {
                    "type": "string",
                    "format": "vn-name",
                    "maxLength": 100,
                    "x-ui": {
                        "label": t("Họ tên người cha", "Father's name"),
                        "visible_when": {"field": "father.declared", "equals": True},
                    },
                },
                "birth_year": {
                    "type": "integer",
                    "minimum": 1900,
                    "x-ui": {
                        "label": t("Năm sinh", "Year of birth"),
                        "not_future": True,
                        "visible_when": {"field": "father.declared", "equals": True},
                    },
                },
            },
            "required": ["declared"],
            "allOf": [
                {
                    "if": {"properties": {"declared": {"const": True}}, "required": ["declared"]},
                    "then": {"required": ["full_name", "birth_year"]},
                }
            ],
        },
        "filing": {
            "type": "object",
            "x-ui": {"title": t("Người nộp", "Who files"), "order": 3},
            "properties": {
                "filed_by": {
                    "type": "string",
                    "enum": ["self", "agent"],
                    "default": "self",
                    "x-ui": {
                        "label": t("Người nộp hồ sơ", "Filed by"),
                        "choices": [
                            {"value": "self", "label": t("Tự nộp", "Myself")},
                            {"value": "agent", "label": t("Người được ủy quyền", "An agent")},
                        ],
                    },
                }
            },
            "required": ["filed_by"],
        },
        "agent": {
            "type": "object",
            "x-ui": {
                "title": t("Người được ủy quyền", "Agent"),
                "order": 4,
                "visible_when": {"field": "filing.filed_by", "equals": "agent"},
            },
            "properties": {
                "full_name": {
                    "type": "string",
                    "format": "vn-name",
                    "maxLength": 100,
                    "x-ui": {"label": t("Họ tên", "Full name")},
                }
            },
        },
        "declaration": {
            "type": "object",
            "x-ui": {"title": t("Lời cam đoan", "Declaration"), "order": 5},
            "properties": {
                "confirmed": {"type": "boolean", "const": True, "x-ui": {"label": t("Tôi cam đoan.", "I declare.")}}
            },
            "required": ["confirmed"],
        },
    },
    "allOf": [
        {
            "if": {
                "properties": {"filing": {"properties": {"filed_by": {"const": "agent"}}, "required": ["filed_by"]}}
            },
            "then": {"properties": {"agent": {"required": ["full_name"]}}},
        }
    ],
}


def sample_schema() -> dict[str, Any]:
    return copy.deepcopy(_SAMPLE)


def sample_data(**sections: Any) -> dict[str, Any]:
    """Valid data for the sample form; keyword arguments replace whole sections."""
    data: dict[str, Any] = {
        "person": {"full_name": "Nguyễn Thị Hoa", "birth_date": "1990-05-17", "gender": "female"},
        "father": {"declared": False},
        "filing": {"filed_by": "self"},
        "declaration": {"confirmed": True},
    }
    data.update(sections)
    return data


def save_procedure(
    code: str, schema: dict[str, Any] | None, *, name: str = "Thủ tục thử", user: User | None = None
) -> Procedure:
    """A procedure through the catalogue's one write path."""
    return procedure_save(data=ProcedureData(code=code, name=name, form_schema=schema), acting_user=user).procedure


def save_birth_registration() -> Procedure:
    return save_procedure(BIRTH_CODE, eform_schema_for(BIRTH_CODE), name="Thủ tục đăng ký khai sinh")


def valid_birth_data() -> dict[str, Any]:
    """A complete birth registration, father not declared, as the API would send it."""
    return {
        "authority": {"registry_office": "Ủy ban nhân dân phường Đồng Hới"},
        "requester": {
            "full_name": "Nguyễn Thị Hoa",
            "id_document_type": "citizen_id_card",
            "citizen_id": "044190012345",
            "residence": "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị",
            "relationship": "mother",
            "phone": "0912345678",
        },
        "child": {
            "full_name": "Nguyễn Minh An",
            "birth_date": "2026-03-02",
            "gender": "male",
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "birth_place_kind": "health_facility",
            "birth_facility": "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới",
            "birth_place": "Phường Đồng Hới, tỉnh Quảng Trị",
            "hometown": "Xã Bố Trạch, tỉnh Quảng Trị",
        },
        "mother": {
            "declared": True,
            "full_name": "Nguyễn Thị Hoa",
            "birth_year": 1996,
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "residence": "Số 5 Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị",
            "citizen_id": "044190012345",
        },
        "father": {"declared": False},
        "copies": {"requested": True, "count": 2},
        "delivery": {"method": "desk"},
        "declaration": {"confirmed": True},
    }


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside labels and legends."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[int, str] = {}
        self._open: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("label", "legend", "option", "li", "h2"):
            self._open.append(len(self.elements) - 1)
            self.texts[len(self.elements) - 1] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("label", "legend", "option", "li", "h2") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for index in self._open:
            self.texts[index] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            found
            for name, found in self.elements
            if name == tag and all(found.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str, **attrs: str) -> dict[str, str]:
        matches = self.find(tag, **attrs)
        assert len(matches) == 1, (tag, attrs, matches)
        return matches[0]

    def text_of(self, tag: str, **attrs: str) -> str:
        for index, (name, found) in enumerate(self.elements):
            if name == tag and all(found.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                return " ".join(self.texts.get(index, "").split())
        raise AssertionError((tag, attrs))
