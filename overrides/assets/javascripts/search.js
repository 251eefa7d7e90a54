/* The portal's search over the index built by rrma/outputs/search.py (with lunr.py's scores).
 * The index is split by the first letters of each term; a query downloads only
 * the parts it needs, then the rest is fetched in idle time so the search
 * keeps working offline. Documents are scored straight from the shards' postings,
 * as lunr's Index#query scores them (see Shard and ask). Results are built with
 * textContent: nothing from the index is ever parsed as HTML. */
(function () {
  "use strict";
  var root = document.querySelector("[data-rrma-search]");
  if (!root || typeof lunr === "undefined" || !window.rrmaAnalyser) return;
  var analyser = window.rrmaAnalyser;  // the French analysis the index was built with (analyser.js)
  var base = (root.getAttribute("data-base") || ".") + "/recherche/";
  var form = root.querySelector("form");
  var input = form.elements.q;
  var filters = ["type", "theme", "region", "reseau"];
  var status = root.querySelector(".rrma-status");
  var list = root.querySelector(".rrma-hits");
  var noResult = root.querySelector(".rrma-no-result");
  // the type shown with a result (an index without labels gives the kind)
  var KINDS = { ressource: "Ressource", evenement: "Événement", reseau: "Réseau", appel: "Appel à projets", campagne: "Campagne", page: "Page" };
  var manifest = null, facets = null, shards = {}, chunks = {}, pending = {};
  var prefetched = null;  // every shard's data, by name, once the prefetch has it (decoded when a query needs one)
  var generation = 0;

  var abandonable = [];

  // ``later``: the rest of a page of results, given up if another query comes first (abandon)
  function getJSON(name, later) {
    var entry = pending[name];
    if (entry && entry.controller && entry.controller.signal.aborted) entry = null;
    if (!entry) {
      var controller = later && window.AbortController ? new AbortController() : null;
      entry = pending[name] = {
        controller: controller,
        promise: fetch(base + name, controller ? { signal: controller.signal } : {}).then(function (r) {
          if (!r.ok) throw new Error(name);
          return r.json();
        })
      };
      entry.promise.catch(function () { if (pending[name] === entry) delete pending[name]; });
      if (controller) abandonable.push(entry);
    } else if (!later) {
      entry.controller = null;  // needed now: no longer given up with its page
    }
    return entry.promise;
  }

  function abandon() {
    abandonable.forEach(function (entry) { if (entry.controller) entry.controller.abort(); });
    abandonable = [];
  }

  var maps = null;  // each tier's prefix → shard number (shard_maps in search.py)

  function loadManifest() {
    return getJSON("manifest.json").then(function (m) {
      if (!manifest) {
        manifest = m;
        maps = {};
        Object.keys(m.shards).forEach(function (tier) {
          maps[tier] = {};
          m.shards[tier].forEach(function (prefixes, number) {
            prefixes.split(" ").forEach(function (prefix) { if (prefix) maps[tier][prefix] = number; });
          });
        });
        form.querySelector(".rrma-filters").hidden = false;
        // the lists have their options only now: the address's choices can be shown in them; the
        // text keeps what the visitor typed meanwhile (the address has the text of the query sent)
        applyFilters(readState());
      }
      return m;
    });
  }

  // A shard of a tier: « index » (titles, tags, summaries), read first, or « body » (texts,
  // attached files), read when the first gives fewer than a page of results (TIERS in search.py).
  // Decoded once, kept for the next queries (a shard is never read twice).
  function shard(tier, number) {
    var name = tier + "-" + number;
    if (!shards[name] && prefetched && prefetched[name]) shards[name] = new Shard(prefetched[name]);
    if (shards[name]) return Promise.resolve(shards[name]);
    return getJSON(name + ".json").then(function (data) {
      shards[name] = shards[name] || new Shard(data);
      return shards[name];
    });
  }

  var SCORE_SCALE = 1000;  // as in search.py

  // A shard as search.py writes it (compact_shard): each term with its number and, field by field, the
  // documents that have it (each the difference from the previous one) and its score in each
  // (× SCORE_SCALE), lunr.py's BM25 score of the term in that field. A term's postings are decoded the
  // first time a query asks for it: most of a shard's terms never are.
  function Shard(data) {
    this.fields = data.fields;
    this.rows = new Map();
    for (var i = 0; i < data.postings.length; i++) this.rows.set(data.postings[i][0], data.postings[i]);
    this.decoded = new Map();
    this.terms = null;  // every term, in order (for words being typed)
    this.more = new Set(data.more || []);  // a first-tier shard: the second tier's terms of its prefixes (more_terms in search.py)
  }

  Shard.prototype.has = function (term) { return this.rows.has(term); };

  // The term's number and, field by field, its documents and scores (what expand_shard in search.py
  // gives lunr: the same numbers, each score divided by SCORE_SCALE as there).
  Shard.prototype.posting = function (term) {
    var found = this.decoded.get(term);
    if (found) return found;
    var row = this.rows.get(term);
    if (!row) return null;
    found = { term: term, number: row[1], refs: [], scores: [] };
    for (var f = 0; f < this.fields.length; f++) {
      var deltas = row[2 + 2 * f], raw = row[3 + 2 * f], refs = new Array(deltas.length), scores = new Array(deltas.length), ref = 0;
      for (var i = 0; i < deltas.length; i++) {
        ref += deltas[i];
        refs[i] = ref;
        scores[i] = raw[i] / SCORE_SCALE;
      }
      found.refs.push(refs);
      found.scores.push(scores);
    }
    this.decoded.set(term, found);
    return found;
  };

  // The terms that start with ``prefix``, in the order lunr's token set lists them (TokenSet#toArray
  // of an intersection with « prefix* »): a term before the longer ones, then the longer ones by their
  // next letter, last one first — digits, which JavaScript lists first among an object's keys, last.
  Shard.prototype.startingWith = function (prefix) {
    if (!this.terms) this.terms = Array.from(this.rows.keys()).sort();
    var found = [];
    for (var i = lowerBound(this.terms, prefix); i < this.terms.length && this.terms[i].slice(0, prefix.length) === prefix; i++) found.push(this.terms[i]);
    return found.sort(tokenSetOrder);
  };

  function lowerBound(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function edgeRank(code) { return code >= 48 && code <= 57 ? code - 65536 : code; }

  function tokenSetOrder(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return edgeRank(y) - edgeRank(x);
    }
    return a.length - b.length;
  }

  function chunk(number, later) {
    if (chunks[number]) return Promise.resolve(chunks[number]);
    return getJSON("docs-" + number + ".json", later).then(function (data) { chunks[number] = data; return data; });
  }

  function analyse(text) {
    return analyser.terms(text);
  }

  function shardOf(tier, term) {
    return maps[tier][term.slice(0, 3)];  // as shard_key in search.py
  }

  function known(term) {
    return maps.index[term.slice(0, 3)] !== undefined || maps.body[term.slice(0, 3)] !== undefined;
  }

  function prefixShards(tier, term) {
    // a word still being typed may continue into any shard whose terms start with it
    var found = {};
    var head = term.slice(0, 3);
    Object.keys(maps[tier]).forEach(function (key) {
      if (key.indexOf(head) === 0) found[maps[tier][key]] = true;
    });
    return Object.keys(found).map(Number);
  }

  var stemOf = analyser.stem;

  function queryWords(query) {
    // stop words were never indexed (search.py): skipping them saves fetching a shard;
    // every other word counts, however common: none is dropped (rank in search.py)
    return analyser.words(query, manifest.stopWords);
  }

  var LETTERS = "abcdefghijklmnopqrstuvwxyz";

  function neighbours(word) {
    // what a word with one letter wrong, missing, doubled or swapped may have meant (typo_terms in
    // search.py): the words one letter away, each through the stemmer; a wrong or missing letter
    // only after the third (a term's shard is named by its first three letters)
    var found = {};
    for (var i = 0; i <= word.length; i++) {
      if (i < word.length) found[word.slice(0, i) + word.slice(i + 1)] = true;
      if (i + 1 < word.length) found[word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)] = true;
      if (i >= 3) {
        for (var c = 0; c < LETTERS.length; c++) {
          if (i < word.length) found[word.slice(0, i) + LETTERS[c] + word.slice(i + 1)] = true;
          found[word.slice(0, i) + LETTERS[c] + word.slice(i)] = true;
        }
      }
    }
    delete found[word];
    var terms = {};
    Object.keys(found).forEach(function (w) { if (w.length > 1) terms[stemOf(w)] = true; });
    return Object.keys(terms).filter(function (t) { return t && known(t); }).sort();
  }

  function held(tier, term) {
    var n = shardOf(tier, term);
    return n !== undefined && shards[tier + "-" + n] ? shards[tier + "-" + n].has(term) : false;
  }

  // Whether the second tier has the term: its shard if read, else the first tier's shard of the term
  // (read first), which lists the second tier's terms of its prefixes (more_terms in search.py).
  function bodyKnows(term) {
    var n = shardOf("body", term);
    if (n === undefined) return false;
    if (shards["body-" + n]) return shards["body-" + n].has(term);
    var i = shardOf("index", term);
    return i === undefined || !shards["index-" + i] || shards["index-" + i].more.has(term);
  }

  function load(tier, asked) {
    // the shards of a tier the asked terms need (a word being typed: every shard it may continue into)
    var needed = {};
    asked.forEach(function (a) {
      if (a.wildcard) prefixShards(tier, a.term).forEach(function (n) { needed[n] = true; });
      else if (shardOf(tier, a.term) !== undefined) needed[shardOf(tier, a.term)] = true;
    });
    return Promise.all(Object.keys(needed).map(function (n) { return shard(tier, Number(n)); }));
  }

  function run(query, options) {
    var chosen = currentFilters();
    var keep = function (ref) { return kept(ref, chosen); };
    var words = queryWords(query);
    var terms = words.map(function (w) { return w.term; });
    if (!terms.length) return Promise.resolve({ terms: [], hits: [] });
    var partial = options.partial ? words[words.length - 1] : null;
    var fuzzyFrom = manifest.fuzzyMinLetters || 5;
    var asked = [];
    words.forEach(function (w) {
      asked.push({ word: w.term, term: w.term, boost: 1, wildcard: false });
      if (partial === w) asked.push({ word: w.term, term: w.term, boost: 0.3, wildcard: true });
    });
    // One round for the first tier's shards of the words (a word whose prefix no title, tag or summary
    // has: its body shard at once), then at most one for the rest, each round's files fetched together.
    var bodyOnly = asked.filter(function (a) { return !a.wildcard && shardOf("index", a.term) === undefined; });
    return Promise.all([load("index", asked), load("body", bodyOnly)]).then(function () {
      // A word in no title, tag or summary may be in a body (its first-tier shard says: bodyKnows);
      // a word in no tier (a typo?) of five letters or more: its neighbours that are.
      words.forEach(function (w) {
        if (!held("index", w.term) && !bodyKnows(w.term) && partial !== w && w.word.length >= fuzzyFrom) {
          neighbours(w.word).forEach(function (t) { asked.push({ word: w.term, term: t, boost: 0.5, wildcard: false, typo: true }); });
        }
      });
      // A word (not being typed) in no title, tag or summary and with no neighbour asked there: no
      // document has every word in the first tier, the bodies will be read; their shards now.
      var bodies = words.some(function (w) {
        return partial !== w && !held("index", w.term) && !asked.some(function (a) { return a.typo && a.word === w.term; });
      });
      var unsure = asked.filter(function (a) { return !a.wildcard && !a.typo && !held("index", a.term) && bodyKnows(a.term); });
      return Promise.all([load("index", asked), load("body", bodies ? asked : unsure)]);
    }).then(function () {
      // Each word by itself: a document is ranked by how many of the query's words it has,
      // then by how many of them are in its title, then by its BM25 score (rank in search.py).
      var hits = new Hits(manifest.docCount), state = { exact: false };
      ask("index", asked, hits, state);
      var complete = 0;
      hits.refs.forEach(function (ref) { if (hits.count[ref] === words.length && keep(ref)) complete++; });
      if (complete >= (manifest.page || PAGE) && !options.full) return { hits: hits, state: state, bodyRead: false };
      return load("body", asked).then(function () {
        ask("body", asked, hits, state);
        return { hits: hits, state: state, bodyRead: true };
      });
    }).then(function (found) {
      var hits = found.hits, count = hits.count, titled = hits.titled, score = hits.score;
      var list = hits.refs.filter(keep);
      list.sort(function (a, b) { return count[b] - count[a] || titled[b] - titled[a] || score[b] - score[a] || a - b; });
      return { terms: terms, hits: list, found: hits, approximate: !found.state.exact && list.length > 0, bodyRead: found.bodyRead, partial: options.partial };
    });
  }

  // The documents a query found, by document number: their scores summed over the asked terms, how
  // many of the query's words each has and how many of them in its title (what rank in search.py
  // sorts by), whether it has one elsewhere than in its attached files; the terms asked of each shard,
  // for the words to mark in a result shown.
  function Hits(size) {
    this.refs = [];  // in the order first found
    this.found = new Uint8Array(size);
    this.score = new Float64Array(size);
    this.count = new Uint16Array(size);
    this.titled = new Uint16Array(size);
    this.notFiles = new Uint8Array(size);
    this.words = {};  // query word → its documents: 1, in the title too: 3
    this.asked = [];  // [shard, terms]
  }

  // One term's documents (from termScores or prefixScores): each one's score added to its sum.
  Hits.prototype.add = function (word, refs, score, flags) {
    var has = this.words[word] = this.words[word] || new Uint8Array(this.found.length);
    for (var i = 0; i < refs.length; i++) {
      var ref = refs[i];
      if (!this.found[ref]) { this.found[ref] = 1; this.refs.push(ref); }
      this.score[ref] += score[ref];
      if (!has[ref]) { has[ref] = 1; this.count[ref]++; }
      if (flags[ref] & TITLE && has[ref] !== 3) { has[ref] = 3; this.titled[ref]++; }
      if (flags[ref] & NOT_FILES) this.notFiles[ref] = 1;
    }
  };

  // What a result shows: the terms it was found by (in a shard asked), and whether only in its files.
  Hits.prototype.describe = function (ref) {
    var matched = {};
    this.asked.forEach(function (entry) {
      var index = entry[0];
      entry[1].forEach(function (term) {
        var posting = index.posting(term);
        if (posting.refs.some(function (docs) { return docs[lowerBound(docs, ref)] === ref; })) matched[term] = true;
      });
    });
    return { ref: ref, matched: matched, inFiles: !this.notFiles[ref] };
  };

  var TITLE = 1, NOT_FILES = 2;
  var scratch = null;  // one term's documents, reused from term to term: {seen, stamp, score, flags}

  // Each asked term in the shards of a tier: the documents that have it, each with the score lunr's
  // Index#query gives a query of that term alone (search_files in search.py queries lunr.py so), by the
  // same floating-point operations in the same order, so that equal scores stay equal and the order
  // is the one search.py gives. A document's score for one term is its score in each field that has
  // it, added in the order of the fields (the boost of a term without wildcard cancels out: lunr divides
  // by the query vector's magnitude); for a word being typed, see prefixScores.
  function ask(tier, asked, hits, state) {
    asked.forEach(function (a) {
      var numbers = a.wildcard ? prefixShards(tier, a.term) : [shardOf(tier, a.term)];
      numbers.forEach(function (n) {
        var index = n === undefined ? null : shards[tier + "-" + n];
        if (!index || (!a.wildcard && !index.has(a.term))) return;
        if (!a.typo) state.exact = true;
        if (a.wildcard) {
          var found = prefixScores(index, a.term, a.boost);
          hits.add(a.word, found.refs, found.score, found.flags);
          hits.asked.push([index, found.terms]);
        } else {
          var refs = termScores(index, a.term);
          hits.add(a.word, refs, scratch.score, scratch.flags);
          hits.asked.push([index, [a.term]]);
        }
      });
    });
  }

  // The documents of one term, in the order first met; their scores and flags in ``scratch``.
  function termScores(index, term) {
    var size = manifest.docCount;
    if (!scratch || scratch.seen.length !== size) scratch = { seen: new Uint32Array(size), stamp: 0, score: new Float64Array(size), flags: new Uint8Array(size) };
    var seen = scratch.seen, stamp = ++scratch.stamp, score = scratch.score, flags = scratch.flags;
    var posting = index.posting(term), refs = [];
    for (var f = 0; f < index.fields.length; f++) {
      var field = index.fields[f], docs = posting.refs[f], scores = posting.scores[f];
      var flag = (field === "title" ? TITLE : 0) | (field !== "files" ? NOT_FILES : 0);
      for (var i = 0; i < docs.length; i++) {
        var ref = docs[i];
        if (seen[ref] !== stamp) {
          seen[ref] = stamp;
          refs.push(ref);
          score[ref] = scores[i];
          flags[ref] = flag;
        } else {
          score[ref] += scores[i];
          flags[ref] |= flag;
        }
      }
    }
    return refs;
  }

  // A word being typed (« prefix* » in lunr): every term of the shard that starts with it. lunr scores
  // each field of a document by the dot product of the query vector (boost for each such term, in the
  // order of term numbers) with the field's vector, divided by the query vector's magnitude, then adds
  // the fields' scores in the order it first met each field of the document.
  function prefixScores(index, prefix, boost) {
    var terms = index.startingWith(prefix), refs = [], score = {}, flags = {};
    var sumOfSquares = 0;
    for (var k = 0; k < terms.length; k++) sumOfSquares += boost * boost;
    var magnitude = Math.sqrt(sumOfSquares);
    var order = [], dots = {};  // each field of each document, as first met; its dot product
    terms.forEach(function (term) {
      var posting = index.posting(term);
      for (var f = 0; f < index.fields.length; f++) {
        var docs = posting.refs[f];
        for (var i = 0; i < docs.length; i++) {
          var key = f + "/" + docs[i];
          if (dots[key] === undefined) { dots[key] = 0; order.push([docs[i], f, key]); }
        }
      }
    });
    terms.map(function (term) { return index.posting(term); }).sort(function (a, b) { return a.number - b.number; }).forEach(function (posting) {
      for (var f = 0; f < index.fields.length; f++) {
        var docs = posting.refs[f], scores = posting.scores[f];
        for (var i = 0; i < docs.length; i++) {
          var ref = docs[i];
          dots[f + "/" + ref] += boost * scores[i];
          flags[ref] = (flags[ref] || 0) | (index.fields[f] === "title" ? TITLE : 0) | (index.fields[f] !== "files" ? NOT_FILES : 0);
        }
      }
    });
    order.forEach(function (entry) {
      var ref = entry[0], value = dots[entry[2]] / magnitude || 0;
      if (score[ref] === undefined) { refs.push(ref); score[ref] = value; } else score[ref] += value;
    });
    return { refs: refs, score: score, flags: flags, terms: terms };
  }

  function kept(ref, state) {
    if (!facets) return true;  // no filter chosen: facets.json was not needed
    if (state.type && facets.kindNames[facets.kinds[ref]] !== state.type) return false;
    return ["theme", "region", "reseau"].every(function (name) {
      if (!state[name]) return true;
      var facet = facets.facets[name];
      return facet.docs[ref].indexOf(facet.values.indexOf(state[name])) >= 0;
    });
  }

  function currentFilters() {
    var state = {};
    filters.forEach(function (f) { state[f] = form.elements[f].value; });
    return state;
  }

  function highlight(container, text, matched) {
    // split into words and separators; a word whose analysed form was matched is marked
    text.split(/([\s\-.,;:!?«»()'"’]+)/).forEach(function (part) {
      var terms = part ? analyse(part) : [];
      var hit = terms.length === 1 && Object.keys(matched).some(function (m) { return terms[0] === m || (terms[0].indexOf(m) === 0 && m.length > 2); });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        container.appendChild(mark);
      } else if (part) {
        container.appendChild(document.createTextNode(part));
      }
    });
  }

  function snippet(text, matched) {
    var words = text.split(/[ \t\n\r]+/);  // plain spaces: a non-breaking one (« agir\u202f? ») stays in its word
    var first = 0;
    for (var i = 0; i < words.length; i++) {
      var t = analyse(words[i]);
      if (t.length && matched[t[0]]) { first = Math.max(0, i - 8); break; }
    }
    var piece = words.slice(first, first + 36).join(" ");
    return (first > 0 ? "… " : "") + piece + (first + 36 < words.length ? " …" : "");
  }

  var PAGE = 10;

  var FIRST = 5;  // a phone's first screen: shown as soon as their text is here, the rest of the page follows

  function chunksOf(hits, later) {
    var numbers = {};
    hits.forEach(function (ref) { numbers[Math.floor(ref / manifest.docsPerChunk)] = true; });
    return Promise.all(Object.keys(numbers).map(function (n) { return chunk(Number(n), later); }));
  }

  function item(h) {
    var doc = chunks[Math.floor(h.ref / manifest.docsPerChunk)][h.ref % manifest.docsPerChunk];
    var li = document.createElement("li");
    var meta = document.createElement("p");
    meta.className = "rrma-card__meta";
    var badge = document.createElement("span");
    badge.className = "rrma-badge";
    badge.textContent = KINDS[doc[1]] || doc[1];
    meta.appendChild(badge);
    if (doc[3]) meta.appendChild(document.createTextNode(" · " + doc[3]));
    // found only in the text of an attached file: said, since the page itself may not show the words
    if (h.inFiles) meta.appendChild(document.createTextNode(" · dans le document"));
    var title = document.createElement("p");
    title.className = "rrma-hit__title";
    var a = document.createElement("a");
    a.href = base + "../" + doc[0];
    highlight(a, doc[2], h.matched);
    title.appendChild(a);
    var text = document.createElement("p");
    highlight(text, snippet(doc[4], h.matched), h.matched);
    li.appendChild(meta);
    li.appendChild(title);
    li.appendChild(text);
    return li;
  }

  function moreButton(result, query, approximate, shown) {
    var n = result.hits.length;
    // past the results of the titles, themes and summaries: the texts of the pages, on request
    var deeper = n <= shown && !result.bodyRead;
    if (n <= shown && !deeper) return;
    var li = document.createElement("li");
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button";
    var extra = Math.min(PAGE, n - shown);
    more.textContent = deeper ? "Chercher aussi dans le texte des pages" : "Afficher " + extra + (extra > 1 ? " résultats" : " résultat") + " de plus";
    // the results on screen (fewer than ``shown`` on the last page): the focus goes to the first one past them
    var visible = Math.min(shown, n);
    more.addEventListener("click", function () {
      var next = deeper ? run(query, { partial: result.partial, full: true }) : Promise.resolve(result);
      next.then(function (r) { return render(r, query, r.approximate, visible + PAGE); }).then(function () {
        var next = list.children[visible];
        if (next) { var link = next.querySelector("a"); if (link) link.focus(); }
      });
    });
    li.appendChild(more);
    list.appendChild(li);
  }

  function render(result, query, approximate, shown) {
    var mine = generation;
    var first = !shown;
    shown = shown || PAGE;
    var top = result.hits.slice(0, shown);
    var head = first ? top.slice(0, FIRST) : top;
    list.setAttribute("aria-busy", "true");  // until the whole page of results is there
    return chunksOf(head).then(function () {
      if (mine !== generation) return null;
      list.textContent = "";
      head.forEach(function (ref) { list.appendChild(item(result.found.describe(ref))); });
      var n = result.hits.length;
      noResult.hidden = n > 0;
      status.textContent = n === 0
        ? "Aucun résultat pour «\u00a0" + query + "\u00a0»."
        : (approximate ? "Aucun résultat exact\u202f; " + n + " résultat" + (n > 1 ? "s" : "") + " approchant" + (n > 1 ? "s" : "") + " pour «\u00a0" + query + "\u00a0»."
          : n + " résultat" + (n > 1 ? "s" : "") + (result.bodyRead === false ? " dans les titres, thèmes et résumés" : "") + " pour «\u00a0" + query + "\u00a0»"
            + (n > shown ? " (les " + shown + " premiers sont affichés)." : "."));
      var rest = top.slice(head.length);
      return chunksOf(rest, true).then(function () {
        if (mine !== generation) return;
        rest.forEach(function (ref) { list.appendChild(item(result.found.describe(ref))); });
        moreButton(result, query, approximate, shown);
        list.setAttribute("aria-busy", "false");
      }, function () { /* given up for a newer query */ });
    });
  }

  function search(options) {
    var query = input.value.trim();
    var mine = ++generation;
    abandon();
    list.setAttribute("aria-busy", "true");
    writeState(options.push);
    if (!query) {
      list.textContent = "";
      list.setAttribute("aria-busy", "false");
      status.textContent = "";
      noResult.hidden = true;
      return Promise.resolve();
    }
    var filtered = filters.some(function (f) { return form.elements[f].value; });
    return loadManifest().then(function () {
      return filtered && !facets ? getJSON("facets.json").then(function (data) { facets = data; }) : null;
    }).then(function () {
      return run(query, { partial: options.partial });
    }).then(function (result) {
      if (mine !== generation) return null;  // a newer query is on its way
      return render(result, query, result.approximate);
    }).then(prefetch).catch(function () {
      list.setAttribute("aria-busy", "false");
      status.textContent = "La recherche n'a pas pu être chargée. Vérifiez votre connexion puis réessayez.";
    });
  }

  var queue = null;

  function prefetch() {
    // After a first answer, the rest of a small index is fetched so later queries work
    // offline: one file at a time, in idle moments, never while a query is being answered.
    if (!manifest.prefetch || queue) return;
    queue = [];
    // every result's text first, in one file (PREFETCH_DOCS in search.py), not one request per result:
    // the next queries need no file for the results they show, only their words' shards
    queue.push(function () {
      return getJSON("docs-all.json").then(function (rows) {
        for (var c = 0; c * manifest.docsPerChunk < rows.length; c++) {
          chunks[c] = chunks[c] || rows.slice(c * manifest.docsPerChunk, (c + 1) * manifest.docsPerChunk);
        }
      });
    });
    // then every shard of both tiers, in one file too (PREFETCH_SHARDS)
    queue.push(function () { return getJSON("shards-all.json").then(function (data) { prefetched = data; }); });
    queue.push(function () { return getJSON("facets.json").then(function (data) { facets = facets || data; }); });
    idle(step);
  }

  function idle(fn) {
    return window.requestIdleCallback ? window.requestIdleCallback(fn, { timeout: 2000 }) : window.setTimeout(fn, 50);
  }

  function step() {
    if (!queue.length) return;
    if (list.getAttribute("aria-busy") === "true") { window.setTimeout(function () { idle(step); }, 100); return; }
    queue.shift()().then(function () { idle(step); }, function () { idle(step); });
  }

  function readState() {
    var query = new URLSearchParams(window.location.search);
    var state = { q: query.get("q") || "" };
    filters.forEach(function (f) { state[f] = query.get(f) || ""; });
    return state;
  }

  function applyFilters(state) {
    filters.forEach(function (f) { form.elements[f].value = state[f]; });
    if (filters.some(function (f) { return state[f]; })) form.querySelector(".rrma-search-filters").open = true;
  }

  function applyState(state, run) {
    input.value = state.q;
    applyFilters(state);
    if (run) search({ push: false });
  }

  function writeState(push) {
    var query = new URLSearchParams();
    if (input.value.trim()) query.set("q", input.value.trim());
    filters.forEach(function (f) { if (form.elements[f].value) query.set(f, form.elements[f].value); });
    var url = window.location.pathname + (query.toString() ? "?" + query.toString() : "");
    // The address of the query sent, a moment later: a change of address (a navigation within the
    // page) takes milliseconds that the first results need more; the changes keep their order.
    window.setTimeout(function () { window.history[push ? "pushState" : "replaceState"](null, "", url); }, 0);
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search({ partial: true, push: false }); }, 150);
  });
  // Enter within 150 ms of the last letter: the query typed is answered once (a second answer, of the
  // word as if still being typed, once replaced the page of results the visitor had begun to read)
  form.addEventListener("submit", function (event) { event.preventDefault(); window.clearTimeout(timer); search({ push: true }); });
  // a filter chosen replaces the address: arrow keys go through a list's options one change at a time
  form.addEventListener("change", function (event) { if (event.target !== input) search({ push: false }); });
  window.addEventListener("popstate", function () { applyState(readState(), true); });
  var initial = readState();
  input.value = initial.q;
  if (initial.q || filters.some(function (f) { return initial[f]; })) {
    loadManifest().then(function () { applyState(initial, true); });
  }
})();
