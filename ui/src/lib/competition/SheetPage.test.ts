// The sheet page against a mocked core: the matrix shows the core's totals and what moved since
// the earlier assessment; a score the core refuses is marked beside its cell; changing the scale
// asks the core to convert the scores.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import SheetPage from "./SheetPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { app } from "../app/app.svelte";
import type { Assessment, AssessmentFields, Product, SheetId, SheetView } from "../api";

/** An id of whichever kind the place it goes to wants. */
const id = <T extends string>(n: number) => `0196d0c4-0000-7000-8000-0000000000${String(n).padStart(2, "0")}` as T;

function product(n: number, name: string, maker: string): Product {
  return {
    id: id(n),
    version: 1,
    maker,
    fields: {
      competitor_id: maker ? id(90) : null,
      name,
      category: "MFP",
      price_min: null,
      price_max: null,
      unit_cost: null,
      features: "",
      selling_points: "",
      notes: "",
    },
  };
}

const products = [product(1, "Mirai MX-5000", ""), product(2, "Apex C3500", "Apex"), product(3, "<b>Beacon</b> BP-40", "Beacon")];

function assessment(n: number, on: string, scores: number[][], percents: number[]): Assessment {
  return {
    id: id(10 + n),
    sheet_id: id(50),
    actor: "Mary Smith",
    fields: {
      assessed_on: on,
      scale: 5,
      criteria: [
        { name: "Quality", weight: 3 },
        { name: "Service and support", weight: 1 },
      ],
      scores: products.map((p, i) => ({ product_id: p.id, scores: scores[i] })),
      texts: [{ product_id: products[1].id, strengths: "Faster service visits", weaknesses: "About 10% dearer" }],
    },
    totals: products.map((p, i) => ({ product_id: p.id, weighted: (percents[i] * 5) / 100, percent: percents[i], complete: true })),
  };
}

const view: SheetView = {
  sheet: {
    id: id(50),
    version: 1,
    fields: { title: "MFP comparison", category: "MFP", our_product_id: products[0].id, competitor_product_ids: [products[1].id, products[2].id] },
  },
  products,
  assessments: [
    assessment(
      2,
      "2026-11-03",
      [
        [4, 5],
        [4, 3],
        [3, 2],
      ],
      [85, 75, 55],
    ),
    assessment(
      1,
      "2025-11-24",
      [
        [4, 4],
        [4, 3],
        [3, 3],
      ],
      [80, 75, 60],
    ),
  ],
};

describe("a comparison sheet", () => {
  let sent: AssessmentFields[];
  let rescaled: number[];

  beforeEach(() => {
    setLang("en");
    sent = [];
    rescaled = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "sheet_get") return view;
      if (cmd === "assessment_rescale") {
        const { fields, to } = args as { fields: AssessmentFields; to: number };
        rescaled.push(to);
        return { ...fields, scale: to, scores: fields.scores.map((s) => ({ ...s, scores: s.scores.map((x) => (x === null ? null : x * 2)) })) };
      }
      if (cmd === "assessment_changes") {
        // The core matches criteria by name and converts scales (tested there); here both
        // assessments share criteria and scale.
        const { now, before } = args as { now: Assessment; before: Assessment };
        return {
          scores: now.fields.scores.map((row) => {
            const then = before.fields.scores.find((b) => b.product_id === row.product_id)?.scores ?? [];
            return { product_id: row.product_id, changes: row.scores.map((x, i) => (x === null || then[i] == null ? null : x - then[i]!)) };
          }),
          totals: now.totals.map((t) => ({
            product_id: t.product_id,
            points: (t.percent ?? 0) - (before.totals.find((b) => b.product_id === t.product_id)?.percent ?? 0),
          })),
        };
      }
      if (cmd === "sheet_assess") {
        const fields = (args as { fields: AssessmentFields }).fields;
        sent.push(fields);
        throw { code: "competition.invalid", params: {}, fields: [{ field: `scores.${products[2].id}.0`, rule: "out_of_scale", limit: fields.scale }] };
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    app.setDirtyCheck(null);
  });

  it("shows the latest assessment with totals, what moved since last year, and names as text", async () => {
    render(SheetPage, { id: id<SheetId>(50) });
    const matrix = await screen.findByTestId("score-matrix");
    const heads = within(matrix)
      .getAllByTestId("matrix-product")
      .map((h) => h.textContent);
    expect(heads[0]).toContain("Ours");
    expect(heads[2]).toContain("<b>Beacon</b> BP-40");
    expect(matrix.querySelector("b")).toBeNull();
    await waitFor(() =>
      expect(
        within(matrix)
          .getAllByTestId("matrix-percent")
          .map((c) => c.textContent?.trim()),
      ).toEqual(["85% +5", "75%", "55% −5"]),
    );
    // Our service went from 4 to 5: marked best in its row and +1 since last year.
    const service = within(matrix).getAllByTestId("matrix-row")[1];
    const ours = within(service).getAllByTestId("matrix-score")[0];
    expect(ours).toHaveTextContent("5 +1");
    expect(ours).toHaveClass("top");
    expect(screen.getByTestId("sheet-chart")).toHaveAttribute("data-kind", "radar");
    expect(screen.getByTestId("versus")).toHaveTextContent("Against Apex C3500");
    expect(screen.getByTestId("versus")).toHaveTextContent("Faster service visits");

    await userEvent.selectOptions(screen.getByTestId("compare-select"), "");
    expect(within(screen.getByTestId("score-matrix")).getAllByTestId("matrix-percent")[0].textContent?.trim()).toBe("85%");
  });

  it("starts a new assessment from the latest, converts on a scale change and marks a refused score", async () => {
    render(SheetPage, { id: id<SheetId>(50) });
    await userEvent.click(await screen.findByTestId("new-assessment"));
    const editor = screen.getByTestId("assessment-editor");
    expect(
      within(editor)
        .getAllByTestId("criterion-name")
        .map((i) => (i as HTMLInputElement).value),
    ).toEqual(["Quality", "Service and support"]);
    expect(app.hasUnsavedChanges()).toBe(false);

    await userEvent.selectOptions(within(editor).getByTestId("assessment-scale"), "10");
    await waitFor(() => expect(rescaled).toEqual([10]));
    await waitFor(() => expect((within(editor).getAllByTestId("score-input")[0] as HTMLSelectElement).value).toBe("8"));
    expect(app.hasUnsavedChanges()).toBe(true);

    await userEvent.click(within(editor).getByTestId("save-assessment"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].scale).toBe(10);
    expect(sent[0].scores[0].scores).toEqual([8, 10]);
    const cells = within(editor).getAllByTestId("score-input");
    // Beacon's quality cell (third product, first criterion) carries the core's message.
    expect(cells[2]).toHaveAttribute("aria-invalid", "true");
    expect(editor).toHaveTextContent("Score from 1 to 10");
  });
});
