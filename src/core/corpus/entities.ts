import { z } from "zod";
import { containsPhrase, phraseKey } from "../text/phrase.ts";
import { type Diagnostic, error } from "./diagnostics.ts";
import { describeIssue, slug, text, valueAt } from "./fields.ts";
import type { Article, Designation, Entity } from "./types.ts";
import { indexesOf, parseYaml, unknownFields } from "./yaml-source.ts";

const designationSchema = z.object({
  article: slug,
  quote: text,
  as: text,
  authority: text.optional(),
  date: z.union([text, z.number().transform(String)]).optional(),
});

const entitySchema = z.object({
  name: text,
  kind: z.enum(["organisation", "person", "place", "term"], {
    error: "must be one of organisation, person, place, term",
  }),
  aliases: z.array(text, { error: "must be a list of names" }).default([]),
  designations: z.array(designationSchema, { error: "must be a list" }).default([]),
});

const fileSchema = z.object({
  entities: z.array(z.unknown(), { error: "must be a list of entries with `name:` and `kind:`" }),
});

/**
 * Parses the entities file and checks it against the articles: every designation must cite an
 * article that exists and contains both the quoted statement and a name of the entity.
 */
export function parseEntities(
  file: string,
  source: string,
  articles: ReadonlyMap<string, Article>,
): { entities: Entity[]; diagnostics: Diagnostic[] } {
  const { source: yaml, diagnostics } = parseYaml(file, source, 1);
  if (!yaml) return { entities: [], diagnostics };
  diagnostics.push(
    ...unknownFields(file, yaml, [], Object.keys(fileSchema.shape)),
    ...indexesOf(yaml, "entities").flatMap((i) => [
      ...unknownFields(file, yaml, ["entities", i], Object.keys(entitySchema.shape), ` in entity ${i + 1}`),
      ...indexesOf(yaml, "entities", i, "designations").flatMap((j) =>
        unknownFields(
          file,
          yaml,
          ["entities", i, "designations", j],
          Object.keys(designationSchema.shape),
          ` in designation ${j + 1} of entity ${i + 1}`,
        ),
      ),
    ]),
  );
  const result = fileSchema.safeParse(yaml.value ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      diagnostics.push(
        error(file, yaml.lineOf(issue.path), describeIssue(issue, valueAt(yaml.value, issue.path))),
      );
    }
    return { entities: [], diagnostics };
  }

  const entities: Entity[] = [];
  // Which entry (by index) each name stands for: two entries of the same name are a clash too.
  const owners = new Map<string, { entry: number; name: string }>();
  // Each entry is checked on its own, so that one mistake does not hide the others' problems.
  result.data.entities.forEach((raw, i) => {
    const parsed = entitySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = ["entities", i, ...issue.path];
        diagnostics.push(
          error(file, yaml.lineOf(path), describeIssue({ ...issue, path }, valueAt(yaml.value, path))),
        );
      }
      return;
    }
    const entry = parsed.data;
    const line = yaml.lineOf(["entities", i]);
    for (const [j, name] of [entry.name, ...entry.aliases].entries()) {
      const key = phraseKey(name);
      const owner = owners.get(key);
      if (owner !== undefined && owner.entry !== i) {
        const where = j === 0 ? ["entities", i, "name"] : ["entities", i, "aliases", j - 1];
        const message =
          j === 0 && phraseKey(owner.name) === key
            ? `there is already an entry for "${owner.name}" (line ${yaml.lineOf(["entities", owner.entry])}): merge the two.`
            : `"${name}" already names "${owner.name}": a name can stand for one entity only.`;
        diagnostics.push(error(file, yaml.lineOf(where), message));
        continue;
      }
      owners.set(key, { entry: i, name: entry.name });
    }
    const designations: Designation[] = [];
    entry.designations.forEach((d, j) => {
      const at = (field: string) => yaml.lineOf(["entities", i, "designations", j, field]);
      const article = articles.get(d.article);
      if (!article) {
        diagnostics.push(
          error(
            file,
            at("article"),
            `designation of "${entry.name}" cites article \`${d.article}\`, which is not in the corpus.`,
          ),
        );
        return;
      }
      const fullText = article.blocks.map((b) => b.text).join("\n");
      const missing = (phrase: string) => !article.blocks.some((b) => containsPhrase(b.text, phrase));
      let ok = true;
      if (missing(d.quote)) {
        ok = false;
        diagnostics.push(
          error(
            file,
            at("quote"),
            `the quote for "${entry.name}" does not appear in \`${d.article}\` (${article.file}): copy the article's own words.`,
          ),
        );
      }
      if (![entry.name, ...entry.aliases].some((name) => containsPhrase(fullText, name))) {
        ok = false;
        diagnostics.push(
          error(
            file,
            line,
            `"${entry.name}" is designated by \`${d.article}\`, but neither its name nor an alias appears in that article.`,
          ),
        );
      }
      for (const field of ["authority", "date"] as const) {
        const value = d[field];
        if (value !== undefined && missing(value)) {
          ok = false;
          diagnostics.push(
            error(
              file,
              at(field),
              `the ${field} "${value}" for "${entry.name}" does not appear in \`${d.article}\`: give it as the article does.`,
            ),
          );
        }
      }
      if (!ok) return;
      designations.push({
        article: d.article,
        quote: d.quote,
        as: d.as,
        ...(d.authority === undefined ? {} : { authority: d.authority }),
        ...(d.date === undefined ? {} : { date: d.date }),
      });
    });
    entities.push({ name: entry.name, kind: entry.kind, aliases: entry.aliases, designations, line });
  });
  return { entities, diagnostics };
}
