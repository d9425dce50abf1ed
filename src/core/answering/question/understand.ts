import { analyze, fold, type Token, terms } from "../../text/analyze.ts";
import { isEnglishWord } from "../../text/english.ts";
import {
  ABOUT_THE_BOT,
  type ArticleWords,
  type ChatReading,
  isChatWord,
  NO_ARTICLES,
  readChat,
} from "../../text/lexicon/index.ts";
import { lookUp } from "../../text/wordnet.ts";
import { type AnswerKind, isPersonNoun, type QuestionForm, questionForm } from "./answer-kind.ts";
import { type Clause, splitClauses } from "./clauses.ts";

/** A clause of a question with what it asks for. */
export interface UnderstoodClause extends Clause {
  readonly form: QuestionForm;
}

/** A chat message read as storydesk answers it. */
export interface UnderstoodQuestion {
  /** The message with chat taken out and shorthand spelled out. */
  readonly text: string;
  readonly clauses: readonly UnderstoodClause[];
  /** Chat words taken out (greetings, thanks, profanity...). */
  readonly chat: readonly string[];
  /**
   * Words that count only where an article uses them: chat words, and the words of an alternative
   * no article mentions ("or a dem").
   */
  readonly soft: ReadonlySet<string>;
  /** No question in it: greetings, thanks, "what can you do". */
  readonly smallTalk: boolean;
  /** Words typed wrong and read as words of the articles before anything else ("strkes": "strikes"). */
  readonly corrections: ChatReading["corrections"];
  /** It asks for the articles' sources ("sources?", "where is this from"). */
  readonly asksForSources: boolean;
  /** It asks what the story is, in short ("tldr", "catch me up", "what is this about"). */
  readonly asksForSummary: boolean;
}

