import { HssConfigurationError } from "./errors.js";
import { endpointTemplate, fixedEndpoints, templatedRegions } from "./generated/regions.js";

/** A region HSS is offered in: one the spec's servers name. */
export type HssRegion = (typeof templatedRegions)[number] | keyof typeof fixedEndpoints;

/** The regions HSS is offered in, as the spec's servers name them. */
export const HSS_REGIONS: readonly HssRegion[] = [
  ...templatedRegions,
  ...(Object.keys(fixedEndpoints) as (keyof typeof fixedEndpoints)[]),
];

/** The HSS endpoint of a region; an unknown region is refused with the list of known ones. */
export function endpointFor(region: string): string {
  if (!HSS_REGIONS.includes(region as HssRegion)) {
    throw new HssConfigurationError(
      `region must be one of the HSS regions (${HSS_REGIONS.join(", ")}), or pass baseUrl; got ${JSON.stringify(region)}.`,
    );
  }
  return fixedEndpoints[region as keyof typeof fixedEndpoints] ?? endpointTemplate.replace("{region}", region);
}
