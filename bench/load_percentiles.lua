-- wrk prints p50/p75/p90/p99; the load benchmark also needs p95, and a line it can parse.
done = function(summary, latency, requests)
  io.write(string.format(
    "SAMVERKA requests=%d seconds=%.3f errors=%d non2xx=%d p50=%.3f p95=%.3f p99=%.3f\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
