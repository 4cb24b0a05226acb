// Customers linked to a card against a mocked core: who referred them and the chain before,
// whom they referred, the group's sales; a link is set by picking a card and removed again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CardLinks from "./CardLinks.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { cardId } from "../api/test-ids";
import type { Card, CardLinks as Links, LinkedCard } from "../api";
import { emptyFields } from "../cards/editor.svelte";

const card: Card = {
  id: cardId("0196d0c4-0000-7000-8000-000000000001"),
  version: 1,
  created_at: "2026-11-24T09:30:00.000Z",
  updated_at: "2026-11-24T09:30:00.000Z",
  deleted_at: null,
  fields: { ...emptyFields("organisation"), name: "青葉精機 大阪支店", code: "C-000002" },
  key_persons: [],
  open_complaints: 0,
};

function linked(n: number, name: string, note = ""): LinkedCard {
  return {
    card_id: cardId(`0196d0c4-0000-7000-8000-00000000010${n}`),
    code: `C-00010${n}`,
    name,
    kind: "organisation",
    status: "active",
    in_trash: false,
    note,
  };
}

const head = linked(1, "青葉精機株式会社");
const referrer = linked(2, "<b>山田商店</b>", "展示会で紹介された");
const first = linked(3, "東洋商事");

function links(withReferrer: boolean): Links {
  return {
    referred_by: withReferrer ? referrer : null,
    branch_of: head,
    household_of: null,
    referral_chain: withReferrer ? [referrer, first] : [],
    referred: [linked(4, "北辰物流")],
    referred_in_all: 3,
    group: {
      kind: "branch_of",
      from: "2026-01-01",
      members: [
        { card: head, depth: 0, amount: 1_200_000 },
        { card: { ...linked(0, card.fields.name), card_id: card.id }, depth: 1, amount: 300_000 },
      ],
      total: 1_500_000,
    },
    household: null,
  };
}

describe("a card's linked customers", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  beforeEach(() => {
    setLang("ja");
    mockWindows("main");
    calls = [];
    let withReferrer = true;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "card_links") return links(withReferrer);
      if (cmd === "card_link_set") {
        withReferrer = (args as { link: unknown }).link !== null;
        return links(withReferrer);
      }
      if (cmd === "cards_list") return { rows: [{ ...referrer, id: referrer.card_id, name: "山田商店", reading: "", city: "大阪市" }], total: 1, next: null };
      return null;
    });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows the referrer as text, the chain, whom they referred and the group's sales added up", async () => {
    render(CardLinks, { card });
    const referredBy = await screen.findByTestId("link-referred_by");
    expect(referredBy.textContent).toContain("<b>山田商店</b>");
    expect(referredBy.querySelector("b")).toBeNull();
    expect(referredBy.textContent).toContain("展示会で紹介された");
    expect(screen.getByTestId("link-chain").textContent).toContain("東洋商事");
    expect(screen.getByTestId("link-referred").textContent).toContain("直接 1件、連鎖全体で 3件");
    const group = screen.getByTestId("link-group");
    expect(within(group).getByText("青葉精機株式会社")).toBeTruthy();
    expect(screen.getByTestId("link-group-total").textContent).toBe("1,500,000");
    // An organisation has a head office, not a household.
    expect(screen.queryByTestId("link-household_of")).toBeNull();
  });

  it("removes a link and sets one by picking the other card", async () => {
    const user = userEvent.setup();
    render(CardLinks, { card });
    await user.click(await screen.findByTestId("link-remove-referred_by"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "card_link_set" && c.args.link === null && c.args.kind === "referred_by")).toBe(true));
    await user.click(await screen.findByTestId("link-set-referred_by"));
    await user.type(screen.getByTestId("link.other-search"), "山田");
    await user.click(await screen.findByTestId("link.other-option"));
    await user.type(screen.getByTestId("link-note"), "紹介状あり");
    await user.click(screen.getByTestId("link-save"));
    await waitFor(() => {
      const set = calls.filter((c) => c.cmd === "card_link_set").at(-1);
      expect(set?.args).toMatchObject({ kind: "referred_by", link: { kind: "referred_by", other_id: referrer.card_id, note: "紹介状あり" } });
    });
  });
});
