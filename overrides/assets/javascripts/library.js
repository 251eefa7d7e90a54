/* Resource library: filter without reloading, the filter state in the URL.
 * Progressive enhancement: without JavaScript the facet pages and the
 * pagination links of the same page work on their own. All text is inserted
 * with textContent, never as HTML. */
(function () {
  "use strict";
  var root = document.querySelector("[data-rrma-library]");
  if (!root) return;
  var form = root.querySelector(".rrma-filters");
  var list = root.querySelector(".rrma-results");
  var status = root.querySelector(".rrma-status");
  var pagination = root.querySelector(".rrma-pagination");
  var base = root.getAttribute("data-base") || ".";
  var fixed = root.getAttribute("data-filter-param");
  var fixedValue = root.getAttribute("data-filter-value");
  var params = Array.prototype.map.call(form.querySelectorAll("select"), function (s) { return s.name; });
  var items = null;

  function fold(text) {
    return (text || "").replace(/œ/gi, "oe").replace(/æ/gi, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

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
    var query = new URLSearchParams(window.location.search);
    var result = { q: query.get("q") || "" };
    params.forEach(function (p) { result[p] = query.get(p) || ""; });
    // a facet page filters on its own facet, unless the address says otherwise (« ?type= » : all types)
    if (fixed && !query.has(fixed)) result[fixed] = fixedValue;
    return result;
  }

  function render(filters) {
    var words = fold(filters.q).split(/[^a-z0-9]+/).filter(Boolean);
    var matches = items.filter(function (item) {
      for (var i = 0; i < params.length; i++) {
        var wanted = filters[params[i]];
        if (wanted && (item.facets[params[i]] || []).indexOf(wanted) < 0) return false;
      }
      // each word starts a word of the card: « eau » finds « l'eau », not « réseau »; « form », « formation »
      if (!item.words) item.words = fold(item.title + " " + item.summary + " " + item.networks.join(" ")).split(/[^a-z0-9]+/);
      return words.every(function (w) { return item.words.some(function (word) { return word.lastIndexOf(w, 0) === 0; }); });
    });
    list.textContent = "";
    matches.forEach(function (item) { list.appendChild(card(item)); });
    if (pagination) pagination.hidden = true;
    status.textContent = matches.length === 0
      ? "Aucune ressource ne correspond à ces critères. Essayez d'enlever un filtre ou un mot."
      : matches.length + (matches.length > 1 ? " ressources correspondent." : " ressource correspond.");
  }

  function sync(push) {
    var filters = { q: form.elements.q.value.trim() };
    params.forEach(function (p) { filters[p] = form.elements[p].value; });
    var query = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (filters[k] || (k === fixed && filters[k] !== fixedValue)) query.set(k, filters[k]); });
    if (fixed && filters[fixed] === fixedValue) query.delete(fixed);  // the page's own filter goes without saying
    var url = window.location.pathname + (query.toString() ? "?" + query.toString() : "");
    window.history[push ? "pushState" : "replaceState"](null, "", url);
    render(filters);
  }

  function fill(filters) {
    form.elements.q.value = filters.q;
    params.forEach(function (p) { form.elements[p].value = filters[p]; });
  }

  fetch(root.getAttribute("data-rrma-library"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      items = data;
      form.hidden = false;
      var filters = state();
      fill(filters);
      var active = filters.q || params.some(function (p) { return p === fixed ? filters[p] !== fixedValue : filters[p]; });
      if (active) render(filters);
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
    })
    .catch(function () { /* the static list and facet pages remain usable */ });
})();
