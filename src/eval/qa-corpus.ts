import { createHash } from "node:crypto";
import type { Article, Corpus } from "../core/index.ts";
import type { QaPassage } from "./qa-set.ts";

/**
 * A corpus made of an evaluation set's passages: each passage becomes a one-paragraph article whose id
 * is the passage id, so that a hit's `citation.docId` can be compared with the gold `passageIds`.
 */
export function corpusFromPassages(passages: readonly QaPassage[]): Corpus {
  const hash = createHash("sha256");
  const articles: Article[] = passages.map((p) => {
    hash.update(p.id).update("\0").update(p.text).update("\0");
    return {
      id: p.id,
      title: p.title,
      published: "",
      file: `${p.id}.md`,
      blocks: [{ kind: "paragraph", number: 1, text: p.text, line: 1 }],
    };
  });
  return { articles, entities: [], fingerprint: hash.digest("hex"), diagnostics: [] };
}
