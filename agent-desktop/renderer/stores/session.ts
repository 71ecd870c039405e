/**
 * The logged-in user and the login token. The token lives in sessionStorage, so it survives a
 * reload of the page but not the closing of the window.
 */
import type { User } from '../api/types';
import { createStore } from './store';

const TOKEN_KEY = 'mq12345.token';

export interface SessionState {
  token: string | null;
  user: User | null;
  /** Message shown on the login screen after the session ended, e.g. because the token expired. */
  notice: string | null;
}

export const sessionStore = createStore<SessionState>({ token: readStoredToken(), user: null, notice: null });

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function startSession(token: string, user: User): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStore.set({ token, user, notice: null });
}

export function setSessionUser(user: User): void {
  sessionStore.set((session) => ({ ...session, user }));
}

/** Forgets the token and returns to the login screen, showing `notice` there if given. */
export function endSession(notice: string | null = null): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStore.set({ token: null, user: null, notice });
}
