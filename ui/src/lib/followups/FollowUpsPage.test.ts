import { cardId, cardProductId, contactId } from "../api/test-ids";
// The follow-ups page against a mocked core: groups in the order a rep works, marking done.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import FollowUpsPage from "./FollowUpsPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { FollowUp, Reminder, Renewal } from "../api";

function item(id: string, name: string, bucket: FollowUp["bucket"], due: string, late = 0): FollowUp {
  return {
    contact_id: contactId(`0196d0c4-0000-7000-8000-00000000000${id}`),
    contact_version: 1,
    card_id: cardId("0196d0c4-0000-7000-8000-000000000001"),
    card_name: name,
    card_code: "C-000001",
    kind: "visit",
    at: "2026-11-10T10:00",
    next_action: `${name}に見積を送る`,
    due,
    bucket,
    days_overdue: late,
  };
}

describe("the follow-ups page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let items: FollowUp[];
  let renewals: Renewal[];
  let reminders: Reminder[];

  beforeEach(() => {
    setLang("ja");
    calls = [];
    items = [item("1", "北斗運輸", "later", "2026-12-01"), item("2", "東洋商事", "overdue", "2026-11-20", 4)];
    renewals = [];
    reminders = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "follow_ups_list") return { items, overdue: items.filter((i) => i.bucket === "overdue").length };
      if (cmd === "renewals_list") return renewals;
      if (cmd === "reminders_list") return { items: reminders, due: reminders.filter((r) => r.days <= 0).length };
      if (cmd === "reminder_set_done") {
        const a = args as { kind: string; subject: string; on: string };
        reminders = reminders.filter((r) => !(r.kind === a.kind && r.subject === a.subject && r.on === a.on));
        return null;
      }
      if (cmd === "visit_candidates") return [];
      if (cmd === "follow_up_complete") {
        items = items.filter((i) => i.contact_id !== (args as { contactId: string }).contactId);
        return null;
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows overdue first with how late, and marking done removes the follow-up", async () => {
    render(FollowUpsPage);
    const overdue = await screen.findByTestId("bucket-overdue");
    const groups = [...document.querySelectorAll("[data-testid^='bucket-']")].map((g) => g.getAttribute("data-testid"));
    expect(groups).toEqual(["bucket-overdue", "bucket-later"]);
    expect(overdue).toHaveTextContent("東洋商事");
    expect(overdue).toHaveTextContent("4日超過");

    await userEvent.click(within(overdue).getByTestId("follow-up-done"));
    await waitFor(() => expect(screen.queryByTestId("bucket-overdue")).toBeNull());
    const done = calls.find((c) => c.cmd === "follow_up_complete");
    expect(done?.args).toMatchObject({ contactId: "0196d0c4-0000-7000-8000-000000000002", log: null });
  });

  it("lists competitors' renewals within the horizon as opportunities, after the follow-ups", async () => {
    renewals = [
      {
        card_product_id: cardProductId("0196d0c4-0000-7000-8000-0000000000c1"),
        card_id: cardId("0196d0c4-0000-7000-8000-000000000003"),
        card_name: "<i>丸山製作所</i>",
        product_name: "アルファ C-3500",
        maker: "アルファ事務機株式会社",
        renewal_on: "2026-12-20",
        days_until: 26,
      },
    ];
    render(FollowUpsPage);
    const section = await screen.findByTestId("renewals");
    const groups = [...document.querySelectorAll("[data-testid^='bucket-'], [data-testid='renewals']")].map((g) => g.getAttribute("data-testid"));
    expect(groups).toEqual(["bucket-overdue", "bucket-later", "renewals"]);
    expect(section).toHaveTextContent("90 日以内に更新を迎える競合契約");
    expect(section).toHaveTextContent("アルファ C-3500（アルファ事務機株式会社）の契約更新");
    expect(section).toHaveTextContent("あと 26 日");
    expect(within(section).getByTestId("renewal-card")).toHaveTextContent("<i>丸山製作所</i>");
    expect(section.querySelector("i")).toBeNull();
  });

  it("puts reminders first, each with its day and whom it concerns, and done puts one away", async () => {
    const base = { card_id: null, card_name: "", card_code: "", person: "", detail: "", years: null, greeting: null };
    reminders = [
      {
        ...base,
        kind: "decision_meeting",
        subject: "c1",
        on: "2026-11-20",
        days: -4,
        card_id: cardId("0196d0c4-0000-7000-8000-000000000005"),
        card_name: "<b>Harbor Foods</b>",
      },
      {
        ...base,
        kind: "birthday",
        subject: "p1",
        on: "2026-11-30",
        days: 6,
        card_id: cardId("0196d0c4-0000-7000-8000-000000000006"),
        card_name: "山田商事",
        person: "鈴木 一郎",
        years: 54,
      },
      { ...base, kind: "greeting", subject: "oseibo", on: "2026-12-01", days: 7, greeting: "oseibo" },
      {
        ...base,
        kind: "competitor_renewal",
        subject: "u1",
        on: "2026-12-10",
        days: 16,
        card_id: cardId("0196d0c4-0000-7000-8000-000000000007"),
        card_name: "丸山製作所",
        detail: "アルファ C-3500",
      },
    ];
    render(FollowUpsPage);
    const section = await screen.findByTestId("reminders");
    const groups = [...document.querySelectorAll("[data-testid^='bucket-'], [data-testid='reminders']")].map((g) => g.getAttribute("data-testid"));
    expect(groups[0]).toBe("reminders");
    const shown = within(section).getAllByTestId("reminder");
    // Competitors' renewals have their own section: not listed twice.
    expect(shown).toHaveLength(3);
    expect(shown[0]).toHaveTextContent("意思決定の会議");
    expect(shown[0]).toHaveTextContent("4日前");
    expect(shown[0].querySelector("b")).toBeNull();
    expect(shown[1]).toHaveTextContent("誕生日 · 54歳");
    expect(shown[1]).toHaveTextContent("鈴木 一郎");
    expect(shown[1]).toHaveTextContent("あと6日");
    expect(shown[2]).toHaveTextContent("お歳暮");
    expect(within(shown[2]).queryByTestId("reminder-log")).toBeNull();

    await userEvent.click(within(shown[1]).getByTestId("reminder-done"));
    await waitFor(() => expect(within(section).getAllByTestId("reminder")).toHaveLength(2));
    const done = calls.find((c) => c.cmd === "reminder_set_done");
    expect(done?.args).toMatchObject({ kind: "birthday", subject: "p1", on: "2026-11-30", done: true });
  });

  it("says so when nothing is open", async () => {
    items = [];
    render(FollowUpsPage);
    expect(await screen.findByTestId("follow-ups-empty")).toHaveTextContent("未完了のフォローはありません");
  });
});
