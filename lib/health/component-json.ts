import type { Entry } from "./cache";
import { type HealthCheckEntry, type HealthJson, httpStatusOf, toHealthJson } from "./health-json";
import { COMPONENTS, type HealthSnapshot } from "./snapshot";

/**
 * `GET /api/health/<component>`: the same health+json cut down to one component, for monitors that can only test
 * one URL's status code. A name matches a check key's component part (`credentials` → `credentials:valid` and
 * `credentials:age`) or a component id (`keyAge`). A known component the last round could not check is `warn` with
 * `output` saying so — never `pass`.
 */

/** Every name the route answers for: the cards' ids and their keys' component parts, plus any the round reported. */
export function componentNames(snap?: HealthSnapshot): string[] {
  const names = new Set<string>();
  for (const c of [...COMPONENTS, ...(snap?.components ?? [])]) {
    names.add(c.id);
    names.add(c.key.split(":")[0]);
  }
  return [...names].sort();
}

const matches = (name: string, key: string, check: HealthCheckEntry) =>
  key.split(":")[0].toLowerCase() === name || check.componentId.toLowerCase() === name;

const RANK = { pass: 0, warn: 1, fail: 2 } as const;

/** undefined when `name` is no component Sesame knows. */
export function toComponentJson(
  entry: Entry<HealthSnapshot>,
  name: string,
): { body: HealthJson; httpStatus: number } | undefined {
  const wanted = name.toLowerCase();
  if (!componentNames(entry.value).some((n) => n.toLowerCase() === wanted)) return undefined;
  const { body: full } = toHealthJson(entry);
  const checks = Object.fromEntries(
    Object.entries(full.checks).filter(([key, entries]) => entries.some((c) => matches(wanted, key, c))),
  );
  const entries = Object.values(checks).flat();
  let status: HealthJson["status"] = "pass";
  for (const c of entries) if (RANK[c.status] > RANK[status]) status = c.status;
  let output: string | undefined;
  if (entries.length === 0) {
    status = "warn";
    output = `${name} was not checked in the round of ${entry.value.checkedAt}${
      entry.value.error ? `: ${entry.value.error}` : " (an earlier check failed, or it does not apply to this target)"
    }`;
  } else if (entry.lastRefreshFailed && status === "pass") {
    status = "warn"; // as for the whole: the latest attempt failed, the pass is from an earlier round
    output = full.output;
  }
  const body: HealthJson = {
    ...full,
    status,
    description: `Health of ${name}: ${full.description}`,
    checks,
    ...(output ? { output } : {}),
  };
  if (!output) delete body.output;
  return { body, httpStatus: httpStatusOf(status) };
}
