/**
 * Peak resident memory of this process during a stretch of work, two ways:
 * - the kernel's high-water mark (VmHWM in /proc/self/status), reset at the start by writing "5"
 *   to /proc/self/clear_refs: exact, whatever the event loop is doing;
 * - process.memoryUsage.rss() sampled every 50 ms from a worker thread, which keeps sampling while
 *   the main thread is busy in synchronous code (a timer on the main thread would not).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

const MB = 1024 * 1024;

function statusKb(field: "VmHWM" | "VmRSS"): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function resetHighWaterMark(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

const SAMPLER = `
const { parentPort } = require("node:worker_threads");
let max = 0;
const sample = () => { const rss = process.memoryUsage.rss(); if (rss > max) max = rss; };
sample();
const timer = setInterval(sample, 50);
parentPort.on("message", (m) => {
  if (m === "reset") { max = 0; sample(); parentPort.postMessage("ready"); }
  if (m === "stop") { sample(); clearInterval(timer); parentPort.postMessage(max); }
});
`;

export interface MemoryReport {
  /** rss just before the measured work (after a full GC when --expose-gc is on), MB. */
  before: number;
  /** Peak rss during the work by the kernel's high-water mark, MB (null if /proc is unavailable). */
  peakHwm: number | null;
  /** Peak rss seen by sampling every 50 ms, MB. */
  peakSampled: number;
  /** The larger of the two peaks, MB. */
  peak: number;
  /** peak − before, MB. */
  delta: number;
}

export class PeakMemory {
  private worker: Worker | null = null;
  private before = 0;
  private hwmReset = false;

  async start(): Promise<void> {
    (globalThis as { gc?: () => void }).gc?.();
    const worker = new Worker(SAMPLER, { eval: true });
    this.worker = worker;
    await new Promise<void>((resolve) => {
      worker.once("message", () => resolve());
      worker.postMessage("reset");
    });
    this.before = process.memoryUsage.rss();
    this.hwmReset = resetHighWaterMark();
  }

  async stop(): Promise<MemoryReport> {
    const worker = this.worker;
    if (!worker) throw new Error("PeakMemory.stop() before start()");
    const hwm = this.hwmReset ? statusKb("VmHWM") : null;
    const sampled = await new Promise<number>((resolve) => {
      worker.once("message", (max: number) => resolve(max));
      worker.postMessage("stop");
    });
    await worker.terminate();
    this.worker = null;
    const peakHwm = hwm === null ? null : (hwm * 1024) / MB;
    const peakSampled = sampled / MB;
    const peak = Math.max(peakSampled, peakHwm ?? 0);
    const before = this.before / MB;
    return { before, peakHwm, peakSampled, peak, delta: peak - before };
  }
}
