# No "# syntax=" line: it makes BuildKit pull a frontend image, which fails offline. RUN --mount
# works with the frontend built into Docker 20.10 and later (DOCKER_BUILDKIT=1).
# Node.js 24 LTS; 22 and 24 are the supported lines (package.json engines).
ARG NODE_IMAGE=node:24-bookworm-slim

# Behind a TLS-intercepting proxy: docker build --secret id=npm_ca,src=/path/to/ca-bundle.pem .
# The bundle is mounted for the install steps only and stays out of every layer.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_ca,required=false \
    if [ -s /run/secrets/npm_ca ]; then export NPM_CONFIG_CAFILE=/run/secrets/npm_ca; fi; \
    npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/write-build-info.mjs ./scripts/
COPY src ./src
# The simulator behind --demo is built into dist/simulator/ beside the exporter.
COPY simulator ./simulator
# The git revision and the build time (RFC 3339): in the labels below and in --version.
ARG REVISION=unknown
ARG CREATED=
RUN REVISION=$REVISION BUILD_DATE=$CREATED npm run build && rm dist/*.tsbuildinfo

# The runtime dependencies alone, installed beside the build (BuildKit runs the two stages at
# once): quicker than pruning the build's tree.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_ca,required=false \
    if [ -s /run/secrets/npm_ca ]; then export NPM_CONFIG_CAFILE=/run/secrets/npm_ca; fi; \
    npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ARG REVISION=unknown
ARG CREATED=
# The version is package.json's; .ci/image.sh fails when the two disagree.
LABEL org.opencontainers.image.title="atlas-backup-exporter" \
      org.opencontainers.image.description="Prometheus exporter for MongoDB Atlas backup snapshots (dedicated, Flex, serverless)" \
      org.opencontainers.image.source="https://github.com/atlas-backup-exporter/atlas-backup-exporter" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
# At most two glibc malloc arenas (the default is eight per core): Node's helper threads each
# kept one, 12 MiB of RSS at 5,000 clusters. Blocks of 32 KiB and more in mappings of their own,
# unmapped when freed: the /metrics page's 64 KiB pieces and V8's 32 KiB compiler zones otherwise
# share malloc's heap, which keeps the high-water mark of a page build resident (20 MiB at 5,000
# clusters; bench/README.md, "Memory").
ENV NODE_ENV=production MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=32768
WORKDIR /app
# Owned by root and read-only to the exporter's user; nothing is written at run time, so the
# image runs with a read-only root filesystem.
COPY package.json ./
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Numeric, so Kubernetes' runAsNonRoot can check it without a passwd lookup.
USER 1000:1000
EXPOSE 10025
# Docker tells a HEALTHCHECK none of the container's arguments: --from-pid=1 reads them from the
# exporter's command line, so any --web.listen-address and --web.config.file are followed. With
# basic auth its 401 proves it alive; ATLAS_EXPORTER_HEALTHCHECK_PASSWORD_FILE=... checks the status too.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "/app/dist/main.js", "healthcheck", "--from-pid=1"]
# Exec form: SIGTERM reaches Node, which shuts down cleanly (exit 0). `docker run IMAGE --demo`.
# Young generation capped at 2 × 8 MiB: left to itself, Node 24 grows it to 128 MiB under a
# refresh's allocation rate, and keeps it (about 100 MiB of RSS at 5,000 clusters, no faster).
# gc() exposed: once no scrape came for a second after a refresh, the exporter asks V8 to give
# back the heap the refresh grew to (src/release-memory.ts).
ENTRYPOINT ["node", "--max-semi-space-size=8", "--expose-gc", "/app/dist/main.js"]
