import { cardId } from "../api/test-ids";
// The handover page against a mocked core: a likely duplicate is merged as chosen, the
// successor's confirmation is sent, and a take-over is undone after asking.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import HandoverPage from "./HandoverPage.svelte";
import { app } from "../app/app.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { HandedOver, HandoverExport, HandoverPreview, TakeOver, Receipt } from "../api";

const PREVIEW: HandoverPreview = {
  bundle_id: "b1",
  from_owner: "田中 美咲",
  to_owner: "後任 花子",
  made_at: "2026-11-24T09:30:00.000Z",
  made_by: "田中 美咲",
  signer: "3F2A 91C0 7D4B E812 0A55 C3D9 1B7E 6F20",
  counts: [["cards", 2]],
  already_taken_over: false,
  lent_until: null,
  conflicts: [],
  cards: [
    { card_id: cardId("c1"), code: "C-000001", name: "青木工業株式会社", status: "new", existing: null, why: null, contacts: 3, changes: 0 },
    {
      card_id: cardId("c2"),
      code: "C-000002",
      name: "<b>丸山商事</b>",
      status: "duplicate",
      existing: { id: "x2", code: "C-000107", name: "<b>丸山商事</b>", owner: "後任 花子" },
      why: "name_phone",
      contacts: 5,
      changes: 0,
    },
  ],
};

const RECORD: TakeOver = {
  id: "i1",
  bundle_id: "b1",
  from_owner: "田中 美咲",
  to_owner: "後任 花子",
  taken_at: "2026-11-24T09:31:00.000Z",
  confirmed_by: "後任 花子",
  added: 1,
  merged: 1,
  skipped: 0,
  returned: 0,
  lent_until: null,
  undone_at: null,
  applied: true,
};

/** A lent card coming back from the colleague, with one value both sides changed. */
const RETURN: HandoverPreview = {
  ...PREVIEW,
  from_owner: "代理 次郎",
  to_owner: "田中 美咲",
  lent_until: "2026-12-20",
  cards: [{ card_id: cardId("c1"), code: "C-000001", name: "青木工業株式会社", status: "returning", existing: null, why: null, contacts: 4, changes: 3 }],
  conflicts: [
    {
      card_id: cardId("c1"),
      card_name: "青木工業株式会社",
      table: "cards",
      row: '["c1"]',
      row_label: "青木工業株式会社",
      field: "notes",
      mine: "決算前に再訪",
      theirs: "<i>予算は来期</i>",
    },
    {
      card_id: cardId("c1"),
      card_name: "青木工業株式会社",
      table: "cards",
      row: '["c1"]',
      row_label: "青木工業株式会社",
      field: "organisation.employees",
      mine: "120",
      theirs: "",
    },
  ],
};

