import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, call } from '../api';
import { readToken } from '../session';
import type { CredentialStatusAt } from '../types';
import { day, Problem, when } from '../ui';

/** The public verification route of the verifiable-credentials work (POST /v1/verifications). */
type VerificationReply = Readonly<{
  verified: boolean;
  checks: readonly {
    id: string;
    passed: boolean | null;
    notApplicable?: boolean;
    message: string;
    evidence?: unknown;
  }[];
  credential?: unknown;
}>;

/** The checks a verifier wants, in plain words, and which API check ids answer each. */
const CHECKS: readonly { label: string; ids: readonly string[] }[] = [
  { label: 'Signature', ids: ['proof'] },
  { label: 'Issuer key', ids: ['issuer-key'] },
  {
    label: 'Status (not revoked or suspended)',
    ids: ['status.revocation', 'status.suspension', 'status.ledger'],
  },
  { label: 'Validity period', ids: ['validity'] },
  { label: 'Issuer accredited at issuance', ids: ['accreditation'] },
  { label: 'Quality ruleset verdict', ids: ['quality-ruleset'] },
  { label: 'Transparency-log inclusion', ids: ['log-inclusion'] },
];

/** pass / fail / not checked, with why. */
type Mark = Readonly<{ label: string; result: 'pass' | 'fail' | 'unchecked'; message: string }>;

type Outcome =
  | Readonly<{ kind: 'verified'; reply: VerificationReply }>
  | Readonly<{ kind: 'status'; status: CredentialStatusAt }>
  | Readonly<{ kind: 'unavailable'; why: string }>;

const marksFromVerification = (reply: VerificationReply): Mark[] =>
  CHECKS.map(({ label, ids }) => {
    // A check marked not applicable (e.g. no status-list entry) vouches for nothing either way.
    const found = reply.checks.filter((c) => ids.includes(c.id) && !c.notApplicable);
    if (found.length === 0) return { label, result: 'unchecked', message: 'Not offered by this server.' };
    const failed = found.find((c) => c.passed === false);
    const unchecked = found.every((c) => c.passed === null);
    return {
      label,
      result: failed ? 'fail' : unchecked ? 'unchecked' : 'pass',
      message: (failed ?? found[0]).message,
    };
  });

/** What the status route (signed-in readers only) can vouch for; the rest stays unchecked. */
const marksFromStatus = (s: CredentialStatusAt): Mark[] => {
  const unavailable = 'Cannot be checked yet: this server has no public verification route.';
  const statusOk = s.status !== 'revoked' && s.status !== 'suspended';
  const validityOk = s.status !== 'expired' && s.status !== 'not-yet-valid';
  return [
    { label: 'Signature', result: 'unchecked', message: unavailable },
    { label: 'Issuer key', result: 'unchecked', message: unavailable },
    {
      label: 'Status (not revoked or suspended)',
      result: statusOk ? 'pass' : 'fail',
      message: `The ledger records it as ${s.status}${s.reason ? ` (${s.reason})` : ''}${s.effectiveAt ? ` since ${when(s.effectiveAt)}` : ''}.`,
    },
    {
      label: 'Validity period',
      result: validityOk ? 'pass' : 'fail',
      message: `Valid from ${day(s.validFrom)} to ${day(s.validUntil)}.`,
    },
    {
      label: 'Issuer accredited at issuance',
      result: s.accreditationAtIssuance ? 'pass' : 'fail',
      message: s.accreditationAtIssuance
        ? `Accredited by ${s.accreditationAtIssuance.qaBody} when issued.`
        : 'No accreditation recorded at issuance.',
    },
    {
      label: 'Quality ruleset verdict',
      result: s.rulesetAtIssuance ? 'pass' : 'unchecked',
      message: s.rulesetAtIssuance
        ? `Issued after passing ${s.rulesetAtIssuance.id}@${s.rulesetAtIssuance.version}.`
        : 'No ruleset recorded.',
    },
    { label: 'Transparency-log inclusion', result: 'unchecked', message: 'Not offered by this server yet.' },
  ];
};

