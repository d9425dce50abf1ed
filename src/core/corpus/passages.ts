import { cutAtSentences } from "../text/sentences.ts";
import type { Article, BlockKind } from "./types.ts";

/** Paragraphs longer than this are cut at sentence boundaries; it also keeps a passage within one embed field. */
export const MAX_PASSAGE_CHARS = 900;

/** Where a passage comes from, in the words a reader checks it by. */
export interface Citation {
  readonly docId: string;
  readonly title: string;
  /** Paragraph number in the article, or `null` for key points and sources, which are not paragraphs. */
  readonly paragraph: number | null;
  /** Which block: a paragraph of the story, one of its key points, or a source it names. */
  readonly kind: BlockKind;
  /** The block's number within its kind, from 1. */
  readonly number: number;
  /** Part of a paragraph that was cut into several passages, from 1; absent when whole. */
  readonly part?: number;
  /** "paragraph 4", "paragraph 4, part 2", "key point 1", "source 3". */
  readonly label: string;
  readonly url: string | null;
  readonly published: string;
  readonly outlet?: string;
}

/** A piece of an article that can be searched, shown and cited on its own. */
export interface Passage {
  /** Stable across edits elsewhere in the corpus: `article-id#p4`, `#p4.2` for a part, `#k1`, `#s3`. */
  readonly id: string;
  readonly text: string;
  readonly citation: Citation;
}

const ID_LETTER: Record<BlockKind, string> = { paragraph: "p", "key-point": "k", source: "s" };
const LABEL: Record<BlockKind, string> = {
  paragraph: "paragraph",
  "key-point": "key point",
  source: "source",
};

/** Splits an article into passages: one per block, long paragraphs cut at sentence boundaries. */
/** What a citation takes from its article. */
export interface CitedArticle {
  readonly id: string;
  readonly title: string;
  readonly url?: string | null | undefined;
  readonly published: string;
  readonly outlet?: string | undefined;
}

/** The passage of `article` made of `text`: block `kind` number `number`, part `part` when cut. */
export function makePassage(
  article: CitedArticle,
  kind: BlockKind,
  number: number,
  part: number | undefined,
  text: string,
): Passage {
  const base = `${LABEL[kind]} ${number}`;
  return {
    id: `${article.id}#${ID_LETTER[kind]}${number}${part === undefined ? "" : `.${part}`}`,
    text,
    citation: {
      docId: article.id,
      title: article.title,
      paragraph: kind === "paragraph" ? number : null,
      kind,
      number,
      ...(part === undefined ? {} : { part }),
      label: part === undefined ? base : `${base}, part ${part}`,
      url: article.url ?? null,
      published: article.published,
      ...(article.outlet === undefined ? {} : { outlet: article.outlet }),
    },
  };
}

export function passagesOf(article: Article): Passage[] {
  const passages: Passage[] = [];
  for (const block of article.blocks) {
    // Sources are report titles; paragraphs and key points are prose, cut at sentences when long.
    const pieces = block.kind === "source" ? [block.text] : cutAtSentences(block.text, MAX_PASSAGE_CHARS);
    pieces.forEach((text, i) => {
      passages.push(
        makePassage(article, block.kind, block.number, pieces.length > 1 ? i + 1 : undefined, text),
      );
    });
  }
  return passages;
}
