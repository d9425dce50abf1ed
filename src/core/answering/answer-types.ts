import type { Citation } from "../corpus/passages.ts";
import type { DesignatedOrganisation } from "./designations.ts";
import type { Correction, RelatedSearch } from "./query-plan.ts";

export type { Correction, RelatedSearch } from "./query-plan.ts";

export const DEFAULT_TOP = 3;

export const MAX_TOP = 10;

export interface AskOptions {
  /** How many passages to return, 1 to 10. Default 3. */
  readonly top?: number;
  /**
   * Override of the confidence a passage needs to count as an answer (0 to 1), for evaluation; by
   * default the abstention model's own threshold.
   */
  readonly minConfidence?: number;
}

/** A passage in an answer, with the reasons it was chosen. */
export interface AnswerPassage {
  readonly id: string;
  readonly text: string;
  /** Re-ranking score, comparable only within one answer. */
  readonly score: number;
  /** Share of the question's weight this passage covers, 0 to 1. */
  readonly coverage: number;
  /** The abstention model's probability that this passage answers the question, 0 to 1. */
  readonly confidence: number;
  readonly citation: Citation;
}

/** The sentence that best answers the question, with the question's words marked. */
export interface AnswerSentence {
  readonly text: string;
  /** `[start, end)` offsets into `text` of the words that match the question. */
  readonly highlights: ReadonlyArray<readonly [number, number]>;
  readonly passageId: string;
  readonly citation: Citation;
}

/**
 * What storydesk made of a question:
 * - `answered`: passages answer it (a question in two parts, one answered, is answered);
 * - `detail-missing`: the articles speak of what it asks about, but not the detail it asks for;
 * - `not-covered`: the articles do not speak of it;
 * - `small-talk`: no question ("hi", "thanks", "what can you do"): the help reply;
 * - `designations`: a request for the list of designated organisations;
 * - `sources`: a request for the articles and the sources they name;
 * - `summary`: a request for the story in short ("tldr"): the latest articles' key points;
 * - `other-language`: a question in a language the articles are not written in.
 */
export type AnswerOutcome =
  | "answered"
  | "detail-missing"
  | "not-covered"
  | "small-talk"
  | "designations"
  | "sources"
  | "summary"
  | "other-language";

/** An article and the reports it names as its sources, for the `sources` outcome. */
export interface ArticleSources {
  readonly docId: string;
  readonly title: string;
  readonly url: string | null;
  readonly published: string;
  readonly outlet?: string;
  readonly sources: readonly string[];
}

export interface Answer {
  readonly query: string;
  readonly outcome: AnswerOutcome;
  /** Whether passages answer the question (true for `answered`, `designations`, `sources` and `summary`). */
  readonly answered: boolean;
  /** One sentence for the reader: what was found, or why nothing was. */
  readonly message: string;
  readonly answer: AnswerSentence | null;
  /** Passages that answer, best first. Empty when `answered` is false. */
  readonly passages: readonly AnswerPassage[];
  /** When nothing answers: the closest passages, to be shown as related, never as an answer. */
  readonly related: readonly AnswerPassage[];
  /** Words of the question that no article contains. */
  readonly missingTerms: readonly string[];
  /** Parts of a question in several parts that the articles don't answer, when another part is answered. */
  readonly unanswered: readonly string[];
  /** Words the corpus does not contain, and the corpus word searched instead. */
  readonly didYouMean: readonly Correction[];
  /** Words the corpus does not contain, and their synonyms (WordNet) that it does, searched instead. */
  readonly relatedTerms: readonly RelatedSearch[];
  /** Entity names recognised in the question, whose other names were searched too. */
  readonly aliases: readonly string[];
  /** `designations`: the organisations the articles say were designated. */
  readonly designations?: readonly DesignatedOrganisation[];
  /** `sources`: each article, and the reports it names. */
  readonly sources?: readonly ArticleSources[];
  /** `small-talk`: questions the articles answer, to show what can be asked. */
  readonly examples?: readonly string[];
  /** `other-language`: the language the question seems to be in, and the articles'. */
  readonly languages?: { readonly question: string; readonly articles: string };
}

export type AnswerBase = Omit<Answer, "query" | "outcome" | "answered" | "message" | "answer" | "passages">;

export const EMPTY_BASE: AnswerBase = {
  related: [],
  missingTerms: [],
  unanswered: [],
  didYouMean: [],
  relatedTerms: [],
  aliases: [],
};
