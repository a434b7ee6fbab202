import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem, call } from './api';

export type Loaded<T> = Readonly<{
  data: T | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
  reload: () => void;
}>;

const asProblem = (error: unknown): ApiProblem =>
  error instanceof ApiProblem
    ? error
    : new ApiProblem(0, 'Something went wrong in the console', String(error), undefined);

/** Loads `path` (null: nothing to load) and reloads when it changes. */
export const useApi = <T,>(path: string | null): Loaded<T> => {
  const [state, setState] = useState<{
    path?: string | null;
    data?: T;
    error?: ApiProblem;
    loading: boolean;
  }>({ loading: path !== null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return setState({ loading: false });
    let current = true;
    // A new path drops the old answer (it was for something else); a reload keeps it on screen meanwhile.
    setState((previous) =>
      previous.path === path ? { ...previous, loading: true } : { path, loading: true },
    );
    call<T>(path).then(
      (data) => current && setState({ path, data, loading: false }),
      (error: unknown) => current && setState({ path, error: asProblem(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
};

/** Runs an action on demand (a button, a form), keeping its answer or problem. */
export const useAction = <T, A extends unknown[]>(action: (...args: A) => Promise<T>) => {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem; running: boolean }>({ running: false });
  const run = async (...args: A) => {
    setState({ running: true });
    try {
      setState({ data: await action(...args), running: false });
    } catch (error) {
      setState({ error: asProblem(error), running: false });
    }
  };
  return { ...state, run };
};

/** A problem+json as the API sent it: its title, its detail, and for rule refusals each violation. */
export const Problem = ({ problem }: { problem: ApiProblem }) => {
  const violations = (
    problem.body as { violations?: { ruleId: string; message: string; reference: string }[] } | undefined
  )?.violations;
  return (
    <div class="problem" role="alert">
      <p class="problem-title">{problem.title}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {violations && (
        <ul>
          {violations.map((v) => (
            <li key={v.ruleId}>
              <code>{v.ruleId}</code>: {v.message} <span class="muted">({v.reference})</span>
            </li>
          ))}
        </ul>
      )}
      {problem.code && <p class="muted">code: {problem.code}</p>}
    </div>
  );
};

/** Loading, problem or content: no page is ever blank. */
export const Show = <T,>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) => {
  if (loaded.error) return <Problem problem={loaded.error} />;
  if (loaded.data === undefined) return <p aria-busy="true">Loading…</p>;
  return <>{children(loaded.data)}</>;
};

export const Page = ({
  title,
  children,
  lead,
}: {
  title: string;
  lead?: ComponentChildren;
  children: ComponentChildren;
}) => {
  useEffect(() => {
    document.title = `${title} · Credence`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      {lead && <p class="lead">{lead}</p>}
      {children}
    </>
  );
};

export const when = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) +
      ' UTC'
    : '—';
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');

const STATUS_CLASS: Record<string, string> = {
  active: 'ok',
  suspended: 'warn',
  revoked: 'bad',
  expired: 'warn',
  'not-yet-valid': 'warn',
  withdrawn: 'bad',
};

export const Status = ({ status }: { status: string }) => (
  <span class={`badge ${STATUS_CLASS[status] ?? ''}`}>{status}</span>
);

export const sumCounts = (records: readonly Record<string, number>[]): Record<string, number> => {
  const total: Record<string, number> = {};
  for (const record of records)
    for (const [key, n] of Object.entries(record)) total[key] = (total[key] ?? 0) + n;
  return total;
};

/** Saves text as a file in the browser (the CSV exports). */
export const download = (name: string, text: string, type = 'text/csv'): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
};
