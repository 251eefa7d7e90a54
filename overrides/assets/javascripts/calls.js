/* Calls for projects: each state written at the build (« ouvert — clôture le
 * 15 juin 2026 (dans 12 jours) ») is computed again from the instants the page
 * carries (data-rrma-call), with the same rules as rrma/pages/calls.py, so a
 * page cached for days never shows a closed call as open. On the list, a call
 * whose state changed moves to its section (« Appels ouverts », « à venir »,
 * « clôturés » by year), in the order of rrma/pages/calls.py, and a section left
 * empty says so; on the home and a network's page, « Appels à projets ouverts »
 * lists (and the home counts) the calls open today, from those open or upcoming at
 * the build. Without JavaScript the page says on what day its states were
 * computed (« état au … »). */
(function () {
  "use strict";
  var DAY = 86400000;
  var states = document.querySelectorAll("[data-rrma-call]");
  if (!states.length) return;

  function left(closes, now) {
    var days = Math.floor((closes - now) / DAY);
    var grouped = String(days).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");  // « 1 581 »: French thousands
    return days < 1 ? " (dernier jour)" : " (dans " + grouped + " jour" + (days > 1 ? "s" : "") + ")";
  }

  function stateAt(data, now) {
    if (data.done) return ["closed", data.closed];
    for (var i = 0; i < data.windows.length; i++) {
      var w = data.windows[i];
      var opens = w.opens ? Date.parse(w.opens) : null;
      var closes = w.closes ? Date.parse(w.closes) : null;
      if (closes !== null && now >= closes) continue;
      if (opens !== null && now < opens) return ["upcoming", w.upcoming];
      if (closes === null) return opens === null ? ["unknown", data.unknown] : ["open", w.open];
      return ["open", w.open + left(closes, now)];
    }
    return ["closed", data.closed];
  }

  // The order of the build (rrma/pages/calls.py, _sort_key): open by first closing, upcoming by
  // first opening, closed from the latest closing; then by title.
  function instants(data, field) {
    return data.windows.filter(function (w) { return w[field]; }).map(function (w) { return Date.parse(w[field]); });
  }
  function rank(data, key) {
    var closes = instants(data, "closes");
    if (key === "open") return closes.length ? Math.min.apply(null, closes) : Infinity;
    if (key === "upcoming") return Math.min.apply(null, instants(data, "opens"));
    if (key === "closed") return closes.length ? -Math.max.apply(null, closes) : 0;
    return 0;
  }
  // The year a closed call is listed under: that of its last closing, in the call's own zone,
  // which is how the page writes its instants (« 2031-06-15T12:00:00+02:00 »).
  function closingYear(data) {
    var last = null;
    data.windows.forEach(function (w) { if (w.closes && (last === null || Date.parse(w.closes) > Date.parse(last))) last = w.closes; });
    return last ? last.slice(0, 4) : "Sans date";
  }

  var now = Date.now();
  var moved = [];
  Array.prototype.forEach.call(states, function (node) {
    var data;
    try { data = JSON.parse(node.getAttribute("data-rrma-call")); } catch (e) { return; }
    var state = stateAt(data, now);
    var before = node.className.replace(/^.*rrma-call-state--(\w+).*$/, "$1");
    node.className = "rrma-call-state rrma-call-state--" + state[0];
    node.textContent = state[1];
    var card = node.closest(".rrma-card--call");
    if (card) {
      card.rrmaCall = {data: data, key: state[0], title: (card.querySelector(".rrma-card__title") || card).textContent.trim().toLowerCase()};
      if (before !== state[0]) moved.push(card);
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll(".rrma-call-asof"), function (node) { node.hidden = true; });

  function before(a, b) {  // a sorts before b
    var ra = rank(a.rrmaCall.data, a.rrmaCall.key), rb = rank(b.rrmaCall.data, b.rrmaCall.key);
    return ra !== rb ? ra < rb : a.rrmaCall.title < b.rrmaCall.title;
  }

  // The home and a network's page list the calls open today: those open at the build and, from the
  // hidden list beside it, the others open or upcoming then (rrma/partials/open-calls.html); the home
  // shows the first four, by first closing, and counts them all.
  var openToday = 0;
  Array.prototype.forEach.call(document.querySelectorAll("[data-rrma-open-calls]"), function (list) {
    var later = document.getElementById(list.getAttribute("data-rrma-later"));
    var cards = Array.prototype.slice.call(list.querySelectorAll(".rrma-card--call"));
    if (later) cards = cards.concat(Array.prototype.slice.call(later.querySelectorAll(".rrma-card--call")));
    var open = cards.filter(function (card) { return card.rrmaCall && card.rrmaCall.key === "open"; });
    open.sort(function (a, b) { return before(a, b) ? -1 : before(b, a) ? 1 : 0; });
    var shown = parseInt(list.getAttribute("data-rrma-shown"), 10) || open.length;
    cards.forEach(function (card) { if (later && open.indexOf(card) < 0) later.appendChild(card); });
    open.forEach(function (card, i) { (i < shown || !later ? list : later).appendChild(card); });
    cards.forEach(function (card) { card.hidden = open.indexOf(card) < 0; });
    openToday += open.length;
    var kept = Math.min(open.length, shown);
    list.hidden = kept === 0;
    var none = document.getElementById(list.getAttribute("data-rrma-open-calls"));
    if (none) none.hidden = kept > 0;
  });

  // The home's count of open calls, as the build wrote it (« 2 appels à projets ouverts »), for today.
  Array.prototype.forEach.call(document.querySelectorAll("[data-rrma-calls-count]"), function (node) {
    var link = node.querySelector("a");
    if (link) link.textContent = String(openToday).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") + "\u00a0"
      + node.getAttribute(openToday === 1 ? "data-one" : "data-many");
    node.hidden = openToday === 0;
  });
  if (!moved.length) return;

  // The list: each card in its section, sorted as the build would.
  var sections = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-rrma-section]"), function (s) { sections[s.getAttribute("data-rrma-section")] = s; });
  if (!sections.open) return;

  function group(section, year) {
    // the open and upcoming calls are in one group; the closed ones in one per year, latest first
    var groups = section.querySelectorAll(".rrma-month");
    if (year === null && groups.length) return groups[0].querySelector(".rrma-cards");
    for (var i = 0; i < groups.length; i++) {
      var y = groups[i].getAttribute("data-year");
      if (y === year) return groups[i].querySelector(".rrma-cards");
      if (year !== "Sans date" && (y === "Sans date" || y < year)) break;
    }
    var div = document.createElement("div");
    div.className = "rrma-month";
    if (year !== null) {
      div.setAttribute("data-year", year);
      var heading = document.createElement("h3");
      heading.textContent = year;
      div.appendChild(heading);
    }
    var ul = document.createElement("ul");
    ul.className = "rrma-cards";
    div.appendChild(ul);
    section.insertBefore(div, i < groups.length ? groups[i] : section.querySelector(".rrma-empty"));
    return ul;
  }
  function retitle(card, level) {  // h3 in its section, h4 under a year heading
    var title = card.querySelector(".rrma-card__title");
    if (!title || title.tagName === level) return;
    var next = document.createElement(level);
    Array.prototype.forEach.call(title.attributes, function (a) { next.setAttribute(a.name, a.value); });
    while (title.firstChild) next.appendChild(title.firstChild);
    title.parentNode.replaceChild(next, title);
  }
  moved.forEach(function (card) {
    var key = card.rrmaCall.key;
    var section = sections[key];
    if (!section) return;
    var ul = group(section, key === "closed" ? closingYear(card.rrmaCall.data) : null);
    var place = null;
    Array.prototype.some.call(ul.children, function (other) {
      if (other.rrmaCall && before(card, other)) { place = other; return true; }
      return false;
    });
    ul.insertBefore(card, place);
    retitle(card, key === "closed" ? "H4" : "H3");
  });
  // Groups left without a card go; a section without any says so (its « rrma-empty » line).
  Object.keys(sections).forEach(function (key) {
    var section = sections[key];
    Array.prototype.forEach.call(section.querySelectorAll(".rrma-month"), function (month) {
      if (!month.querySelector(".rrma-card--call")) month.parentNode.removeChild(month);
      else month.hidden = !month.querySelector(".rrma-card--call:not([hidden])");
    });
    var empty = section.querySelector(".rrma-empty");
    if (empty) empty.hidden = !!section.querySelector(".rrma-month:not([hidden])");
  });
})();
