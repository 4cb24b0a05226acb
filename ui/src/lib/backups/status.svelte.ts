// The backups' state for the sidebar's foot: the last good backup, and a warning when it is
// older than a week or the folder cannot be reached.
import { call, commands, type BackupStatus } from "../api";

const WEEK_MS = 7 * 24 * 3600 * 1000;

class Backups {
  status = $state<BackupStatus | null>(null);

  async refresh(): Promise<void> {
    try {
      this.status = await call(commands.backupStatus());
    } catch {
      this.status = null;
    }
  }

  /** "stale" when the newest backup is over a week old (or there is none), "missing" when the
   * folder cannot be used, else null. */
  warning(now: number = Date.now()): "missing" | "stale" | null {
    const s = this.status;
    if (!s) return null;
    if (!s.folder_ok) return "missing";
    if (s.running) return null;
    const last = s.last ? Date.parse(s.last.taken_at) : NaN;
    return Number.isNaN(last) || now - last > WEEK_MS ? "stale" : null;
  }
}

export const backups = new Backups();
