"""The demo province: Quảng Trị as it is since 1 July 2025 (merged with Quảng Bình, NQ 202/2025/QH15;
NSO code 44, provincial centre in Đồng Hới), with real agency and commune names.

DEMO DATA. The agency codes below are invented in the QĐ 20/2020/QĐ-TTg form (``H44``, ``H44.02``…)
and the QCVN 102:2016 form (``000.00.02.H44``); they are NOT the codes the province was assigned.
People, citizen ID numbers, phone numbers and e-mail addresses (``.example`` / ``example.com``
domains, RFC 2606) are fictitious. Every demo account has the same published password, so demo
data must never be loaded into a production database.
"""

from dataclasses import dataclass, field

from egov.identity.roles import Role
from egov.organisation.models import AgencyKind

PROVINCE_CODE = "44"
DEMO_PASSWORD = "DemoQT@2026"  # noqa: S105 - the published demo password
STAFF_EMAIL_DOMAIN = "quangtri.example"
ROOT_AGENCY_CODE = "H44"


@dataclass(frozen=True)
class AgencySpec:
    key: str
    code: str
    name: str
    short_name: str
    kind: AgencyKind
    parent: str | None
    unit_code: str  # NSO code of the province ("44") or of the commune (5 digits)
    address: str
    phone: str
    legacy_code: str = ""
    departments: tuple[tuple[str, str], ...] = ()

    @property
    def email(self) -> str:
        return f"{self.key}@{STAFF_EMAIL_DOMAIN}"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    agency: str
    department: str | None
    position: str
    roles: tuple[Role, ...]
    phone: str = ""


@dataclass(frozen=True)
class CitizenSpec:
    full_name: str
    citizen_id: str  # 3-digit province of birth (044 Quảng Bình, 045 Quảng Trị), sex/century, year, 6 digits
    phone: str
    email: str = field(default="")


POSITIONS: tuple[tuple[str, str, int], ...] = (
    ("CHU_TICH_UBND", "Chủ tịch Ủy ban nhân dân", 10),
    ("PHO_CHU_TICH_UBND", "Phó Chủ tịch Ủy ban nhân dân", 20),
    ("GIAM_DOC", "Giám đốc", 10),
    ("PHO_GIAM_DOC", "Phó Giám đốc", 20),
    ("CHANH_VAN_PHONG", "Chánh Văn phòng", 30),
    ("TRUONG_PHONG", "Trưởng phòng", 40),
    ("PHO_TRUONG_PHONG", "Phó Trưởng phòng", 50),
    ("KIEM_SOAT_VIEN_TTHC", "Kiểm soát viên thủ tục hành chính", 60),
    ("CHUYEN_VIEN", "Chuyên viên", 80),
    ("CONG_CHUC_XA", "Công chức cấp xã", 80),
    ("CONG_CHUC_MOT_CUA", "Công chức tiếp nhận và trả kết quả", 85),
    ("VAN_THU", "Văn thư", 90),
    ("QUAN_TRI_HE_THONG", "Quản trị hệ thống", 95),
)

# fmt: off
_SO = AgencyKind.PROVINCIAL_DEPARTMENT
_VP = ("VP", "Văn phòng Sở")

AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(
        "ubndt", "H44", "Ủy ban nhân dân tỉnh Quảng Trị", "UBND tỉnh Quảng Trị",
        AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE, None, PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822001", "000.00.00.H44",
        (("PTH", "Phòng Tổng hợp"), ("PKSTTHC", "Phòng Kiểm soát thủ tục hành chính")),
    ),
    AgencySpec(
        "snv", "H44.01", "Sở Nội vụ tỉnh Quảng Trị", "Sở Nội vụ", _SO, "ubndt", PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822101", "000.00.01.H44",
        (_VP, ("TCBC", "Phòng Tổ chức, biên chế"), ("CCVC", "Phòng Công chức, viên chức")),
    ),
    AgencySpec(
        "stp", "H44.02", "Sở Tư pháp tỉnh Quảng Trị", "Sở Tư pháp", _SO, "ubndt", PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822102", "000.00.02.H44",
        (_VP, ("HCTP", "Phòng Hành chính tư pháp"), ("BTTP", "Phòng Bổ trợ tư pháp")),
    ),
    AgencySpec(
        "stc", "H44.03", "Sở Tài chính tỉnh Quảng Trị", "Sở Tài chính", _SO, "ubndt", PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822103", "000.00.03.H44",
        (_VP, ("QLNS", "Phòng Quản lý ngân sách"), ("DKKD", "Phòng Đăng ký kinh doanh")),
    ),
    AgencySpec(
        "sxd", "H44.04", "Sở Xây dựng tỉnh Quảng Trị", "Sở Xây dựng", _SO, "ubndt", PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822104", "000.00.04.H44",
        (_VP, ("QLHDXD", "Phòng Quản lý hoạt động xây dựng"), ("QLVT", "Phòng Quản lý vận tải, phương tiện và người lái")),
    ),
    AgencySpec(
        "snnmt", "H44.05", "Sở Nông nghiệp và Môi trường tỉnh Quảng Trị", "Sở Nông nghiệp và Môi trường", _SO,
        "ubndt", PROVINCE_CODE, "Phường Đồng Hới, tỉnh Quảng Trị", "02323822105", "000.00.05.H44",
        (_VP, ("QLDD", "Phòng Quản lý đất đai"), ("TNN", "Phòng Tài nguyên nước")),
    ),
    AgencySpec(
        "sct", "H44.06", "Sở Công Thương tỉnh Quảng Trị", "Sở Công Thương", _SO, "ubndt", PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822106", "000.00.06.H44",
        (_VP, ("QLTM", "Phòng Quản lý thương mại")),
    ),
    AgencySpec(
        "syt", "H44.07", "Sở Y tế tỉnh Quảng Trị", "Sở Y tế", _SO, "ubndt", PROVINCE_CODE,
        "Phường Đồng Hới, tỉnh Quảng Trị", "02323822107", "000.00.07.H44",
        (_VP, ("NVY", "Phòng Nghiệp vụ Y"), ("NVD", "Phòng Nghiệp vụ Dược")),
    ),
    AgencySpec(
        "sgddt", "H44.08", "Sở Giáo dục và Đào tạo tỉnh Quảng Trị", "Sở Giáo dục và Đào tạo", _SO, "ubndt",
        PROVINCE_CODE, "Phường Đồng Hới, tỉnh Quảng Trị", "02323822108", "000.00.08.H44",
        (_VP, ("GDPT", "Phòng Giáo dục phổ thông")),
    ),
    AgencySpec(
        "skhcn", "H44.09", "Sở Khoa học và Công nghệ tỉnh Quảng Trị", "Sở Khoa học và Công nghệ", _SO, "ubndt",
        PROVINCE_CODE, "Phường Đồng Hới, tỉnh Quảng Trị", "02323822109", "000.00.09.H44",
        (_VP, ("CDS", "Phòng Chuyển đổi số")),
    ),
    AgencySpec(
        "ttpvhcc", "H44.30", "Trung tâm Phục vụ hành chính công tỉnh Quảng Trị", "Trung tâm PVHCC tỉnh",
        AgencyKind.PUBLIC_SERVICE_CENTRE, "ubndt", PROVINCE_CODE, "Phường Đồng Hới, tỉnh Quảng Trị",
        "02323822130", "000.00.30.H44",
        (("HCTH", "Phòng Hành chính - Tổng hợp"), ("TNTKQ", "Bộ phận Tiếp nhận và trả kết quả")),
    ),
)
# fmt: on

# Communes and wards formed on 1 July 2025, each with its People's Committee and one-stop centre.
_COMMUNES: tuple[tuple[str, str, str, str, bool], ...] = (
    # key, NSO code, name, code, is a ward (phường)
    ("pdonghoi", "18880", "Đồng Hới", "H44.101", True),
    ("pdongha", "19333", "Đông Hà", "H44.102", True),
    ("pbadon", "19009", "Ba Đồn", "H44.103", True),
    ("xvinhlinh", "19363", "Vĩnh Linh", "H44.104", False),
    ("xkhesanh", "19429", "Khe Sanh", "H44.105", False),
    ("xphongnha", "19138", "Phong Nha", "H44.106", False),
)


