import "@testing-library/jest-dom/vitest";
import { LANGS, loadCatalog } from "./lib/i18n/i18n.svelte";

// Components under test switch languages synchronously, as the window does once a catalog is here.
await Promise.all(LANGS.map(loadCatalog));
