import { type DataApiSession, type FieldData, FileMakerError, type FmRecord } from '@fmauth/core';

const PAGE_SIZE = 100;

/** Every record of a layout, a page at a time (the Data API returns at most 100 by default). */
export async function readAllRecords(
  session: DataApiSession,
  layout: string,
): Promise<FmRecord<FieldData>[]> {
  const all: FmRecord<FieldData>[] = [];
  for (let offset = 1; ; offset += PAGE_SIZE) {
    let page: FmRecord<FieldData>[];
    try {
      page = (await session.getRecords(layout, { offset, limit: PAGE_SIZE })).data;
    } catch (error) {
      // Some servers answer an empty table with 401 "No records match" rather than an empty list.
      if (error instanceof FileMakerError && error.fmCode === '401') break;
      throw error;
    }
    all.push(...page);
    if (page.length < PAGE_SIZE) break;
  }
  return all;
}
