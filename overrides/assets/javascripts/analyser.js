/* The portal's French analysis of words, shared by every script that matches
 * what a visitor types: the site search (search.js) and the library's text
 * box (library.js). It is lunr-languages' French pipeline, the one the search
 * index was built with (rrma/outputs/search.py: trimmer, accents folded,
 * Snowball stemmer; elisions split words), so « projets », « Projet » and
 * « projét » are one term everywhere. Needs lunr.js, lunr.stemmer.support.js
 * and lunr.fr.js loaded first. */
(function () {
  "use strict";
  if (typeof lunr === "undefined" || !lunr.fr) return;
  // French elisions split words, as when the index was built (split_elisions in search.py); so do the
  // non-breaking spaces of French typography (\s holds U+00A0 and U+202F: « agir\u202f? » is « agir »).
  lunr.tokenizer.separator = /[\s\-'\u2019]+/;
  var full = lunr.Pipeline.load(["trimmer-fr", "accentFold-fr", "stemmer-fr"]);
  var folding = lunr.Pipeline.load(["trimmer-fr", "accentFold-fr"]);
  var stemming = lunr.Pipeline.load(["stemmer-fr"]);
  var analysed = new Map();
  var stems = new Map();

  /** The terms of a text, in order (memoized: cards and snippets are analysed again and again). */
  function terms(text) {
    var found = analysed.get(text);
    if (!found) {
      found = full.run(lunr.tokenizer(text)).map(String).filter(Boolean);
      analysed.set(text, found);
    }
    return found;
  }

  /** The term of one word already trimmed and folded. */
  function stem(word) {
    var found = stems.get(word);
    if (found === undefined) {
      found = stemming.run([new lunr.Token(word)]).map(String)[0] || "";
      stems.set(word, found);
    }
    return found;
  }

  /** What a query asks for: its words (trimmed, folded) with their terms, a term once, stop
   * words and single letters skipped — they were never indexed (query_words in search.py). */
  function words(query, stopWords) {
    var stop = stopWords || [];
    var kept = lunr.tokenizer(query).filter(function (token) {
      var word = lunr.fr.trimmer(token.clone()).toString();
      return word.length > 1 && stop.indexOf(word) < 0;
    });
    var seen = {};
    return folding.run(kept).map(String).filter(Boolean).map(function (word) { return { word: word, term: stem(word) }; })
      .filter(function (w) { return w.term && !seen[w.term] && (seen[w.term] = true); });
  }

  window.rrmaAnalyser = { terms: terms, stem: stem, words: words };
})();
