/**
 * Measurements that run inside the page (passed to `page.evaluate`), so timings come from the
 * renderer's own clock and frames, not from round trips to the test driver. Each function must
 * be self-contained: Playwright serializes its source.
 */

/**
 * Opens the next conversation `count` times with `]`, timing key press → thread painted
 * (a requestAnimationFrame then a task: the frame showing it has been produced).
 */
export function switchConversations(count: number): Promise<number[]> {
  const painted = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const openRowId = () => document.querySelector('.inbox-row[aria-current="true"]')?.id ?? null;
  const shown = () => document.querySelector('main.conversation:not(.empty)') !== null;
  const waitFor = (ready: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (ready()) return resolve();
      const timer = setTimeout(() => reject(new Error('the next conversation was not shown within 15 s')), 15_000);
      const mo = new MutationObserver(() => {
        if (ready()) {
          clearTimeout(timer);
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  return (async () => {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const before = openRowId();
      const t0 = performance.now();
      // `]`: the console's "open the next conversation" shortcut.
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ']', bubbles: true, cancelable: true }));
      await waitFor(() => openRowId() !== before && shown());
      await painted();
      samples.push(performance.now() - t0);
    }
    return samples;
  })();
}

/** For each query: type all but its last character, then time the last keystroke to results painted. */
export function searchKeystrokes(queries: string[]): Promise<number[]> {
  const painted = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')!;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const status = () => document.querySelector('.search-status')?.textContent ?? '';
  const answered = () => /results? in|No results|Search failed/.test(status());
  const set = (value: string) => {
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const type = (value: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no results painted for "${value}" within 15 s`)), 15_000);
      const mo = new MutationObserver(() => {
        if (answered()) {
          clearTimeout(timer);
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      set(value);
    });
  return (async () => {
    const samples: number[] = [];
    input.focus();
    for (const q of queries) {
      set(''); // each query starts from an empty box, as when the agent starts a new search
      await type(q.length > 1 ? q.slice(0, -1) : q);
      const t0 = performance.now();
      await type(q);
      await painted();
      samples.push(performance.now() - t0);
    }
    setValue.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return samples;
  })();
}

/**
 * Scrolls the inbox list through `rows` rows over `frames` animation frames while a
 * PerformanceObserver records long tasks (> 50 ms); also reports the longest frame.
 */
export function scrollInbox(args: { rows: number; rowHeight: number; frames: number }): Promise<{ longTasks: number[]; longestFrameMs: number; scrolledRows: number }> {
  const el = document.querySelector<HTMLElement>('.inbox-scroll')!;
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const step = (args.rows * args.rowHeight) / args.frames;
  return new Promise((resolve) => {
    let frame = 0;
    let last = performance.now();
    let longestFrameMs = 0;
    function tick(now: number): void {
      longestFrameMs = Math.max(longestFrameMs, now - last);
      last = now;
      if (frame++ >= args.frames) {
        // Let the last page requests and renders land inside the observation window.
        setTimeout(() => {
          observer.disconnect();
          resolve({ longTasks, longestFrameMs, scrolledRows: Math.round(el.scrollTop / args.rowHeight) });
        }, 500);
        return;
      }
      el.scrollTop = Math.round(frame * step);
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  });
}
