import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { StorydeskStatus } from "../../core/index.ts";
import type { Scraped } from "./health-server.ts";

/** What the metrics read when they are scraped: the corpus served, and the gateway's latency. */
export interface MetricSources {
  status(): StorydeskStatus;
  /** The gateway's heartbeat latency in milliseconds, when it has one. */
  gatewayPing(): number | undefined;
}

/** What the bot has done since it started, in brief. */
export interface ServiceCounters {
  readonly interactions: number;
  readonly errors: number;
  readonly refreshes: number;
  readonly reconnects: number;
}

/**
 * The bot's Prometheus metrics (prom-client), in a registry of their own: interactions by command
 * and outcome, how long they and the answers took, refreshes, the corpus served, the gateway, and
 * node's default process metrics.
 */
export class BotMetrics {
  readonly registry = new Registry();

  readonly interactions = new Counter({
    name: "storydesk_interactions_total",
    help: "Interactions handled, by command, kind (command, button, autocomplete) and outcome.",
    labelNames: ["command", "kind", "outcome"] as const,
    registers: [this.registry],
  });

  readonly interactionSeconds = new Histogram({
    name: "storydesk_interaction_duration_seconds",
    help: "Time from an interaction's arrival to the end of its handling.",
    labelNames: ["command", "kind"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
    registers: [this.registry],
  });

  readonly answerSeconds = new Histogram({
    name: "storydesk_answer_duration_seconds",
    help: "Time the core took to answer a question.",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly refreshes = new Counter({
    name: "storydesk_refreshes_total",
    help: "Corpus refreshes and changes, by result (ok, failed).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  readonly refreshSeconds = new Histogram({
    name: "storydesk_refresh_duration_seconds",
    help: "Time to read, check and index the corpus in a refresh.",
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly gatewayEvents = new Counter({
    name: "storydesk_gateway_events_total",
    help: "Gateway state changes: reconnecting (a drop), resumed, new_session (a resume refused), invalid_session, fatal.",
    labelNames: ["event"] as const,
    registers: [this.registry],
  });

  readonly droppedPayloads = new Counter({
    name: "storydesk_dropped_payloads_total",
    help: "Gateway payloads dropped as malformed or delivered twice, by reason.",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });

  /** `labels` go on every metric: a shard's id, so that its manager can serve all shards' at once. */
  constructor(sources: MetricSources, labels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix: "storydesk_" });
    const registers = [this.registry];
    new Gauge({
      name: "storydesk_corpus_info",
      help: "The corpus version served (always 1; the version is a label).",
      labelNames: ["version"] as const,
      registers,
      collect() {
        this.reset();
        this.set({ version: sources.status().counts.version }, 1);
      },
    });
    for (const [key, help] of [
      ["documents", "Articles in the corpus served."],
      ["passages", "Passages in the corpus served."],
      ["designated", "Organisations the corpus says were designated."],
    ] as const) {
      new Gauge({
        name: `storydesk_corpus_${key}`,
        help,
        registers,
        collect() {
          this.set(sources.status().counts[key]);
        },
      });
    }
    new Gauge({
      name: "storydesk_gateway_ping_seconds",
      help: "The gateway's heartbeat latency.",
      registers,
      collect() {
        const ping = sources.gatewayPing();
        if (ping !== undefined && ping >= 0) this.set(ping / 1000);
      },
    });
  }

  /** The metrics as Prometheus reads them. */
  async scrape(): Promise<Scraped> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  /** Counts a refresh or a corpus change by its result, and how long the rebuild took when there was one. */
  recordRefresh(ok: boolean, milliseconds?: number): void {
    this.refreshes.inc({ result: ok ? "ok" : "failed" });
    if (milliseconds !== undefined) this.refreshSeconds.observe(milliseconds / 1000);
  }

  /** Counters in brief, for /corpus status. */
  async brief(): Promise<ServiceCounters> {
    const sum = async (
      counter: Counter<string>,
      keep: (labels: Record<string, unknown>) => boolean = () => true,
    ) => (await counter.get()).values.filter((v) => keep(v.labels)).reduce((n, v) => n + v.value, 0);
    return {
      interactions: await sum(this.interactions),
      errors: await sum(this.interactions, (l) => l.outcome === "error"),
      refreshes: await sum(this.refreshes),
      reconnects: await sum(this.gatewayEvents, (l) => l.event === "reconnecting"),
    };
  }
}
