import { CallbackType, MessageFlag } from "./constants.ts";
import type { EmulatorContext } from "./context.ts";
import { ApiError, Errors, FormErrors } from "./errors.ts";
import { jsonObjectBody, type RestReply, type RestRequest, type Router } from "./http.ts";
import { type InteractionRecord, responseOrigin } from "./interactions.ts";
import { cloneJson, isObject } from "./json.ts";
import type { MessageRecord } from "./messages.ts";
import type { JsonObject } from "./types.ts";
import { readAutocompleteChoices } from "./validate-autocomplete.ts";
import { bodyOf, checkMessageBody, EDIT_FLAGS, readMessagePatch } from "./validate-message.ts";

/** Runs a handler for one interaction, tagging any error it answers with the interaction's id. */
async function about(
  record: InteractionRecord,
  handler: () => RestReply | Promise<RestReply>,
): Promise<RestReply> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof ApiError) error.interactionId ??= record.id;
    throw error;
  }
}

/** Interaction callbacks (the acknowledgement) and the interaction webhook (@original, follow-ups). */
export function interactionRoutes(router: Router, ctx: EmulatorContext): void {
  router.on("POST", "/interactions/:id/:token/callback", "none", (request, params) => {
    const record = ctx.interactions.byId(params.id ?? "");
    if (!record || record.token !== params.token)
      throw Errors.unknownInteraction(
        "interaction.unknown",
        `${request.label}: no interaction ${params.id} with this token`,
      );
    return about(record, () => callback(ctx, record, request));
  });

  const webhookRecord = (request: RestRequest, app: string | undefined, token: string | undefined) => {
    const record = ctx.interactions.byToken(token ?? "");
    if (!record || app !== ctx.applicationId)
      throw Errors.unknownWebhook(
        "webhook.unknown",
        `${request.label}: no interaction of application ${app} has this token`,
      );
    return record;
  };

  /** Follow-ups and @original need an accepted callback and an unexpired token. */
  const checkUsable = (request: RestRequest, record: InteractionRecord): void => {
    if (!record.ack)
      throw Errors.unknownWebhook(
        "webhook.not-acknowledged",
        `${request.label}: ${record.label} has not been acknowledged; @original and follow-ups need an accepted callback first`,
      );
    const age = record.elapsed();
    if (age > ctx.tokenLifetimeMs)
      throw Errors.invalidWebhookToken(
        "webhook.token-expired",
        `${request.label}: the token of ${record.label} is ${age} ms old; it expires after ${ctx.tokenLifetimeMs} ms`,
      );
  };

  const messageOf = (
    request: RestRequest,
    record: InteractionRecord,
    id: string | undefined,
  ): MessageRecord => {
    const messageId = id === "@original" ? record.originalId : (id ?? null);
    const ours =
      messageId !== null && (messageId === record.originalId || record.followUpIds.includes(messageId));
    const message = ours ? ctx.messages.get(messageId) : undefined;
    if (!message || message.deleted)
      throw Errors.unknownMessage(
        id === "@original" && record.originalId === null
          ? `${request.label}: ${record.label} has no @original message (it was answered with callback type ${record.ack?.type})`
          : `${request.label}: ${record.label} has no message ${id}`,
      );
    return message;
  };

  // discord.js sends `@original` URL-encoded (%40original); the router decodes parameters.
  const messagePath = "/webhooks/:app/:token/messages/:message";
  router.on("GET", messagePath, "none", (request, params) => {
    const record = webhookRecord(request, params.app, params.token);
    return about(record, () => {
      checkUsable(request, record);
      return { status: 200, body: messageOf(request, record, params.message).raw() };
    });
  });
  router.on("PATCH", messagePath, "none", (request, params) => {
    const record = webhookRecord(request, params.app, params.token);
    return about(record, () => {
      checkUsable(request, record);
      const message = messageOf(request, record, params.message);
      editMessage(message, request);
      if (message.id === record.originalId) record.originalPending = false;
      ctx.changed();
      return { status: 200, body: message.raw() };
    });
  });
  router.on("DELETE", messagePath, "none", (request, params) => {
    const record = webhookRecord(request, params.app, params.token);
    return about(record, () => {
      checkUsable(request, record);
      messageOf(request, record, params.message).deleted = true;
      ctx.changed();
      return { status: 204 };
    });
  });

  router.on("POST", "/webhooks/:app/:token", "none", (request, params) => {
    const record = webhookRecord(request, params.app, params.token);
    return about(record, () => {
      checkUsable(request, record);
      if (record.kind === "autocomplete")
        throw Errors.unknownWebhook(
          "webhook.autocomplete",
          `${request.label}: autocomplete interactions cannot send messages`,
        );
      const errors = new FormErrors();
      const patch = readMessagePatch(jsonObjectBody(request), [], errors, "create", request.files);
      const original = record.originalId === null ? undefined : ctx.messages.get(record.originalId);
      let message: MessageRecord;
      if (record.originalPending && original?.loading) {
        // Discord: the first follow-up after a deferred reply replaces the "thinking…" placeholder,
        // keeping the ephemerality chosen when deferring.
        checkMessageBody(original.bodyAfter(patch), [], errors, request.label);
        original.edit(patch, EDIT_FLAGS);
        record.originalPending = false;
        message = original;
      } else {
        checkMessageBody(bodyOf(patch), [], errors, request.label);
        message = ctx.messages.create(responseOrigin(ctx.world, ctx.applicationId, record, "follow-up"));
        message.fill(patch);
        record.followUpIds.push(message.id);
      }
      ctx.changed();
      return request.query.get("wait") === "true" ? { status: 200, body: message.raw() } : { status: 204 };
    });
  });
}

