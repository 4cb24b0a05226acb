import { cardId, contactId, visitId } from "../api/test-ids";
// The daily report against a mocked core: the day's figures and contacts, and the superior's
// review recorded by name and taken back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import DailyReportPage from "./DailyReportPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { DailyReport, DailyReview, PlannedVisit } from "../api";

const visit: PlannedVisit = {
  id: visitId("v1"),
  card_id: cardId("c1"),
  card_name: "青葉精機",
  card_code: "C-000001",
  region: "東京都",
  city: "港区",
  postal_code: "105-0014",
  address: "東京都 港区 芝1-2-3",
  planned_on: "2026-11-23",
  position: 0,
  purpose: "定期訪問",
  contact_id: null,
  open_complaints: 0,
  starts_at: "10:00",
  duration_minutes: 60,
  place: "",
  meeting_with: "高橋 誠",
  confirmed: true,
  overlaps: false,
};

describe("the daily report page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let review: DailyReview | null;

  function report(): DailyReport {
    return {
      day: "2026-11-23",
      contacts: [
        {
          contact_id: contactId("t1"),
          card_id: cardId("c2"),
          card_name: "みなと物流",
          card_code: "C-000002",
          kind: "message",
          time: "16:30",
          rep: "山田",
          purpose: "納期の連絡",
          content: "",
          outcome: "了承",
          next_action: "見積書を送る",
          next_action_due: "2026-11-27",
          planned: false,
        },
      ],
      planned: [visit],
      visits_planned: 1,
      visits_done: 0,
      visits_unplanned: 0,
      review,
    };
  }

  beforeEach(() => {
    setLang("ja");
    calls = [];
    review = null;
    localStorage.clear();
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "daily_report") return report();
      if (cmd === "daily_review_set") {
        const a = args as { day: string; reviewer: string; comment: string };
        review = { day: a.day, reviewer: a.reviewer, reviewed_on: "2026-11-24", comment: a.comment };
        return review;
      }
      if (cmd === "daily_review_clear") {
        review = null;
        return null;
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows the day's figures, each contact with its next action and the visits planned", async () => {
    render(DailyReportPage, { day: "2026-11-23" });
    const contacts = await screen.findByTestId("daily-contacts");
    expect(contacts).toHaveTextContent("みなと物流");
    expect(contacts).toHaveTextContent("メッセージ");
    expect(contacts).toHaveTextContent("見積書を送る");
    expect(screen.getByTestId("daily-figures")).toHaveTextContent("訪問予定");
    expect(screen.getByTestId("daily-visit")).toHaveTextContent("10:00–11:00");
    expect(screen.getByTestId("daily-visit")).toHaveTextContent("未訪問");
    expect(calls[0]).toMatchObject({ cmd: "daily_report", args: { day: "2026-11-23" } });
  });

  it("records the superior's review by name, remembers the name, and takes it back", async () => {
    render(DailyReportPage, { day: "2026-11-23" });
    await userEvent.type(await screen.findByTestId("daily-reviewer"), "佐藤 課長");
    await userEvent.type(screen.getByTestId("daily-comment-input"), "回答期限を確認");
    await userEvent.click(screen.getByTestId("daily-review-save"));
    // The page reads the day again after the change (app.cardsChanged bumps the revision).
    await waitFor(() => expect(calls.some((c) => c.cmd === "daily_review_set")).toBe(true));
    expect(calls.find((c) => c.cmd === "daily_review_set")?.args).toMatchObject({
      day: "2026-11-23",
      reviewer: "佐藤 課長",
      comment: "回答期限を確認",
    });
    expect(localStorage.getItem("daicho.reviewer")).toBe("佐藤 課長");
    const reviewed = await screen.findByTestId("daily-reviewed");
    expect(reviewed).toHaveTextContent("佐藤 課長");
    await userEvent.click(screen.getByTestId("daily-review-clear"));
    await waitFor(() => expect(screen.queryByTestId("daily-reviewed")).toBeNull());
    expect(screen.getByTestId("daily-reviewer")).toHaveValue("佐藤 課長");
  });

  it("moves a day back and forth", async () => {
    render(DailyReportPage, { day: "2026-11-23" });
    await screen.findByTestId("daily-contacts");
    await userEvent.click(screen.getByTestId("daily-previous"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "daily_report" && c.args.day === "2026-11-22")).toBe(true));
  });
});
