import { format } from 'node:util';
import type { FakeRuntime } from './runtime';

type SessionMethods =
  'getScriptTimeZone' | 'getActiveUser' | 'getEffectiveUser' | 'getActiveUserLocale';

export class FakeUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.rt.hit('User', 'getEmail');
    return this.email;
  }
}

/** Session: the script time zone and who is calling (the runtime's `user`). */
export class FakeSession implements Pick<GoogleAppsScript.Base.Session, SessionMethods> {
  constructor(private readonly rt: FakeRuntime) {
    rt.registerService('Session', ['Session', 'User']);
  }

  getScriptTimeZone(): string {
    this.rt.hit('Session', 'getScriptTimeZone');
    return this.rt.timeZone;
  }

  getActiveUser(): GoogleAppsScript.Base.User {
    this.rt.hit('Session', 'getActiveUser');
    return new FakeUser(this.rt, this.rt.user.active) as unknown as GoogleAppsScript.Base.User;
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    this.rt.hit('Session', 'getEffectiveUser');
    return new FakeUser(this.rt, this.rt.user.effective) as unknown as GoogleAppsScript.Base.User;
  }

  getActiveUserLocale(): string {
    this.rt.hit('Session', 'getActiveUserLocale');
    return 'en_GB';
  }
}

/** Logger: lines kept in memory (`lines`, also returned by getLog()). */
export class FakeLogger implements Pick<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'> {
  readonly lines: string[] = [];

  constructor(private readonly rt: FakeRuntime) {
    rt.registerService('Logger', ['Logger']);
  }

  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    this.rt.hit('Logger', 'log');
    let line = typeof data === 'object' && data !== null ? format('%j', data) : String(data);
    if (typeof data === 'string' && values.length > 0) {
      let i = 0;
      line = data.replace(/%s/g, () => (i < values.length ? String(values[i++]) : '%s'));
    }
    this.lines.push(line);
    return this as unknown as GoogleAppsScript.Base.Logger;
  }

  getLog(): string {
    this.rt.hit('Logger', 'getLog');
    return this.lines.join('\n');
  }

  clear(): void {
    this.rt.hit('Logger', 'clear');
    this.lines.length = 0;
  }
}

export interface ConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

/** A console for the vm context that records instead of printing (not counted as a service). */
export function createFakeConsole(
  out: ConsoleEntry[],
): Pick<Console, 'log' | 'info' | 'warn' | 'error'> {
  const at =
    (level: ConsoleEntry['level']) =>
    (...args: unknown[]) => {
      out.push({ level, text: format(...args) });
    };
  return { log: at('log'), info: at('info'), warn: at('warn'), error: at('error') };
}
