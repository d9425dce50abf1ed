/** Longest question accepted, in characters (Discord's option limit for /ask). */
export const MAX_QUESTION_CHARS = 300;

/** A question that cannot be asked as given; the message says what to change. */
export class QuestionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuestionError";
  }
}

/**
 * The question as it will be searched: control characters and runs of spaces collapsed.
 * @throws QuestionError when it is empty or over {@link MAX_QUESTION_CHARS} characters.
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
  if (cleaned.length > MAX_QUESTION_CHARS) {
    throw new QuestionError(
      `The question is ${cleaned.length} characters long; the limit is ${MAX_QUESTION_CHARS}. Please shorten it.`,
    );
  }
  return cleaned;
}
