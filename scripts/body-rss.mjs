// Peak RSS (VmHWM) of the built exporter while the simulator answers dedicated snapshot lists
// with one valid JSON page of the given size: how much memory a hostile or huge body costs.
// npm run build && node scripts/body-rss.mjs [--mb 60] [--times 2]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { startSimulator } from '../dist/simulator/index.js';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '60' }, times: { type: 'string', default: '2' } },
});
const bytes = Number(values.mb) * 1024 * 1024;

/** The first page of a list, its first item repeated with new ids until the page is `bytes` long. */
function grown(page) {
  const item = page.results[0];
  const results = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const copy = { ...item, id: `${item.id.slice(0, 16)}${String(i).padStart(8, '0')}` };
    size += JSON.stringify(copy).length + 1;
    results.push(copy);
  }
  return { ...page, results, totalCount: results.length, links: [] };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sim = await startSimulator();
let big;
sim.injectFault({
  match: 'cluster_snapshots',
  kind: 'rewrite',
  times: Number(values.times),
  rewrite: (page) => {
    big ??= grown(page);
    return big;
  },
});
const port = await freePort();
const main = new URL('../dist/main.js', import.meta.url).pathname;
const { clientId, clientSecret } = sim.credentials.serviceAccount;
const child = spawn(
  process.execPath,
  [main, `--web.listen-address=127.0.0.1:${port}`, `--atlas.base-url=${sim.url}`, '--log.level=error'],
  {
    env: {
      PATH: process.env.PATH,
      MONGODB_ATLAS_CLIENT_ID: clientId,
      MONGODB_ATLAS_CLIENT_SECRET: clientSecret,
    },
    stdio: 'ignore',
  },
);
// The first scrape waits for the first refresh, which reads every snapshot list.
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 300));
  try {
    await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    break;
  } catch {}
}
const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
console.log(`${values.mb} MB × ${values.times}: peak RSS ${/VmHWM:\s*(\d+ kB)/.exec(status)?.[1]}`);
child.kill('SIGTERM');
await sim.close();
