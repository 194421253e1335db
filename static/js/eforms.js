/*
 * E-forms, progressive enhancement only: without this file every section is shown and the server
 * ignores what does not apply. With it, a part marked data-eform-visible-when='{"field": "a.b",
 * "equals": v}' (or "in": [...]) is shown only while that field has that value; hidden inputs are
 * disabled, so they are neither focused nor sent. After a failed submission the error summary
 * takes the focus, so screen-reader users hear it first.
 */
(function () {
  "use strict";

  function valueOf(form, name) {
    var inputs = Array.prototype.filter.call(form.elements, function (el) {
      return el.name === name && !el.disabled;
    });
    if (inputs.length === 0) {
      return [];
    }
    var first = inputs[0];
    if (first.type === "radio") {
      return inputs.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
    }
    if (first.type === "checkbox") {
      if (inputs.length === 1 && first.value === "true") {
        return [first.checked ? "true" : "false"];
      }
      return inputs.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
    }
    return first.value === "" ? [] : [first.value];
  }

  function holds(condition, values) {
    var wanted = Object.prototype.hasOwnProperty.call(condition, "equals") ? [condition.equals] : condition["in"] || [];
    return wanted.some(function (want) {
      return values.indexOf(String(want)) !== -1;
    });
  }

  function update(root, form, parts) {
    // A part can control another, and a hidden part's inputs count as empty: repeat until stable.
    var inputs = root.querySelectorAll(
      "[data-eform-visible-when] input, [data-eform-visible-when] select, [data-eform-visible-when] textarea"
    );
    for (var round = 0; round <= parts.length + 1; round += 1) {
      var changed = false;
      parts.forEach(function (item) {
        var hidden = !holds(item.condition, valueOf(form, item.condition.field));
        if (item.part.hidden !== hidden) {
          item.part.hidden = hidden;
          changed = true;
        }
      });
      inputs.forEach(function (el) {
        var off = el.closest("[hidden]") !== null;
        if (el.disabled !== off) {
          el.disabled = off;
          changed = true;
        }
      });
      if (!changed) {
        return;
      }
    }
  }

  function enhance(root) {
    var form = root.closest("form");
    if (!form) {
      return;
    }
    var parts = [];
    root.querySelectorAll("[data-eform-visible-when]").forEach(function (part) {
      try {
        parts.push({ part: part, condition: JSON.parse(part.getAttribute("data-eform-visible-when")) });
      } catch (error) {
        // A malformed hint leaves the part shown: the server still validates.
      }
    });
    if (parts.length) {
      var refresh = function () { update(root, form, parts); };
      refresh();
      form.addEventListener("change", refresh);
      form.addEventListener("input", refresh);
    }
    var summary = root.querySelector("#eform-errors");
    if (summary) {
      summary.focus();
    }
  }

  document.querySelectorAll("[data-eform]").forEach(enhance);
})();
