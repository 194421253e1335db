/*
 * Desk intake, progressive enhancement: each applicant field marked data-from-eform="section.field"
 * follows that e-form field (the requester's name, ID number, address, phone) while the officer types
 * it, as long as the applicant field is empty or still holds what was copied there. Once the officer
 * types in an applicant field it is theirs and is never overwritten. An organisation's requester is
 * the person filing for it, so nothing is copied while the applicant is an organisation. Without this
 * file the server fills the applicant fields left empty from the same answers on receipt.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.intake-form");
  if (!form) {
    return;
  }

  function forCitizen() {
    var kind = form.querySelector("input[name=applicant_kind]:checked");
    return !kind || kind.value === "citizen";
  }

  function enteredHere() {
    var mode = form.querySelector("input[name=eform_mode]:checked");
    return !mode || mode.value === "entered";
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-from-eform]"), function (target) {
    var source = form.elements.namedItem(target.getAttribute("data-from-eform"));
    if (!(source instanceof HTMLElement)) {
      return; // not in this form, or a group of radio buttons (no text to copy)
    }
    var copied = null; // what was last copied into the applicant field (null: nothing, or the officer typed since)

    target.addEventListener("input", function () {
      copied = null;
    });

    function follow() {
      if (!forCitizen() || !enteredHere()) {
        return;
      }
      if (target.value === "" || (copied !== null && target.value === copied)) {
        target.value = source.value.trim();
        copied = target.value;
      }
    }

    source.addEventListener("input", follow);
    source.addEventListener("change", follow);
  });
})();
