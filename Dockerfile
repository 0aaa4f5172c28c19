# jarida: the command line, the worker and the API, on Node 20. `serve` listens on 8080 in
# docker-compose.yml and a worker's health port (/healthz, /readyz, /metrics) on 9464.
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
EXPOSE 8080 9464
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["--help"]
