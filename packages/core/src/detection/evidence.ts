import type { ServerFlavor } from '../strategy.js';

/** Every flavor, in the order used to break ties: the most widely deployed first. */
export const ALL_FLAVORS: readonly ServerFlavor[] = Object.freeze([
  'filemaker-server',
  'claris-server',
  'filemaker-cloud',
]);

/** Where a piece of evidence came from. */
export type FlavorEvidenceSource = 'host-name' | 'product-name' | 'product-version' | 'product-info';

/**
 * One observation about the server and what it says about its flavor.
 *
 * @example
 * { source: 'product-name', observation: 'productInfo.name is "Claris Data API Engine", the name Claris Server uses',
 *   consistentWith: ['claris-server'], strength: 'strong' }
 */
export interface FlavorEvidence {
  readonly source: FlavorEvidenceSource;
  /** What was seen and what it means, in words for people. */
  readonly observation: string;
  /** The flavors this observation is consistent with; all three when it says nothing either way. */
  readonly consistentWith: readonly ServerFlavor[];
  /**
   * `strong`: a documented marker of a flavor (Cloud's host names, the Data API engine's name, the
   * version ranges of protocol/filemaker.md §5). `weak`: a hint by convention or elimination.
   */
  readonly strength: 'strong' | 'weak';
}

export function evidence(
  source: FlavorEvidenceSource,
  observation: string,
  consistentWith: readonly ServerFlavor[],
  strength: FlavorEvidence['strength'],
): FlavorEvidence {
  return Object.freeze({ source, observation, consistentWith: Object.freeze([...consistentWith]), strength });
}

/** Evidence that rules nothing out. */
export function neutral(source: FlavorEvidenceSource, observation: string): FlavorEvidence {
  return evidence(source, observation, ALL_FLAVORS, 'weak');
}

export function isInformative(item: FlavorEvidence): boolean {
  return item.consistentWith.length > 0 && item.consistentWith.length < ALL_FLAVORS.length;
}
