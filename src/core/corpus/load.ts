import { type Corpus, parseCorpus } from "./parse.ts";
import { type ReadOptions, scanCorpus } from "./scan.ts";

export { type Corpus, parseCorpus } from "./parse.ts";
export {
  type CorpusScan,
  ENTITIES_FILE,
  type ReadOptions,
  scanCorpus,
} from "./scan.ts";

/** Reads and checks the corpus in `dir`. */
export async function loadCorpus(dir: string, options: ReadOptions = {}): Promise<Corpus> {
  return parseCorpus(await scanCorpus(dir, options));
}
