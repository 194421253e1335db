/*
 * Progressive enhancement only: every page works without this file.
 * Menus built on <details data-menu> close on Escape (focus returns to the toggle) and on a
 * click outside them.
 */
(function () {
  "use strict";

  function openMenus() {
    return document.querySelectorAll("details[data-menu][open]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    openMenus().forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary && menu.contains(document.activeElement)) {
        summary.focus();
      }
    });
  });

  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });

  // Wide tables (.table-wrap--wide): mark the side that has more columns (is-scrollable-end draws
  // the shadow, is-scrolled the one beside the pinned column) and hide the scroll hint when the
  // whole table fits.
  function watchWideTable(region) {
    var hintId = region.getAttribute("aria-describedby");
    var hint = hintId ? document.getElementById(hintId) : null;
    function update() {
      var rest = region.scrollWidth - region.clientWidth;
      region.classList.toggle("is-scrollable-end", region.scrollLeft < rest - 1);
      region.classList.toggle("is-scrolled", region.scrollLeft > 0);
      if (hint) {
        hint.hidden = rest <= 1;
      }
    }
    region.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }
  document.querySelectorAll(".table-wrap--wide").forEach(watchWideTable);
})();
