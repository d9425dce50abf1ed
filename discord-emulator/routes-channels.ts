import { MessageFlag, MessageType } from "./constants.ts";
import type { EmulatorContext } from "./context.ts";
import { Errors, FormErrors } from "./errors.ts";
import { jsonObjectBody, type RestRequest, type Router } from "./http.ts";
import type { MessageRecord } from "./messages.ts";
import { bodyOf, checkMessageBody, EDIT_FLAGS, readMessagePatch } from "./validate-message.ts";
import type { ChannelRecord } from "./world.ts";

/** Channel routes a bot may use outside interactions: channel lookup, channel messages, typing, DMs. */
export function channelRoutes(router: Router, ctx: EmulatorContext): void {
  const channelOf = (request: RestRequest, id: string | undefined): ChannelRecord => {
    const channel = ctx.world.channels.get(id ?? "");
    if (!channel) throw Errors.unknownChannel(`${request.label}: no channel ${id}`);
    return channel;
  };
  const messageOf = (request: RestRequest, channel: ChannelRecord, id: string | undefined): MessageRecord => {
    const message = ctx.messages.get(id ?? "");
    if (!message || message.deleted || message.channel_id !== channel.id || message.ephemeral)
      throw Errors.unknownMessage(`${request.label}: no message ${id} in channel ${channel.id}`);
    return message;
  };

  router.on("GET", "/channels/:channel", "bot", (request, params) => ({
    status: 200,
    body: ctx.world.channelJson(channelOf(request, params.channel)),
  }));
  router.on("POST", "/channels/:channel/typing", "bot", (request, params) => {
    channelOf(request, params.channel);
    return { status: 204 };
  });
  router.on("POST", "/channels/:channel/messages", "bot", (request, params) => {
    const channel = channelOf(request, params.channel);
    const errors = new FormErrors();
    const patch = readMessagePatch(jsonObjectBody(request), [], errors, "create", request.files);
    checkMessageBody(bodyOf(patch), [], errors, request.label);
    const message = ctx.messages.create({
      channelId: channel.id,
      guildId: channel.guildId,
      kind: "channel",
      type: MessageType.Default,
      author: { id: ctx.world.bot.id, username: ctx.world.bot.username, bot: true },
      authorJson: ctx.world.userJson(ctx.world.bot),
      webhookId: null,
      interactionId: null,
      interactionMetadata: null,
      interaction: null,
    });
    message.fill({ ...patch, flags: (patch.flags ?? 0) & ~MessageFlag.Ephemeral });
    ctx.changed();
    return { status: 200, body: message.raw() };
  });
  router.on("GET", "/channels/:channel/messages/:message", "bot", (request, params) => ({
    status: 200,
    body: messageOf(request, channelOf(request, params.channel), params.message).raw(),
  }));
  router.on("PATCH", "/channels/:channel/messages/:message", "bot", (request, params) => {
    const message = messageOf(request, channelOf(request, params.channel), params.message);
    const errors = new FormErrors();
    const patch = readMessagePatch(jsonObjectBody(request), [], errors, "edit", request.files);
    checkMessageBody(message.bodyAfter(patch), [], errors, request.label);
    message.edit(patch, EDIT_FLAGS);
    ctx.changed();
    return { status: 200, body: message.raw() };
  });
  router.on("DELETE", "/channels/:channel/messages/:message", "bot", (request, params) => {
    messageOf(request, channelOf(request, params.channel), params.message).deleted = true;
    ctx.changed();
    return { status: 204 };
  });
  router.on("POST", "/users/@me/channels", "bot", (request) => {
    const body = jsonObjectBody(request);
    if (typeof body.recipient_id !== "string") {
      const errors = new FormErrors();
      errors.required(["recipient_id"], "dm.recipient.required");
      throw Errors.invalidForm(errors);
    }
    const user = ctx.world.user({ id: body.recipient_id });
    return { status: 200, body: ctx.world.channelJson(ctx.world.dmChannel(user.id)) };
  });
}
