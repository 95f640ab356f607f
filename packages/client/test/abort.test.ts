import { afterEach, describe, expect, it, vi } from "vitest";
import { openCallScope, sleep } from "../src/abort.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("sleep", () => {
  it("resolves after the delay and unhooks the signal", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    let done = false;
    const waiting = sleep(1000, controller.signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
    expect(remove).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("rejects with the reason as soon as the signal aborts, or at once if it already has", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await expect(sleep(10, controller.signal)).rejects.toThrow("stop");
  });
});

describe("openCallScope", () => {
  it("aborts with the timeout's error when time runs out", async () => {
    vi.useFakeTimers();
    const scope = openCallScope(500, undefined, () => new Error("timed out"));
    expect(scope.deadline).toBe(Date.now() + 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(scope.signal.aborted).toBe(true);
    expect(scope.signal.reason).toEqual(new Error("timed out"));
  });

  it("follows the caller's signal, with its reason", () => {
    const controller = new AbortController();
    const scope = openCallScope(60_000, controller.signal, () => new Error("timed out"));
    controller.abort(new Error("caller"));
    expect(scope.signal.reason).toEqual(new Error("caller"));
    scope.dispose();
  });

  it("starts aborted when the caller's signal already is", () => {
    const scope = openCallScope(60_000, AbortSignal.abort(new Error("before")), () => new Error("timed out"));
    expect(scope.signal.reason).toEqual(new Error("before"));
    scope.dispose();
  });

  it("once disposed, neither the timer nor the caller's signal aborts it", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const scope = openCallScope(500, controller.signal, () => new Error("timed out"));
    scope.dispose();
    controller.abort();
    await vi.advanceTimersByTimeAsync(1000);
    expect(scope.signal.aborted).toBe(false);
  });
});