describe("the handover page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let takeOvers: TakeOver[];
  let given: HandedOver[];
  let receipts: Receipt[];
  let preview: HandoverPreview;

  beforeEach(() => {
    setLang("ja");
    calls = [];
    takeOvers = [];
    given = [];
    receipts = [];
    preview = PREVIEW;
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "cards_facets") return { owners: ["田中 美咲"], tags: [] };
      if (cmd === "take_overs") return takeOvers;
      if (cmd === "handed_over_list") return given;
      if (cmd === "handover_receipts") return receipts;
      if (cmd === "handover_receipt_accept") {
        receipts = [
          {
            bundle_id: "b9",
            to_owner: "後任 花子",
            confirmed_by: "後任 花子",
            taken_over_at: "2026-11-25T09:00:00Z",
            signer: "AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111",
            taken: 2,
            left_out: 0,
            received_at: "2026-11-26T09:00:00Z",
            removed_at: null,
          },
        ];
        return receipts[0];
      }
      if (cmd === "handover_remove") {
        given = [];
        receipts = [{ ...receipts[0], removed_at: "2026-11-26T10:00:00Z" }];
        return 2;
      }
      if (cmd === "handover_receipt_write") return { path: "/home/hanako/受領書.daicho-receipt", to_owner: "後任 花子", taken: 1, left_out: 0 };
      if (cmd === "handover_withdraw") {
        given = [];
        return 2;
      }
      if (cmd === "take_over_preview") return preview;
      if (cmd === "plugin:dialog|save") return "/home/misaki/引継ぎ";
      if (cmd === "handover_export")
        return {
          path: "/home/misaki/引継ぎ.daicho-handover",
          bundle_id: "b9",
          signer: "3F2A 91C0 7D4B E812 0A55 C3D9 1B7E 6F20",
          cards: 2,
          counts: [],
        } satisfies HandoverExport;
      if (cmd === "take_over") {
        takeOvers = [preview === RETURN ? { ...RECORD, from_owner: "代理 次郎", added: 0, merged: 0, returned: 1 } : RECORD];
        return takeOvers[0];
      }
      if (cmd === "take_over_undo") {
        takeOvers = [{ ...RECORD, undone_at: "2026-11-24T10:00:00.000Z" }];
        return takeOvers[0];
      }
      return null;
    });
  });

  afterEach(() => {
    app.handoverCards = [];
    cleanup();
    clearMocks();
  });

  it("takes a bundle over with the duplicate merged as chosen and the successor's confirmation", async () => {
    render(HandoverPage);
    await userEvent.type(screen.getByTestId("handover-bundle"), "/home/hanako/tanaka.daicho-handover");
    await userEvent.click(screen.getByTestId("handover-preview"));
    const cards = await screen.findAllByTestId("handover-card");
    expect(cards[1]).toHaveTextContent("重複の可能性");
    expect(cards[1]).toHaveTextContent("名前と電話番号が同じ");
    expect(cards[1].querySelector("b")).toBeNull();
    await userEvent.selectOptions(screen.getByTestId("handover-choice"), "merge");
    await userEvent.type(screen.getByTestId("handover-confirmed-by"), "後任 花子");
    // Not before the successor compared the signer with the handover report.
    expect(screen.getByTestId("handover-signer")).toHaveTextContent("3F2A 91C0 7D4B E812 0A55 C3D9 1B7E 6F20");
    expect(screen.getByTestId("handover-take-over")).toBeDisabled();
    await userEvent.click(screen.getByTestId("handover-signer-ok"));
    await userEvent.click(screen.getByTestId("handover-take-over"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "take_over")).toBe(true));
    const sent = calls.find((c) => c.cmd === "take_over")!.args as { bundle: string; request: { choices: unknown[]; confirmed_by: string } };
    expect(sent.bundle).toBe("/home/hanako/tanaka.daicho-handover");
    expect(sent.request).toEqual({
      choices: [{ card_id: "c2", choice: "merge" }],
      confirmed_by: "後任 花子",
      passphrase: null,
      signer: "3F2A 91C0 7D4B E812 0A55 C3D9 1B7E 6F20",
      resolutions: [],
    });
    expect(await screen.findByTestId("handover-import")).toHaveTextContent("1 件追加、1 件統合、0 件除外しました");
  });

  it("undoes a take-over only after asking", async () => {
    takeOvers = [RECORD];
    render(HandoverPage);
    await userEvent.click(await screen.findByTestId("handover-undo"));
    expect(calls.some((c) => c.cmd === "take_over_undo")).toBe(false);
    await userEvent.click(screen.getByTestId("handover-confirm-undo"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "take_over_undo" && c.args.id === "i1")).toBe(true));
    expect(await screen.findByText("取り消し済み")).toBeInTheDocument();
  });

  it("hands over the cards ticked in the card list, or an owner's cards once the user chooses so", async () => {
    app.handoverCards = [cardId("c1"), cardId("c2")];
    const { unmount } = render(HandoverPage);
    expect(screen.getByTestId("handover-ticked")).toHaveTextContent("カード一覧で選んだ 2 件のカード");
    expect(screen.queryByTestId("handover-owner")).toBeNull();
    await userEvent.type(screen.getByTestId("handover-successor"), "後任 花子");
    // Not before it is protected: a passphrase of 8 characters or more.
    expect(screen.getByTestId("handover-write")).toBeDisabled();
    await userEvent.type(screen.getByTestId("handover-give-passphrase"), "kitsune-7");
    await userEvent.click(screen.getByTestId("handover-write"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "handover_export")).toBe(true));
    const sent = calls.find((c) => c.cmd === "handover_export")!.args as { selection: unknown; bundle: string };
    expect(sent.selection).toEqual({
      owner: null,
      card_ids: ["c1", "c2"],
      to_owner: "後任 花子",
      passphrase: "kitsune-7",
      recipient: null,
      lend: false,
      lend_until: null,
    });
    expect(sent.bundle).toBe("/home/misaki/引継ぎ.daicho-handover");
    expect(await screen.findByTestId("handover-written")).toHaveTextContent("2 件のカードを書き出しました");

    await userEvent.click(screen.getByTestId("handover-by-owner"));
    expect(app.handoverCards).toEqual([]);
    expect(screen.getByTestId("handover-write")).toBeDisabled();
    await userEvent.selectOptions(await screen.findByTestId("handover-owner"), "田中 美咲");
    expect(screen.getByTestId("handover-write")).toBeEnabled();

    app.handoverCards = [cardId("c3")];
    unmount();
    expect(app.handoverCards, "leaving the page lets the ticked cards go").toEqual([]);
  });
  it("lists the cards handed over from this ledger and withdraws a handover only after asking", async () => {
    given = [
      {
        bundle_id: "b9",
        to_owner: "後任 花子",
        at: "2026-11-24T09:30:00Z",
        actor: "田中 美咲",
        file: "/home/misaki/引継ぎ.daicho-handover",
        lent: true,
        until: "2026-12-20",
        cards: 2,
      },
    ];
    render(HandoverPage);
    const row = await screen.findByTestId("handover-given-row");
    expect(row).toHaveTextContent("後任 花子");
    expect(row).toHaveTextContent("貸し出し");
    expect(screen.getByTestId("handover-given-lent")).toHaveTextContent("2026/12/20 まで");
    await userEvent.click(screen.getByTestId("handover-withdraw"));
    expect(await screen.findByTestId("withdraw-dialog")).toHaveTextContent("後任 花子");
    expect(calls.some((c) => c.cmd === "handover_withdraw")).toBe(false);
    await userEvent.click(screen.getByTestId("confirm-withdraw"));
    expect(calls.filter((c) => c.cmd === "handover_withdraw").map((c) => c.args.bundleId)).toEqual(["b9"]);
    expect(await screen.findByText("引き継ぎ済みのカードはありません。")).toBeInTheDocument();
  });
  it("takes the successor's receipt in and removes the cards for good only after asking", async () => {
    given = [
      {
        bundle_id: "b9",
        to_owner: "後任 花子",
        at: "2026-11-24T09:30:00Z",
        actor: "田中 美咲",
        file: "/home/misaki/引継ぎ.daicho-handover",
        lent: false,
        until: null,
        cards: 2,
      },
    ];
    render(HandoverPage);
    await screen.findByTestId("handover-given-row");
    // No receipt yet: only withdrawing is offered.
    expect(screen.queryByTestId("handover-remove")).toBeNull();
    await userEvent.type(screen.getByTestId("receipt-path"), "/home/misaki/受領書.daicho-receipt");
    await userEvent.click(screen.getByTestId("receipt-accept"));
    expect(calls.find((c) => c.cmd === "handover_receipt_accept")?.args.receipt).toBe("/home/misaki/受領書.daicho-receipt");
    expect(await screen.findByTestId("handover-receipt")).toHaveTextContent("AAAA BBBB");
    await userEvent.click(screen.getByTestId("handover-remove"));
    expect(await screen.findByTestId("remove-dialog")).toHaveTextContent("2 件");
    expect(calls.some((c) => c.cmd === "handover_remove")).toBe(false);
    await userEvent.click(screen.getByTestId("confirm-remove"));
    expect(calls.filter((c) => c.cmd === "handover_remove").map((c) => c.args.bundleId)).toEqual(["b9"]);
    expect(await screen.findByTestId("handover-removed")).toHaveTextContent("後任 花子");
  });
  it("writes the receipt of a take-over for the predecessor", async () => {
    takeOvers = [RECORD];
    render(HandoverPage);
    await userEvent.click(await screen.findByTestId("handover-write-receipt"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "handover_receipt_write")?.args.id).toBe("i1"));
  });

  it("lends until a day, and takes lent cards back choosing side by side what both sides changed", async () => {
    app.handoverCards = [cardId("c1")];
    render(HandoverPage);
    await userEvent.type(screen.getByTestId("handover-successor"), "代理 次郎");
    await userEvent.type(screen.getByTestId("handover-give-passphrase"), "kitsune-7");
    await userEvent.click(screen.getByTestId("handover-lend"));
    await userEvent.type(screen.getByTestId("handover-lend-until"), "2026-12-20");
    await userEvent.click(screen.getByTestId("handover-write"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "handover_export")).toBe(true));
    expect(calls.find((c) => c.cmd === "handover_export")!.args.selection).toMatchObject({ lend: true, lend_until: "2026-12-20" });

    preview = RETURN;
    await userEvent.type(screen.getByTestId("handover-bundle"), "/home/misaki/back.daicho-handover");
    await userEvent.click(screen.getByTestId("handover-preview"));
    expect(await screen.findByTestId("handover-lent-until")).toHaveTextContent("2026/12/20 まで");
    expect(screen.getByTestId("handover-card")).toHaveTextContent("貸し出しから戻る");
    expect(screen.getByTestId("handover-changes")).toHaveTextContent("変更 3 件");
    const rows = screen.getAllByTestId("return-conflict");
    expect(rows[0]).toHaveTextContent("メモ");
    expect(rows[0]).toHaveTextContent("決算前に再訪");
    expect(rows[0].querySelector("i"), "customer text is shown as text").toBeNull();
    expect(rows[1]).toHaveTextContent("（空欄）");
    await userEvent.type(screen.getByTestId("handover-confirmed-by"), "田中 美咲");
    await userEvent.click(screen.getByTestId("handover-signer-ok"));
    // Nothing is preselected: the take-over waits for both choices.
    expect(screen.getByTestId("conflicts-left")).toHaveTextContent("あと 2 件");
    expect(screen.getByTestId("handover-take-over")).toBeDisabled();
    await userEvent.click(rows[0].querySelector<HTMLInputElement>('[data-testid="conflict-theirs"]')!);
    expect(screen.getByTestId("handover-take-over")).toBeDisabled();
    await userEvent.click(rows[1].querySelector<HTMLInputElement>('[data-testid="conflict-mine"]')!);
    expect(screen.queryByTestId("conflicts-left")).toBeNull();
    await userEvent.click(screen.getByTestId("handover-take-over"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "take_over")).toBe(true));
    // The take-over is listed with the cards that came back.
    expect(await screen.findByTestId("handover-returned")).toHaveTextContent("1 件が戻った");
    const sent = calls.find((c) => c.cmd === "take_over")!.args as { request: { resolutions: unknown[] } };
    expect(sent.request.resolutions).toEqual([
      { table: "cards", row: '["c1"]', field: "notes", keep: "theirs" },
      { table: "cards", row: '["c1"]', field: "organisation.employees", keep: "mine" },
    ]);
  });
});