function editMessage(
  message: MessageRecord,
  request: RestRequest,
  base: readonly string[] = [],
  raw?: JsonObject,
): void {
  const errors = new FormErrors();
  const patch = readMessagePatch(raw ?? jsonObjectBody(request), base, errors, "edit", request.files);
  checkMessageBody(message.bodyAfter(patch), base, errors, request.label);
  message.edit(patch, EDIT_FLAGS);
}

function callback(ctx: EmulatorContext, record: InteractionRecord, request: RestRequest): RestReply {
  const at = record.elapsed();
  if (record.ack)
    throw Errors.alreadyAcknowledged(
      `${request.label}: ${record.label} was already acknowledged (callback type ${record.ack.type} at ${record.ack.at} ms)`,
    );
  if (record.expired || at > ctx.ackDeadlineMs)
    throw Errors.unknownInteraction(
      "interaction.late-callback",
      `${request.label}: the first callback for ${record.label} arrived ${at} ms after dispatch; the deadline is ${ctx.ackDeadlineMs} ms`,
    );
  const body = jsonObjectBody(request);
  const type = body.type;
  const data = isObject(body.data) ? body.data : null;
  if (typeof type !== "number" || !record.allowedCallbacks().includes(type)) {
    const errors = new FormErrors();
    errors.add(
      ["type"],
      "interaction.callback-type",
      "INTERACTION_RESPONSE_TYPE_INVALID",
      `Callback type ${String(type)} is not valid for a ${record.kind} interaction (allowed: ${record.allowedCallbacks().join(", ")})`,
    );
    throw Errors.invalidForm(errors);
  }
  const errors = new FormErrors();
  switch (type) {
    case CallbackType.ChannelMessageWithSource: {
      const patch = readMessagePatch(data ?? {}, ["data"], errors, "create", request.files);
      checkMessageBody(bodyOf(patch), ["data"], errors, request.label);
      const message = ctx.messages.create(responseOrigin(ctx.world, ctx.applicationId, record, "reply"));
      message.fill(patch);
      record.originalId = message.id;
      record.originalPending = false;
      break;
    }
    case CallbackType.DeferredChannelMessageWithSource: {
      const flags = typeof data?.flags === "number" ? data.flags & MessageFlag.Ephemeral : 0;
      const message = ctx.messages.create(responseOrigin(ctx.world, ctx.applicationId, record, "reply"));
      message.fill({}, MessageFlag.Loading | flags);
      record.originalId = message.id;
      record.originalPending = true;
      break;
    }
    case CallbackType.DeferredUpdateMessage:
    case CallbackType.UpdateMessage: {
      const target = record.componentMessage;
      if (!target || target.deleted)
        throw Errors.unknownMessage(`${request.label}: the message of ${record.label} no longer exists`);
      if (type === CallbackType.UpdateMessage) editMessage(target, request, ["data"], data ?? {});
      record.originalId = target.id;
      record.originalPending = type === CallbackType.DeferredUpdateMessage;
      break;
    }
    case CallbackType.ApplicationCommandAutocompleteResult: {
      const choices = readAutocompleteChoices(data, errors);
      if (!errors.empty) throw Errors.invalidForm(errors);
      record.choices = choices;
      break;
    }
    case CallbackType.Modal:
      break;
  }
  record.ack = { type, data: data === null ? null : cloneJson(data), at };
  if (record.deadline) clearTimeout(record.deadline);
  ctx.changed();
  if (request.query.get("with_response") !== "true") return { status: 204 };
  return { status: 200, body: callbackResponse(ctx, record, type) };
}

/** The body of a callback made with `?with_response=true`. */
function callbackResponse(ctx: EmulatorContext, record: InteractionRecord, type: number): JsonObject {
  const message = record.originalId === null ? undefined : ctx.messages.get(record.originalId);
  const hasMessage = message !== undefined && type !== CallbackType.ApplicationCommandAutocompleteResult;
  return {
    interaction: {
      id: record.id,
      type: record.interactionType,
      activity_instance_id: null,
      ...(hasMessage
        ? {
            response_message_id: message.id,
            response_message_loading: message.loading,
            response_message_ephemeral: message.ephemeral,
          }
        : {}),
    },
    resource: { type, ...(hasMessage ? { message: message.raw() } : {}) },
  };
}
