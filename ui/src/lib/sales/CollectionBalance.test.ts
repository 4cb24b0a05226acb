// Sales against collections month by month: the newest month first, the rate as the core gives
// it, and a month that collected less than it sold marked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import CollectionBalance from "./CollectionBalance.svelte";
import { setLang } from "../i18n/i18n.svelte";

describe("sold and collected, month by month", () => {
  beforeEach(() => setLang("ja"));
  afterEach(() => cleanup());

  it("lists the newest month first and marks a month that collected less than it sold", () => {
    render(CollectionBalance, {
      months: [
        { month: "2026-10", opening: 100_000, sold: 200_000, collected: 100_000, rate_percent: 33 },
        { month: "2026-11", opening: 200_000, sold: 0, collected: 100_000, rate_percent: 50 },
      ],
    });
    const rows = screen.getAllByTestId("balance-month");
    expect(rows[0]).toHaveTextContent("2026年11月");
    expect(rows[0]).toHaveTextContent("50%");
    expect(rows[0].classList.contains("short")).toBe(false);
    expect(rows[1]).toHaveTextContent("200,000");
    expect(rows[1].classList.contains("short")).toBe(true);
    expect(screen.getByTestId("collection-balance")).toHaveTextContent("回収率");
  });
});
