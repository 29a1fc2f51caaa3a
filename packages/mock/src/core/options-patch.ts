import { type MockOptionsState, optionsSchema } from '../fixture/fixture-schema.js';
import type { MockService } from './mock-service.js';

/** What `PATCH /__control/options` would do: apply every section, or nothing and say why. */
export type OptionsPatchPlan =
  | { readonly ok: true; apply(): MockOptionsState }
  | { readonly ok: false; readonly problem: string };

/**
 * Splits a patch between our option sections (checked against the fixture schema) and the live
 * options of services that have them (a section named after the service's key), checks every
 * section, and applies none until all pass: a rejected patch leaves every value as it was.
 */
export function planOptionsPatch(
  patch: unknown,
  ours: MockOptionsState,
  services: readonly MockService[],
): OptionsPatchPlan {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return { ok: false, problem: 'send a JSON object' };
  const merged: Record<string, unknown> = structuredClone(ours);
  const problems: string[] = [];
  const serviceUpdates: Array<() => void> = [];
  for (const [section, values] of Object.entries(patch)) {
    const service = services.find((candidate) => candidate.liveOptions && candidate.key === section);
    if (service?.liveOptions) {
      const live = service.liveOptions;
      const preview = live.preview(values);
      if (preview.ok) serviceUpdates.push(() => live.apply(preview.value));
      else problems.push(`${section}: ${preview.problem}`);
      continue;
    }
    const current = merged[section];
    merged[section] =
      typeof current === 'object' && current !== null && typeof values === 'object'
        ? { ...current, ...values }
        : values;
  }
  const result = optionsSchema.safeParse(merged);
  if (!result.success)
    problems.unshift(...result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if (!result.success || problems.length > 0) return { ok: false, problem: problems.join('; ') };
  const next = result.data;
  return {
    ok: true,
    apply() {
      for (const update of serviceUpdates) update();
      return next;
    },
  };
}

/** Our options plus each service's live options under its key, as `GET /__control/options` shows them. */
export function allOptions(
  ours: MockOptionsState,
  services: readonly MockService[],
): Record<string, unknown> {
  const theirs = services.flatMap((service) =>
    service.liveOptions ? [[service.key, service.liveOptions.current] as const] : [],
  );
  return { ...ours, ...Object.fromEntries(theirs) };
}
