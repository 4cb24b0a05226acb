// The copies log against a mocked core: each copy reads in the rep's language with what chose
// it, a customer's text in the log stays text, and an empty log says so.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CopiesPage from "./CopiesPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { CopyEntry } from "../api";

const report: CopyEntry = {
  id: "1",
  at: "2026-12-04T09:30:00Z",
  actor: "山田 太郎",
  kind: "report",
  what: "list",
  filter: [
    { key: "status", value: "active", value_key: "status.active" },
    { key: "text", value: "<img src=x onerror=alert(1)>", value_key: null },
  ],
  cards: 120,
  target: "/home/yamada/active.xlsx",
};
const handover: CopyEntry = {
  id: "2",
  at: "2026-12-04T10:00:00Z",
  actor: "山田 太郎",
  kind: "handover",
  what: "佐藤 花子",
  filter: [{ key: "sealed", value: "recipient", value_key: "copies.sealed.recipient" }],
  cards: 42,
  target: "/media/usb/handover.daicho-handover",
};

describe("the copies log", () => {
  let log: CopyEntry[];

  beforeEach(() => {
    mockWindows("main");
    mockIPC((cmd) => (cmd === "copies_log" ? log : null));
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("lists each copy in the rep's language with what chose it", async () => {
    setLang("ja");
    log = [handover, report];
    render(CopiesPage);
    const rows = await screen.findAllByTestId("copy-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("引き継ぎファイル");
    expect(rows[0]).toHaveTextContent("佐藤 花子 へ");
    expect(rows[0]).toHaveTextContent("保護: 後任の公開鍵");
    expect(rows[1]).toHaveTextContent("顧客一覧");
    expect(rows[1]).toHaveTextContent("状態: 取引中");
    expect(rows[1]).toHaveTextContent("120");
    expect(rows[1]).toHaveTextContent("/home/yamada/active.xlsx");
    // A search term a rep typed is shown as text, never as markup.
    expect(rows[1]).toHaveTextContent("<img src=x onerror=alert(1)>");
    expect(rows[1].querySelector("img")).toBeNull();
  });

  it("says so when nothing has left the ledger", async () => {
    setLang("ko");
    log = [];
    render(CopiesPage);
    expect(await screen.findByTestId("copies-empty")).toHaveTextContent("아직 반출된 것이 없습니다");
  });
});
