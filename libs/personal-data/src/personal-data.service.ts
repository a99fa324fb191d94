import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG, DATABASE } from '@recourse/infrastructure';
import { migrate, type Database } from '@recourse/database';
import { ERASED, isSealed, type Sealed, type Sealer } from '@recourse/domain';
import { openWith, sealStableWith, sealWith } from './cipher';
import { DataKeyStore } from './data-key-store';
import type { WrappedKeys } from './wrapped-keys';
import { DATA_KEYS_COMPONENT, DATA_KEYS_MIGRATIONS } from './data-keys.migrations';

/** Shown for an envelope whose ciphertext does not authenticate under its key (tampered). */
export const UNREADABLE = '[unreadable]';

/**
 * Seals personal values at the command edge and opens them when a view is served: a value whose
 * key was destroyed opens as "[erased]". Keys live in the read-model database (DataKeyStore).
 */
@Injectable()
export class PersonalDataService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PersonalDataService.name);
  readonly keys: DataKeyStore;
  private stopWatching?: () => Promise<void>;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) config: Pick<RecourseConfig, 'kek' | 'eventStoreUrl'>,
  ) {
    this.keys = new DataKeyStore(db, Buffer.from(config.kek, 'base64'), {
      // the events go to the PostgreSQL adapter on this database (openEventStore), not KurrentDB
      keysFlushedByAppends: db.kind === 'postgres' && !config.eventStoreUrl,
    });
  }

  async onModuleInit(): Promise<void> {
    await migrate(this.db, DATA_KEYS_COMPONENT, DATA_KEYS_MIGRATIONS);
    this.stopWatching ??= await this.keys.watchErasures();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopWatching?.();
  }

  /** A sealer under the subject's current data key (created on first use). */
  async sealerFor(subject: string, now: Date): Promise<Sealer> {
    const { kid, key } = await this.keys.activeKey(subject, now);
    return {
      seal: (plaintext) => sealWith(key, kid, plaintext),
      sealStable: (plaintext, context) => sealStableWith(key, kid, plaintext, context),
    };
  }

  /**
   * The JSON value with every envelope replaced by its plaintext, or "[erased]" when its key was
   * destroyed (a copy where it changed; the input is left as it is). One key lookup for the whole
   * value; none when it holds no envelope or `read` (the keys fetched with the value:
   * wrappedKeysOf) holds every key it needs.
   */
  async open<T>(value: T, read?: WrappedKeys): Promise<T> {
    const kids = new Set<string>();
    collectKids(value, kids);
    if (kids.size === 0) return value;
    const keys = await this.keys.keysById([...kids], read);
    return mapSealed(value, (sealed) => {
      const key = keys.get(sealed.$enc.kid);
      if (!key) return ERASED;
      try {
        return openWith(key, sealed);
      } catch {
        this.logger.warn({ msg: 'a sealed value does not authenticate', kid: sealed.$enc.kid });
        return UNREADABLE;
      }
    });
  }
}

/** The key ids of every envelope in a JSON value. */
function collectKids(value: unknown, kids: Set<string>): void {
  if (typeof value !== 'object' || value === null) return;
  if (isSealed(value)) kids.add(value.$enc.kid);
  else if (Array.isArray(value)) for (const item of value) collectKids(item, kids);
  else
    for (const field of Object.keys(value))
      collectKids((value as Record<string, unknown>)[field], kids);
}

/**
 * The JSON value with every envelope mapped (arrays and plain objects walked, the rest kept).
 * Copy on write: an array or object is copied only when something inside it changed, so serving
 * a view allocates for the envelopes' paths, not for the whole view.
 */
export function mapSealed<T>(value: T, onSealed: (sealed: Sealed) => unknown): T {
  // most nodes of a view are strings, numbers and nulls: nothing to walk
  if (typeof value !== 'object' || value === null) return value;
  if (isSealed(value)) return onSealed(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const mapped = mapSealed(item, onSealed);
      if (mapped !== item) (copy ??= [...(value as unknown[])])[index] = mapped;
    }
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const field of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[field];
    const mapped = mapSealed(item, onSealed);
    if (mapped !== item) (copy ??= { ...(value as Record<string, unknown>) })[field] = mapped;
  }
  return (copy ?? value) as T;
}
