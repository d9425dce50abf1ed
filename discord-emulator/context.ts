import type { CommandRegistry } from "./commands.ts";
import type { Gateway } from "./gateway.ts";
import type { Snowflakes } from "./ids.ts";
import type { InteractionRegistry } from "./interactions.ts";
import type { MessageStore } from "./messages.ts";
import type { World } from "./world.ts";

/** The state the REST routes share. */
export interface EmulatorContext {
  readonly token: string;
  readonly applicationId: string;
  readonly ackDeadlineMs: number;
  readonly tokenLifetimeMs: number;
  /** The shard count GET /gateway/bot recommends. */
  readonly recommendedShards: number;
  /** GET /gateway/bot's `session_start_limit.max_concurrency`. */
  readonly maxConcurrency: number;
  readonly world: World;
  readonly ids: Snowflakes;
  readonly messages: MessageStore;
  readonly interactions: InteractionRegistry;
  readonly commands: CommandRegistry;
  readonly gateway: Gateway;
  /** Call after every state change, so that waits re-check. */
  readonly changed: () => void;
}
