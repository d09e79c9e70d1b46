# syntax=docker/dockerfile:1
# Sesame: Next.js standalone server on the current Node LTS, as a non-root user, with a dependency-free HEALTHCHECK.
# Build:  docker build -t sesame .
# Run:    docker compose up -d   (see docker-compose.yml and docs/deploy.md)

ARG NODE_IMAGE=node:24-bookworm-slim

# ── deps: exact lockfile install (cached until package*.json change) ─────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# `prepare` (the CLI build) runs here too; without the sources yet it has nothing to do
COPY scripts/build-cli.mjs ./scripts/
RUN npm ci --no-audit --no-fund

# ── build: next build with output "standalone" (next.config.ts) ─────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ may be absent from a clone (git keeps no empty directories); the runner copies it either way
RUN mkdir -p public && npm run build

# ── runner: only the traced server, static assets and public/ ──────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    SESAME_ENV_FILE=/data/platform.env \
    SESAME_STATE_DIR=/app/.sesame

COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
# Next's server plus a fast path for GET /api/health from the in-process cache (see the file's header)
COPY --from=build --chown=node:node /app/lib/health/standalone-server.cjs ./sesame-server.cjs
# links.docs of the health JSON (/api/health/docs)
COPY --from=build --chown=node:node /app/docs/health.md ./docs/health.md
# The `sesame` command (doctor, health, smtp-password, sigv4): a self-contained esbuild bundle, on the PATH
COPY --from=build --chown=node:node /app/dist-cli ./dist-cli
COPY --from=build --chown=node:node /app/bin/sesame.js ./bin/sesame.js
RUN ln -s /app/bin/sesame.js /usr/local/bin/sesame
# /data holds the platform env file shared with the email platform's container; the state dir holds no secrets.
RUN mkdir -p /data /app/.sesame && chown node:node /data /app/.sesame

USER node
EXPOSE 3000
VOLUME ["/data", "/app/.sesame"]

# Liveness only: no AWS call, so a slow AWS never gets Sesame restarted. Slim images have no curl; Node has fetch.
# Readiness ("can the platform send?") is GET /api/health, see docker-compose.yml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "sesame-server.cjs"]
