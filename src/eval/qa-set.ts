import { z } from "zod";

/** A question with the passages that answer it (none for a question the corpus should decline). */
export const qaQuestionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  /** Gold answer strings: the highlighted answer sentence should contain one of them. */
  answers: z.array(z.string()),
  /** Ids of the passages (or of the articles) that answer it; empty when the corpus cannot answer. */
  passageIds: z.array(z.string()),
});
export type QaQuestion = z.infer<typeof qaQuestionSchema>;

/** A passage of an evaluation set given as JSONL, in SQuAD's layout. */
export const qaPassageSchema = z.object({ id: z.string(), title: z.string(), text: z.string() });
export type QaPassage = z.infer<typeof qaPassageSchema>;
