import { describe, expect, it } from "vitest";
import { catalogs, langFromLocales, LANGS, personName, setLang, t } from "./i18n.svelte";

describe("message catalog", () => {
  it("has every key in every language, none empty", () => {
    const english = Object.keys(catalogs.en).sort();
    for (const lang of LANGS) {
      expect(Object.keys(catalogs[lang]).sort(), lang).toEqual(english);
      for (const [key, text] of Object.entries(catalogs[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("keeps the same placeholders in every language", () => {
    for (const [key, text] of Object.entries(catalogs.en)) {
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      for (const lang of LANGS) expect(names(catalogs[lang][key]), `${lang} ${key}`).toEqual(names(text));
    }
  });
});

describe("t", () => {
  it("speaks the current language and fills placeholders", () => {
    setLang("ja");
    expect(t("nav.cards")).toBe("顧客カード");
    expect(t("list.count", { count: 3 })).toBe("3 件");
    setLang("ko");
    expect(t("nav.cards")).toBe("고객카드");
    expect(document.documentElement.lang).toBe("ko");
    setLang("en");
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

describe("person names", () => {
  it("put the family name first in Japanese, Chinese and Korean", () => {
    expect(personName("佐藤", "健一", "ja")).toBe("佐藤 健一");
    expect(personName("王", "伟", "zh")).toBe("王伟");
    expect(personName("김", "민준", "ko")).toBe("김민준");
    expect(personName("Smith", "Mary", "en")).toBe("Mary Smith");
    expect(personName("", "Mary", "en")).toBe("Mary");
  });
});
