import type { ServerFlavor } from '../strategy.js';
import { ALL_FLAVORS, type FlavorEvidence, isInformative } from './evidence.js';

/**
 * How sure the detection is:
 * - `high`: at least two strong pieces of evidence agree, one of them unique to the flavor;
 * - `medium`: one strong piece, nothing against it (or only a weak hint against it);
 * - `low`: only weak hints, strong evidence in conflict, or two flavors still possible.
 */
export type FlavorConfidence = 'high' | 'medium' | 'low';

export interface FlavorVerdict {
  /** The flavor the evidence points at, or `unknown` when it rules nothing out. */
  readonly flavor: ServerFlavor | 'unknown';
  readonly confidence: FlavorConfidence;
  /** Every flavor still consistent with the evidence, the likeliest first. */
  readonly candidates: readonly ServerFlavor[];
  /** True when pieces of evidence point at different flavors. */
  readonly conflicting: boolean;
}

/** Combines evidence: the flavors every observation allows, falling back to strong evidence on conflict. */
export function weighEvidence(items: readonly FlavorEvidence[]): FlavorVerdict {
  const informative = items.filter(isInformative);
  const strong = informative.filter((item) => item.strength === 'strong');
  let candidates = intersect(informative);
  let conflict: 'none' | 'weak' | 'strong' = 'none';
  if (candidates.length === 0) {
    candidates = intersect(strong);
    conflict = candidates.length > 0 ? 'weak' : 'strong';
    if (conflict === 'strong') candidates = mostSupported(strong);
  }
  const conflicting = conflict !== 'none';
  if (candidates.length === 0 || candidates.length === ALL_FLAVORS.length) {
    return verdict('unknown', 'low', candidates, conflicting);
  }
  const flavor = candidates[0] as ServerFlavor;
  if (candidates.length > 1 || conflict === 'strong') return verdict(flavor, 'low', candidates, conflicting);

  const support = strong.filter((item) => item.consistentWith.includes(flavor));
  const unique = support.filter((item) => item.consistentWith.length === 1);
  let confidence: FlavorConfidence =
    unique.length >= 1 && support.length >= 2 ? 'high' : support.length >= 1 ? 'medium' : 'low';
  if (conflict === 'weak') confidence = confidence === 'high' ? 'medium' : 'low';
  return verdict(flavor, confidence, candidates, conflicting);
}

/** Flavors allowed by every item, in {@link ALL_FLAVORS} order. */
function intersect(items: readonly FlavorEvidence[]): ServerFlavor[] {
  return ALL_FLAVORS.filter((flavor) => items.every((item) => item.consistentWith.includes(flavor)));
}

/** When strong evidence disagrees: the flavors backed by the most strong items (a tie keeps them all). */
function mostSupported(strong: readonly FlavorEvidence[]): ServerFlavor[] {
  const count = (flavor: ServerFlavor) =>
    strong.filter((item) => item.consistentWith.includes(flavor)).length;
  const best = Math.max(...ALL_FLAVORS.map(count));
  return ALL_FLAVORS.filter((flavor) => count(flavor) === best);
}

function verdict(
  flavor: ServerFlavor | 'unknown',
  confidence: FlavorConfidence,
  candidates: readonly ServerFlavor[],
  conflicting: boolean,
): FlavorVerdict {
  return { flavor, confidence, candidates: Object.freeze([...candidates]), conflicting };
}
