/**
 * `npm run cluster -- --instances N [--port P]`: N app instances on one PostgreSQL behind a small local
 * balancer on P (default PORT, 3000), for tests and benches of the scale-out shape (issue 12 item 3).
 * Instances listen on P+1…P+N; the balancer hands each new connection to the next live instance
 * (round robin, skipping one that refuses), and an instance that dies is started again. In production
 * the balancer is nginx (docs/deploy.md); nothing here is needed by the app itself: sessions, rate
 * limits, reminders, the audit sealer and the caches' invalidation all live in the database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Socket, connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '2' },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
  },
});
const count = Number(values.instances);
const port = Number(values.port);
if (!Number.isInteger(count) || count < 1 || count > 32) {
  console.error('--instances 应为 1 到 32 之间的整数');
  process.exit(2);
}
if (!process.env.DATABASE_URL?.startsWith('postgres')) {
  // The embedded database is one process's: several instances need PostgreSQL.
  console.error('多实例运行需要 PostgreSQL：请设置 DATABASE_URL=postgres://… 后再运行 npm run cluster');
  process.exit(2);
}

// Built (dist/…/cluster-cli.js → server.js) or from source under tsx (tests: → server.ts).
const here = fileURLToPath(import.meta.url);
const serverArgs = here.endsWith('.ts')
  ? ['--import', 'tsx', join(dirname(here), '..', 'server.ts')]
  : [join(dirname(here), '..', 'server.js')];
interface Instance {
  port: number;
  process: ChildProcess | null;
  live: boolean;
}
const instances: Instance[] = Array.from({ length: count }, (_, i) => ({
  port: port + 1 + i,
  process: null,
  live: false,
}));
let stopping = false;

function start(instance: Instance) {
  const child = spawn(process.execPath, serverArgs, {
    env: { ...process.env, PORT: String(instance.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  instance.process = child;
  child.once('exit', (code, signal) => {
    instance.live = false;
    instance.process = null;
    if (stopping) return;
    console.error(`实例 :${instance.port} 已退出（${signal ?? code}），1 秒后重新启动`);
    setTimeout(() => start(instance), 1000).unref();
  });
  void waitLive(instance, child);
}

async function waitLive(instance: Instance, child: ChildProcess) {
  for (let i = 0; i < 240 && instance.process === child; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${instance.port}/api/v1/health`)).ok) {
        instance.live = true;
        console.log(`实例 :${instance.port} 已就绪（进程 ${child.pid}）`);
        return;
      }
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

let next = 0;
function pick(skip: Set<Instance>): Instance | null {
  for (let i = 0; i < instances.length; i++) {
    const candidate = instances[next++ % instances.length]!;
    if (candidate.live && !skip.has(candidate)) return candidate;
  }
  return null;
}

const UNAVAILABLE =
  'HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\n' +
  '服务暂不可用，请稍后再试\n';

/**
 * One client connection, relayed to one instance. Like nginx's proxy_next_upstream: when the instance
 * refuses, or dies before answering anything, a GET/HEAD/OPTIONS is replayed on the next instance (an
 * instance killed a moment ago still completes handshakes from its kernel backlog); other requests
 * are not replayed (the dead instance may have done them) and the client sees the connection close.
 */
function balance(client: Socket) {
  const tried = new Set<Instance>();
  const early: Buffer[] = []; // what the client sent before the first answer, for a replay
  let answered = false;
  let upstream: Socket | null = null;
  let ready = false;
  const replayable = () => /^(GET|HEAD|OPTIONS) /.test(Buffer.concat(early).toString('latin1', 0, 8));
  const open = () => {
    const target = pick(tried);
    if (!target) return void client.end(UNAVAILABLE);
    tried.add(target);
    const u = connect(target.port, '127.0.0.1');
    upstream = u;
    ready = false;
    u.once('connect', () => {
      ready = true;
      for (const b of early) u.write(b);
    });
    u.on('data', (d) => {
      answered = true;
      early.length = 0;
      client.write(d);
    });
    u.on('end', () => client.end());
    const lost = () => {
      if (upstream !== u) return;
      upstream = null;
      if (!answered && (!ready || replayable()) && !client.destroyed) open();
      else client.destroy();
    };
    u.on('error', lost);
    u.on('close', lost);
  };
  client.on('data', (d) => {
    if (!answered) early.push(d);
    if (upstream && ready) upstream.write(d);
  });
  client.on('end', () => upstream?.end());
  client.on('error', () => upstream?.destroy());
  client.on('close', () => upstream?.destroy());
  open();
}

const balancer = createServer(balance);
instances.forEach(start);
balancer.listen(port, () =>
  console.log(`负载均衡：http://localhost:${port} → ${instances.map((i) => `:${i.port}`).join(' ')}`),
);

const shutdown = () => {
  stopping = true;
  balancer.close();
  for (const i of instances) i.process?.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5000).unref();
  void Promise.all(
    instances.map((i) => (i.process ? new Promise((r) => i.process!.once('exit', r)) : null)),
  ).then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
