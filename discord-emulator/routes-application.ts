import { validateCommands } from "./commands.ts";
import type { EmulatorContext } from "./context.ts";
import { Errors } from "./errors.ts";
import type { Params, RestRequest, Router } from "./http.ts";
import { isObject } from "./json.ts";

/** Login and application routes: gateway discovery, the bot's user and application, command registration. */
export function applicationRoutes(router: Router, ctx: EmulatorContext): void {
  const sessionStartLimit = () => ({
    total: 1000,
    remaining: 1000 - ctx.gateway.identifies,
    reset_after: 14_400_000,
    max_concurrency: ctx.maxConcurrency,
  });
  router.on("GET", "/gateway/bot", "bot", () => ({
    status: 200,
    body: { url: ctx.gateway.url, shards: ctx.recommendedShards, session_start_limit: sessionStartLimit() },
  }));
  router.on("GET", "/gateway", "none", () => ({ status: 200, body: { url: ctx.gateway.url } }));
  router.on("GET", "/users/@me", "bot", () => ({
    status: 200,
    body: { ...ctx.world.userJson(ctx.world.bot), verified: true, mfa_enabled: false, flags: 0 },
  }));
  const application = () => ({
    status: 200,
    body: {
      id: ctx.applicationId,
      name: ctx.world.bot.username,
      icon: null,
      description: "",
      summary: "",
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      flags: 0,
      owner: ctx.world.userJson(ctx.world.user()),
      team: null,
      bot: ctx.world.userJson(ctx.world.bot),
      approximate_guild_count: ctx.world.guilds.size,
      integration_types_config: { "0": {} },
    },
  });
  router.on("GET", "/applications/@me", "bot", application);
  router.on("GET", "/oauth2/applications/@me", "bot", application);

  /** The scope of a commands route (null: global), after checking the application and guild. */
  const scope = (request: RestRequest, params: Params): string | null => {
    if (params.app !== ctx.applicationId)
      throw Errors.missingAccess(
        `${request.label}: the bot's application is ${ctx.applicationId}, not ${params.app}`,
      );
    const guildId = params.guild ?? null;
    if (guildId !== null && !ctx.world.guilds.has(guildId))
      throw Errors.missingAccess(`${request.label}: the bot is not in guild ${guildId}`);
    return guildId;
  };
  for (const base of ["/applications/:app/commands", "/applications/:app/guilds/:guild/commands"]) {
    router.on("PUT", base, "bot", (request, params) => {
      const guildId = scope(request, params);
      const commands = validateCommands(request.body);
      const registered = ctx.commands.overwrite(guildId, commands);
      ctx.changed();
      return { status: 200, body: registered };
    });
    router.on("GET", base, "bot", (request, params) => ({
      status: 200,
      body: ctx.commands.list(scope(request, params)),
    }));
    router.on("POST", base, "bot", (request, params) => {
      const guildId = scope(request, params);
      const [command] = validateCommands([request.body]);
      if (!isObject(command)) throw new Error("validateCommands returned nothing for one command");
      const registered = ctx.commands.upsert(guildId, command);
      ctx.changed();
      return { status: 201, body: registered };
    });
  }
}
