/**
 * A webhook receiver (docs/events.md) in plain Node, no dependencies: verifies each delivery's
 * X-EwL-Signature with the subscription's secret, refuses what does not verify (400), handles each
 * event once (deliveries are at least once: deduplicate by X-EwL-Event-Id) and answers 204 at once.
 *
 *   WEBHOOK_SECRET=whsec_... PORT=8080 node examples/webhook-receiver.mjs
 *
 * Then subscribe it: createWebhookSubscription(input: { url: "http://127.0.0.1:8080/", ... }) returns
 * the secret, once. It prints one line per request: `verified <type> <experiment key> <event id>`,
 * `duplicate <event id>` or `refused <reason>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

/** How far the signature's timestamp may be from this clock (seconds): older deliveries are replays. */
const TOLERANCE_SECONDS = 300;
/** Largest body read; the catalogue's events are far smaller. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Checks `t=<unix>,v1=<hex>` against the raw body: the timestamp within the tolerance, and one v1
 * equal (in constant time) to HMAC-SHA256(secret, "<t>.<body>").
 * @returns null when it verifies, otherwise why not.
 */
function signatureProblem(secret, header, rawBody, nowSeconds = Date.now() / 1000) {
  if (typeof header !== 'string') return 'no X-EwL-Signature header';
  const parts = header.split(',').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value));
  if (t === undefined || !/^\d+$/.test(t) || signatures.length === 0) return 'malformed X-EwL-Signature header';
  if (Math.abs(nowSeconds - Number(t)) > TOLERANCE_SECONDS) return 'timestamp outside the tolerance';
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest();
  const matches = signatures.some(([, value]) => timingSafeEqual(Buffer.from(value, 'hex'), expected));
  return matches ? null : 'signature mismatch';
}

/** A server that verifies deliveries for `secret` and calls `onEvent(event)` once per event id. */
function createReceiver(secret, onEvent) {
  const seen = new Set();
  return http.createServer((req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const problem = signatureProblem(secret, req.headers['x-ewl-signature'], rawBody);
      if (problem !== null) {
        console.log(`refused ${problem}`);
        return void res.writeHead(400).end();
      }
      const event = JSON.parse(rawBody);
      if (seen.has(event.id)) console.log(`duplicate ${event.id}`);
      else {
        seen.add(event.id);
        console.log(`verified ${event.type} ${event.experiment.key} ${event.id}`);
        onEvent(event);
      }
      res.writeHead(204).end();
    });
  });
}

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the secret createWebhookSubscription returned.');
  process.exit(2);
}
const server = createReceiver(secret, () => {
  // Hand the event to a queue or a job here; the answer must not wait for the work.
});
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/`);
});
