import type { CaseState } from './case-state';
import { unknownEvent, type Actor, type CaseEvent } from './events';
import type { CaseCommand } from './commands';
import { isPlaintextPersonal, type Personal, type Sealer } from './personal';

/**
 * The personal values an event carries (DESIGN.md's list: appellant name and contact, grounds,
 * remedy, answers, evidence descriptions, escalation grounds, withdrawal reasons, signers' ids,
 * staff notes). Everything else is the authority's acts or bookkeeping, and stays in clear.
 */
export function personalValuesOf(event: CaseEvent): Personal[] {
  const present = (...values: (Personal | undefined)[]): Personal[] =>
    values.filter((value): value is Personal => value !== undefined);
  switch (event.type) {
    case 'CaseFiled': {
      const { appellant, grounds, remedy } = event.data;
      return present(appellant.name, appellant.contact, grounds, remedy);
    }
    case 'InformationProvided':
      return [event.data.message];
    case 'EvidenceAdded':
      return [event.data.description];
    case 'NoteAdded':
      return [event.data.text];
    case 'EscalationRequested':
      return [event.data.grounds];
    case 'CaseWithdrawn':
      return present(event.data.reason);
    case 'PetitionSigned':
      return [event.data.signerId];
    case 'CaseAcknowledged':
    case 'CaseAssigned':
    case 'InformationRequested':
    case 'DecisionIssued':
    case 'CaseEscalated':
    case 'DeadlineMissed':
    case 'CaseClosed':
    case 'SupportThresholdReached':
    case 'PersonalDataErased':
      return [];
    default:
      return unknownEvent(event, []);
  }
}

/** Whose data key seals a command's personal fields; undefined when it carries none. */
export function dataSubjectOf(
  command: CaseCommand,
  state: CaseState,
  actor: Actor,
): string | undefined {
  switch (command.type) {
    case 'FileCase':
    case 'SignPetition':
      return actor.id;
    case 'ProvideInformation':
    case 'AddEvidence':
    case 'RequestEscalation':
    case 'WithdrawCase':
    case 'AddNote': // a note about the case is the owner's data: erasing the owner erases it
      return state.ownerId ?? undefined;
    case 'AcknowledgeCase':
    case 'AssignCase':
    case 'RequestInformation':
    case 'IssueDecision':
    case 'ReferCase':
    case 'RecordMissedDeadline':
    case 'CloseCase':
    case 'ErasePersonalData':
      return undefined;
  }
}

/**
 * The command with its personal fields sealed. Blank text is left as it is (it holds nothing), so
 * the decider refuses it with its usual error; a petition signature gets the signer's id sealed
 * stably per case, so signing twice is still recognised.
 */
export function sealCommand(
  command: CaseCommand,
  sealer: Sealer,
  context: { caseId: string; actor: Actor },
): CaseCommand {
  const seal = <T extends Personal | undefined>(value: T): T | Personal =>
    isPlaintextPersonal(value) ? sealer.seal(value) : value;
  switch (command.type) {
    case 'FileCase':
      return {
        ...command,
        appellant: { name: seal(command.appellant.name), contact: seal(command.appellant.contact) },
        grounds: seal(command.grounds),
        remedy: seal(command.remedy),
      };
    case 'ProvideInformation':
      return { ...command, message: seal(command.message) };
    case 'AddEvidence':
      return { ...command, description: seal(command.description) };
    case 'AddNote':
      return { ...command, text: seal(command.text) };
    case 'RequestEscalation':
      return { ...command, grounds: seal(command.grounds) };
    case 'WithdrawCase':
      return { ...command, reason: seal(command.reason) };
    case 'SignPetition':
      return {
        ...command,
        signer: sealer.sealStable(context.actor.id, `signer:${context.caseId}`),
      };
    case 'AcknowledgeCase':
    case 'AssignCase':
    case 'RequestInformation':
    case 'IssueDecision':
    case 'ReferCase':
    case 'RecordMissedDeadline':
    case 'CloseCase':
    case 'ErasePersonalData':
      return command;
  }
}
