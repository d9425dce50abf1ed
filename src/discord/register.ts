import { REST, Routes } from "discord.js";
import { loadEnvFile } from "../entry/config.ts";
import { CLIError, EXIT_FAILURE } from "../entry/errors.ts";
import { runMain } from "../entry/run-main.ts";
import { commands } from "./commands/index.ts";
import { readBotConfig } from "./config.ts";
import { describeStartError } from "./start-errors.ts";

/**
 * `npm run register`: overwrites the bot's commands with this version's, in one bulk request: in
 * DISCORD_GUILD_ID when set (instant, for development), globally otherwise.
 */
await runMain({
  usage: "npm run register",
  description:
    "Registers the bot's slash commands with Discord (in DISCORD_GUILD_ID when set, else globally).",
  async run() {
    loadEnvFile();
    const config = readBotConfig();
    const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
      config.DISCORD_TOKEN,
    );
    const route = config.DISCORD_GUILD_ID
      ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, config.DISCORD_GUILD_ID)
      : Routes.applicationCommands(config.DISCORD_CLIENT_ID);
    let saved: Array<{ name: string }>;
    try {
      saved = (await rest.put(route, { body: commands.map((c) => c.data) })) as Array<{ name: string }>;
    } catch (cause) {
      throw new CLIError(describeStartError(cause), { exitCode: EXIT_FAILURE });
    }
    const where = config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID}` : "globally";
    process.stdout.write(
      `Registered ${saved.length} commands ${where}: ${saved.map((c) => `/${c.name}`).join(", ")}\n`,
    );
  },
});
