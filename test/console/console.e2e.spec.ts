import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import {
  buildConsole,
  type Chromium,
  describeInChromium,
  launchChromium,
  pixelsOfColour,
  screenshot,
  seriousViolations,
} from './support/browser';
import { buildConsoleWorld, type ConsoleWorld, registerIssuers } from './support/world';

/** The first series colour of the console's charts (Okabe–Ito blue, #0072B2). */
const FIRST_SERIES: [number, number, number] = [0, 114, 178];

describeInChromium('The console in Chromium, against a real ledger-api', () => {
  let ledger: TestLedger;
  let world: ConsoleWorld;
  let chromium: Chromium;
  const axeFindings = new Map<string, string[]>();

  beforeAll(async () => {
    buildConsole();
    ledger = await startLedger();
    world = await buildConsoleWorld(ledger);
    chromium = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await ledger?.close();
  });

  /** A new tab has its own sessionStorage: a fresh, signed-out visitor. */
  const newTab = () => chromium.context.newPage();
  const url = (path: string) => ledger.baseUrl + path;

  /** Each page visited is checked by axe once, under its screenshot name. */
  const record = async (page: Page, name: string) => {
    await screenshot(page, name);
    axeFindings.set(name, await seriousViolations(page));
  };

  const signIn = async (token: string, path = '/console/'): Promise<Page> => {
    const page = await newTab();
    await page.goto(url(path));
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  };

  const cell = (page: Page, issuerId: string, column: string) =>
    page.locator(`tr[data-issuer="${issuerId}"] td[data-col="${column}"]`).textContent();

  it('serves the sign-in page at /console with long-lived caching for hashed assets only', async () => {
    const index = await fetch(url('/console'));
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await index.text())![1];
    const js = await fetch(url(asset));
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(url('/console/assets/missing-0123456789.js'))).status).toBe(404);
    // A client-side route gets the app's page, so shared links open where they point.
    expect((await fetch(url('/console/issuers/some-id'))).headers.get('content-type')).toContain('text/html');

    const page = await newTab();
    await page.goto(url('/console'));
    await page.getByRole('heading', { name: 'Sign in to the Credence console' }).waitFor();
    await record(page, 'sign-in');
    await page.close();
  });

  it('signs in by keyboard alone; a refused token shows the problem the API sent and stays on sign-in', async () => {
    const page = await newTab();
    await page.goto(url('/console/'));
    await page.getByLabel('API token').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('token');
    await page.keyboard.type('cred_not-a-real-token');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Unknown or revoked token');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  });

  it('lists every issuer with its counts for a QA body, sorts them, and exports CSV through the API', async () => {
    const page = await signIn(world.a.qaToken);
    await page.waitForURL(/\/console\/issuers$/);
    await page.locator(`tr[data-issuer="${world.a.issuerId}"]`).waitFor();
    expect(await cell(page, world.a.issuerId, 'issued')).toBe('3');
    expect(await cell(page, world.a.issuerId, 'active')).toBe('1');
    expect(await cell(page, world.a.issuerId, 'suspended')).toBe('1');
    expect(await cell(page, world.a.issuerId, 'revoked')).toBe('1');
    expect(await cell(page, world.a.issuerId, 'refused')).toBe(String(world.refusals.count));
    expect(await cell(page, world.b.issuerId, 'issued')).toBe('1');
    expect(await cell(page, world.b.issuerId, 'active')).toBe('1');

    await page.getByRole('button', { name: /^Issued/ }).click();
    await page.getByRole('button', { name: /^Issued/ }).click();
    await page.waitForURL(/sort=-issued/);
    expect(await page.locator('tbody tr').first().getAttribute('data-issuer')).toBe(world.a.issuerId);
    await page.getByLabel('Search').fill('Porto');
    await page.waitForURL(/q=Porto/);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Search').fill('');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += chunk;
      return text;
    });
    expect(csv.split('\r\n')[0]).toBe(
      'issuerId,legalName,country,accreditation,issued,active,suspended,revoked,refused,warnings,refusedByRule,warningsByRule',
    );
    expect(csv).toContain(`${world.a.issuerId},Hogeschool Utrecht,NL,`);
    await record(page, 'issuers');
    await page.close();
  });

  it("opens an issuer's compliance: charts drawn from data, refused attempts with rule and reference", async () => {
    const page = await signIn(world.a.qaToken, `/console/issuers/${world.a.issuerId}`);
    await page.getByRole('heading', { name: 'Hogeschool Utrecht' }).waitFor();
    const issuance = page.locator('figure', { hasText: 'Credentials issued per week' }).locator('canvas');
    await issuance.waitFor();
    expect(Number(await issuance.getAttribute('data-points'))).toBeGreaterThan(0);
    expect(
      await pixelsOfColour(page, 'figure:has-text("Credentials issued per week") canvas', FIRST_SERIES),
    ).toBeGreaterThan(100);
    expect(
      await pixelsOfColour(page, 'figure:has-text("Revocations by reason") canvas', FIRST_SERIES),
    ).toBeGreaterThan(100);

    const refusals = page.locator('table.refusals tbody tr');
    await refusals.first().waitFor();
    await expect(refusals.count()).resolves.toBe(world.refusals.count);
    const first = await refusals.first().textContent();
    expect(first).toContain(world.refusals.ruleId);
    expect(first).toContain('Annex I');
    await expect(page.locator('.acc-timeline').textContent()).resolves.toContain('NVAO');
    await record(page, 'issuer');

    await refusals.first().getByRole('link').click();
    await page.getByText('QualityCheckFailed').first().waitFor();
    expect(page.url()).toContain(`/console/streams/compliance-${world.a.issuerId}#v`);
    await page.close();
  });

  it('compares three specifications side by side, highlighting the elements that differ', async () => {
    const page = await signIn(world.a.auditorToken, '/console/register');
    for (const title of ['Applied Data Visualisation', 'Data Ethics', 'Machine Learning Operations']) {
      await page.getByRole('checkbox', { name: `Compare ${title}` }).check();
    }
    await page.waitForURL(
      new RegExp(`compare=${world.specs.map((id) => encodeURIComponent(id)).join('%2C')}`),
    );
    const table = page.locator('table.comparison');
    await table.waitFor();
    await expect(table.locator('thead th').count()).resolves.toBe(4);
    await expect(table.locator('tr[data-row="eqfLevel"]').getAttribute('class')).resolves.toBe('differs');
    await expect(table.locator('tr[data-row="ects"]').getAttribute('class')).resolves.toBe('differs');
    await expect(table.locator('tr[data-row="countries"]').getAttribute('class')).resolves.toBe('');
    await record(page, 'register');

    // The same view from its shared URL, in a new tab.
    const shared = await signIn(
      world.a.auditorToken,
      new URL(page.url()).pathname + new URL(page.url()).search,
    );
    await shared.locator('table.comparison thead th').nth(3).waitFor();
    await expect(shared.locator('table.comparison thead th').count()).resolves.toBe(4);
    await shared.close();
    await page.close();
  });

  it('opens a credential: status, status at an instant, the audit trail, and its verified hash chain', async () => {
    const page = await signIn(world.a.auditorToken, `/console/credentials/${world.credentials.revoked}`);
    await expect(page.getByTestId('status-now').textContent()).resolves.toBe('revoked');
    const trail = page.locator('ol.timeline > li');
    await trail.first().waitFor();
    await expect(trail.count()).resolves.toBe(2);
    await expect(trail.nth(0).textContent()).resolves.toContain('eu-microcredentials@2022-r2');
    await expect(trail.nth(1).textContent()).resolves.toContain('CredentialRevoked');

    await page.getByRole('button', { name: 'Verify hash chain' }).click();
    await expect(page.getByTestId('chain-result').textContent()).resolves.toContain(
      'Hash chain intact: 2 events',
    );

    // Before the credential existed it was not yet valid.
    await page.getByLabel('Date and time (UTC)').fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Show status' }).click();
    await page.waitForURL(/at=2020-01-01/);
    await page.getByTestId('status-at').filter({ hasText: '2020' }).waitFor();
    await expect(page.getByTestId('status-at').textContent()).resolves.toContain('not-yet-valid');
    // As the ledger knew it in 2020, before the issuance was recorded, the credential was absent.
    await page.getByLabel('As known on (UTC)').fill('2020-01-02T00:00');
    await page.getByRole('button', { name: 'Show status' }).click();
    await page.waitForURL(/asOf=2020-01-02/);
    await page.getByTestId('status-at').filter({ hasText: 'absent' }).waitFor();
    await record(page, 'credential');

    // The active credential is the component of a stacked credential.
    await page.goto(url(`/console/credentials/${world.credentials.active}`));
    await expect(
      page
        .locator('section', { hasText: 'Stacks and supersession' })
        .filter({ hasText: 'Data Visualisation Professional' })
        .textContent(),
    ).resolves.toContain('active');
    await page.close();
  });

  it('shows rulesets with their rules and runs a dry run; shows projections and relay status', async () => {
    const page = await signIn(world.a.qaToken, '/console/rulesets');
    // "since" comes from a second request (the activation history): wait for it rather than race it.
    await page.getByTestId('active-ruleset').filter({ hasText: 'since' }).waitFor();
    await expect(page.getByTestId('active-ruleset').textContent()).resolves.toMatch(
      /eu-microcredentials@2022-r2.*since/,
    );
    await page.locator('table.rules tbody tr').first().waitFor();
    await expect(page.locator('table.rules').textContent()).resolves.toContain('annex1.type-of-assessment');
    // A dry run is authorized like its route: publishing a specification is the issuer's to try.
    const asIssuer = await signIn(world.a.issuerToken, '/console/rulesets');
    await asIssuer
      .getByLabel('Command body (JSON)')
      .fill(JSON.stringify({ title: 'No assessment type', eqfLevel: 6 }));
    await asIssuer.getByRole('button', { name: 'Evaluate' }).click();
    await expect(asIssuer.getByTestId('dry-run-result').textContent()).resolves.toContain('Would be refused');
    await record(asIssuer, 'rulesets');
    await asIssuer.close();

    await page.getByRole('link', { name: 'Feed & projections' }).click();
    await page.locator('table tbody tr').first().waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('credentials');
    await expect(page.locator('main').textContent()).resolves.toContain('No feed relay runs in this API');
    await record(page, 'feed');
    await page.close();
  });

  it('lets issuer B see itself only: issuer A is refused with the API’s problem', async () => {
    const page = await signIn(world.b.issuerToken);
    await page.locator(`tr[data-issuer="${world.b.issuerId}"]`).waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    const nav = await page.getByRole('navigation', { name: 'Sections' }).textContent();
    expect(nav).toContain('Issuers');

    await page.goto(url(`/console/issuers/${world.a.issuerId}`));
    // Another issuer's resource answers like an unknown one, so its existence is not disclosed.
    await expect(page.getByRole('alert').textContent()).resolves.toContain('code: not-found');
    await page.goto(url(`/console/credentials/${world.credentials.active}`));
    // Another issuer's resource answers like an unknown one, so its existence is not disclosed.
    await expect(page.getByRole('alert').textContent()).resolves.toContain('code: not-found');
    await page.close();
  });

  it('returns to sign-in on a 401 and forgets the token on sign-out', async () => {
    const page = await signIn(world.a.auditorToken);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('credence.token'))).toBeNull();

    await page.evaluate(() => sessionStorage.setItem('credence.token', 'cred_withdrawn-token'));
    await page.goto(url('/console/issuers'));
    await page.getByLabel('API token').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('credence.token'))).toBeNull();
    await page.close();
  });

  it('verifies on /verify without sign-in as far as the API allows, and says what it could not check', async () => {
    const publicRoute =
      (
        await ledger.request('POST', '/v1/verifications', {
          body: { credentialId: world.credentials.active },
        })
      ).status !== 404;
    const page = await newTab();
    const verdictOf = async (id: string) => {
      await page.goto(url(`/verify?id=${id}`));
      const verdict = page.getByTestId('verdict');
      await verdict.waitFor();
      return verdict.getAttribute('data-verdict');
    };
    // Without the public route nothing may be claimed, for a valid or a revoked credential alike.
    expect(await verdictOf(world.credentials.active)).toBe(publicRoute ? 'valid' : 'unchecked');
    expect((await page.locator('[data-result="pass"]').count()) > 0).toBe(publicRoute);
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain(
      publicRoute ? 'Valid' : 'Not verified',
    );
    expect(await verdictOf(world.credentials.revoked)).toBe(publicRoute ? 'invalid' : 'unchecked');
    await record(page, 'verify-public');

    // Signed in to the console in this tab, the page answers from the status route (until the public
    // route exists) and says which checks that leaves undone.
    await page.goto(url('/console/'));
    await page.getByLabel('API token').fill(world.a.auditorToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await verdictOf(world.credentials.active)).toBe(publicRoute ? 'valid' : 'status-only');
    await expect(
      page.locator('[data-check="Status (not revoked or suspended)"]').getAttribute('data-result'),
    ).resolves.toBe('pass');
    await expect(page.locator('[data-check="Signature"]').getAttribute('data-result')).resolves.toBe(
      publicRoute ? 'pass' : 'unchecked',
    );
    expect(await verdictOf(world.credentials.revoked)).toBe('invalid');
    await expect(
      page.locator('[data-check="Status (not revoked or suspended)"]').getAttribute('data-result'),
    ).resolves.toBe('fail');
    await expect(
      page.locator('[data-check="Status (not revoked or suspended)"]').textContent(),
    ).resolves.toContain('revoked');
    await record(page, 'verify');
    await page.close();
  });

  it('reads a credential from a chosen file on /verify, and shows what it says without vouching for it', async () => {
    const publicRoute =
      (
        await ledger.request('POST', '/v1/verifications', {
          body: { credentialId: world.credentials.active },
        })
      ).status !== 404;
    const page = await newTab();
    await page.goto(url('/verify'));
    const credential = {
      id: `urn:uuid:${world.credentials.active}`,
      issuer: { id: 'did:web:example.org', name: 'Hogeschool Utrecht' },
      validFrom: '2026-11-29T00:00:00Z',
      credentialSubject: {
        achievement: {
          name: 'Applied Data Visualisation',
          learningOutcomes: ['Build an interactive dashboard'],
        },
      },
    };
    await page.getByLabel('Or choose a file').setInputFiles({
      name: 'credential.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(credential)),
    });
    await page.getByTestId('verdict').waitFor();
    // Unsigned, so the public route (once it exists) must refuse it; until then nothing is checked.
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe(
      publicRoute ? 'invalid' : 'unchecked',
    );
    const content = await page.locator('section', { hasText: 'What the credential says' }).textContent();
    expect(content).toContain('Applied Data Visualisation');
    expect(content).toContain('Build an interactive dashboard');
    expect(content).toContain('Hogeschool Utrecht');
    await page.close();
  });

  it("shows each role only its sections: an admin's menu has no read-model pages", async () => {
    const page = await signIn(ADMIN_TOKEN);
    await page.waitForURL(/\/console\/credentials$/);
    const nav = await page.getByRole('navigation', { name: 'Sections' }).textContent();
    expect(nav).toContain('Rulesets');
    expect(nav).not.toContain('Issuers');
    expect(nav).not.toContain('Register');
    await page.close();
  });

  it('has no serious or critical accessibility violations on any page (axe-core)', () => {
    expect([...axeFindings.keys()].sort()).toEqual([
      'credential',
      'feed',
      'issuer',
      'issuers',
      'register',
      'rulesets',
      'sign-in',
      'verify',
      'verify-public',
    ]);
    expect(Object.fromEntries([...axeFindings].filter(([, found]) => found.length > 0))).toEqual({});
  });

  it('renders the issuers page with 1,000 issuers (first render measured, reported, not asserted on time)', async () => {
    // The read models follow the log: ask for the directory as of the last registration.
    const last = await registerIssuers(ledger, world.a.qaToken, 1000);
    expect(last).not.toBe('0');
    const apiStart = performance.now();
    expect(
      (await ledger.request('GET', `/v1/issuers?waitFor=${last}`, { token: world.a.qaToken })).body.items,
    ).toHaveLength(1002);
    const apiMs = performance.now() - apiStart;
    const page = await signIn(world.a.qaToken, '/console/feed');
    // Timed inside the page (a frame-by-frame check), so the test driver's polling is not counted.
    const firstRender = async () => {
      await page.evaluate(`window.__rendered = new Promise((resolve) => {
        const start = performance.now();
        const check = () => (document.querySelectorAll('table.issuers tbody tr').length >= 1002 ? resolve(performance.now() - start) : requestAnimationFrame(check));
        requestAnimationFrame(check);
      }), 0`);
      await page.getByRole('link', { name: 'Issuers' }).click();
      return Math.round(await page.evaluate<number>('window.__rendered'));
    };
    const first = await firstRender();
    await page.getByRole('link', { name: 'Feed & projections' }).click();
    const again = await firstRender();
    await expect(page.locator('table.issuers tbody tr').count()).resolves.toBe(1002);
    process.stderr.write(
      `[bench] console issuers page, 1,002 issuers: first render ${first} ms from the click to the full table (GET /v1/issuers included; ` +
        `that call alone from Node: ${Math.round(apiMs)} ms); a second visit ${again} ms; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores\n`,
    );
    await page.close();
  }, 120_000);
});
