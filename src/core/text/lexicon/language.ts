/**
 * Which language a question is written in, by the Efficient Language Detector (eld, n-gram models
 * of 60 languages; reliable on the few words of a chat message where franc and tinyld are not).
 * Its extra-small model: 50 MiB of resident memory and 165 ms to load, against the small one's 100 MiB
 * and 280 ms, with the same results on the chat set's questions in other languages and in English
 * (`npm run eval -- --set chat`); every shard process holds one. Loaded only when a question may be
 * in another language (or at the bot's start), and kept.
 */

interface Detector {
  detect(text: string): { language: string; isReliable(): boolean };
}

let detector: Detector | undefined;
let loading: Promise<Detector> | undefined;

/** Loads the detector once; later calls share the load. */
export function loadLanguageDetector(): Promise<void> {
  loading ??= import("eld/extrasmall").then((module) => {
    detector = (module as unknown as { eld: Detector }).eld;
    return detector;
  });
  return loading.then(() => undefined);
}

/** Whether the detector is loaded, so that {@link detectLanguage} can answer at once. */
export function languageDetectorLoaded(): boolean {
  return detector !== undefined;
}

/**
 * The ISO 639-1 code of the language a text is written in, when the detector is loaded and sure;
 * `undefined` otherwise.
 */
export function detectLanguage(text: string): string | undefined {
  if (!detector) return undefined;
  const result = detector.detect(text);
  return result.language && result.isReliable() ? result.language : undefined;
}

const names = new Intl.DisplayNames(["en"], { type: "language" });

/** A language's English name, from its ISO code: "es" -> "Spanish". */
export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
