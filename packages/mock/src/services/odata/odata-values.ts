import type { FieldFixture } from '../../fixture/sections/data-api.js';
import type { FieldValue } from '../data-api/hosted-database.js';

/** A field value as OData writes it in JSON. */
export type ODataValue = string | number | null;

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const US_TIMESTAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
const pad = (text: string) => text.padStart(2, '0');

/**
 * A stored value (the Data API's text form) as OData's JSON: empty is `null`, numbers are numbers,
 * dates `YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SSZ` (odata.md §11; dates and times [guess]).
 */
export function toODataValue(field: FieldFixture, stored: FieldValue | undefined): ODataValue {
  if (stored === undefined || stored === '') return null;
  switch (field.result) {
    case 'number': {
      const number = typeof stored === 'number' ? stored : Number(stored);
      return Number.isFinite(number) ? number : null;
    }
    case 'date': {
      const us = US_DATE.exec(String(stored));
      return us ? `${us[3]}-${pad(us[1] as string)}-${pad(us[2] as string)}` : String(stored);
    }
    case 'timestamp': {
      const us = US_TIMESTAMP.exec(String(stored));
      if (!us) return String(stored);
      const [, month, day, year, hour, minute, second] = us as unknown as string[];
      return `${year}-${pad(month as string)}-${pad(day as string)}T${pad(hour as string)}:${minute}:${second}Z`;
    }
    default:
      return String(stored);
  }
}

/** A JSON value written through OData, stored the Data API's way; `undefined` when it does not fit. */
export function fromODataValue(field: FieldFixture, value: unknown): FieldValue | undefined {
  if (value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  switch (field.result) {
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      const number = Number(value);
      return value.trim() !== '' && Number.isFinite(number) ? number : undefined;
    }
    case 'date': {
      const iso = ISO_DATE.exec(String(value));
      return iso ? `${iso[2]}/${iso[3]}/${iso[1]}` : undefined;
    }
    case 'timestamp': {
      const iso = ISO_TIMESTAMP.exec(String(value));
      if (!iso) return undefined;
      const [, year, month, day, hour, minute, second] = iso as unknown as string[];
      return `${month}/${day}/${year} ${hour}:${minute}:${second}`;
    }
    default:
      return String(value);
  }
}

/** The Edm type a FileMaker field result maps to in `$metadata` (odata.md §3). */
export function edmType(field: FieldFixture): string {
  switch (field.result) {
    case 'number':
      return 'Edm.Decimal';
    case 'date':
      return 'Edm.Date';
    case 'time':
      return 'Edm.TimeOfDay';
    case 'timestamp':
      return 'Edm.DateTimeOffset';
    case 'container':
      return 'Edm.Binary';
    default:
      return 'Edm.String';
  }
}
