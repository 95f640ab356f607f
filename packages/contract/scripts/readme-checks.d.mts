/** The README with the block between the checks markers replaced by `list`. */
export function withChecks(readme: string, list: string): string;
