"""The citizen's saved profile with household members (/ca-nhan/thong-tin/) and the e-form's “fill from
my profile or a household member”: the applicant's part from the profile, the mother's and the
father's parts of a birth registration from the chosen member; only the citizen's own members."""

from datetime import date
from typing import Any

from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.portal.models import Application, CitizenProfile, HouseholdMember
from egov.portal.tests.conftest import draft_url, start_draft

PROFILE = "/ca-nhan/thong-tin/"
MEMBERS = f"{PROFILE}thanh-vien/"
RESIDENCE = "12 Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị"
HOA = {
    "full_name": "Trần Thị Hoa",
    "relationship": "spouse",
    "birth_date": "1995-05-10",
    "gender": "female",
    "id_number": "044195001122",
    "ethnicity": "Kinh",
    "nationality": "Việt Nam",
}


def save_profile(client: Client) -> None:
    response = client.post(
        PROFILE,
        {"birth_date": "02/03/1985", "gender": "male", "ethnicity": "Kinh", "nationality": "Việt Nam"}
        | {"residence": RESIDENCE},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def add_member(client: Client, **changes: str) -> HouseholdMember:
    response = client.post(f"{MEMBERS}them/", {**HOA, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return HouseholdMember.objects.latest("pk")


def test_the_profile_and_household_are_saved_changed_removed_and_audited(owner: User, owner_client: Client) -> None:
    assert owner_client.get(PROFILE).status_code == 200
    save_profile(owner_client)
    hoa = add_member(owner_client)
    page = owner_client.get(PROFILE).text

    assert CitizenProfile.objects.get(citizen=owner).birth_date == date(1985, 3, 2)
    assert "Trần Thị Hoa" in page
    assert "Husband or wife" in page
    assert owner_client.post(f"{MEMBERS}{hoa.pk}/", {**HOA, "full_name": "Trần Thị Hoà"}).status_code == 302
    hoa.refresh_from_db()
    assert hoa.full_name == "Trần Thị Hoà"
    assert owner_client.get(f"{MEMBERS}{hoa.pk}/xoa/").status_code == 200  # a confirmation page
    assert owner_client.post(f"{MEMBERS}{hoa.pk}/xoa/").status_code == 302
    assert not HouseholdMember.objects.exists()
    actions = set(AuditEntry.objects.filter(actor=owner).values_list("action", flat=True))
    assert {
        "portal.profile_update",
        "portal.household_member_add",
        "portal.household_member_update",
        "portal.household_member_remove",
    } <= actions


def test_bad_details_are_explained_not_saved(owner_client: Client) -> None:
    response = owner_client.post(f"{MEMBERS}them/", {**HOA, "birth_date": "2999-01-01", "id_number": "12"})
    assert response.status_code == 400
    assert not HouseholdMember.objects.exists()
    future = owner_client.post(f"{MEMBERS}them/", {**HOA, "birth_date": "2999-01-01"})
    assert future.status_code == 400
    assert "A date of birth cannot be in the future." in future.text
    bad_id = owner_client.post(f"{MEMBERS}them/", {**HOA, "id_number": "12"})
    assert bad_id.status_code == 400
    assert "A citizen ID number has exactly 12 digits." in bad_id.text
    assert owner_client.post(PROFILE, {"birth_date": "31/02/1985"}).status_code == 400


def test_another_citizens_member_is_404_everywhere(owner_client: Client, stranger_client: Client) -> None:
    hoa = add_member(owner_client)
    assert stranger_client.get(f"{MEMBERS}{hoa.pk}/").status_code == 404
    assert stranger_client.post(f"{MEMBERS}{hoa.pk}/", HOA).status_code == 404
    assert stranger_client.post(f"{MEMBERS}{hoa.pk}/xoa/").status_code == 404
    draft = start_draft(stranger_client)
    response = stranger_client.post(draft_url(draft, "buoc/4/dien-tu-ho-so/"), {"person": f"member-{hoa.pk}"})
    assert response.status_code == 302  # not a choice of hers: refused with a message, nothing filled
    draft.refresh_from_db()
    assert "Trần Thị Hoa" not in str(draft.form_data)
    assert HouseholdMember.objects.filter(pk=hoa.pk).exists()


def test_the_e_form_fills_the_requester_from_the_profile_and_the_parents_from_the_household(
    owner: User, owner_client: Client
) -> None:
    save_profile(owner_client)
    hoa = add_member(owner_client)
    draft = start_draft(owner_client)

    requester_page = owner_client.get(draft_url(draft, "buoc/2/")).text
    assert 'formaction="' + draft_url(draft, "buoc/2/dien-tu-ho-so/") + '"' in requester_page
    assert '<select id="prefill-person" name="person" form="apply-step-form"' in requester_page
    assert f'<option value="member-{hoa.pk}">Trần Thị Hoa (Husband or wife)</option>' in requester_page
    assert "dien-tu-ho-so" not in owner_client.get(draft_url(draft, "buoc/1/")).text  # not about a person

    owner_client.post(draft_url(draft, "buoc/2/"), {"requester.relationship": "father", "action": "save"})
    response = owner_client.post(draft_url(draft, "buoc/2/dien-tu-ho-so/"), {"person": "self"})
    assert response["Location"] == draft_url(draft, "buoc/2/")
    owner_client.post(draft_url(draft, "buoc/4/dien-tu-ho-so/"), {"person": f"member-{hoa.pk}"})
    owner_client.post(draft_url(draft, "buoc/5/dien-tu-ho-so/"), {"person": "self"})

    data = Application.objects.get(pk=draft.pk).form_data
    assert data["requester"] | {"relationship": "father"} == data["requester"]  # kept what was typed
    assert {key: data["requester"][key] for key in ("full_name", "citizen_id", "id_document_type", "residence")} == {
        "full_name": "Nguyễn Văn Bình",
        "citizen_id": "044085001234",
        "id_document_type": "citizen_id_card",
        "residence": RESIDENCE,
    }
    assert {key: data["mother"].get(key) for key in ("declared", "full_name", "birth_year", "citizen_id")} == {
        "declared": "true",
        "full_name": "Trần Thị Hoa",
        "birth_year": "1995",
        "citizen_id": "044195001122",
    }
    assert data["mother"]["residence"] == RESIDENCE  # the household's
    assert (data["father"]["full_name"], data["father"]["birth_year"]) == ("Nguyễn Văn Bình", "1985")
    assert "Filled from" in owner_client.get(draft_url(draft, "buoc/5/")).text
    assert AuditEntry.objects.filter(action="portal.application_prefill", object_id=str(draft.pk)).count() == 3
    # the filled parts validate as they are: "Continue" goes on
    assert owner_client.post(draft_url(draft, "buoc/4/"), {**_posted(data, "mother"), "action": "continue"})[
        "Location"
    ] == draft_url(draft, "buoc/5/")


def test_filling_keeps_what_was_typed_saved_or_not_and_fills_only_the_blanks(owner_client: Client) -> None:
    # given the mother's part saved with her ethnic group chosen, then a name typed on screen but not saved
    hoa = add_member(owner_client, ethnicity="Tày")
    draft = start_draft(owner_client)
    owner_client.post(
        draft_url(draft, "buoc/4/"), {"mother.declared": "true", "mother.ethnicity": "Kinh", "action": "save"}
    )
    on_screen = {
        "mother.declared": "true",
        "mother.full_name": "Trần Thị Hoà",  # typed, not saved: differs from the household's "Trần Thị Hoa"
        "mother.birth_year": "",
        "mother.ethnicity": "Kinh",
        "mother.nationality": "Việt Nam",
        "mother.residence": "",
        "mother.citizen_id": "",
    }
    # when she fills the part from Hoa with the page's "Fill in" (it posts the part's form as it is)
    response = owner_client.post(
        draft_url(draft, "buoc/4/dien-tu-ho-so/"), {**on_screen, "person": f"member-{hoa.pk}", "action": "prefill"}
    )
    # then what she typed stays, the blanks are filled, and she is told which answers were kept
    assert response["Location"] == draft_url(draft, "buoc/4/")
    mother = Application.objects.get(pk=draft.pk).form_data["mother"]
    assert (mother["full_name"], mother["ethnicity"]) == ("Trần Thị Hoà", "Kinh")
    assert (mother["birth_year"], mother["citizen_id"]) == ("1995", "044195001122")
    assert mother["nationality"] == "Việt Nam"
    page = owner_client.get(response["Location"]).text
    assert "What you had typed was kept in: Full name; Ethnic group." in page
    entry = AuditEntry.objects.get(action="portal.application_prefill", object_id=str(draft.pk))
    assert entry.changes["kept"] == ["ethnicity", "full_name"]
    assert "full_name" not in entry.changes["fields"]
    assert "birth_year" in entry.changes["fields"]


def test_filling_again_changes_nothing_typed_and_says_so(owner_client: Client) -> None:
    # given the mother's part filled from Hoa once (a bare post: only the choice)
    hoa = add_member(owner_client)
    draft = start_draft(owner_client)
    owner_client.post(draft_url(draft, "buoc/4/dien-tu-ho-so/"), {"person": f"member-{hoa.pk}"}, follow=True)
    first = Application.objects.get(pk=draft.pk).form_data["mother"]
    # when she corrects the name on screen and fills again without saving
    typed = {f"mother.{key}": value for key, value in first.items()} | {"mother.full_name": "Trần Thị Hoà"}
    response = owner_client.post(draft_url(draft, "buoc/4/dien-tu-ho-so/"), {**typed, "person": f"member-{hoa.pk}"})
    # then her correction is kept and nothing else changes
    assert Application.objects.get(pk=draft.pk).form_data["mother"] == first | {"full_name": "Trần Thị Hoà"}
    page = owner_client.get(response["Location"]).text
    assert "Nothing was filled: every answer “Trần Thị Hoa (Husband or wife)” has is typed already." in page
    assert "What you had typed was kept in: Full name." in page


def _posted(data: dict[str, Any], section: str) -> dict[str, str]:
    return {f"{section}.{key}": value for key, value in data[section].items()}


def test_filling_is_a_post_and_its_address_answers_a_get_with_the_part(owner_client: Client) -> None:
    draft = start_draft(owner_client)
    response = owner_client.get(draft_url(draft, "buoc/2/dien-tu-ho-so/"))
    assert response["Location"] == draft_url(draft, "buoc/2/")
    unknown = owner_client.post(draft_url(draft, "buoc/2/dien-tu-ho-so/"), {"person": "member-999999"}, follow=True)
    assert "Choose yourself or a member of your household." in unknown.text
