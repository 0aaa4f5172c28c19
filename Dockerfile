# jarida: the command line and (later) the worker and API, on Node 20.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
ENV JARIDA_DATA_DIR=/data
VOLUME /data
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["--help"]
