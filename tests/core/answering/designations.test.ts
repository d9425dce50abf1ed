import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DesignatedOrganisation,
  resolveDesignations,
} from "../../../src/core/answering/designations.ts";
import { loadCorpus } from "../../../src/core/corpus/load.ts";
import { type Passage, passagesOf } from "../../../src/core/corpus/passages.ts";
import { Library } from "../../../src/core/serving/library.ts";
import { fold } from "../../../src/core/text/analyze.ts";
import { articleFile, tempDirs } from "../../support/temp-corpus.ts";

async function libraryOf(dir: string): Promise<Library> {
  const corpus = await loadCorpus(dir);
  expect(corpus.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return Library.build(corpus);
}

const passage = (library: Library, id: string): Passage => {
  const found = library.data.passages.find((p) => p.id === id);
  if (!found) throw new Error(`no passage ${id}`);
  return found;
};

describe("designations of the bundled corpus", () => {
  const ARTICLE = "sheinbaum-rejects-us-military-action";
  let library: Library;
  let fourth: Passage;
  /** The groups the fourth paragraph lists, read from its text: "... include A (X), B, ..., and G." */
  let listed: { name: string; aside?: string }[];

  beforeAll(async () => {
    library = await libraryOf(path.resolve("corpus"));
    fourth = passage(library, `${ARTICLE}#p4`);
    const list = /\binclude (.+?)\.(?:\s|$)/.exec(fourth.text)?.[1];
    if (!list) throw new Error(`paragraph 4 lists no groups: ${fourth.text}`);
    listed = list.split(/,\s*(?:and\s+)?/).map((item) => {
      const match = /^(.*?)\s*(?:\((.+)\))?$/.exec(item.trim());
      const name = match?.[1] ?? item.trim();
      return match?.[2] ? { name, aside: match[2] } : { name };
    });
  });

  it("lists exactly the seven groups of the fourth paragraph, in its order", () => {
    expect(listed).toHaveLength(7);
    expect(library.designations().map((o) => fold(o.name))).toEqual(listed.map((g) => fold(g.name)));
    expect(library.stats.designated).toBe(7);
  });

  it("keeps a name given in brackets (MS-13) as an alias", () => {
    const withAside = listed.filter((g) => g.aside !== undefined);
    expect(withAside.length).toBeGreaterThan(0);
    for (const group of withAside) {
      const organisation = library.designations().find((o) => fold(o.name) === fold(group.name));
      expect(organisation?.aliases).toContain(group.aside);
    }
  });

  it("cites paragraph 4 of the article for each, by the Trump administration on January 20", () => {
    for (const organisation of library.designations()) {
      expect(organisation.citation).toMatchObject({
        docId: ARTICLE,
        kind: "paragraph",
        paragraph: 4,
        label: "paragraph 4",
      });
      expect(organisation.designations.length).toBeGreaterThan(0);
      for (const record of organisation.designations) {
        expect(record.passageId).toBe(`${ARTICLE}#p4`);
        expect(record.citation).toEqual(fourth.citation);
        expect(record.authority).toBe("Trump administration");
        expect(record.date).toBe("January 20");
        expect(fold(record.as)).toContain("terrorist");
        expect(fold(fourth.text)).toContain(fold(record.quote).replace(/\s+/g, " ").trim());
        expect(fourth.text).toContain(record.authority ?? "?");
        expect(fourth.text).toContain(record.date ?? "?");
      }
    }
  });

  it("lists no person, place or term", () => {
    const names = new Set(library.designations().map((o) => o.name));
    const others = library.data.entities.filter((e) => e.kind !== "organisation").map((e) => e.name);
    expect(others.length).toBeGreaterThan(0);
    for (const name of others) expect(names.has(name)).toBe(false);
  });
});

describe("designations of another story (the Valdoria fixture)", () => {
  const DIR = path.resolve("tests/fixtures/corpora/valdoria");
  const FIRST = "valdoria-designates-hacker-groups";
  const SECOND = "valdoria-adds-ostrov-syndicate";
  let library: Library;

  beforeAll(async () => {
    const corpus = await loadCorpus(DIR);
    expect(corpus.diagnostics).toEqual([]);
    library = Library.build(corpus);
  });

  const organisation = (name: string): DesignatedOrganisation => {
    const found = library.designations().find((o) => o.name === name);
    if (!found) throw new Error(`${name} is not listed`);
    return found;
  };

  it("lists exactly the organisations designated as terrorist, with their aliases", () => {
    expect(library.designations().map((o) => [o.name, o.aliases])).toEqual([
      ["Red Lantern Collective", ["RLC", "Linterna Roja", "Red Lantern hackers"]],
      ["Brigada Águila Negra", ["Black Eagle Brigade", "Águila Negra"]],
      ["Ostrov Syndicate", ["the syndicate"]],
    ]);
  });

  it("leaves out an organisation that is not designated, and one that is only sanctioned", () => {
    const names = library.designations().map((o) => o.name);
    expect(library.data.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(["Grey Owl", "Sable Exchange"]),
    );
    expect(names).not.toContain("Grey Owl");
    expect(names).not.toContain("Sable Exchange");
    expect(library.organisation("Sable Exchange")).toBeUndefined();
    expect(library.organisation("Grey Owl")).toBeUndefined();
    expect(library.organisation("Ilse Marrow")).toBeUndefined();
  });

  it("cites the passage holding each quote, with its authority and date", () => {
    const records = library
      .designations()
      .flatMap((o) => o.designations.map((r) => [o.name, r.passageId, r.as, r.authority, r.date] as const));
    expect(records).toEqual([
      ["Red Lantern Collective", `${FIRST}#p3`, "terrorist organisation", "Interior Ministry", "14 March"],
      ["Red Lantern Collective", `${SECOND}#p3`, "terrorist organisation", "National Security Council", null],
      ["Brigada Águila Negra", `${FIRST}#p4`, "terrorist organisation", "Interior Ministry", "14 March"],
      [
        "Ostrov Syndicate",
        `${SECOND}#p2.2`,
        "terrorist organisation",
        "National Security Council",
        "2 April",
      ],
    ]);
    for (const o of library.designations()) {
      expect(o.citation).toEqual(o.designations[0]?.citation);
      for (const record of o.designations) {
        const cited = passage(library, record.passageId);
        expect(record.citation).toEqual(cited.citation);
        expect(fold(cited.text)).toContain(fold(record.quote));
      }
    }
  });

  it("cites the part of a long paragraph that holds the quote", () => {
    const [record] = organisation("Ostrov Syndicate").designations;
    expect(record?.citation).toMatchObject({
      docId: SECOND,
      paragraph: 2,
      part: 2,
      label: "paragraph 2, part 2",
      url: "https://news.example/2025/04/valdoria-adds-ostrov-syndicate",
      published: "2025-04-02",
      outlet: "Esker Herald",
    });
    expect(passage(library, `${SECOND}#p2.1`).text).not.toContain(record?.quote);
  });

  it.each([
    ["Red Lantern Collective", "Red Lantern Collective"],
    ["rlc", "Red Lantern Collective"],
    ["LINTERNA ROJA", "Red Lantern Collective"],
    ["  linterna roja ", "Red Lantern Collective"],
    ["brigada aguila negra", "Brigada Águila Negra"],
    ["ÁGUILA NEGRA", "Brigada Águila Negra"],
    ["Black Eagle Brigade", "Brigada Águila Negra"],
    ["ostrov syndicate", "Ostrov Syndicate"],
  ])("finds %j by name or alias, case and accents aside", (query, name) => {
    expect(library.organisation(query)?.organisation.name).toBe(name);
  });

  it.each(["Red Lantern", "Aguila", "Ostrov", "Collective"])(
    "does not find %j, which is only part of a name",
    (query) => {
      expect(library.organisation(query)).toBeUndefined();
    },
  );

  it("lists the passages that mention an organisation by any of its names", () => {
    const mentions = (name: string) => library.organisation(name)?.mentions.map((p) => p.id);
    expect(mentions("RLC")).toEqual([
      "hollin-arrests#p1", // only as Linterna Roja
      `${SECOND}#p2.1`,
      `${SECOND}#p3`,
      `${FIRST}#p2`,
      `${FIRST}#p3`,
      `${FIRST}#p7`, // "the Red Lantern Collective's malware"
      `${FIRST}#k1`,
    ]);
    expect(mentions("Black Eagle Brigade")).toEqual([`${FIRST}#p4`, `${FIRST}#k1`]);
    expect(mentions("Ostrov Syndicate")).toEqual([`${SECOND}#p1`, `${SECOND}#p2.1`, `${SECOND}#p2.2`]);
  });
});

describe("which designations are listed", () => {
  const dirs = tempDirs("designations");
  afterAll(dirs.cleanup);

  it("lists organisations with any terrorist designation, and no other entity or designation", async () => {
    const dir = await dirs.make({
      "ban.md": articleFile(
        ["id: ban", "title: Ban", "published: 2024-06-01"],
        "The council designated the Harbour Front as a Foreign Terrorist Organization.\n\n" +
          "It named Jon Vale, the Front's leader, a specially designated global terrorist.\n\n" +
          "The Tide Bank was listed as a sanctioned entity.\n",
      ),
      "entities.yaml": [
        "entities:",
        "  - name: Harbour Front",
        "    kind: organisation",
        "    designations:",
        "      - { article: ban, quote: designated the Harbour Front, as: Foreign Terrorist Organization }",
        "  - name: Jon Vale",
        "    kind: person",
        "    designations:",
        "      - { article: ban, quote: a specially designated global terrorist, as: specially designated global terrorist }",
        "  - name: Tide Bank",
        "    kind: organisation",
        "    designations:",
        "      - { article: ban, quote: The Tide Bank was listed as a sanctioned entity, as: sanctioned entity }",
        "",
      ].join("\n"),
    });
    const library = await libraryOf(dir);
    expect(
      library.designations().map((o) => [o.name, o.designations.map((r) => [r.as, r.authority, r.date])]),
    ).toEqual([["Harbour Front", [["Foreign Terrorist Organization", null, null]]]]);
    expect(library.designations()[0]?.citation.label).toBe("paragraph 1");
  });
});

describe("which designations count as terrorist organisations", () => {
  const ARTICLE = {
    id: "listing",
    title: "A listing",
    published: "2025-01",
    file: "listing.md",
    blocks: [
      { kind: "paragraph" as const, number: 1, text: "Group A was listed. Group B was listed.", line: 5 },
    ],
  };
  const entity = (name: string, as: string) => ({
    name,
    kind: "organisation" as const,
    aliases: [],
    line: 1,
    designations: [{ article: "listing", quote: `${name} was listed`, as }],
  });

  it.each([
    ["terrorist organisation", true],
    ["Foreign Terrorist Organization", true],
    ["Specially Designated Global Terrorist organizations", true],
    ["counter-terrorist partner", false],
    ["sanctioned entity", false],
    ["terrorism sponsor", false],
  ])("%s: %s", (as, listed) => {
    const passages = passagesOf(ARTICLE);
    const found = resolveDesignations([entity("Group A", as)], new Map([[ARTICLE.id, ARTICLE]]), passages);
    expect(found.map((o) => o.name)).toEqual(listed ? ["Group A"] : []);
  });
});
