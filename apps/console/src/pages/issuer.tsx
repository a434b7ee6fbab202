import { BarChart } from '../chart';
import type { Me } from '../main';
import { Link } from '../router';
import type { IssuerCompliance } from '../../../../libs/projections/src';
import { type Accreditation, type Finding, scopeText, type StoredEvent } from '../types';
import { day, Page, Problem, Show, Status, sumCounts, useApi, when } from '../ui';
import { useStream } from './stream';

/** GET /v1/issuers/{id}/compliance: the report, plus issuance per week in JSON. */
type Compliance = IssuerCompliance & Readonly<{ issuedPerWeek: readonly { week: string; issued: number }[] }>;

const WEEK = 7 * 86_400_000;
const mondayOf = (iso: string) => {
  const t = Date.parse(iso);
  const days = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - days * 86_400_000).toISOString().slice(0, 10);
};

/** QualityCheckFailed events by ISO week and rule id: one series per rule, every week in between. */
const refusalsByWeek = (refusals: readonly StoredEvent[]) => {
  const weeks = refusals.map((e) => mondayOf(e.metadata.now!)).sort();
  if (weeks.length === 0) return { labels: [], series: [] };
  const labels: string[] = [];
  for (let t = Date.parse(weeks[0]); t <= Date.parse(weeks[weeks.length - 1]); t += WEEK)
    labels.push(new Date(t).toISOString().slice(0, 10));
  const byRule = new Map<string, number[]>();
  for (const event of refusals) {
    const week = labels.indexOf(mondayOf(event.metadata.now!));
    for (const finding of blocking(event)) {
      const series =
        byRule.get(finding.ruleId) ??
        byRule
          .set(
            finding.ruleId,
            labels.map(() => 0),
          )
          .get(finding.ruleId)!;
      series[week] += 1;
    }
  }
  return { labels, series: [...byRule].map(([label, values]) => ({ label, values })) };
};

const blocking = (event: StoredEvent): Finding[] =>
  ((event.data.findings as Finding[]) ?? []).filter((f) => f.severity === 'block');

