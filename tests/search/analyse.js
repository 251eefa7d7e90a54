// Runs lunr-languages' French search pipeline (the browser's) on words read from stdin, one per line.
const path = require("path");
const modules = process.argv[2];
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages", "lunr.fr.js"))(lunr);
const pipeline = lunr.Pipeline.load(["trimmer-fr", "accentFold-fr", "stemmer-fr"]);
lunr.tokenizer.separator = /[\s\-'\u2019]+/; // as search.js does
const words = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
const out = words.map((w) => pipeline.run(lunr.tokenizer(w)).map(String).filter(Boolean).join(" "));
process.stdout.write(JSON.stringify(out));
