import type { BuiltInStrategyId, ServerFlavor } from '../strategy.js';

/** The strategy to log in to a flavor with. */
export interface StrategyRecommendation {
  /** npm package that provides it. */
  readonly packageName: string;
  /** Its factory function. */
  readonly factory: string;
  /** The `id` of the strategy the factory returns. */
  readonly strategyId: BuiltInStrategyId;
  /** What the flavor asks for, in one sentence. */
  readonly credentials: string;
}

const RECOMMENDATIONS: Readonly<Record<ServerFlavor, StrategyRecommendation>> = Object.freeze({
  'filemaker-server': Object.freeze({
    packageName: '@fmauth/strategy-filemaker-server',
    factory: 'fileMakerServer',
    strategyId: 'filemaker-server',
    credentials: 'an account of the hosted file (account name and password) over HTTP Basic',
  }),
  'filemaker-cloud': Object.freeze({
    packageName: '@fmauth/strategy-filemaker-cloud',
    factory: 'fileMakerCloud',
    strategyId: 'filemaker-cloud',
    credentials: 'a Claris ID (email and Claris ID password), exchanged for an FMID token',
  }),
  'claris-server': Object.freeze({
    packageName: '@fmauth/strategy-claris-server',
    factory: 'clarisServer',
    strategyId: 'claris-server',
    credentials:
      'the Claris ID email with its extended account password (set in Claris Studio: Account > Extended Account), not the Claris ID password',
  }),
});

/** The strategy this project ships for `flavor`. */
export function recommendedStrategy(flavor: ServerFlavor): StrategyRecommendation {
  return RECOMMENDATIONS[flavor];
}

/** Human name of a flavor. */
export function flavorLabel(flavor: ServerFlavor | 'unknown'): string {
  switch (flavor) {
    case 'filemaker-server':
      return 'FileMaker Server';
    case 'filemaker-cloud':
      return 'FileMaker Cloud';
    case 'claris-server':
      return 'Claris Server';
    default:
      return 'an unknown server';
  }
}
