import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Reads docker/compose.yaml and docker/Dockerfile the way Compose and BuildKit would, minus running them. */
export const repoRoot = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

export type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
};
export type ComposeFile = { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

export const readCompose = (): ComposeFile => parse(read('docker/compose.yaml')) as ComposeFile;

/** `${VAR:-default}` as Compose resolves it with VAR unset. */
export const withDefaults = (value: string): string =>
  value.replace(/\$\{[A-Z_]+(?::?-([^}]*))?\}/g, (_match, fallback: string | undefined) => fallback ?? '');

/** host:port of a URL-ish value (`esdb://h:1?x`, `postgres://u:p@h:1/db`) or a bare `h:1`. */
export const hostPort = (value: string): string => {
  const withoutScheme = withDefaults(value).replace(/^[a-z+]+:\/\//, '');
  return withoutScheme.replace(/^[^@/]*@/, '').split(/[/?]/)[0];
};

export type DockerStage = { name: string; from: string; lines: string[] };

/** Stages in order, with their instructions; `\` continuations joined. */
export const readDockerfileStages = (): DockerStage[] => {
  const lines = read('docker/Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? '', from: from[1], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
};

/** The ARG defaults declared before the first FROM. */
export const dockerfileArgs = (): Record<string, string> =>
  Object.fromEntries(
    [...read('docker/Dockerfile').matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)].map((m) => [m[1], m[2]] as const),
  );

/** The JSON-form CMD/ENTRYPOINT a stage runs, its base stages' included (the nearest wins). */
export const commandOf = (stages: readonly DockerStage[], name: string): string[] => {
  const stage = stages.find((s) => s.name === name);
  if (!stage) return [];
  const exec = (keyword: string) => {
    const line = stage.lines.filter((l) => l.startsWith(`${keyword} `)).at(-1);
    return line ? (JSON.parse(line.slice(keyword.length + 1)) as string[]) : undefined;
  };
  const entrypoint = exec('ENTRYPOINT');
  const cmd = exec('CMD');
  if (entrypoint || cmd) return [...(entrypoint ?? []), ...(cmd ?? [])];
  return commandOf(stages, stage.from);
};

/** The last USER a stage runs as, following its base stages. */
export const userOf = (stages: readonly DockerStage[], name: string): string | undefined => {
  const stage = stages.find((s) => s.name === name);
  if (!stage) return undefined;
  const user = stage.lines.filter((l) => l.startsWith('USER ')).at(-1);
  return user ? user.slice(5).trim() : userOf(stages, stage.from);
};

type NestProject = { type: 'application' | 'library'; entryFile?: string };

/** Applications in nest-cli.json and the file `nest build` writes for each (outDir + entryFile). */
export const nestApplications = (): { name: string; mainJs: string }[] => {
  const nest = JSON.parse(read('nest-cli.json')) as { projects: Record<string, NestProject> };
  const outDir = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string } })
    .compilerOptions.outDir;
  return Object.entries(nest.projects)
    .filter(([, project]) => project.type === 'application')
    .map(([name, project]) => ({ name, mainJs: `${outDir.replace(/^\.\//, '')}/${project.entryFile}.js` }));
};
