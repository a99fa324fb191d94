import { Injectable, Logger } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type LabelValues,
} from 'prom-client';

/** One series of a sampled gauge: its labels and its value at the moment of the scrape. */
export interface Sample<L extends string> {
  labels?: LabelValues<L>;
  value: number;
}

/** where a sampled gauge's series come from; asked on every scrape */
export type SampleSource<L extends string> = () => Promise<Sample<L>[]>;

/** a source that does not answer within this is left out of the scrape (a store is down) */
const SAMPLE_TIMEOUT_MS = 2000;

/**
 * The application's Prometheus registry. One per application (not prom-client's global one), so
 * several apps in one process (tests) do not collide. Metrics are get-or-create by name: modules
 * can ask for the same counter twice and share it.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly sources = new Map<string, SampleSource<string>[]>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.getOrCreate(
      config.name,
      () => new Counter<L>({ ...config, registers: [this.registry] }),
    );
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.getOrCreate(
      config.name,
      () => new Histogram<L>({ ...config, registers: [this.registry] }),
    );
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.getOrCreate(
      config.name,
      () => new Gauge<L>({ ...config, registers: [this.registry] }),
    );
  }

  /**
   * A gauge read when it is scraped rather than kept up to date: each source gives its series
   * then. Several modules may add a source to one gauge (each its own labels). A source that fails
   * or takes longer than 2 s is left out of that scrape, with a warning: /metrics still answers.
   */
  sampledGauge<L extends string>(
    config: Omit<GaugeConfiguration<L>, 'registers' | 'collect'>,
    source: SampleSource<L>,
  ): void {
    const sources = this.sources.get(config.name) ?? [];
    sources.push(source as SampleSource<string>);
    this.sources.set(config.name, sources);
    if (sources.length > 1) return;
    const logger = this.logger;
    this.gauge<L>({
      ...config,
      async collect() {
        const samples = await Promise.all(
          sources.map((read) =>
            withinTimeout(read()).catch((error: unknown) => {
              logger.warn({ msg: 'metric not sampled', metric: config.name, error: String(error) });
              return [];
            }),
          ),
        );
        this.reset();
        for (const { labels, value } of samples.flat()) {
          if (labels) this.set(labels as LabelValues<L>, value);
          else this.set(value);
        }
      },
    });
  }

  /** Prometheus text exposition of every metric */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private getOrCreate<M>(name: string, create: () => M): M {
    return (this.registry.getSingleMetric(name) as M | undefined) ?? create();
  }
}

async function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${SAMPLE_TIMEOUT_MS} ms`)),
      SAMPLE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
