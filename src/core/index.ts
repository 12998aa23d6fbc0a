// The public entry of core: main, cli and server import from here, never from core's insides.
export { createCore, defaultKilnHome, type Core } from './create-core.js';
export type { CoreOptions } from './core-options.js';
export { findWorkspaceRoot, isWorkspace } from './workspace/locate-workspace.js';
export { KILN_VERSION } from './version.js';
export type { SecretCipher } from './oci/secret-store.js';
