// The tabs of the Competition page, in order.
export const COMPETITION_TABS = ["sheets", "products", "competitors", "cases"] as const;
export type CompetitionTab = (typeof COMPETITION_TABS)[number];
