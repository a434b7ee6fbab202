import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, call, withQuery } from '../api';
import type { StoredEvent, StreamPage as StreamReply } from '../types';
import { Page, Problem, useAction, when } from '../ui';

const PAGE = 500;

/** Every event of a stream, page by page. A stream that does not exist yet reads as empty. */
export const readStream = async (streamId: string): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for (;;) {
    let page: StreamReply;
    try {
      page = await call<StreamReply>(
        withQuery(`/v1/streams/${encodeURIComponent(streamId)}/events`, {
          fromVersion: events.length,
          limit: PAGE,
        }),
      );
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404 && events.length === 0) return [];
      throw error;
    }
    events.push(...page.events);
    if (!page.more || page.events.length === 0) return events;
  }
};

export const useStream = (streamId: string | null) => {
  const [state, setState] = useState<{ events?: StoredEvent[]; error?: ApiProblem }>({});
  useEffect(() => {
    if (!streamId) return;
    let current = true;
    setState({});
    readStream(streamId).then(
      (events) => current && setState({ events }),
      (error: unknown) => current && setState({ error: error as ApiProblem }),
    );
    return () => {
      current = false;
    };
  }, [streamId]);
  return state;
};

/** What GET /v1/streams/{id}/verification answers (libs/event-store verifyChain). */
type Verification = Readonly<{
  ok: boolean;
  events?: number;
  lastHash?: string;
  brokenAt?: number;
  reason?: string;
}>;

/** Asks the API to re-hash the whole stream from its first event and reports what it found. */
export const VerifyChain = ({ streamId }: { streamId: string }) => {
  const verification = useAction(() =>
    call<Verification>(`/v1/streams/${encodeURIComponent(streamId)}/verification`),
  );
  return (
    <div class="verify-chain">
      <button type="button" onClick={() => void verification.run()} disabled={verification.running}>
        Verify hash chain
      </button>
      <div aria-live="polite">
        {verification.data && (
          <p class={verification.data.ok ? 'verdict ok' : 'verdict bad'} data-testid="chain-result">
            {verification.data.ok ? (
              <>
                ✓ Hash chain intact: {verification.data.events} events re-hashed, last hash{' '}
                <code class="hash">{verification.data.lastHash}</code>
              </>
            ) : (
              <>
                ✗ Hash chain broken at event #{verification.data.brokenAt}: {verification.data.reason}
              </>
            )}
          </p>
        )}
        {verification.error && <Problem problem={verification.error} />}
      </div>
    </div>
  );
};

const Findings = ({ event }: { event: StoredEvent }) => {
  const findings = [
    ...(event.metadata.findings ?? []),
    ...((event.data.findings as StoredEvent['metadata']['findings']) ?? []),
  ];
  if (findings.length === 0) return null;
  return (
    <ul class="findings">
      {findings.map((f, i) => (
        <li key={i} class={f.severity === 'block' ? 'bad' : 'warn'}>
          <strong>{f.severity === 'block' ? 'Refused' : 'Warning'}</strong> <code>{f.ruleId}</code>:{' '}
          {f.message} <span class="muted">({f.reference})</span>
        </li>
      ))}
    </ul>
  );
};

/** An audit trail: each event with when, who, under which ruleset (id, version, hash) and its hashes. */
export const Timeline = ({ events, highlight }: { events: readonly StoredEvent[]; highlight?: number }) => (
  <ol class="timeline">
    {events.map((event) => {
      const ruleset = event.metadata.ruleset;
      const principal = event.metadata.principal;
      return (
        <li
          key={event.streamVersion}
          id={`v${event.streamVersion}`}
          class={highlight === event.streamVersion ? 'highlight' : ''}
        >
          <p class="event-head">
            <strong>{event.type}</strong>{' '}
            <span class="muted">
              #{event.streamVersion} · {when(event.metadata.now)}
            </span>
          </p>
          <dl class="pairs">
            <dt>Actor</dt>
            <dd>{principal ? `${principal.role} ${principal.id}` : '—'}</dd>
            <dt>Ruleset</dt>
            <dd>
              {ruleset ? (
                <>
                  {ruleset.id}@{ruleset.version} <code class="hash">{ruleset.hash}</code>
                </>
              ) : (
                '—'
              )}
            </dd>
            <dt>Event hash</dt>
            <dd>
              <code class="hash">{event.hash ?? '—'}</code>
            </dd>
            <dt>Previous</dt>
            <dd>
              <code class="hash">{event.prevHash ?? '— (first event)'}</code>
            </dd>
          </dl>
          <Findings event={event} />
          <details>
            <summary>Event data</summary>
            <pre>{JSON.stringify(event.data, null, 2)}</pre>
          </details>
        </li>
      );
    })}
  </ol>
);

/** Any stream's events (the link target of refused attempts), for QA bodies and auditors. */
export const StreamPage = ({ streamId }: { streamId: string }) => {
  const stream = useStream(streamId);
  const version = Number(/^#v(\d+)$/.exec(location.hash)?.[1] ?? NaN);
  useEffect(() => {
    if (stream.events && !Number.isNaN(version)) document.getElementById(`v${version}`)?.scrollIntoView();
  }, [stream.events, version]);
  return (
    <Page title={`Stream ${streamId}`}>
      <VerifyChain streamId={streamId} />
      {stream.error && <Problem problem={stream.error} />}
      {stream.events ? (
        stream.events.length ? (
          <Timeline events={stream.events} highlight={version} />
        ) : (
          <p>This stream has no events.</p>
        )
      ) : (
        !stream.error && <p aria-busy="true">Loading…</p>
      )}
    </Page>
  );
};
