// The public entry of the web mode, used by `kiln serve` and `npm start`'s fallback.
export { startServer, type ServeOptions, type RunningServer } from './create-server.js';
