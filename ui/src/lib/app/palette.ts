// What the command palette offers and how a typed query picks among it: every word typed must
// appear in the action's name in the window's language or in English (so "backup" finds
// バックアップ), compared without case or full-width forms.

export type PaletteAction = {
  id: string;
  /** The name in the window's language. */
  label: string;
  /** The name in English, and other words it answers to. */
  keywords: string;
  /** Keys that do the same outside the palette, shown beside it. */
  keys?: string;
  run: () => void;
};

const fold = (text: string) => text.normalize("NFKC").toLowerCase();

/** The actions `query` asks for, in their order; all of them for an empty query. */
export function matchActions(actions: PaletteAction[], query: string): PaletteAction[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return actions;
  return actions.filter((action) => {
    const text = fold(`${action.label} ${action.keywords}`);
    return words.every((word) => text.includes(word));
  });
}
