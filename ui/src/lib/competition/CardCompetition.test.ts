import { cardId, cardProductId, caseId, competitorId, productId, sheetId } from "../api/test-ids";
// The competition side of a card against a mocked core: what the customer uses, our share,
// renewals coming up, close case studies; customer text stays text.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CardCompetition from "./CardCompetition.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { isoDate, addDays } from "../visits/dates";
import type { Card, CardCompetition as Side, CardProductFields, Product } from "../api";
import { emptyFields } from "../cards/editor.svelte";

const card: Card = {
  id: cardId("0196d0c4-0000-7000-8000-000000000001"),
  version: 1,
  created_at: "2026-11-24T09:30:00.000Z",
  updated_at: "2026-11-24T09:30:00.000Z",
  deleted_at: null,
  fields: { ...emptyFields("organisation"), name: "東洋商事", code: "C-000001" },
  key_persons: [],
  open_complaints: 0,
};

function product(id: string, name: string, maker: string | null): Product {
  return {
    id: productId(id),
    version: 1,
    maker: maker ?? "",
    fields: {
      competitor_id: maker ? competitorId("0196d0c4-0000-7000-8000-0000000000e1") : null,
      name,
      category: "複合機",
      price_min: null,
      price_max: null,
      unit_cost: null,
      features: "",
      selling_points: "",
      notes: "",
    },
  };
}

const theirs = product("0196d0c4-0000-7000-8000-0000000000a1", "アルファ C-3500", "アルファ事務機");
const ours = product("0196d0c4-0000-7000-8000-0000000000a2", "ミライ MX-5000", null);
const soon = addDays(isoDate(new Date()), 20);

function side(): Side {
  return {
    products: [
      {
        id: cardProductId("0196d0c4-0000-7000-8000-0000000000b1"),
        card_id: card.id,
        product: theirs,
        fields: { product_id: theirs.id, since: "2022-04-01", volume: 3, satisfaction: 2, renewal_on: soon, notes: "<b>保守料</b>の値上げに不満" },
      },
    ],
    shares: [{ category: "複合機", our_volume: 1, total_volume: 4, derived_percent: 25, entered_percent: null }],
    sheets: [
      {
        id: sheetId("0196d0c4-0000-7000-8000-0000000000d1"),
        title: "複合機 比較表",
        category: "複合機",
        our_product: ours.fields.name,
        competitor_products: 2,
        assessed_on: "2026-11-03",
      },
    ],
    cases: [
      {
        closeness: 0.93,
        same_industry: true,
        case: {
          id: caseId("0196d0c4-0000-7000-8000-0000000000f1"),
          version: 1,
          card_name: "",
          product_name: ours.fields.name,
          stale: true,
          fields: {
            title: "複合機の集約で印刷コストを3割削減",
            card_id: null,
            customer_label: "関西の物流会社",
            industry: "運輸業",
            employees: 120,
            product_id: ours.id,
            problem: "",
            introduced: "",
            effect: "年間の印刷コストが32%減",
            dated_on: "2021-06-01",
            shareable: true,
          },
        },
      },
    ],
    hints: [
      {
        kind: "cross_sell",
        product: { ...ours, fields: { ...ours.fields, name: "保守契約", selling_points: "<i>24時間</i>対応" } },
        peers_using: 12,
        peers: 40,
        instead_of: "",
      },
      { kind: "up_sell", product: ours, peers_using: 0, peers: 40, instead_of: "ミライ MX-3000" },
    ],
  };
}

describe("what to propose to the customer", () => {
  beforeEach(() => {
    setLang("ja");
    mockWindows("main");
    mockIPC((cmd) => {
      if (cmd === "card_competition") return side();
      if (cmd === "products_list") return [theirs, ours];
      return null;
    });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("names each product with why, and its selling points as text", async () => {
    render(CardCompetition, { card, onchange: () => {} });
    const hints = await screen.findAllByTestId("hint");
    expect(hints.map((h) => h.textContent)).toEqual([
      expect.stringContaining("同業の顧客 40 社中 12 社が利用"),
      expect.stringContaining("ミライ MX-3000 の上位製品"),
    ]);
    expect(hints[0]).toHaveTextContent("クロスセル");
    expect(hints[0]).toHaveTextContent("<i>24時間</i>対応");
    expect(hints[0].querySelector("i")).toBeNull();
  });

  it("records a case study given to the customer as a contact naming it", async () => {
    const sent: { cardId: string; fields: { kind: string; purpose: string } }[] = [];
    let changed = 0;
    mockIPC((cmd, args) => {
      if (cmd === "card_competition") return side();
      if (cmd === "products_list") return [theirs, ours];
      if (cmd === "contact_add") {
        sent.push(args as (typeof sent)[number]);
        return null;
      }
      return null;
    });
    render(CardCompetition, { card, onchange: () => changed++ });
    await userEvent.click(await screen.findByTestId("case-given"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].cardId).toBe(card.id);
    expect(sent[0].fields.kind).toBe("other");
    expect(sent[0].fields.purpose).toBe("事例を提供：複合機の集約で印刷コストを3割削減");
    await waitFor(() => expect(changed).toBe(1));
  });
});

describe("the card's products in use", () => {
  let saved: CardProductFields[];

  beforeEach(() => {
    setLang("ja");
    saved = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "card_competition") return side();
      if (cmd === "products_list") return [theirs, ours];
      if (cmd === "card_product_add") {
        saved.push((args as { fields: CardProductFields }).fields);
        return side().products[0];
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows the competitor's product with its renewal coming up, our share, the sheet and a stale case", async () => {
    render(CardCompetition, { card, onchange: () => {} });
    const usage = await screen.findByTestId("usage");
    expect(usage).toHaveTextContent("アルファ C-3500");
    expect(usage).toHaveTextContent("アルファ事務機");
    expect(usage).toHaveTextContent("不満");
    expect(within(usage).getByTestId("usage-renews-soon")).toHaveTextContent("契約更新");
    expect(usage).toHaveTextContent("<b>保守料</b>の値上げに不満");
    expect(usage.querySelector("b")).toBeNull();
    expect(screen.getByTestId("share-percent")).toHaveTextContent("25%");
    expect(screen.getByTestId("shares")).toHaveTextContent("数量から算出");
    expect(screen.getByTestId("card-sheet")).toHaveTextContent("複合機 比較表");
    const match = screen.getByTestId("card-case");
    expect(match).toHaveTextContent("同業種");
    expect(match).toHaveTextContent("近さ 93%");
    expect(within(match).getByTestId("case-stale")).toHaveTextContent("古い事例");
  });

  it("records a product the customer uses with what the rep chose", async () => {
    render(CardCompetition, { card, onchange: () => {} });
    await userEvent.click(await screen.findByTestId("add-usage"));
    const form = screen.getByTestId("usage-form");
    await userEvent.selectOptions(within(form).getByTestId("usage-product"), ours.id);
    await userEvent.type(within(form).getByLabelText("年間数量"), "4");
    await userEvent.type(within(form).getByLabelText("契約更新日"), "2027-03-31");
    await userEvent.click(within(form).getByTestId("save-usage"));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ product_id: ours.id, volume: 4, renewal_on: "2027-03-31", satisfaction: null });
  });
});
