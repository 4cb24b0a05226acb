import { describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({ call: vi.fn(), commands: {} }));

import { backups } from "./status.svelte";

const now = Date.parse("2026-12-04T12:00:00Z");
const status = (last: string | null, folderOk = true, running = false) => ({
  folder: "/media/usb/backups",
  default_folder: "/home/rep/.local/share/app.daicho.ledger/backups",
  folder_ok: folderOk,
  last: last ? { path: "x", taken_at: last, reason: "daily" as const, size: 1 } : null,
  running,
  error: null,
});

describe("the sidebar's backup warning", () => {
  it("is quiet while the last backup is less than a week old", () => {
    backups.status = status("2026-11-28T13:00:00Z");
    expect(backups.warning(now)).toBeNull();
  });

  it("warns when the last backup is more than a week old, or there is none", () => {
    backups.status = status("2026-11-27T11:00:00Z");
    expect(backups.warning(now)).toBe("stale");
    backups.status = status(null);
    expect(backups.warning(now)).toBe("stale");
  });

  it("says the folder is missing before anything else, and waits for a backup being made", () => {
    backups.status = status("2026-12-04T11:00:00Z", false);
    expect(backups.warning(now)).toBe("missing");
    backups.status = status(null, true, true);
    expect(backups.warning(now)).toBeNull();
  });
});
