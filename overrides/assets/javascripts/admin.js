// The web form (/admin/): Decap's French wording where it speaks like a developer, and a preview
// made with the site's own style sheets and labels (window.RRMA_EDITOR, admin/donnees.js).
(function () {
  "use strict";
  var CMS = window.CMS;
  var data = window.RRMA_EDITOR;
  if (!CMS || !data) { return; }

  var fr = CMS.getLocale("fr");
  if (fr) {
    var widget = fr.editor.editorControlPane.widget;
    widget.required = "«\u00a0%{fieldLabel}\u00a0» est obligatoire.";
    widget.regexPattern = "«\u00a0%{fieldLabel}\u00a0»\u00a0: %{pattern}.";
    fr.mediaLibrary.mediaLibrary.fileTooLarge = "Ce fichier dépasse " + data.limit + ", la limite du portail.\n" +
      "Réduisez-le (par exemple un export PDF «\u00a0taille réduite\u00a0»), ou publiez-le ailleurs et donnez plutôt son adresse web dans «\u00a0Adresse web\u00a0».";
    fr.mediaLibrary.mediaLibrary.onDelete = "Voulez-vous vraiment supprimer le fichier choisi\u202f?";
    fr.mediaLibrary.mediaLibraryModal.mediaAssets = "Fichiers déposés";
    fr.mediaLibrary.mediaLibraryModal.noAssetsFound = "Aucun fichier déposé pour l'instant.";
    fr.mediaLibrary.mediaLibraryModal.upload = "Déposer un fichier";
    fr.mediaLibrary.mediaLibraryModal.uploading = "Dépôt en cours…";
    fr.mediaLibrary.mediaLibraryModal.loading = "Chargement…";
    fr.mediaLibrary.mediaLibraryModal.search = "Rechercher…";
    fr.editor.editorControlPane.widget.processing = "«\u00a0%{fieldLabel}\u00a0» est en cours de traitement.";
    if (fr.ui && fr.ui.toast) {
      fr.ui.toast.missingRequiredField = "Un champ obligatoire est vide ou mal rempli\u00a0: le message en rouge dit quoi corriger.";
    }
    CMS.registerLocale("fr", fr);
  }

  // Decap counts a list's items as « 0 partenaires »: French puts 0 in the singular (« 0 partenaire »), as 1.
  var lists = data.lists || {};
  function singular(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var m = /^0 (.+)$/.exec(node.nodeValue);
      if (m && lists[m[1]]) { node.nodeValue = "0 " + lists[m[1]]; }
    }
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "characterData") { singular(change.target.parentNode || document.body); }
      change.addedNodes.forEach(function (node) { if (node.nodeType === 1 || node.nodeType === 3) { singular(node.nodeType === 1 ? node : node.parentNode); } });
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });

  // Decap says some things with window.alert (a file over the limit): the browser's own box, headed with the site's
  // address in the browser's language, that a phone shows out of context. Said in the page instead, in a dialog
  // that takes the focus and gives it back when closed (button or Échap).
  window.alert = function (message) {
    var previous = document.activeElement;
    var box = document.createElement("div");
    var text = document.createElement("p");
    var button = document.createElement("button");
    box.className = "rrma-alert";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-describedby", "rrma-alert-texte");
    box.setAttribute("aria-label", "Message");
    text.id = "rrma-alert-texte";
    text.textContent = String(message);
    button.type = "button";
    button.textContent = "J'ai compris";
    function close() {
      box.remove();
      if (previous && previous.focus) { previous.focus(); }
    }
    button.addEventListener("click", close);
    box.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.stopPropagation(); close(); } });
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
    button.focus();
  };

  // Decap's preview frame has no name: screen readers would announce « frame » alone.
  new MutationObserver(function () {
    var frame = document.getElementById("preview-pane");
    if (frame && !frame.title) { frame.title = "Aperçu de la page"; }
  }).observe(document.body, { childList: true, subtree: true });

  data.styles.forEach(function (path) { CMS.registerPreviewStyle(new URL("../" + path, document.baseURI).href); });

  var h = window.h;
  function label(kind, value) { return (data.labels[kind] || {})[String(value)] || String(value); }
  function list(entry, name) {
    var value = entry.getIn(["data", name]);
    return value && value.toJS ? value.toJS() : (value ? [value] : []);
  }
  function fact(term, values) {
    return values.length ? [h("dt", { key: term + "-t" }, term), h("dd", { key: term + "-d" }, values.join(", "))] : [];
  }
  function preview(kindField, kindTaxonomy, facts) {
    return function (props) {
      var entry = props.entry;
      var kind = entry.getIn(["data", kindField]);
      return h("div", { className: "md-typeset", style: { padding: "1rem 1.5rem" } },
        h("p", { className: "rrma-card__meta" }, kind ? h("span", { className: "rrma-badge" }, label(kindTaxonomy, kind)) : null),
        h("h1", null, entry.getIn(["data", "title"]) || "Sans titre"),
        h("p", { className: "rrma-lead" }, entry.getIn(["data", "summary"]) || ""),
        props.widgetFor("body"),
        h("dl", { className: "rrma-facts" }, [].concat.apply([], facts.map(function (f) {
          return fact(f[0], list(entry, f[1]).map(function (v) { return label(f[2], v); }));
        }))));
    };
  }
  CMS.registerPreviewTemplate("resources", preview("type", "resource-types", [
    ["Publié par", "networks", "networks"], ["Thématiques", "themes", "themes"], ["ODD", "odd", "odd"], ["Publics", "audiences", "audiences"]]));
  CMS.registerPreviewTemplate("events", preview("kind", "event-kinds", [
    ["Organisé par", "networks", "networks"], ["Dates", "start", "-"], ["Ville", "city", "-"], ["Thématiques", "themes", "themes"]]));
})();
