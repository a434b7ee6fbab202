import { useState } from 'preact/hooks';
import { withQuery } from '../api';
import type { Me } from '../main';
import { Link, navigate, setQuery } from '../router';
import type { CredentialStatusAt } from '../types';
import { day, Page, Problem, Show, Status, useApi, when } from '../ui';
import { Timeline, useStream, VerifyChain } from './stream';

type CredentialView = Readonly<
  Record<string, unknown> & {
    id: string;
    status: string;
    issuerId?: string;
    specificationId?: string;
    learner?: { id: string };
    learnerId?: string;
  }
>;
type LearnerRecord = Readonly<{
  stacks: readonly {
    stackId: string;
    pathwayTitle: string | null;
    status: string;
    components: readonly { credentialId: string; status: string }[];
  }[];
}>;

const READERS = ['qa-body', 'issuer', 'auditor', 'regulator'];

/** "2026-12-01T10:00" in a datetime-local input, read as UTC. */
const fromLocalInput = (value: string) => (value.length === 16 ? `${value}:00Z` : `${value}Z`);

const StatusAtInstant = ({ id, url }: { id: string; url: URL }) => {
  const at = url.searchParams.get('at') ?? '';
  const asOf = url.searchParams.get('asOf') ?? '';
  const [draft, setDraft] = useState(at ? at.slice(0, 16) : '');
  const [knownDraft, setKnownDraft] = useState(asOf ? asOf.slice(0, 16) : '');
  const status = useApi<CredentialStatusAt>(
    withQuery(`/v1/credentials/${encodeURIComponent(id)}/status`, { at, asOf }),
  );
  const instant = (value: string) => (value ? new Date(fromLocalInput(value)).toISOString() : null);
  return (
    <section aria-labelledby="status-at">
      <h2 id="status-at">Status at an instant</h2>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ at: instant(draft), asOf: instant(knownDraft) });
        }}
      >
        <div>
          <label for="at">Date and time (UTC)</label>
          <input
            id="at"
            type="datetime-local"
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="known">As known on (UTC)</label>
          <input
            id="known"
            type="datetime-local"
            value={knownDraft}
            aria-describedby="known-hint"
            onInput={(e) => setKnownDraft(e.currentTarget.value)}
          />
        </div>
        <button type="submit">Show status</button>
      </form>
      <p class="hint" id="known-hint">
        Empty: as the ledger knows it now. Otherwise as it knew it then, counting only what was recorded by
        then (a revocation recorded later with an earlier effective date does not show yet).
      </p>
      <Show loaded={status}>
        {(s) => (
          <dl class="pairs" data-testid="status-at">
            <dt>At</dt>
            <dd>{when(s.at)}</dd>
            <dt>As known on</dt>
            <dd>{when(s.asOf)}</dd>
            <dt>Status</dt>
            <dd>
              <Status status={s.status} /> {s.reason && <>({s.reason})</>}{' '}
              {s.effectiveAt && <span class="muted">since {when(s.effectiveAt)}</span>}{' '}
              {s.recordedAt && <span class="muted">(recorded {when(s.recordedAt)})</span>}
            </dd>
            <dt>Valid</dt>
            <dd>
              {day(s.validFrom)} to {day(s.validUntil)}
            </dd>
            <dt>Accreditation at that instant</dt>
            <dd>
              {s.accreditationAt
                ? `${s.accreditationAt.status}${s.accreditationAt.inForce ? '' : ' (not in force)'}`
                : 'none recorded'}
            </dd>
            <dt>Accreditation at issuance</dt>
            <dd>
              {s.accreditationAtIssuance
                ? `${s.accreditationAtIssuance.qaBody} (${s.accreditationAtIssuance.accreditationId})`
                : 'none recorded'}
            </dd>
            <dt>Ruleset at issuance</dt>
            <dd>
              {s.rulesetAtIssuance ? (
                <>
                  {s.rulesetAtIssuance.id}@{s.rulesetAtIssuance.version}{' '}
                  <code class="hash">{s.rulesetAtIssuance.hash}</code>
                </>
              ) : (
                'none recorded'
              )}
            </dd>
          </dl>
        )}
      </Show>
    </section>
  );
};

