/**
 * `npm run cluster` (src/server/cli/cluster-cli.ts) as a child process, for the PostgreSQL-only tests of
 * several instances: its balancer on `port`, instance i on port + 1 + i, and the process of each
 * instance as the cluster reports it ("实例 :PORT 已就绪（进程 PID）"), so that a test can kill one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';

export interface Cluster {
  /** The balancer's port; instance i listens on port + 1 + i. */
  readonly port: number;
  readonly process: ChildProcess;
  /** Every process the instance on `instancePort` has run, in order, as the cluster reported them. */
  startsOf(instancePort: number): number[];
  /** The instance's latest process (0 before it first came up). */
  pidOf(instancePort: number): number;
  /** Resolves once every instance has come up (throws after `timeoutMs`, or if the cluster exits). */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGTERM, and waits for the cluster (which stops its instances) to exit. */
  stop(): Promise<void>;
}

export function startCluster(opts: { instances: number; port: number; env: NodeJS.ProcessEnv }): Cluster {
  const { instances, port } = opts;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/cli/cluster-cli.ts',
      '--instances',
      String(instances),
      '--port',
      String(port),
    ],
    { env: opts.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let said = '';
  child.stdout!.on('data', (b: Buffer) => (said += b.toString()));
  const startsOf = (p: number) =>
    [...said.matchAll(new RegExp(`实例 :${p} 已就绪（进程 (\\d+)）`, 'g'))].map((m) => Number(m[1]));
  const pidOf = (p: number) => startsOf(p).at(-1) ?? 0;
  return {
    port,
    process: child,
    startsOf,
    pidOf,
    async ready(timeoutMs = 90_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the cluster exited (${child.exitCode})`);
        if (Array.from({ length: instances }, (_, i) => pidOf(port + 1 + i)).every(Boolean)) return;
        if (Date.now() > until) throw new Error(`the cluster's instances did not come up:\n${said}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * GET /api/v1/health on a new connection (as the balancer hands out connections: one kept alive to an
 * instance that is then killed dies with it); the status, or the error.
 */
export function health(port: number): Promise<number> {
  return new Promise<number>((resolve, reject) =>
    get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject),
  );
}

/** Resolves once `port` answers /health with 200 (throws after `timeoutMs`). */
export async function healthy(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await health(port).catch(() => 0)) === 200) return;
    if (Date.now() > until) throw new Error(`:${port} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
