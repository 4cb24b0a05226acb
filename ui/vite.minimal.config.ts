import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The start-up yardstick's page (tests/startup/minimal-app), built like Daicho's own.
export default defineConfig({
  plugins: [svelte()],
  root: "startup-minimal",
  build: { target: "safari15", outDir: "../dist-minimal", emptyOutDir: true },
});
