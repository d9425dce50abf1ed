/**
 * storydesk's domain core, the one entry the command line, the bot, the evaluation and the benchmark
 * import. Its folders are its layers, each using only those before it:
 *
 * - `text/`: words (analysis, sentences, WordNet, the general lexicon of chat words, countries and
 *   news abbreviations, word vectors, language detection);
 * - `corpus/`: reading and checking the articles and entities.yaml, cutting passages, writing an
 *   article in the corpus format;
 * - `store/`: the corpus on disk: atomic writes, a lock for changes, and every version in a git
 *   history;
 * - `import/`: articles from the web: a guarded fetch, and the article of a page (Readability);
 * - `search/`: the index (BM25 over storydesk's own postings), names and spelling suggestions;
 * - `answering/`: reading a question, planning its search, re-ranking, the fitted model, deciding
 *   whether passages answer, designations;
 * - `serving/`: the library served, opened from a snapshot or built, refreshed on a worker, and
 *   changed by moderators (add, remove, roll back).
 *
 * @example
 * ```ts
 * import { Storydesk } from "./src/core/index.ts";
 * const storydesk = await Storydesk.open({ corpusDir: "corpus" });
 * const answer = await storydesk.ask("who designated the cartels?");
 * console.log(answer.outcome, answer.answer?.text);
 * await storydesk.close();
 * ```
 */

export {
  type AnswerNote,
  answerNotes,
  noteText,
} from "./answering/answer-notes.ts";
export {
  type Answer,
  type AnswerOutcome,
  type AnswerPassage,
  type AnswerSentence,
  type ArticleSources,
  type AskOptions,
  DEFAULT_TOP,
  MAX_TOP,
} from "./answering/answer-types.ts";
export { type CandidateDecision, defaultMinConfidence } from "./answering/decision.ts";
export type { DesignatedOrganisation, DesignationRecord } from "./answering/designations.ts";
export {
  ABSTAIN_FEATURES,
  type AbstainFeature,
  FEATURES,
  type FeatureName,
  FeatureVector,
  positionOf,
} from "./answering/features.ts";
export { MODEL_FILE, type Model, type ModelFile, model, readModel, useModel } from "./answering/model.ts";
export { MAX_QUESTION_CHARS, normaliseQuestion, QuestionError } from "./answering/question/normalise.ts";
export {
  reasonSpans,
  type SpanKind,
  type TaggedSpan,
  type Tagger,
  useTagger,
} from "./answering/question/tagger.ts";
export type { RankedCandidate } from "./answering/ranking.ts";
export {
  DEFAULT_RELATIONS,
  RELATIONS,
  type Relation,
  useStandIns,
  VECTOR_SIMILARITY,
} from "./answering/stand-ins.ts";
export {
  CorpusError,
  type Diagnostic,
  errorsOf,
  formatDiagnostic,
  hasErrors,
  warningsOf,
} from "./corpus/diagnostics.ts";
export { corpusFromTexts, type PlainArticle } from "./corpus/from-texts.ts";
export { type Corpus, loadCorpus, parseCorpus, scanCorpus } from "./corpus/load.ts";
export type { Citation, Passage } from "./corpus/passages.ts";
export { DEFAULT_MAX_FILE_BYTES } from "./corpus/scan.ts";
export type { Article, Block, Entity } from "./corpus/types.ts";
export {
  addressRefusal,
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  type FetchRefusal,
  FetchRefused,
} from "./import/guarded-fetch.ts";
export { fetchArticleFile, importFromLink } from "./import/import-article.ts";
export { DEFAULT_INDEX_OPTIONS, type IndexOptions } from "./search/index-options.ts";
export { MiniSearchIndex } from "./search/minisearch-index.ts";
export type {
  AdditionPreview,
  Applied,
  ApplyResult,
  ArticlePreview,
  CorpusEdits,
  Refused,
  RemovalPreview,
  RollbackPreview,
} from "./serving/corpus-edits.ts";
export { Library, type OrganisationDetails } from "./serving/library.ts";
export {
  defaultSnapshotFile,
  type OpenedLibrary,
  type OpenOptions,
  openLibrary,
  SnapshotUnavailableError,
} from "./serving/open.ts";
export { type Publication, publishOpened, readPublication } from "./serving/publication.ts";
export { type SnapshotState, snapshotKey, writeSnapshot } from "./serving/snapshot.ts";
export {
  type AdoptResult,
  type LibraryCounts,
  type RefreshFailure,
  type RefreshResult,
  type RefreshSuccess,
  Storydesk,
  type StorydeskOptions,
  type StorydeskStatus,
} from "./serving/storydesk.ts";
export type { Change, ChangeAuthor, ChangeKind } from "./store/history.ts";
export { fold, terms } from "./text/analyze.ts";
export { loadLanguageDetector } from "./text/lexicon/language.ts";
export { encodeWordVectors, WORD_VECTORS_FILE } from "./text/lexicon/word-vectors.ts";
export { phraseKey } from "./text/phrase.ts";
export { count } from "./text/plural.ts";
export { sentences } from "./text/sentences.ts";
