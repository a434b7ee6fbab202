import { join } from 'node:path';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { ReadModelDatabase, rebuildProjections } from '@credence/projections';
import { dumpTables, expectedTables } from '@credence/projections/testing/dump';
import { describeEachReadModelStore } from '@credence/projections/testing/read-model-targets';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import { logHead } from '../support/fixtures';
import { allPages, CSV, csvRows, withQuery } from './support/http';
import { A_SPECS, seedLedger, type Seeded } from './support/seed';

const DAY = 86_400_000;

describeEachReadModelStore('Read models over HTTP', (target) => {
  let ledger: TestLedger;
  let seeded: Seeded;
  let head: string;
  const get = (path: string, token: string, headers: Record<string, string> = {}) =>
    ledger.request('GET', path, { token, headers });
  /** Read-your-writes: every read waits for the projections to reach the seeded head. */
  const fresh = (path: string) => withQuery(path, { waitFor: head });

  beforeAll(async () => {
    const url = target.databaseUrl();
    ledger = await startLedger(url ? { DATABASE_URL: url } : {});
    seeded = await seedLedger(ledger);
    head = (await logHead(ledger))!;
  }, 120_000);
  afterAll(() => ledger?.close());

  describe('issuer directory', () => {
    it('lists every issuer with its accreditation and counts over all rulesets, and exports it as CSV', async () => {
      const reply = await get(fresh('/v1/issuers'), seeded.a.qaToken);
      expect(reply.status).toBe(200);
      const byId = new Map(reply.body.items.map((item: { issuerId: string }) => [item.issuerId, item]));
      expect(byId.get(seeded.a.issuerId)).toEqual({
        issuerId: seeded.a.issuerId,
        legalName: 'Hogeschool Utrecht',
        country: 'NL',
        accreditation: expect.objectContaining({
          qaBody: 'NVAO',
          status: 'active',
          scope: { eqfLevels: [5, 6, 7] },
        }),
        issued: 6,
        active: 2,
        suspended: 1,
        revoked: 2,
        refused: 1,
        warnings: 1,
        refusedByRule: { 'annex1.type-of-assessment': 1 },
        warningsByRule: { 'ects.hours-per-credit': 1 },
      });
      expect(byId.get(seeded.b.issuerId)).toMatchObject({ issued: 0, active: 0, refused: 0 });

      const csv = await get(fresh('/v1/issuers'), seeded.a.auditorToken, CSV);
      const lines = String(csv.body).split('\r\n');
      expect(lines[0]).toBe(
        'issuerId,legalName,country,accreditation,issued,active,suspended,revoked,refused,warnings,refusedByRule,warningsByRule',
      );
      expect(lines.find((line) => line.startsWith(seeded.a.issuerId))).toMatch(/,6,2,1,2,1,1,/);
    });

    it('shows an issuer only itself', async () => {
      const reply = await get('/v1/issuers', seeded.b.issuerToken);
      expect(reply.body.items.map((item: { issuerId: string }) => item.issuerId)).toEqual([
        seeded.b.issuerId,
      ]);
      expect((await ledger.request('GET', '/v1/issuers')).status).toBe(401);
    });

    it('adds credentials issued per ISO week to the compliance report', async () => {
      const reply = await get(fresh(`/v1/issuers/${seeded.a.issuerId}/compliance`), seeded.a.auditorToken);
      const weeks: { week: string; issued: number }[] = reply.body.issuedPerWeek;
      expect(weeks.reduce((sum, w) => sum + w.issued, 0)).toBe(6);
      expect(weeks.every((w) => new Date(`${w.week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    });
  });

  describe('issuer compliance', () => {
    it('counts credentials by status and revocation reason, refusals and warnings by rule, and the median lead time', async () => {
      const reply = await get(fresh(`/v1/issuers/${seeded.a.issuerId}/compliance`), seeded.a.auditorToken);
      expect(reply.status).toBe(200);
      expect(Number(reply.headers.get('credence-projection-position'))).toBeGreaterThanOrEqual(Number(head));
      expect(reply.body.rulesets).toHaveLength(1);
      const [r] = reply.body.rulesets;
      expect(r.ruleset).toEqual({ id: 'eu-microcredentials', version: '2022-r2' });
      expect(r.credentials).toEqual({
        issued: 6,
        active: 2,
        suspended: 1,
        expired: 1,
        notYetValid: 0,
        revoked: 2,
        revokedByReason: { fraud: 1, 'issued-in-error': 1 },
      });
      expect(r.refusedByRule).toEqual({ 'annex1.type-of-assessment': 1 });
      expect(r.warningsByRule).toEqual({ 'ects.hours-per-credit': 1 });
      // Five credentials issued 8 days after their assessment, one 400 days after: the median is 8 days.
      expect(r.medianAssessmentToIssuance.samples).toBe(6);
      expect(r.medianAssessmentToIssuance.ms).toBeGreaterThanOrEqual(8 * DAY);
      expect(r.medianAssessmentToIssuance.ms).toBeLessThan(8 * DAY + 3_600_000);
      expect(reply.body.issuer).toMatchObject({ legalName: 'Hogeschool Utrecht', country: 'NL' });
      // The granting QA body by id and name, and the six credentials issued under the accreditation.
      expect(reply.body.accreditations).toEqual([
        expect.objectContaining({
          qaBodyId: seeded.a.qaBodyId,
          qaBody: 'NVAO',
          credentialsIssued: 6,
          status: 'active',
          history: [expect.objectContaining({ change: 'granted' })],
        }),
      ]);
    });

    it('exports the same report as a long CSV table', async () => {
      const reply = await get(fresh(`/v1/issuers/${seeded.a.issuerId}/compliance`), seeded.a.qaToken, CSV);
      expect(reply.headers.get('content-type')).toContain('text/csv');
      const lines = String(reply.body).split('\r\n');
      expect(lines[0]).toBe('ruleset,metric,key,value');
      expect(lines).toEqual(
        expect.arrayContaining([
          'eu-microcredentials@2022-r2,issued,,6',
          'eu-microcredentials@2022-r2,revokedByReason,fraud,1',
          'eu-microcredentials@2022-r2,refusedByRule,annex1.type-of-assessment,1',
          'eu-microcredentials@2022-r2,warningsByRule,ects.hours-per-credit,1',
        ]),
      );
      expect(lines).toContainEqual(expect.stringMatching(/^,accreditation\.credentialsIssued,[^,]+,6$/));
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^,accreditation\\.qaBody,[^,]+,${seeded.a.qaBodyId} NVAO$`)),
      );
    });

    it('shows an issuer its own report only, and needs a token', async () => {
      expect((await get(`/v1/issuers/${seeded.a.issuerId}/compliance`, seeded.a.issuerToken)).status).toBe(
        200,
      );
      // Another issuer's report answers like an unknown issuer's: 404, so ids do not leak.
      const other = await get(`/v1/issuers/${seeded.a.issuerId}/compliance`, seeded.b.issuerToken);
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
      expect((await ledger.request('GET', `/v1/issuers/${seeded.a.issuerId}/compliance`)).status).toBe(401);
      expect((await get('/v1/issuers/nobody-here/compliance', seeded.a.auditorToken)).status).toBe(404);
    });
  });

  describe('credential register', () => {
    const expectedIds = (eqfLevel: number, minEcts: number) =>
      seeded.specs
        .filter((s) => s.eqfLevel === eqfLevel && s.ects >= minEcts && !s.retired)
        .sort((x, y) => x.ects - y.ects || (x.id < y.id ? -1 : 1))
        .map((s) => s.id);

    it('filters and sorts across more than two pages, in a stable order with nothing lost or repeated', async () => {
      const pages = await allPages(
        ledger,
        fresh('/v1/register/specifications?eqfLevel=6&minEcts=3&sort=ects&limit=2'),
        seeded.a.auditorToken,
      );
      expect(pages.length).toBeGreaterThan(2);
      const items = pages.flatMap((p) => p.body.items);
      expect(items.map((i: { specificationId: string }) => i.specificationId)).toEqual(expectedIds(6, 3));
      expect(items[0]).toMatchObject({
        eqfLevel: 6,
        issuerName: 'Hogeschool Utrecht',
        typeOfQualityAssurance: 'external accreditation',
        // The QA body accrediting the specification's issuer now, by id and name.
        qaBodies: [
          {
            qaBodyId: (items[0].issuerId === seeded.a.issuerId ? seeded.a : seeded.b).qaBodyId,
            name: 'NVAO',
          },
        ],
        countries: ['NL'],
      });
      expect(pages[pages.length - 1].body.next).toBeNull();
    });

    it('sorts descending and by title, and pages the whole register', async () => {
      const desc = (
        await allPages(ledger, fresh('/v1/register/specifications?sort=-ects&limit=7'), seeded.a.auditorToken)
      ).flatMap((p) => p.body.items);
      const ects = desc.map((i: { ects: number }) => i.ects);
      expect(ects).toEqual([...ects].sort((x, y) => y - x));
      const byTitle = (
        await allPages(ledger, fresh('/v1/register/specifications?limit=5'), seeded.a.auditorToken)
      ).flatMap((p) => p.body.items);
      const titles = byTitle.map((i: { title: string }) => i.title);
      expect(titles).toEqual([...titles].sort());
      expect(titles).toContain('Odd hours');
      expect(byTitle.length).toBeGreaterThanOrEqual(seeded.specs.length);
    });

    it('leaves retired specifications out unless asked for them', async () => {
      const retired = seeded.specs.find((s) => s.retired)!;
      const ids = async (query: string) =>
        (
          await allPages(
            ledger,
            fresh(`/v1/register/specifications?issuerId=${retired.issuerId}&limit=2${query}`),
            seeded.a.auditorToken,
          )
        )
          .flatMap((p) => p.body.items)
          .map((i: { specificationId: string; retired: boolean }) => [i.specificationId, i.retired]);
      expect(await ids('')).not.toContainEqual([retired.id, true]);
      expect(await ids('&includeRetired=true')).toContainEqual([retired.id, true]);
    });

    it('filters on the Annex I vocabularies of the active ruleset, and refuses a value outside them', async () => {
      const vocab = await get('/v1/register/vocabularies', seeded.a.auditorToken);
      expect(vocab.status).toBe(200);
      expect(vocab.body.ruleset).toMatchObject({ id: 'eu-microcredentials' });
      expect(vocab.body.vocabularies.typeOfAssessment).toEqual(expect.arrayContaining(['project', 'exam']));
      expect(vocab.body.vocabularies.formOfParticipation).toEqual(
        expect.arrayContaining(['online', 'blended']),
      );
      expect(vocab.body.vocabularies.supervisionAndIdentityVerification).toContain(
        'supervised-with-identity-check',
      );
      const items = async (query: string) =>
        (
          await allPages(
            ledger,
            fresh(`/v1/register/specifications?limit=50&${query}`),
            seeded.a.auditorToken,
          )
        ).flatMap((p) => p.body.items);
      const ofA = (query: string) => items(`issuerId=${seeded.a.issuerId}&${query}`);
      const [all, projects, exams] = await Promise.all([
        ofA(''),
        ofA('typeOfAssessment=project'),
        ofA('typeOfAssessment=exam'),
      ]);
      // Issuer A's specifications alternate project and exam: the two filters split them.
      expect(projects.length).toBeGreaterThanOrEqual(A_SPECS / 2);
      expect(projects.length + exams.length).toBe(all.length);
      expect(new Set(projects.map((i: { typeOfAssessment: string }) => i.typeOfAssessment))).toEqual(
        new Set(['project']),
      );
      const supervised = await items('supervisionAndIdentityVerification=supervised-with-identity-check');
      expect(supervised.length).toBeGreaterThanOrEqual(A_SPECS);
      expect(
        new Set(
          supervised.map(
            (i: { supervisionAndIdentityVerification: string }) => i.supervisionAndIdentityVerification,
          ),
        ),
      ).toEqual(new Set(['supervised-with-identity-check']));
      const outside = await get('/v1/register/specifications?typeOfAssessment=-', seeded.a.auditorToken);
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toEqual([
        { field: 'typeOfAssessment', messages: [expect.stringContaining('project')] },
      ]);
    });

    it('exports the same rows as CSV, page by page through the Link header', async () => {
      const path = fresh('/v1/register/specifications?eqfLevel=6&minEcts=3&sort=ects&limit=2');
      const rows = csvRows(await allPages(ledger, path, seeded.a.auditorToken, CSV));
      expect(rows[0].split(',').slice(0, 5)).toEqual([
        'specificationId',
        'issuerId',
        'issuerName',
        'title',
        'eqfLevel',
      ]);
      expect(rows.slice(1).map((line) => line.split(',')[0])).toEqual(expectedIds(6, 3));
    });

    it('shows an issuer its own offerings only', async () => {
      const own = (
        await allPages(ledger, fresh('/v1/register/specifications?limit=10'), seeded.b.issuerToken)
      ).flatMap((p) => p.body.items);
      expect(new Set(own.map((i: { issuerId: string }) => i.issuerId))).toEqual(new Set([seeded.b.issuerId]));
      expect(
        (await get(`/v1/register/specifications?issuerId=${seeded.a.issuerId}`, seeded.b.issuerToken)).status,
      ).toBe(403);
    });

    it('compares specifications side by side, in the order asked, naming what differs', async () => {
      const ids = [seeded.specs[1].id, seeded.specs[0].id, seeded.specs[A_SPECS].id];
      const reply = await get(fresh(`/v1/register/comparison?ids=${ids.join(',')}`), seeded.a.qaToken);
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((i: { specificationId: string }) => i.specificationId)).toEqual(ids);
      expect(reply.body.differences).toEqual(
        expect.arrayContaining(['issuerId', 'title', 'eqfLevel', 'ects']),
      );
      expect(reply.body.differences).not.toContain('countries');
      const csv = await get(fresh(`/v1/register/comparison?ids=${ids.join(',')}`), seeded.a.qaToken, CSV);
      const lines = String(csv.body).split('\r\n');
      expect(lines[0]).toBe(`attribute,${ids.join(',')}`);
      expect(lines).toContain('eqfLevel,6,5,6');
      const missing = await get(`/v1/register/comparison?ids=${ids[0]},no-such-spec`, seeded.a.qaToken);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({
        code: 'specification.not-found',
        details: { missing: ['no-such-spec'] },
      });
      expect((await get(`/v1/register/comparison?ids=${ids.join(',')}`, seeded.b.issuerToken)).status).toBe(
        404,
      );
    });

    it('answers 400 to a foreign cursor, a malformed position or an unknown parameter', async () => {
      const badCursor = await get('/v1/register/specifications?cursor=bm9wZQ', seeded.a.auditorToken);
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.code).toBe('cursor.invalid');
      expect((await get('/v1/register/specifications?waitFor=yesterday', seeded.a.auditorToken)).status).toBe(
        400,
      );
      expect((await get('/v1/register/specifications?colour=blue', seeded.a.auditorToken)).status).toBe(400);
      expect((await get('/v1/register/specifications?sort=price', seeded.a.auditorToken)).status).toBe(400);
    });
  });

  describe('learner record', () => {
    it('lists every credential with its status now, over several pages, oldest first', async () => {
      const pages = await allPages(
        ledger,
        fresh(`/v1/learners/${seeded.learnerId}/record?limit=2`),
        seeded.a.auditorToken,
      );
      expect(pages).toHaveLength(3);
      const items = pages.flatMap((p) => p.body.items);
      expect(items.map((i: { credentialId: string }) => i.credentialId)).toEqual(seeded.credentials);
      expect(items.map((i: { status: string; reason: string | null }) => [i.status, i.reason])).toEqual([
        ['active', null],
        ['active', null],
        ['revoked', 'fraud'],
        ['suspended', 'issuer-request'],
        ['expired', null],
        ['revoked', 'issued-in-error'],
      ]);
      expect(items[0]).toMatchObject({ title: 'Spec 00', stackIds: [seeded.stackId] });
    });

    it("shows the stack with each component's status, invalidated once a component was revoked", async () => {
      const reply = await get(fresh(`/v1/learners/${seeded.learnerId}/record`), seeded.a.qaToken);
      const [c0, , , , , c5] = seeded.credentials;
      expect(reply.body.stacks).toEqual([
        expect.objectContaining({
          stackId: seeded.stackId,
          pathwayTitle: 'Data Analytics Professional',
          status: 'invalidated',
          invalidation: expect.objectContaining({ componentCredentialId: c5, reason: 'component-revoked' }),
          // An invalidation loses no component: the stack is void, and still names what it rested on.
          formerComponents: [],
          validUntil: expect.any(String),
          components: [
            { credentialId: c0, status: 'active', reason: null },
            { credentialId: c5, status: 'revoked', reason: 'issued-in-error' },
          ],
        }),
      ]);
      const status = await get(fresh(`/v1/stacked-credentials/${seeded.stackId}/status`), seeded.a.qaToken);
      expect(status.body).toMatchObject({ stackId: seeded.stackId, status: 'invalidated', causedBy: [c5] });
      expect(reply.body.stacks[0].validUntil).toBe(status.body.validUntil);
    });

    it('exports the credentials as CSV, and shows an issuer only what it issued', async () => {
      const rows = csvRows(
        await allPages(
          ledger,
          fresh(`/v1/learners/${seeded.learnerId}/record?limit=4`),
          seeded.a.auditorToken,
          CSV,
        ),
      );
      expect(rows).toHaveLength(1 + 6);
      expect(rows[0]).toBe(
        'credentialId,issuerId,specificationId,title,issuedAt,validFrom,validUntil,ects,status,reason,awardedDate,grade,supersedes,supersededBy,stackIds',
      );
      expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(seeded.credentials);
      expect((await get(`/v1/learners/${seeded.learnerId}/record`, seeded.a.issuerToken)).status).toBe(200);
      expect((await get(`/v1/learners/${seeded.learnerId}/record`, seeded.b.issuerToken)).status).toBe(404);
      expect((await get('/v1/learners/lrn-unknown/record', seeded.a.auditorToken)).status).toBe(404);
    });
  });

  describe('status at a point in time', () => {
    const statusAt = (at: string, token = seeded.a.auditorToken) =>
      get(fresh(`/v1/credentials/${seeded.credentials[1]}/status?at=${encodeURIComponent(at)}`), token);

    it('is active from validFrom as known now, suspended while suspended, active after reinstatement', async () => {
      const { beforeIssuance, whileSuspended, afterReinstatement } = seeded.c1Times;
      // Valid from a week before it was issued: as known now, it was valid just before its recording.
      expect((await statusAt(beforeIssuance)).body).toMatchObject({ status: 'active', reason: null });
      expect((await statusAt(whileSuspended)).body).toMatchObject({
        status: 'suspended',
        reason: 'under-investigation',
      });
      const after = (await statusAt(afterReinstatement)).body;
      expect(after).toMatchObject({ credentialId: seeded.credentials[1], status: 'active', reason: null });
      expect(after.accreditationAtIssuance).toMatchObject({
        qaBody: 'NVAO',
        validUntil: '2030-12-31T23:59:59Z',
      });
      expect(after.rulesetAtIssuance).toMatchObject({ id: 'eu-microcredentials', version: '2022-r2' });
      // Activated at startup, before the seed: in force at every instant the seed asks about, as known now.
      expect(after.rulesetAt).toMatchObject({ id: 'eu-microcredentials', version: '2022-r2' });
      expect(after.rulesetAt.activatedAt <= after.issuedAt).toBe(true);
    });

    it('answers as the ledger knew it at asOf: absent before the issuance was recorded', async () => {
      const { beforeIssuance, whileSuspended, afterReinstatement } = seeded.c1Times;
      const asOf = (known: string) =>
        get(
          fresh(
            withQuery(`/v1/credentials/${seeded.credentials[1]}/status`, {
              at: afterReinstatement,
              asOf: known,
            }),
          ),
          seeded.a.auditorToken,
        );
      expect((await asOf(whileSuspended)).body).toMatchObject({ status: 'suspended', asOf: whileSuspended });
      expect((await asOf(beforeIssuance)).body).toMatchObject({ status: 'absent', validFrom: null });
    });

    it('is revoked with its reason after revocation and expired past validUntil', async () => {
      const later = new Date(Date.now() + DAY).toISOString();
      const revoked = await get(
        fresh(`/v1/credentials/${seeded.credentials[2]}/status?at=${later}`),
        seeded.a.auditorToken,
      );
      expect(revoked.body).toMatchObject({ status: 'revoked', reason: 'fraud' });
      const expired = await get(
        fresh(`/v1/credentials/${seeded.credentials[4]}/status`),
        seeded.a.auditorToken,
      );
      expect(expired.body).toMatchObject({ status: 'expired' });
    });

    it('refuses other issuers, unknown credentials and malformed instants', async () => {
      expect((await statusAt(seeded.c1Times.afterReinstatement, seeded.b.issuerToken)).status).toBe(404);
      expect((await get('/v1/credentials/no-such-credential/status', seeded.a.auditorToken)).status).toBe(
        404,
      );
      expect(
        (await get(`/v1/credentials/${seeded.credentials[1]}/status?at=tomorrow`, seeded.a.auditorToken))
          .status,
      ).toBe(400);
    });
  });

  describe('freshness', () => {
    it('lists each projection with its checkpoint and lag, caught up with the head', async () => {
      await get(fresh('/v1/register/specifications'), seeded.a.auditorToken);
      const reply = await get('/v1/projections', ADMIN_TOKEN);
      expect(reply.status).toBe(200);
      expect(reply.body.projector).toMatchObject({ mode: 'embedded', state: 'running' });
      expect(reply.body.projections.map((p: { name: string }) => p.name).sort()).toEqual([
        'assessment_lead_times',
        'compliance_findings',
        'credentials',
        'issuers',
        'pathways',
        'ruleset_activations',
        'specifications',
        'stacks',
        'status_entries',
      ]);
      for (const p of reply.body.projections) {
        expect(Number(p.checkpoint)).toBeGreaterThanOrEqual(Number(head));
        expect(p.lag).toBe(Number(reply.body.head) - Number(p.checkpoint));
      }
      const health = await ledger.request('GET', '/health');
      expect(health.body.projections).toMatchObject({ mode: 'embedded', state: 'running' });
    });

    it('sees a write at once when asked to wait for its Credence-Position', async () => {
      const spec = await ledger.request('POST', '/v1/specifications', {
        token: seeded.b.issuerToken,
        body: {
          title: 'Fresh',
          countries: ['NL'],
          awardingBodies: [{ legalName: 'Hogeschool Utrecht', country: 'NL' }],
          learningOutcomes: ['x'],
          notionalWorkload: { ects: 5, hours: 140 },
          eqfLevel: 5,
          typeOfAssessment: 'exam',
          formOfParticipation: 'online',
          typeOfQualityAssurance: 'external accreditation',
        },
      });
      const position = spec.headers.get('credence-position')!;
      const reply = await get(
        withQuery(`/v1/register/comparison?ids=${spec.body.id}`, { waitFor: position }),
        seeded.a.auditorToken,
      );
      expect(reply.status).toBe(200);
      expect(reply.body.items[0]).toMatchObject({ specificationId: spec.body.id, title: 'Fresh' });
    });

    // projection.behind (503, for a written position not yet projected) is in projector-off.e2e.spec.ts.
    it('answers 400 position.ahead at once for a position past the head of the log, which no write returned', async () => {
      const beyond = String(Number(await logHead(ledger)) + 1000);
      const reply = await get(
        withQuery('/v1/register/specifications', { waitFor: beyond, waitMs: 5000 }),
        seeded.a.auditorToken,
      );
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: 'position.ahead' });
    });
  });

  describe('rebuilding from zero', () => {
    /** Every export the API offers, for every list, fetched once the projections reached the head. */
    const instant = new Date(Date.now() + DAY).toISOString();
    // The answers name their asOf, which defaults to the moment of asking: fixed, so they can be compared.
    const knownNow = new Date().toISOString();
    const exports = async () => {
      const now = await logHead(ledger);
      const at = (path: string) => withQuery(path, { waitFor: now! });
      const token = seeded.a.auditorToken;
      const csv = async (path: string) => csvRows(await allPages(ledger, at(path), token, CSV)).join('\n');
      const json = async (path: string) => (await allPages(ledger, at(path), token)).map((p) => p.body);
      return {
        compliance: await Promise.all(
          [seeded.a.issuerId, seeded.b.issuerId].map((id) => csv(`/v1/issuers/${id}/compliance`)),
        ),
        register: await csv('/v1/register/specifications?sort=-ects&limit=7&includeRetired=true'),
        comparison: await csv(
          `/v1/register/comparison?ids=${seeded.specs
            .slice(0, 5)
            .map((s) => s.id)
            .join(',')}`,
        ),
        learnerCsv: await csv(`/v1/learners/${seeded.learnerId}/record?limit=4`),
        learnerJson: await json(`/v1/learners/${seeded.learnerId}/record?limit=4`),
        status: await Promise.all(
          seeded.credentials.map((id) => json(`/v1/credentials/${id}/status?at=${instant}&asOf=${knownNow}`)),
        ),
        statusAsOf: await Promise.all(
          seeded.credentials.map((id) =>
            json(`/v1/credentials/${id}/status?at=${instant}&asOf=${seeded.c1Times.whileSuspended}`),
          ),
        ),
        stackStatus: await json(
          `/v1/stacked-credentials/${seeded.stackId}/status?at=${instant}&asOf=${knownNow}`,
        ),
        stackStatusAsOf: await json(
          `/v1/stacked-credentials/${seeded.stackId}/status?at=${instant}&asOf=${seeded.c1Times.whileSuspended}`,
        ),
      };
    };

    it('gives exports identical to the live projections, in place and by swapping in a fresh table set', async () => {
      const store = SqliteEventStore.open({ path: join(ledger.dataDir, 'events.sqlite') });
      const rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir: ledger.dataDir });
      try {
        const live = await exports();
        expect(live.register.split('\n').length).toBeGreaterThan(seeded.specs.length + 1);

        // The API keeps serving and its embedded projector keeps running throughout.
        const swapped = await rebuildProjections(store, rm, { swap: true, batchSize: 50 });
        expect(swapped).toMatchObject({ swapped: true, processed: expect.any(Number) });
        expect(await exports()).toEqual(live);

        await rebuildProjections(store, rm, { batchSize: 64 });
        expect(await exports()).toEqual(live);
        expect(await dumpTables(rm)).toEqual(await expectedTables(store));
      } finally {
        await rm.close();
        await store.close();
      }
    });
  });
});
