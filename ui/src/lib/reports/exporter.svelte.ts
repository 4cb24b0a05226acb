// One export at a time, from anywhere (the Reports page, the card list, a card): the save
// dialog, the progress the core reports as it writes, and what was written, to open it.
import { save } from "@tauri-apps/plugin-dialog";
import { Channel } from "@tauri-apps/api/core";
import { call, commands, errorText, type ReportOutcome, type ReportProgress, type ReportRequest } from "../api";
import { app } from "../app/app.svelte";
import { t } from "../i18n/i18n.svelte";

class Exporter {
  /** Set while a report is being written. */
  progress = $state<ReportProgress | null>(null);
  /** The last report written, until its notice is closed. */
  written = $state<ReportOutcome | null>(null);

  /** Asks where to save, then writes the report there. Returns false when cancelled or failed. */
  async run(request: ReportRequest, suggestedName: string): Promise<boolean> {
    if (this.progress) return false;
    const ics = request.kind === "ics";
    const target = await savePath(suggestedName, t(ics ? "reports.ics_filter" : "reports.file_filter"), ics ? "ics" : "xlsx");
    if (!target) return false;
    const channel = new Channel<ReportProgress>();
    channel.onmessage = (p) => (this.progress = p);
    this.progress = { done: 0, total: 0 };
    try {
      this.written = await call(commands.reportExport(request, target, channel));
      return true;
    } catch (error) {
      app.notify(errorText(error), "error");
      return false;
    } finally {
      this.progress = null;
    }
  }

  async open(): Promise<void> {
    if (!this.written) return;
    try {
      await call(commands.reportOpen(this.written.path));
    } catch (error) {
      app.notify(errorText(error), "error");
    }
  }
}

export const exporter = new Exporter();

/** Where to write a file named `name`: in the folder chosen in Settings without asking (never
 * over an earlier file), else where the save dialog says. Null when the user cancels. */
export async function savePath(name: string, filterName: string, extension: string): Promise<string | null> {
  const folder = app.info?.settings.report_folder;
  const path = folder
    ? await call(commands.reportPathIn(folder, name))
    : await save({ defaultPath: name, filters: [{ name: filterName, extensions: [extension] }] });
  if (!path) return null;
  return path.toLowerCase().endsWith(`.${extension}`) ? path : `${path}.${extension}`;
}

/** A file name for a report made today: its title and the date. */
export function fileName(title: string, today = new Date(), extension = "xlsx"): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `${title.replace(/[\\/:*?"<>|]/g, "_")}-${day}.${extension}`;
}
