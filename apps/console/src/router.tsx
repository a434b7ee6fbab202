import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A few lines of History API routing: every page has a real, shareable URL. */
const CHANGE = 'credence:navigate';

export const navigate = (url: string, replace = false): void => {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
};

export const useLocation = (): URL => {
  const [href, setHref] = useState(location.href);
  useEffect(() => {
    const update = () => setHref(location.href);
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return new URL(href);
};

/** Changes one or more query parameters of the current URL (filters, sort, selection). */
export const setQuery = (changes: Record<string, string | null | undefined>): void => {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  navigate(url.pathname + url.search, true);
};

type LinkProps = Readonly<{
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
}>;

/** An ordinary link (open in a new tab works) that routes in place on a plain click. */
export const Link = ({ href, children, ...rest }: LinkProps) => (
  <a
    href={href}
    {...rest}
    onClick={(event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    }}
  >
    {children}
  </a>
);
