import type { RecordedEvent } from '@recourse/event-store';

/** Appended to each of a subject's cases when their personal data is erased (crypto-shredding). */
export const ERASURE_EVENT = 'PersonalDataErased';

/**
 * Reads the contact a case was filed with, or null when it cannot be read (absent, or erased).
 * The one place that knows how the contact is stored: plain today; when personal fields are
 * stored encrypted, the reader decrypts through the key service and erasure makes it null.
 */
export type ContactReader = (filing: RecordedEvent) => Promise<string | null>;

export const plainContact: ContactReader = async (filing) => {
  const contact = (filing.data as { appellant?: { contact?: unknown } }).appellant?.contact;
  return typeof contact === 'string' ? contact : null;
};

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
  (smtpConfigured: boolean, contactOf: ContactReader): MailCheck =>
  async (stream) => {
    if (!smtpConfigured || stream.length === 0 || isErased(stream)) return false;
    const contact = await contactOf(stream[0]);
    return contact !== null && isEmailAddress(contact);
  };
