// Messaging apps on cards and key persons: which a market uses (offered first in the form), and
// which the system can open by ID. The core checks the IDs and makes the links.
import type { LinkKind, Messaging } from "../api";
import type { Lang } from "../i18n/i18n.svelte";

export const CHANNELS = ["line", "wechat", "qq", "kakaotalk", "whatsapp", "weibo"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The apps each market's reps use with customers, the usual first. */
const USUAL: Record<Lang, readonly Channel[]> = {
  ja: ["line"],
  zh: ["wechat", "qq", "weibo"],
  ko: ["kakaotalk"],
  en: ["whatsapp"],
};

/** Apps with a web link to an ID; the others' IDs are copied. */
export const OPENS: Partial<Record<Channel, LinkKind>> = { line: "line", whatsapp: "whatsapp" };

export function emptyMessaging(): Messaging {
  return { line: "", wechat: "", qq: "", kakaotalk: "", whatsapp: "", weibo: "" };
}

/** Every app, the language's usual ones first. */
export function channelOrder(lang: Lang): Channel[] {
  const usual = USUAL[lang];
  return [...usual, ...CHANNELS.filter((c) => !usual.includes(c))];
}

/** The apps a form shows: the usual ones and any with an ID, or all of them. */
export function shownChannels(lang: Lang, messaging: Messaging, all: boolean): Channel[] {
  return channelOrder(lang).filter((c) => all || USUAL[lang].includes(c) || messaging[c].trim() !== "");
}

/** The IDs on file, in the language's order. */
export function filled(lang: Lang, messaging: Messaging | undefined): { channel: Channel; id: string }[] {
  if (!messaging) return [];
  return channelOrder(lang)
    .map((channel) => ({ channel, id: messaging[channel].trim() }))
    .filter((item) => item.id !== "");
}

/** Copies `text` to the clipboard; false when the system refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
