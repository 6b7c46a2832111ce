// Live updates for the queue: the API's event stream when it has one, else polling. Either way the view is told
// "something changed" and re-reads the first page (the store's advice: a live tail re-reads the first page rather
// than asking for ids above the last seen, which is not commit-ordered with several replicas).
import { ApiError, AuthRequiredError, followStream } from './api.js';

const POLL_MS = 5000;
const STREAM_PATH = '/api/alerts/stream';

export function startLive(onChange, setStatus) {
  const controller = new AbortController();
  let timer = 0;
  let stopped = false;

  const poll = () => {
    setStatus('live: polling every 5 s');
    const tick = async () => {
      if (stopped) return;
      try { await onChange(); } catch { /* the view shows its own errors */ }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
  };

  (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        await followStream(STREAM_PATH, () => { onChange().catch(() => {}); }, controller.signal, () => {
          setStatus('live: stream');
          // The stream announces alerts stored after it opened: re-read what arrived before that.
          onChange().catch(() => {});
        });
        failures = 0; // the server closed the stream: reconnect
      } catch (error) {
        if (stopped || controller.signal.aborted) return;
        if (error instanceof AuthRequiredError || (error instanceof ApiError && [404, 405, 415].includes(error.status))) {
          poll();
          return;
        }
        failures += 1;
        if (failures >= 3) { poll(); return; }
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * failures));
      if (!stopped) onChange().catch(() => {}); // catch up on what the gap missed
    }
  })();

  return () => {
    stopped = true;
    controller.abort();
    clearTimeout(timer);
    setStatus('');
  };
}
