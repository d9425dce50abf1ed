import { ALL_PERMISSIONS, API_VERSION, ChannelType, DEFAULT_EVERYONE_PERMISSIONS } from "./constants.ts";
import type { Snowflakes } from "./ids.ts";
import { routeShard, type ShardKey } from "./sharding.ts";
import type { EmulatorOptions, InteractionUser, JsonObject, RoleOptions } from "./types.ts";

/** The users, guilds and channels the emulated Discord knows, and their JSON shapes. */

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly bot: boolean;
}

export interface ChannelRecord {
  readonly id: string;
  readonly name: string;
  readonly type: number;
  readonly guildId: string | null;
  /** For DM channels: the user on the other side. */
  readonly recipientId: string | null;
  readonly position: number;
}

export interface GuildRecord {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  /** @everyone first. */
  readonly roles: readonly RoleOptions[];
  readonly channels: readonly ChannelRecord[];
  readonly joinedAt: string;
}

export class World {
  readonly bot: UserRecord;
  /** What an interaction in a DM reports as the application's permissions. */
  readonly dmAppPermissions = DEFAULT_EVERYONE_PERMISSIONS;
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly #users = new Map<string, UserRecord>();
  readonly #dms = new Map<string, ChannelRecord>();
  readonly #ids: Snowflakes;
  readonly #defaultUser: UserRecord;

  constructor(options: EmulatorOptions, ids: Snowflakes) {
    this.#ids = ids;
    const bot = options.botUser ?? { id: options.applicationId, username: "storydesk" };
    this.bot = { id: bot.id, username: bot.username, bot: true };
    this.#users.set(this.bot.id, this.bot);
    this.#defaultUser = this.user({ id: ids.next(), username: "tester" });
    // Guilds belong to someone else by default, so the tester has @everyone's permissions, not an owner's.
    const owner = this.user({ id: ids.next(), username: "owner" });
    const joinedAt = new Date().toISOString();
    for (const g of options.guilds ?? []) {
      const roles = g.roles ?? [];
      const everyone = roles.find((r) => r.id === g.id) ?? {
        id: g.id,
        name: "@everyone",
        permissions: DEFAULT_EVERYONE_PERMISSIONS,
      };
      const channelOptions = g.channels ?? [{ id: ids.next(), name: "general" }];
      const channels = channelOptions.map(
        (c, position): ChannelRecord => ({
          id: c.id,
          name: c.name,
          type: ChannelType.GuildText,
          guildId: g.id,
          recipientId: null,
          position,
        }),
      );
      for (const c of channels) this.channels.set(c.id, c);
      this.guilds.set(g.id, {
        id: g.id,
        name: g.name,
        ownerId: g.ownerId ?? owner.id,
        roles: [everyone, ...roles.filter((r) => r.id !== g.id)],
        channels,
        joinedAt,
      });
    }
  }

  /** The user with these details (created on first use); the default tester when none are given. */
  user(details?: InteractionUser): UserRecord {
    if (!details) return this.#defaultUser;
    const known = this.#users.get(details.id);
    if (known && (details.username === undefined || details.username === known.username)) return known;
    const user: UserRecord = {
      id: details.id,
      username: details.username ?? `user${details.id.slice(-4)}`,
      bot: false,
    };
    this.#users.set(user.id, user);
    return user;
  }

  /** The DM channel between the bot and a user. */
  dmChannel(userId: string): ChannelRecord {
    let channel = this.#dms.get(userId);
    if (!channel) {
      channel = {
        id: this.#ids.next(),
        name: "",
        type: ChannelType.DM,
        guildId: null,
        recipientId: userId,
        position: 0,
      };
      this.#dms.set(userId, channel);
      this.channels.set(channel.id, channel);
    }
    return channel;
  }

  /** The member's permissions: @everyone's and those of its roles, or everything for the owner. */
  permissionsOf(guild: GuildRecord, userId: string, roleIds: readonly string[]): string {
    if (userId === guild.ownerId) return ALL_PERMISSIONS;
    let bits = 0n;
    for (const role of guild.roles)
      if (role.id === guild.id || roleIds.includes(role.id)) bits |= BigInt(role.permissions);
    return bits.toString();
  }

  userJson(user: UserRecord): JsonObject {
    return {
      id: user.id,
      username: user.username,
      global_name: user.bot ? null : user.username,
      discriminator: "0",
      avatar: null,
      avatar_decoration_data: null,
      public_flags: 0,
      ...(user.bot ? { bot: true } : {}),
    };
  }

  channelJson(channel: ChannelRecord): JsonObject {
    if (channel.type === ChannelType.DM) {
      const recipient = channel.recipientId ? this.#users.get(channel.recipientId) : undefined;
      return {
        id: channel.id,
        type: ChannelType.DM,
        last_message_id: null,
        flags: 0,
        recipients: recipient ? [this.userJson(recipient)] : [],
      };
    }
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: channel.position,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  memberJson(
    guild: GuildRecord,
    user: UserRecord,
    roles: readonly string[],
    permissions?: string,
  ): JsonObject {
    return {
      user: this.userJson(user),
      roles: [...roles],
      nick: null,
      avatar: null,
      banner: null,
      joined_at: guild.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      ...(permissions === undefined ? {} : { permissions }),
    };
  }

  roleJson(role: RoleOptions, position: number): JsonObject {
    return {
      id: role.id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: role.permissions,
      managed: false,
      mentionable: false,
      flags: 0,
    };
  }

  /** The guilds a shard owns (all of them without sharding), in configuration order. */
  guildsOf(key: ShardKey): GuildRecord[] {
    return [...this.guilds.values()].filter((g) => routeShard(g.id, key.count) === key.shard);
  }

  readyPayload(
    sessionId: string,
    resumeGatewayUrl: string,
    applicationId: string,
    key: ShardKey,
  ): JsonObject {
    return {
      v: API_VERSION,
      user: { ...this.userJson(this.bot), verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: this.guildsOf(key).map((g) => ({ id: g.id, unavailable: true })),
      session_id: sessionId,
      session_type: "normal",
      resume_gateway_url: resumeGatewayUrl,
      shard: [key.shard, key.count],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      auth: {},
      _trace: ['["discord-emulator",{"micros":0}]'],
    };
  }

  guildCreatePayload(guild: GuildRecord): JsonObject {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: "en-US",
      features: [],
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      max_presences: null,
      max_members: 500000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      incidents_data: null,
      roles: guild.roles.map((role, position) => this.roleJson(role, position)),
      emojis: [],
      stickers: [],
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      lazy: true,
      member_count: 2,
      members: [this.memberJson(guild, this.bot, [])],
      channels: guild.channels.map((c) => {
        const { guild_id: _omitted, ...json } = this.channelJson(c);
        return json;
      }),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      application_command_counts: {},
    };
  }
}
