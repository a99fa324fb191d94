import type { CaseState } from './case-state';
import type { CaseCommand } from './commands';
import { closeCase, withdrawCase } from './decider-ending';
import { erasePersonalData } from './decider-erasure';
import { recordMissedDeadline, referCase, requestEscalation } from './decider-escalation';
import { fileCase, signPetition } from './decider-filing';
import { refuse, requireCase, type DecideContext } from './decider-guards';
import {
  acknowledgeCase,
  addEvidence,
  addNote,
  assignCase,
  issueDecision,
  provideInformation,
  requestInformation,
} from './decider-review';
import type { CaseEvent } from './events';

export type { DecideContext } from './decider-guards';

/**
 * Ends the dispatch over every command type: the compiler checks that none is missing (a new
 * command does not compile until it is decided); at run time a command of unknown type is refused.
 */
const unknownCommand = (command: never): never =>
  refuse('invalid-transition', `unknown command ${(command as { type: string }).type}`);

/**
 * Decides what happens when `command` meets a case in `state`: the events to append, or a
 * DomainError. Pure: time comes from ctx.now, rules from ctx.policy. One function per command,
 * grouped as the specs are: filing, review, escalation, ending, erasure.
 */
export function decide(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  if (command.type === 'FileCase') return fileCase(command, state, ctx);
  requireCase(state);
  switch (command.type) {
    case 'AcknowledgeCase':
      return acknowledgeCase(command, state, ctx);
    case 'AssignCase':
      return assignCase(command, state, ctx);
    case 'RequestInformation':
      return requestInformation(command, state, ctx);
    case 'ProvideInformation':
      return provideInformation(command, state, ctx);
    case 'AddEvidence':
      return addEvidence(command, state, ctx);
    case 'AddNote':
      return addNote(command, state, ctx);
    case 'IssueDecision':
      return issueDecision(command, state, ctx);
    case 'RequestEscalation':
      return requestEscalation(command, state, ctx);
    case 'ReferCase':
      return referCase(command, state, ctx);
    case 'RecordMissedDeadline':
      return recordMissedDeadline(command, state, ctx);
    case 'WithdrawCase':
      return withdrawCase(command, state, ctx);
    case 'CloseCase':
      return closeCase(command, state, ctx);
    case 'SignPetition':
      return signPetition(command, state, ctx);
    case 'ErasePersonalData':
      return erasePersonalData(command, state, ctx);
    default:
      return unknownCommand(command);
  }
}
