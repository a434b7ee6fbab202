import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { unauthorized } from './api';
import { Link, navigate, useLocation } from './router';
import { clearToken, readToken } from './session';
import { Show, useApi } from './ui';
import { CredentialPage, CredentialLookup } from './pages/credential';
import { FeedPage } from './pages/feed';
import { IssuerPage } from './pages/issuer';
import { IssuersPage } from './pages/issuers';
import { RegisterPage } from './pages/register';
import { RulesetsPage } from './pages/rulesets';
import { SignInPage } from './pages/sign-in';
import { StreamPage } from './pages/stream';
import { VerifyPage } from './pages/verify';
import './styles.css';

export type Me = Readonly<{
  id: string;
  role: 'admin' | 'qa-body' | 'issuer' | 'auditor' | 'regulator';
  issuerId?: string;
}>;

const READERS = ['qa-body', 'issuer', 'auditor', 'regulator'];

/** What each role may open; the API enforces the same, this only keeps dead ends out of the menu. */
const SECTIONS = [
  { path: '/console/issuers', label: 'Issuers', roles: READERS },
  { path: '/console/register', label: 'Register', roles: READERS },
  { path: '/console/credentials', label: 'Credentials', roles: ['admin', ...READERS] },
  { path: '/console/rulesets', label: 'Rulesets', roles: ['admin', ...READERS] },
  { path: '/console/feed', label: 'Feed & projections', roles: ['admin', ...READERS] },
] as const;

const Routes = ({ me, url }: { me: Me; url: URL }) => {
  const parts = url.pathname.replace(/\/+$/, '').split('/').slice(2).map(decodeURIComponent);
  const allowed = SECTIONS.filter((s) => (s.roles as readonly string[]).includes(me.role));
  switch (parts[0]) {
    case 'issuers':
      return parts[1] ? <IssuerPage id={parts[1]} me={me} /> : <IssuersPage me={me} url={url} />;
    case 'register':
      return <RegisterPage url={url} />;
    case 'credentials':
      return parts[1] ? <CredentialPage id={parts[1]} me={me} url={url} /> : <CredentialLookup />;
    case 'streams':
      return <StreamPage streamId={parts[1] ?? ''} />;
    case 'rulesets':
      return <RulesetsPage me={me} url={url} />;
    case 'feed':
      return <FeedPage />;
    default:
      navigate(allowed[0]?.path ?? '/console/credentials', true);
      return null;
  }
};

const Shell = ({ url, onSignOut }: { url: URL; onSignOut: () => void }) => {
  const me = useApi<Me>('/v1/principals/me');
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Credence</span>
        <nav aria-label="Sections">
          <ul>
            {me.data &&
              SECTIONS.filter((s) => (s.roles as readonly string[]).includes(me.data!.role)).map((s) => (
                <li key={s.path}>
                  <Link href={s.path} aria-current={url.pathname.startsWith(s.path) ? 'page' : undefined}>
                    {s.label}
                  </Link>
                </li>
              ))}
            <li>
              <Link href="/verify">Verify a credential</Link>
            </li>
          </ul>
        </nav>
        {me.data && (
          <span class="who">
            Signed in as <strong>{me.data.role}</strong>
            {me.data.issuerId && <> for {me.data.issuerId}</>}
          </span>
        )}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        <Show loaded={me}>{(principal) => <Routes me={principal} url={url} />}</Show>
      </main>
    </>
  );
};

const App = () => {
  const url = useLocation();
  const [token, setToken] = useState(readToken());
  useEffect(() => {
    const signOut = () => setToken(null);
    unauthorized.addEventListener('unauthorized', signOut);
    return () => unauthorized.removeEventListener('unauthorized', signOut);
  }, []);
  if (url.pathname === '/verify') return <VerifyPage url={url} />;
  if (!token) return <SignInPage onSignedIn={() => setToken(readToken())} />;
  return (
    <Shell
      url={url}
      onSignOut={() => {
        clearToken();
        setToken(null);
        navigate('/console/');
      }}
    />
  );
};

render(<App />, document.getElementById('app')!);
