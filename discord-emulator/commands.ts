import { ApplicationCommandType, OptionType } from "./constants.ts";
import { Errors, type FieldPath, FormErrors } from "./errors.ts";
import type { Snowflakes } from "./ids.ts";
import { charLength, isObject } from "./json.ts";
import type { JsonObject, RegisteredCommand } from "./types.ts";

/** Application command limits (https://discord.com/developers/docs/interactions/application-commands). */
export const CommandLimits = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  chatInputCommands: 100,
  contextMenuCommands: 15,
} as const;

/** Chat-input command and option names: Discord's pattern, lowercase where a character has case. */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const VALUE_TYPES: readonly number[] = [OptionType.String, OptionType.Integer, OptionType.Number];

function checkName(
  raw: JsonObject,
  path: FieldPath,
  errors: FormErrors,
  rule: string,
  chatInput: boolean,
): string {
  const name = raw.name;
  if (typeof name !== "string" || name.length === 0) {
    errors.required([...path, "name"], `${rule}.required`);
    return "";
  }
  if (charLength(name) > CommandLimits.name)
    errors.badLength([...path, "name"], `${rule}.length`, 1, CommandLimits.name);
  else if (chatInput && (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()))
    errors.add(
      [...path, "name"],
      `${rule}.invalid`,
      "APPLICATION_COMMAND_INVALID_NAME",
      `Command name is invalid: ${JSON.stringify(name)} (lowercase letters, digits, - _ ' only)`,
    );
  return name;
}

function checkDescription(raw: JsonObject, path: FieldPath, errors: FormErrors, rule: string): void {
  const description = raw.description;
  if (typeof description !== "string" || description.length === 0)
    errors.required([...path, "description"], `${rule}.required`);
  else if (charLength(description) > CommandLimits.description)
    errors.badLength([...path, "description"], `${rule}.length`, 1, CommandLimits.description);
}

function checkChoices(raw: JsonObject, path: FieldPath, errors: FormErrors): void {
  if (raw.choices === undefined || raw.choices === null) return;
  if (!Array.isArray(raw.choices)) {
    errors.wrongType([...path, "choices"], "commands.option.choices.type", "an array");
    return;
  }
  if (raw.autocomplete === true && raw.choices.length > 0)
    errors.add(
      [...path, "autocomplete"],
      "commands.option.autocomplete-with-choices",
      "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
      "Autocomplete cannot be enabled on an option that has choices",
    );
  if (raw.choices.length > CommandLimits.choices)
    errors.maxLength([...path, "choices"], "commands.option.choices.count", CommandLimits.choices);
  for (const [i, choice] of raw.choices.entries()) {
    const at = [...path, "choices", i];
    if (!isObject(choice)) {
      errors.wrongType(at, "commands.option.choice.type", "an object");
      continue;
    }
    if (
      typeof choice.name !== "string" ||
      choice.name.length === 0 ||
      charLength(choice.name) > CommandLimits.choiceName
    )
      errors.badLength([...at, "name"], "commands.option.choice.name.length", 1, CommandLimits.choiceName);
    if (typeof choice.value === "string") {
      if (charLength(choice.value) > CommandLimits.choiceValue)
        errors.maxLength([...at, "value"], "commands.option.choice.value.length", CommandLimits.choiceValue);
    } else if (typeof choice.value !== "number")
      errors.required([...at, "value"], "commands.option.choice.value.required");
  }
}

function checkOptions(raw: JsonObject, path: FieldPath, errors: FormErrors): void {
  if (raw.options === undefined || raw.options === null) return;
  if (!Array.isArray(raw.options)) {
    errors.wrongType([...path, "options"], "commands.options.type", "an array");
    return;
  }
  if (raw.options.length > CommandLimits.options)
    errors.maxLength([...path, "options"], "commands.options.count", CommandLimits.options);
  const names = new Set<string>();
  let optionalSeen = false;
  for (const [i, option] of raw.options.entries()) {
    const at = [...path, "options", i];
    if (!isObject(option)) {
      errors.wrongType(at, "commands.option.type", "an object");
      continue;
    }
    const type = option.type;
    if (typeof type !== "number" || type < OptionType.Subcommand || type > OptionType.Attachment)
      errors.add(
        [...at, "type"],
        "commands.option.type",
        "BASE_TYPE_CHOICES",
        "Value must be one of {1, …, 11}.",
      );
    const name = checkName(option, at, errors, "commands.option.name", true);
    if (names.has(name))
      errors.add(
        [...at, "name"],
        "commands.option.name.duplicate",
        "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
        `Option name ${JSON.stringify(name)} already exists`,
      );
    names.add(name);
    checkDescription(option, at, errors, "commands.option.description");
    if (type === OptionType.Subcommand || type === OptionType.SubcommandGroup) {
      checkOptions(option, at, errors);
      continue;
    }
    if (option.required === true && optionalSeen)
      errors.add(
        [...at, "required"],
        "commands.option.required-order",
        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        "Required options must be placed before non-required options",
      );
    if (option.required !== true) optionalSeen = true;
    if (typeof type === "number" && VALUE_TYPES.includes(type)) checkChoices(option, at, errors);
    else if (option.choices !== undefined)
      errors.add(
        [...at, "choices"],
        "commands.option.choices.forbidden",
        "BASE_TYPE_BAD_TYPE",
        "Choices are only allowed on string, integer and number options",
      );
  }
}

