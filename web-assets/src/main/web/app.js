/*
 * Pitchey landing page: shows the service's health and what is trending, read from the API's
 * own JSON endpoints. Plain browser JavaScript: fetch and the DOM, nothing else.
 */
(() => {
  "use strict";

  const REQUEST_TIMEOUT_MS = 5000;
  const TRENDING_SHOWN = 10;

  /** GETs JSON; rejects on a network error, a timeout or a status not in `acceptedStatuses`. */
  async function getJson(path, acceptedStatuses = [200]) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(path, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (!acceptedStatuses.includes(response.status)) {
        throw new Error(`${path} answered ${response.status}`);
      }
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  }

  /** The health report's overall status as a coloured badge, each check's status beside it. */
  function renderHealth(report) {
    const badge = document.getElementById("health-status");
    const status = String(report.status || "unknown").toLowerCase();
    badge.textContent = status;
    badge.className = `badge badge-${status}`;
    const checks = Object.entries(report.checks || {}).map(
      ([name, check]) => `${name}: ${String(check.status || "?").toLowerCase()}`,
    );
    document.getElementById("health-checks").textContent = checks.join(" \u00b7 ");
  }

  function renderHealthFailure(error) {
    const badge = document.getElementById("health-status");
    badge.textContent = "unreachable";
    badge.className = "badge badge-down";
    document.getElementById("health-checks").textContent = error.message;
  }

  /** Accepts a bare array or an object holding one (`items`, `pitches`). */
  function trendingItems(body) {
    if (Array.isArray(body)) {
      return body;
    }
    return body.items || body.pitches || [];
  }

  function renderTrending(body) {
    const list = document.getElementById("trending-list");
    const items = trendingItems(body).slice(0, TRENDING_SHOWN);
    list.replaceChildren(
      ...(items.length === 0 ? [note("Nothing is trending yet.")] : items.map(trendingEntry)),
    );
  }

  function trendingEntry(pitch) {
    const entry = document.createElement("li");
    const title = pitch.title || `Pitch ${pitch.pitch_id || pitch.id}`;
    const id = pitch.pitch_id || pitch.id;
    if (id !== undefined) {
      const link = document.createElement("a");
      link.href = `/api/pitches/${encodeURIComponent(id)}`;
      link.textContent = title;
      entry.append(link);
    } else {
      entry.append(title);
    }
    const views = pitch.views ?? pitch.view_count;
    if (views !== undefined) {
      const count = document.createElement("span");
      count.className = "pitch-views";
      count.textContent = ` \u2014 ${Number(views).toLocaleString()} views`;
      entry.append(count);
    }
    return entry;
  }

  function renderTrendingFailure() {
    document
      .getElementById("trending-list")
      .replaceChildren(note("Trending pitches are not available right now."));
  }

  function note(text) {
    const entry = document.createElement("li");
    entry.className = "muted";
    entry.textContent = text;
    return entry;
  }

  document.addEventListener("DOMContentLoaded", () => {
    // an unhealthy service answers 503 with the same report, naming the failing check
    getJson("/api/health", [200, 503]).then(renderHealth, renderHealthFailure);
    getJson("/api/live/trending").then(renderTrending, renderTrendingFailure);
  });
})();
