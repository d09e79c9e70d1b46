import { AwsError } from "./types";

/** Query-protocol parameter helpers shared by the query services (IAM, STS, SES v1, SNS). */

export function required(
  params: Record<string, string>,
  name: string,
  member = name.charAt(0).toLowerCase() + name.slice(1),
): string {
  const v = params[name];
  if (v === undefined || v === "") {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      400,
    );
  }
  return v;
}

/** `Name.member.1=a&Name.member.2=b` → ["a", "b"] in index order. */
export function memberList(params: Record<string, string>, name: string): string[] {
  const prefix = `${name}.member.`;
  return Object.entries(params)
    .filter(([k]) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)))
    .sort(([a], [b]) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map(([, v]) => v);
}

/** `Tags.member.N.Key` / `.Value` → [{Key, Value}] */
export function tagList(params: Record<string, string>, name = "Tags"): Array<{ Key: string; Value: string }> {
  const tags: Array<{ Key: string; Value: string }> = [];
  for (let i = 1; params[`${name}.member.${i}.Key`] !== undefined; i++) {
    tags.push({ Key: params[`${name}.member.${i}.Key`], Value: params[`${name}.member.${i}.Value`] ?? "" });
  }
  return tags;
}
