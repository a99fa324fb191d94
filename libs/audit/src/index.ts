export {
  scanAuditLog,
  readAuditPage,
  matchingItems,
  MAX_SCANNED_PER_PAGE,
  type AuditEventFilter,
  type AuditEventItem,
  type AuditEventsPage,
  type ScannedEvent,
} from './audit-log';
export { auditAllChains, type BrokenChain, type ChainReport } from './chain-audit';
export { CaseReadRecorder, caseReads, type CaseReadItem, type CaseReadRecord } from './read-audit';
