import { lintEnv } from "@/lib/env/lint";
import type { Probe } from "../types";

/** The platform's env file as written: wrong or legacy names, values a parser will mangle. No network. */
export const envProbe: Probe = {
  id: "env",
  label: "Environment variables",
  needs: [],
  when: (ctx) => ctx.input.envText !== undefined || ctx.input.env !== undefined,
  async run(ctx) {
    const source = ctx.input.envText ?? ctx.input.env ?? {};
    return { findings: lintEnv(source, ctx.input.target) };
  },
};
