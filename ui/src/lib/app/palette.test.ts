import { describe, expect, it } from "vitest";
import { matchActions, type PaletteAction } from "./palette";

const action = (id: string, label: string, keywords: string): PaletteAction => ({ id, label, keywords, run: () => {} });
const ACTIONS = [action("backups", "バックアップ", "Backups"), action("new-card", "新しいカード", "New card"), action("visits", "訪問計画", "Visit plan")];

describe("the command palette's matching", () => {
  it("offers everything before a word is typed", () => {
    expect(matchActions(ACTIONS, "  ").map((a) => a.id)).toEqual(["backups", "new-card", "visits"]);
  });

  it("finds an action by its name in the window's language or in English", () => {
    expect(matchActions(ACTIONS, "訪問").map((a) => a.id)).toEqual(["visits"]);
    expect(matchActions(ACTIONS, "backup").map((a) => a.id)).toEqual(["backups"]);
    expect(matchActions(ACTIONS, "ＣＡＲＤ new").map((a) => a.id)).toEqual(["new-card"]);
  });

  it("needs every word typed", () => {
    expect(matchActions(ACTIONS, "new plan")).toEqual([]);
  });
});
