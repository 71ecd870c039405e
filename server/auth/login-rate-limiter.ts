/**
 * Limits failed logins per username and client address with a fixed window kept in memory.
 * NOTE: with several server nodes each node counts on its own; a shared limit needs Redis.
 */

export interface LoginRateLimiterOptions {
  /** Failed attempts allowed per key within one window (default 5). */
  maxFailures?: number;
  /** Window length in milliseconds (default 15 minutes). */
  windowMs?: number;
}

interface Window {
  failures: number;
  startedAt: number;
}

export class LoginRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(options: LoginRateLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  /** Returns true while the key has used up its failed attempts in the current window. */
  isBlocked(username: string, ip: string): boolean {
    const window = this.current(key(username, ip));
    return window !== null && window.failures >= this.maxFailures;
  }

  recordFailure(username: string, ip: string): void {
    const id = key(username, ip);
    const window = this.current(id) ?? { failures: 0, startedAt: Date.now() };
    window.failures += 1;
    this.windows.set(id, window);
    this.prune();
  }

  /** Forgets the key's failures after a successful login. */
  reset(username: string, ip: string): void {
    this.windows.delete(key(username, ip));
  }

  private current(id: string): Window | null {
    const window = this.windows.get(id);
    if (!window) return null;
    if (Date.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(id);
      return null;
    }
    return window;
  }

  /** Drops expired windows once the map grows, so random usernames cannot fill memory. */
  private prune(): void {
    if (this.windows.size < 10_000) return;
    const now = Date.now();
    for (const [id, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(id);
    }
  }
}

function key(username: string, ip: string): string {
  return `${username.toLowerCase()}\u0000${ip}`;
}
