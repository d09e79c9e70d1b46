import { hasSes, hasSmtp, SES_REGIONS } from "@/lib/regions";

/**
 * Where each AWS region's data centres are (the city AWS names for it, to a degree), so "pick another region" fixes
 * name the region that is actually nearest, not the first one sharing a prefix: ap-east-1 (Hong Kong) is closest to
 * ap-northeast-2 (Seoul) and ap-southeast-1 (Singapore), never ap-south-1 (Mumbai). docs/doctor.md, "Regions".
 */
const CITY: Record<string, [lat: number, lon: number]> = {
  "us-east-1": [39, -77.5], // N. Virginia
  "us-east-2": [40, -83], // Ohio
  "us-west-1": [37.4, -122], // N. California
  "us-west-2": [45.8, -119.7], // Oregon
  "af-south-1": [-33.9, 18.4], // Cape Town
  "ap-east-1": [22.3, 114.2], // Hong Kong
  "ap-east-2": [25, 121.5], // Taipei
  "ap-south-1": [19, 72.8], // Mumbai
  "ap-south-2": [17.4, 78.5], // Hyderabad
  "ap-northeast-1": [35.7, 139.7], // Tokyo
  "ap-northeast-2": [37.6, 127], // Seoul
  "ap-northeast-3": [34.7, 135.5], // Osaka
  "ap-southeast-1": [1.35, 103.8], // Singapore
  "ap-southeast-2": [-33.9, 151.2], // Sydney
  "ap-southeast-3": [-6.2, 106.8], // Jakarta
  "ap-southeast-4": [-37.8, 145], // Melbourne
  "ap-southeast-5": [3.1, 101.7], // Kuala Lumpur
  "ap-southeast-6": [-36.8, 174.8], // Auckland
  "ap-southeast-7": [13.8, 100.5], // Bangkok
  "ca-central-1": [45.5, -73.6], // Montreal
  "ca-west-1": [51, -114], // Calgary
  "mx-central-1": [20.6, -100.4], // Querétaro
  "eu-central-1": [50.1, 8.7], // Frankfurt
  "eu-central-2": [47.4, 8.5], // Zurich
  "eu-north-1": [59.3, 18.1], // Stockholm
  "eu-south-1": [45.5, 9.2], // Milan
  "eu-south-2": [41.6, -0.9], // Aragón
  "eu-west-1": [53.3, -6.3], // Dublin
  "eu-west-2": [51.5, -0.1], // London
  "eu-west-3": [48.9, 2.35], // Paris
  "il-central-1": [32.1, 34.8], // Tel Aviv
  "me-central-1": [25.2, 55.3], // UAE
  "me-south-1": [26.1, 50.6], // Bahrain
  "sa-east-1": [-23.5, -46.6], // São Paulo
  "cn-north-1": [39.9, 116.4], // Beijing
  "cn-northwest-1": [37.5, 105.2], // Ningxia
  "us-gov-east-1": [40, -83],
  "us-gov-west-1": [45.8, -119.7],
};

function km([lat1, lon1]: [number, number], [lat2, lon2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** The nearest SES region (with SMTP when needed) outside GovCloud; us-east-1 when the region's place is unknown. */
export function nearestSesRegion(region: string, needSmtp: boolean): string {
  const here = CITY[region];
  const candidates = SES_REGIONS.filter(
    (r) => r !== region && !r.startsWith("us-gov-") && (needSmtp ? hasSmtp(r) : hasSes(r)),
  );
  if (!here) return "us-east-1";
  let best: { region: string; km: number } | undefined;
  for (const r of candidates) {
    const d = CITY[r] ? km(here, CITY[r]) : Number.POSITIVE_INFINITY;
    if (!best || d < best.km) best = { region: r, km: d };
  }
  return best?.region ?? "us-east-1";
}
