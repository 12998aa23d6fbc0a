import type uPlot from 'uplot';
import type { Band } from './chart-data';

/**
 * Draws each bucket's true min..max behind the lines, from the reduced series core returns:
 * with smoothing on, the band shows how far the raw values spread around the smoothed line.
 */
export function bandsPlugin(getBands: () => Band[], logY: () => boolean): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u) => {
        const ctx = u.ctx;
        const maxW = 3 * devicePixelRatio;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        for (const b of getBands()) {
          ctx.fillStyle = b.colour;
          const n = b.x.length;
          for (let i = 0; i < n; i++) {
            let lo = b.lo[i]!;
            const hi = b.hi[i]!;
            if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
            if (logY()) {
              if (hi <= 0) continue;
              if (lo <= 0) lo = hi;
            }
            const x0 = u.valToPos(b.x[i]!, 'x', true);
            // a bucket is one pixel column: never stretch a band across empty buckets
            const x1 = i + 1 < n ? Math.min(u.valToPos(b.x[i + 1]!, 'x', true), x0 + maxW) : x0 + 1;
            const y0 = u.valToPos(hi, 'y', true);
            const y1 = u.valToPos(lo, 'y', true);
            ctx.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
          }
        }
        ctx.restore();
      },
    },
  };
}
