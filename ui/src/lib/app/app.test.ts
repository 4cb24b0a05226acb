import { cardId } from "../api/test-ids";
import { beforeEach, describe, expect, it } from "vitest";
import { app } from "./app.svelte";

describe("navigation", () => {
  beforeEach(() => {
    app.setDirtyCheck(null);
    app.route = { page: "cards" };
    app.pendingRoute = null;
  });

  it("goes straight to a page when nothing is unsaved", () => {
    app.navigate({ page: "trash" });
    expect(app.route).toEqual({ page: "trash" });
  });

  it("asks before leaving a card with unsaved changes, and stays when told", () => {
    app.route = { page: "card", id: cardId("a") };
    app.setDirtyCheck(() => true);
    app.navigate({ page: "settings" });
    expect(app.route).toEqual({ page: "card", id: "a" });
    expect(app.pendingRoute).toEqual({ page: "settings" });
    app.stay();
    expect(app.route).toEqual({ page: "card", id: "a" });
    expect(app.pendingRoute).toBeNull();
  });

  it("keeps the new page's guard when the old page goes away after it", () => {
    const oldPage = () => false;
    const newPage = () => true;
    app.setDirtyCheck(oldPage);
    app.setDirtyCheck(newPage);
    app.releaseDirtyCheck(oldPage);
    expect(app.hasUnsavedChanges()).toBe(true);
    app.releaseDirtyCheck(newPage);
    expect(app.hasUnsavedChanges()).toBe(false);
  });

  it("leaves when the user discards the changes", () => {
    app.route = { page: "card", id: cardId("a") };
    app.setDirtyCheck(() => true);
    app.navigate({ page: "cards" });
    app.leaveAnyway();
    expect(app.route).toEqual({ page: "cards" });
    expect(app.hasUnsavedChanges()).toBe(false);
  });
});
