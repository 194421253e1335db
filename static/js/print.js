/* A "Print" button ([data-print]) on a print view: the browser's print dialog. Without JavaScript
 * the button does nothing and the browser's own Print command prints the same page. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
