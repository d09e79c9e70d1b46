import { FindingCard } from "@/components/findings/finding-card";
import { Button } from "@/components/ui";
import type { IdentityElsewhere } from "@/lib/setup/contract";

/**
 * The domain is verified in another SES region: say so (the catalogue's finding) and offer the better way first,
 * switching the platform's region, before creating a second, pending identity in this one.
 */
export function ElsewhereOffer({
  elsewhere,
  region,
  busy,
  onSwitch,
  onCreateHere,
}: {
  elsewhere: IdentityElsewhere;
  region: string;
  busy: boolean;
  onSwitch: (region: string) => void;
  onCreateHere: () => void;
}) {
  return (
    <section aria-label="Domain found in another region" className="flex flex-col gap-3">
      <FindingCard finding={elsewhere.finding} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="outline" disabled={busy} onClick={onCreateHere}>
          Create it in {region} anyway
        </Button>
        {elsewhere.regions.map((r) => (
          <Button key={r} type="button" disabled={busy} onClick={() => onSwitch(r)}>
            Switch the platform&apos;s region to {r}
          </Button>
        ))}
      </div>
    </section>
  );
}