def _commune_agencies() -> tuple[AgencySpec, ...]:
    specs: list[AgencySpec] = []
    for key, unit_code, name, code, is_ward in _COMMUNES:
        level = "phường" if is_ward else "xã"
        economic = ("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị") if is_ward else ("KT", "Phòng Kinh tế")
        # fmt: off
        specs.append(
            AgencySpec(
                key, code, f"Ủy ban nhân dân {level} {name}", f"UBND {level} {name}",
                AgencyKind.COMMUNE_PEOPLES_COMMITTEE, "ubndt", unit_code, f"{level.capitalize()} {name}, tỉnh Quảng Trị",
                "", "", (("VP", "Văn phòng HĐND và UBND"), economic, ("VHXH", "Phòng Văn hóa - Xã hội")),
            )
        )
        specs.append(
            AgencySpec(
                f"tt{key}", f"{code}.01", f"Trung tâm Phục vụ hành chính công {level} {name}",
                f"Trung tâm PVHCC {level} {name}", AgencyKind.PUBLIC_SERVICE_CENTRE, key, unit_code,
                f"{level.capitalize()} {name}, tỉnh Quảng Trị", "", "",
                (("TNTKQ", "Bộ phận Tiếp nhận và trả kết quả"),),
            )
        )
        # fmt: on
    return tuple(specs)


AGENCIES = AGENCIES + _commune_agencies()

_D, _S, _L, _C = Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.CLERK
_AA, _PA, _AU = Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN, Role.AUDITOR

