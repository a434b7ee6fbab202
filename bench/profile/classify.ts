/**
 * Main-thread time by layer from a `--cpu-prof` profile: only samples inside the measured window
 * (window.json, written by issuance.ts) count, and each sample goes to the innermost frame of its
 * stack that belongs to a layer (layers.ts); a stack with none is `other`. Idle samples are the
 * event loop waiting. Figures are µs of sampled wall time per issuance (the profiler samples the
 * thread's stack whether it runs or blocks in a syscall such as fsync).
 *
 *   node --import ./scripts/register-ts.mjs bench/profile/classify.ts /tmp/prof [--frames]
 *
 * `--frames` lists, per layer, the frames that claimed its samples (for `other`, the self frames):
 * what to check the layers against, and to extend them with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDLE, LAYERS, layerOf, OTHER, type Frame } from './layers';

type ProfileNode = Readonly<{ id: number; callFrame: Frame; children?: readonly number[] }>;
type Profile = Readonly<{
  nodes: readonly ProfileNode[];
  startTime: number;
  samples: readonly number[];
  timeDeltas: readonly number[];
}>;
export type Window = Readonly<{ startUs: number; endUs: number; issuances: number }>;

export type Table = Readonly<{
  /** Layer → µs per issuance. */
  layers: ReadonlyMap<string, number>;
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
  const totals = new Map<string, number>();
  const frames = new Map<string, Map<string, number>>();
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
    totals.set(layer, (totals.get(layer) ?? 0) + lasts);
    const key = frameKey(layer === OTHER ? id : by);
    const ofLayer = frames.get(layer) ?? new Map<string, number>();
    frames.set(layer, ofLayer.set(key, (ofLayer.get(key) ?? 0) + lasts));
  }
  const per = (us: number) => us / window.issuances;
  const idle = totals.get(IDLE) ?? 0;
  const layers = new Map<string, number>();
  for (const name of [...LAYERS.map((l) => l.name), OTHER]) layers.set(name, per(totals.get(name) ?? 0));
  return {
    layers,
    busyUs: per(inWindow - idle),
    idleShare: inWindow > 0 ? idle / inWindow : 0,
    frames: new Map(
      [...frames].map(([layer, byFrame]) => [layer, new Map([...byFrame].map(([k, v]) => [k, per(v)]))]),
    ),
  };
};

/** The markdown table, layers by µs per issuance, largest first. */
export const render = (table: Table): string => {
  const rows = [...table.layers].filter(([name, us]) => name !== IDLE && us > 0).sort((a, b) => b[1] - a[1]);
  const describe = new Map(LAYERS.map((l) => [l.name, l.title]));
  return [
    '| Layer | µs per issuance | Share |',
    '|---|---|---|',
    ...rows.map(
      ([name, us]) =>
        `| ${describe.get(name) ?? name} | ${Math.round(us)} | ${Math.round((100 * us) / table.busyUs)}% |`,
    ),
    `| **Busy, per issuance** | **${Math.round(table.busyUs).toLocaleString('en')}** | |`,
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

export const classifyFiles = (dir: string, frames = false): string => {
  const profile = JSON.parse(readFileSync(mainProfile(dir), 'utf8')) as Profile;
  const window = JSON.parse(readFileSync(join(dir, 'window.json'), 'utf8')) as Window;
  const table = classify(profile, window);
  if (!frames) return render(table);
  const lines = [...table.frames].flatMap(([layer, byFrame]) => [
    '',
    `${layer}:`,
    ...[...byFrame]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([frame, us]) => `${us.toFixed(1).padStart(7)} ${frame}`),
  ]);
  return [render(table), ...lines].join('\n');
};

if (require.main === module) {
  const [dir, flag] = process.argv.slice(2);
  if (!dir) throw new Error('usage: classify.ts <profile dir> [--frames]');
  console.log(classifyFiles(dir, flag === '--frames'));
}
