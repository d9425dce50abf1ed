import { ButtonStyle, ComponentType, MessageFlag } from "./constants.ts";
import { Errors, type FieldPath, type FormErrors } from "./errors.ts";
import { charLength, isObject } from "./json.ts";
import type {
  ActionRowComponent,
  AttachmentInfo,
  ButtonComponent,
  Component,
  Embed,
  EmbedField,
  JsonObject,
  OtherComponent,
} from "./types.ts";

/** Discord's message limits (https://discord.com/developers/docs/resources/message#create-message). */
export const MessageLimits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  placeholder: 150,
} as const;

/** The flags a bot may set when creating a message; others are dropped, as Discord does. */
const CREATE_FLAGS =
  MessageFlag.Ephemeral |
  MessageFlag.SuppressEmbeds |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsVoiceMessage |
  MessageFlag.IsComponentsV2;
/** The flags an edit may change. */
export const EDIT_FLAGS = MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;

/** The fields a create or edit request sets; a field is present only when the request sent it. */
export interface MessagePatch {
  content?: string;
  embeds?: Embed[];
  components?: Component[];
  flags?: number;
  /** Wrapped so that "sent as null" and "not sent" differ. */
  allowedMentions?: { readonly value: unknown };
  attachments?: AttachmentInfo[];
  tts?: boolean;
}

/** A message's content after a patch is applied, checked as a whole. */
export interface MessageBody {
  readonly content: string;
  readonly embeds: readonly Embed[];
  readonly components: readonly Component[];
  readonly attachments: readonly AttachmentInfo[];
}

/**
 * Reads a create/edit body: checks each field's type and limits, recording errors under `base`
 * (`["data"]` for interaction callbacks). `mode` decides which flags are kept.
 */
export function readMessagePatch(
  raw: JsonObject,
  base: FieldPath,
  errors: FormErrors,
  mode: "create" | "edit",
  files: readonly AttachmentInfo[] = [],
): MessagePatch {
  const patch: MessagePatch = {};
  if ("content" in raw && raw.content !== undefined) {
    if (raw.content === null) patch.content = "";
    else if (typeof raw.content !== "string")
      errors.wrongType([...base, "content"], "message.content.type", "a string");
    else {
      if (charLength(raw.content) > MessageLimits.content)
        errors.maxLength([...base, "content"], "message.content.length", MessageLimits.content);
      patch.content = raw.content;
    }
  }
  if ("embeds" in raw && raw.embeds !== undefined)
    patch.embeds = readEmbeds(raw.embeds, [...base, "embeds"], errors);
  if ("components" in raw && raw.components !== undefined)
    patch.components = readComponents(raw.components, [...base, "components"], errors);
  if ("flags" in raw && raw.flags !== undefined && raw.flags !== null) {
    if (typeof raw.flags !== "number" || !Number.isInteger(raw.flags))
      errors.wrongType([...base, "flags"], "message.flags.type", "an integer");
    else patch.flags = raw.flags & (mode === "create" ? CREATE_FLAGS : EDIT_FLAGS);
  }
  if ("allowed_mentions" in raw && raw.allowed_mentions !== undefined)
    patch.allowedMentions = { value: raw.allowed_mentions };
  if (typeof raw.tts === "boolean") patch.tts = raw.tts;
  if (files.length > 0 || Array.isArray(raw.attachments)) patch.attachments = [...files];
  return patch;
}

