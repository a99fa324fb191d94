export { PersonalDataService, UNREADABLE, mapSealed } from './personal-data.service';
export { PersonalDataModule, PERSONAL_DATA_REPLACEMENT } from './personal-data.module';
export { DataKeyStore, type DataKey } from './data-key-store';
export { DATA_KEYS_MIGRATIONS, DATA_KEYS_COMPONENT } from './data-keys.migrations';
export { WrappedKeys, wrappedKeysOf } from './wrapped-keys';
