/** Longest question accepted, in characters (Discord's option limit for /ask). */
export const MAX_QUESTION_CHARS = 300;

/** A question that cannot be asked as given; the message says what to change. */
export class QuestionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuestionError";
  }
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Characters as a person counts them: an emoji, a flag or a letter with its accents is one, however
 * many UTF-16 units or code points it takes.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/**
 * The question as it will be searched: control characters and runs of spaces collapsed.
 * @throws QuestionError when it is empty, has no letter or digit, or is over
 *   {@link MAX_QUESTION_CHARS} characters.
 */
export function normaliseQuestion(question: string): string {
  // Control characters carry no meaning in a question and would garble logs and replies.
  const cleaned = question
    .replace(/[\p{Cc}\p{Cf}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned.length === 0) {
    throw new QuestionError(
      'The question is empty: ask something about the story, for example "Who was designated?"',
    );
  }
  if (!/[\p{L}\p{N}]/u.test(cleaned)) {
    throw new QuestionError(
      'The question has no words: ask something about the story, for example "Who was designated?"',
    );
  }
  const length = characterCount(cleaned);
  if (length > MAX_QUESTION_CHARS) {
    throw new QuestionError(
      `The question is ${length} characters long; the limit is ${MAX_QUESTION_CHARS}. Please shorten it.`,
    );
  }
  return cleaned;
}