/** Checks a bulk-overwrite body; throws Discord's 50035 error when a command breaks a rule. */
export function validateCommands(body: unknown): JsonObject[] {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.wrongType([], "commands.body.type", "an array");
    throw Errors.invalidForm(errors);
  }
  const seen = new Set<string>();
  const commands: JsonObject[] = [];
  let chatInput = 0;
  let contextMenu = 0;
  for (const [i, raw] of body.entries()) {
    if (!isObject(raw)) {
      errors.wrongType([i], "commands.command.type", "an object");
      continue;
    }
    const type = raw.type ?? ApplicationCommandType.ChatInput;
    if (typeof type !== "number" || type < 1 || type > 4)
      errors.add(
        [i, "type"],
        "commands.command.type",
        "BASE_TYPE_CHOICES",
        "Value must be one of {1, 2, 3, 4}.",
      );
    const isChatInput = type === ApplicationCommandType.ChatInput;
    const name = checkName(raw, [i], errors, "commands.name", isChatInput);
    const key = `${String(type)}:${name}`;
    if (seen.has(key))
      errors.add(
        [i, "name"],
        "commands.name.duplicate",
        "APPLICATION_COMMANDS_DUPLICATE_NAME",
        `Application command names must be unique (${JSON.stringify(name)})`,
      );
    seen.add(key);
    if (isChatInput) {
      chatInput++;
      checkDescription(raw, [i], errors, "commands.description");
      checkOptions(raw, [i], errors);
    } else {
      contextMenu++;
      if (typeof raw.description === "string" && raw.description !== "")
        errors.add(
          [i, "description"],
          "commands.description.forbidden",
          "BASE_TYPE_BAD_LENGTH",
          "Context menu commands cannot have a description",
        );
      if (raw.options !== undefined)
        errors.add(
          [i, "options"],
          "commands.options.forbidden",
          "BASE_TYPE_BAD_TYPE",
          "Context menu commands cannot have options",
        );
    }
    commands.push(raw);
  }
  if (chatInput > CommandLimits.chatInputCommands)
    errors.maxLength([], "commands.count", CommandLimits.chatInputCommands);
  if (contextMenu > CommandLimits.contextMenuCommands * 2)
    errors.maxLength([], "commands.count", CommandLimits.contextMenuCommands * 2);
  if (!errors.empty) throw Errors.invalidForm(errors);
  return commands;
}

/** Registered commands per scope ("global" or a guild id); ids stay stable across overwrites, as on Discord. */
export class CommandRegistry {
  readonly global: RegisteredCommand[] = [];
  readonly guilds = new Map<string, RegisteredCommand[]>();
  readonly #ids = new Map<string, string>();
  readonly #snowflakes: Snowflakes;
  readonly #applicationId: string;

  constructor(applicationId: string, snowflakes: Snowflakes) {
    this.#applicationId = applicationId;
    this.#snowflakes = snowflakes;
  }

  /** Replaces every command of a scope (null: global). */
  overwrite(guildId: string | null, commands: readonly JsonObject[]): RegisteredCommand[] {
    const registered = commands.map((raw) => this.#register(guildId, raw));
    const list = guildId === null ? this.global : (this.guilds.get(guildId) ?? []);
    list.splice(0, list.length, ...registered);
    if (guildId !== null) this.guilds.set(guildId, list);
    return registered;
  }

  /** Creates or replaces one command (POST: upsert by name). */
  upsert(guildId: string | null, raw: JsonObject): RegisteredCommand {
    const command = this.#register(guildId, raw);
    const list = guildId === null ? this.global : (this.guilds.get(guildId) ?? []);
    const at = list.findIndex((c) => c.name === command.name && c.type === command.type);
    if (at >= 0) list.splice(at, 1, command);
    else list.push(command);
    if (guildId !== null) this.guilds.set(guildId, list);
    return command;
  }

  list(guildId: string | null): RegisteredCommand[] {
    return guildId === null ? this.global : (this.guilds.get(guildId) ?? []);
  }

  /** The chat-input command a user would invoke by this name in this guild (guild commands first). */
  find(name: string, guildId: string | null): RegisteredCommand | undefined {
    const isMatch = (c: RegisteredCommand) => c.name === name && c.type === ApplicationCommandType.ChatInput;
    return (
      (guildId === null ? undefined : this.guilds.get(guildId)?.find(isMatch)) ?? this.global.find(isMatch)
    );
  }

  /** A stable id for an unregistered command name, so repeated dispatches agree. */
  idFor(name: string, guildId: string | null): string {
    return this.#idOf(`${guildId ?? "global"}:1:${name}`);
  }

  #idOf(key: string): string {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#snowflakes.next();
      this.#ids.set(key, id);
    }
    return id;
  }

  #register(guildId: string | null, raw: JsonObject): RegisteredCommand {
    const type = typeof raw.type === "number" ? raw.type : ApplicationCommandType.ChatInput;
    const name = typeof raw.name === "string" ? raw.name : "";
    const description = typeof raw.description === "string" ? raw.description : "";
    return {
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...raw,
      id: this.#idOf(`${guildId ?? "global"}:${type}:${name}`),
      application_id: this.#applicationId,
      version: this.#snowflakes.next(),
      type,
      name,
      description,
      ...(guildId === null ? {} : { guild_id: guildId }),
    };
  }
}
