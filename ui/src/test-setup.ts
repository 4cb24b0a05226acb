import "@testing-library/jest-dom/vitest";
import { LANGS, loadCatalog } from "./lib/i18n/i18n.svelte";

// Components under test switch languages synchronously, as the window does once a catalog is here.
await Promise.all(LANGS.map(loadCatalog));

// What jsdom lacks and the window has: the command palette's list (bits-ui) watches its size
// and scrolls the chosen item into view.
if (!("ResizeObserver" in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
