/* The header's menu button opens and closes the navigation drawer (phone and
 * tablet widths), from the keyboard too (Escape closes it), and says whether
 * it is open. The drawer is Material's hidden checkbox; the <label> Material
 * uses for it stays for browsers without JavaScript (see partials/header.html). */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector(".md-header .rrma-menu");
  if (!drawer || !button) return;

  function sync() { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }

  button.addEventListener("click", function () { drawer.click(); });
  document.addEventListener("keydown", function (event) {  // Escape closes the open drawer, back to its button
    if (event.key !== "Escape" || !drawer.checked) return;
    drawer.click();
    button.focus();
  });
  drawer.addEventListener("change", sync);
  sync();
})();
