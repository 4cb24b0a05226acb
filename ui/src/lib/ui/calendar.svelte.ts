// The date fields' calendar, loaded once for every field the first time a rep reaches for one:
// bits-ui's calendar and popover are a fifth of the window's code, and the card page (with its
// date fields) comes with the first screen.
import type { Component } from "svelte";

type CalendarProps = {
  open?: boolean;
  value: string | null;
  disabled?: boolean;
  onpick: (day: string) => void;
  onclose: () => void;
};

let loaded = $state<Component<CalendarProps, Record<string, never>, "open"> | null>(null);
let loading: Promise<void> | null = null;

export function calendarPopover() {
  return loaded;
}

export function loadCalendarPopover(): Promise<void> {
  loading ??= import("./CalendarPopover.svelte").then(
    (module) => {
      loaded = module.default;
    },
    (error: unknown) => {
      // A failed load is tried again at the next reach.
      loading = null;
      throw error;
    },
  );
  return loading;
}
