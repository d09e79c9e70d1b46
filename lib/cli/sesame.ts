/**
 * `sesame <command> …`: the one command-line entry (bin/sesame.js runs its compiled form, dist-cli/sesame.mjs). Each
 * subcommand's module is loaded only when it is the one asked for, so `sesame smtp-password` never parses the AWS
 * SDK and `sesame doctor --help` prints before the engine loads (docs/doctor.md).
 */

const io = {
  out: (s: string) => void process.stdout.write(s),
  err: (s: string) => void process.stderr.write(s),
};

export const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  doctor: {
    summary: "check SES credentials, region, permissions, domain, DNS and SMTP (--help for options)",
    run: async (argv) => {
      if (argv.some((a) => a === "--help" || a === "-h")) {
        io.out(`${(await import("./doctor-usage")).DOCTOR_USAGE}\n`);
        return 0;
      }
      return (await import("./doctor-run")).runDoctor(argv);
    },
  },
  health: {
    summary: "ask a running Sesame for its health; exit 0 pass/warn, 1 fail",
    run: async (argv) => (await import("./health")).runHealthCli({ argv, env: process.env, ...io }),
  },
  "smtp-password": {
    summary: "IAM secret access key → SES SMTP password for a region",
    run: async (argv) => {
      const { readFileSync } = await import("node:fs");
      return (await import("./smtp-password")).runSmtpPasswordCli({
        argv,
        env: process.env,
        readStdin: () => readFileSync(0, "utf8"),
        ...io,
      });
    },
  },
  sigv4: {
    summary: "the signature doctor: explain why AWS rejects a signed request",
    run: async (argv) => {
      const { readFileSync } = await import("node:fs");
      return (await import("./sigv4")).runSigv4Cli({
        argv,
        env: process.env,
        readStdin: () => readFileSync(0, "utf8"),
        readFile: (p) => readFileSync(p, "utf8"),
        ...io,
      });
    },
  },
};

export const HELP = `Usage: sesame <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(15)}${c.summary}`)
  .join("\n")}

\`sesame <command> --help\` shows a command's options. From a checkout, \`npm run -s <command> -- …\` is the same.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.err : io.out)(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`sesame: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  return command.run(rest);
}