/** Asking for the sources: the words that say so, and what may surround them. */
const SOURCES =
  /\b(?:sources?|citations?|cite|cited|references?|links?|urls?|articles?|reporting|outlets?|receipts|proof)\b|\bwhere(?: is| does| did|'s)? (?:this|that|it|(?:the |this |that |your |ur )?info\w*|you get (?:this|that|it))(?: (?:come|coming|get))? from\b|\bwhere (?:did|do|does) (?:you|u) (?:get|find|read|see) (?:all )?(?:this|that|it|your info\w*|ur info\w*)\b|\bwho (?:wrote|reported|published) (?:this|that|it)\b|\bwhat (?:is|are) (?:this|that|it|you|your answers?) based on\b/i;
const SOURCE_WORDS = new Set(
  "source sources citation citations cite cited reference references link links url urls article articles reporting outlet outlets receipts proof info information based come coming wrote reported published read give send share show using use used get got getting gets list news".split(
    " ",
  ),
);

/** Asking for the story in short: the words that say so, and what may surround them. */
const SUMMARY =
  /^\s*(?:so\s+)?(?:what(?:'s|s| is| are)? the latest(?: news| updates?)?|any (?:updates?|news)|(?:the )?latest (?:news|updates?))\s*[?!.]*\s*$|\b(?:tl[; ]?dr|summary|summari[sz]e|sum (?:it |this |that )?up|gist|recap|overview|rundown|key points|main points|catch (?:me|us) up|fill (?:me|us) in|brief (?:me|us))\b|\bwhat(?:'s| is| was| are| were)? (?:this|that|it|they|the story|this story|the news|the article|the articles)(?: all)? about\b|^\s*(?:so\s+)?what(?:'s|s| is)? (?:going on|happening|new|the story|the news)(?: here)?\s*[?!.]*\s*$|^\s*(?:so\s+)?what happened(?: here)?\s*[?!.]*\s*$/i;
const SUMMARY_WORDS = new Set(
  "tldr tl dr summary summarize summarise sum gist recap overview rundown key main points point catch fill brief story news article articles happened happening going new short quick whole thing basically give latest update updates".split(
    " ",
  ),
);

/** A clause that asks something: a question word, or a verb first ("is the fine final"). */
const ASKS =
  /^\s*(?:who|whom|whose|what|when|where|why|which|how|is|are|was|were|do|does|did|will|has|have|had|can|could)\b/i;

/** Whether a word stands as a thing in a text: after "the", "a", "this", "its"... ("the fine"). */
function asThing(text: string, word: string): boolean {
  return new RegExp(
    `\\b(?:the|a|an|this|that|its|their|his|her)\\s+(?:[\\p{L}'-]+\\s+){0,2}${word}\\b`,
    "iu",
  ).test(text);
}

/** A question word anywhere: "storydesk, who is the senator". */
const QUESTION_WORD = /\b(?:who|whom|whose|what|when|where|why|which|how)\b/i;

/** How many words of its own a greeting or remark to the bot may have and still ask nothing. */
const SHORT_REMARK = 2;

/** A message about the bot itself: "you", "your". */
const TO_THE_BOT = /\b(?:you|your|yours|yourself)\b/i;

/** Kinds of answer that are facts of a story, never asked of the bot itself. */
const FACT_KINDS: ReadonlySet<AnswerKind> = new Set(["time", "place", "number"]);

/** Chat words that name people ("guys") still say who is asked for: "the names of the 26 cartel guys". */
function notPersonNouns(words: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...words].filter((w) => !isPersonNoun(w)));
}

/** A text without some words (chat words: "who is anna kelly, idiot" asks who Anna Kelly is). */
export function withoutWords(text: string, words: ReadonlySet<string>): string {
  if (words.size === 0) return text;
  let out = text;
  for (const token of analyze(text).reverse()) {
    if (words.has(token.folded)) out = out.slice(0, token.start) + out.slice(token.end);
  }
  return out
    .replace(/\s*,\s*(?=,|$)/g, "")
    .replace(/^[\s,;:]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** How many content words on each side of "or" make an alternative: "low level or top people". */
const ALTERNATIVE_WORDS = 2;
/** Words that may stand between "or" and its alternative: "a dem or a republican". */
const DETERMINERS: ReadonlySet<string> = new Set(["a", "an", "the"]);

/**
 * The content words of the alternative on one side of "or", nearest first: up to ALTERNATIVE_WORDS
 * of them right beside it (a determiner aside), within the clause ("extradited or not, how much was
 * the ransom" gives none: "not" and the comma end it).
 */
function alternativeAt(tokens: readonly Token[], text: string, step: 1 | -1, from: number): string[] {
  const words: string[] = [];
  let determiner = false;
  for (let i = from; i >= 0 && i < tokens.length && words.length < ALTERNATIVE_WORDS; i += step) {
    const token = tokens[i] as Token;
    const previous = tokens[i - step] as Token;
    const between = step > 0 ? text.slice(previous.end, token.start) : text.slice(token.end, previous.start);
    if (/[,;:.?!()]/.test(between)) break;
    if (token.term === null) {
      if (words.length === 0 && !determiner && DETERMINERS.has(token.folded)) {
        determiner = true;
        continue;
      }
      break;
    }
    words.push(token.folded);
  }
  return words;
}

/**
 * "were they low level or top people", "is cotton a republican or a dem": of two alternatives, the one
 * the articles speak of answers, so the other's words, which no article uses, are no missing topic.
 */
function otherAlternatives(text: string, usedByArticles: (folded: string) => boolean): string[] {
  // Most questions have no "or": they are not read again.
  if (!/\bor\b/i.test(text)) return [];
  const tokens = analyze(text);
  const out: string[] = [];
  tokens.forEach((token, i) => {
    if (token.folded !== "or") return;
    const before = alternativeAt(tokens, text, -1, i - 1);
    const after = alternativeAt(tokens, text, 1, i + 1);
    if (before.length === 0 || after.length === 0) return;
    // One alternative the articles speak of, the other they never mention.
    const spoken = (words: string[]) => words.some(usedByArticles);
    if (spoken(before) && !spoken(after)) out.push(...after);
    if (spoken(after) && !spoken(before)) out.push(...before);
  });
  return out;
}

/** The folded content words of a text: no stop words, no chat. */
function contentWords(text: string, soft: ReadonlySet<string>): string[] {
  return analyze(text)
    .filter((t) => t.term !== null && !soft.has(t.folded))
    .map((t) => t.folded);
}

/**
 * Reads a message: what is chat and what is question, the questions it asks and what each asks
 * for, and whether it is small talk or a request for the sources rather than a passage search.
 */
export function understandQuestion(
  message: string,
  articles: ArticleWords = NO_ARTICLES,
): UnderstoodQuestion {
  const usedByArticles = (folded: string) => articles.uses(folded);
  const read = readChat(message, articles);
  const reading = { ...read, soft: new Set([...read.soft, ...otherAlternatives(read.text, usedByArticles)]) };
  const clauses = splitClauses(reading.text).map((clause) => ({
    ...clause,
    form: questionForm(withoutWords(clause.question, notPersonNouns(reading.soft))),
  }));
  // What the clauses ask, remarks aside ("ik this is old news but wheres this from" asks for the
  // sources); but a bare "why?" after a remark asks about the remark ("docked 14 points but why").
  const questions = clauses.map((c) => c.question).join(" ");
  const asked = clauses
    .map((c) => (terms(c.question).length === 0 ? `${c.context} ${c.question}` : c.question))
    .join(" ");
  const words = contentWords(asked, reading.soft);
  const questionWords = contentWords(questions, reading.soft);
  // Read on the message as typed: the request frames take "summarize" out of the text.
  const asksForSummary =
    SUMMARY.test(message) && words.every((w) => SUMMARY_WORDS.has(w) || ABOUT_THE_BOT.has(w));
  // "what are the articles about" is the story in short, not the list of articles.
  const asksForSources =
    !asksForSummary &&
    SOURCES.test(questions) &&
    questionWords.every((w) => SOURCE_WORDS.has(w) || ABOUT_THE_BOT.has(w));
  // "where was this made" asks about the story: a place, a date or a figure is asked of the bot only
  // about itself ("when were you made").
  const asksForFact = clauses.some((c) => FACT_KINDS.has(c.form.kind)) && !TO_THE_BOT.test(reading.text);
  // "whats the fine now": a word that is chat elsewhere ("fine") is asked about where the articles use
  // it, as a thing ("the fine"), not as a reaction ("is it bad", "what do you mean").
  const asksOfArticles =
    clauses.some((c) => ASKS.test(c.question)) &&
    [...reading.soft].some((w) => usedByArticles(w) && asThing(reading.text, w));
  // "thanks a lot", "hello world", "u rock", "love this bot": a greeting, thanks or remark to the
  // bot that asks nothing, whatever its last word or two.
  const remarkToTheBot =
    !message.includes("?") &&
    !clauses.some((c) => ASKS.test(c.question) || QUESTION_WORD.test(c.question)) &&
    words.length <= SHORT_REMARK &&
    // "lol the cartels are evil" is a remark on the story, not to the bot.
    (TO_THE_BOT.test(reading.text) ||
      /\bbot\b/i.test(message) ||
      (read.chat.length > 0 && !words.some(usedByArticles)));
  const smallTalk =
    !asksForSources &&
    !asksForSummary &&
    !asksForFact &&
    !asksOfArticles &&
    (remarkToTheBot || words.every((w) => ABOUT_THE_BOT.has(w)));
  return {
    text: reading.text,
    clauses,
    chat: reading.chat,
    soft: reading.soft,
    smallTalk,
    corrections: read.corrections,
    asksForSources,
    asksForSummary,
  };
}

/** The kinds of answer asked for, first clause first. */
export function kindsOf(question: UnderstoodQuestion): AnswerKind[] {
  return question.clauses.map((c) => c.form.kind);
}

/**
 * Whether a message may be in another language than English, so that its language is worth
 * detecting: at least half of its words (names from the articles aside) are no English word, or it
 * uses Spanish-style inverted marks. Keeps the detector off English chat, typos and all.
 */
export function mayBeForeign(message: string, isCorpusWord: (folded: string) => boolean): boolean {
  if (/[¿¡]/.test(message)) return true;
  const words = analyze(message.replace(/<[^>]*>|https?:\/\/\S+/g, " "))
    .map((t) => {
      // Apostrophes go from both, so that "who's" is no accented word.
      const written = t.surface.toLowerCase().replace(/['’]/g, "");
      return { written, folded: fold(written) };
    })
    .filter((w) => /^\p{L}+$/u.test(w.folded) && !isCorpusWord(w.folded));
  if (words.length < 2) return false;
  // Accented letters in words the articles don't use ("è", "refusé"): English writes none.
  if (words.some((w) => w.written !== w.folded)) return true;
  const foreign = words.filter((w) => !isEnglishWord(w.folded) && !isChatWord(w.folded)).length;
  // "qui est anna kelly": in a short question, one foreign word beside one that English shares but
  // hardly uses ("est": no sense of it is common), not beside an everyday word ("pemex debt").
  const foreignBeside = (w: { folded: string }) =>
    isEnglishWord(w.folded) && !isChatWord(w.folded) && lookUp(w.folded).tagged === 0;
  const short = words.length === 2 && foreign === 1 && words.some(foreignBeside);
  return short || (foreign >= 2 && foreign / words.length >= 1 / 3);
}
