/* Resource library: filter without reloading, the filter state in the URL.
 * Progressive enhancement: without JavaScript the filter panel (a <details>)
 * holds the facet pages' links, and the pagination links of the same page
 * work on their own. With it, the panel holds the lists, whose counts follow
 * the current choice; it is folded on a phone behind « Filtrer (n) ». The
 * text box analyses words as the site search does (analyser.js). All text is
 * inserted with textContent, never as HTML.
 *
 * Nothing here is about resources but the status sentences: any listing whose
 * page has the same markup (rrma/content/library.html) and whose data is a
 * list of {url, title, summary, type_label, published, networks, facets: {param: [values]}}
 * gets the same filters. */
(function () {
  "use strict";
  var root = document.querySelector("[data-rrma-library]");
  if (!root) return;
  var form = root.querySelector(".rrma-filters");
  var query = root.querySelector(".rrma-library__query");
  var panel = root.querySelector(".rrma-filter-panel");
  var toggle = panel.querySelector("summary");
  var counter = panel.querySelector(".rrma-filter-count");
  var links = panel.querySelector(".rrma-facets");
  var list = root.querySelector(".rrma-results");
  var status = root.querySelector(".rrma-status");
  var pagination = root.querySelector(".rrma-pagination");
  var base = root.getAttribute("data-base") || ".";
  var fixed = root.getAttribute("data-filter-param");
  var fixedValue = root.getAttribute("data-filter-value");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var params = selects.map(function (s) { return s.name; });
  var wide = window.matchMedia("(min-width: 60em)");
  var analyser = window.rrmaAnalyser;
  var items = null, stopWords = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function card(item) {
    var li = el("li", "rrma-card");
    var meta = el("p", "rrma-card__meta");
    meta.appendChild(el("span", "rrma-badge", item.type_label));
    if (item.published) meta.appendChild(document.createTextNode(" · " + item.published));
    li.appendChild(meta);
    var h = el("h3", "rrma-card__title");
    var a = el("a", null, item.title);
    a.href = base + "/" + item.url;
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(el("p", null, item.summary));
    li.appendChild(el("p", "rrma-card__meta", item.networks.join(", ")));
    return li;
  }

  function state() {
    var address = new URLSearchParams(window.location.search);
    var result = { q: address.get("q") || "" };
    params.forEach(function (p) { result[p] = address.get(p) || ""; });
    // a facet page filters on its own facet, unless the address says otherwise (« ?type= » : all types)
    if (fixed && !address.has(fixed)) result[fixed] = fixedValue;
    return result;
  }

  function textMatch(terms) {
    // each term starts a term of the card, as analysed by the site search: « projets » finds
    // « projet », « eau » finds « l'eau » and not « réseau », « form » finds « formation »
    return function (item) {
      if (!item.terms) item.terms = analyser.terms(item.title + " " + item.summary + " " + item.networks.join(" "));
      return terms.every(function (t) { return item.terms.some(function (term) { return term.lastIndexOf(t, 0) === 0; }); });
    };
  }

  function has(item, param, value) {
    return (item.facets[param] || []).indexOf(value) >= 0;
  }

  function render(filters) {
    var terms = analyser.words(filters.q, stopWords).map(function (w) { return w.term; });
    var byText = items.filter(textMatch(terms));
    var matches = byText.filter(function (item) {
      return params.every(function (p) { return !filters[p] || has(item, p, filters[p]); });
    });
    list.textContent = "";
    matches.forEach(function (item) { list.appendChild(card(item)); });
    if (pagination) pagination.hidden = true;
    status.textContent = matches.length === 0
      ? "Aucune ressource ne correspond à ces critères. Essayez d'enlever un filtre ou un mot."
      : matches.length + (matches.length > 1 ? " ressources correspondent." : " ressource correspond.");
    count(filters, byText);
  }

  function count(filters, byText) {
    // Each value says how many results choosing it would give, the other filters kept; a value
    // that would give none is disabled, not hidden: the list keeps its order and its length, and
    // a screen reader says « indisponible » (iOS cannot hide an option of a list anyway).
    selects.forEach(function (select) {
      var p = select.name;
      var others = byText.filter(function (item) {
        return params.every(function (o) { return o === p || !filters[o] || has(item, o, filters[o]); });
      });
      var counts = {};
      others.forEach(function (item) { (item.facets[p] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
      Array.prototype.forEach.call(select.options, function (option) {
        var n = option.value ? counts[option.value] || 0 : others.length;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        option.disabled = n === 0 && option.value !== select.value;
      });
    });
    var active = params.filter(function (p) { return filters[p]; }).length;
    counter.hidden = active === 0;
    counter.firstChild.textContent = " (" + active + ")";
    counter.lastChild.textContent = "\u00a0: " + active + " choix actif" + (active > 1 ? "s" : "");
  }

  function current() {
    var filters = { q: form.elements.q.value.trim() };
    params.forEach(function (p) { filters[p] = form.elements[p].value; });
    return filters;
  }

  function sync(push) {
    var filters = current();
    var address = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (filters[k] || (k === fixed && filters[k] !== fixedValue)) address.set(k, filters[k]); });
    if (fixed && filters[fixed] === fixedValue) address.delete(fixed);  // the page's own filter goes without saying
    var url = window.location.pathname + (address.toString() ? "?" + address.toString() : "");
    window.history[push ? "pushState" : "replaceState"](null, "", url);
    render(filters);
  }

  function fill(filters) {
    form.elements.q.value = filters.q;
    params.forEach(function (p) { form.elements[p].value = filters[p]; });
  }

  function expanded() {
    toggle.setAttribute("aria-expanded", panel.open ? "true" : "false");
  }

  function close() {
    // back to the button that opened it, so the keyboard and the screen reader are where they were
    panel.open = false;
    toggle.focus();
  }

  // Open on a wide screen, folded on a phone: the first results are on the first screen.
  panel.open = wide.matches;
  expanded();
  panel.addEventListener("toggle", expanded);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel.open) { event.preventDefault(); close(); }
  });
  panel.querySelector(".rrma-filter-done").addEventListener("click", function () {
    panel.open = false;
    expanded();
    status.setAttribute("tabindex", "-1");
    status.focus();  // the number of results, read out, then the list
  });

  var analyserData = root.getAttribute("data-analyser");
  Promise.all([
    fetch(root.getAttribute("data-rrma-library")).then(function (response) { return response.json(); }),
    analyserData ? fetch(analyserData).then(function (response) { return response.json(); }).catch(function () { return {}; }) : {}
  ]).then(function (data) {
    if (!analyser) return;
    items = data[0];
    stopWords = data[1].stopWords || [];
    form.hidden = false;
    query.hidden = false;
    links.hidden = true;  // the lists do what the links did, without reloading
    var filters = state();
    fill(filters);
    var active = filters.q || params.some(function (p) { return p === fixed ? filters[p] !== fixedValue : filters[p]; });
    if (active) render(filters);
    else count(filters, items);
    // a choice in a list replaces the address (arrow keys go through options one change at a time);
    // a search sent or the filters cleared adds a step to the history
    form.addEventListener("change", function () { sync(false); });
    form.elements.q.addEventListener("input", function () { sync(false); });
    form.addEventListener("submit", function (event) { event.preventDefault(); sync(true); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        if (fixed) form.elements[fixed].value = fixedValue;
        sync(true);
      }, 0);
    });
    window.addEventListener("popstate", function () { var f = state(); fill(f); render(f); });
  }).catch(function () { /* the facet pages' links and the static list remain usable */ });
})();
