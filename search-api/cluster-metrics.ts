/**
 * `/metrics` of `jarida serve --workers N`: each serving process counts its own requests and
 * a scrape lands on any one of them, so the one asked answers with the sum over every serving
 * process, gathered by the primary (prom-client's aggregation). Counters then grow steadily
 * whichever process a scrape reaches. Only processes that listen are asked: one still
 * starting (a replacement) has nothing to say yet and could not answer.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MetricsScrape } from './health-routes.js';

/** A serving process asks the primary for the sum. */
const SUM_REQUEST = 'jarida:metrics-sum-request';
const SUM_ANSWER = 'jarida:metrics-sum-answer';
/** The primary asks each serving process for its own figures. */
const OWN_REQUEST = 'jarida:metrics-own-request';
const OWN_ANSWER = 'jarida:metrics-own-answer';

/** A process that has not answered in this long is left out of the sum (it is being stopped or replaced). */
const ANSWER_MS = 3_000;

interface MetricsMessage {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
  /** A process's figures, as `Registry.getMetricsAsJSON()` gives them. */
  metrics?: object[];
}

/** Sends `message` and resolves with the answer whose `id` matches, or undefined after {@link ANSWER_MS}. */
function ask(
  send: (message: MetricsMessage) => void,
  pending: Map<number, (answer: MetricsMessage) => void>,
  message: MetricsMessage & { id: number },
): Promise<MetricsMessage | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle(undefined), ANSWER_MS);
    function settle(answer: MetricsMessage | undefined) {
      clearTimeout(timer);
      pending.delete(message.id);
      resolve(answer);
    }
    pending.set(message.id, settle);
    send(message);
  });
}

/** In the primary: answers the serving processes' requests with the sum of every listening process's figures. */
export function aggregateClusterMetrics(): void {
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker) => listening.delete(worker));
  const pending = new Map<number, (answer: MetricsMessage) => void>();
  let next = 0;
  cluster.on('message', async function answerMetrics(worker, message: MetricsMessage) {
    if (message?.type === OWN_ANSWER && message.id !== undefined) pending.get(message.id)?.(message);
    if (message?.type !== SUM_REQUEST) return;
    const answers = await Promise.all(
      [...listening].map((each) =>
        ask((m) => each.send(m), pending, { type: OWN_REQUEST, id: next++ }).catch(() => undefined),
      ),
    );
    const figures = answers.flatMap((answer) => (answer?.metrics ? [answer.metrics] : []));
    try {
      const text = await AggregatorRegistry.aggregate(figures).metrics();
      worker.send({ type: SUM_ANSWER, id: message.id, text });
    } catch (error) {
      worker.send({ type: SUM_ANSWER, id: message.id, error: (error as Error).message });
    }
  });
}

/**
 * In a serving process: offers `registry`'s figures to the primary's sums and returns what
 * `/metrics` answers — the sum over every serving process.
 */
export function clusterScrape(registry: Registry): () => Promise<MetricsScrape> {
  const pending = new Map<number, (answer: MetricsMessage) => void>();
  let next = 0;
  process.on('message', async (message: MetricsMessage) => {
    if (message?.type === SUM_ANSWER && message.id !== undefined) pending.get(message.id)?.(message);
    if (message?.type === OWN_REQUEST) {
      process.send?.({ type: OWN_ANSWER, id: message.id, metrics: await registry.getMetricsAsJSON() });
    }
  });
  return async () => {
    const answer = await ask((m) => process.send!(m), pending, { type: SUM_REQUEST, id: next++ });
    if (answer?.text === undefined) {
      throw new Error(`metrics of the serving processes: ${answer?.error ?? 'the primary did not answer'}`);
    }
    return { contentType: registry.contentType, text: answer.text };
  };
}
