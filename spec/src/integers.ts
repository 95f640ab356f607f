/** The values each integer `format` of OpenAPI allows, exactly. */
export const INTEGER_FORMATS: Readonly<Record<string, { readonly minimum: bigint; readonly maximum: bigint }>> = {
  int32: { minimum: -(2n ** 31n), maximum: 2n ** 31n - 1n },
  int64: { minimum: -(2n ** 63n), maximum: 2n ** 63n - 1n },
};

const clamp = (value: bigint): number =>
  Number(value < BigInt(Number.MIN_SAFE_INTEGER) ? Number.MIN_SAFE_INTEGER : value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : value);

/**
 * {@link INTEGER_FORMATS} as JavaScript numbers, for code that checks parsed JSON. `int64` stops
 * at the safe integers, because a number beyond them cannot be told from its neighbours once
 * parsed.
 */
export const INTEGER_FORMAT_RANGES: Readonly<Record<string, { readonly minimum: number; readonly maximum: number }>> = Object.fromEntries(
  Object.entries(INTEGER_FORMATS).map(([format, { minimum, maximum }]) => [format, { minimum: clamp(minimum), maximum: clamp(maximum) }]),
);
