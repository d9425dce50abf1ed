/** The Discord world of the bot's end-to-end tests: one application, one server, its people. */

// Shaped like a bot token, but made up: never a real secret in the repository.
export const TOKEN = "test-token-for-storydesk.emulator.only-on-loopback-not-a-secret";
export const APP_ID = "1000000000000000001";
export const GUILD_ID = "1000000000000000100";
/** The server's moderator role, listed in MODERATOR_ROLE_IDS. */
export const MOD_ROLE = "1000000000000000301";
export const MEMBER = { id: "1000000000000000501", username: "reader" };
export const MODERATOR = { id: "1000000000000000502", username: "moderator" };
/** Discord's flag of a message only its recipient sees. */
export const EPHEMERAL = 64;
