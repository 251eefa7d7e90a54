/* The header's menu button opens and closes the navigation drawer (phone and
 * tablet widths), from the keyboard too (Escape closes it), and says whether
 * it is open. The drawer is Material's hidden checkbox; the <label> Material
 * uses for it stays for browsers without JavaScript (see partials/header.html). */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector(".md-header .rrma-menu");
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (!drawer || !button) return;

  function sync() { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }

  button.addEventListener("click", function () {
    drawer.click();
    var first = drawer.checked && sidebar && sidebar.querySelector("a[href]");
    if (first) first.focus();  // opened: the keyboard goes on in the drawer
  });
  document.addEventListener("keydown", function (event) {  // Escape closes the open drawer, back to its button
    if (event.key !== "Escape" || !drawer.checked) return;
    drawer.click();
    button.focus();
  });
  // focus leaving the open drawer (Tab past its last link) closes it: the page under it is visible again
  document.addEventListener("focusin", function (event) {
    if (drawer.checked && sidebar && !sidebar.contains(event.target) && event.target !== button && !button.contains(event.target)) drawer.click();
  });
  drawer.addEventListener("change", sync);
  sync();
})();
