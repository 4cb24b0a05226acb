// The idle lock counts from the last key or click, and waits for unsaved changes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RETRY_MS, watchIdle } from "./idle";

describe("the idle lock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("locks after the idle minutes, counted from the last activity", () => {
    const target = new EventTarget();
    const lock = vi.fn(() => true);
    const stop = watchIdle(15, lock, target);
    vi.advanceTimersByTime(14 * 60_000);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(14 * 60_000);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(lock).toHaveBeenCalledTimes(1);
    stop();
  });

  it("asks again while a card's unsaved changes keep it from locking", () => {
    const target = new EventTarget();
    let unsaved = true;
    const lock = vi.fn(() => !unsaved);
    const stop = watchIdle(5, lock, target);
    vi.advanceTimersByTime(5 * 60_000);
    expect(lock).toHaveBeenCalledTimes(1);
    unsaved = false;
    vi.advanceTimersByTime(RETRY_MS);
    expect(lock).toHaveBeenCalledTimes(2);
    expect(lock).toHaveLastReturnedWith(true);
    vi.advanceTimersByTime(60 * 60_000);
    expect(lock).toHaveBeenCalledTimes(2);
    stop();
  });

  it("stops watching when stopped", () => {
    const target = new EventTarget();
    const lock = vi.fn(() => true);
    watchIdle(1, lock, target)();
    vi.advanceTimersByTime(10 * 60_000);
    expect(lock).not.toHaveBeenCalled();
  });
});
