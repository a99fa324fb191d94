import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { RecourseConfig } from '@recourse/config';
import type { Database } from '@recourse/database';
import type { Sealer } from '@recourse/domain';
import { CONFIG, DATABASE } from '@recourse/infrastructure';
import { mapSealed, PERSONAL_DATA_REPLACEMENT, PersonalDataService } from '@recourse/personal-data';

/** Envelopes of the stored shape whose "ciphertext" is the plaintext: no key, no AES. */
const passThrough: Sealer = {
  seal: (plaintext) => ({ $enc: { kid: 'plaintext', iv: '', ct: plaintext } }),
  sealStable: (plaintext, context) => ({ $enc: { kid: 'plaintext', iv: context, ct: plaintext } }),
};

/**
 * bench:api's baseline for encryption: personal values pass through in envelopes of the same
 * shape, so events, rows and views stay the size they are, but no data key is looked up and
 * nothing is encrypted or decrypted. Everything else (its migrations) as the real service.
 */
@Injectable()
class PlaintextPersonalData extends PersonalDataService {
  constructor(@Inject(DATABASE) database: Database, @Inject(CONFIG) config: RecourseConfig) {
    super(database, config);
  }

  override async sealerFor(): Promise<Sealer> {
    return passThrough;
  }

  override async open<T>(value: T): Promise<T> {
    // the same walk as the real service: the comparison is of keys and AES, not of traversal
    return mapSealed(value, (sealed) => sealed.$enc.ct);
  }
}

/** Composed into the bench's Recourse without encryption (createApp's `modules`). */
@Global()
@Module({
  providers: [{ provide: PERSONAL_DATA_REPLACEMENT, useClass: PlaintextPersonalData }],
  exports: [PERSONAL_DATA_REPLACEMENT],
})
export class PlaintextPersonalDataModule {}
