// The classification settings against a mocked core: the core's refusal shows beside the bands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import ClassSettings from "./ClassSettings.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { ClassConfig } from "../api";

const CONFIG: ClassConfig = {
  a_percent: 70,
  b_percent: 90,
  grade_basis: "amount",
  grades: [
    { label: "C", from: 0, to: 100 },
    { label: "A", from: 100, to: null },
  ],
  credit_scale: ["A", "B", "C"],
  weak_credit_below: 40,
  weights: { contribution: 30, cooperation: 15, credit: 15, growth: 25, influence: 15, tenure: 10, loyalty: 10, brand_support: 0 },
  high_value_from: 65,
  secondary_from: 45,
  potential_from: 65,
  falling_percent: 20,
  overdue_days_from: 30,
  overdue_amount_from: null,
  problem_list_size: 10,
  visit_every_days: { a: 30, b: 90, c: null, high_value: 45, potential_value: 60, prospect: 60 },
  completeness: { reading: 5, reach: 10, address: 10, industry: 5, owner: 5, key_persons: 15, decision_route: 15, credit: 15, profile: 10, payment_terms: 10 },
};

describe("the classification settings", () => {
  let sent: ClassConfig[];

  beforeEach(() => {
    setLang("ja");
    sent = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "class_config_get") return CONFIG;
      if (cmd === "class_config_set") {
        sent.push((args as { config: ClassConfig }).config);
        throw { code: "classify.invalid", params: {}, fields: [{ field: "grades", rule: "overlap", limit: null }] };
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("sends the bands as typed and shows the core's refusal beside them", async () => {
    render(ClassSettings);
    const to = (await screen.findAllByTestId("band-to"))[0] as HTMLInputElement;
    await userEvent.clear(to);
    await userEvent.type(to, "150");
    await userEvent.click(screen.getByTestId("save-class-settings"));
    expect(await screen.findByTestId("error-classify.grades")).toHaveTextContent("ランクの範囲が重なっています");
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].grades).toEqual([
      { label: "C", from: 0, to: 150 },
      { label: "A", from: 100, to: null },
    ]);
    expect(sent[0].visit_every_days.c).toBeNull();
  });
});
