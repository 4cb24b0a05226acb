// The import that is running, kept outside the Import page: the core writes it on a connection
// of its own, so the rep may look at the card list or search meanwhile and come back to see its
// progress or Cancel it.
import { Channel } from "@tauri-apps/api/core";
import { call, commands, type ImportOutcome, type ImportProgress, type ImportRequest } from "../api";

class RunningImport {
  /** Rows written of rows in the file, while an import runs. */
  progress = $state<ImportProgress | null>(null);

  /** Imports `path` in one step; the core writes nothing when it fails or is cancelled. */
  async run(path: string, request: ImportRequest, total: number): Promise<ImportOutcome> {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = (p) => (this.progress = p);
    this.progress = { done: 0, total };
    try {
      return await call(commands.importApply(path, request, total, channel));
    } finally {
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    await call(commands.importCancel());
  }
}

export const running = new RunningImport();
