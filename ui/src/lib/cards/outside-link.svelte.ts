// Opening a card's detail outside Daicho (a website, an e-mail address, a phone number, a LINE or
// WhatsApp ID): the core makes the link from the value and refuses anything but its few
// schemes; the window shows the rep exactly where it goes, and only on their yes asks the core to
// open it. The window never opens anything itself.
import { call, commands, errorText, type LinkKind } from "../api";
import { app } from "../app/app.svelte";

export class OutsideLink {
  /** The link waiting for the rep's yes. */
  target = $state<string | null>(null);

  async ask(kind: LinkKind, value: string): Promise<void> {
    try {
      this.target = await call(commands.linkPrepare(kind, value));
    } catch (error) {
      app.notify(errorText(error), "error");
    }
  }

  async open(): Promise<void> {
    const url = this.target;
    this.target = null;
    if (!url) return;
    try {
      await call(commands.linkOpen(url));
    } catch (error) {
      app.notify(errorText(error), "error");
    }
  }
}
