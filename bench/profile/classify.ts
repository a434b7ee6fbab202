/**
 * Main-thread time by layer from a `--cpu-prof` profile: only samples inside the measured window
 * (window.json, written by issuance.ts) count, and each sample goes to the innermost frame of its
 * stack that belongs to a layer (layers.ts); a stack with none is `other`. Idle samples are the
 * event loop waiting. Figures are µs of sampled wall time per issuance (the profiler samples the
 * thread's stack whether it runs or blocks in a syscall such as fsync).
 *
 *   node --import ./scripts/register-ts.mjs bench/profile/classify.ts /tmp/prof [--frames] [--cpu <µs>]
 *
 * `--frames` lists, per layer, the frames that claimed its samples (for `other`, the self frames):
 * what to check the layers against, and to extend them with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IDLE, LAYERS, layerOf, OTHER, type Frame } from './layers';

type ProfileNode = Readonly<{ id: number; callFrame: Frame; children?: readonly number[] }>;
type Profile = Readonly<{
  nodes: readonly ProfileNode[];
  startTime: number;
  samples: readonly number[];
  timeDeltas: readonly number[];
}>;
export type Window = Readonly<{
  startUs: number;
  endUs: number;
  issuances: number;
  /** CPU µs per issuance by thread over the window; `main` is the event loop. */
  threadsUsPerIssuance?: Readonly<Record<string, number>>;
}>;

export type Table = Readonly<{
  /** Layer → µs per issuance: sampled wall time (each sample weighs the interval up to the next). */
  layers: ReadonlyMap<string, number>;
  /** Layer → its share of the busy samples, each sample counted once. */
  shares: ReadonlyMap<string, number>;
  busyUs: number;
  idleShare: number;
  /** Per layer, the frames that claimed its samples (self frames for `other`), µs per issuance. */
  frames: ReadonlyMap<string, ReadonlyMap<string, number>>;
}>;

const shortUrl = (url: string) =>
  url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^file:\/\/.*?\/(apps|libs|bench)\//, '$1/');

/** Classifies one profile's samples inside the window. */
export const classify = (profile: Profile, window: Window): Table => {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  // Each node's layer and the node that decided it (itself or its innermost owned ancestor).
  const owned = new Map<number, { layer: string; by: number }>();
  const resolve = (id: number): { layer: string; by: number } => {
    const known = owned.get(id);
    if (known !== undefined) return known;
    const own = layerOf(byId.get(id)!.callFrame);
    const up = parent.get(id);
    const found = own ? { layer: own, by: id } : up === undefined ? { layer: OTHER, by: id } : resolve(up);
    owned.set(id, found);
    return found;
  };
  const frameKey = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const wall = new Map<string, number>();
  const counts = new Map<string, number>();
  const frames = new Map<string, Map<string, number>>();
  const add = (map: Map<string, number>, key: string, value: number) =>
    map.set(key, (map.get(key) ?? 0) + value);
  let at = profile.startTime;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    // A sample stands for the interval up to the next one.
    const lasts = profile.timeDeltas[i + 1] ?? 0;
    if (at < window.startUs || at >= window.endUs) continue;
    inWindow += lasts;
    const id = profile.samples[i];
    const { layer, by } = resolve(id);
    add(wall, layer, lasts);
    add(counts, layer, 1);
    const ofLayer = frames.get(layer) ?? new Map<string, number>();
    frames.set(layer, add(ofLayer, frameKey(layer === OTHER ? id : by), lasts));
  }
  const per = (us: number) => us / window.issuances;
  const idle = wall.get(IDLE) ?? 0;
  const busySamples = [...counts].reduce((sum, [layer, n]) => (layer === IDLE ? sum : sum + n), 0);
  const names = [...LAYERS.map((l) => l.name), OTHER].filter((name) => name !== IDLE);
  return {
    layers: new Map(names.map((name) => [name, per(wall.get(name) ?? 0)])),
    shares: new Map(names.map((name) => [name, (counts.get(name) ?? 0) / busySamples])),
    busyUs: per(inWindow - idle),
    idleShare: inWindow > 0 ? idle / inWindow : 0,
    frames: new Map(
      [...frames].map(([layer, byFrame]) => [layer, new Map([...byFrame].map(([k, v]) => [k, per(v)]))]),
    ),
  };
};

/**
 * The markdown table, largest first. On a busy machine the sampled wall time also holds the
 * moments the thread waited for a core (the next sample comes late, and its gap is charged to
 * whatever ran before it), so beside it each layer's share of the samples, counted once each,
 * times `cpuUs` (the main thread's CPU per issuance, from /proc): an estimate of its CPU.
 */
export const render = (table: Table, cpuUs?: number): string => {
  const rows = [...table.layers].filter(([, us]) => us > 0).sort((a, b) => b[1] - a[1]);
  const describe = new Map(LAYERS.map((l) => [l.name, l.title]));
  const cpu = (name: string) =>
    cpuUs === undefined ? '' : ` ${Math.round(table.shares.get(name)! * cpuUs)} |`;
  return [
    `| Layer | sampled µs per issuance | share of samples |${cpuUs === undefined ? '' : ' CPU µs per issuance |'}`,
    `|---|---|---|${cpuUs === undefined ? '' : '---|'}`,
    ...rows.map(
      ([name, us]) =>
        `| ${describe.get(name) ?? name} | ${Math.round(us)} | ${Math.round(100 * table.shares.get(name)!)}% |${cpu(name)}`,
    ),
    `| **Busy, per issuance** | **${Math.round(table.busyUs).toLocaleString('en')}** | |${
      cpuUs === undefined ? '' : ` **${Math.round(cpuUs).toLocaleString('en')}** |`
    }`,
    '',
    `Event loop idle ${(100 * table.idleShare).toFixed(1)}% of the window.`,
  ].join('\n');
};

/** The main thread's profile in `dir` (node names it `CPU.<date>.<time>.<pid>.0.<n>.cpuprofile`). */
const mainProfile = (dir: string): string => {
  const found = readdirSync(dir).filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  if (found.length !== 1)
    throw new Error(`expected one main-thread profile in ${dir}, found ${found.length}`);
  return join(dir, found[0]);
};

/**
 * The table for a profile directory. `cpuUs` defaults to the profiled run's own main-thread CPU
 * (window.json), which carries the profiler's overhead: give an unprofiled run's figure instead.
 */
export const classifyFiles = (
  dir: string,
  options: Readonly<{ frames?: boolean; cpuUs?: number }> = {},
): string => {
  const profile = JSON.parse(readFileSync(mainProfile(dir), 'utf8')) as Profile;
  const window = JSON.parse(readFileSync(join(dir, 'window.json'), 'utf8')) as Window;
  const table = classify(profile, window);
  const text = render(table, options.cpuUs ?? window.threadsUsPerIssuance?.main);
  if (!options.frames) return text;
  const lines = [...table.frames].flatMap(([layer, byFrame]) => [
    '',
    `${layer}:`,
    ...[...byFrame]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([frame, us]) => `${us.toFixed(1).padStart(7)} ${frame}`),
  ]);
  return [text, ...lines].join('\n');
};

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { frames: { type: 'boolean', default: false }, cpu: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error('usage: classify.ts <profile dir> [--frames] [--cpu <µs>]');
  console.log(
    classifyFiles(positionals[0], {
      frames: values.frames,
      ...(values.cpu === undefined ? {} : { cpuUs: Number(values.cpu) }),
    }),
  );
}
