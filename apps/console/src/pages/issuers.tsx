import { useMemo } from 'preact/hooks';
import { call } from '../api';
import type { Me } from '../main';
import { Link, setQuery } from '../router';
import { type IssuerRow, scopeText } from '../types';
import { download, Page, Problem, Show, Status, useAction, useApi } from '../ui';

type SortKey =
  'legalName' | 'country' | 'issued' | 'active' | 'suspended' | 'revoked' | 'refused' | 'warnings';
const COLUMNS: readonly { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'legalName', label: 'Issuer' },
  { key: 'country', label: 'Country' },
  { key: 'issued', label: 'Issued', numeric: true },
  { key: 'active', label: 'Active', numeric: true },
  { key: 'suspended', label: 'Suspended', numeric: true },
  { key: 'revoked', label: 'Revoked', numeric: true },
  { key: 'refused', label: 'Refusals', numeric: true },
  { key: 'warnings', label: 'Warnings', numeric: true },
];

const byRule = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${rule} ×${n}`)
    .join(', ');

// One collator for all comparisons: String#localeCompare builds one per call, slow over 1,000 rows.
const collator = new Intl.Collator('en');

const sorted = (rows: readonly IssuerRow[], sort: string): IssuerRow[] => {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '') as SortKey;
  const value = (row: IssuerRow) => row[key] ?? '';
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return (descending ? -order : order) || (a.issuerId < b.issuerId ? -1 : 1);
  });
};

const matches = (row: IssuerRow, text: string, accreditation: string) =>
  (!text ||
    `${row.legalName ?? ''} ${row.issuerId} ${row.country ?? ''}`
      .toLowerCase()
      .includes(text.toLowerCase())) &&
  (!accreditation || (row.accreditation?.status ?? 'none') === accreditation);

/** One row per issuer, sorted and filtered in the browser; the URL keeps the view shareable. */
export const IssuersPage = ({ me, url }: { me: Me; url: URL }) => {
  const loaded = useApi<{ items: IssuerRow[] }>('/v1/issuers');
  const text = url.searchParams.get('q') ?? '';
  const accreditation = url.searchParams.get('accreditation') ?? '';
  const sort = url.searchParams.get('sort') ?? 'legalName';
  const rows = useMemo(
    () =>
      loaded.data
        ? sorted(
            loaded.data.items.filter((r) => matches(r, text, accreditation)),
            sort,
          )
        : [],
    [loaded.data, text, accreditation, sort],
  );
  const exportCsv = useAction(async () =>
    download('issuers.csv', await call<string>('/v1/issuers', { accept: 'text/csv' })),
  );
  return (
    <Page
      title="Issuers"
      lead={
        me.role === 'issuer'
          ? 'Your institution as QA bodies and auditors see it.'
          : 'Every registered issuer, its accreditation and what it issued.'
      }
    >
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="issuer-q">Search</label>
          <input
            id="issuer-q"
            type="search"
            value={text}
            placeholder="Name, id or country"
            onInput={(e) => setQuery({ q: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="issuer-acc">Accreditation</label>
          <select
            id="issuer-acc"
            value={accreditation}
            onChange={(e) => setQuery({ accreditation: e.currentTarget.value })}
          >
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
            <option value="withdrawn">Withdrawn</option>
            <option value="none">None</option>
          </select>
        </div>
        <button type="button" onClick={() => void exportCsv.run()} disabled={exportCsv.running}>
          Export CSV
        </button>
      </form>
      {exportCsv.error && <Problem problem={exportCsv.error} />}
      <Show loaded={loaded}>
        {(data) => (
          <>
            <p class="muted" aria-live="polite">
              {rows.length} of {data.items.length} issuers
            </p>
            <div class="scroll">
              <table class="issuers">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => {
                      const active = sort.replace(/^-/, '') === c.key;
                      const descending = sort.startsWith('-');
                      return (
                        <th
                          key={c.key}
                          scope="col"
                          class={c.numeric ? 'num' : ''}
                          aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
                        >
                          <button
                            type="button"
                            class="sort"
                            onClick={() => setQuery({ sort: active && !descending ? `-${c.key}` : c.key })}
                          >
                            {c.label}
                            <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ''}</span>
                          </button>
                        </th>
                      );
                    })}
                    <th scope="col">Accreditation</th>
                    <th scope="col">Refusals by rule</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.issuerId} data-issuer={row.issuerId}>
                      <th scope="row">
                        <Link href={`/console/issuers/${encodeURIComponent(row.issuerId)}`}>
                          {row.legalName ?? row.issuerId}
                        </Link>
                      </th>
                      <td>{row.country ?? '—'}</td>
                      {COLUMNS.filter((c) => c.numeric).map((c) => (
                        <td key={c.key} class="num" data-col={c.key}>
                          {row[c.key]}
                        </td>
                      ))}
                      <td>
                        {row.accreditation ? (
                          <>
                            <Status status={row.accreditation.status} /> {row.accreditation.qaBody},{' '}
                            {scopeText(row.accreditation.scope)}
                          </>
                        ) : (
                          <span class="muted">none</span>
                        )}
                      </td>
                      <td class="small">{byRule(row.refusedByRule) || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </Page>
  );
};
