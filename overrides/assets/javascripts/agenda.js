/* Agenda: filter the events already on the page, without reloading; the
 * filter state goes in the URL (?reseau=…&type=…). Without JavaScript, the
 * facet links lead to the same lists as plain pages. The calls for projects'
 * list is filtered the same way: its root names its cards and its words
 * (data-cards, data-one, data-many, data-none); its filters are folded on a
 * phone behind « Filtrer (n) » (a <details class="rrma-filter-panel">), open on
 * a wide screen. */
(function () {
  "use strict";
  var root = document.querySelector("[data-rrma-agenda]");
  if (!root) return;
  var form = root.querySelector(".rrma-filters");
  var status = root.querySelector(".rrma-status");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var fixed = root.getAttribute("data-filter-param");
  var fixedValue = root.getAttribute("data-filter-value");
  var cards = root.getAttribute("data-cards") || ".rrma-card--event";
  var panel = root.querySelector(".rrma-filter-panel");
  var counter = panel && panel.querySelector(".rrma-filter-count");
  var words = {
    one: root.getAttribute("data-one") || "événement correspond.",
    many: root.getAttribute("data-many") || "événements correspondent.",
    none: root.getAttribute("data-none") || "Aucun événement ne correspond à ces critères."
  };

  function state() {
    var query = new URLSearchParams(window.location.search);
    var result = {};
    selects.forEach(function (s) { result[s.name] = query.get(s.name) || (s.name === fixed ? fixedValue : ""); });
    return result;
  }

  function render(filters) {
    var shown = 0;
    root.querySelectorAll(cards).forEach(function (card) {
      var keep = selects.every(function (s) {
        var wanted = filters[s.name];
        return !wanted || (card.getAttribute("data-f-" + s.name) || "").split(" ").indexOf(wanted) >= 0;
      });
      card.hidden = !keep;
      if (keep) shown += 1;
    });
    root.querySelectorAll(".rrma-month").forEach(function (month) {
      month.hidden = month.querySelectorAll(cards.split(",").map(function (c) { return c + ":not([hidden])"; }).join(",")).length === 0;
    });
    root.querySelectorAll(".rrma-agenda__section").forEach(function (section) {
      var empty = section.querySelector(".rrma-empty");
      var months = section.querySelectorAll(".rrma-month");
      if (empty && months.length) empty.hidden = section.querySelectorAll(".rrma-month:not([hidden])").length > 0;
    });
    status.textContent = shown === 0 ? words.none : shown + " " + (shown > 1 ? words.many : words.one);
    if (counter) {
      var active = selects.filter(function (s) { return filters[s.name]; }).length;
      counter.hidden = active === 0;
      counter.firstChild.textContent = " (" + active + ")";
      counter.lastChild.textContent = "\u00a0: " + active + " choix actif" + (active > 1 ? "s" : "");
    }
  }

  function sync() {
    var query = new URLSearchParams();
    var filters = {};
    selects.forEach(function (s) { filters[s.name] = s.value; if (s.value) query.set(s.name, s.value); });
    window.history.replaceState(null, "", window.location.pathname + (query.toString() ? "?" + query.toString() : ""));
    render(filters);
  }

  form.hidden = false;
  if (panel) {
    // open on a wide screen, folded on a phone: the first calls are on the first screen
    var toggle = panel.querySelector("summary");
    panel.hidden = false;
    panel.open = window.matchMedia("(min-width: 60em)").matches;
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel.open) { event.preventDefault(); panel.open = false; toggle.focus(); }
    });
  }
  var initial = state();
  selects.forEach(function (s) { s.value = initial[s.name]; });
  if (selects.some(function (s) { return initial[s.name] && !(s.name === fixed && initial[s.name] === fixedValue); })) render(initial);
  form.addEventListener("change", sync);
})();
