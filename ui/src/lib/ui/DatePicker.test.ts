// The date field: typed the way the window's language writes dates, or picked from a calendar.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import DateHarness from "./test/DateHarness.svelte";
import DateTimeInput from "./DateTimeInput.svelte";
import { setLang } from "../i18n/i18n.svelte";

const input = () => screen.getByRole("textbox") as HTMLInputElement;

describe("the date field", () => {
  afterEach(cleanup);
  // The calendar's code is loaded when first reached for; its first transform here takes
  // seconds, so the module is made ready beforehand (the field still loads it on a click).
  beforeAll(() => import("./CalendarPopover.svelte"), 60_000);
  beforeEach(async () => {
    await setLang("ja");
  });

  it("shows a stored day in the language's numeric form, not repeated beneath when that is how the language writes it", async () => {
    render(DateHarness, { initial: "2026-12-07" });
    expect(input().value).toBe("2026/12/07");
    expect(input()).toHaveAttribute("placeholder", "YYYY/MM/DD");
    expect(screen.getByTestId("form-dialog")).not.toHaveTextContent("2026/12/07");
    // Until a rep reaches for the calendar (the first test here), its code is not loaded.
    expect(screen.getByTestId("date-pick")).not.toHaveAttribute("data-popover-trigger");
  });

  it("reads a day typed the American way once the rep leaves the field", async () => {
    await setLang("en");
    render(DateHarness);
    await userEvent.type(input(), "12/7/2026");
    // Half-way it is not yet a day: "12/7/202" must not become year 202.
    expect(screen.getByTestId("value")).toHaveTextContent("12/7/2026");
    await userEvent.tab();
    expect(screen.getByTestId("value")).toHaveTextContent("2026-12-07");
    expect(input().value).toBe("12/07/2026");
    expect(screen.getByTestId("form-dialog")).toHaveTextContent("Dec 7, 2026");
  });

  it("keeps text that is not a day as typed, so the core can say what is wrong", async () => {
    render(DateHarness);
    await userEvent.type(input(), "来週{Enter}");
    expect(screen.getByTestId("value")).toHaveTextContent("来週");
  });

  it("picks a day from a calendar in the window's language, and Esc closes only the calendar", async () => {
    render(DateHarness, { initial: "2026-12-07" });
    await userEvent.click(screen.getByRole("button", { name: "カレンダーから選ぶ" }));
    const calendar = await screen.findByTestId("calendar");
    expect(calendar).toHaveTextContent("2026年12月");
    expect(within(calendar).getByLabelText("次の月", { selector: "button" })).toBeInTheDocument();
    await userEvent.click(within(calendar).getByLabelText(/^2026年12月24日/));
    await waitFor(() => expect(screen.queryByTestId("calendar")).toBeNull());
    expect(screen.getByTestId("value")).toHaveTextContent("2026-12-24");
    expect(input().value).toBe("2026/12/24");

    await userEvent.click(screen.getByRole("button", { name: "カレンダーから選ぶ" }));
    await screen.findByTestId("calendar");
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("calendar")).toBeNull());
    expect(screen.getByTestId("closed")).toHaveTextContent("open");
    expect(screen.getByTestId("value")).toHaveTextContent("2026-12-24");
  });
});

describe("the date and time of a contact", () => {
  afterEach(cleanup);

  it("shows the day as the language writes it and the time beside it", async () => {
    await setLang("ko");
    render(DateTimeInput, { path: "at", value: "2026-12-07T14:30" });
    expect(input().value).toBe("2026. 12. 07.");
    expect(screen.getByLabelText("시각")).toHaveValue("14:30");
    expect(screen.getByText(/2026\. 12\. 7\./)).toBeInTheDocument();
  });
});
