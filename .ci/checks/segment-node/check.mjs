// CI check: Segment's own Node client must work against the web sample unchanged.
//
// Starts the built web sample (emulator mode: no Klaviyo key) on a free loopback port, sends identify, track,
// Order Completed and a batch through @segment/analytics-node with a write key, flushes and closes the client,
// waits until the sample has routed every message, then asserts through the emulator's inspection API that the
// profiles and events are there. Exits 0 on success and 1 otherwise; the app is always stopped.
//
// Usage: node check.mjs <path to Klaviyo.Actions.WebSample.dll>
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Analytics } from '@segment/analytics-node';

const WRITE_KEY = 'ci-check-write-key';
const START_TIMEOUT_MS = 90_000;
const SETTLE_TIMEOUT_MS = 60_000;
const BATCH_USERS = 12;

const dll = process.argv[2];
if (!dll) {
  console.error('usage: node check.mjs <Klaviyo.Actions.WebSample.dll>');
  process.exit(2);
}

const failures = [];
function check(condition, message) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures.push(message);
}

let app;
let appLog = '';

function stopApp() {
  if (app && app.exitCode === null && app.signalCode === null) {
    app.kill('SIGTERM');
  }
}

process.on('exit', stopApp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopApp();
    process.exit(130);
  });
}