const Stacks = ({ id, learnerId }: { id: string; learnerId: string }) => {
  const record = useApi<LearnerRecord>(`/v1/learners/${encodeURIComponent(learnerId)}/record`);
  return (
    <Show loaded={record}>
      {(r) => {
        const stacks = r.stacks.filter((s) => s.components.some((c) => c.credentialId === id));
        return stacks.length === 0 ? (
          <p>Not part of any stacked credential.</p>
        ) : (
          <ul>
            {stacks.map((s) => (
              <li key={s.stackId}>
                <strong>{s.pathwayTitle ?? 'Stacked credential'}</strong> <Status status={s.status} />{' '}
                <code>{s.stackId}</code>, with{' '}
                {s.components.map((c, i) => (
                  <span key={c.credentialId}>
                    {i > 0 && ', '}
                    <Link href={`/console/credentials/${encodeURIComponent(c.credentialId)}`}>
                      {c.credentialId}
                    </Link>{' '}
                    ({c.status})
                  </span>
                ))}
              </li>
            ))}
          </ul>
        );
      }}
    </Show>
  );
};

/** One credential: status now and at an instant, its audit trail, its chain re-checked, its stacks. */
export const CredentialPage = ({ id, me, url }: { id: string; me: Me; url: URL }) => {
  const credential = useApi<CredentialView>(`/v1/credentials/${encodeURIComponent(id)}`);
  const readsStreams = me.role === 'qa-body' || me.role === 'auditor';
  const trail = useStream(readsStreams ? `credential-${id}` : null);
  return (
    <Show loaded={credential}>
      {(c) => {
        const learnerId = c.learner?.id ?? c.learnerId;
        return (
          <Page title={`Credential ${id}`}>
            <dl class="pairs">
              <dt>Status now</dt>
              <dd data-testid="status-now">
                <Status status={c.status} />
              </dd>
              <dt>Issuer</dt>
              <dd>
                {c.issuerId ? (
                  READERS.includes(me.role) ? (
                    <Link href={`/console/issuers/${encodeURIComponent(c.issuerId)}`}>{c.issuerId}</Link>
                  ) : (
                    c.issuerId
                  )
                ) : (
                  '—'
                )}
              </dd>
              <dt>Specification</dt>
              <dd>{String(c.specificationId ?? '—')}</dd>
              <dt>Learner (pseudonymous)</dt>
              <dd>{learnerId ?? '—'}</dd>
            </dl>
            {READERS.includes(me.role) && <StatusAtInstant id={id} url={url} />}
            <section aria-labelledby="trail">
              <h2 id="trail">Audit trail</h2>
              {readsStreams ? (
                <>
                  <VerifyChain streamId={`credential-${id}`} />
                  {trail.error && <Problem problem={trail.error} />}
                  {trail.events ? (
                    <Timeline events={trail.events} />
                  ) : (
                    !trail.error && <p aria-busy="true">Loading…</p>
                  )}
                </>
              ) : (
                <p class="muted">Only QA bodies and auditors read audit trails.</p>
              )}
            </section>
            <section aria-labelledby="stacks">
              <h2 id="stacks">Stacks and supersession</h2>
              {learnerId && READERS.includes(me.role) ? (
                <Stacks id={id} learnerId={learnerId} />
              ) : (
                <p class="muted">
                  Stack memberships come from the learner record, which this role does not read.
                </p>
              )}
              <p class="hint">
                Supersession (re-issue) is not recorded by this API yet, so no supersession chain is shown.
              </p>
            </section>
          </Page>
        );
      }}
    </Show>
  );
};

export const CredentialLookup = () => {
  const [id, setId] = useState('');
  return (
    <Page
      title="Credentials"
      lead="Open a credential by its id to see its status, audit trail and hash chain."
    >
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim()) navigate(`/console/credentials/${encodeURIComponent(id.trim())}`);
        }}
      >
        <div>
          <label for="credential-id">Credential id</label>
          <input id="credential-id" value={id} required onInput={(e) => setId(e.currentTarget.value)} />
        </div>
        <button type="submit">Open</button>
      </form>
    </Page>
  );
};
