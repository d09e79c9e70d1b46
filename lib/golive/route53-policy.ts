/** Browser-safe (no zod): the Route 53 panel shows this policy before the operator gives credentials. */

/** The one-time policy for publishing: this zone's records and nothing else (plus finding the zone and the change). */
export function zonePolicy(zoneId = "<hosted zone id>"): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "FindTheZone", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
        {
          Sid: "ChangeThisZoneOnly",
          Effect: "Allow",
          Action: ["route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets"],
          Resource: `arn:aws:route53:::hostedzone/${zoneId}`,
        },
        {
          Sid: "FollowTheChange",
          Effect: "Allow",
          Action: "route53:GetChange",
          Resource: "arn:aws:route53:::change/*",
        },
      ],
    },
    null,
    2,
  );
}
