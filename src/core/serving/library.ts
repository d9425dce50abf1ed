import { createHash } from "node:crypto";
import { answerQuestion } from "../answering/answer.ts";
import type { Answer, AskOptions } from "../answering/answer-types.ts";
import { type CandidateDecision, candidateDecisions } from "../answering/decision.ts";
import { type DesignatedOrganisation, resolveDesignations } from "../answering/designations.ts";
import { MAX_QUESTION_CHARS } from "../answering/question/normalise.ts";
import { mayBeForeign } from "../answering/question/understand.ts";
import { type AnswerContext, type RankedQuestion, rankQuestion } from "../answering/ranking.ts";
import { type Diagnostic, hasErrors, warningsOf } from "../corpus/diagnostics.ts";
import type { Corpus } from "../corpus/parse.ts";
import { type Passage, passagesOf } from "../corpus/passages.ts";
import type { Article, Entity } from "../corpus/types.ts";
import { AliasTable } from "../search/aliases.ts";
import { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "../search/index-options.ts";
import { PassageIndex, type PassageIndexData } from "../search/passage-index.ts";
import { containsPhrase, fold, terms } from "../text/index.ts";
import { generalLexicon } from "../text/lexicon/index.ts";
import {
  detectLanguage,
  languageDetectorLoaded,
  languageName,
  loadLanguageDetector,
} from "../text/lexicon/language.ts";

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
  private readonly context: AnswerContext;
  private exampleQuestions: readonly string[] | undefined;
  private corpusLanguage: string | undefined;

  private constructor(
    readonly data: LibraryData,
    private readonly index: PassageIndex,
  ) {
    const people = new Set(
      data.entities
        .filter((e) => e.kind === "person")
        .flatMap((e) => [e.name, ...e.aliases].map((n) => terms(n).at(-1)))
        .filter((t): t is string => t !== undefined),
    );
    this.context = {
      index,
      aliases: new AliasTable(data.entities, generalLexicon()),
      designations: data.designations,
      people,
      examples: () => this.examples(),
      foreignLanguage: (question) => this.foreignLanguage(question),
    };
  }

  /** Builds a library from a checked corpus; throws if the corpus has errors. */
  static build(corpus: Corpus, options: IndexOptions = DEFAULT_INDEX_OPTIONS): Library {
    if (hasErrors(corpus.diagnostics)) {
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
      warnings: warningsOf(corpus.diagnostics),
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

  /**
   * Answers a question from the articles. Asynchronous only because a question that may be in
   * another language loads the language detector first, once.
   */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    if (!languageDetectorLoaded() && this.mayBeForeign(question)) await loadLanguageDetector();
    return answerQuestion(this.context, question, options);
  }

  private mayBeForeign(question: string): boolean {
    return mayBeForeign(question, (word) => this.index.frequency(terms(word)[0] ?? word) > 0);
  }

  /** The question's language and the articles', when they differ and the detector is sure of both. */
  private foreignLanguage(question: string): { question: string; articles: string } | undefined {
    if (!languageDetectorLoaded() || !this.mayBeForeign(question)) return undefined;
    const asked = detectLanguage(question);
    this.corpusLanguage ??=
      detectLanguage(
        this.data.passages
          .slice(0, 40)
          .map((p) => p.text)
          .join(" ")
          .slice(0, 4000),
      ) ?? "en";
    if (!asked || asked === this.corpusLanguage) return undefined;
    return { question: languageName(asked), articles: languageName(this.corpusLanguage) };
  }

  /**
   * Questions this library answers, for the help reply: about the people and organisations its
   * entities name, and its designations; checked by answering them, computed once.
   */
  examples(): readonly string[] {
    if (this.exampleQuestions) return this.exampleQuestions;
    const candidates: string[] = [];
    if (this.data.designations.length > 0)
      candidates.push("Which organisations were designated as terrorist organisations?");
    for (const entity of this.data.entities) {
      if (entity.kind === "person") candidates.push(`Who is ${entity.name}?`);
      else if (entity.kind === "organisation")
        candidates.push(`What do the articles say about ${entity.name}?`);
    }
    const answered = candidates
      .filter((q) => q.length <= MAX_QUESTION_CHARS)
      .slice(0, 12)
      .map((q) => ({ q, answer: answerQuestion(this.context, q, { top: 1 }) }))
      .filter(({ answer }) => answer.answered && answer.outcome !== "small-talk")
      .sort((a, b) => (b.answer.passages[0]?.confidence ?? 0) - (a.answer.passages[0]?.confidence ?? 0));
    this.exampleQuestions = answered.slice(0, 2).map(({ q }) => q);
    return this.exampleQuestions;
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
    return rankQuestion(this.context, question);
  }

  /** The best candidates of a question's first part, as the answer decision reads them: for tuning. */
  decisions(question: string): CandidateDecision[] {
    return candidateDecisions(this.context, question);
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
