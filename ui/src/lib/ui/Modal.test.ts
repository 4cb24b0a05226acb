// The modal dialog: focus goes into it and comes back to what opened it; Esc closes it.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ModalHarness from "./test/ModalHarness.svelte";

describe("the modal dialog", () => {
  afterEach(cleanup);

  it("takes focus to its chosen button and gives it back to the opener when closed", async () => {
    render(ModalHarness);
    const opener = screen.getByTestId("opener");
    await userEvent.click(opener);
    const dialog = await screen.findByTestId("question");
    expect(dialog.tagName).toBe("DIALOG");
    expect(dialog).toHaveAttribute("open");
    expect(dialog).toHaveAccessibleName("A question");
    expect(screen.getByTestId("yes")).toHaveFocus();
    await userEvent.click(screen.getByTestId("no"));
    await waitFor(() => expect(screen.queryByTestId("question")).toBeNull());
    expect(opener).toHaveFocus();
  });

  it("closes on Esc", async () => {
    render(ModalHarness);
    await userEvent.click(screen.getByTestId("opener"));
    await screen.findByTestId("question");
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("question")).toBeNull());
    expect(screen.getByTestId("opener")).toHaveFocus();
  });
});
