import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_VARS, envVar, type AppName } from '@credence/config';
import {
  commandOf,
  dockerfileArgs,
  hostPort,
  nestApplications,
  readCompose,
  readDockerfileStages,
  userOf,
  withDefaults,
} from './support/docker-files';

/** docker/compose.yaml and docker/Dockerfile, checked against ENV_VARS and nest-cli.json. */
const compose = readCompose();
const stages = readDockerfileStages();
const apps = nestApplications();
const packageScripts = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const LONG_RUNNING: AppName[] = ['ledger-api', 'projector', 'feed-relay'];
const SERVERS = ['eventstoredb', 'kafka', 'postgres'];
const service = (name: string) => compose.services[name];
const env = (name: string) => service(name).environment ?? {};
const defaultOf = (name: string) => envVar(name).default;
/** The port an app listens on: its env value, else the documented default. */
const listenPort = (app: string) =>
  withDefaults(env(app)[app === 'ledger-api' ? 'PORT' : 'HEALTH_PORT'] ?? '') ||
  defaultOf(app === 'ledger-api' ? 'PORT' : 'HEALTH_PORT');

describe('docker/compose.yaml', () => {
  it('runs the servers, every app in nest-cli.json, and nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVERS, ...apps.map((a) => a.name)].sort());
    expect(service('cli').profiles).toEqual(['tools']);
  });

  it.each(apps.map((a) => a.name))('%s sets only variables ENV_VARS declares for it', (app) => {
    const undeclared = Object.keys(env(app)).filter(
      (name) => !ENV_VARS.some((v) => v.name === name && v.apps.includes(app as AppName)),
    );
    expect(undeclared).toEqual([]);
  });

  it.each(apps.map((a) => a.name))('%s uses EventStoreDB, at the eventstoredb service', (app) => {
    expect(env(app).CREDENCE_EVENT_STORE).toBe('eventstoredb');
    expect(env(app).ESDB_CONNECTION_STRING).toMatch(/^esdb:\/\/.*tls=false/);
    expect(hostPort(env(app).ESDB_CONNECTION_STRING)).toBe('eventstoredb:2113');
  });

  it('points DATABASE_URL at postgres and KAFKA_BROKERS at the internal Kafka listener', () => {
    const kafkaInternal = /INTERNAL:\/\/([^,]+)/.exec(env('kafka').KAFKA_ADVERTISED_LISTENERS)?.[1];
    const used = (name: string) => apps.flatMap((a) => (env(a.name)[name] ? [env(a.name)[name]] : []));
    expect(new Set(used('DATABASE_URL').map(hostPort))).toEqual(new Set(['postgres:5432']));
    expect(new Set(used('KAFKA_BROKERS'))).toEqual(new Set([kafkaInternal]));
    expect(env('projector').DATABASE_URL).toBe(env('ledger-api').DATABASE_URL);
    expect(env('feed-relay').KAFKA_BROKERS).toBe(kafkaInternal);
  });

  it('leaves projections and the relay to their own services, so ledger-api does not run them twice', () => {
    expect(env('ledger-api').CREDENCE_PROJECTOR).toBe('off');
    expect(env('ledger-api').KAFKA_BROKERS).toBeUndefined();
  });

  it.each(LONG_RUNNING)('%s listens on the default port and health-checks that port', (app) => {
    const port = listenPort(app);
    expect(port).toBe(app === 'ledger-api' ? '3000' : '3001');
    expect(service(app).healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
    // Only the API is published on the host; health ports stay inside the compose network.
    expect(service(app).ports ?? []).toEqual(app === 'ledger-api' ? [`${port}:${port}`] : []);
  });

  it.each(LONG_RUNNING)('%s keeps CREDENCE_DATA_DIR on a volume of its own', (app) => {
    expect(service(app).volumes).toEqual([`${app}-data:${env(app).CREDENCE_DATA_DIR}`]);
    expect(Object.keys(compose.volumes)).toContain(`${app}-data`);
  });

  it.each(apps.map((a) => a.name))('%s waits for healthy servers it is configured to use', (app) => {
    const needs = [
      'eventstoredb',
      ...(env(app).DATABASE_URL ? ['postgres'] : []),
      ...(env(app).KAFKA_BROKERS ? ['kafka'] : []),
    ];
    const dependsOn = service(app).depends_on ?? {};
    expect(Object.keys(dependsOn).sort()).toEqual(needs.sort());
    Object.values(dependsOn).forEach((d) => expect(d.condition).toBe('service_healthy'));
  });

  it.each([...SERVERS, ...LONG_RUNNING])('%s has a health check', (name) => {
    expect(service(name).healthcheck?.test.length).toBeGreaterThan(1);
  });

  it.each(SERVERS)('%s runs a pinned image and keeps its data on a named volume', (name) => {
    // A release, not a moving tag: at least major.minor (PostgreSQL releases are major.minor).
    expect(service(name).image).toMatch(/:\d+\.\d+(\.\d+)?(-[\w.-]+)?$/);
    const named = (service(name).volumes ?? []).map((v) => v.split(':')[0]);
    expect(named.length).toBeGreaterThan(0);
    named.forEach((volume) => expect(Object.keys(compose.volumes)).toContain(volume));
  });

  it.each(apps.map((a) => a.name))('%s is built from the Dockerfile target of the same name', (app) => {
    expect(service(app).build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile', target: app });
  });
});

describe('docker/Dockerfile', () => {
  // ledger-api starts through its launcher, which holds its node flags for npm start and the bench too.
  const launcher: Record<string, string[]> = { 'ledger-api': ['sh', 'scripts/ledger-api.sh'] };
  it.each(apps)('target $name runs $mainJs, the file nest build writes for it', ({ name, mainJs }) => {
    const start = launcher[name] ?? ['node'];
    expect(commandOf(stages, name).slice(0, start.length + 1)).toEqual([...start, mainJs]);
  });

  it('copies the launcher ledger-api starts through', () => {
    const runtime = stages.find((s) => s.name === 'runtime')!.lines.join('\n');
    expect(runtime).toContain('COPY scripts/ledger-api.sh ./scripts/');
  });

  it("copies every script package.json runs at install time before the build's npm ci", () => {
    const build = stages.find((s) => s.name === 'build')!.lines;
    const npmCi = build.findIndex((l) => /^RUN npm ci\b/.test(l));
    const copied = build.slice(0, npmCi).join('\n');
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].flatMap((hook) => {
      const script = packageScripts[hook];
      return script ? [...script.matchAll(/scripts\/[\w.-]+/g)].map((m) => m[0]) : [];
    });
    expect(installScripts.length).toBeGreaterThan(0);
    for (const file of installScripts) expect(copied).toContain(`COPY ${file} ./scripts/`);
  });

  it.each(apps)('target $name runs as a non-root user', ({ name }) => {
    expect(userOf(stages, name)).toMatch(/^(?!root$|0$)\S+$/);
  });

  it('builds once on Node 24 with the tools better-sqlite3 needs, and ships production deps only', () => {
    expect(dockerfileArgs().NODE_IMAGE).toMatch(/^node:24\.\d+\.\d+-/);
    const build = stages.find((s) => s.name === 'build')!.lines.join('\n');
    expect(build).toMatch(/apt-get install .*python3 make g\+\+/);
    expect(build).toMatch(/RUN npm ci/);
    expect(build).toMatch(/npm run build .*npm prune --omit=dev/);
    const runtime = stages.find((s) => s.name === 'runtime')!;
    expect(runtime.lines.filter((l) => l.startsWith('COPY --from=build'))).toHaveLength(3);
    expect(runtime.lines.some((l) => l.startsWith('RUN npm'))).toBe(false);
  });
});
