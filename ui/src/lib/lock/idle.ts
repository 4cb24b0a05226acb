// The idle lock: after `minutes` without a key, a click, a scroll or a pointer move in the
// window, `lock` is asked to lock. It answers false when it cannot yet (a card with unsaved
// changes: locking would lose them), and is asked again each half minute until it can.

const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
export const RETRY_MS = 30_000;

/** Starts watching; returns what stops it. */
export function watchIdle(minutes: number, lock: () => boolean, target: EventTarget = window): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(idle, ms);
  };
  const idle = () => {
    if (!lock()) arm(RETRY_MS);
  };
  const active = () => arm(minutes * 60_000);
  for (const event of ACTIVITY) target.addEventListener(event, active, { passive: true });
  active();
  return () => {
    clearTimeout(timer);
    for (const event of ACTIVITY) target.removeEventListener(event, active);
  };
}
