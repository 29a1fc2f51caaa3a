import { createDataApiSession, type DataApiSession, type ServerFlavor } from '@fmauth/core';
import { clarisServer } from '@fmauth/strategy-claris-server';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import type { ServerConfig, SyncConfig } from './config.js';

/** One server of the sync with its open (lazy) session. */
export interface Side {
  readonly label: 'FileMaker Server' | 'Claris Server';
  readonly flavor: ServerFlavor;
  readonly config: ServerConfig;
  /** Who logs in, for messages (never a password). */
  readonly who: string;
  /** The variable that sets the URL, for advice. */
  readonly urlVariable: 'FMS_URL' | 'CLARIS_URL';
  readonly session: DataApiSession;
}

/**
 * Builds both sides. The strategies check their options here, so a malformed Claris ID or an empty
 * password fails with a TypeError before anything goes on the wire. No I/O.
 */
export function openSides(config: SyncConfig): { fms: Side; claris: Side } {
  const fms = side('FileMaker Server', 'filemaker-server', config.fms, config.fms.username, 'FMS_URL', () =>
    fileMakerServer({ username: config.fms.username, password: config.fms.password }),
  );
  try {
    const claris = side(
      'Claris Server',
      'claris-server',
      config.claris,
      config.claris.clarisId,
      'CLARIS_URL',
      () =>
        clarisServer({ clarisId: config.claris.clarisId, extendedPassword: config.claris.extendedPassword }),
    );
    return { fms, claris };
  } catch (error) {
    void fms.session.close();
    throw error;
  }
}

function side(
  label: Side['label'],
  flavor: ServerFlavor,
  config: ServerConfig,
  who: string,
  urlVariable: Side['urlVariable'],
  strategy: () => Parameters<typeof createDataApiSession>[0]['strategy'],
): Side {
  const session = createDataApiSession({
    baseUrl: config.url,
    database: config.database,
    strategy: strategy(),
    ...(config.ca ? { tls: { ca: config.ca } } : {}),
  });
  return { label, flavor, config, who, urlVariable, session };
}

/** `FileMaker Server https://… database Contacts, layout Contacts, as admin` */
export function describeSide(side: Side): string {
  const { url, database, layout } = side.config;
  return `${side.label.padEnd(16)} ${url}  database ${database}, layout ${layout}, as ${side.who}`;
}