/** A JWT's payload (not its signature: only the server can check that), or the JSON as pasted. */
const parseCredential = (text: string): Record<string, unknown> | string => {
  const trimmed = text.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(trimmed)) {
    try {
      const payload = JSON.parse(atob(trimmed.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<
        string,
        unknown
      >;
      return (payload.vc as Record<string, unknown>) ?? payload;
    } catch {
      return trimmed;
    }
  }
  return JSON.parse(trimmed) as Record<string, unknown>;
};

/** The human-readable content of an Open Badges 3.0-style credential, for whatever fields it has. */
const Content = ({ credential }: { credential: Record<string, unknown> }) => {
  const subject = (credential.credentialSubject ?? {}) as Record<string, unknown>;
  const achievement = (subject.achievement ?? {}) as Record<string, unknown>;
  const issuer = credential.issuer as { name?: string; id?: string } | string | undefined;
  const outcomes = (achievement.learningOutcomes ?? achievement.resultDescription ?? []) as unknown[];
  const text = (v: unknown) =>
    typeof v === 'string'
      ? v
      : v && typeof v === 'object' && 'name' in v
        ? String((v as { name: unknown }).name)
        : JSON.stringify(v);
  return (
    <dl class="pairs">
      <dt>Title</dt>
      <dd>{text(achievement.name ?? credential.name ?? '—')}</dd>
      <dt>Issuer</dt>
      <dd>{typeof issuer === 'string' ? issuer : (issuer?.name ?? issuer?.id ?? '—')}</dd>
      <dt>Learning outcomes</dt>
      <dd>
        {outcomes.length ? (
          <ul>
            {outcomes.map((o, i) => (
              <li key={i}>{text(o)}</li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </dd>
      <dt>Workload</dt>
      <dd>{text(achievement.notionalWorkload ?? achievement.creditsAvailable ?? '—')}</dd>
      <dt>EQF level</dt>
      <dd>{text(achievement.eqfLevel ?? (achievement.alignment as unknown) ?? '—')}</dd>
      <dt>Date</dt>
      <dd>
        {day(String(credential.validFrom ?? credential.issuanceDate ?? subject.awardedDate ?? '') || null)}
      </dd>
    </dl>
  );
};

const isMissingRoute = (error: unknown) =>
  error instanceof ApiProblem &&
  (error.status === 404 || error.status === 405) &&
  !(error.code ?? '').startsWith('credential');

/** Public verification when the server offers it; until then, the status route for signed-in readers, said plainly. */
const verify = async (input: { credentialId?: string; credential?: unknown }): Promise<Outcome> => {
  try {
    return {
      kind: 'verified',
      reply: await call<VerificationReply>('/v1/verifications', {
        method: 'POST',
        body: input,
        anonymous: true,
      }),
    };
  } catch (error) {
    if (!isMissingRoute(error)) throw error;
  }
  const id =
    input.credentialId ?? ((input.credential as { id?: string } | undefined)?.id ?? '').split(/[:/]/).pop();
  if (!id)
    return {
      kind: 'unavailable',
      why: 'This server has no public verification route yet, and the credential names no id to look up.',
    };
  if (!readToken()) {
    return {
      kind: 'unavailable',
      why: 'This server has no public verification route yet. Only signed-in console users can look up a credential’s status, so nothing was checked.',
    };
  }
  return {
    kind: 'status',
    status: await call<CredentialStatusAt>(`/v1/credentials/${encodeURIComponent(id)}/status`),
  };
};

const Verdict = ({ outcome }: { outcome: Outcome }) => {
  if (outcome.kind === 'unavailable') {
    return (
      <div class="verdict-box unchecked" data-testid="verdict" data-verdict="unchecked">
        <p class="verdict">Not verified: this page could not check the credential.</p>
        <p>{outcome.why}</p>
        <Marks marks={CHECKS.map(({ label }) => ({ label, result: 'unchecked', message: 'Not checked.' }))} />
      </div>
    );
  }
  if (outcome.kind === 'verified') {
    const { reply } = outcome;
    return (
      <div
        class={`verdict-box ${reply.verified ? 'ok' : 'bad'}`}
        data-testid="verdict"
        data-verdict={reply.verified ? 'valid' : 'invalid'}
      >
        <p class="verdict">
          {reply.verified
            ? 'Valid: every check that applies passed.'
            : 'Not valid: at least one check failed.'}
        </p>
        <Marks marks={marksFromVerification(reply)} />
        {reply.credential && typeof reply.credential === 'object' ? (
          <Content credential={reply.credential as Record<string, unknown>} />
        ) : null}
      </div>
    );
  }
  const marks = marksFromStatus(outcome.status);
  const failed = marks.some((m) => m.result === 'fail');
  return (
    <div
      class={`verdict-box ${failed ? 'bad' : 'partial'}`}
      data-testid="verdict"
      data-verdict={failed ? 'invalid' : 'status-only'}
    >
      <p class="verdict">
        {failed
          ? `Not valid: the ledger records this credential as ${outcome.status.status}.`
          : 'Recorded as active in the ledger, but its signature was not checked.'}
      </p>
      <p class="hint">
        Answered by the ledger’s status route with your console sign-in, because this server has no public
        verification route yet. Signature, issuer key and transparency-log checks need that route.
      </p>
      <Marks marks={marks} />
    </div>
  );
};

const SYMBOL = { pass: '✓', fail: '✗', unchecked: '–' } as const;
const WORD = { pass: 'passed', fail: 'failed', unchecked: 'not checked' } as const;

const Marks = ({ marks }: { marks: readonly Mark[] }) => (
  <ul class="checks">
    {marks.map((m) => (
      <li key={m.label} class={m.result} data-check={m.label} data-result={m.result}>
        <span aria-hidden="true" class="mark">
          {SYMBOL[m.result]}
        </span>{' '}
        <strong>{m.label}</strong>
        <span class="visually-hidden"> {WORD[m.result]}</span>: {m.message}
      </li>
    ))}
  </ul>
);

/** The public page: paste a credential, drop a file, or open /verify?id=<credential id>. No sign-in. */
export const VerifyPage = ({ url }: { url: URL }) => {
  const id = url.searchParams.get('id') ?? '';
  const [text, setText] = useState('');
  const [pasted, setPasted] = useState<Record<string, unknown> | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (input: { credentialId?: string; credential?: unknown }) => {
    setBusy(true);
    setOutcome(null);
    setProblem(null);
    try {
      setOutcome(await verify(input));
    } catch (error) {
      setProblem(
        error instanceof ApiProblem
          ? error
          : new ApiProblem(0, 'The credential could not be read', String(error), undefined),
      );
    }
    setBusy(false);
  };
  const runText = (value: string) => {
    try {
      const credential = parseCredential(value);
      setPasted(typeof credential === 'string' ? null : credential);
      void run({ credential });
    } catch (error) {
      setProblem(new ApiProblem(0, 'That is neither JSON nor a JWT', (error as Error).message, undefined));
    }
  };
  useEffect(() => {
    document.title = 'Verify a credential · Credence';
    if (id) void run({ credentialId: id });
  }, [id]);

  return (
    <main id="main" class="narrow">
      <h1>Verify a credential</h1>
      <p class="lead">
        Check a micro-credential issued through Credence: paste it, drop its file, or open a link with its id.
        No account needed.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          runText(text);
        }}
      >
        <label for="credential">Credential (JSON or JWT)</label>
        <textarea
          id="credential"
          rows={6}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const file = e.dataTransfer?.files[0];
            if (file) void file.text().then((content) => (setText(content), runText(content)));
          }}
        />
        <label for="credential-file">Or choose a file</label>
        <input
          id="credential-file"
          type="file"
          accept=".json,.jwt,.txt,application/json"
          onChange={(e) =>
            void e.currentTarget.files?.[0]?.text().then((content) => (setText(content), runText(content)))
          }
        />
        <button type="submit" disabled={busy || !text.trim()}>
          Verify
        </button>
      </form>
      <section aria-live="polite" aria-labelledby="result">
        <h2 id="result">{id ? `Credential ${id}` : 'Result'}</h2>
        {busy && <p aria-busy="true">Checking…</p>}
        {problem && <Problem problem={problem} />}
        {outcome && <Verdict outcome={outcome} />}
        {pasted && (
          <>
            <h3>What the credential says</h3>
            <p class="hint">As written in the credential; trust it only as far as the checks above passed.</p>
            <Content credential={pasted} />
          </>
        )}
      </section>
      <p>
        <a href="/console/">Console sign-in</a>
      </p>
    </main>
  );
};
