/** A sentence of a text, by offsets into it. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Abbreviations after which a sentence does not end. ICU suppresses these breaks itself with the
 * `ss=standard` locale option, which Node's Intl.Segmenter ignores; libraries that know them
 * (sentence-splitter) cost 50x more per paragraph, too slow to segment a corpus at index time.
 */
const NO_BREAK_AFTER =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Rev|Hon|Pres|Jr|Sr|St|Mt|Ft|Inc|Ltd|Corp|Co|Bros|No|Nos|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ark|Ala|Ariz|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|[A-Z]|(?:\p{L}\.)+\p{L}|a\.m|p\.m|e\.g|i\.e)\.$/u;

/** Splits a text into sentences (Unicode sentence boundaries), trailing spaces trimmed. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let pending: number | undefined;
  for (const { segment, index } of segmenter.segment(text)) {
    const start = pending ?? index;
    const end = index + segment.trimEnd().length;
    if (NO_BREAK_AFTER.test(text.slice(start, end)) && end < text.trimEnd().length) {
      pending = start;
      continue;
    }
    pending = undefined;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim().length === 0) continue;
    out.push({ start: start + lead, end, text: raw.slice(lead) });
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
