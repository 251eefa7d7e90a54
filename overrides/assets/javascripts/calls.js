/* Calls for projects: each state written at the build (« ouvert — clôture le
 * 15 juin 2026 (dans 12 jours) ») is computed again from the instants the page
 * carries (data-rrma-call), with the same rules as rrma/pages/calls.py, so a
 * page cached for days never shows a closed call as open. Without JavaScript
 * the page says on what day its states were computed (« état au … »). */
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

  var now = Date.now();
  Array.prototype.forEach.call(states, function (node) {
    var data;
    try { data = JSON.parse(node.getAttribute("data-rrma-call")); } catch (e) { return; }
    var state = stateAt(data, now);
    node.className = "rrma-call-state rrma-call-state--" + state[0];
    node.textContent = state[1];
  });
  Array.prototype.forEach.call(document.querySelectorAll(".rrma-call-asof"), function (node) { node.hidden = true; });
})();
