import type { NextConfig } from "next";
import { API_CSP, SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The build always emits the standalone server the image runs. `npm start` serves the same build with
  // `next start`, which only warns ("does not work with output: standalone") when it sees this setting; its
  // launcher sets SESAME_NEXT_START so the operator is not told something false.
  output: process.env.SESAME_NEXT_START === "1" ? undefined : "standalone",
  poweredByHeader: false,
  // The SDK clients and the SMTP/DNS libraries run only on the server; keep them out of the bundler.
  serverExternalPackages: ["nodemailer", "dns-packet", "smtp-server", "mailparser"],
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` is the gate; the build should not type-check twice
  // Security headers on every answer; pages get their CSP (with a nonce) from proxy.ts, API answers this strict one.
  // docs/security.md#headers
  // The start-up link `/setup…?token=…` is answered by the session route, which trades the token for the cookie and
  // redirects to the same page without it (docs/security.md#headers). A rewrite here stays inside the server: one in
  // proxy.ts was compared with the listen address and, when that differed from the URL proxy.ts saw ("localhost" vs
  // 127.0.0.1), Next forwarded the link over HTTP to itself — a second socket that hung up under load.
  async rewrites() {
    const token = [{ type: "query" as const, key: "token" }];
    return {
      beforeFiles: [
        { source: "/setup", has: token, destination: "/api/setup/session/link" },
        { source: "/setup/:path*", has: token, destination: "/api/setup/session/link/:path*" },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    const all = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return [
      { source: "/:path*", headers: all },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
