import { redirect } from "next/navigation";

/** Short alias used by the navigation. */
export default function Sigv4Alias(): never {
  redirect("/tools/signature-doctor");
}
