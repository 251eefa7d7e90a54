/* Phone and tablet widths: the header's menu button opens the navigation
 * drawer from the keyboard too. Material's button is a <label> for a hidden
 * checkbox, which a keyboard cannot reach: the header gives it role="button"
 * and tabindex="0"; here Enter and Space toggle the drawer and aria-expanded
 * says whether it is open. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  if (!drawer || !button) return;

  function sync() { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }

  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();  // Material clicks a focused <label> on Enter too: the drawer would toggle twice
    drawer.click();
  });
  drawer.addEventListener("change", sync);
  sync();
})();
