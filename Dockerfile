# The portal's image: one image, three commands (README "Deploying").
#   web      (default)  node web/scripts/portal-server.mjs          Next.js standalone server, port $PORT (3000)
#   worker              node --import tsx scripts/worker.ts         pg-boss jobs (TypeScript run by tsx)
#   migrate             node --import tsx scripts/db/migrate.ts     migrations + job schema, then exits
#
# BASE_IMAGE: any Debian-like image with node >= 20.19 and npm (default the public node image;
# `npm run test:container` builds one from Debian packages with mmdebstrap).
# Build-time only, never in the final stage: NPM_REGISTRY (build arg) and a CA bundle for npm
# (`--secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt`), for builds behind a TLS-inspecting proxy.
ARG BASE_IMAGE=node:20-bookworm-slim

# ---- dependencies: every package (the build needs the dev ones), the Prisma client generated ----
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
ARG NPM_REGISTRY=https://registry.npmjs.org/
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
# Install scripts off: Prisma's would download engines the offline generate does not need (package.json
# "allowScripts"); the ones that matter run by name.
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca npm_config_cafile=/run/secrets/npm_ca; fi; \
    npm_config_registry="$NPM_REGISTRY" npm ci --ignore-scripts --no-audit --no-fund \
    && npm rebuild esbuild \
    && node scripts/prisma-generate.mjs

# ---- build: next build (standalone output) plus the build stamp ----
FROM deps AS build
COPY . .
RUN node node_modules/tsx/dist/cli.mjs scripts/build.ts

# ---- production dependencies only: what the worker and migrate commands load ----
FROM deps AS prod-deps
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime ----
FROM ${BASE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PORT=3000 \
    HOSTNAME_BIND=0.0.0.0 \
    UPLOADS_DIR=/data/uploads
# Worker and migrate: TypeScript sources run by tsx (a runtime dependency), on the production packages.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/src ./src
COPY --from=build /app/emails ./emails
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
# Web: Next's standalone server (only the files it traced), its static files, and the portal's own HTTP
# server in front of it (records the TCP peer for per-IP limits). Migrations beside it for /api/ready.
COPY --from=build /app/.next/standalone ./web
COPY --from=build /app/.next/static ./web/.next/static
COPY --from=build /app/public ./web/public
COPY --from=build /app/prisma/migrations ./web/prisma/migrations
COPY --from=build /app/scripts/portal-server.mjs ./web/scripts/portal-server.mjs
# No user of our own to create (minimal bases have no useradd): a fixed unprivileged id, owning only what
# is written at run time (Next's image cache, local-disk uploads when no object storage is configured).
RUN mkdir -p /data/uploads /app/web/.next/cache && chown -R 10001:10001 /data /app/web/.next/cache
USER 10001:10001
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "web/scripts/portal-server.mjs"]
