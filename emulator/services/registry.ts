import type { QueryServiceTable, RestServiceTable, ServiceTable } from "../core/operations";
import type { World } from "../state";
import { createIam } from "./iam";
import { createRoute53 } from "./route53";
import { createSnsTable } from "./sns/handlers";
import { createSts } from "./sts";

/**
 * Every service the HTTP endpoint serves, as operation tables. SES's tables are read from the world each time because
 * a reset rebuilds them; the others are built once per world. A new service adds its table here.
 */
const fixedTables = new WeakMap<World, ServiceTable[]>();

export function serviceTables(world: World): ServiceTable[] {
  let fixed = fixedTables.get(world);
  if (!fixed) {
    fixed = [
      createIam(() => world.iam),
      createSts(() => world.iam),
      createSnsTable(() => world.sns),
      createRoute53(() => world.route53),
    ];
    fixedTables.set(world, fixed);
  }
  return [world.ses.v1, world.ses.v2, ...fixed];
}

export const queryTables = (world: World): QueryServiceTable[] =>
  serviceTables(world).filter((t): t is QueryServiceTable => t.protocol === "query");

export const restTables = (world: World): RestServiceTable[] =>
  serviceTables(world).filter((t): t is RestServiceTable => t.protocol === "rest-json");
