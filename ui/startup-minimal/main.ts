// The minimal app's page (tests/startup/minimal-app): a list drawn by Svelte, then "painted".
import { mount } from "svelte";
import Minimal from "./Minimal.svelte";

mount(Minimal, { target: document.getElementById("app")! });