# fmt: off
STAFF: tuple[StaffSpec, ...] = (
    # Provincial People's Committee: the chairman oversees every agency of the province.
    StaffSpec("ubndt_hoangvannam", "Hoàng Văn Nam", "ubndt", "PTH", "CHU_TICH_UBND", (_L,), "0912300101"),
    StaffSpec("ubndt_tranthithuhien", "Trần Thị Thu Hiền", "ubndt", "PTH", "PHO_CHU_TICH_UBND", (_L,), "0912300102"),
    StaffSpec("ubndt_lethithuy", "Lê Thị Thủy", "ubndt", "PTH", "VAN_THU", (_C,), "0912300103"),
    StaffSpec("ubndt_phamquanghuy", "Phạm Quang Huy", "ubndt", "PKSTTHC", "KIEM_SOAT_VIEN_TTHC", (_AU,), "0912300104"),
    StaffSpec("ubndt_dangthimylinh", "Đặng Thị Mỹ Linh", "ubndt", "PTH", "QUAN_TRI_HE_THONG", (_AA,), "0912300105"),
    # Province administrator: the digital-transformation office of the Department of Science and Technology.
    StaffSpec("skhcn_nguyenducthang", "Nguyễn Đức Thắng", "skhcn", "CDS", "QUAN_TRI_HE_THONG", (_PA,), "0912300201"),
    StaffSpec("skhcn_vothanhtung", "Võ Thanh Tùng", "skhcn", "VP", "GIAM_DOC", (_L,), "0912300202"),
    StaffSpec("skhcn_dothihuong", "Đỗ Thị Hương", "skhcn", "CDS", "CHUYEN_VIEN", (_AA, _S), "0912300203"),
    # Department of Justice: every role.
    StaffSpec("stp_tranvanhung", "Trần Văn Hùng", "stp", "VP", "GIAM_DOC", (_L,), "0912300301"),
    StaffSpec("stp_nguyenthilan", "Nguyễn Thị Lan", "stp", "HCTP", "PHO_GIAM_DOC", (_L,), "0912300302"),
    StaffSpec("stp_phamthimai", "Phạm Thị Mai", "stp", "HCTP", "CHUYEN_VIEN", (_S,), "0912300303"),
    StaffSpec("stp_vuvanlong", "Vũ Văn Long", "stp", "BTTP", "CHUYEN_VIEN", (_S,), "0912300304"),
    StaffSpec("stp_lethihoa", "Lê Thị Hoa", "stp", "VP", "VAN_THU", (_C,), "0912300305"),
    StaffSpec("stp_buithithutrang", "Bùi Thị Thu Trang", "stp", "VP", "CONG_CHUC_MOT_CUA", (_D,), "0912300306"),
    StaffSpec("stp_ngovantuan", "Ngô Văn Tuấn", "stp", "VP", "QUAN_TRI_HE_THONG", (_AA, _D, _S, _C), "0912300307"),
    # Department of Construction: every role.
    StaffSpec("sxd_lequocbao", "Lê Quốc Bảo", "sxd", "VP", "GIAM_DOC", (_L,), "0912300401"),
    StaffSpec("sxd_truongthingoc", "Trương Thị Ngọc", "sxd", "QLHDXD", "TRUONG_PHONG", (_S, _L), "0912300402"),
    StaffSpec("sxd_phanvanthanh", "Phan Văn Thành", "sxd", "QLHDXD", "CHUYEN_VIEN", (_S,), "0912300403"),
    StaffSpec("sxd_huynhthikimoanh", "Huỳnh Thị Kim Oanh", "sxd", "QLVT", "CHUYEN_VIEN", (_S,), "0912300404"),
    StaffSpec("sxd_maithithao", "Mai Thị Thảo", "sxd", "VP", "VAN_THU", (_C,), "0912300405"),
    StaffSpec("sxd_dinhvankhoa", "Đinh Văn Khoa", "sxd", "VP", "CONG_CHUC_MOT_CUA", (_D,), "0912300406"),
    StaffSpec("sxd_caominhtri", "Cao Minh Trí", "sxd", "VP", "QUAN_TRI_HE_THONG", (_AA, _D, _S, _C), "0912300407"),
    # Department of Agriculture and Environment.
    StaffSpec("snnmt_nguyenhuuloc", "Nguyễn Hữu Lộc", "snnmt", "VP", "GIAM_DOC", (_L,), "0912300501"),
    StaffSpec("snnmt_lethanhha", "Lê Thanh Hà", "snnmt", "QLDD", "CHUYEN_VIEN", (_S,), "0912300502"),
    StaffSpec("snnmt_hothikimchi", "Hồ Thị Kim Chi", "snnmt", "VP", "VAN_THU", (_C,), "0912300503"),
    # Other departments: their directors.
    StaffSpec("snv_phanthihongvan", "Phan Thị Hồng Vân", "snv", "VP", "GIAM_DOC", (_L,), "0912300601"),
    StaffSpec("stc_nguyenvanquang", "Nguyễn Văn Quang", "stc", "VP", "GIAM_DOC", (_L,), "0912300602"),
    StaffSpec("sct_tranducminh", "Trần Đức Minh", "sct", "VP", "GIAM_DOC", (_L,), "0912300603"),
    StaffSpec("syt_lethingocanh", "Lê Thị Ngọc Ánh", "syt", "VP", "GIAM_DOC", (_L,), "0912300604"),
    StaffSpec("sgddt_hoangminhson", "Hoàng Minh Sơn", "sgddt", "VP", "GIAM_DOC", (_L,), "0912300605"),
    # Provincial public administrative service centre: the one-stop desks.
    StaffSpec("ttpvhcc_nguyenthihoa", "Nguyễn Thị Hòa", "ttpvhcc", "HCTH", "GIAM_DOC", (_L,), "0912300701"),
    StaffSpec("ttpvhcc_tranthibichngoc", "Trần Thị Bích Ngọc", "ttpvhcc", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D,), "0912300702"),
    StaffSpec("ttpvhcc_levanphuc", "Lê Văn Phúc", "ttpvhcc", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D,), "0912300703"),
    StaffSpec("ttpvhcc_phamthuyduong", "Phạm Thùy Dương", "ttpvhcc", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D,), "0912300704"),
    StaffSpec("ttpvhcc_vuthanhbinh", "Vũ Thanh Bình", "ttpvhcc", "HCTH", "QUAN_TRI_HE_THONG", (_AA, _C), "0912300705"),
    # Đồng Hới ward: every role, and its one-stop centre.
    StaffSpec("pdonghoi_nguyenvanhai", "Nguyễn Văn Hải", "pdonghoi", "VP", "CHU_TICH_UBND", (_L,), "0912300801"),
    StaffSpec("pdonghoi_lethikimyen", "Lê Thị Kim Yến", "pdonghoi", "KTHTDT", "CONG_CHUC_XA", (_S,), "0912300802"),
    StaffSpec("pdonghoi_tranvandung", "Trần Văn Dũng", "pdonghoi", "VHXH", "CONG_CHUC_XA", (_S,), "0912300803"),
    StaffSpec("pdonghoi_phamthihuong", "Phạm Thị Hường", "pdonghoi", "VP", "VAN_THU", (_C,), "0912300804"),
    StaffSpec("pdonghoi_hoangvanthinh", "Hoàng Văn Thịnh", "pdonghoi", "VP", "QUAN_TRI_HE_THONG", (_AA, _S, _C), "0912300805"),
    StaffSpec("ttpdonghoi_dovanthanh", "Đỗ Văn Thanh", "ttpdonghoi", "TNTKQ", "GIAM_DOC", (_L,), "0912300806"),
    StaffSpec("ttpdonghoi_ngothithanhtam", "Ngô Thị Thanh Tâm", "ttpdonghoi", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D,), "0912300807"),
    StaffSpec("ttpdonghoi_buivankien", "Bùi Văn Kiên", "ttpdonghoi", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D, _AA), "0912300808"),
    # Vĩnh Linh commune.
    StaffSpec("xvinhlinh_lequanghieu", "Lê Quang Hiếu", "xvinhlinh", "VP", "CHU_TICH_UBND", (_L,), "0912300901"),
    StaffSpec("xvinhlinh_nguyenthithu", "Nguyễn Thị Thu", "xvinhlinh", "KT", "CONG_CHUC_XA", (_S,), "0912300902"),
    StaffSpec("xvinhlinh_tranthiloan", "Trần Thị Loan", "xvinhlinh", "VP", "VAN_THU", (_C, _AA), "0912300903"),
    StaffSpec("ttxvinhlinh_hovantrung", "Hồ Văn Trung", "ttxvinhlinh", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D,), "0912300904"),
    # Đông Hà ward: leader and one-stop desk.
    StaffSpec("pdongha_vominhtuan", "Võ Minh Tuấn", "pdongha", "VP", "CHU_TICH_UBND", (_L,), "0912301001"),
    StaffSpec("ttpdongha_lethiquynh", "Lê Thị Quỳnh", "ttpdongha", "TNTKQ", "CONG_CHUC_MOT_CUA", (_D,), "0912301002"),
)
# fmt: on

