/**
 * The API token lives in sessionStorage only: never a cookie (nothing sends it implicitly), never a
 * URL (nothing logs it). Closing the tab forgets it.
 */
const KEY = 'credence.token';

export const readToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const clearToken = (): void => sessionStorage.removeItem(KEY);
