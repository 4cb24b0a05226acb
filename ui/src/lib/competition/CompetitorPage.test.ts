// A competitor's page against a mocked core: the customers using its products, the least
// satisfied first as the core sends them, an unhappy one marked, what they say shown as text.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CompetitorPage from "./CompetitorPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { cardId } from "../api/test-ids";
import type { CompetitorId, CompetitorUsers } from "../api";

const id = "0196d0c4-0000-7000-8000-000000000501" as CompetitorId;
const users: CompetitorUsers = {
  total: 12,
  users: [
    {
      card_id: cardId("0196d0c4-0000-7000-8000-000000000011"),
      card_name: "北辰物流",
      owner: "山田",
      product_name: "A-3000",
      since: "2023-04-01",
      satisfaction: 1,
      renewal_on: "2027-01-31",
      notes: "<b>故障が多い</b>",
    },
    {
      card_id: cardId("0196d0c4-0000-7000-8000-000000000012"),
      card_name: "東洋商事",
      owner: "山田",
      product_name: "A-3000",
      since: null,
      satisfaction: null,
      renewal_on: null,
      notes: "",
    },
  ],
};

describe("a competitor's page", () => {
  beforeEach(() => {
    setLang("ja");
    mockWindows("main");
    mockIPC((cmd) => {
      if (cmd === "competitor_get")
        return { id, version: 1, products: 1, fields: { name: "アルファ事務機", reading: "", website: "", strengths: "", weaknesses: "", notes: "" } };
      if (cmd === "products_list") return [];
      if (cmd === "notes_list") return { rows: [], total: 0 };
      if (cmd === "competitor_users") return users;
      return null;
    });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("lists the customers using its products, the least satisfied first", async () => {
    render(CompetitorPage, { id });
    const rows = await screen.findAllByTestId("competitor-user");
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining("北辰物流"), expect.stringContaining("東洋商事")]);
    expect(rows[0].querySelector(".unhappy")).toHaveTextContent("非常に不満");
    // What a customer says is text, never markup.
    expect(rows[0]).toHaveTextContent("<b>故障が多い</b>");
    expect(screen.getByTestId("competitor-users")).toHaveTextContent("全 12 件");
    expect(screen.getByTestId("competitor-users")).toHaveTextContent("12 件のうち満足度の低い 2 件を表示しています。");
  });
});
