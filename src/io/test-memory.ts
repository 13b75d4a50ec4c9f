/** Test helper: how long a piece of work takes and how far it raises the process's memory (resident set), sampled as it runs. */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  try {
    const result = await work();
    sample();
    return { result, seconds: (performance.now() - start) / 1000, peakMB: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
