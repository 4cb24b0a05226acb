// The date fields' calendar, loaded once for every field the first time a rep reaches for one:
// bits-ui's calendar and popover are a fifth of the window's code, and the card page (with its
// date fields) comes with the first screen.
// Its type only: the module itself stays out of the first load.
type CalendarPopover = typeof import("./CalendarPopover.svelte").default;

let loaded = $state<CalendarPopover | null>(null);
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
