/** The configured file store for `npm run backup` / `npm run restore`, and how to list all of it. */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { type FileStorage, LocalDiskStorage } from '../storage/file-storage.js';
import { createFileStorage } from '../storage/storage-factory.js';
import { walkLocalStore } from '../backup/backup.js';

export interface FileStore {
  storage: FileStorage;
  /** Every file in the store, when the store can list itself; null when only lookups are possible. */
  list: (() => AsyncIterable<string>) | null;
  close(): void;
}

export function fileStoreOf(config: Config): FileStore {
  const storage = createFileStorage(config);
  const listing = storage as FileStorage & { list?: () => AsyncIterable<string>; close?: () => void };
  return {
    storage,
    list:
      typeof listing.list === 'function'
        ? () => listing.list!()
        : storage instanceof LocalDiskStorage
          ? () => walkLocalStore(config.FILES_DIR ?? join(config.DATA_DIR, 'files'))
          : null,
    close: () => listing.close?.(),
  };
}
