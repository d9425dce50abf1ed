/** The Discord world of the bench's runs through the emulator: one application, its reader. */

// Shaped like a bot token, made up: the emulator accepts only it, on loopback.
export const TOKEN = "bench-token-for-storydesk.emulator.only-on-loopback-not-a-secret";
export const APP_ID = "1000000000000000001";
export const USER = { id: "1000000000000000501", username: "reader" };
/** Interactions answered before timing starts, so that first-call costs are not measured. */
export const WARMUPS = 20;
