/** A referenced report named by an article ("Sources: 1. ... 2. ..."). */
export interface SourceRef {
  readonly title: string;
  readonly url?: string;
}

/** What a block of an article is: its own paragraph, or its editorial extras. */
export type BlockKind = "paragraph" | "key-point" | "source";

/** A block of text of an article, numbered within its kind from 1. */
export interface Block {
  readonly kind: BlockKind;
  readonly number: number;
  readonly text: string;
  /** Line of the block in the article's file, for error messages. */
  readonly line: number;
}

/** One article of the corpus, as read from its Markdown file. */
export interface Article {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  /** ISO 8601 date, `YYYY-MM-DD` or `YYYY-MM` when only the month is known. */
  readonly published: string;
  readonly outlet?: string;
  /** Path relative to the corpus directory. */
  readonly file: string;
  /** Paragraphs first, then key points, then sources, each numbered from 1. */
  readonly blocks: readonly Block[];
}

export type EntityKind = "organisation" | "person" | "place" | "term";

/** A statement in an article that designates an entity, checked to appear in that article. */
export interface Designation {
  readonly article: string;
  /** Words of the article that make the designation, quoted verbatim (case and spacing aside). */
  readonly quote: string;
  /** What it was designated as, for example "foreign terrorist organisation". */
  readonly as: string;
  /** Who designated it, as the text names them. */
  readonly authority?: string;
  /** When, as the text gives it. */
  readonly date?: string;
}

/** An organisation, person, place or term, with the other names the corpus uses for it. */
export interface Entity {
  readonly name: string;
  readonly kind: EntityKind;
  readonly aliases: readonly string[];
  readonly designations: readonly Designation[];
  /** Line of the entry in the entities file. */
  readonly line: number;
}
