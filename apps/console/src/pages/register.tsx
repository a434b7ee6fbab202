import { withQuery } from '../api';
import { setQuery } from '../router';
import { Page, Show, useApi } from '../ui';

type Entry = Readonly<
  Record<string, unknown> & {
    specificationId: string;
    issuerId: string;
    issuerName: string | null;
    title: string;
    countries: string[];
    fieldOfStudy: string | null;
  }
>;

const MAX_COMPARED = 4;

/** Annex I of Council Recommendation 2022/C 243/02, in the register's column order, with plain labels. */
const ROWS: readonly [string, string][] = [
  ['title', 'Title'],
  ['issuerName', 'Issuer'],
  ['countries', 'Country(ies) of the issuer'],
  ['awardingBodies', 'Awarding body(ies)'],
  ['learningOutcomes', 'Learning outcomes'],
  ['ects', 'Notional workload (ECTS)'],
  ['hours', 'Notional workload (hours)'],
  ['eqfLevel', 'EQF level'],
  ['typeOfAssessment', 'Type of assessment'],
  ['formOfParticipation', 'Form of participation'],
  ['typeOfQualityAssurance', 'Type of quality assurance'],
  ['prerequisites', 'Prerequisites'],
  ['supervisionAndIdentityVerification', 'Supervision and identity verification'],
  ['stackable', 'Integration / stackability'],
  ['credentialValidity', 'Validity'],
  ['fieldOfStudy', 'Field of study'],
  ['publishedAt', 'Published'],
  ['retired', 'Retired'],
];

const show = (value: unknown): string => {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  if (Array.isArray(value))
    return value
      .map((v) => (typeof v === 'object' ? Object.values(v as object).join(', ') : String(v)))
      .join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
};

const Comparison = ({ ids }: { ids: readonly string[] }) => {
  const loaded = useApi<{ items: Entry[]; differences: string[] }>(
    withQuery('/v1/register/comparison', { ids: ids.join(',') }),
  );
  return (
    <section aria-labelledby="comparison">
      <h2 id="comparison">Side by side</h2>
      <Show loaded={loaded}>
        {({ items, differences }) => (
          <div class="scroll">
            <table class="comparison">
              <caption>Annex I elements; rows that differ are marked “differs”.</caption>
              <thead>
                <tr>
                  <th scope="col">Element</th>
                  {items.map((item) => (
                    <th scope="col" key={item.specificationId}>
                      {item.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ROWS.map(([key, label]) => {
                  const differs = differences.includes(key);
                  return (
                    <tr key={key} class={differs ? 'differs' : ''} data-row={key}>
                      <th scope="row">
                        {label}
                        {differs && <span class="badge warn">differs</span>}
                      </th>
                      {items.map((item) => (
                        <td key={item.specificationId}>{show(item[key])}</td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
};

/** The register of credential specifications: filter, pick up to four, compare them element by element. */
export const RegisterPage = ({ url }: { url: URL }) => {
  const q = (name: string) => url.searchParams.get(name) ?? '';
  const compare = q('compare').split(',').filter(Boolean);
  const loaded = useApi<{ items: Entry[]; next: string | null }>(
    withQuery('/v1/register/specifications', {
      eqfLevel: q('eqfLevel'),
      minEcts: q('minEcts'),
      maxEcts: q('maxEcts'),
      formOfParticipation: q('formOfParticipation'),
      sort: q('sort') || 'title',
      limit: 500,
    }),
  );
  // The register API has no country or field-of-study filter yet: these two narrow the loaded rows.
  const country = q('country').toUpperCase();
  const field = q('fieldOfStudy').toLowerCase();
  const toggle = (id: string, on: boolean) =>
    setQuery({ compare: (on ? [...compare, id] : compare.filter((c) => c !== id)).join(',') });
  const input = (name: string, label: string, numeric = false) => (
    <div>
      <label for={`f-${name}`}>{label}</label>
      {numeric ? (
        <input
          id={`f-${name}`}
          type="number"
          min={0}
          step={0.5}
          value={q(name)}
          onChange={(e) => setQuery({ [name]: e.currentTarget.value })}
        />
      ) : (
        <input
          id={`f-${name}`}
          type="text"
          value={q(name)}
          onChange={(e) => setQuery({ [name]: e.currentTarget.value })}
        />
      )}
    </div>
  );
  return (
    <Page
      title="Register and comparison"
      lead="Published credential specifications. Pick up to four to compare every Annex I element side by side."
    >
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label for="f-eqfLevel">EQF level</label>
          <select
            id="f-eqfLevel"
            value={q('eqfLevel')}
            onChange={(e) => setQuery({ eqfLevel: e.currentTarget.value })}
          >
            <option value="">Any</option>
            {[1, 2, 3, 4, 5, 6, 7, 8].map((level) => (
              <option key={level} value={String(level)}>
                {level}
              </option>
            ))}
          </select>
        </div>
        {input('minEcts', 'ECTS from', true)}
        {input('maxEcts', 'ECTS to', true)}
        {input('country', 'Country (ISO code)')}
        {input('formOfParticipation', 'Form of participation')}
        {input('fieldOfStudy', 'Field of study')}
      </form>
      <p class="hint">
        Country and field of study filter the loaded rows (up to 500) in the browser; the register API does
        not filter on them yet.
      </p>
      {compare.length > 0 && <Comparison ids={compare} />}
      <Show loaded={loaded}>
        {({ items, next }) => {
          const rows = items.filter(
            (e) =>
              (!country || e.countries.includes(country)) &&
              (!field || (e.fieldOfStudy ?? '').toLowerCase().includes(field)),
          );
          return (
            <section aria-labelledby="specs">
              <h2 id="specs">Specifications</h2>
              <p class="muted" aria-live="polite">
                {rows.length} shown{next ? ' (more exist: narrow the filters)' : ''}; {compare.length} of{' '}
                {MAX_COMPARED} picked for comparison
              </p>
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Compare</th>
                      <th scope="col">Title</th>
                      <th scope="col">Issuer</th>
                      <th scope="col" class="num">
                        EQF
                      </th>
                      <th scope="col" class="num">
                        ECTS
                      </th>
                      <th scope="col">Participation</th>
                      <th scope="col">Assessment</th>
                      <th scope="col">Countries</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((e) => {
                      const picked = compare.includes(e.specificationId);
                      return (
                        <tr key={e.specificationId}>
                          <td>
                            <input
                              type="checkbox"
                              id={`pick-${e.specificationId}`}
                              aria-label={`Compare ${e.title}`}
                              checked={picked}
                              disabled={!picked && compare.length >= MAX_COMPARED}
                              onChange={(ev) => toggle(e.specificationId, ev.currentTarget.checked)}
                            />
                          </td>
                          <th scope="row">{e.title}</th>
                          <td>{e.issuerName ?? e.issuerId}</td>
                          <td class="num">{show(e.eqfLevel)}</td>
                          <td class="num">{show(e.ects)}</td>
                          <td>{show(e.formOfParticipation)}</td>
                          <td>{show(e.typeOfAssessment)}</td>
                          <td>{show(e.countries)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          );
        }}
      </Show>
    </Page>
  );
};
