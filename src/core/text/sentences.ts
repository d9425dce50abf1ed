/** A sentence of a text, by offsets into it. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Splits a text into sentences (Unicode sentence boundaries), trailing spaces trimmed. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const trimmed = segment.trimEnd();
    const lead = trimmed.length - trimmed.trimStart().length;
    if (trimmed.trim().length === 0) continue;
    out.push({ start: index + lead, end: index + trimmed.length, text: trimmed.slice(lead) });
  }
  return out;
}

/**
 * Cuts `text` at sentence boundaries into pieces of at most `maxChars` where it can; a single
 * sentence longer than that is kept whole, since cutting inside it would lose its sense. Pieces are
 * balanced, so that a long paragraph does not end in a short stub.
 */
export function cutAtSentences(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const parts = sentences(text);
  const pieces = Math.ceil(text.length / maxChars);
  const target = text.length / pieces;
  const out: string[] = [];
  let current: Sentence[] = [];
  const flush = () => {
    const first = current[0];
    const last = current.at(-1);
    if (first && last) out.push(text.slice(first.start, last.end));
    current = [];
  };
  for (const sentence of parts) {
    const first = current[0];
    const length = first ? sentence.end - first.start : 0;
    if (first && (length > maxChars || sentence.start - first.start >= target)) flush();
    current.push(sentence);
  }
  flush();
  return out;
}
