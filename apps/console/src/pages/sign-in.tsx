import { useState } from 'preact/hooks';
import { call } from '../api';
import { clearToken, storeToken } from '../session';
import { Page, Problem, useAction } from '../ui';

/** Paste an API token (an admin creates them: POST /v1/principals). Checked against the API before use. */
export const SignInPage = ({ onSignedIn }: { onSignedIn: () => void }) => {
  const [token, setToken] = useState('');
  const signIn = useAction(async (candidate: string) => {
    storeToken(candidate);
    try {
      await call('/v1/principals/me');
    } catch (error) {
      clearToken();
      throw error;
    }
    onSignedIn();
  });
  return (
    <main id="main" class="narrow">
      <Page
        title="Sign in to the Credence console"
        lead="For QA bodies, auditors, regulators and issuers. Paste the API token your administrator gave you."
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void signIn.run(token.trim());
          }}
        >
          <label for="token">API token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <p class="hint">
            Kept in this tab only (session storage) and sent as a bearer token; signing out or closing the tab
            forgets it.
          </p>
          <button type="submit" disabled={signIn.running}>
            Sign in
          </button>
        </form>
        {signIn.error && <Problem problem={signIn.error} />}
        <p>
          Holding a credential? <a href="/verify">Verify it without signing in</a>.
        </p>
      </Page>
    </main>
  );
};
