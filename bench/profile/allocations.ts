/**
 * Where a request allocates (issue 20: GC is ~8% of an issuance's main-thread CPU, and the
 * heap's size under load follows the allocation rate). ledger-api on a fresh data dir, as
 * issuance.ts starts it, with the inspector on 127.0.0.1; V8's sampling heap profiler runs over
 * the measured issuances and counts every sampled allocation, collected since or not. Prints bytes
 * per request by allocating function, and by the nearest frame of this repository's code (what
 * called the library that allocated). `--read credential|status` as in issuance.ts; `--surviving`
 * counts only what outlived a scavenge (what makes scavenges slow).
 *
 *   node --import ./scripts/register-ts.mjs bench/profile/allocations.ts [--read credential]
 */
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { load, type LoadRequest } from '../harness/http';
import { loadOptions, readKind, warmedRequests } from './requests';
import { profileApp } from './window';

const { values } = parseArgs({
  options: {
    issuances: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '1000' },
    port: { type: 'string', default: '9339' },
    read: { type: 'string' },
    top: { type: 'string', default: '25' },
    // Only what outlived a scavenge (promoted, or live at the end): what makes scavenges slow.
    surviving: { type: 'boolean', default: false },
  },
});
const ROOT = join(__dirname, '..', '..');

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { callFrame: CallFrame; selfSize: number; children: ProfileNode[] };

/** One DevTools protocol session over the inspector's WebSocket. */
const inspector = async (port: string) => {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  socket.onmessage = (message) => {
    const answer = JSON.parse(String(message.data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const call = answer.id === undefined ? undefined : waiting.get(answer.id);
    if (answer.error) call?.reject(new Error(answer.error.message));
    else call?.resolve(answer.result);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
};

const isOurs = (url: string) => /\/(apps|libs)\//.test(url) && !url.includes('node_modules');
const frameName = ({ functionName, url, lineNumber }: CallFrame) =>
  `${functionName || '(anonymous)'} ${url ? relative(ROOT, url.replace('file://', '')) : ''}:${lineNumber + 1}`;

/** Self bytes by allocating frame, and by the innermost frame of this repository on its stack. */
const tally = (head: ProfileNode) => {
  const bySelf = new Map<string, number>();
  const byOurs = new Map<string, number>();
  const walk = (node: ProfileNode, ours: string) => {
    const here = isOurs(node.callFrame.url) ? frameName(node.callFrame) : ours;
    if (node.selfSize > 0) {
      const name = frameName(node.callFrame);
      bySelf.set(name, (bySelf.get(name) ?? 0) + node.selfSize);
      byOurs.set(here, (byOurs.get(here) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(head, '(outside this repository)');
  return { bySelf, byOurs };
};

const print = (title: string, bytes: Map<string, number>, per: number, top: number) => {
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${title}: ${(total / per / 1024).toFixed(1)} KB per request`);
  for (const [name, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(size / per / 1024).toFixed(2).padStart(8)} KB  ${name}`);
};

const measured = Number(values.issuances);
const warmup = Number(values.warmup);
const read = readKind(values.read);
const connections = 64;
let request: LoadRequest;

// profileApp's start, warm-up, quiet moment and window, with the inspector instead of the CPU profiler.
void profileApp(
  {
    out: join(tmpdir(), 'credence-allocations'),
    profile: false,
    frames: false,
    nodeArgs: [`--inspect=127.0.0.1:${values.port}`],
  },
  {
    prepare: async (app) => {
      request = await warmedRequests(app, { read, warmup, measured, connections });
    },
    measure: async (app) => {
      const session = await inspector(values.port);
      await session.send('HeapProfiler.enable');
      await session.send('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: !values.surviving,
      });
      const result = await load(app.baseUrl, request, { ...loadOptions(connections), amount: measured });
      const { profile } = (await session.send('HeapProfiler.stopSampling')) as {
        profile: { head: ProfileNode };
      };
      session.close();
      const { bySelf, byOurs } = tally(profile.head);
      const top = Number(values.top);
      console.log(
        `${result.ok} requests answered, ${result.requestsPerSecond.toFixed(0)} req/s (inspector on)`,
      );
      print('Allocated, by allocating function', bySelf, result.ok, top);
      print("Allocated, by the nearest frame of this repository's code", byOurs, result.ok, top);
      return { issuances: result.ok, requestsPerSecond: result.requestsPerSecond };
    },
  },
);
