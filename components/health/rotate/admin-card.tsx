import { Button } from "../../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../ui/card";
import { Input, Label } from "../../ui/input";

/** Optional admin credentials for when the platform's key may not manage its own keys (server memory, 30 minutes). */
export function AdminCard(props: {
  adminId: string;
  adminSecret: string;
  onId: (v: string) => void;
  onSecret: (v: string) => void;
  held: boolean;
  busy: boolean;
  onForget: () => void;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Admin credentials (optional)</CardTitle>
        <CardDescription>
          Needed when the platform's key may not manage its own keys. Kept in server memory for this session only (30
          minutes), never stored or shown again.
          {props.held ? " Admin credentials are held for this session." : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 md:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="rotate-admin-id">Admin access key ID</Label>
          <Input
            id="rotate-admin-id"
            autoComplete="off"
            spellCheck={false}
            value={props.adminId}
            onChange={(e) => props.onId(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="rotate-admin-secret">Admin secret access key</Label>
          <Input
            id="rotate-admin-secret"
            type="password"
            autoComplete="off"
            value={props.adminSecret}
            onChange={(e) => props.onSecret(e.target.value)}
          />
        </div>
        {props.held ? (
          <div>
            <Button variant="ghost" size="sm" onClick={props.onForget} disabled={props.busy}>
              Forget admin credentials
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
