// ESLint for the window's code: JavaScript's and TypeScript's recommended rules and Svelte's,
// run by `npm run lint` in `cargo xtask test`. Formatting is Prettier's business, not ESLint's.
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";

export default ts.config(
  { ignores: ["dist/", "dist-minimal/", "node_modules/", "src/lib/api/bindings.ts"] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Maps, Sets and Dates here are replaced whole ($state assignment), never changed in place,
      // or are temporaries inside a formatting function: Svelte's reactive copies add nothing.
      "svelte/prefer-svelte-reactivity": "off",
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"] } },
  },
);
