import { ERASED, personalIdentity, type Personal, type PetitionSigned } from '@recourse/domain';
import type { RecordedEvent } from '@recourse/event-store';
import { UNREADABLE, type PersonalDataService } from '@recourse/personal-data';

/** Appended to each of a subject's cases when their personal data is erased (crypto-shredding). */
export const ERASURE_EVENT = 'PersonalDataErased';

/**
 * Reads the personal values the notifier needs (a case's contact, petition signers' ids), which
 * are stored sealed: the plaintext, or null when it cannot be read (absent, erased, tampered).
 */
export interface PersonalReader {
  open(value: Personal | undefined): Promise<string | null>;
}

export const personalReader = (service: Pick<PersonalDataService, 'open'>): PersonalReader => ({
  open: async (value) => {
    if (value === undefined) return null;
    const opened = await service.open(value);
    return typeof opened === 'string' && opened !== ERASED && opened !== UNREADABLE ? opened : null;
  },
});

/** The contact a case was filed with (revision 0 of its stream), if it can be read. */
export const contactOf = (reader: PersonalReader, filing: RecordedEvent): Promise<string | null> =>
  reader.open((filing.data as { appellant?: { contact?: Personal } }).appellant?.contact);

/**
 * Petition signers by the identity the domain folds them under (a stable envelope's identity):
 * each one's own id, or null when it cannot be read (the signer's data was erased).
 */
export async function signersOf(
  reader: PersonalReader,
  stream: readonly RecordedEvent[],
): Promise<Map<string, string | null>> {
  const signers = new Map<string, string | null>();
  for (const event of stream) {
    if (event.type !== 'PetitionSigned') continue;
    const { signerId } = event.data as PetitionSigned['data'];
    signers.set(personalIdentity(signerId), await reader.open(signerId));
  }
  return signers;
}

/** Whether the subject of this case's personal data was erased: they are told nothing more. */
export const isErased = (stream: readonly RecordedEvent[]): boolean =>
  stream.some((event) => event.type === ERASURE_EVENT);

/** A contact that e-mail can go to (anything else, a phone number say, stays in the inbox). */
export const isEmailAddress = (contact: string): boolean =>
  /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(contact);

/** Whether e-mail can go to a case's contact: given its stream (revision 0 holds the contact). */
export type MailCheck = (stream: readonly RecordedEvent[]) => Promise<boolean>;

/** Without SMTP nothing is mailed (notifications stay in the inbox); nor to an erased subject. */
export const mailCheck =
  (smtpConfigured: boolean, reader: PersonalReader): MailCheck =>
  async (stream) => {
    if (!smtpConfigured || stream.length === 0 || isErased(stream)) return false;
    const contact = await contactOf(reader, stream[0]);
    return contact !== null && isEmailAddress(contact);
  };