/** Checks what only the whole message can show: emptiness, total embed size, duplicate custom ids. */
export function checkMessageBody(
  body: MessageBody,
  base: FieldPath,
  errors: FormErrors,
  request: string,
): void {
  let total = 0;
  for (const embed of body.embeds) total += embedCharacters(embed);
  if (total > MessageLimits.embedTotal)
    errors.add(
      [...base, "embeds"],
      "embed.total.length",
      "MAX_EMBED_SIZE_EXCEEDED",
      `Embed size exceeds maximum size of ${MessageLimits.embedTotal} (got ${total})`,
    );
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const id of customIds(body.components)) {
    if (seen.has(id)) duplicated.add(id);
    seen.add(id);
  }
  for (const id of duplicated)
    errors.add(
      [...base, "components"],
      "components.custom_id.duplicate",
      "COMPONENT_CUSTOM_ID_DUPLICATED",
      `Component custom id cannot be duplicated (${JSON.stringify(id)})`,
    );
  if (!errors.empty) throw Errors.invalidForm(errors);
  const empty =
    body.content.trim() === "" &&
    body.embeds.length === 0 &&
    body.components.length === 0 &&
    body.attachments.length === 0;
  if (empty) throw Errors.emptyMessage(`${request}: the message has no content, embeds, components or files`);
}

/** The characters Discord counts towards the 6000 total of an embed. */
export function embedCharacters(embed: Embed): number {
  let n = charLength(embed.title ?? "") + charLength(embed.description ?? "");
  for (const field of embed.fields ?? []) n += charLength(field.name) + charLength(field.value);
  n += charLength(embed.footer?.text ?? "") + charLength(embed.author?.name ?? "");
  return n;
}

function* customIds(components: readonly Component[]): Generator<string> {
  for (const component of components) {
    if (typeof component.custom_id === "string") yield component.custom_id;
    if (isActionRow(component)) yield* customIds(component.components);
  }
}

export function isActionRow(component: Component): component is ActionRowComponent {
  return component.type === ComponentType.ActionRow && Array.isArray(component.components);
}

export function isButton(component: Component): component is ButtonComponent {
  return component.type === ComponentType.Button;
}

function readString(
  raw: JsonObject,
  key: string,
  path: FieldPath,
  errors: FormErrors,
  rule: string,
  limits: { max: number; required?: boolean },
): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) {
    if (limits.required) errors.required([...path, key], `${rule}.required`);
    return undefined;
  }
  if (typeof value !== "string") {
    errors.wrongType([...path, key], `${rule}.type`, "a string");
    return undefined;
  }
  if (limits.required && value.trim() === "") errors.required([...path, key], `${rule}.required`);
  else if (charLength(value) > limits.max) errors.maxLength([...path, key], `${rule}.length`, limits.max);
  return value;
}

function copyUnknownKeys(raw: JsonObject, known: readonly string[], into: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(raw)) if (!known.includes(key)) into[key] = value;
}

function readEmbeds(raw: unknown, path: FieldPath, errors: FormErrors): Embed[] {
  if (raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.wrongType(path, "message.embeds.type", "an array");
    return [];
  }
  if (raw.length > MessageLimits.embeds) errors.maxLength(path, "message.embeds.count", MessageLimits.embeds);
  return raw.map((item, i) => readEmbed(item, [...path, i], errors));
}

const EMBED_KEYS = ["title", "description", "fields", "footer", "author"] as const;

