import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { FetchLimits, Storydesk } from "../core/index.ts";
import type { BotConfig } from "./config.ts";
import type { Cooldown } from "./cooldown.ts";
import type { Logger } from "./logger.ts";
import type { PendingChanges } from "./pending-changes.ts";
import type { BotMetrics } from "./service/metrics.ts";
import type { RecentIds } from "./service/recent-ids.ts";

/** Where a command for everyone may be used: servers, DMs with the bot, and group DMs. */
export const EVERYWHERE = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
] as const;

/** What every handler can use. */
export interface BotContext {
  readonly storydesk: Storydesk;
  readonly config: BotConfig;
  readonly logger: Logger;
  readonly askCooldown: Cooldown;
  readonly startedAt: number;
  /** Corpus changes previewed to moderators, waiting for their confirmation. */
  readonly pending: PendingChanges;
  /** The guard of /corpus add's downloads. */
  readonly fetchLimits: FetchLimits;
  readonly metrics: BotMetrics;
  /** Interactions seen lately, so that one delivered twice is answered once. */
  readonly recent: RecentIds;
}

/** How an interaction ended, for the log line each one gets. */
export type Outcome = string;

/** A slash command: its registration data and its handlers. */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<Outcome>;
  /** Custom-id prefix of the buttons this command's replies carry, and their handler. */
  readonly buttons?: {
    readonly prefix: string;
    handle(interaction: ButtonInteraction, context: BotContext): Promise<Outcome>;
  };
}
