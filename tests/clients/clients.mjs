// The clients people use, on the archive's real output (tests/clients/test_*.py drive this).
// Reads one JSON request on standard input, writes one JSON answer on standard output.
//
//   {"task": "cite", "locale": "<xml>", "styles": {"name": "<xml>"}, "items": [CSL-JSON]}
//     -> {"name": {"<id>": {"bibliography": "...", "note": "..."}}}   (citeproc-js, as Zotero)
//   {"task": "ris", "files": ["<ris>"]}
//     -> [{"astrocite": [CSL-JSON] | {"error": "..."}, "citationjs": [CSL-JSON] | {"error": "..."}}]
import { readFileSync } from "node:fs";
import CSL from "citeproc";
import { parse as astrociteRis } from "astrocite-ris";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";

function cite(request) {
  const items = Object.fromEntries(request.items.map((item) => [String(item.id), item]));
  const answer = {};
  for (const [name, style] of Object.entries(request.styles)) {
    const sys = {
      retrieveLocale: () => request.locale,
      retrieveItem: (id) => items[String(id)],
    };
    const engine = new CSL.Engine(sys, style, "en-US");
    engine.setOutputFormat("text");
    const rendered = {};
    for (const id of Object.keys(items)) {
      engine.updateItems([id]);
      const [, entries] = engine.makeBibliography() || [null, []];
      const cluster = { citationItems: [{ id }], properties: { noteIndex: 1 } };
      const note = engine.previewCitationCluster(cluster, [], [], "text");
      rendered[id] = { bibliography: entries.join("").trim(), note: note.trim() };
    }
    answer[name] = rendered;
  }
  return answer;
}

function attempt(read) {
  try {
    return read();
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
}

function ris(request) {
  return request.files.map((file) => ({
    astrocite: attempt(() => astrociteRis(file)),
    citationjs: attempt(() => new Cite(file, { forceType: "@ris/file" }).data),
  }));
}

const request = JSON.parse(readFileSync(0, "utf8"));
const tasks = { cite, ris };
process.stdout.write(JSON.stringify(tasks[request.task](request)));
