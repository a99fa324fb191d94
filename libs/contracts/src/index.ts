export * from './limits';
export * from './file-case.dto';
export * from './case-commands.dto';
export * from './responses.dto';
export * from './text-rules';
export * from './instant';
export * from './staff.dto';
