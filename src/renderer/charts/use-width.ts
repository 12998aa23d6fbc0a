import { useLayoutEffect, useState, type RefObject } from 'react';

/** An element's content width, settled: resizes are debounced so a drag re-queries once. */
export function useWidth(ref: RefObject<HTMLElement | null>, delayMs = 120): number {
  const [width, setWidth] = useState(0);
  // measured before the first paint, so the first series request already has the right width
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.clientWidth));
    let t: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(t);
      t = setTimeout(() => setWidth(Math.floor(el.clientWidth)), delayMs);
    });
    ro.observe(el);
    return () => {
      clearTimeout(t);
      ro.disconnect();
    };
  }, [ref, delayMs]);
  return width;
}
