export type { ContractEnvironment, StrategyContractOptions } from './contract-options.js';
export { describeStrategyContract } from './describe-strategy-contract.js';
