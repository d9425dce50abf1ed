import type { Command } from "../command.ts";
import { ask } from "./ask.ts";
import { corpus } from "./corpus.ts";
import { designations } from "./designations.ts";

/** Every command of the bot: what `npm run register` registers and what the bot answers. */
export const commands: readonly Command[] = [ask, designations, corpus];
