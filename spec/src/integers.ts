/**
 * The values an integer `format` allows. `int64` stops at JavaScript's safe integers, because a
 * JSON number beyond them cannot be told from its neighbours once parsed.
 */
export const INTEGER_FORMAT_RANGES: Readonly<Record<string, { readonly minimum: number; readonly maximum: number }>> = {
  int32: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  int64: { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
};

/** The smallest and largest value an integer schema allows: its own bounds within its format's. */
export function integerBounds(rules: { format?: string; minimum?: number; maximum?: number }): { minimum: number; maximum: number } {
  const range = (rules.format !== undefined ? INTEGER_FORMAT_RANGES[rules.format] : undefined) ?? {
    minimum: Number.MIN_SAFE_INTEGER,
    maximum: Number.MAX_SAFE_INTEGER,
  };
  return {
    minimum: Math.max(range.minimum, rules.minimum ?? range.minimum),
    maximum: Math.min(range.maximum, rules.maximum ?? range.maximum),
  };
}