CITIZENS: tuple[CitizenSpec, ...] = (
    CitizenSpec("Nguyễn Văn Bình", "044085001234", "0905110001", "nguyenvanbinh@example.com"),
    CitizenSpec("Trần Thị Ngọc Anh", "045190002345", "0905110002", "ngocanh.tran@example.com"),
    CitizenSpec("Lê Hoàng Phúc", "044201003456", "0905110003", "lehoangphuc@example.com"),
    CitizenSpec("Phạm Thị Hồng Nhung", "045188004567", "0905110004", "hongnhung@example.com"),
    CitizenSpec("Võ Minh Khôi", "045098005678", "0905110005", "minhkhoi.vo@example.com"),
    CitizenSpec("Đặng Thị Thu Hà", "044179006789", "0905110006", "thuha.dang@example.com"),
    CitizenSpec("Hồ Văn Tài", "045065007890", "0905110007", "hovantai@example.com"),
    CitizenSpec("Ngô Thị Bích Ngọc", "044303008901", "0905110008", "bichngoc.ngo@example.com"),
    CitizenSpec("Dương Quốc Việt", "045092009012", "0905110009", "quocviet@example.com"),
    CitizenSpec("Trương Thị Mỹ Linh", "044196010123", "0905110010", "mylinh.truong@example.com"),
)
