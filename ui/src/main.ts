import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { langFromLocales, setLang } from "./lib/i18n/i18n.svelte";

// The window first speaks the system's language (the ledger's setting follows with app_info):
// its catalog is fetched before the first render, so no label shows in English first.
const target = document.getElementById("app");
if (target) void setLang(langFromLocales(navigator.languages)).finally(() => mount(App, { target }));
