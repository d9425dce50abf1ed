import { createHash } from "node:crypto";
import { type Answer, type AskOptions, answerQuestion, type RankedQuestion, rankQuestion } from "./answer.ts";
import type { Diagnostic } from "./corpus/diagnostics.ts";
import type { Corpus } from "./corpus/parse.ts";
import type { Article, Entity } from "./corpus/types.ts";
import { type DesignatedOrganisation, resolveDesignations } from "./designations.ts";
import { type Passage, passagesOf } from "./passages.ts";
import { AliasTable } from "./search/aliases.ts";
import { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "./search/index-options.ts";
import { PassageIndex, type PassageIndexData } from "./search/passage-index.ts";
import { containsPhrase, fold } from "./text/index.ts";

/** What the library keeps of an article once its passages are cut. */
export interface ArticleSummary {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly published: string;
  readonly outlet?: string;
  readonly file: string;
  readonly passages: number;
  /** Hash of the article's content, to tell what a refresh changed. */
  readonly hash: string;
}

/** Everything a library is made of, in plain data: what a snapshot stores. */
export interface LibraryData {
  readonly fingerprint: string;
  readonly articles: readonly ArticleSummary[];
  readonly passages: readonly Passage[];
  readonly entities: readonly Entity[];
  readonly designations: readonly DesignatedOrganisation[];
  readonly warnings: readonly Diagnostic[];
  readonly index: PassageIndexData;
}

/** An organisation with every passage that names it. */
export interface OrganisationDetails {
  readonly organisation: DesignatedOrganisation;
  readonly mentions: readonly Passage[];
}

function hashArticle(article: Article): string {
  return createHash("sha256").update(JSON.stringify(article)).digest("hex").slice(0, 16);
}

/**
 * A searchable corpus: its passages, index, entities and designations. Immutable, so that a refresh
 * builds a new library beside the one serving and swaps it in whole.
 */
export class Library {
  private readonly aliases: AliasTable;

  private constructor(
    readonly data: LibraryData,
    private readonly index: PassageIndex,
  ) {
    this.aliases = new AliasTable(data.entities);
  }

  /** Builds a library from a checked corpus; throws if the corpus has errors. */
  static build(corpus: Corpus, options: IndexOptions = DEFAULT_INDEX_OPTIONS): Library {
    if (corpus.diagnostics.some((d) => d.severity === "error")) {
      throw new Error("storydesk: cannot build a library from a corpus with errors");
    }
    const articles = new Map(corpus.articles.map((a) => [a.id, a]));
    const passages: Passage[] = [];
    const summaries: ArticleSummary[] = [];
    for (const article of corpus.articles) {
      const own = passagesOf(article);
      passages.push(...own);
      summaries.push({
        id: article.id,
        title: article.title,
        url: article.url ?? null,
        published: article.published,
        ...(article.outlet === undefined ? {} : { outlet: article.outlet }),
        file: article.file,
        passages: own.length,
        hash: hashArticle(article),
      });
    }
    const index = PassageIndex.build(passages, options);
    const data: LibraryData = {
      fingerprint: corpus.fingerprint,
      articles: summaries,
      passages,
      entities: corpus.entities,
      designations: resolveDesignations(corpus.entities, articles, passages),
      warnings: corpus.diagnostics.filter((d) => d.severity === "warning"),
      index: index.toData(),
    };
    return new Library(data, index);
  }

  static fromData(data: LibraryData): Library {
    return new Library(data, PassageIndex.fromData(data.passages, data.index));
  }

  /** Short id of the corpus content, shown in replies so that readers can tell versions apart. */
  get version(): string {
    return this.data.fingerprint.slice(0, 12);
  }

  get stats(): { documents: number; passages: number; entities: number; designated: number } {
    return {
      documents: this.data.articles.length,
      passages: this.data.passages.length,
      entities: this.data.entities.length,
      designated: this.data.designations.length,
    };
  }

  ask(question: string, options: AskOptions = {}): Answer {
    return answerQuestion(this.index, this.aliases, question, options);
  }

  /**
   * Builds the spelling suggestions a slice at a time, for a long-running server: without it the
   * first misspelled question builds them all and delays every question behind it.
   */
  prepareSuggestions(signal?: AbortSignal): Promise<void> {
    return this.index.prepareSuggestions(signal);
  }

  /** The question's candidates, re-ranked, with their signals: for evaluation and tuning. */
  rank(question: string): RankedQuestion {
    return rankQuestion(this.index, this.aliases, question);
  }

  designations(): readonly DesignatedOrganisation[] {
    return this.data.designations;
  }

  /** A designated organisation by name or alias (case and accents ignored), with the passages naming it. */
  organisation(name: string): OrganisationDetails | undefined {
    const wanted = fold(name).trim();
    const organisation = this.data.designations.find((o) =>
      [o.name, ...o.aliases].some((n) => fold(n) === wanted),
    );
    if (!organisation) return undefined;
    const names = [organisation.name, ...organisation.aliases];
    const mentions = this.data.passages.filter((p) => names.some((n) => containsPhrase(p.text, n)));
    return { organisation, mentions };
  }
}
