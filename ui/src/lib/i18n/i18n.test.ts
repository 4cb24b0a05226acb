import { describe, expect, it } from "vitest";
import { catalogs as loaded, langFromLocales, LANGS, setLang, t } from "./i18n.svelte";

// Every catalog was fetched by the test set-up.
const catalogs = Object.fromEntries(LANGS.map((lang) => [lang, loaded[lang] ?? {}])) as Record<(typeof LANGS)[number], Record<string, string>>;

describe("message catalog", () => {
  it("has every key in every language, none empty", () => {
    // Singular forms (`key_one`) are a language's own: only their base key must exist.
    const keys = (lang: (typeof LANGS)[number]) =>
      Object.keys(catalogs[lang])
        .filter((k) => !k.endsWith("_one"))
        .sort();
    const english = keys("en");
    for (const lang of LANGS) {
      expect(keys(lang), lang).toEqual(english);
      for (const key of Object.keys(catalogs[lang]).filter((k) => k.endsWith("_one"))) expect(catalogs[lang], key).toHaveProperty(key.slice(0, -4));
      for (const [key, text] of Object.entries(catalogs[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("keeps the same placeholders in every language", () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(catalogs.en)) {
      if (key.endsWith("_one")) {
        expect(names(text), key).toEqual(names(catalogs.en[key.slice(0, -4)]));
        continue;
      }
      for (const lang of LANGS) expect(names(catalogs[lang][key]), `${lang} ${key}`).toEqual(names(text));
    }
  });
});

describe("t", () => {
  it("speaks the current language and fills placeholders", () => {
    setLang("ja");
    expect(t("nav.cards")).toBe("顧客カード");
    expect(t("list.count", { count: 3 })).toBe("3 件");
    expect(t("list.count", { count: 1 }), "no singular form in Japanese").toBe("1 件");
    setLang("ko");
    expect(t("nav.cards")).toBe("고객카드");
    expect(document.documentElement.lang).toBe("ko");
    setLang("en");
  });

  it("uses English singular forms for one, by the count or else the first number", () => {
    setLang("en");
    expect(t("list.count", { count: 1 })).toBe("1 card");
    expect(t("list.count", { count: "1,000" })).toBe("1,000 cards");
    expect(t("list.count", { count: 0 })).toBe("0 cards");
    expect(t("follow_ups.days_late", { days: 1 })).toBe("1 day late");
    expect(t("dash.abc_summary", { class: "A", count: 1, share: 80 })).toBe("Class A: 1 customer, 80%");
  });
});

describe("the OS locale picks the language", () => {
  it("takes the first language Daicho speaks", () => {
    expect(langFromLocales(["fr-FR", "zh-CN", "en"])).toBe("zh");
    expect(langFromLocales(["ja-JP"])).toBe("ja");
    expect(langFromLocales(["de-DE"])).toBe("en");
    expect(langFromLocales([])).toBe("en");
  });
});
