# One image for every service of the hub; docker-compose.yml picks the service by command.
FROM node:20-bookworm-slim AS build
WORKDIR /hub
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY bench ./bench
RUN npm ci --no-audit --no-fund && npx tsc -b && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /hub
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /hub /hub
USER node
CMD ["node", "gateway/dist/main.js"]
