/** A small spinner for waits under a second or two; longer waits get a ProgressBar. */
export function Spinner({ size = 14 }: { size?: number }) {
  return <span className="spinner" style={{ width: size, height: size }} aria-label="loading" role="status" />;
}
