import { cardId, visitId } from "../api/test-ids";
// The visit plan against a mocked core: a day as a schedule with overlaps marked, the week as
// columns, ordering by area, and an appointment set in its dialog.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import VisitPlanPage from "./VisitPlanPage.svelte";
import { plan } from "./plan.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { PlannedVisit } from "../api";

const DAY = "2026-11-25";

function visit(id: string, name: string, starts_at: string | null, overlaps = false, confirmed = false): PlannedVisit {
  return {
    id: visitId(id),
    card_id: cardId(`card-${id}`),
    card_name: name,
    card_code: id,
    region: "東京都",
    city: "港区",
    postal_code: "105-0014",
    address: "東京都 港区 芝1-2-3",
    planned_on: DAY,
    position: Number(id.slice(1)),
    purpose: "",
    contact_id: null,
    open_complaints: 0,
    starts_at,
    duration_minutes: 60,
    place: "",
    meeting_with: "",
    confirmed,
    overlaps,
  };
}

describe("the visit plan", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let visits: PlannedVisit[];

  beforeEach(() => {
    setLang("ja");
    calls = [];
    visits = [visit("v0", "青葉精機", "10:00", true, true), visit("v1", "みなと物流", "10:30", true), visit("v2", "さくら工務店", null)];
    plan.day = DAY;
    plan.span = "day";
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "visit_plan") return visits;
      if (cmd === "visit_candidates") return [];
      if (cmd === "card_get") return { key_persons: [{ fields: { name: "高橋 誠", title: "部長" } }] };
      if (cmd === "visit_order_by_area") return visits;
      if (cmd === "visit_set_appointment") {
        const a = args as { id: string; appointment: { place: string; confirmed: boolean } };
        if (a.appointment.place.length > 20) {
          throw { code: "card.invalid", params: {}, fields: [{ field: "place", rule: "too_long", limit: 20 }] };
        }
        visits = visits.map((v) => (v.id === a.id ? { ...v, ...a.appointment } : v));
        return visits.find((v) => v.id === a.id);
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows a day as a schedule with overlapping visits side by side and marked", async () => {
    render(VisitPlanPage);
    const schedule = await screen.findByTestId("day-schedule");
    const blocks = await within(schedule).findAllByTestId("schedule-block");
    expect(blocks.map((b) => b.textContent)).toEqual([expect.stringContaining("青葉精機"), expect.stringContaining("みなと物流")]);
    expect(blocks[0]).toHaveTextContent("10:00–11:00");
    expect(blocks[0]).toHaveTextContent("確定");
    expect(blocks[1]).toHaveTextContent("時間が重複");
    expect(blocks[0].style.width).not.toBe(blocks[2]?.style.width ?? "");
    // The route lists every visit, the untimed one too.
    const route = screen.getAllByTestId("planned-visit");
    expect(route).toHaveLength(3);
    expect(route[2]).toHaveTextContent("時刻未定");
    await userEvent.click(screen.getByTestId("order-by-area"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "visit_order_by_area" && c.args.day === DAY)).toBe(true));
  });

  it("shows the week as day columns, each visit by its time", async () => {
    plan.span = "week";
    render(VisitPlanPage);
    const columns = await screen.findAllByTestId("plan-day");
    expect(columns).toHaveLength(7);
    const wednesday = columns.find((c) => c.dataset.day === DAY)!;
    const items = await within(wednesday).findAllByTestId("planned-visit");
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining("10:00"), expect.stringContaining("10:30"), expect.stringContaining("時刻未定")]);
  });

  it("sets an appointment's time, people and confirmation, and says what is wrong with a field", async () => {
    render(VisitPlanPage);
    const rows = await screen.findAllByTestId("planned-visit");
    await userEvent.click(within(rows[2]).getByTestId("edit-appointment"));
    const dialog = await screen.findByTestId("appointment-dialog");
    expect(within(dialog).getByTestId("appointment-place")).toHaveAttribute("placeholder", "東京都 港区 芝1-2-3");
    const place = within(dialog).getByTestId("appointment-place");
    await userEvent.type(place, "東京ビッグサイト 東ホール 展示会ブース 小会議室 B-12");
    await userEvent.click(within(dialog).getByTestId("appointment-save"));
    expect(await within(dialog).findByTestId("appointment-errors")).toHaveTextContent("場所: 長すぎます");
    await userEvent.clear(place);

    const time = within(dialog).getByTestId("appointment-time") as HTMLInputElement;
    await userEvent.type(time, "14:00");
    await userEvent.type(within(dialog).getByTestId("appointment-with"), "高橋 誠");
    await userEvent.click(within(dialog).getByTestId("appointment-confirmed"));
    await userEvent.click(within(dialog).getByTestId("appointment-save"));
    await waitFor(() => expect(screen.queryByTestId("appointment-dialog")).toBeNull());
    const saved = calls.filter((c) => c.cmd === "visit_set_appointment").pop();
    expect(saved?.args).toMatchObject({ id: "v2", appointment: { starts_at: "14:00", meeting_with: "高橋 誠", confirmed: true } });
  });
});