/** Accreditation windows as bars on one time axis, with a mark for today. */
const AccreditationTimeline = ({
  accreditations,
  asOf,
}: {
  accreditations: readonly Accreditation[];
  asOf: string;
}) => {
  if (accreditations.length === 0) return <p class="muted">Never accredited.</p>;
  const start = Math.min(...accreditations.map((a) => Date.parse(a.validFrom)), Date.parse(asOf));
  const end = Math.max(...accreditations.map((a) => Date.parse(a.validUntil)), Date.parse(asOf));
  const at = (iso: string) => ((Date.parse(iso) - start) / (end - start || 1)) * 100;
  return (
    <div class="acc-timeline">
      <div class="acc-axis">
        <span>{day(new Date(start).toISOString())}</span>
        <span>{day(new Date(end).toISOString())}</span>
      </div>
      <ul>
        {accreditations.map((a) => (
          <li key={a.accreditationId}>
            <p>
              <Status status={a.status} /> <strong>{a.qaBody}</strong> · {scopeText(a.scope)} ·{' '}
              {day(a.validFrom)} to {day(a.validUntil)}
            </p>
            <div class="acc-track" aria-hidden="true">
              <div
                class={`acc-bar ${a.status}`}
                style={{
                  left: `${at(a.validFrom)}%`,
                  width: `${Math.max(at(a.validUntil) - at(a.validFrom), 0.5)}%`,
                }}
              />
              <div class="acc-now" style={{ left: `${at(asOf)}%` }} title="now" />
            </div>
            <ul class="small">
              {(a.history ?? []).map((h, i) => (
                <li key={i}>
                  {h.change} {when(h.at)}
                  {h.note ? `: ${h.note}` : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
};

const RefusedAttempts = ({ issuerId, refusals }: { issuerId: string; refusals: readonly StoredEvent[] }) =>
  refusals.length === 0 ? (
    <p>No refused attempts.</p>
  ) : (
    <div class="scroll">
      <table class="refusals">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Command</th>
            <th scope="col">Rule id</th>
            <th scope="col">Message</th>
            <th scope="col">Reference</th>
            <th scope="col">Events</th>
          </tr>
        </thead>
        <tbody>
          {refusals.flatMap((event) =>
            blocking(event).map((f, i) => (
              <tr key={`${event.streamVersion}-${i}`}>
                <td>{when(event.metadata.now)}</td>
                <td>{String(event.data.commandType)}</td>
                <td>
                  <code>{f.ruleId}</code>
                </td>
                <td>{f.message}</td>
                <td class="small">{f.reference}</td>
                <td>
                  <Link
                    href={`/console/streams/compliance-${encodeURIComponent(issuerId)}#v${event.streamVersion}`}
                  >
                    Attempt #{event.streamVersion}
                  </Link>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );

/** An issuer's compliance: what it issued, what was refused and why, and its accreditations over time. */
export const IssuerPage = ({ id, me }: { id: string; me: Me }) => {
  const compliance = useApi<Compliance>(`/v1/issuers/${encodeURIComponent(id)}/compliance`);
  // Refused attempts live on the issuer's compliance stream, which QA bodies and auditors may read.
  const readsStreams = me.role === 'qa-body' || me.role === 'auditor';
  const stream = useStream(readsStreams ? `compliance-${id}` : null);
  const refusals = (stream.events ?? []).filter((e) => e.type === 'QualityCheckFailed');
  return (
    <Show loaded={compliance}>
      {(report) => {
        const revoked = sumCounts(report.rulesets.map((r) => r.credentials.revokedByReason));
        const totals = sumCounts(
          report.rulesets.map(({ credentials: { revokedByReason: _r, ...counts } }) => counts),
        );
        const refusalSeries = refusalsByWeek(refusals);
        return (
          <Page
            title={report.issuer?.legalName ?? id}
            lead={
              <>
                Issuer <code>{id}</code> · {report.issuer?.country ?? '—'} · registration{' '}
                {report.issuer?.registrationId ?? '—'} · as of {when(report.asOf)}
              </>
            }
          >
            <ul class="stats" aria-label="Credentials">
              {['issued', 'active', 'suspended', 'expired', 'revoked'].map((k) => (
                <li key={k}>
                  <span class="stat">{totals[k] ?? 0}</span> {k}
                </li>
              ))}
            </ul>
            <section aria-labelledby="charts">
              <h2 id="charts">Over time</h2>
              <div class="charts">
                <BarChart
                  title="Credentials issued per week"
                  labels={report.issuedPerWeek.map((w) => w.week)}
                  series={[{ label: 'issued', values: report.issuedPerWeek.map((w) => w.issued) }]}
                />
                {readsStreams ? (
                  <BarChart
                    title="Refusals per week by rule id"
                    labels={refusalSeries.labels}
                    series={refusalSeries.series}
                    stacked
                  />
                ) : (
                  <p class="muted">
                    Refusals over time come from the issuer's compliance stream, which only QA bodies and
                    auditors may read.
                  </p>
                )}
                <BarChart
                  title="Revocations by reason"
                  labels={Object.keys(revoked)}
                  series={[{ label: 'revoked', values: Object.values(revoked) }]}
                />
              </div>
            </section>
            <section aria-labelledby="refused">
              <h2 id="refused">Refused attempts</h2>
              {!readsStreams && <p class="muted">Only QA bodies and auditors see refused attempts.</p>}
              {stream.error && <Problem problem={stream.error} />}
              {readsStreams && stream.events && <RefusedAttempts issuerId={id} refusals={refusals} />}
            </section>
            <section aria-labelledby="accreditations">
              <h2 id="accreditations">Accreditations</h2>
              <AccreditationTimeline accreditations={report.accreditations} asOf={report.asOf} />
              {report.issuedOutsideAccreditation.length > 0 && (
                <>
                  <h3>Issued under an accreditation later withdrawn or suspended, effective earlier</h3>
                  <ul data-testid="issued-outside-accreditation">
                    {report.issuedOutsideAccreditation.map((c) => (
                      <li key={c.credentialId}>
                        <Link href={`/console/credentials/${encodeURIComponent(c.credentialId)}`}>
                          {c.credentialId}
                        </Link>{' '}
                        issued {when(c.issuedAt)}; {c.accreditationId} {c.status} from {when(c.effectiveAt)}{' '}
                        <span class="muted">(recorded {when(c.recordedAt)})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <section aria-labelledby="rulesets">
              <h2 id="rulesets">By ruleset version</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Ruleset</th>
                    <th scope="col" class="num">
                      Issued
                    </th>
                    <th scope="col" class="num">
                      Active
                    </th>
                    <th scope="col" class="num">
                      Revoked
                    </th>
                    <th scope="col">Refusals by rule</th>
                    <th scope="col">Warnings by rule</th>
                    <th scope="col">Median assessment → issuance</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rulesets.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.key || '(none)'}</th>
                      <td class="num">{r.credentials.issued}</td>
                      <td class="num">{r.credentials.active}</td>
                      <td class="num">{r.credentials.revoked}</td>
                      <td class="small">
                        {Object.entries(r.refusedByRule)
                          .map(([k, n]) => `${k} ×${n}`)
                          .join(', ') || '—'}
                      </td>
                      <td class="small">
                        {Object.entries(r.warningsByRule)
                          .map(([k, n]) => `${k} ×${n}`)
                          .join(', ') || '—'}
                      </td>
                      <td>
                        {r.medianAssessmentToIssuance
                          ? `${(r.medianAssessmentToIssuance.ms / 86_400_000).toFixed(1)} days (${r.medianAssessmentToIssuance.samples})`
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </Page>
        );
      }}
    </Show>
  );
};