function readEmbed(raw: unknown, path: FieldPath, errors: FormErrors): Embed {
  if (!isObject(raw)) {
    errors.wrongType(path, "embed.type", "an object");
    return {};
  }
  const embed: Embed = {};
  copyUnknownKeys(raw, EMBED_KEYS, embed);
  const title = readString(raw, "title", path, errors, "embed.title", { max: MessageLimits.embedTitle });
  if (title !== undefined) embed.title = title;
  const description = readString(raw, "description", path, errors, "embed.description", {
    max: MessageLimits.embedDescription,
  });
  if (description !== undefined) embed.description = description;
  if (raw.fields !== undefined && raw.fields !== null) {
    if (!Array.isArray(raw.fields)) errors.wrongType([...path, "fields"], "embed.fields.type", "an array");
    else {
      if (raw.fields.length > MessageLimits.embedFields)
        errors.maxLength([...path, "fields"], "embed.fields.count", MessageLimits.embedFields);
      embed.fields = raw.fields.map((field, i) => readField(field, [...path, "fields", i], errors));
    }
  }
  if (raw.footer !== undefined && raw.footer !== null) {
    if (!isObject(raw.footer)) errors.wrongType([...path, "footer"], "embed.footer.type", "an object");
    else {
      const text = readString(raw.footer, "text", [...path, "footer"], errors, "embed.footer.text", {
        max: MessageLimits.footerText,
        required: true,
      });
      const footer: { text: string; icon_url?: string } = { text: text ?? "" };
      if (typeof raw.footer.icon_url === "string") footer.icon_url = raw.footer.icon_url;
      embed.footer = footer;
    }
  }
  if (raw.author !== undefined && raw.author !== null) {
    if (!isObject(raw.author)) errors.wrongType([...path, "author"], "embed.author.type", "an object");
    else {
      const name = readString(raw.author, "name", [...path, "author"], errors, "embed.author.name", {
        max: MessageLimits.authorName,
        required: true,
      });
      const author: { name: string; url?: string; icon_url?: string } = { name: name ?? "" };
      if (typeof raw.author.url === "string") author.url = raw.author.url;
      if (typeof raw.author.icon_url === "string") author.icon_url = raw.author.icon_url;
      embed.author = author;
    }
  }
  if (raw.color !== undefined && raw.color !== null) {
    if (
      typeof raw.color !== "number" ||
      !Number.isInteger(raw.color) ||
      raw.color < 0 ||
      raw.color > 0xffffff
    )
      errors.add(
        [...path, "color"],
        "embed.color.range",
        "NUMBER_TYPE_MAX",
        "int value should be <= 16777215.",
      );
  }
  return embed;
}

function readField(raw: unknown, path: FieldPath, errors: FormErrors): EmbedField {
  if (!isObject(raw)) {
    errors.wrongType(path, "embed.field.type", "an object");
    return { name: "", value: "" };
  }
  const name = readString(raw, "name", path, errors, "embed.field.name", {
    max: MessageLimits.fieldName,
    required: true,
  });
  const value = readString(raw, "value", path, errors, "embed.field.value", {
    max: MessageLimits.fieldValue,
    required: true,
  });
  const field: EmbedField = { name: name ?? "", value: value ?? "" };
  if (typeof raw.inline === "boolean") field.inline = raw.inline;
  return field;
}

function readComponents(raw: unknown, path: FieldPath, errors: FormErrors): Component[] {
  if (raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.wrongType(path, "components.type", "an array");
    return [];
  }
  if (raw.length > MessageLimits.actionRows)
    errors.maxLength(path, "components.rows.count", MessageLimits.actionRows);
  return raw.map((item, i) => readActionRow(item, [...path, i], errors));
}

function readActionRow(raw: unknown, path: FieldPath, errors: FormErrors): Component {
  if (!isObject(raw) || typeof raw.type !== "number") {
    errors.wrongType(path, "components.row.type", "a component object with a numeric type");
    return { type: -1 };
  }
  if (raw.type !== ComponentType.ActionRow) {
    errors.add(
      [...path, "type"],
      "components.row.type",
      "UNION_TYPE_CHOICES",
      `Value of field "type" must be one of (${ComponentType.ActionRow},) at the top level of a message without IS_COMPONENTS_V2 (got ${raw.type}).`,
    );
    return readComponent(raw, path, errors);
  }
  const children = Array.isArray(raw.components) ? raw.components : [];
  if (children.length < 1 || children.length > MessageLimits.rowButtons)
    errors.badLength([...path, "components"], "components.row.size", 1, MessageLimits.rowButtons);
  const components = children.map((child, i) => readComponent(child, [...path, "components", i], errors));
  const hasSelect = components.some((c) => c.type !== ComponentType.Button);
  if (hasSelect && components.length > 1)
    errors.add(
      [...path, "components"],
      "components.row.width",
      "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
      "The specified component exceeds the maximum width",
    );
  const row: ActionRowComponent = { type: ComponentType.ActionRow, components };
  copyUnknownKeys(raw, ["type", "components"], row);
  return row;
}

