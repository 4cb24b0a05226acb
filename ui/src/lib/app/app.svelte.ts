// Which page is shown, the open ledger, passing notices, and the guard that keeps unsaved
// card edits from being lost when the user navigates away.
import { errorText, type AppInfo, type CardId, type CardKind, type CompetitorId, type SheetId, type ErrorReport } from "../api";
import type { CompetitionTab } from "../competition/tabs";
import type { ListFilters } from "../cards/list.svelte";

export type Route =
  | { page: "cards" }
  | { page: "card"; id: CardId }
  | { page: "new"; kind: CardKind }
  | { page: "follow_ups" }
  | { page: "visits" }
  | { page: "brief"; id: CardId }
  /** A day's report; without a day, today's. */
  | { page: "daily"; day?: string }
  | { page: "notes" }
  | { page: "competition"; tab: CompetitionTab }
  | { page: "sheet"; id: SheetId }
  | { page: "competitor"; id: CompetitorId }
  | { page: "dashboard" }
  /** The sales plan of a fiscal year; without one, the year today is in. */
  | { page: "plan"; year?: number }
  | { page: "collection" }
  | { page: "reports" }
  | { page: "import" }
  | { page: "duplicates" }
  | { page: "handover" }
  | { page: "trash" }
  | { page: "backups" }
  | { page: "copies" }
  | { page: "settings" };

export type Notice = { text: string; kind: "ok" | "error"; id: number };

/** A ledger waiting for its key: its passphrase or recovery key ("locked"), or a passphrase to
 * choose because this computer has no keychain ("choose"). */
export type Lock = { mode: "locked" | "choose"; path: string };

/** The lock an error asks for, if it is about the ledger's key. */
export function lockFor(report: ErrorReport | null | undefined): Lock | null {
  if (report?.code === "ledger.locked") return { mode: "locked", path: report.params.path ?? "" };
  if (report?.code === "ledger.needs_passphrase") return { mode: "choose", path: "" };
  return null;
}

class AppState {
  route = $state<Route>({ page: "cards" });
  info = $state<AppInfo | null>(null);
  notices = $state<Notice[]>([]);
  /** Set while a "leave without saving?" question waits for an answer. */
  pendingRoute = $state<Route | null>(null);
  /** Bumped whenever cards change, so lists reload. */
  revision = $state(0);
  newCardOpen = $state(false);
  /** The quick-log dialog (Ctrl+L) is open. */
  quickLogOpen = $state(false);
  /** Filters a page asked the card list to open with (a dashboard chart, a collection age). */
  listRequest = $state<Partial<ListFilters> | null>(null);
  /** Cards ticked in the card list to hand over (the Handover page's selection). */
  handoverCards = $state<CardId[]>([]);
  /** The card list's filters as they are now, for reports of "the list as filtered". */
  listFilters = $state<ListFilters | null>(null);
  /** Shown instead of the window while set: the lock screen. */
  lock = $state<Lock | null>(null);
  /** A recovery key to show once (a new ledger, a new passphrase, or asked for). */
  recoveryKey = $state<string | null>(null);
  /** Returns true while the open card has unsaved changes. */
  private dirtyCheck: (() => boolean) | null = null;
  private nextNoticeId = 1;

  /** Takes what a command said about the ledgers: the lock screen when a key is wanted, the
   * recovery key of a ledger just made. */
  adopt(info: AppInfo): void {
    this.info = info;
    this.lock = lockFor(info.startup_error);
    if (info.recovery_key) this.recoveryKey = info.recovery_key;
  }

  setDirtyCheck(check: (() => boolean) | null): void {
    this.dirtyCheck = check;
  }

  /** Drops `check` if it is still the current one: a page that is going away may be destroyed
   * after the page replacing it has registered its own. */
  releaseDirtyCheck(check: () => boolean): void {
    if (this.dirtyCheck === check) this.dirtyCheck = null;
  }

  hasUnsavedChanges(): boolean {
    return this.dirtyCheck?.() ?? false;
  }

  /** Goes to `route`, first asking when the open card has unsaved changes. */
  navigate(route: Route): void {
    if (this.hasUnsavedChanges()) {
      this.pendingRoute = route;
      return;
    }
    this.route = route;
  }

  /** The user chose to discard their changes: go where they were heading. */
  leaveAnyway(): void {
    const route = this.pendingRoute;
    this.pendingRoute = null;
    this.dirtyCheck = null;
    if (route) this.route = route;
  }

  stay(): void {
    this.pendingRoute = null;
  }

  /** Shows what went wrong, for a request whose failure has no better place on the page:
   * `call(...).then(show, app.failed)`. Nothing fails silently. */
  failed = (error: unknown): void => this.notify(errorText(error), "error");

  notify(text: string, kind: Notice["kind"] = "ok"): void {
    const id = this.nextNoticeId++;
    this.notices = [...this.notices, { text, kind, id }];
    setTimeout(() => this.dismiss(id), kind === "error" ? 8000 : 3000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Opens the card list showing only the cards `filters` select. */
  showCards(filters: Partial<ListFilters>): void {
    this.listRequest = filters;
    this.navigate({ page: "cards" });
  }

  cardsChanged(): void {
    this.revision++;
  }
}

export const app = new AppState();
