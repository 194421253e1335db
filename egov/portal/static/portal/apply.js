/*
 * Apply online, progressive enhancement only: a "Copy the code" button next to the dossier code.
 * Without JavaScript (or without the clipboard API) the button stays hidden; the code is plain,
 * selectable text.
 */
(function () {
  "use strict";

  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var status = document.querySelector(button.getAttribute("data-copy-status"));
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied") || "";
          window.setTimeout(function () { status.textContent = ""; }, 5000);
        }
      });
    });
  });
})();