function readComponent(raw: unknown, path: FieldPath, errors: FormErrors): Component {
  if (!isObject(raw) || typeof raw.type !== "number") {
    errors.wrongType(path, "components.component.type", "a component object with a numeric type");
    return { type: -1 };
  }
  if (raw.type === ComponentType.Button) return readButton(raw, path, errors);
  const component: OtherComponent = { type: raw.type };
  copyUnknownKeys(raw, ["type"], component);
  if (raw.type === ComponentType.ActionRow) {
    errors.add(
      path,
      "components.row.nested",
      "UNION_TYPE_CHOICES",
      "An action row cannot contain another row.",
    );
    return component;
  }
  const customId = readString(raw, "custom_id", path, errors, "components.custom_id", {
    max: MessageLimits.customId,
    required: true,
  });
  if (customId !== undefined) component.custom_id = customId;
  readString(raw, "placeholder", path, errors, "components.select.placeholder", {
    max: MessageLimits.placeholder,
  });
  if (raw.type === ComponentType.StringSelect) {
    const options = Array.isArray(raw.options) ? raw.options : [];
    if (options.length < 1 || options.length > MessageLimits.selectOptions)
      errors.badLength(
        [...path, "options"],
        "components.select.options.count",
        1,
        MessageLimits.selectOptions,
      );
    for (const [i, option] of options.entries()) {
      if (!isObject(option)) {
        errors.wrongType([...path, "options", i], "components.select.option.type", "an object");
        continue;
      }
      const at = [...path, "options", i];
      const limits = { max: MessageLimits.selectOptionText, required: true };
      readString(option, "label", at, errors, "components.select.option.label", limits);
      readString(option, "value", at, errors, "components.select.option.value", limits);
      readString(option, "description", at, errors, "components.select.option.description", {
        max: MessageLimits.selectOptionText,
      });
    }
  }
  return component;
}

function readButton(raw: JsonObject, path: FieldPath, errors: FormErrors): ButtonComponent {
  const style = typeof raw.style === "number" ? raw.style : 0;
  if (!Number.isInteger(style) || style < 1 || style > 6)
    errors.add(
      [...path, "style"],
      "components.button.style",
      "BASE_TYPE_CHOICES",
      "Value must be one of {1, 2, 3, 4, 5, 6}.",
    );
  const button: ButtonComponent = { type: ComponentType.Button, style };
  copyUnknownKeys(raw, ["type", "style", "label", "custom_id"], button);
  const label = readString(raw, "label", path, errors, "components.button.label", {
    max: MessageLimits.buttonLabel,
  });
  if (label !== undefined) button.label = label;
  if (style === ButtonStyle.Link) {
    if (typeof raw.url !== "string") errors.required([...path, "url"], "components.button.url.required");
    if (raw.custom_id !== undefined)
      errors.add(
        [...path, "custom_id"],
        "components.button.custom_id.forbidden",
        "BUTTON_CUSTOM_ID_FORBIDDEN",
        "Link buttons cannot have a custom_id",
      );
  } else if (style !== ButtonStyle.Premium) {
    const customId = readString(raw, "custom_id", path, errors, "components.custom_id", {
      max: MessageLimits.customId,
      required: true,
    });
    if (customId !== undefined) button.custom_id = customId;
    if (label === undefined && raw.emoji === undefined)
      errors.add(
        [...path, "label"],
        "components.button.label.required",
        "BUTTON_LABEL_OR_EMOJI_REQUIRED",
        "A button needs a label or an emoji",
      );
  }
  return button;
}

/** The body of a new message made from a create request. */
export function bodyOf(patch: MessagePatch): MessageBody {
  return {
    content: patch.content ?? "",
    embeds: patch.embeds ?? [],
    components: patch.components ?? [],
    attachments: patch.attachments ?? [],
  };
}
