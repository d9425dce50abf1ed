import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { readJsonl } from "./jsonl.ts";

/**
 * A question as people type it in a chat channel, with what storydesk should do with it
 * (eval/chat/<story>/{tuning,held-out}.jsonl, on the corpus in eval/corpora/<story>/ or corpus/).
 */
export const chatQuestionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  /**
   * answer: the passages answer it; partial: they answer one part, and the other part's words
   * (`missing`) are in no article; detail-missing: on-topic, but the asked detail is not in the
   * articles; not-covered: off-topic; smalltalk: no question, the help reply; language: a question
   * in a language the articles are not written in.
   */
  expect: z.enum(["answer", "partial", "detail-missing", "not-covered", "smalltalk", "language"]),
  /** A request that is not a passage search: the designations list, the articles' sources, the story in short. */
  request: z.enum(["designations", "sources", "summary"]).optional(),
  passageIds: z.array(z.string()),
  missing: z.array(z.string()).optional(),
  answers: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
});
export type ChatQuestion = z.infer<typeof chatQuestionSchema>;

export const CHAT_DIR = "eval/chat";
export const CHAT_CORPORA_DIR = "eval/corpora";
/** The bundled story's set, listed first. */
export const BUNDLED_STORY = "sheinbaum";
export const HALVES = ["tuning", "held-out"] as const;
export type Half = (typeof HALVES)[number];

/** One story's chat questions, both halves, with the corpus they are asked of. */
export interface ChatStory {
  readonly name: string;
  readonly corpusDir: string;
  readonly halves: Readonly<Record<Half, readonly ChatQuestion[]>>;
}

const storyFileSchema = z.object({ corpus: z.string().min(1) });

/**
 * The corpus a story's questions are asked of: the one its story.json names, relative to the
 * repository (`{"corpus": "corpus"}` for the bundled one), or eval/corpora/<story>/.
 */
async function corpusDirOf(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name, "story.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return path.join(CHAT_CORPORA_DIR, name);
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const parsed = storyFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: expected {"corpus": "<directory>"}`);
  return parsed.data.corpus;
}

export async function readChatStories(dir = CHAT_DIR): Promise<ChatStory[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a === BUNDLED_STORY ? -1 : b === BUNDLED_STORY ? 1 : a.localeCompare(b)));
  return Promise.all(
    names.map(async (name) => {
      const [tuning, heldOut] = await Promise.all(
        HALVES.map((half) => readJsonl(path.join(dir, name, `${half}.jsonl`), chatQuestionSchema)),
      );
      return {
        name,
        corpusDir: await corpusDirOf(dir, name),
        halves: { tuning: tuning ?? [], "held-out": heldOut ?? [] },
      };
    }),
  );
}
