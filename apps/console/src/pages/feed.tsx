import { Page, Show, Status, useApi } from '../ui';

type Projections = Readonly<
  {
    head: string | null;
    projections: readonly { name: string; checkpoint: string | null; lag: number | null }[];
  } & Record<string, unknown>
>;
type Health = Readonly<{
  status: string;
  eventStore: { head: string | null };
  projections?: unknown;
  feed?: Record<string, unknown>;
}>;

/** Projector checkpoints and lag, and the relay's state as /health reports it. */
export const FeedPage = () => {
  const projections = useApi<Projections>('/v1/projections');
  const health = useApi<Health>('/health');
  return (
    <Page title="Feed and projections">
      <section aria-labelledby="projections">
        <h2 id="projections">Projections</h2>
        <Show loaded={projections}>
          {(p) => (
            <>
              <p>
                Log head: <code>{p.head ?? '—'}</code>
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Projection</th>
                    <th scope="col">Checkpoint</th>
                    <th scope="col" class="num">
                      Lag (events)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.projections.map((row) => (
                    <tr key={row.name}>
                      <th scope="row">{row.name}</th>
                      <td>
                        <code>{row.checkpoint ?? '—'}</code>
                      </td>
                      <td class="num">{row.lag ?? 'n/a'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Show>
        <button type="button" onClick={() => (projections.reload(), health.reload())}>
          Refresh
        </button>
      </section>
      <section aria-labelledby="relay">
        <h2 id="relay">Regulator feed relay</h2>
        <Show loaded={health}>
          {(h) => (
            <>
              <p>
                API health: <Status status={h.status === 'ok' ? 'active' : 'suspended'} /> {h.status}
              </p>
              {h.feed ? (
                <pre>{JSON.stringify(h.feed, null, 2)}</pre>
              ) : (
                <p>No feed relay runs in this API (KAFKA_BROKERS is not set).</p>
              )}
            </>
          )}
        </Show>
      </section>
    </Page>
  );
};
