import type { FieldData, FmRecord } from '@fmauth/core';

/** What the sync will do, decided before anything is written. */
export interface CopyPlan {
  /** Field data to create on the target, one entry per missing record. */
  readonly toCreate: readonly { readonly key: string; readonly fieldData: FieldData }[];
  /** Source records already present on the target. */
  readonly alreadyThere: number;
  /** Source records without a value in the match field (cannot be matched, so never copied). */
  readonly withoutKey: number;
  /** Source records whose key appeared earlier in the source (copied once). */
  readonly duplicates: number;
  /** Source fields the target layout does not have (or cannot take, like containers), left out. */
  readonly droppedFields: readonly string[];
}

/** Normalised match key: trimmed, lower case; `undefined` when empty. */
export function matchKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const key = String(value).trim().toLowerCase();
  return key === '' ? undefined : key;
}

/**
 * Decides which source records are missing on the target, matched by `matchField`, and which of their
 * fields the target layout can take.
 */
export function planCopies(
  source: readonly FmRecord<FieldData>[],
  target: readonly FmRecord<FieldData>[],
  matchField: string,
  writableTargetFields: ReadonlySet<string>,
): CopyPlan {
  const present = new Set<string>();
  for (const record of target) {
    const key = matchKey(record.fieldData[matchField]);
    if (key !== undefined) present.add(key);
  }
  const planned = new Set<string>();
  const dropped = new Set<string>();
  const toCreate: { key: string; fieldData: FieldData }[] = [];
  let alreadyThere = 0;
  let withoutKey = 0;
  let duplicates = 0;
  for (const record of source) {
    const key = matchKey(record.fieldData[matchField]);
    if (key === undefined) {
      withoutKey++;
      continue;
    }
    if (present.has(key)) {
      alreadyThere++;
      continue;
    }
    if (planned.has(key)) {
      duplicates++;
      continue;
    }
    planned.add(key);
    const fieldData: FieldData = {};
    for (const [name, value] of Object.entries(record.fieldData)) {
      if (writableTargetFields.has(name)) fieldData[name] = value;
      else dropped.add(name);
    }
    toCreate.push({ key, fieldData });
  }
  return { toCreate, alreadyThere, withoutKey, duplicates, droppedFields: [...dropped].sort() };
}
