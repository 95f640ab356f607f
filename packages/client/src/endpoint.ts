import { HssConfigurationError } from "./errors.js";

/** The regions Huawei's official SDKs ship for HSS. */
export const HSS_REGIONS = [
  "cn-north-9", "cn-north-1", "cn-north-4", "cn-north-2", "cn-north-11", "cn-north-12",
  "cn-southwest-2", "cn-southwest-3", "cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5",
  "cn-south-1", "cn-south-2", "cn-south-4", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ap-southeast-4", "ap-southeast-5", "af-north-1", "na-mexico-1", "af-south-1", "sa-brazil-1",
  "la-south-2", "la-north-2", "tr-west-1", "ae-ad-1", "me-east-1", "my-kualalumpur-1",
  "eu-west-101", "ru-moscow-1",
] as const;

/** A region HSS is offered in. */
export type HssRegion = (typeof HSS_REGIONS)[number];

/** eu-west-101 lives on its own domain. */
const DOMAIN_BY_REGION: Partial<Record<HssRegion, string>> = { "eu-west-101": "myhuaweicloud.eu" };

/** The HSS endpoint of a region; an unknown region is refused with the list of known ones. */
export function endpointFor(region: string): string {
  if (!(HSS_REGIONS as readonly string[]).includes(region)) {
    throw new HssConfigurationError(
      `region must be one of the HSS regions (${HSS_REGIONS.join(", ")}), or pass baseUrl; got ${JSON.stringify(region)}.`,
    );
  }
  return `https://hss.${region}.${DOMAIN_BY_REGION[region as HssRegion] ?? "myhuaweicloud.com"}`;
}
