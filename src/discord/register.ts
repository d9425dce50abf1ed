import { REST, Routes } from "discord.js";
import { loadEnvFile } from "../config.ts";
import { commands } from "./commands/index.ts";
import { readBotConfigOrExplain } from "./config.ts";
import { describeStartError } from "./start-errors.ts";

/**
 * `npm run register`: overwrites the bot's commands with this version's, in one bulk request: in
 * DISCORD_GUILD_ID when set (instant, for development), globally otherwise.
 */
async function main(): Promise<number> {
  loadEnvFile();
  const config = readBotConfigOrExplain();
  if (!config) return 2;
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
    config.DISCORD_TOKEN,
  );
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID);
  try {
    const saved = (await rest.put(route, { body: commands.map((c) => c.data) })) as Array<{ name: string }>;
    const where = config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID}` : "globally";
    process.stdout.write(
      `Registered ${saved.length} commands ${where}: ${saved.map((c) => `/${c.name}`).join(", ")}\n`,
    );
    return 0;
  } catch (cause) {
    process.stderr.write(`${describeStartError(cause)}\n`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    process.stderr.write(`${describeStartError(cause)}\n`);
    process.exitCode = 1;
  },
);
