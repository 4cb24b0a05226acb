// The sidebar's pages, in its order. Icons are simple SVG paths (24×24): no emoji font is needed.
import type { Route } from "./app.svelte";
export const nav = [
  { page: "cards", label: "nav.cards", icon: "M3 5h18v14H3zM6 9h7M6 13h10M6 16h5" },
  { page: "follow_ups", label: "nav.follow_ups", icon: "M4 12l5 5L20 6M4 5h8M4 19h6" },
  { page: "visits", label: "nav.visits", icon: "M4 5h16v15H4zM4 10h16M9 3v4M15 3v4M8 14h3M13 14h3M8 17h3" },
  { page: "daily", label: "nav.daily", icon: "M5 4h14v16H5zM8 8h8M8 12h8M8 16h5M15 17l1.5 1.5L19 15" },
  { page: "notes", label: "nav.notes", icon: "M6 3h9l4 4v14H6zM15 3v4h4M9 11h7M9 15h7M9 19h4" },
  { page: "competition", label: "nav.competition", icon: "M4 20V10M10 20V4M16 20v-7M22 20H2" },
  { page: "dashboard", label: "nav.dashboard", icon: "M3 3v18h18M7 15l4-4 3 3 5-6M16 8h3v3" },
  { page: "plan", label: "nav.plan", icon: "M12 3a9 9 0 1 0 9 9M12 7a5 5 0 1 0 5 5M12 12l7-7M16 5h3v3" },
  { page: "collection", label: "nav.collection", icon: "M3 7h18v11H3zM3 11h18M7 15h3M15 4l3 3M9 4L6 7" },
  { page: "reports", label: "nav.reports", icon: "M6 3h9l4 4v14H6zM15 3v4h4M9 17v-3M12 17v-6M15 17v-4" },
  { page: "import", label: "nav.import", icon: "M12 4v11m0 0l-4-4m4 4l4-4M5 19h14" },
  { page: "handover", label: "nav.handover", icon: "M4 8h12l-3-3M20 16H8l3 3" },
  {
    page: "backups",
    label: "nav.backups",
    icon: "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zM4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6",
  },
  { page: "copies", label: "nav.copies", icon: "M14 3h7v7M21 3l-9 9M19 14v6H4V5h6" },
  { page: "trash", label: "nav.trash", icon: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6" },
  { page: "settings", label: "nav.settings", icon: "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2" },
] as const;

export type NavPage = (typeof nav)[number]["page"];

/** Where a sidebar entry goes: competition opens on its sheets. */
export function routeOf(page: NavPage): Route {
  return page === "competition" ? { page: "competition", tab: "sheets" } : ({ page } as Route);
}
