/** Rewrites the finding-code list in docs/doctor.md from lib/findings/catalogue/. Usage: npx tsx scripts/doctor-codes.ts */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withCodeTable } from "../lib/diagnose/catalogue-doc";

const file = path.resolve(__dirname, "../docs/doctor.md");
const before = readFileSync(file, "utf8");
const after = withCodeTable(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? "docs/doctor.md is up to date\n" : "docs/doctor.md rewritten\n");
