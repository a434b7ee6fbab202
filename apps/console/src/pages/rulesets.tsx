import { useState } from 'preact/hooks';
import { COMMAND_TYPES } from '../../../../libs/domain/src/commands';
import { call } from '../api';
import type { Me } from '../main';
import { setQuery } from '../router';
import type { Finding, RulesetStamp } from '../types';
import { Page, Problem, Show, useAction, useApi, when } from '../ui';
import { useStream } from './stream';

type RulesetList = Readonly<{
  active: RulesetStamp;
  rulesets: readonly {
    id: string;
    version: string;
    title: string;
    hash: string;
    rules: number;
    active: boolean;
  }[];
}>;
type Rule = Readonly<{
  id: string;
  title: string;
  appliesTo: readonly string[];
  severity: 'block' | 'warn';
  message: string;
  reference: string;
  when?: string;
  assert: string;
}>;
type Ruleset = Readonly<{ id: string; version: string; title: string; hash: string; rules: readonly Rule[] }>;
type Evaluation = Readonly<{
  ruleset: RulesetStamp;
  verdict: 'accepted' | 'refused';
  blocked: readonly Finding[];
  warnings: readonly Finding[];
}>;

const EXAMPLE = JSON.stringify(
  { title: 'Applied Data Visualisation', eqfLevel: 6, notionalWorkload: { ects: 3, hours: 200 } },
  null,
  2,
);

const Rules = ({ id, version }: { id: string; version: string }) => {
  const ruleset = useApi<Ruleset>(`/v1/rulesets/${encodeURIComponent(id)}/${encodeURIComponent(version)}`);
  return (
    <Show loaded={ruleset}>
      {(r) => (
        <div class="scroll">
          <table class="rules">
            <caption>
              {r.title}: {r.rules.length} rules
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule id</th>
                <th scope="col">Severity</th>
                <th scope="col">Applies to</th>
                <th scope="col">Message</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {r.rules.map((rule) => (
                <tr key={rule.id}>
                  <th scope="row">
                    <code>{rule.id}</code>
                  </th>
                  <td>
                    <span class={`badge ${rule.severity === 'block' ? 'bad' : 'warn'}`}>
                      {rule.severity === 'block' ? 'blocks' : 'warns'}
                    </span>
                  </td>
                  <td class="small">{rule.appliesTo.join(', ')}</td>
                  <td>{rule.message}</td>
                  <td class="small">{rule.reference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Show>
  );
};

const DryRun = () => {
  const [type, setType] = useState('PublishSpecification');
  const [body, setBody] = useState(EXAMPLE);
  const [issuerId, setIssuerId] = useState('');
  const evaluation = useAction(async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new Error(`The command body is not JSON: ${(error as Error).message}`, { cause: error });
    }
    return call<Evaluation>('/v1/rules/evaluate', {
      method: 'POST',
      body: { command: { type, body: parsed, ...(issuerId ? { issuerId } : {}) } },
    });
  });
  return (
    <section aria-labelledby="dry-run">
      <h2 id="dry-run">Dry run</h2>
      <p class="hint">
        Evaluates a command body against the active ruleset, exactly as the command route would. Appends
        nothing.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void evaluation.run();
        }}
      >
        <div class="filters">
          <div>
            <label for="dry-type">Command</label>
            <select id="dry-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
              {COMMAND_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="dry-issuer">For issuer (not needed when signed in as one)</label>
            <input id="dry-issuer" value={issuerId} onInput={(e) => setIssuerId(e.currentTarget.value)} />
          </div>
        </div>
        <label for="dry-body">Command body (JSON)</label>
        <textarea id="dry-body" rows={8} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <button type="submit" disabled={evaluation.running}>
          Evaluate
        </button>
      </form>
      <div aria-live="polite">
        {evaluation.error && <Problem problem={evaluation.error} />}
        {evaluation.data && (
          <div data-testid="dry-run-result">
            <p class={evaluation.data.verdict === 'accepted' ? 'verdict ok' : 'verdict bad'}>
              {evaluation.data.verdict === 'accepted' ? '✓ Would be accepted' : '✗ Would be refused'} under{' '}
              {evaluation.data.ruleset.id}@{evaluation.data.ruleset.version}
            </p>
            <ul class="findings">
              {[...evaluation.data.blocked, ...evaluation.data.warnings].map((f) => (
                <li key={f.ruleId} class={f.severity === 'block' ? 'bad' : 'warn'}>
                  <strong>{f.severity === 'block' ? 'Refused' : 'Warning'}</strong> <code>{f.ruleId}</code>:{' '}
                  {f.message} <span class="muted">({f.reference})</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
};

/** The loaded rulesets, which one is active and since when, each rule, and a dry-run form. */
export const RulesetsPage = ({ me, url }: { me: Me; url: URL }) => {
  const list = useApi<RulesetList>('/v1/rulesets');
  // "Since when" is the last RulesetActivated on the rulesets stream, which QA bodies and auditors read.
  const readsStreams = me.role === 'qa-body' || me.role === 'auditor';
  const activations = useStream(readsStreams ? 'rulesets' : null);
  const lastActivation = activations.events?.filter((e) => e.type === 'RulesetActivated').at(-1);
  return (
    <Page title="Rulesets">
      <Show loaded={list}>
        {(l) => {
          const chosen = url.searchParams.get('ruleset') ?? `${l.active.id}@${l.active.version}`;
          const [id, version] = chosen.split('@');
          return (
            <>
              <p data-testid="active-ruleset">
                Active:{' '}
                <strong>
                  {l.active.id}@{l.active.version}
                </strong>{' '}
                <code class="hash">{l.active.hash}</code>
                {lastActivation ? (
                  <> since {when(lastActivation.metadata.now)}</>
                ) : readsStreams ? null : (
                  <span class="muted"> (since when: QA bodies and auditors see the activation history)</span>
                )}
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Ruleset</th>
                    <th scope="col">Title</th>
                    <th scope="col" class="num">
                      Rules
                    </th>
                    <th scope="col">Hash</th>
                    <th scope="col">Show</th>
                  </tr>
                </thead>
                <tbody>
                  {l.rulesets.map((r) => (
                    <tr key={`${r.id}@${r.version}`}>
                      <th scope="row">
                        {r.id}@{r.version} {r.active && <span class="badge ok">active</span>}
                      </th>
                      <td>{r.title}</td>
                      <td class="num">{r.rules}</td>
                      <td>
                        <code class="hash">{r.hash}</code>
                      </td>
                      <td>
                        <button
                          type="button"
                          aria-pressed={chosen === `${r.id}@${r.version}`}
                          onClick={() => setQuery({ ruleset: `${r.id}@${r.version}` })}
                        >
                          Rules
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Rules id={id} version={version} />
            </>
          );
        }}
      </Show>
      {activations.error && <Problem problem={activations.error} />}
      {me.role !== 'regulator' && <DryRun />}
    </Page>
  );
};