async function startApp() {
  const env = { ...process.env };
  // Emulator mode: no Klaviyo key from the environment may leak in.
  delete env.KLAVIYO_API_KEY;
  delete env.Klaviyo__ApiKey;
  Object.assign(env, {
    ASPNETCORE_ENVIRONMENT: 'Production',
    ASPNETCORE_URLS: 'http://127.0.0.1:0',
    WebSample__WriteKeys__0: WRITE_KEY,
    Klaviyo__Batching__MaxDelay: '00:00:00.200',
    DOTNET_NOLOGO: '1',
    Logging__Console__FormatterName: 'simple',
  });
  // Run from the build output so its appsettings.json is the content root's.
  app = spawn('dotnet', [resolve(dll)], { cwd: dirname(resolve(dll)), env, stdio: ['ignore', 'pipe', 'pipe'] });
  app.stdout.setEncoding('utf8');
  app.stderr.setEncoding('utf8');
  app.stderr.on('data', (chunk) => { appLog += chunk; });

  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web sample did not report its address within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    app.stdout.on('data', (chunk) => {
      appLog += chunk;
      const match = /Now listening on: (http:\/\/[^\s]+)/.exec(appLog);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    app.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the web sample exited early (code ${code}, signal ${signal})`));
    });
  });
  await waitFor(`${address}/health`, async (response) => response.ok && (await response.text()) === 'Healthy', START_TIMEOUT_MS);
  return address;
}

async function waitFor(url, isReady, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (await isReady(response)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await delay(250);
  }
  throw new Error(`${url} not ready within ${timeoutMs / 1000} s (last: ${last})`);
}

async function getJson(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.json();
}

async function sendThroughAnalyticsNode(address) {
  const analytics = new Analytics({ writeKey: WRITE_KEY, host: address, flushAt: 50, flushInterval: 200, maxRetries: 3 });
  const requests = [];
  const errors = [];
  analytics.on('http_request', (request) => requests.push(JSON.parse(request.body).batch.length));
  analytics.on('error', (error) => errors.push(String(error?.reason ?? error?.message ?? error)));

  analytics.identify({
    userId: 'ci-user-1',
    traits: { email: 'ci-user-1@shop-demo.test', firstName: 'Ada', lastName: 'Lovelace', title: 'Engineer' },
  });
  analytics.track({
    userId: 'ci-user-1',
    event: 'Product Viewed',
    properties: { product_id: 'sku-1', name: 'Trail Shoe', price: 89.5, email: 'ci-user-1@shop-demo.test' },
    context: { traits: { email: 'ci-user-1@shop-demo.test' } },
  });
  analytics.track({
    userId: 'ci-user-1',
    event: 'Order Completed',
    properties: {
      order_id: 'ci-order-1',
      total: 120.5,
      currency: 'USD',
      products: [
        { product_id: 'sku-1', name: 'Trail Shoe', price: 89.5, quantity: 1 },
        { product_id: 'sku-2', name: 'Socks', price: 15.5, quantity: 2 },
      ],
    },
    context: { traits: { email: 'ci-user-1@shop-demo.test' } },
  });
  // An identify Klaviyo cannot take: it must be counted as invalid by the sample, not lost silently.
  analytics.identify({ userId: 'ci-user-bad', traits: { email: 'not-an-email' } });
  await analytics.flush();

  // A batch of several users in one /v1/batch request.
  for (let i = 0; i < BATCH_USERS; i++) {
    const email = `ci-batch-${i}@shop-demo.test`;
    analytics.identify({ userId: `ci-batch-${i}`, traits: { email, firstName: `Batch${i}` } });
    analytics.track({ userId: `ci-batch-${i}`, event: 'Signed Up', properties: { email, source: 'ci' }, context: { traits: { email } } });
  }
  await analytics.closeAndFlush({ timeout: 30_000 });
  return { requests, errors, sent: 4 + BATCH_USERS * 2 };
}

async function main() {
  const address = await startApp();
  console.log(`web sample at ${address}`);
  const { requests, errors, sent } = await sendThroughAnalyticsNode(address);
  check(errors.length === 0, `analytics-node reported no delivery errors (${errors.join('; ') || 'none'})`);
  check(requests.reduce((a, b) => a + b, 0) === sent, `analytics-node delivered all ${sent} messages in ${requests.length} requests`);
  check(requests.some((n) => n >= BATCH_USERS * 2), `one /v1/batch request carried ${BATCH_USERS * 2} messages`);

  let stats;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  do {
    stats = await getJson(`${address}/v1/stats`);
    if (stats.pending === 0 && stats.routed >= sent) break;
    await delay(250);
  } while (Date.now() < deadline);
  check(stats.accepted === sent && stats.routed === sent && stats.pending === 0, `the sample routed every message (accepted ${stats.accepted}, routed ${stats.routed}, pending ${stats.pending})`);
  const upserts = stats.actions.upsertProfile ?? {};
  check(upserts.invalid === 1, `the invalid identify is counted as invalid (upsertProfile invalid: ${upserts.invalid})`);
  const failed = Object.values(stats.actions).reduce((n, a) => n + a.failed, 0);
  check(failed === 0, `no action failed (${failed})`);

  const emulator = await getJson(`${address}/emulator`);
  const inspection = emulator.inspection_address;
  // Batched profile upserts are bulk import jobs: wait until the emulator has completed every job.
  let jobs = [];
  const jobsDeadline = Date.now() + SETTLE_TIMEOUT_MS;
  do {
    jobs = await getJson(`${inspection}import-jobs`);
    if (jobs.length > 0 && jobs.every((job) => job.status === 'complete')) break;
    await delay(250);
  } while (Date.now() < jobsDeadline);
  check(jobs.length > 0 && jobs.every((job) => job.status === 'complete'), `the profile import jobs completed (${jobs.map((job) => job.status).join(', ')})`);
  const profiles = await getJson(`${inspection}profiles`);
  const events = await getJson(`${inspection}events`);
  const byEmail = new Map(profiles.map((p) => [p.email, p]));

  const ada = byEmail.get('ci-user-1@shop-demo.test');
  check(ada !== undefined, 'the identified profile exists');
  check(ada?.first_name === 'Ada' && ada?.last_name === 'Lovelace', 'its first and last name came from the traits');
  check(ada?.external_id === 'ci-user-1', 'its external id is the Segment userId (so the tracks land on it)');
  check(ada?.title === 'Engineer', 'its title came from the traits');
  const adaEvents = events.filter((e) => e.profile_id === ada?.id);
  const metric = (name) => adaEvents.filter((e) => e.metric_name === name);
  check(metric('Product Viewed').length === 1, 'the track became one "Product Viewed" event on the profile');
  const order = metric('Order Completed');
  check(order.length === 1 && order[0].properties?.order_id === 'ci-order-1', `Order Completed was recorded once with its properties (${order.length})`);
  check(metric('Ordered Product').length === 2, `one "Ordered Product" event per product (${metric('Ordered Product').length})`);
  check(!byEmail.has('not-an-email'), 'the invalid identify created no profile');

  const batchProfiles = [...Array(BATCH_USERS).keys()].map((i) => byEmail.get(`ci-batch-${i}@shop-demo.test`));
  check(batchProfiles.every((p, i) => p?.first_name === `Batch${i}`), `all ${BATCH_USERS} batch profiles exist with their names`);
  const signedUp = events.filter((e) => e.metric_name === 'Signed Up');
  check(signedUp.length === BATCH_USERS, `all ${BATCH_USERS} batch "Signed Up" events exist (${signedUp.length})`);
  check(signedUp.every((e) => batchProfiles.some((p) => p?.id === e.profile_id)), 'each batch event belongs to its profile');
}

let exitCode = 0;
try {
  await main();
  if (failures.length > 0) exitCode = 1;
} catch (error) {
  console.error(`FAIL ${error.message}`);
  exitCode = 1;
}

if (exitCode !== 0) {
  console.error('--- web sample output ---');
  console.error(appLog.split('\n').slice(-60).join('\n'));
}
stopApp();
if (app) {
  await Promise.race([once(app, 'exit'), delay(15_000)]);
}
console.log(exitCode === 0 ? 'segment-node check passed' : `segment-node check failed (${failures.length} assertion(s))`);
process.exit(exitCode);
