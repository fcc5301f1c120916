# Rectify server image. better-sqlite3 is a native addon, so the build stage has a compiler.
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# `npm ci` builds the app (the `prepare` script), so the sources come first.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY samples ./samples
# Written at run time by the server (user node): the store witness and snapshots (./data) and the
# ledger signing key (./keys, a volume in docker-compose.yml). A volume mounted on an existing
# directory takes its owner from it.
RUN mkdir -p /app/data /app/keys && chown node:node /app/data /app/keys
# Every container keeps its store at /app/data/rectify.db: name each copy when you run it
# (`docker run -e STORE_COPY_NAME=正式 …`, `STORE_COPY_NAME=测试环境` on a staging copy), or the
# copies' signed head statements cannot be told apart (README, Reliability; /health says so).
EXPOSE 3000
USER node
# Ready = serving, store answering, read models caught up (see README, Health). The image has no
# curl; Node's fetch does. The start period covers rebuilding the read models of a large log.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
